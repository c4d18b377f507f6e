"""The document model: typed, immutable objects passed between pipeline stages.

Not to be confused with ``schema.py`` (the briefing JSON contract users see) or
``serve/messages.py`` (the HTTP API's request and response bodies): these dataclasses
never leave the process. Stage order (``pipeline.py`` is the only module that knows it)::

    ingest    Path | str | bytes   -> Source      read, sniff format, decode, size limit
    extract/  Source               -> Extracted   body blocks + metadata, per format
    article   Source, Extracted    -> Article     normalized text, paragraph spans
    nlp/      Article              -> Analysis    sentences, quote spans, words, phrases
    rank/     Analysis             -> Ranking     sumy ratings + argument cues
    evidence/ Analysis             -> quotes, figures, recommendations, keyphrases
    assemble  Article, ...         -> Briefing    the pydantic JSON contract
    render/   Briefing             -> HTML / PDF  jinja2 + WeasyPrint, fitted to one page

Third-party types (trafilatura documents, sumy DOM, WeasyPrint documents) never
cross a module boundary; only these dataclasses and the pydantic schema do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from briefer.output import printable


class Format(StrEnum):
    """Input formats briefer reads."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


class BlockKind(StrEnum):
    """What a block of body text is, so later stages can weigh it."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    QUOTE = "quote"  # a block quotation: someone else's voice, evidence not claim
    LIST_ITEM = "list_item"


@dataclass(frozen=True, slots=True)
class Source:
    """Raw input after reading and decoding, before any extraction."""

    text: str
    fmt: Format
    sha256: str
    path: str | None = None
    raw: bytes = field(default=b"", repr=False)


@dataclass(frozen=True, slots=True)
class Block:
    """One block of body text; ``text`` is already clean (no markup)."""

    kind: BlockKind
    text: str
    level: int = 0  # heading level (1-6); 0 for everything else


@dataclass(frozen=True, slots=True)
class Metadata:
    """Article metadata; every field optional, filled by a cascade of sources."""

    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an extractor returns: clean body blocks and the metadata it found."""

    blocks: tuple[Block, ...]
    metadata: Metadata = Metadata()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block placed in the article text: ``article.text[start:end] == text``."""

    index: int
    kind: BlockKind
    start: int
    end: int
    text: str
    level: int = 0


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence placed in the article text: ``article.text[start:end] == text``."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """Normalized article: body text, its paragraphs with spans, and metadata.

    ``text`` is the paragraphs' texts joined by blank lines, so every span in a
    briefing points into one string a reader can check.
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    metadata: Metadata
    fmt: Format = Format.TEXT
    sha256: str = ""
    path: str | None = None


PARAGRAPH_SEPARATOR = "\n\n"


def make_article(extracted: Extracted, source: Source | None = None) -> Article:
    """Lay the extracted blocks end to end and record where each one sits."""
    paragraphs: list[Paragraph] = []
    parts: list[str] = []
    offset = 0
    for block in extracted.blocks:
        text = block.text.strip()
        if not text:
            continue
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        paragraphs.append(
            Paragraph(len(paragraphs), block.kind, offset, offset + len(text), text, block.level)
        )
        parts.append(text)
        offset += len(text)
    return Article(
        text=PARAGRAPH_SEPARATOR.join(parts),
        paragraphs=tuple(paragraphs),
        metadata=extracted.metadata,
        fmt=source.fmt if source else Format.TEXT,
        sha256=source.sha256 if source else "",
        # A file name need not be UTF-8; the briefing (JSON) shows such bytes as U+FFFD.
        path=printable(source.path) if source and source.path else None,
    )
