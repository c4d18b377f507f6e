"""The ``briefer`` command: a thin typer layer over the library.

Exit codes (``errors.EXIT_CODES``): 0 success, 1 an input could not be briefed (one line
on stderr says which and why), 2 usage error (typer/click's own, or a ``ConfigError``),
73 an output could not be written (an ``OutputError``: read-only folder, full disk).
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import sys
import threading
from pathlib import Path
from typing import Annotated, NoReturn, cast

import typer

from briefer._version import __version__
from briefer.cli import links
from briefer.errors import BrieferError, exit_code
from briefer.options import FORMATS, Options, OutputFormat, PageSize
from briefer.output import printable

app = typer.Typer(
    name="briefer",
    help="Turn long articles into verifiable one-page briefings (PDF, JSON, HTML, Markdown).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
log = logging.getLogger("briefer")

#: The defaults every option shows, from the one table the library uses too.
DEFAULTS = Options()
_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefer {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help="More log.")] = 0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """Turn long articles into verifiable one-page briefings."""
    _state["debug"] = debug
    level = logging.DEBUG if debug or verbose > 1 else logging.INFO if verbose else logging.ERROR
    # Only briefer's own loggers get chatty; third-party debug output (markdown-it logs
    # every parser rule) stays at WARNING, and by default at ERROR so a failed input
    # prints exactly one line (pypdf warns about every damaged file it reads).
    third_party = logging.WARNING if debug or verbose else logging.ERROR
    logging.basicConfig(level=third_party, format="%(levelname)s %(name)s: %(message)s")
    log.setLevel(level)
    if not (debug or verbose):
        # WeasyPrint logs refused fetches at ERROR; the sealed fetcher refusing is intended.
        logging.getLogger("weasyprint").setLevel(logging.CRITICAL)


def _fail(exc: BrieferError) -> NoReturn:
    _report(exc)
    raise typer.Exit(exit_code(exc))


def _report(exc: BrieferError) -> None:
    if _state["debug"]:
        log.error("briefer failed", exc_info=exc)
    typer.echo(f"Error: {printable(str(exc))}", err=True)


def _parse_formats(value: str) -> tuple[OutputFormat, ...]:
    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        raise typer.BadParameter(
            f"unknown format {', '.join(bad) or value!r}; choose from {', '.join(FORMATS)}"
        )
    return cast(tuple[OutputFormat, ...], names)


PageSizeOption = Annotated[
    str, typer.Option("--page-size", help="Paper size of the PDF: letter or a4.")
]
AlgorithmOption = Annotated[
    str, typer.Option("--algorithm", help="auto, lead, or a sumy algorithm name.")
]
TemplateOption = Annotated[
    Path | None,
    typer.Option("--template-dir", help="Folder of templates overriding the built-in card."),
]


MB = 1024 * 1024  # binary megabytes, as ingest reports sizes
MaxMbOption = Annotated[
    float,
    typer.Option("--max-mb", min=0.001, help="Largest input accepted, in megabytes."),
]


def _options(
    algorithm: str,
    page_size: str,
    template_dir: Path | None,
    max_mb: float = DEFAULTS.max_bytes / MB,
    formats: tuple[OutputFormat, ...] = DEFAULTS.formats,
    timeout: float = DEFAULTS.timeout,
) -> Options:
    if page_size.lower() not in ("letter", "a4"):
        raise typer.BadParameter(f"{page_size!r} is not letter or a4", param_hint="--page-size")
    if template_dir is not None and not template_dir.is_dir():
        raise typer.BadParameter(f"{template_dir} is not a folder", param_hint="--template-dir")
    return Options(
        algorithm=algorithm,
        page_size=cast(PageSize, page_size.lower()),
        template_dir=template_dir,
        max_bytes=round(max_mb * MB),
        formats=formats,
        timeout=timeout,
    )


@app.command()
def brief(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files (txt, md, html, pdf, docx) or URLs; - for stdin.",
            metavar="INPUT...",
        ),
    ],
    output: Annotated[
        str, typer.Option("-o", "--output", help="Output folder, or - for stdout (one format).")
    ] = "out",
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: pdf, json, html, md, docx.")
    ] = ",".join(DEFAULTS.formats),
    page_size: PageSizeOption = DEFAULTS.page_size,
    algorithm: AlgorithmOption = DEFAULTS.algorithm,
    template_dir: TemplateOption = None,
    max_mb: MaxMbOption = DEFAULTS.max_bytes / MB,
    fetch_timeout: links.FetchTimeoutOption = DEFAULTS.fetch_timeout,
) -> None:
    """Brief each INPUT (a file or a URL) into OUTPUT/<stem>.<format>."""
    from briefer.cli.files import output_names, renamed_note
    from briefer.pipeline import render_outputs, write_outputs

    fmts = _parse_formats(formats)
    options = links.timed(_options(algorithm, page_size, template_dir, max_mb, fmts), fetch_timeout)
    args = links.unique(inputs)
    to_stdout = output == "-"
    if to_stdout and (len(fmts) != 1 or len(args) != 1):
        raise typer.BadParameter("-o - streams one format of one input", param_hint="-o")
    code = 0
    named = [links.as_path(arg) for arg in args]
    names = output_names(named, Path(output), fmts)
    for arg, path, stem in zip(args, named, names, strict=True):
        try:
            # One byte past the limit is enough for ingest to refuse an oversized stdin.
            source = sys.stdin.buffer.read(options.max_bytes + 1) if arg == "-" else Path(arg)
            rendered = render_outputs(
                links.brief_input(arg, source, options), fmts, options=options
            )
            if to_stdout:
                sys.stdout.buffer.write(rendered.outputs[fmts[0]])
                sys.stdout.flush()
                continue
            if note := renamed_note(path, stem, fmts):
                typer.echo(note, err=True)
            for written in write_outputs(rendered, Path(output), stem):
                typer.echo(f"wrote {printable(str(written))}", err=True)
        except BrieferError as exc:
            code = max(code, exit_code(exc))
            _report(exc)
    if code:
        raise typer.Exit(code)


@app.command()
def render(
    briefing: Annotated[
        Path,
        typer.Argument(help="A briefing JSON file (as written by brief).", metavar="BRIEFING.json"),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="PDF path (default: beside the JSON).")
    ] = None,
    page_size: PageSizeOption = DEFAULTS.page_size,
    template_dir: TemplateOption = None,
    source: links.SourceOption = None,
) -> None:
    """Re-render a (possibly hand-edited) briefing JSON after validating it."""
    from briefer.cli.files import check_render_target, load_briefing
    from briefer.output import write_output
    from briefer.render import render_card

    options = _options(DEFAULTS.algorithm, page_size, template_dir)
    target = output or briefing.with_suffix(".pdf")
    try:
        check_render_target(briefing, target)
        model = load_briefing(briefing)
        links.check_against(model, source, briefing)  # with --source only
        write_output(target, render_card(model, options=options).pdf)
    except BrieferError as exc:
        _fail(exc)
    typer.echo(f"wrote {printable(str(target))}", err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a briefing."""
    from briefer.schema import Briefing

    typer.echo(json.dumps(Briefing.model_json_schema(), indent=2, sort_keys=True))


@app.command("eval")
def evaluate(
    dataset: Annotated[
        Path,
        typer.Argument(
            help="JSONL with id, article, summary per line (or editorials with units).",
            metavar="DATASET",
        ),
    ],
    ids: Annotated[
        Path | None, typer.Option("--ids", help="File of item ids to score (one per line).")
    ] = None,
    methods: Annotated[
        str | None, typer.Option("--methods", help="Comma-separated methods (default: all).")
    ] = None,
) -> None:
    """ROUGE-1/2/Lsum F1 of briefer's ranking beside Lead and every sumy algorithm."""
    from briefer.evaluate import report

    if not dataset.is_file():
        raise typer.BadParameter(f"{dataset} is not a file", param_hint="DATASET")
    wanted = ids.read_text(encoding="utf-8").split() if ids else None
    try:
        table = report(dataset, wanted, methods.split(",") if methods else None)
    except BrieferError as exc:
        _fail(exc)
    typer.echo(table)


@app.command()
def batch(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Folders, files or fsspec URLs (s3://, memory://).", metavar="INPUT..."
        ),
    ] = None,
    output: Annotated[str, typer.Option("-o", "--output", help="Output folder or URL.")] = "out",
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: cores).")
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: pdf, json, html, md, docx.")
    ] = ",".join(DEFAULTS.formats),
    include: Annotated[
        list[str] | None, typer.Option("--include", help="Only paths matching GLOB.")
    ] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Skip GLOB.")] = None,
    follow_links: Annotated[
        bool, typer.Option("--follow-links", help="Brief file links leading out of INPUT.")
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume/--no-resume", help="Skip inputs already briefed.")
    ] = True,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first failure.")] = (
        False
    ),
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler, e.g. tcp://host:8786.")
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, help="Seconds per input; 0: none.")
    ] = (DEFAULTS.timeout),
    worker_grace: Annotated[
        float, typer.Option("--worker-grace", min=0.1, help="Dask: give up after N s, no worker.")
    ] = 60.0,
    page_size: PageSizeOption = DEFAULTS.page_size,
    algorithm: AlgorithmOption = DEFAULTS.algorithm,
    template_dir: TemplateOption = None,
    max_mb: MaxMbOption = DEFAULTS.max_bytes / MB,
    book: Annotated[bool, typer.Option("--book", help="Also write OUTPUT/book.pdf.")] = False,
    urls: links.UrlsOption = None,
    fetch_timeout: links.FetchTimeoutOption = DEFAULTS.fetch_timeout,
) -> None:
    """Brief every article under INPUT... into OUTPUT, mirroring the folders, with an index."""
    from briefer.batch import BatchSettings
    from briefer.cli.batch import run
    from briefer.cli.book import with_book_formats, write_batch_book

    settings = BatchSettings(
        jobs=jobs,
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        resume=resume,
        fail_fast=fail_fast,
        scheduler=scheduler,
        follow_links=follow_links,
        worker_grace=worker_grace,
        urls=links.url_inputs(urls, inputs),
    )
    fmts = _parse_formats(with_book_formats(formats) if book else formats)
    options = links.timed(
        _options(algorithm, page_size, template_dir, max_mb, fmts, timeout), fetch_timeout
    )
    code = run(inputs or [], output, settings, options)
    if book and code in (0, 1):
        code = write_batch_book(output, options) or code
    if code:
        raise typer.Exit(code)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code instead of exiting when called from tests."""
    try:
        app(args=argv, prog_name="briefer", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def run() -> NoReturn:
    """Console entry point: ``main()``, then exit without tearing the interpreter down.

    A one-shot command has nothing to gain from Python's interpreter teardown (freeing
    every module, running the GC over numpy, nltk and pydantic): it cost 80 ms of a
    0.54 s ``briefer brief``. Every output is already written and renamed into place by
    then; stdio is flushed and atexit handlers (logging, multiprocessing, tempfile) run
    first, so only the freeing is skipped. With other threads still alive the normal
    exit joins them instead.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or 1  # reader went away or stdio closed: normal exit reports the same
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
