"""Find the article inside a scraped page's blocks: header zone, body, site furniture.

markdown-it (like any Markdown parser) returns every block of a scraped page:
breadcrumbs, byline, "ABOUT THE AUTHORS" boxes, the standfirst, the article,
the author's closing bio, "RECOMMENDED" teasers and topic links. Deciding which is
which is ours; trafilatura does the same job for HTML from the DOM, but a
Markdown scrape has lost the DOM, so these rules read the text and its emphasis.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from briefer.extract._common import (
    BOILERPLATE_HEADING,
    is_caption,
    is_site_chrome,
    is_terminal,
    looks_like_heading,
    word_count,
)
from briefer.extract.metadata import parse_authors, parse_date, publisher_from_bio
from briefer.model import Block, BlockKind, Metadata

__all__ = ["Page", "RawBlock", "select_article"]

# A sentence-like paragraph with at least this many words starts the article body.
PROSE_MIN_WORDS = 12
# A whole-emphasis paragraph before the body with at least this many words is the standfirst.
SUBTITLE_MIN_WORDS = 6
_MAX_META_WORDS = 12  # bylines, dates and "also published in" lines are short
_MAX_TOPIC_WORDS = 6
_BYLINE = re.compile(r"^\s*by\s+\S", re.I)
_REPUBLISHED = re.compile(
    r"\b(?:also|originally|first)\s+(?:published|appeared|ran)\b|\bthis\s+(?:article|piece|essay)\s+"
    r"(?:was\s+)?(?:originally\s+|first\s+)?(?:published|appeared)\b",
    re.I,
)
# "Matthew Levitt is the …", "Jane Doe, a fellow at X, is …": an author bio, not article prose.
_BIO = re.compile(
    r"^\s*(?:[A-Z][\w.'\u2019-]*\s+){1,3}[A-Z][\w.'\u2019-]*(?:,\s[^,]{3,80},)?\s+"
    r"(?:is|was|serves\s+as|has\s+been|writes|covers|teaches|leads|directs)\b"
)
_META_KEYS: dict[str, str] = {
    "author": "authors",
    "authors": "authors",
    "byline": "authors",
    "by": "authors",
    "writer": "authors",
    "date": "published",
    "published": "published",
    "publication date": "published",
    "published date": "published",
    "release date": "published",
    "topics": "topics",
    "topic": "topics",
    "subjects": "topics",
    "tags": "topics",
    "keywords": "topics",
    "title": "title",
    "url": "url",
}


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A parsed block with the markup hints the selection rules need."""

    kind: BlockKind
    text: str
    level: int = 0
    emphasized: bool = False  # (almost) all of its text is bold or italic
    strong: bool = False  # (almost) all of its text is bold
    link_only: bool = False  # (almost) all of its text is link text: navigation, teasers
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, for key/value metadata tables


@dataclass(frozen=True, slots=True)
class Page:
    """The article's body blocks and the metadata found around them."""

    blocks: tuple[Block, ...]
    metadata: Metadata


def select_article(blocks: list[RawBlock]) -> Page:
    """Split a page's blocks into metadata, article body and dropped furniture."""
    selector = _Selector()
    for block in blocks:
        selector.feed(block)
    return selector.finish()


def is_bio(text: str) -> bool:
    """True for an author bio sentence ("Matthew Levitt is the … fellow …")."""
    return bool(_BIO.match(text)) and word_count(text) < 80


@dataclass
class _Selector:
    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    section_authors: list[str] = field(default_factory=list)
    published: dt.date | None = None
    publisher: str | None = None
    topics: list[str] = field(default_factory=list)
    header: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    section: str | None = None  # lower-cased furniture heading we are inside, if any
    table_meta: dict[str, str] = field(default_factory=dict)

    def feed(self, block: RawBlock) -> None:
        if block.rows:
            self._table(block.rows)
        elif block.kind is BlockKind.HEADING:
            self._heading(block)
        else:
            self._paragraph(block)

    def _heading(self, block: RawBlock) -> None:
        if self.title is None and block.level == 1 and not self.body:
            self.title = block.text
        elif block.link_only:
            return  # teaser headline linking elsewhere ("### [Other article](…)")
        elif BOILERPLATE_HEADING.match(block.text):
            self.section = block.text.lower()
        else:
            self.section = None
            target = self.body if self.body else self.header
            target.append(Block(BlockKind.HEADING, block.text, block.level))

    def _paragraph(self, block: RawBlock) -> None:
        text = block.text
        if self.section is not None:
            if not self._ends_section(block):
                self._section_item(block)
                return
            self.section = None
        if self._metadata_line(block) or self._bio(block):
            return
        if block.link_only or is_caption(text) or is_site_chrome(text):
            return
        if not self.body:
            self._before_body(block)
            return
        if block.strong and not is_terminal(text) and word_count(text) <= _MAX_META_WORDS:
            self.body.append(Block(BlockKind.HEADING, text, 3))  # "**Sub-heading**" on its own line
        else:
            self.body.append(Block(block.kind, text))

    def _before_body(self, block: RawBlock) -> None:
        if (
            block.emphasized
            and self.subtitle is None
            and word_count(block.text) >= SUBTITLE_MIN_WORDS
        ):
            self.subtitle = block.text
        elif _is_prose(block) or (block.kind is not BlockKind.PARAGRAPH and self.subtitle):
            if self.header and self.header[-1].kind is BlockKind.HEADING:
                self.body.append(self.header[-1])  # the heading right above the first paragraph
            self.body.append(Block(block.kind, block.text))
        else:
            self.header.append(Block(block.kind, block.text))

    def _ends_section(self, block: RawBlock) -> bool:
        if is_bio(block.text):
            return False
        return _is_prose(block) or (block.strong and not self.body and self.subtitle is None)

    def _section_item(self, block: RawBlock) -> None:
        assert self.section is not None
        text = block.text
        if self.section.startswith(("topic", "tag")) and word_count(text) <= _MAX_TOPIC_WORDS:
            self.topics.append(text)
        elif "author" in self.section or "contributor" in self.section:
            if is_bio(text):
                self.publisher = self.publisher or publisher_from_bio(text)
            elif block.link_only and word_count(text) <= 4:
                self.section_authors.extend(parse_authors(text))

    def _metadata_line(self, block: RawBlock) -> bool:
        text = block.text
        if word_count(text) > _MAX_META_WORDS:
            return False
        if _BYLINE.match(text):
            self.authors = self.authors or parse_authors(text)
            return True
        date = parse_date(text, whole=True)
        if date is not None:
            self.published = self.published or date
            return True
        return bool(_REPUBLISHED.search(text)) and block.emphasized

    def _bio(self, block: RawBlock) -> bool:
        """Drop a closing author bio ("*Jane Doe is … This article was originally published …*")."""
        text = block.text
        names_author = any(name.split()[-1] in text.split()[:4] for name in self.authors)
        bio = is_bio(text) and (block.emphasized or names_author)
        if not bio and not (block.emphasized and _REPUBLISHED.search(text)):
            return False
        self.publisher = self.publisher or publisher_from_bio(text)
        return True

    def _table(self, rows: tuple[tuple[str, ...], ...]) -> None:
        for row in rows:
            cells = [c for c in row if c]
            if len(cells) == 2:
                key = _META_KEYS.get(cells[0].rstrip(":").strip().lower())
                if key:
                    self.table_meta.setdefault(key, cells[1])

    def finish(self) -> Page:
        body = self.body or [b for b in self.header if b.text != self.title]
        meta = self.table_meta
        published = self.published or parse_date(meta.get("published"))
        authors = self.authors or parse_authors(meta.get("authors")) or tuple(self.section_authors)
        topics = self.topics or [
            t.strip() for t in re.split(r";", meta.get("topics", "")) if t.strip()
        ]
        metadata = Metadata(
            title=self.title or meta.get("title"),
            subtitle=self.subtitle,
            authors=authors,
            published=published,
            publisher=self.publisher,
            url=meta.get("url"),
            topics=tuple(topics),
        )
        return Page(tuple(_mark_subheadings(body)), metadata)


def _is_prose(block: RawBlock) -> bool:
    return (
        not block.link_only
        and is_terminal(block.text)
        and word_count(block.text) >= PROSE_MIN_WORDS
        and not is_bio(block.text)
    )


def _mark_subheadings(blocks: list[Block]) -> list[Block]:
    """A short unpunctuated paragraph followed by prose is a sub-heading lost in scraping."""
    out = list(blocks)
    for i, block in enumerate(out[:-1]):
        nxt = out[i + 1]
        if (
            block.kind is BlockKind.PARAGRAPH
            and looks_like_heading(block.text)
            and nxt.kind is BlockKind.PARAGRAPH
            and is_terminal(nxt.text)
        ):
            out[i] = Block(BlockKind.HEADING, block.text, 2)
    return out
