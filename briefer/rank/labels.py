"""Argument labels: a short keyphrase, verbatim from the claim, that names what it argues.

Candidates are runs of 1-3 content words inside one clause of the claim (stop words,
digits and punctuation break a run; ``keywords.content_runs``). Each scores by how
salient its words are in the whole document and how often the phrase itself recurs,
both read from the n-gram counts ``keywords.phrases`` already made for the keyword
list. Common-noun phrases beat names ("United States"), and a phrase must not open
on a verb form or close on an adjective ("maintaining small American").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.nlp import language as _language
from briefer.nlp.phrases import WEAK, Phrases, content_runs, salience

__all__ = ["Labeler"]

LABEL_MAX_WORDS = 3
# Two-word phrases name an argument best ("burden shifting"); one word is vague, three
# is the most a label line holds. Tuned by eye on the sample and six dev reports.
LENGTH_PREFERENCE = {1: 0.45, 2: 1.0, 3: 0.8}
# A multi-word phrase that recurs verbatim in the document is a term of the argument,
# not a chance pairing: each extra occurrence (up to REPEAT_CAP) adds this share.
REPEAT_BONUS = 0.25
REPEAT_CAP = 4
# Capitalised words (not sentence-initial) name people, places or bodies: who, not
# what. Each one multiplies the score by this, so "European partners" pays it once and
# "Operation Barkhane" twice; a name wins only where the claim offers nothing else.
PROPER_PENALTY = 0.35
# A phrase opening on a verb form or closing on an adjective is a fragment.
DANGLING_PENALTY = 0.3
# Labels tell arguments apart: each word stem a candidate shares with an earlier label
# multiplies its score by this ("cryptocurrency mining" after "cryptocurrencies").
REUSED_WORD_PENALTY = 0.5
_ADJECTIVE_END = re.compile(
    r"(?:al|ive|ous|ic|ful|able|ible|ish|less|ary|an|ese|est|ly|[^e]ed|-led|-based)$", re.I
)
_NOUN_END = re.compile(r"(?:tion|sion|ment|ness|ity|ship|ism|ist|ance|ence|ure|cy|er|or|s)$", re.I)
# A first word in "-ing" or "-ly" opens a verb phrase or an adverb ("maintaining small",
# "lawfully marketed"); "-ed" participles often modify a noun ("regulated products").
_VERB_START = re.compile(r"^\w+(?:ing|ly)$", re.IGNORECASE)
# Common irregular past forms: a phrase ending on one is a clause ("GAO met", "court held").
_PAST_FORMS = """
met held made said found took gave came went began became brought sought thought told
set put kept left paid won lost sent built spent meant saw knew wrote chose
"""
_PAST = frozenset(_PAST_FORMS.split())
# "to share decision making": after "to", the first word is a verb, not a noun.
_INFINITIVE = re.compile(r"\bto\s+$", re.IGNORECASE)
# An "-ing" word followed by a determiner takes an object: a verb ("revisiting its
# reluctance"), not a gerund noun ("burden shifting, a process").
_OBJECT = re.compile(r"\s+(?:the|a|an|its|their|his|her|our|this|that|these|those|them|it)\b")


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    words: tuple[str, ...]
    capitalised: int  # capitalised words that do not open the sentence
    verb: bool  # a verb form by context: "-ing" taking an object, or after "to"


class Labeler:
    """Label the claims of one document; each label is used at most once."""

    def __init__(self, stats: Phrases, language: str = "english") -> None:
        self._language = language
        self._stats = stats
        self._stops = _language.stop_words(language) | WEAK
        self._used: set[str] = set()
        self._used_stems: set[str] = set()

    def label(self, claim: str) -> str:
        """The best candidate phrase of ``claim``, spelled as in the claim."""
        candidates = [c for c in self.candidates(claim) if c.text.lower() not in self._used]
        if not candidates:
            return " ".join(claim.split()[:LABEL_MAX_WORDS])
        best = max(candidates, key=lambda c: (self._fresh(c), -claim.find(c.text)))
        self._used.add(best.text.lower())
        self._used_stems.update(self._stems(best))
        return best.text

    def _stems(self, c: _Candidate) -> set[str]:
        return set(_language.content_words(" ".join(c.words), self._language))

    def _fresh(self, c: _Candidate) -> float:
        """``score``, less for each word stem an earlier label already used."""
        shared = len(self._stems(c) & self._used_stems)
        return self.score(c) * float(REUSED_WORD_PENALTY**shared)

    def candidates(self, claim: str) -> list[_Candidate]:
        """Every run of 1-3 content words inside one clause of ``claim``."""
        out: list[_Candidate] = []
        for run in content_runs(claim, self._stops):
            for size in range(1, LABEL_MAX_WORDS + 1):
                out.extend(_candidate(claim, run[i : i + size]) for i in range(len(run) - size + 1))
        return out

    def score(self, c: _Candidate) -> float:
        """Salience in the document, times preferences for length, repeats and form."""
        key = " ".join(w.lower() for w in c.words)
        score = salience(self._stats, key, self._language)
        score *= LENGTH_PREFERENCE[len(c.words)]
        if len(c.words) > 1:
            repeats = self._stats.count[key] - 1
            score *= 1 + REPEAT_BONUS * min(max(repeats, 0), REPEAT_CAP)
        score *= float(PROPER_PENALTY**c.capitalised)
        return score * (DANGLING_PENALTY if c.verb or _dangles(c.words) else 1.0)


def _candidate(claim: str, part: list[re.Match[str]]) -> _Candidate:
    words = tuple(m.group(0) for m in part)
    caps = sum(w[0].isupper() and m.start() > 0 for w, m in zip(words, part, strict=True))
    verb = words[-1].endswith("ing") and bool(_OBJECT.match(claim, part[-1].end()))
    verb = verb or bool(_INFINITIVE.search(claim, 0, part[0].start()))
    return _Candidate(claim[part[0].start() : part[-1].end()], words, caps, verb)


def _dangles(words: Sequence[str]) -> bool:
    """A phrase opening on a verb form or closing on an adjective names no thing."""
    if len(words) > 1 and _VERB_START.match(words[0]):
        return True
    last = words[-1]
    if last.lower() in _PAST:
        return True
    return bool(_ADJECTIVE_END.search(last)) and not _NOUN_END.search(last)
