"""Markdown: parsed by markdown-it-py, then cleaned of what web scrapers leave behind.

markdown-it gives us the structure (headings, block quotes, list items, tables,
emphasis, links). It cannot know which blocks are site chrome, so that part is
ours (:mod:`briefer.extract._scraped`), as are the fixes for broken Markdown
that scrapers write (see :func:`_repair`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer.extract._common import is_note_mark, normalize_space, superscript
from briefer.extract._scraped import RawBlock, select_article
from briefer.extract.metadata import merge, parse_authors, parse_date
from briefer.model import BlockKind, Extracted, Metadata, Source

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["extract_markdown", "parse_blocks"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^\s*(?:```|~~~)")
# "**A**lmost": a bold drop cap glued to the rest of its word.
_DROP_CAP = re.compile(r"(\*\*|__)([^\W\d_])\1(?=[^\W\d_])")
# "tweeted (**": the "(" of a link the scraper cut off, just before closing emphasis. The
# spaces before it go too, but are trimmed outside the regex (_drop_dangling_parens): a
# leading [ \t]* made every space of a long run rescan the run (quadratic time).
_DANGLING_PAREN = re.compile(r"\([ \t]*(\*\*|__|\*|_)(?=[\s,.;:!?)]|$)", re.M)
_EMPTY_EMPHASIS = re.compile(r"(\*\*|__)[ \t]*\1")
# Text left in the body by scrapers: "(/experts/x)", "(https://…)", bare URLs, empty "( )".
# The whitespace before a parenthesised URL goes too, trimmed outside the regex as for
# _DANGLING_PAREN (_drop_paren_urls).
_PAREN_URL = re.compile(r"\((?:https?://|www\.|/)[^\s()]*(?:\([^\s()]*\)[^\s()]*)*\)")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
_EMPTY_PARENS = re.compile(r"\(\s*\)|\[\s*\]")
_SUP_TAG = re.compile(r"</?sup\b", re.I)
# Share of a block's letters in emphasis (links) that makes the whole block emphasized (links).
_WHOLE_SHARE = 0.9


def extract_markdown(source: Source) -> Extracted:
    """Extract body blocks and metadata from Markdown (front matter first, then the page)."""
    front, body = _split_front_matter(source.text)
    page = select_article(parse_blocks(body))
    return Extracted(page.blocks, merge(front, page.metadata))


def parse_blocks(text: str) -> list[RawBlock]:
    """Parse Markdown into :class:`RawBlock` objects with clean text and markup hints."""
    from markdown_it import MarkdownIt  # lazy: only Markdown input needs it
    from mdit_py_plugins.footnote import footnote_plugin

    # Footnotes ("[^1]" and "[^1]: ..."): the references leave the text, the notes the body.
    parser = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    repaired = _repair(text)
    return _walk(parser.parse(repaired), repaired.split("\n"))


def _repair(text: str) -> str:
    """Fix scraper damage markdown-it would otherwise render literally (our rules)."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        # Scrapers indent at random; CommonMark would make 4+ spaces a code block.
        out.append(line if fenced else line.lstrip(" \t"))
    repaired = _DROP_CAP.sub(r"\2", "\n".join(out))
    repaired = _drop_dangling_parens(repaired)
    return _EMPTY_EMPHASIS.sub("", repaired)


def _drop_dangling_parens(text: str) -> str:
    """Replace each dangling "(" and the spaces before it by the emphasis it precedes."""
    out: list[str] = []
    pos = 0
    for match in _DANGLING_PAREN.finditer(text):
        # Only the run of spaces since the previous match, as a leading [ \t]* would take.
        out += (text[pos : match.start()].rstrip(" \t"), match[1])
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def _drop_paren_urls(text: str) -> str:
    """Remove each parenthesised URL and the whitespace before it."""
    out: list[str] = []
    pos = 0
    for match in _PAREN_URL.finditer(text):
        # str.rstrip() strips exactly the characters regex \s matches (Unicode whitespace).
        out.append(text[pos : match.start()].rstrip())
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def _walk(tokens: list[Token], lines: list[str]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    quote_depth = list_depth = 0
    heading_level = notes = 0
    for i, token in enumerate(tokens):
        if token.type in ("footnote_block_open", "footnote_block_close"):
            notes += 1 if token.type == "footnote_block_open" else -1
        elif notes:
            continue
        elif token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "table_open":
            blocks.append(_table_block(tokens, i))
        elif token.type == "inline" and tokens[i - 1].type in ("heading_open", "paragraph_open"):
            kind = _kind(heading_level, quote_depth, list_depth)
            block = _inline_block(token, kind, heading_level)
            if kind is BlockKind.PARAGRAPH and _is_pipe_table(token, lines):
                block = RawBlock(kind, block.text, rows=_pipe_rows(token))
            blocks.append(block)
            heading_level = 0
    return [b for b in blocks if b.text or b.rows]


def _kind(heading_level: int, quote_depth: int, list_depth: int) -> BlockKind:
    if heading_level:
        return BlockKind.HEADING
    if quote_depth:
        return BlockKind.QUOTE
    return BlockKind.LIST_ITEM if list_depth else BlockKind.PARAGRAPH


@dataclass
class _Counts:
    total: int = 0
    emphasized: int = 0
    linked: int = 0
    strong: int = 0


def _inline_block(token: Token, kind: BlockKind, level: int) -> RawBlock:
    """Render inline children to text, counting letters inside emphasis and links."""
    parts: list[str] = []
    counts = _Counts()
    em = strong = link = 0
    sup = note = False
    for child in token.children or []:
        if child.type == "html_inline" and _SUP_TAG.match(child.content):
            sup = not child.content.startswith("</")
        elif child.type == "link_open" and str(child.attrs.get("href", "")).startswith("#"):
            note = True  # an in-page link: a footnote reference if its text is a mark
            link += 1
        elif child.type in ("em_open", "em_close"):
            em += 1 if child.type == "em_open" else -1
        elif child.type in ("strong_open", "strong_close"):
            strong += 1 if child.type == "strong_open" else -1
        elif child.type in ("link_open", "link_close"):
            link += 1 if child.type == "link_open" else -1
            note = False
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif note and child.type == "text" and is_note_mark(child.content):
            continue  # "rules[3](#fn3)": a link to a note, a reference whatever it shows
        elif child.type in ("text", "code_inline"):
            content = _drop_paren_urls(child.content)
            if sup:  # read as HTML and PDF read it: "rules" (a note), "119th", "km²"
                content = superscript(content, "".join(parts)[-12:])
            letters = sum(map(str.isalnum, content))
            counts.total += letters
            counts.emphasized += letters if em or strong else 0
            counts.strong += letters if strong else 0
            counts.linked += letters if link else 0
            parts.append(content)
        # images and raw HTML are dropped: alt text and tags are not article prose
    text = _clean("".join(parts))
    share = max(counts.total, 1)
    return RawBlock(
        kind,
        text,
        level,
        emphasized=counts.emphasized / share >= _WHOLE_SHARE,
        strong=counts.strong / share >= _WHOLE_SHARE,
        link_only=counts.total > 0 and counts.linked / share >= _WHOLE_SHARE,
    )


def _clean(text: str) -> str:
    text = _drop_paren_urls(text)
    text = _BARE_URL.sub("", text)
    return normalize_space(_EMPTY_PARENS.sub("", text))


def _is_pipe_table(token: Token, lines: list[str]) -> bool:
    """A "| key | value" block without the delimiter row CommonMark requires (CRS overview)."""
    if token.map is None:
        return False
    rows = [line.strip() for line in lines[token.map[0] : token.map[1]] if line.strip()]
    return len(rows) >= 2 and all(row.startswith("|") for row in rows)


def _pipe_rows(token: Token) -> tuple[tuple[str, ...], ...]:
    text = "".join(
        "\n" if c.type in ("softbreak", "hardbreak") else c.content for c in token.children or []
    )
    rows = (line.strip().strip("|").split("|") for line in text.split("\n"))
    return tuple(tuple(_clean(cell) for cell in row) for row in rows)


def _table_block(tokens: list[Token], start: int) -> RawBlock:
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    for token in tokens[start:]:
        if token.type == "tr_close":
            rows.append(tuple(row))
            row = []
        elif token.type == "inline":
            row.append(_clean(token.content))
        elif token.type == "table_close":
            break
    text = " ".join(" ".join(r) for r in rows)
    return RawBlock(BlockKind.PARAGRAPH, text, rows=tuple(rows))


def _split_front_matter(text: str) -> tuple[Metadata, str]:
    """Read a YAML-style front matter block (simple ``key: value`` lines; no YAML library)."""
    match = _FRONT_MATTER.match(text.lstrip("\n"))
    if not match:
        return Metadata(), text
    values: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if sep and value.strip():
            values[key.strip().lower()] = value.strip().strip("\"'[]")
    authors = values.get("author") or values.get("authors")
    topics = values.get("tags") or values.get("topics") or values.get("categories") or ""
    meta = Metadata(
        title=values.get("title"),
        subtitle=values.get("subtitle") or values.get("description"),
        authors=parse_authors(authors),
        published=parse_date(values.get("date") or values.get("published")),
        publisher=values.get("publisher") or values.get("site"),
        url=values.get("url") or values.get("canonical_url"),
        language=values.get("lang") or values.get("language"),
        topics=tuple(t.strip(" \"'") for t in topics.split(",") if t.strip(" \"'")),
    )
    return meta, text.lstrip("\n")[match.end() :]
