"""The ``book`` command, and ``batch --book``: many articles into one briefing book."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from briefer.cli.app import (
    DEFAULTS,
    MB,
    AlgorithmOption,
    MaxMbOption,
    PageSizeOption,
    TemplateOption,
    _fail,
    _options,
    app,
)
from briefer.errors import BrieferError, exit_code
from briefer.options import Options

if TYPE_CHECKING:
    from briefer.book.model import Plan


def _book_formats(value: str) -> tuple[str, ...]:
    from briefer.book import BOOK_FORMATS

    names = tuple(dict.fromkeys(p.strip().lower() for p in value.split(",") if p.strip()))
    bad = [n for n in names if n not in BOOK_FORMATS]
    if bad or not names:
        raise typer.BadParameter(
            f"unknown format {', '.join(bad) or value!r}; choose from {', '.join(BOOK_FORMATS)}",
            param_hint="--format",
        )
    return names


def _group_by(value: str) -> str:
    from briefer.book import GROUP_BY

    if value.lower() not in GROUP_BY:
        raise typer.BadParameter(
            f"{value!r} is not one of {', '.join(GROUP_BY)}", param_hint="--group-by"
        )
    return value.lower()


TitleOption = Annotated[str, typer.Option("--title", help="The book's title.")]
GroupByOption = Annotated[
    str, typer.Option("--group-by", help="Group articles by topic, source, date or none.")
]


@app.command()
def book(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Article files and folders, as batch takes them.", metavar="INPUT..."),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="The book's PDF path.")] = Path(
        "book.pdf"
    ),
    title: TitleOption = "Morning briefing book",
    group_by: GroupByOption = "topic",
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: pdf, json, html.")
    ] = "pdf",
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: cores).")
    ] = None,
    include: Annotated[
        list[str] | None, typer.Option("--include", help="Only paths matching GLOB.")
    ] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Skip GLOB.")] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, help="Seconds per input; 0: none.")
    ] = DEFAULTS.timeout,
    page_size: PageSizeOption = DEFAULTS.page_size,
    algorithm: AlgorithmOption = DEFAULTS.algorithm,
    template_dir: TemplateOption = None,
    max_mb: MaxMbOption = DEFAULTS.max_bytes / MB,
) -> None:
    """Brief every article under INPUT... into one book: a front page, then every card."""
    from briefer.batch import BatchSettings
    from briefer.book import BookFormat, GroupBy, make_book

    fmts = cast(tuple[BookFormat, ...], _book_formats(formats))
    grouping = cast(GroupBy, _group_by(group_by))
    options = _options(algorithm, page_size, template_dir, max_mb, timeout=timeout)
    settings = BatchSettings(jobs=jobs, include=tuple(include or ()), exclude=tuple(exclude or ()))
    try:
        result = make_book(
            inputs,
            output,
            settings=settings,
            options=options,
            title=title,
            group_by=grouping,
            formats=fmts,
        )
    except BrieferError as exc:
        _fail(exc)
    _report(result.plan, result.written)
    if not result.complete:
        raise typer.Exit(1)


def write_batch_book(outdir: str, options: Options) -> int:
    """``batch --book``: OUTDIR/book.pdf from the batch's index; 1 if it could not be made."""
    from briefer.batch.fs import is_local, join
    from briefer.book import book_from_rows
    from briefer.book.collect import rows_from_index

    if not is_local(outdir):
        typer.echo("Error: --book writes a local file; give a local OUTDIR", err=True)
        return 2
    try:
        rows = rows_from_index(outdir)
        result = book_from_rows(rows, outdir, Path(join(outdir, "book.pdf")), options=options)
    except BrieferError as exc:
        typer.echo(f"Error: the book could not be made: {exc}", err=True)
        return exit_code(exc)
    _report(result.plan, result.written)
    return 0


def with_book_formats(formats: str) -> str:
    """``batch --book`` needs each card's PDF and JSON, whatever else was asked for."""
    names = [p.strip() for p in formats.split(",") if p.strip()]
    return ",".join(dict.fromkeys([*names, "pdf", "json"]))


def _report(p: Plan, written: tuple[Path, ...]) -> None:
    for skipped in p.skipped:
        typer.echo(f"not included: {skipped.key}: {skipped.reason}", err=True)
    stories = len({d.of for d in p.duplicates})
    typer.echo(
        f"book: {len(p.entries)} articles in {len(p.groups)} groups, {stories} stories told "
        f"more than once, {len(p.skipped)} not included; wrote {', '.join(map(str, written))}",
        err=True,
    )
