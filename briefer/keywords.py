"""Keyphrases via YAKE: verbatim from the text, de-duplicated, deterministic."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["keyphrases"]

# YAKE wants ISO 639-1 codes; sumy and briefer speak language names.
_YAKE_CODES = {
    "english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "czech": "cz", "slovak": "sk", "polish": "pl",
    "russian": "ru", "ukrainian": "uk", "greek": "el", "swedish": "sv", "finnish": "fi",
}  # fmt: skip
# Longest phrase YAKE proposes; labels like "burden shifting" are 2-3 words.
MAX_NGRAM = 3
# YAKE's own near-duplicate filter (sequence-matcher similarity); lower keeps fewer
# variants of one phrase ("United States", "United States withdrew").
DEDUP_LIMIT = 0.7
# Candidates asked from YAKE before our own containment de-duplication.
CANDIDATES = 40
# YAKE is the slow part of a briefing; on long reports the opening carries the
# topic vocabulary, and this bound keeps keyphrases under ~0.2 s.
MAX_CHARS = 20_000


def keyphrases(text: str, *, language: str = "english", top: int = 10) -> tuple[str, ...]:
    """Best ``top`` keyphrases, best first, each spelled exactly as in ``text``."""
    return _keyphrases(text[:MAX_CHARS], language)[:top]


# One YAKE run per text serves every caller (ranking labels, the keyword list).
@lru_cache(maxsize=32)
def _keyphrases(text: str, language: str) -> tuple[str, ...]:
    import yake

    code = _YAKE_CODES.get(language.lower(), language[:2].lower())
    extractor = yake.KeywordExtractor(lan=code, n=MAX_NGRAM, dedup_lim=DEDUP_LIMIT, top=CANDIDATES)
    found: list[str] = []
    for phrase, _score in extractor.extract_keywords(text):
        surface = _verbatim(text, phrase)
        if surface and not _covered(surface, found):
            found.append(surface)
    return tuple(found)


def _verbatim(text: str, phrase: str) -> str | None:
    """The first occurrence of ``phrase`` in ``text`` (any case, any spacing), as written."""
    words = [re.escape(w) for w in phrase.split()]
    match = re.search(r"\b" + r"\s+".join(words) + r"\b", text, re.IGNORECASE)
    return match.group(0) if match else None


def _covered(phrase: str, found: list[str]) -> bool:
    """Drop a phrase whose words are all inside a better one, or vice versa."""
    words = set(phrase.lower().split())
    return any(words <= set(f.lower().split()) or set(f.lower().split()) <= words for f in found)
