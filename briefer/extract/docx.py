"""DOCX: python-docx reads paragraphs, styles and core properties; styles give structure."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from briefer.errors import ExtractionError
from briefer.extract._common import is_caption, is_site_chrome, normalize_space
from briefer.extract.metadata import merge, parse_authors, parse_date
from briefer.extract.text import leading_metadata
from briefer.model import Block, BlockKind, Extracted, Metadata, Source

__all__ = ["extract_docx"]

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
_QUOTE_STYLES = frozenset({"quote", "intense quote", "block text"})


def extract_docx(source: Source) -> Extracted:
    """Extract styled blocks and core-property metadata from a Word document."""
    import docx  # lazy: only DOCX input needs it

    try:
        document = docx.Document(io.BytesIO(source.raw))
        return _extract(document)
    # python-docx trusts the package: a hostile or damaged one fails anywhere inside it
    # (AttributeError on a malformed [Content_Types].xml, lxml's XMLSyntaxError, ...).
    except Exception as exc:
        raise ExtractionError(
            f"cannot read DOCX ({_reason(exc)}); is the file complete? "
            "Open and re-save it in Word or LibreOffice",
            path=source.path,
        ) from exc


def _reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"[:160]


def _extract(document: Any) -> Extracted:
    styled = Metadata()
    blocks: list[Block] = []
    for paragraph in document.paragraphs:
        text = normalize_space(paragraph.text)
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if not text or is_caption(text) or is_site_chrome(text) or style.lower() == "caption":
            continue
        if style.lower() == "title":
            styled = merge(styled, Metadata(title=text))
        elif style.lower() == "subtitle":
            styled = merge(styled, Metadata(subtitle=text))
        else:
            kind, level = _kind(style, paragraph)
            blocks.append(Block(kind, text, level))
    lead, blocks = _lead(blocks)
    return Extracted(tuple(blocks), merge(styled, _core(document.core_properties), lead))


def _kind(style: str, paragraph: Any) -> tuple[BlockKind, int]:
    heading = _HEADING_STYLE.match(style)
    if heading:
        return BlockKind.HEADING, int(heading.group(1))
    if style.lower() in _QUOTE_STYLES:
        return BlockKind.QUOTE, 0
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if style.lower().startswith("list") or numbered:
        return BlockKind.LIST_ITEM, 0
    return BlockKind.PARAGRAPH, 0


def _lead(blocks: list[Block]) -> tuple[Metadata, list[Block]]:
    """Unstyled title, byline and date lines at the top (the plain-text rules)."""
    leading = 0
    while leading < len(blocks) and blocks[leading].kind is BlockKind.PARAGRAPH:
        leading += 1
    meta, rest = leading_metadata([b.text for b in blocks[:leading]])
    return meta, blocks[leading - len(rest) :] if leading else blocks


def _core(props: Any) -> Metadata:
    created = props.created
    return Metadata(
        title=props.title or None,
        subtitle=props.subject or None,
        authors=parse_authors(props.author),
        published=created.date() if created else parse_date(None),
        language=(props.language or "").split("-")[0].lower() or None,
        topics=tuple(k.strip() for k in (props.keywords or "").split(",") if k.strip()),
    )
