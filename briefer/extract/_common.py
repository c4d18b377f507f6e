"""Rules shared by the extractors: block clean-up that no library does for us.

Everything here works on briefer's own :class:`Block` objects, after the
format-specific parser (markdown-it, trafilatura, pypdf, python-docx) is done.
"""

from __future__ import annotations

import re

from briefer.model import Block, BlockKind
from briefer.nlp.cues import is_headline_case

__all__ = [
    "fold",
    "is_caption",
    "is_note_mark",
    "is_section_name",
    "is_site_chrome",
    "is_terminal",
    "join_broken",
    "looks_like_heading",
    "normalize_space",
    "superscript",
    "word_count",
]

# A footnote reference as a superscript or an in-page link shows: "3", "[1]", "a", "iv", "*".
_NOTE_MARK = re.compile(r"\[?(?:\d{1,3}|[a-z]|[ivx]{1,4}|[*\u2020\u2021\u00a7\u00b6])\]?")


def is_note_mark(text: str) -> bool:
    """True for the text of a footnote reference ("3", "[12]", "a", "*")."""
    return bool(_NOTE_MARK.fullmatch(text.strip()))


_LAST_WORD = re.compile(r"\w+$")
_UNITS = frozenset({"m", "km", "cm", "mm", "ft", "mi", "in", "yd"})
_POWERS = {"2": "\u00b2", "3": "\u00b3"}


def superscript(mark: str, before: str) -> str:
    """What a superscript reads as after the text ``before``: a footnote reference reads
    as nothing ("rules<sup>3</sup>" is "rules", "in 2022<sup>2</sup>" is "in 2022", not
    the figure 20222); an ordinal as written ("119th"); a power of ten or a squared or
    cubed unit as one ("10^6", "km²")."""
    mark = normalize_space(mark)
    if not is_note_mark(mark):
        return mark
    word = _LAST_WORD.search(before[-12:])
    if word and word[0] == "10" and mark.isdigit():
        return f"^{mark}"
    if word and word[0] in _UNITS and mark in _POWERS:
        return _POWERS[mark]
    return ""


# A report flattened to text may open on its first section heading; "Introduction and
# Recent Developments" names a part of the document, not the document.
_SECTION_NAME = re.compile(
    r"(?:introduction|background|overview|summary|executive summary|abstract|contents"
    r"|table of contents|key findings|preface|foreword|scope and methodology)\b",
    re.I,
)


def is_section_name(heading: str) -> bool:
    """True for a generic section heading that cannot be a document's title."""
    return bool(_SECTION_NAME.match(heading.strip()))


# A paragraph "ends a sentence" if it ends with one of these (closing quotes/brackets allowed).
_TERMINAL = re.compile(r"[.!?:;…][\"'”\u2019)\]»*_]*\s*$|[\"”»]\s*$")
# Image captions and credits scrapers leave in the text ("Image: … Photo by … via Getty Images").
_CAPTION = re.compile(
    r"^\s*(?:image|photo|photograph|picture|caption|credit|illustration|video)s?\s*(?:credit)?\s*:"
    r"|\b(?:photo|image|illustration)\s+(?:by|credit|courtesy)\b[^.]*$"
    r"|\bvia\s+(?:getty\s+images|reuters|ap|afp|shutterstock)\b[^.]*$"
    r"|^\s*\((?:photo|image)[^)]*\)\s*$",
    re.I,
)
# Site chrome that survives as short paragraphs: share buttons, disclaimers, newsletter asks.
_BOILERPLATE = re.compile(
    r"^\s*(?:share(?:\s+(?:this|on\s+\w+))?|tweet|email|print|facebook|twitter|linkedin|whatsapp"
    r"|copy\s+link|listen(?:\s+to\s+this\s+article)?|advertisement|sponsored|subscribe\b.*"
    r"|sign\s+up\b.*|read\s+more|related(?:\s+\w+)?|recommended(?:\s+\w+)?|topics?|tags?"
    r"|more\s+from\s+.*|follow\s+us.*|all\s+rights\s+reserved.*|©.*|copyright\b.*"
    r"|disclaimer\s*:.*)\s*$",
    re.I | re.S,
)
# Headings of blocks that are site furniture, not article (ABOUT THE AUTHORS, RECOMMENDED, …).
BOILERPLATE_HEADING = re.compile(
    r"^\s*(?:about\s+the\s+authors?|about\s+(?:the\s+)?(?:author|writer|contributors?)"
    r"|(?:the\s+)?authors?|contributors?|recommended(?:\s+\w+)?|related(?:\s+\w+)*|topics?"
    r"|tags?|share(?:\s+this)?|more\s+(?:from|on|in)\b.*|read\s+(?:more|next)|see\s+also"
    r"|further\s+reading|comments?|newsletter|subscribe.*|popular.*|most\s+(?:read|popular)"
    r"|trending.*|you\s+(?:may|might)\s+also\s+like.*|crs\s+product.*|footnotes?|notes"
    r"|references|sources|author\s+information|disclaimer)\s*:?\s*$",
    re.I,
)
# Short title-like lines longer than this are paragraphs, not headings.
_MAX_HEADING_WORDS = 14
_MAX_HEADING_CHARS = 120


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace to one space and trim; fix space before punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([,.;:!?)\]](?:\s|$))", r"\1", text)


def fold(text: str) -> str:
    """Fold curly quotes to straight ones and collapse whitespace (for comparisons)."""
    table = str.maketrans(
        {"“": '"', "”": '"', "„": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "}
    )
    return normalize_space(text.translate(table)).lower()


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def is_terminal(text: str) -> bool:
    """True if ``text`` ends like a sentence (or a quotation) ends."""
    return bool(_TERMINAL.search(text))


def is_caption(text: str) -> bool:
    """True for image captions and photo credits."""
    # Words first: "photo by … [^.]*$" rescans to the end from every "photo by" of a long
    # paragraph (quadratic time); under 80 words there are only a few places to try.
    return word_count(text) < 80 and bool(_CAPTION.search(text))


def is_site_chrome(text: str) -> bool:
    """True for share buttons, disclaimers and other site chrome left as a paragraph."""
    return bool(_BOILERPLATE.match(text))


def looks_like_heading(text: str) -> bool:
    """A short, capitalised line without closing punctuation (or a question in headline
    case, "What Is a National Memorial?"): a sub-heading in flat text."""
    stripped = text.strip()
    return (
        bool(stripped)
        and stripped[0].isupper()
        and word_count(stripped) <= _MAX_HEADING_WORDS
        and len(stripped) <= _MAX_HEADING_CHARS
        and (not is_terminal(stripped) or (stripped.endswith("?") and is_headline_case(stripped)))
        and not stripped.endswith((",", "-", "\u2013", "—"))
    )


def join_broken(blocks: list[Block]) -> list[Block]:
    """Join paragraphs split mid-sentence: the first lacks final punctuation, the next is lowercase.

    Scrapers and PDF text break paragraphs at arbitrary points ("durability of
    some of the\\n\\nactions we're taking"); no parser can know, so we repair it here.
    """
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind is block.kind
            and block.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE)
            and not is_terminal(prev.text)
            and block.text[:1].islower()
        ):
            out[-1] = Block(prev.kind, f"{prev.text} {block.text}", prev.level)
        else:
            out.append(block)
    return out
