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
from briefer.extract._common import is_terminal, normalize_space, superscript
from briefer.extract.text import blocks_from_paragraphs, leading_metadata
from briefer.metadata import merge, parse_authors, parse_date
from briefer.model import Extracted, Metadata, Source

__all__ = ["extract_pdf"]

logger = logging.getLogger(__name__)

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
# A line repeated on at least this share of pages (and on 3+ pages) is a running header/footer.
_RUNNING_SHARE = 0.5
_RUNNING_MIN_PAGES = 3
# A line shorter than this share of the typical line, ending a sentence, ends its paragraph.
_SHORT_LINE = 0.8
# A superscript is a few characters ("3", "14", "th") set this share of the font size
# above the baseline of the text before it.
_MAX_SUPERSCRIPT = 4
_RAISED = 0.2


def extract_pdf(source: Source) -> Extracted:
    """Extract paragraphs and document-info metadata from a PDF's text layer."""
    pages, info = _read(source)
    lines = _drop_running_lines(pages)
    paragraphs = _reflow(lines)
    if not paragraphs:
        raise ExtractionError(
            "no text layer found (is it a scanned PDF? run OCR on it first)", path=source.path
        )
    meta, body = leading_metadata(paragraphs)
    return Extracted(tuple(blocks_from_paragraphs(body)), merge(info, meta))


def _read(source: Source) -> tuple[list[list[str]], Metadata]:
    from pypdf import PdfReader  # lazy: only PDF input needs it
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(source.raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(
                "PDF is password-protected; remove the password", path=source.path
            )
        pages = [_page_text(page).split("\n") for page in reader.pages]
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


def _page_text(page: Any) -> str:
    """The page's text with superscripts read as such (footnote references dropped).

    pypdf's text runs a superscript into the word before it ("rules3", "in 20222"). Its
    visitor reports each run with its position and size; a short run set above the
    baseline of the run before it, no larger, on the same line, is a superscript.
    """
    runs: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, size: float) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # baseline in page space
        runs.append((text, y, size * (math.hypot(cm[2], cm[3]) or 1.0)))

    text: str = page.extract_text(visitor_text=visit) or ""
    if "".join(run[0] for run in runs) != text:
        return text  # pypdf re-ordered the runs: keep its text as it is
    out: list[str] = []
    for i, (run, y, size) in enumerate(runs):
        if i and _is_superscript(run, y, size, runs[i - 1]):
            run = superscript(run, "".join(out[-3:]))
        out.append(run)
    return "".join(out)


def _is_superscript(run: str, y: float, size: float, before: tuple[str, float, float]) -> bool:
    text, base, base_size = before
    return (
        0 < len(run.strip()) <= _MAX_SUPERSCRIPT
        and "\n" not in run
        and not text.endswith(("\n", " "))
        and size <= base_size
        and y - base > _RAISED * base_size
    )


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


def _drop_running_lines(pages: list[list[str]]) -> list[str]:
    """Remove page numbers and lines repeated on most pages (running headers and footers)."""
    counts = Counter(normalize_space(line) for page in pages for line in set(page) if line.strip())
    threshold = max(_RUNNING_MIN_PAGES, _RUNNING_SHARE * len(pages))
    lines: list[str] = []
    for page in pages:
        for line in page:
            key = normalize_space(line)
            if not _PAGE_NUMBER.match(key) and counts[key] < threshold:
                lines.append(line.rstrip())
        lines.append("")  # a page break ends a paragraph only if the sentence ended
    return lines


def _reflow(lines: list[str]) -> list[str]:
    """Join wrapped lines into paragraphs; a short line ending a sentence closes one."""
    lengths = [len(line) for line in lines if line.strip()]
    typical = median(lengths) if lengths else 0
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        text = line.strip()
        if not text:
            if current and is_terminal(current):
                paragraphs.append(current)
                current = ""
            continue
        if current.endswith("-") and text[:1].islower():
            current = current[:-1] + text  # hyphenated line break
        else:
            current = f"{current} {text}".strip()
        if is_terminal(text) and len(text) < _SHORT_LINE * typical:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return [normalize_space(p) for p in paragraphs]
