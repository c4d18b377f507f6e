"""Languages: which one a text is in, and sumy's stemmers and stop words for it.

The only place that maps languages to sumy's names (ISO 639-1 codes in the metadata,
sumy's English names for its stemmers and stop-word lists), and one of the two modules
that import sumy (``rank/ratings.py`` is the other): sumy's Snowball stemmer and its
packaged stop words need no NLTK data, so they work offline.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache

from briefer.errors import SummarizeError
from briefer.nlp.sentences import words

__all__ = [
    "SUMY_STEMMERS",
    "content_words",
    "detect_language",
    "language_note",
    "stemmer",
    "stop_words",
    "sumy_language",
]

logger = logging.getLogger(__name__)

# Scripts whose text has no spaces, so stop-word overlap cannot work; guess from characters.
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\d_]+")
# sumy's packaged stop-word lists (sumy/data/stopwords) and their ISO 639-1 codes.
_SUMY_LANGUAGES = {
    "english": "en",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "czech": "cs",
    "slovak": "sk",
    "polish": "pl",
    "swedish": "sv",
    "greek": "el",
    "ukrainian": "uk",
    "arabic": "ar",
    "hebrew": "he",
}
# ISO 639-1 codes of the languages sumy can stem (NLTK's Snowball stemmers plus sumy's own,
# some of them the null stemmer for scripts without inflection to strip) -> sumy's name.
SUMY_STEMMERS = {
    **{code: name for name, code in _SUMY_LANGUAGES.items()},
    "zh": "chinese",
    "ja": "japanese",
    "ko": "korean",
    "ru": "russian",
    "nl": "dutch",
    "da": "danish",
    "fi": "finnish",
    "hu": "hungarian",
    "no": "norwegian",
    "nb": "norwegian",
    "ro": "romanian",
}
# Scripts used by one main language, for text whose language has no sumy stop-word list
# (so the overlap test below cannot name it). Checked in order; Cyrillic comes after the
# Ukrainian stop words have had their chance.
_SCRIPTS = (
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
    (re.compile(r"[\u0900-\u097f]"), "hi"),
    (re.compile(r"[\u0980-\u09ff]"), "bn"),
    (re.compile(r"[\u0b80-\u0bff]"), "ta"),
    (re.compile(r"[\u0c00-\u0c7f]"), "te"),
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
    (re.compile(r"[\u0590-\u05ff]"), "he"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
)
# Share of a sample's letters in one script above which the script names the language.
_MIN_SCRIPT_SHARE = 0.5
# Below this share of stop words among the sampled tokens we do not trust the guess.
_MIN_STOPWORD_SHARE = 0.08
_LANGUAGE_SAMPLE_WORDS = 2000


def detect_language(text: str) -> str | None:
    """Guess the ISO 639-1 code of ``text`` from stop-word overlap (sumy's lists), or None."""
    sample = text[:20000]
    cjk = len(_HAN.findall(sample)) + len(_KANA.findall(sample)) + len(_HANGUL.findall(sample))
    if cjk > len(sample) / 10:
        if _HANGUL.search(sample):
            return "ko"
        return "ja" if _KANA.search(sample) else "zh"
    words = [w.lower() for w in _WORD.findall(sample)[:_LANGUAGE_SAMPLE_WORDS]]
    if not words:
        return None
    counts = Counter(words)
    scores = {
        code: sum(counts[w] for w in stops & counts.keys()) for code, stops in _stop_words().items()
    }
    code, hits = max(scores.items(), key=lambda item: item[1])
    return code if hits / len(words) >= _MIN_STOPWORD_SHARE else _script_language(sample)


def _script_language(sample: str) -> str | None:
    """The language a script mostly means, when most of the letters are in that script."""
    letters = sum(1 for ch in sample if ch.isalpha())
    for pattern, code in _SCRIPTS:
        if letters and len(pattern.findall(sample)) / letters > _MIN_SCRIPT_SHARE:
            return code
    return None


@cache
def _stop_words() -> dict[str, frozenset[str]]:
    from sumy.utils import get_stop_words  # lazy: sumy pulls in nltk

    lists: dict[str, frozenset[str]] = {}
    for name, code in _SUMY_LANGUAGES.items():
        try:
            lists[code] = frozenset(get_stop_words(name))
        except LookupError:  # pragma: no cover - a list missing from this sumy version
            logger.debug("sumy has no stop words for %s", name)
    return lists


def sumy_language(code: str | None) -> str:
    """sumy's name for an ISO 639-1 code (its stemmers and stop words); English if unknown."""
    name = SUMY_STEMMERS.get((code or "en").lower()[:2], "english")
    return name if _stemmer_problem(name) is None else "english"


def language_note(code: str | None) -> str | None:
    """Why a known language is not ranked with its own rules, or None when it is."""
    iso = (code or "en").lower()[:2]
    name = SUMY_STEMMERS.get(iso)
    # sumy has no null-language mode that briefer's ratings accept; English rules are the
    # nearest: its stemmer and stop words leave words of other scripts as they are.
    if name is None:
        return f"sumy has no stemmer or stop words for {iso!r}; ranked with the English ones"
    problem = _stemmer_problem(name)
    return None if problem is None else f"{problem}; ranked with the English stemmer"


@functools.cache
def _stemmer_problem(name: str) -> str | None:
    """Why sumy's stemmer for ``name`` cannot run here, or None if it can.

    sumy's Polish and Greek stemmers import optional packages (pystempel,
    greek-stemmer-pos) on first use and raise ValueError without them.
    """
    from sumy.nlp.stemmers import Stemmer

    try:
        Stemmer(name)("test")
    except (LookupError, ValueError, ImportError) as exc:
        return str(exc).rstrip(".")
    return None


@lru_cache(maxsize=8)
def stemmer(language: str) -> Callable[[str], str]:
    from sumy.nlp.stemmers import Stemmer

    try:
        stem = Stemmer(language)
    except LookupError as exc:
        raise SummarizeError(f"no stemmer for language {language!r}") from exc
    # Snowball stemming dominates run time on long texts; words repeat a lot.
    cached: Callable[[str], str] = lru_cache(maxsize=65536)(stem)

    def cased_only(word: str) -> str:
        # Caseless tokens (digits, most non-Latin scripts) have nothing to stem, and sumy's
        # Czech/Slovak stemmer warns on each one; leave them as they are.
        return cached(word) if word.islower() or word.istitle() or word.isupper() else word

    return cased_only


@lru_cache(maxsize=8)
def stop_words(language: str) -> frozenset[str]:
    """sumy's packaged stop words for ``language`` (empty if it has none)."""
    from sumy.utils import get_stop_words

    try:
        return frozenset(get_stop_words(language))
    except LookupError:
        return frozenset()


def content_words(text: str, language: str = "english") -> list[str]:
    """Lower-cased, stemmed words of ``text`` without stop words or bare numbers."""
    stem, stops = stemmer(language), stop_words(language)
    lowered = (w.lower() for w in words(text))
    return [stem(w) for w in lowered if w not in stops and not w.isdigit()]
