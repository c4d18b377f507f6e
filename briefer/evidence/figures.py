"""Figures (counts, money, percentages, dates) and the author's recommendations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefer.model import BlockKind, Sentence
from briefer.nlp.analysis import Analysis
from briefer.nlp.cues import (
    CHROME,
    DEPENDENT,
    EXAMPLE,
    MIN_CLAIM_WORDS,
    is_prescriptive,
    is_table_row,
)
from briefer.nlp.language import stop_words

__all__ = ["FigureSpan", "figures", "recommendations"]

# A recommendation must be the author's: sentences at least this much quoted are
# someone else's words (evidence), not the author's prescription.
MAX_QUOTED_SHARE = 0.5
# Words after a number that can name what it counts ("5,000 French forces").
MAX_UNIT_WORDS = 3

# Thousands separators only between digit groups: "2018, Trump" is a year and a name.
_NUM = r"(?<![\w\-/])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|hundred|bn|mn|m|k)\b)?"
_RANGE = rf"{_NUM}(?:\s?(?:[\u2013\-]|to)\s?{_NUM})?{_SCALE}"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PATTERNS = (
    ("money", re.compile(rf"(?:US)?[$€£¥]\s?{_RANGE}|{_RANGE}\s(?:dollars|euros|pounds|yen)\b")),
    ("percent", re.compile(rf"{_RANGE}\s?(?:%|percent\b|per cent\b|percentage points?\b)")),
    ("date", re.compile(rf"\b{_MONTH}\s\d{{1,2}}(?:,\s\d{{4}})?\b|\b{_MONTH}\s(?:19|20)\d{{2}}\b")),
    (
        "count",
        re.compile(rf"{_RANGE}(?P<unit>(?:\s+[A-Za-z][\w\-\u2019']*){{1,{MAX_UNIT_WORDS}}})"),
    ),
    ("date", re.compile(r"(?<![\w\-/$])(?:1[89]|20)\d{2}s?\b(?![\-/]\d)")),
)
_DIGIT = re.compile(r"\d")
# A plural noun ("pieces", "forces"), not "news", "status" or "analysis".
_PLURAL = re.compile(r"(?<![sui])(?<!new)s$", re.IGNORECASE)
# English nouns that count without a plural "-s", and unit symbols ("800 personnel",
# "40 km"). In English, what a number counts ends on one of these or on a plural; "2018
# physical" (a year) and "13,000 false" (an adjective cut from its noun) count nothing.
_COLLECTIVE_WORDS = """
personnel people staff police cattle livestock children men women feet teeth crew
military infantry aircraft data media sheep fish deer offspring km kg mph ha mw gw kw
mwh gwh kwh cm mm ft lb lbs oz
"""
_COLLECTIVE = frozenset(_COLLECTIVE_WORDS.split())
# Words that end the "what it counts" phrase: verbs, prepositions, articles.
_UNIT_STOP = re.compile(
    r"^(?:are|is|was|were|be|been|have|has|had|will|would|can|could|of|in|on|at|to|for|"
    r"from|by|with|and|or|but|the|a|an|that|which|who|as|than|since|after|before|\w+ing|\w+ed|"
    r"left|went|came|took|made|fell|rose|died|fled|lost|won|got|held|met|ran|saw|said|told|"
    r"gave|paid|spent|sent|kept|became|remain|remains|live|lived|work|worked)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FigureSpan:
    """A number in context: ``article.text[start:end] == text``."""

    text: str
    kind: str  # "count", "money", "percent" or "date"
    start: int
    end: int
    context: Sentence
    counts: str | None = None  # what a count counts ("French forces"), when stated


def figures(analysis: Analysis) -> tuple[FigureSpan, ...]:
    """Counts with what they count, money, percentages and dates, in document order.

    The analysis' language (sumy's name) matters: its stop words end what a count
    counts ("209 Français ont" counts "Français"); English also needs the counted noun
    to be plural.
    """
    language = analysis.language
    stops = frozenset() if language == "english" else stop_words(language)
    found: list[FigureSpan] = []
    for sentence, chrome in zip(analysis.sentences, analysis.chrome, strict=True):
        if not _DIGIT.search(sentence.text):
            continue  # every pattern needs a digit; most prose sentences have none
        if chrome or CHROME.match(sentence.text):
            continue  # a caption's or a source note's numbers are not the article's
        if sentence.paragraph in analysis.cited:
            continue  # "Sexual Assault Reports Increase 8%" is a cited headline's number
        if is_table_row(sentence.text):
            continue  # "2024 | $900 | 2,000": a cell counts what only its header names
        taken: list[tuple[int, int]] = []
        for kind, pattern in _PATTERNS:
            for match in pattern.finditer(sentence.text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                figure = _figure(kind, match, sentence, stops, language == "english")
                if figure is not None:
                    taken.append((match.start(), match.end()))
                    found.append(figure)
    return tuple(sorted(found, key=lambda f: f.start))


# A number after one of these words labels a part of the document ("Table 5 lists",
# "Section 3 requires"), it does not count anything.
_REFERENCE = re.compile(
    r"(?:Table|Figure|Fig\.|Section|Sec\.|Chapter|Part|Appendix|Title|Article|No\.|Vol\.|"
    r"Box|Step|Phase|Tier|Level|Class|Category|Version)\s*$",
    re.IGNORECASE,
)


def _figure(
    kind: str, match: re.Match[str], sentence: Sentence, stops: frozenset[str], english: bool
) -> FigureSpan | None:
    text, counts = match.group(0), None
    if kind == "count" and _REFERENCE.search(sentence.text[: match.start()]):
        return None
    if kind == "count":
        unit = _unit(match.group("unit"), stops, english)
        if not unit:
            return None
        counts = unit
        text = match.group(0)[: match.start("unit") - match.start()]
        text = text + match.group("unit")[: match.group("unit").find(unit) + len(unit)]
    start = sentence.start + match.start()
    return FigureSpan(text, kind, start, start + len(text), sentence, counts)


def _unit(tail: str, stops: frozenset[str] = frozenset(), english: bool = True) -> str:
    """The leading noun phrase of ``tail``: words up to the first verb or function word."""
    kept: list[str] = []
    for word in tail.split():
        if _UNIT_STOP.match(word) and not (kept == [] and word.lower() == "years"):
            break
        if word.lower() in stops:
            break
        # After a plural head, a lower-case "-s" word is its verb: "2,000 pieces bears".
        if kept and _PLURAL.search(kept[-1]) and word.islower() and word.endswith("s"):
            break
        kept.append(word)
    if english:
        heads = [i for i, word in enumerate(kept) if _counts_things(word.rstrip(".,;:"))]
        kept = kept[: heads[-1] + 1] if heads else []
    return " ".join(kept).rstrip(".,;:")


def _counts_things(word: str) -> bool:
    return bool(_PLURAL.search(word)) or word.lower() in _COLLECTIVE or word.isupper()


def recommendations(analysis: Analysis) -> tuple[Sentence, ...]:
    """The author's prescriptive sentences (should, must, needs to, calls for ...)."""
    kinds = [p.kind for p in analysis.article.paragraphs]
    return tuple(
        s
        for s, share, chrome in zip(
            analysis.sentences, analysis.quoted, analysis.chrome, strict=True
        )
        if is_prescriptive(s.text)
        and not EXAMPLE.match(s.text)  # "Another example is X, which must ...": a case
        # Read alone on the card, a recommendation must stand on its own like a claim:
        # "It is time to step up and do so." and "But it must act." lean on the last one.
        and not DEPENDENT.match(s.text)
        and len(s.text.split()) >= MIN_CLAIM_WORDS
        and share < MAX_QUOTED_SHARE
        and kinds[s.paragraph] not in (BlockKind.QUOTE, BlockKind.HEADING)
        and not chrome
    )
