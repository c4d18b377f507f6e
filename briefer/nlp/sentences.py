"""Offline sentence splitting with character spans, an article's sentences, and a sumy tokenizer.

Why hand-written rules and not a library (measured with ``bench/segment_eval.py``): pysbd
passes 47/48 English Golden Rules but took 3.5-4.9 s on 100,000 words, nearly the whole 5 s
budget for a brief of that size; syntok passes 34/48. These rules also pass 47/48 (all but
case 18, which pysbd marks as an expected failure too) in 0.07 s on 100,000 words (50-100x
faster), need no NLTK data, and run in linear time: one regex pass finds candidate
boundaries and each candidate is judged from a bounded window around it.

A candidate is terminal punctuation (plus closing quotes/brackets) followed by whitespace.
It is rejected when the next word starts in lower case, when it closes a list marker
("1.", "b.)"), or when the token before the period is an abbreviation (see the lists).
Blank lines and list items ("1) … 2) …", "• … • …", a new line starting "- ") always cut.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from enum import Enum

from briefer.model import Article, Sentence

__all__ = ["MAX_SENTENCE_CHARS", "Tokenizer", "segment", "split_spans", "words"]

# A "sentence" longer than this is cut at whitespace: real sentences stay far below it, and
# it keeps unpunctuated dumps (a 5 MB single line) from reaching sumy as one giant sentence.
MAX_SENTENCE_CHARS = 5_000
# Words longer than this are cut to it: no real word is that long, but unspaced runs (a
# 5 MB line of one letter, a long URL) are, and Snowball stemming is superlinear in the
# length of a word (a 5,000-character token took 0.5 s).
MAX_WORD_CHARS = 100
# Characters looked at around a candidate; a longer token is never an abbreviation, and the
# bound keeps the work per candidate constant (so the whole split stays linear).
_WINDOW = 64

# The Greek question mark (U+037E), the Devanagari danda and double danda, the Urdu full
# stop, the Armenian, Ethiopic, Myanmar and Khmer full stops. U+037E is written as an
# escape: it is canonically equivalent to ";", and an NFC-normalising edit had turned it
# into a plain semicolon, which cut "(OBRA90; P.L. 99-514)" in two.
_TERMINALS = ".!?…‼‽⁇⁈⁉\u037e؟।॥۔։።။។"
_CLOSERS = "\"'\u201d\u2019\u00bb)\\]}"  # straight and curly quotes, », brackets
_OPENERS = "\"'\u201c\u2018\u00ab(\\[\u00bf\u00a1"  # quotes, «, brackets, ¿ ¡
_CJK_STOPS = "\u3002\uff01\uff1f"  # ideographic full stop, fullwidth ! and ?
_CJK_CLOSERS = "\u300d\u300f\u201d\u2019\uff09)"  # corner brackets, quotes, parenthesis
_CANDIDATE = re.compile(
    # One character class first, so that re scans for candidates at C speed.
    rf"[{_TERMINALS}{_CJK_STOPS}]"
    # CJK full stops need no following space.
    rf"(?:(?<=[{_CJK_STOPS}])[{_CJK_STOPS}]*[{_CJK_CLOSERS}]*"
    # Otherwise: a run matched from its first character ("[...]" is an omission mark), spaced
    # as in ". . .", then closing quotes/brackets, then whitespace.
    rf"|(?<![\[{_TERMINALS}][{_TERMINALS}])[{_TERMINALS}]*(?:[ \u00a0][{_TERMINALS}]+)*"
    rf"[{_CLOSERS}]*(?=\s|\Z)"
    # A lower-case next word never starts a sentence: rejecting it here, not in Python, keeps
    # texts with thousands of inner periods ("a. b. c.") fast.
    rf"(?!\s+[{_OPENERS}]*[a-z]))"
)
# bullet, hyphen bullet, triangular bullet, small black square, white bullet
_BULLETS = "\u2022\u2043\u2023\u25aa\u25e6"
_NEXT_WORD = re.compile(rf"\s*[{_OPENERS}]*(?P<word>[^\s{_CLOSERS}]{{0,32}})")
_TOKEN_SEPARATORS = re.compile(r"[\s\u2014\u2013/]+")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # U.S, a.m, H.R, E (an initial)
# A list marker alone: "1.", "2.)", "b)", "iv.", "• 9." (a period after it ends nothing).
_LIST_MARKER = re.compile(
    rf"\s*(?:[{_BULLETS}*\-\u2013]\s*)?(?:\d{{1,3}}|[A-Za-z]|[ivx]{{1,4}})(?:\.\)|[.)])"
)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")  # a run of blank lines is one cut
_LINE_ITEM = re.compile(rf"\n[^\S\n]*(?=(?:[{_BULLETS}*\-\u2013]|\d{{1,3}}[.)]|[a-z][.)])\s)")
_FIRST_NUMBERED = re.compile(r"\s*(?P<num>\d{1,3}|[a-z])(?P<close>\.\)|\)|\.)\s")
_NON_SPACE = re.compile(r"\S")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Abbreviations, lower case, without the final period. Titles and Latin connectives go before
# a name or phrase, so a period after them never ends a sentence in news text.
_PREFIX = _wordset(
    "mr mrs ms messrs dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov pres supt "
    "amb atty rev hon fr st mt ft sec e.g i.e cf viz vs v approx ca incl "
    "z.b bzw usw vgl sra srta mme mlle dott sig"
)
# Before a number these never end a sentence (No. 5, Jan. 6, p. 55); otherwise ambiguous.
# The legal citations policy reports are full of count too: 123 Stat. 115, H.J.Res. 35,
# 89 Fed. Reg. 91094, Pt. 2, cl. 3.
_NUMERIC = _wordset(
    "no nos n° nr p pp vol vols ch art para fig figs tel ref op "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "stat res reg supp pt cl"
)
# Citation abbreviations whose next word is part of the same name, so a capital after
# them starts nothing: "Pub. L. No. 111-5", "89 Fed. Reg. 91094" ("the Fed." alone still
# ends a sentence).
_CITATIONS = frozenset({("pub", "l."), ("fed", "reg.")})
# These can end a sentence: cut only before a typical sentence starter (Golden Rules).
_AMBIGUOUS = _wordset("co corp inc ltd llc bros jr sr etc al dept univ assn govt est ave blvd rd")
# Words that start sentences but rarely follow "U.S." or "Co." inside one (from the
# Pragmatic Segmenter's list, plus common pronouns and connectives of news prose).
_STARTERS = _wordset(
    "A Being Did For He How However I In It Millions More She That The There They We What "
    "When Where Who Why This These Those But And As At After If On Our So Some Such To "
    "While With You Yet Its His Her Their Many Most Since Still Then Thus Although An "
    "Both Each Even Here Meanwhile Now Only Other Others"
)
# Only English has a starter list; elsewhere an ambiguous abbreviation never cuts, because
# a missed boundary costs an extractive summary less than a sentence cut in two.
_STARTERS_BY_LANGUAGE = {"english": _STARTERS}
_LANGUAGE_ALIASES = {"en": "english", "eng": "english"}  # sumy also accepts ISO codes

_JOINERS = "'\u2019\\-\u2010\u2011"  # apostrophes and hyphens that stay inside a word
_WORD = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initialisms keep their dots: U.S., e.g.
    rf"|\d+(?:[.,:/]\d+)*[^\W_]*(?:[{_JOINERS}][^\W_]+)*"  # 5,000  3.14  9/11  19-year-old
    rf"|[^\W_]+(?:[{_JOINERS}][^\W_]+)*"  # words: can't, al-Qaeda, COVID-19
)


class _Abbrev(Enum):
    PREFIX = "prefix"
    NUMERIC = "numeric"
    AMBIGUOUS = "ambiguous"


def _normalize(language: str) -> str:
    low = language.lower()
    return _LANGUAGE_ALIASES.get(low, low)


def _abbrev_kind(token: str) -> _Abbrev | None:
    low = token.lower()
    if "." in low and not _INITIALISM.fullmatch(token):
        low = low.rsplit(".", 1)[1]  # "H.J.Res", "S.Con.Res": the last part is the word
    if low in _PREFIX:
        return _Abbrev.PREFIX
    if low in _NUMERIC:
        return _Abbrev.NUMERIC
    if low in _AMBIGUOUS or _INITIALISM.fullmatch(token):
        return _Abbrev.AMBIGUOUS
    return None


def _token_before(text: str, pos: int) -> str:
    """The token ending at ``pos`` (without opening quotes), or "" after whitespace.

    Dashes and slashes join tokens without a space ("the Act—H.R. 6983"), so they
    separate them here too. Markdown emphasis is not part of the token ("the _U.S. Code_").
    """
    if pos == 0 or text[pos - 1].isspace():
        return ""
    parts = _TOKEN_SEPARATORS.split(text[max(0, pos - _WINDOW) : pos])
    return parts[-1].lstrip(_OPENERS + "_*") if parts else ""


def _ellipsis_cut(text: str, run_start: int, run: str) -> int | None:
    """Where a spaced ellipsis (". . .") cuts: -1 for never, None for the usual rules."""
    if " " not in run and "\u00a0" not in run:
        return None
    if run_start > 0 and text[run_start - 1].isspace():
        # " . . . " is an omission inside a sentence; " . . . . " ends one.
        return -1 if run.count(".") <= 3 else None
    # "compounds. . . . The": the word's own period ends it, the ellipsis opens the next.
    return run_start + 1


def _cut_at(text: str, m: re.Match[str], start: int, starters: frozenset[str]) -> int | None:
    """Where the candidate ``m`` ends a sentence begun at ``start``, or None."""
    if m[0][0] in _CJK_STOPS:
        return m.end()
    run = m[0].rstrip(_CLOSERS)
    if m.end() - start <= _WINDOW and _LIST_MARKER.fullmatch(text, start, m.end()):
        return None
    nxt = _NEXT_WORD.match(text, m.end())
    word = nxt["word"] if nxt else ""
    if not word or word[0].islower():
        return None
    cut = _ellipsis_cut(text, m.start(), run)
    if cut is not None:
        return None if cut < 0 else cut
    if run != ".":
        return m.end()
    token = _token_before(text, m.start())
    if (token.lower(), word.lower()) in _CITATIONS:
        return None
    kind = _abbrev_kind(token)
    if kind is None:
        return m.end()
    if kind is _Abbrev.PREFIX or (kind is _Abbrev.NUMERIC and word[0].isdigit()):
        return None
    return m.end() if word.rstrip(".,;:") in starters else None


def _numbered_items(text: str) -> Iterator[int]:
    """Starts of items 2, 3, … when ``text`` opens an inline list: "1) a 2) b", "a. x b. y"."""
    first = _FIRST_NUMBERED.match(text)
    if first is None:
        return
    num, close = first["num"], first["close"]
    pos = first.end()
    while True:
        num = str(int(num) + 1) if num.isdigit() else chr(ord(num) + 1)
        found = text.find(f" {num}{close} ", pos)
        if found < 0:
            return
        pos = found + 1
        yield pos


def _forced_cuts(text: str) -> list[int]:
    """Cuts that need no judging: blank lines, list items on new lines or inline."""
    cuts = [m.start() for m in _BLANK_LINE.finditer(text)]
    cuts += [m.start() for m in _LINE_ITEM.finditer(text)]
    cuts += _numbered_items(text)
    head = text.lstrip()[:1]
    if head and head in _BULLETS:
        cuts += [m.start() for m in re.finditer(rf"(?<=\s){re.escape(head)}", text)]
    return sorted(set(cuts))


def _cuts(text: str, language: str) -> list[int]:
    forced = _forced_cuts(text)
    starters = _STARTERS_BY_LANGUAGE.get(language, frozenset())
    cuts = list(forced)
    last = 0
    for m in _CANDIDATE.finditer(text):
        i = bisect.bisect_right(forced, m.start())
        start = max(last, forced[i - 1] if i else 0)
        cut = _cut_at(text, m, start, starters)
        if cut is not None:
            cuts.append(cut)
            last = cut
    return sorted(set(cuts))


def _capped(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """Split the stripped span (s, e) at whitespace into pieces of at most MAX_SENTENCE_CHARS."""
    while e - s > MAX_SENTENCE_CHARS:
        hi = s + MAX_SENTENCE_CHARS
        space = max(text.rfind(ch, s + MAX_SENTENCE_CHARS // 2, hi) for ch in " \n\t\u00a0")
        cut = space if space > 0 else hi  # no common space: cut the run of characters itself
        yield s, s + len(text[s:cut].rstrip())
        nxt = _NON_SPACE.search(text, cut)  # always found: text[e - 1] is not whitespace
        s = nxt.start() if nxt else e
    yield s, e


def split_spans(text: str, language: str = "english") -> list[tuple[int, int]]:
    """Return the (start, end) character spans of the sentences in ``text``.

    Spans are in order, do not overlap, have no surrounding whitespace, and together cover
    every non-whitespace character of ``text`` exactly once.
    """
    bounds = [0, *_cuts(text, _normalize(language)), len(text)]
    spans: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(bounds):
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        s = a + len(chunk) - len(chunk.lstrip())
        e = s + len(stripped)
        if e - s <= MAX_SENTENCE_CHARS:
            spans.append((s, e))
        else:
            spans.extend(_capped(text, s, e))
    return spans


def words(text: str) -> list[str]:
    """Words of ``text``: letters/digits with inner hyphens and apostrophes, initialisms."""
    found: list[str] = _WORD.findall(text)
    return [w if len(w) <= MAX_WORD_CHARS else w[:MAX_WORD_CHARS] for w in found]


class Tokenizer:
    """sumy's tokenizer protocol (``language``, ``to_sentences``, ``to_words``), offline."""

    def __init__(self, language: str = "english") -> None:
        self._language = _normalize(language)

    @property
    def language(self) -> str:
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[s:e] for s, e in split_spans(paragraph, self._language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


def segment(article: Article, language: str = "english") -> tuple[Sentence, ...]:
    """Split every paragraph into sentences; ``article.text[s.start:s.end] == s.text``."""
    sentences: list[Sentence] = []
    for paragraph in article.paragraphs:
        for start, end in split_spans(paragraph.text, language):
            text = paragraph.text[start:end]
            # A splitter may leave edge whitespace in a span; trim it so the span is exact.
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            if not text:
                continue
            begin = paragraph.start + start + lead
            sentences.append(
                Sentence(len(sentences), paragraph.index, begin, begin + len(text), text)
            )
    return tuple(sentences)
