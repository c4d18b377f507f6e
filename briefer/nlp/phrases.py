"""N-gram statistics of a text: the 1-3 word content phrases, counted once per article.

Candidates are runs of 1-3 content words inside a clause (stop words, digits and
punctuation break a run). The counts, first offsets, capitals and word stems are
gathered in one linear pass; the keyword list (``evidence/keywords.py``) and the key
argument labels (``rank/labels.py``) both score phrases from the same statistics.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from briefer.nlp import language as _language

__all__ = ["MAX_CHARS", "MAX_NGRAM", "WEAK", "Phrases", "content_runs", "phrases", "salience"]

# Longest phrase proposed; labels like "burden shifting" are 2-3 words.
MAX_NGRAM = 3
# Long reports state their vocabulary early; counting the first 60,000 characters
# (~10,000 words) bounds the cost on 100k-word texts (the previous YAKE bound was 20,000).
MAX_CHARS = 60_000
# Hedges, discourse words and number words the stop list misses; they never name a topic
# (a label "billion" on a claim about a $1 billion payment says nothing).
_WEAK_WORDS = """
new real key main major many much several various certain likely possible significant
important including particularly especially recent current former first second third
last next year years time way ways part lot
hundred hundreds thousand thousands million millions billion billions trillion percent
dozen dozens
"""
WEAK = frozenset(_WEAK_WORDS.split())
# A word: letters, inner hyphens and apostrophes, but not a possessive "'s".
_WORD = re.compile(r"[^\W\d_](?:[\w\-]*\w)?(?:[\u2019'](?!s\b)\w+)*")
# Clause breaks: punctuation that ends a phrase (a period only before space or the end).
_BREAK = re.compile(r"[,;:()\[\]\u201c\u201d\"\u2014\u2013!?|]|\.(?:\s|$)|\n")
# One pass over both (they never overlap): a "word" group or a clause break.
_TOKEN = re.compile(rf"(?P<word>{_WORD.pattern})|{_BREAK.pattern}")


@dataclass(slots=True)
class Phrases:
    """N-gram statistics of one text: counts, first offsets and surface forms (lower-cased keys)."""

    count: Counter[str] = field(default_factory=Counter)
    first: dict[str, int] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, float] = field(default_factory=dict)
    stems: Counter[str] = field(default_factory=Counter)
    length: int = 1
    top: float = 1.0  # log1p of the most frequent stem's count
    memo: dict[str, float] = field(default_factory=dict)  # salience of each word seen


def content_runs(text: str, stops: frozenset[str]) -> list[list[re.Match[str]]]:
    """Maximal runs of consecutive content words, never across a clause break."""
    runs: list[list[re.Match[str]]] = [[]]
    for match in _TOKEN.finditer(text):
        word = match.group("word")
        if word is None or len(word) < 3 or word.lower() in stops:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(match)
    return [r for r in runs if r]


def _initial(text: str, at: int) -> bool:
    """True when the word at ``at`` opens a sentence (its capital says nothing)."""
    before = text[max(0, at - 3) : at].rstrip()
    return not before or before[-1] in '.!?\n\u201c"'


def phrases(text: str, language: str = "english") -> Phrases:
    """Count every 1-3 word content phrase of ``text`` (its first MAX_CHARS) in one pass."""
    text = text[:MAX_CHARS]
    stats = Phrases(length=max(1, len(text)))
    stops = _language.stop_words(language) | WEAK
    for run in content_runs(text, stops):
        lowered = [m.group(0).lower() for m in run]
        caps = [m.group(0)[0].isupper() and not _initial(text, m.start()) for m in run]
        for size in range(1, MAX_NGRAM + 1):
            for i in range(len(run) - size + 1):
                key = " ".join(lowered[i : i + size])
                stats.count[key] += 1
                if key not in stats.first:
                    stats.first[key] = run[i].start()
                    stats.surface[key] = text[run[i].start() : run[i + size - 1].end()]
                stats.capitals[key] = stats.capitals.get(key, 0.0) + sum(caps[i : i + size]) / size
    # Stem each distinct word once, from the unigram counts (no second pass over the text).
    for key, n in stats.count.items():
        if " " not in key:
            stem = _language.content_words(key, language)
            if stem:
                stats.stems[stem[0]] += n
    stats.top = math.log1p(max(stats.stems.values(), default=1))
    return stats


def salience(stats: Phrases, key: str, language: str = "english") -> float:
    """Mean of the phrase's words' document frequency (log-scaled to [0, 1])."""
    values = []
    for word in key.split():
        if word not in stats.memo:
            stem = _language.content_words(word, language)
            stats.memo[word] = math.log1p(stats.stems[stem[0]]) / stats.top if stem else 0.0
        values.append(stats.memo[word])
    return (max(values) + sum(values) / len(values)) / 2 if values else 0.0
