"""PDF: pypdf extracts the text layer; we undo page layout (headers, footers, line wraps).

pypdf returns each page's text as lines, with running headers, footers and page
numbers and without paragraph breaks. Re-flowing lines into paragraphs is ours;
the paragraphs then go through the plain-text rules (:mod:`briefer.extract.text`).
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from statistics import median
from typing import Any

from briefer.errors import ExtractionError
from briefer.extract._common import is_terminal, normalize_space
from briefer.extract._pdflines import Line, page_lines
from briefer.extract.metadata import merge, parse_authors, parse_date
from briefer.extract.text import blocks_from_paragraphs, leading_metadata
from briefer.model import Block, BlockKind, Extracted, Metadata, Source

__all__ = ["extract_pdf"]

logger = logging.getLogger(__name__)

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
# A line repeated on at least this share of pages (and on 3+ pages) is a running header/footer.
_RUNNING_SHARE = 0.5
_RUNNING_MIN_PAGES = 3
# A line shorter than this share of the typical line, ending a sentence, ends its paragraph.
_SHORT_LINE = 0.8
# A short line without closing punctuation is a heading when its type is this much larger
# than the body's, or bold where the body is not (CRS and GAO set headings both ways).
_HEADING_SIZE = 1.15
_HEADING_MAX_WORDS = 12
# A heading line this share of the body's width wrapped (else the next is a new heading).
_WRAPPED = 0.7
# Lines with this many words are body text; their median type size is the body's.
_BODY_WORDS = 8


def extract_pdf(source: Source) -> Extracted:
    """Extract paragraphs and document-info metadata from a PDF's text layer."""
    pages, info = _read(source)
    lines = _drop_running_lines(pages)
    body_lines = _body(lines)
    flowed = _reflow(lines, _headings(lines, body_lines), body_lines)
    paragraphs = [text for text, _ in flowed]
    headings = {text for text, heading in flowed if heading}
    if not paragraphs:
        raise ExtractionError(
            "no text layer found (is it a scanned PDF? run OCR on it first)", path=source.path
        )
    meta, body = leading_metadata(paragraphs)
    # The type said which lines are headings; the plain-text rules cannot see type.
    blocks = [
        Block(BlockKind.HEADING, b.text, 2) if b.text in headings else b
        for b in blocks_from_paragraphs(body)
    ]
    return Extracted(tuple(blocks), merge(info, meta))


def _read(source: Source) -> tuple[list[list[Line]], Metadata]:
    from pypdf import PdfReader  # lazy: only PDF input needs it
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(source.raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(
                "PDF is password-protected; remove the password", path=source.path
            )
        pages = [page_lines(page) for page in reader.pages]
        info = _info(reader.metadata)
    except ExtractionError:
        raise
    except PdfReadError as exc:
        raise ExtractionError(
            f"cannot read PDF ({exc}); is the file complete?", path=source.path
        ) from exc
    # pypdf follows whatever objects a damaged or hostile file declares and can fail
    # anywhere (KeyError, IndexError, AttributeError, RecursionError on cyclic objects...).
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"[:160]
        raise ExtractionError(
            f"cannot read PDF ({reason}); is the file complete? Re-export or print it to PDF",
            path=source.path,
        ) from exc
    return pages, info


def _info(info: Any) -> Metadata:
    if not info:
        return Metadata()
    created = info.creation_date if hasattr(info, "creation_date") else None
    return Metadata(
        title=str(info.title).strip() or None if info.title else None,
        subtitle=str(info.subject).strip() or None if info.subject else None,
        authors=parse_authors(str(info.author)) if info.author else (),
        published=created.date() if created else parse_date(str(info.get("/CreationDate", ""))),
    )


def _drop_running_lines(pages: list[list[Line]]) -> list[Line]:
    """Remove page numbers and lines repeated on most pages (running headers and footers)."""
    counts = Counter(
        normalize_space(text)
        for page in pages
        for text in {line.text for line in page}
        if text.strip()
    )
    threshold = max(_RUNNING_MIN_PAGES, _RUNNING_SHARE * len(pages))
    lines: list[Line] = []
    for page in pages:
        for line in page:
            key = normalize_space(line.text)
            if not _PAGE_NUMBER.match(key) and counts[key] < threshold:
                lines.append(Line(line.text.rstrip(), line.size, line.bold))
        lines.append(Line(""))  # a page break ends a paragraph only if the sentence ended
    return lines


def _body(lines: list[Line]) -> list[Line]:
    return [line for line in lines if len(line.text.split()) >= _BODY_WORDS and line.size]


def _headings(lines: list[Line], body: list[Line]) -> set[int]:
    """Indexes of heading lines: short, unpunctuated, and larger or bolder than the body."""
    if not body:
        return set()
    size = median(line.size for line in body)
    bold_body = sum(line.bold for line in body) > len(body) / 2
    return {
        i
        for i, line in enumerate(lines)
        if 0 < len(line.text.split()) <= _HEADING_MAX_WORDS
        and not is_terminal(line.text)
        and (line.size >= _HEADING_SIZE * size or (line.bold and not bold_body))
    }


def _reflow(lines: list[Line], headings: set[int], body: list[Line]) -> list[tuple[str, bool]]:
    """Join wrapped lines into paragraphs, each with whether it is a heading; a short line
    ending a sentence closes one, and a heading line stands alone."""
    lengths = [len(line.text) for line in lines if line.text.strip()]
    typical = median(lengths) if lengths else 0
    # The body's line width in page units: a heading line that wide wrapped onto the next.
    width = typical * median(line.size for line in body) if body else math.inf
    paragraphs: list[tuple[str, bool]] = []
    current = ""
    for i, line in enumerate(lines):
        text = line.text.strip()
        if i in headings:
            if not current and i - 1 in headings and _wraps(lines[i - 1], line, width):
                before = paragraphs[-1][0]
                glue = "" if before.endswith(("\u2014", "-")) else " "
                paragraphs[-1] = (before + glue + text, True)
                continue
            if current:
                paragraphs.append((current, False))
            paragraphs.append((text, True))
            current = ""
            continue
        if not text:
            if current and is_terminal(current):
                paragraphs.append((current, False))
                current = ""
            continue
        if current.endswith("-") and text[:1].islower():
            current = current[:-1] + text  # hyphenated line break
        else:
            current = f"{current} {text}".strip()
        if is_terminal(text) and len(text) < _SHORT_LINE * typical:
            paragraphs.append((current, False))
            current = ""
    if current:
        paragraphs.append((current, False))
    return [(normalize_space(text), heading) for text, heading in paragraphs]


def _wraps(previous: Line, line: Line, width: float) -> bool:
    """A heading line that filled the column, or broke at a dash or comma, goes on in the
    next heading line of the same size."""
    return previous.size == line.size and (
        len(previous.text) * previous.size >= _WRAPPED * width
        or previous.text.rstrip().endswith(("\u2014", "-", ","))
    )
