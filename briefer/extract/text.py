"""Plain text: paragraphs on blank lines, plus heuristics for title, byline, date and quotes.

Plain text has no markup, so no library helps; every rule here is our own.
PDF text goes through :func:`blocks_from_paragraphs` too, once it is reflowed.
"""

from __future__ import annotations

import re

from briefer.extract._common import (
    is_caption,
    is_section_name,
    is_site_chrome,
    is_terminal,
    looks_like_heading,
    normalize_space,
)
from briefer.extract.metadata import parse_authors, parse_date
from briefer.model import Block, BlockKind, Extracted, Metadata, Source

__all__ = ["blocks_from_paragraphs", "extract_text", "leading_metadata", "split_paragraphs"]

# A paragraph ending like this introduces a quotation ("As X has noted:").
_INTRODUCES_QUOTE = re.compile(
    r"\b(?:said|says|noted|notes|wrote|writes|explained|explains|stated|states|argued|argues"
    r"|observed|warned|warns|added|declared|remarked|put\s+it|told\s+\w+|asked|concluded"
    r"|testified|tweeted|recalled|insisted)\s*:\s*$",
    re.I,
)
_QUOTED_PARAGRAPH = re.compile(r'^\s*[“"«][^“”"«»]+[”"»]\s*$')
_BULLET = re.compile(r"^\s*(?:[-*•▪◦]|\d{1,2}[.)])\s+(?=\S)")
_BYLINE = re.compile(r"^\s*by\s+\S", re.I)
# A first line longer than this is a paragraph, not a title.
_MAX_TITLE_WORDS = 25
_MAX_META_WORDS = 12  # bylines and date lines are short
# Hard-wrapped text breaks lines at 72-80 columns (100 at most); a longer line inside a
# blank-line chunk means one paragraph per line (reference lists, pasted web text).
_HARD_WRAP = 100


def extract_text(source: Source) -> Extracted:
    """Extract blocks and title/byline/date from plain text."""
    paragraphs = split_paragraphs(source.text)
    meta, body = leading_metadata(paragraphs)
    return Extracted(tuple(blocks_from_paragraphs(body)), meta)


def split_paragraphs(text: str) -> list[str]:
    """Split on blank lines; a text without any blank line has one paragraph per line.

    Inside a chunk, wrapped lines are joined, but a bulleted line starts a new paragraph
    (lists are often written without blank lines between items), and a chunk with a line
    too long to be hard-wrapped has one paragraph per line.
    """
    if re.search(r"\n\s*\n", text):
        chunks = [part for chunk in re.split(r"\n\s*\n", text) for part in _unwrap(chunk)]
    else:
        chunks = text.split("\n")
    return [p for p in (normalize_space(chunk) for chunk in chunks) if p]


def _unwrap(chunk: str) -> list[str]:
    lines = chunk.split("\n")
    if any(len(line.strip()) > _HARD_WRAP for line in lines[:-1]):
        return lines
    parts: list[list[str]] = []
    for line in lines:
        if not parts or _BULLET.match(line):
            parts.append([])
        parts[-1].append(line)
    return [" ".join(part) for part in parts]


def leading_metadata(paragraphs: list[str]) -> tuple[Metadata, list[str]]:
    """Take a title (short first line, no closing punctuation), a byline and a date off the top."""
    title: str | None = None
    authors: tuple[str, ...] = ()
    published = None
    rest = list(paragraphs)
    if len(rest) > 1 and _is_title(rest[0]):
        title = rest.pop(0)
    while rest and len(rest[0].split()) <= _MAX_META_WORDS:
        if not authors and _BYLINE.match(rest[0]):
            authors = parse_authors(rest.pop(0))
        elif published is None and (date := parse_date(rest[0], whole=True)):
            published = date
            rest.pop(0)
        else:
            break
    return Metadata(title=title, authors=authors, published=published), rest


# A headline may ask, exclaim, quote or trail off ("Is Europe ready?", "'We will not be
# silenced'", "You've nothing to lose but the will to live..."), never end on a full stop.
_HEADLINE_END = re.compile(r"(?:[?!]|\.\.\.|\u2026)[\"'\u201d\u2019)]*$|[\"\u201d\u2019]$")
# Its first letter or digit may follow a quotation mark, a hashtag or a currency sign.
_FIRST_ALNUM = re.compile(r"[^\W_]")


def _is_title(line: str) -> bool:
    """A short first line in headline form: no final period (a question, an exclamation
    or a quotation may close it), its first letter a capital (or a digit)."""
    first = _FIRST_ALNUM.search(line)
    return (
        len(line.split()) <= _MAX_TITLE_WORDS
        and (not is_terminal(line) or bool(_HEADLINE_END.search(line.rstrip())))
        and first is not None
        and first.start() <= 2
        and (first.group().isupper() or first.group().isdigit())
        and not _BULLET.match(line)
        and not is_section_name(line)
    )


def blocks_from_paragraphs(paragraphs: list[str]) -> list[Block]:
    """Classify paragraphs: drop captions and chrome, mark quotes and sub-headings."""
    blocks: list[Block] = []
    for i, text in enumerate(paragraphs):
        if is_caption(text) or is_site_chrome(text):
            continue
        prev = paragraphs[i - 1] if i else ""
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        kind = _kind(text, prev, nxt)
        if kind is BlockKind.LIST_ITEM:
            text = _BULLET.sub("", text)
        blocks.append(Block(kind, text, 2 if kind is BlockKind.HEADING else 0))
    return blocks


def _kind(text: str, prev: str, nxt: str) -> BlockKind:
    if _INTRODUCES_QUOTE.search(prev) and not text[:1].islower():
        return BlockKind.QUOTE
    if _QUOTED_PARAGRAPH.match(text):
        return BlockKind.QUOTE
    if _BULLET.match(text):
        return BlockKind.LIST_ITEM
    if _is_subheading(text, nxt):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def _is_subheading(text: str, nxt: str) -> bool:
    """A short unpunctuated line followed by a real paragraph is a sub-heading."""
    return bool(nxt) and looks_like_heading(text) and is_terminal(nxt) and len(nxt) > len(text)
