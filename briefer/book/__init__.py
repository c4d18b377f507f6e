"""Many articles -> one briefing book: a front page and every article's one-page card.

Briefed articles (the batch's rows, cards and briefings) become one document::

    collect     (collect.py)     read back each briefing and card; failures become "not included"
    duplicates  (duplicates.py)  the same story told twice: word 5-gram containment of the texts
    topics      (topics.py)      TF-IDF cosine + average-linkage groups, named by shared keyphrases
    arrange     (arrange.py)     groups (topic, source, date or none), newest story first
    front       (front.py)       front matter: title, date, "At a glance", "Not included"
    pdf         (pdf.py)         front matter + the cards' own pages, links, outline, numbers
    export      (export.py)      the JSON (briefings, groups, duplicate links) and one-page HTML

One unreadable article never stops the book: it is listed with its one-line reason.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from briefer.batch import BatchProgress, BatchSettings, Row, run_batch
from briefer.book.arrange import plan as plan_book
from briefer.book.collect import collect
from briefer.book.model import GROUP_BY, GroupBy, Plan
from briefer.options import Options

__all__ = ["BOOK_FORMATS", "GROUP_BY", "BookFormat", "BookResult", "GroupBy", "make_book"]

BookFormat = Literal["pdf", "json", "html"]
BOOK_FORMATS: tuple[BookFormat, ...] = ("pdf", "json", "html")
DEFAULT_TITLE = "Morning briefing book"


@dataclass(frozen=True, slots=True)
class BookResult:
    """The book's plan, the files written, and the batch rows it was made from."""

    plan: Plan
    written: tuple[Path, ...]
    rows: tuple[Row, ...]

    @property
    def complete(self) -> bool:
        """True when every input made it into the book."""
        return not self.plan.skipped


def book_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH, so a reproducible build dates itself alike."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    if raw.strip().isdigit():
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC).date()
    return dt.date.today()


def render_book(plan: Plan, formats: Sequence[BookFormat]) -> dict[BookFormat, bytes]:
    """Every requested form of the book, in memory (the PDF first: it fixes the pages)."""
    from briefer.book.export import book_html, book_json

    out: dict[BookFormat, bytes] = {}
    front_pages = None
    if "pdf" in formats:
        from briefer.book.front import layout
        from briefer.book.pdf import assemble

        front = layout(plan)
        out["pdf"] = assemble(plan, front)
        front_pages = front.pages
    if "json" in formats:
        out["json"] = book_json(plan, front_pages).encode("utf-8")
    if "html" in formats:
        out["html"] = book_html(plan, front_pages or 1).encode("utf-8")
    return out


def write_book(plan: Plan, output: Path, formats: Sequence[BookFormat]) -> tuple[Path, ...]:
    """Render every form first, then write each atomically: ``output`` with each suffix."""
    from briefer.output import write_atomic

    rendered = render_book(plan, formats)
    written = []
    for fmt in formats:
        path = output.with_suffix(f".{fmt}")
        write_atomic(path, rendered[fmt])
        written.append(path)
    return tuple(written)


def book_from_rows(
    rows: Sequence[Row],
    outdir: str,
    output: Path,
    *,
    title: str = DEFAULT_TITLE,
    group_by: GroupBy = "topic",
    formats: Sequence[BookFormat] = ("pdf",),
    options: Options | None = None,
) -> BookResult:
    """The book of a finished batch whose cards and briefings are in ``outdir``."""
    entries, skipped = collect(rows, outdir, options=options)
    plan = plan_book(entries, skipped, title=title, date=book_date(), group_by=group_by)
    return BookResult(plan, write_book(plan, output, formats), tuple(rows))


def make_book(
    inputs: Sequence[str],
    output: Path,
    *,
    settings: BatchSettings | None = None,
    options: Options | None = None,
    title: str = DEFAULT_TITLE,
    group_by: GroupBy = "topic",
    formats: Sequence[BookFormat] = ("pdf",),
    progress: Callable[[BatchProgress], None] | None = None,
) -> BookResult:
    """Brief every input (as ``batch`` does, in parallel) and bind the results into a book."""
    settings = replace(settings or BatchSettings(), resume=False)
    options = (options or Options()).model_copy(update={"formats": ("json", "pdf")})
    with tempfile.TemporaryDirectory(prefix="briefer-book-") as scratch:
        report = run_batch(inputs, scratch, settings, options=options, progress=progress)
        return book_from_rows(
            report.rows,
            scratch,
            output,
            title=title,
            group_by=group_by,
            formats=formats,
            options=options,
        )
