"""Keyphrases from n-gram statistics: verbatim from the text, de-duplicated, deterministic.

YAKE (Campos et al. 2020) ranked phrases well but cost 80 ms of a 110 ms briefing on
the sample. This keeps its cheap ingredients and drops its per-word context graph:
candidates are runs of 1-3 content words inside a clause (stop words, digits and
punctuation break a run); a phrase scores by how often it occurs, how salient its
words are across the document, whether it is written in capitals (names and
acronyms are what YAKE's casing feature rewards) and how early it first appears.
The counts come from ``nlp/phrases.py``, one pass per article; ``rank/labels.py`` reuses them.
"""

from __future__ import annotations

import math

from briefer.nlp.phrases import Phrases, phrases, salience

__all__ = ["keyphrases", "ranked"]

# Single words are vague and three words rarely recur; two-word phrases name topics.
# Multipliers checked by eye against YAKE's picks on the sample and six dev reports.
LENGTH_PREFERENCE = {1: 0.5, 2: 1.0, 3: 0.85}
# A phrase seen only once is a chance pairing, not a keyphrase.
MIN_COUNT = 2
# YAKE's casing feature: phrases written in capitals (names, acronyms) are keyphrases
# more often; the share of capitalised, non-sentence-initial words adds this much.
CASE_BONUS = 0.5
# YAKE's position feature: topic words appear early. The first occurrence's relative
# offset costs up to this share of the score.
POSITION_WEIGHT = 0.3
# Most keyphrases any caller asks for (the card shows 8).
CANDIDATES = 40


def _score(stats: Phrases, key: str, language: str) -> float:
    n = stats.count[key]
    size = len(key.split())
    caps = stats.capitals[key] / n
    early = 1 - POSITION_WEIGHT * stats.first[key] / stats.length
    return (
        math.log1p(n)
        * salience(stats, key, language)
        * LENGTH_PREFERENCE[size]
        * (1 + CASE_BONUS * caps)
        * early
    )


def keyphrases(text: str, *, language: str = "english", top: int = 10) -> tuple[str, ...]:
    """Best ``top`` keyphrases, best first, each spelled exactly as in ``text``."""
    return ranked(phrases(text, language), language)[:top]


def ranked(stats: Phrases, language: str = "english") -> tuple[str, ...]:
    """The best ``CANDIDATES`` keyphrases of already counted statistics, best first."""
    keys = [k for k, n in stats.count.items() if n >= MIN_COUNT]
    keys.sort(key=lambda k: (-_score(stats, k, language), stats.first[k]))
    found: list[str] = []
    for key in keys:
        if len(found) >= CANDIDATES:
            break
        if not _covered(key, found):
            found.append(key)
    return tuple(stats.surface[k] for k in found)


def _covered(phrase: str, found: list[str]) -> bool:
    """Drop a phrase whose words are all inside a better one, or vice versa."""
    words = set(phrase.split())
    return any(words <= set(f.split()) or set(f.split()) <= words for f in found)
