"""HTML: trafilatura finds the main text and metadata; we read its XML tree for structure.

trafilatura's ``bare_extraction`` returns a ``Document`` whose ``body`` is its own
XML (``head``, ``p``, ``list/item``, ``quote``, ``table/row/cell``); walking that
tree gives headings, quotes and list items without re-parsing a text rendering.
Nothing is fetched: trafilatura only reads the string we pass.
"""

from __future__ import annotations

import logging
import re
from html import unescape
from typing import TYPE_CHECKING, Any

from briefer.errors import ExtractionError
from briefer.extract._common import fold, is_caption, is_site_chrome, normalize_space, superscript
from briefer.extract._jsonld import jsonld_metadata
from briefer.extract._sanitize import drop_blobs, drop_invalid_references
from briefer.extract.metadata import merge, parse_authors, parse_date
from briefer.model import Block, BlockKind, Extracted, Metadata, Source

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["extract_html"]

logger = logging.getLogger(__name__)

_HAS_HTML_ROOT = re.compile(r"<html[\s>]|<body[\s>]", re.I)
_HTML_LANG = re.compile(r"<html[^>]*\slang\s*=\s*[\"']?([a-zA-Z]{2,3})\b", re.I)
# The first <h1> element, found as an opening tag, then its closing tag (see _first_h1).
_H1_OPEN = re.compile(r"<h1\b[^>]*>", re.I)
_H1_CLOSE = re.compile(r"</h1>", re.I)
_TAG = re.compile(r"<[^>]+>")
_TRUNCATED = ("...", "…")
_MAX_TITLE_WORDS = 30
# Share of a leading <h1>'s words found in the meta title for both to name the same article.
_SAME_TITLE_SHARE = 0.5
# Characters of the meta description that, found in the lead, make it a repeat, not a standfirst.
_LEAD_PREFIX = 100
# libxml2 (trafilatura's parser) silently drops everything nested deeper than 255 elements,
# so a page of 10,000 nested <div>s would lose its text. Container tags beyond this depth
# are removed before parsing; their text stays, in document order. Only tags that nest are
# counted, and a nested table costs three libxml2 levels per counted <table> (table, tr,
# td), so 80 keeps even that under 255. Real pages nest well under 60 counted tags.
MAX_HTML_DEPTH = 80
_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>")
# Elements that never nest (void) or whose end tag is optional: counting them would make
# ordinary pages with unclosed <p> or <li> look deep.
_FLAT_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "option",
        "optgroup",
        "rp",
        "rt",
        "colgroup",
        "caption",
        "html",
        "head",
        "body",
    ]
)
# Footnote references: a superscript number, letter or mark ("rules<sup>3</sup>",
# "<sup class="reference"><a href="#cite_note-1">[1]</a></sup>"). Left in, they glue onto
# the text ("rules3") and onto numbers ("in 2022<sup>2</sup>" became the figure 20222).
_SUP_OPEN = re.compile(r"<sup\b([^>]*)>", re.I)
_SUP_CLOSE = re.compile(r"</sup\s*>", re.I)
_NOTE_HINT = re.compile(
    r"""href\s*=\s*["']?#|\b(?:class|id)\s*=\s*["'][^"']*(?:ref|foot|fn|note)""", re.I
)
_META_AUTHOR = re.compile(
    r"<meta\s+(?:name|property)\s*=\s*[\"'](?:author|article:author)[\"']\s+"
    r"content\s*=\s*[\"']([^\"']{2,120})[\"']",
    re.I,
)
# An element whose class or itemprop names it a byline or author, up to its first close
# (within _MAX_BYLINE_CHARS). The opening tag, its attributes and the closing tag are
# separate patterns, each bounded by a ">" or a quote: one pattern spanning all three
# rescanned the rest of the page from every "<p" of a tag left open (quadratic time).
_BYLINE_OPEN = re.compile(r"<(?:span|div|p|address)\b([^>]*)>", re.I)
# The lookahead requires the value's closing quote before the lazy scan for the name, so
# a value without one costs one pass, not one pass per "author" in it.
_BYLINE_ATTRIBUTE = re.compile(
    r"\b(?:class|itemprop)\s*=\s*[\"'](?=[^\"']*[\"'])[^\"']*?(?:byline|author)", re.I
)
_BYLINE_CLOSE = re.compile(r"</(?:span|div|p|address)>", re.I)
_MAX_BYLINE_CHARS = 400
_BY = re.compile(r"(?:by|par|von|por|di)\s+\S", re.I)
_MAX_BYLINE_WORDS = 12
_NO_TEXT = (
    "no article text found: the page holds only scripts, styles, navigation or links "
    "(is it the full article page? pages built by JavaScript need to be saved after loading)"
)


def extract_html(source: Source) -> Extracted:
    """Extract the main text of an HTML page with trafilatura (no network access)."""
    import trafilatura  # lazy: a heavy import only HTML needs

    html = _drop_note_marks(_flatten_deep(drop_invalid_references(source.text)))
    if not _HAS_HTML_ROOT.search(html[:5000]):
        html = f"<html><body>{html}</body></html>"  # bare fragments are rejected otherwise
    try:
        document = trafilatura.bare_extraction(
            drop_blobs(html), with_metadata=True, include_comments=False, include_tables=True
        )
    # Malformed markup fails deep inside lxml or trafilatura's tree walks, with whatever
    # exception the failing helper raises; all of them mean "cannot parse this page".
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"[:160]
        raise ExtractionError(
            f"cannot parse HTML ({reason}); save the page again from a browser", path=source.path
        ) from exc
    body = getattr(document, "body", None)
    if document is None or body is None or not len(body):
        raise ExtractionError(_NO_TEXT, path=source.path)
    blocks = [b for b in _walk(body) if not is_caption(b.text) and not is_site_chrome(b.text)]
    return Extracted(tuple(blocks), _metadata(document, html, blocks))


def _flatten_deep(html: str) -> str:
    """Drop container tags nested deeper than MAX_HTML_DEPTH, keeping their text."""
    if html.count("<") <= MAX_HTML_DEPTH:
        return html  # cannot be that deep
    depth = 0

    def keep(match: re.Match[str]) -> str:
        nonlocal depth
        if match[2].lower() in _FLAT_TAGS or match[0].endswith("/>"):
            return match[0]
        if match[1]:  # a closing tag: kept exactly when its opening tag was
            depth = max(depth - 1, 0)
            return match[0] if depth < MAX_HTML_DEPTH else ""
        depth += 1
        return match[0] if depth <= MAX_HTML_DEPTH else ""

    end = _after_last_tag_end(html)
    return _TAG_TOKEN.sub(keep, html[:end]) + html[end:]


def _after_last_tag_end(html: str) -> int:
    """The index after the page's last ">": no tag pattern can match beyond it.

    Patterns like ``<[^>]+>`` scan from each "<" to the next ">"; past the last one that
    scan runs to the end of the text and fails, once per "<", which is quadratic on a page
    ending in thousands of "<" without a ">". Matching only up to here is the same
    matching, in linear time.
    """
    return html.rfind(">") + 1


def _strip_tags(html: str, replacement: str) -> str:
    """``_TAG.sub(replacement, html)`` in linear time (see _after_last_tag_end)."""
    end = _after_last_tag_end(html)
    return _TAG.sub(replacement, html[:end]) + html[end:]


def _drop_note_marks(html: str) -> str:
    """Remove footnote references; keep ordinals ("119<sup>th</sup>"), powers of ten
    ("10<sup>6</sup>" -> "10^6") and squared or cubed units ("km<sup>2</sup>" -> "km²")."""
    if "<sup" not in html.lower():
        return html

    out: list[str] = []
    pos = 0
    for start, end, attributes, content in _sup_elements(html):
        out.append(html[pos:start])
        if not (_NOTE_HINT.search(attributes) or _NOTE_HINT.search(content)):
            # not linked to a note in the page (a reference whatever it shows)
            out.append(superscript(_strip_tags(content, ""), html[max(0, start - 12) : start]))
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _sup_elements(html: str) -> Iterator[tuple[int, int, str, str]]:
    """Start, end, attributes and content of each ``<sup>…</sup>``, up to its first close.

    An opening tag and its closing tag are found one after the other: one regex
    ``<sup\\b([^>]*)>(.*?)</sup\\s*>`` rescanned to the end of the page from every
    unclosed ``<sup>`` (quadratic time). Without a close after an opening tag no later
    one has a close either, so the search stops there.
    """
    end_of_tags = _after_last_tag_end(html)
    pos = 0
    while opening := _SUP_OPEN.search(html, pos, end_of_tags):
        closing = _SUP_CLOSE.search(html, opening.end())
        if closing is None:
            return
        yield opening.start(), closing.end(), opening[1], html[opening.end() : closing.start()]
        pos = closing.end()


def _walk(element: Any) -> Iterator[Block]:
    """Turn trafilatura's XML body into blocks (tags documented in trafilatura's xml.py)."""
    for child in element:
        tag = child.tag
        if tag == "head":
            level = int(str(child.get("rend", "h2"))[1:] or 2) if child.get("rend") else 2
            yield Block(BlockKind.HEADING, _text(child), min(max(level, 1), 6))
        elif tag == "list":
            yield from _list_items(child)
        elif tag == "quote":
            yield from _quote(child)
        elif tag == "table":
            for row in child.iter("row"):
                # Cells keep their separators, so a row reads (and is known) as a row.
                yield Block(BlockKind.PARAGRAPH, " | ".join(_text(c) for c in row))
        elif tag in ("div", "section", "body"):
            yield from _walk(child)
        elif tag != "graphic":
            yield Block(BlockKind.PARAGRAPH, _text(child))
        if child.tail and child.tail.strip():  # loose text between elements (seen on aeb pages)
            yield Block(BlockKind.PARAGRAPH, normalize_space(child.tail))


def _list_items(element: Any) -> Iterator[Block]:
    for item in element.iterchildren("item"):
        nested = list(item.iterchildren("list"))
        for sub in nested:
            item.remove(sub)
        yield Block(BlockKind.LIST_ITEM, _text(item))
        for sub in nested:
            yield from _list_items(sub)


def _quote(element: Any) -> Iterator[Block]:
    paragraphs = list(element.iterchildren("p"))
    if not paragraphs:
        yield Block(BlockKind.QUOTE, _text(element))
    for p in paragraphs:
        yield Block(BlockKind.QUOTE, _text(p))


def _text(element: Any) -> str:
    return normalize_space(" ".join(element.itertext()))  # excludes the element's own tail


def _metadata(document: Any, html: str, blocks: list[Block]) -> Metadata:
    """The page's JSON-LD first, then trafilatura's metadata, then ``<h1>`` and ``lang``."""
    publisher = document.sitename or None
    found = Metadata(
        title=_title(document.title, html, blocks),
        subtitle=_subtitle(document.description, blocks),
        authors=parse_authors(document.author),
        published=parse_date(document.date),
        publisher=publisher,
        url=document.url or None,
        language=document.language or None,
        topics=_topics([*(document.categories or []), *(document.tags or [])]),
    )
    lang = _HTML_LANG.search(html[:5000])
    declared = jsonld_metadata(html)
    fallback = Metadata(
        authors=() if declared.authors or found.authors else _byline(html),
        language=lang.group(1).lower() if lang else None,
    )
    return merge(declared, found, fallback)


def _byline(html: str) -> tuple[str, ...]:
    """Authors from ``<meta name="author">`` or a byline element, when trafilatura and
    JSON-LD name nobody (a CJK author meta; Washington Post's ``<span class="pb-byline">By
    <a>Name</a></span>``)."""
    meta = _META_AUTHOR.search(html)
    if meta and not meta.group(1).startswith(("http://", "https://", "/")):
        return parse_authors(unescape(meta.group(1)))
    for content in _byline_elements(html):
        text = normalize_space(unescape(_strip_tags(content, " ")))
        if _BY.match(text) and len(text.split()) <= _MAX_BYLINE_WORDS:
            return parse_authors(text)
    return ()


def _byline_elements(html: str) -> Iterator[str]:
    """The content of each byline or author element: 1 to _MAX_BYLINE_CHARS characters
    up to the first closing ``</span>``, ``</div>``, ``</p>`` or ``</address>``."""
    end_of_tags = _after_last_tag_end(html)
    pos = 0
    while opening := _BYLINE_OPEN.search(html, pos, end_of_tags):
        pos = opening.end()
        if not _BYLINE_ATTRIBUTE.search(opening[1]):
            continue
        # The content holds at least one character, so the search starts one past the tag.
        closing = _BYLINE_CLOSE.search(html, pos + 1, pos + _MAX_BYLINE_CHARS + len("</address>"))
        if closing is not None and closing.start() <= pos + _MAX_BYLINE_CHARS:
            yield html[pos : closing.start()]
            pos = closing.end()


def _subtitle(description: str | None, blocks: list[Block]) -> str | None:
    """The meta description is a standfirst unless it is cut short or just repeats the lead."""
    if not description or description.endswith(_TRUNCATED):
        return None
    lead = fold(" ".join(b.text for b in blocks[:3]))
    return None if fold(description)[:_LEAD_PREFIX] in lead else description


def _topics(values: list[str]) -> tuple[str, ...]:
    """trafilatura returns tags as comma-joined strings; split them and drop repeats."""
    topics: dict[str, str] = {}
    for value in values:
        for topic in str(value).split(","):
            if topic.strip():
                topics.setdefault(topic.strip().casefold(), topic.strip())
    return tuple(topics.values())


def _title(meta_title: str | None, html: str, blocks: list[Block]) -> str | None:
    """Prefer a leading ``<h1>`` of the article over trafilatura's <title>/og:title guess.

    trafilatura returns e.g. a site slogan from ``og:title`` (seen on Atlas Obscura);
    the article's own first-level heading, when it opens the extracted body, is the
    headline the reader sees.
    """
    lead = next((b for b in blocks[:3] if b.kind is BlockKind.HEADING and b.level == 1), None)
    if (
        lead
        and len(lead.text.split()) <= _MAX_TITLE_WORDS
        and not _shares_words(lead.text, meta_title)
    ):
        return lead.text
    if meta_title:
        return str(meta_title)
    h1 = _first_h1(html)
    return normalize_space(_strip_tags(h1, " ")) or None if h1 is not None else None


def _first_h1(html: str) -> str | None:
    """The content of the page's first ``<h1>`` element, up to its first ``</h1>``.

    Without a ``</h1>`` after the first opening tag, none follows a later one either;
    stopping there keeps each unclosed ``<h1>`` from rescanning the page.
    """
    opening = _H1_OPEN.search(html, 0, _after_last_tag_end(html))
    closing = _H1_CLOSE.search(html, opening.end()) if opening else None
    return html[opening.end() : closing.start()] if opening and closing else None


def _shares_words(heading: str, meta_title: str | None) -> bool:
    """True if most of the heading's words are in the meta title (it names the same article)."""
    words = set(fold(heading).split())
    other = set(fold(meta_title or "").split())
    return len(words & other) >= _SAME_TITLE_SHARE * len(words)
