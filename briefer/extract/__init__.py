"""Source -> Extracted: clean body blocks and metadata from a :class:`~briefer.model.Source`.

One module per format (``text``, ``markdown``, ``html``, ``pdf``, ``docx``), dispatched
from :data:`EXTRACTORS` (sumy's ``PARSERS`` idea). Only the module of the format being
read is imported (a Markdown brief never loads the PDF or DOCX code), each imports its
heavy library lazily and keeps that library's types to itself; :func:`extract` then
applies the clean-up every format shares. ``metadata`` holds the "fill only if missing"
cascade and the date and author parsers all formats use.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from briefer.errors import ExtractionError, UnsupportedFormatError
from briefer.extract._common import fold, is_section_name, join_broken, normalize_space
from briefer.extract.metadata import merge
from briefer.model import Block, BlockKind, Extracted, Format, Metadata, Source
from briefer.nlp.language import detect_language
from briefer.output import printable

__all__ = ["EXTRACTORS", "extract"]

logger = logging.getLogger(__name__)

Extractor = Callable[[Source], Extracted]

#: Which module of this package reads which format; it defines ``extract_<module>``.
EXTRACTORS: dict[Format, str] = {
    Format.TEXT: "text",
    Format.MARKDOWN: "markdown",
    Format.HTML: "html",
    Format.PDF: "pdf",
    Format.DOCX: "docx",
}


def _extractor(module: str) -> Extractor:
    found: Extractor = getattr(importlib.import_module(f"{__name__}.{module}"), f"extract_{module}")
    return found


def extract(source: Source) -> Extracted:
    """Extract body blocks (without title, subtitle, byline or date) and metadata.

    Raises:
        UnsupportedFormatError: no extractor for ``source.fmt``.
        ExtractionError: the input holds no article text.
    """
    module = EXTRACTORS.get(source.fmt)
    if module is None:
        supported = ", ".join(sorted(EXTRACTORS))
        raise UnsupportedFormatError(
            f"cannot read format {source.fmt!r} (supported: {supported})", path=source.path
        )
    extracted = _extractor(module)(source)
    blocks = _tidy(extracted.blocks, extracted.metadata)
    if not blocks:
        raise ExtractionError(
            "no article text found (is the file empty or only navigation?)", path=source.path
        )
    fallback = _fallback_metadata(blocks, source)
    metadata = merge(extracted.metadata, fallback)
    declared, detected = metadata.language, fallback.language
    if declared and detected and declared[:2].lower() != detected:
        # Templates declare a default (lang="en" on a French page); the text's own stop
        # words are the better witness, and the ranking's stemmer follows this choice.
        logger.debug("declared language %s, text reads as %s", declared, detected)
        metadata = replace(metadata, language=detected)
    logger.debug("extracted %d blocks from %s", len(blocks), source.path or "input")
    return Extracted(tuple(blocks), metadata)


def _tidy(blocks: tuple[Block, ...], meta: Metadata) -> list[Block]:
    """Shared clean-up: whitespace, the title repeated in the body, split paragraphs."""
    title = fold(meta.title) if meta.title else None
    out: list[Block] = []
    for block in blocks:
        text = normalize_space(block.text)
        if not text:
            continue
        if not out and fold(text) == title:
            continue  # trafilatura and scrapers repeat the title as the first line
        out.append(Block(block.kind, text, block.level if block.kind is BlockKind.HEADING else 0))
    return join_broken(out)


def _fallback_metadata(blocks: list[Block], source: Source) -> Metadata:
    """Last resorts: language from the text, title from a leading heading or the file name."""
    sample = " ".join(b.text for b in blocks[:40])
    lead = blocks[0]
    title = lead.text if lead.kind is BlockKind.HEADING and not is_section_name(lead.text) else None
    if title is None and source.path:
        words = Path(printable(source.path)).stem.replace("_", " ").replace("-", " ").split()
        # "revitalizing-alliances.txt" -> "Revitalizing alliances": sentence case, since the
        # file name cannot tell which words are names.
        title = " ".join(words)[:1].upper() + " ".join(words)[1:] if words else None
    return Metadata(title=title, language=detect_language(sample))
