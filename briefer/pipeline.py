"""The one place that knows the stage order: read -> extract -> assemble -> render -> write."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from briefer.errors import ExtractionError
from briefer.model import Article, make_article
from briefer.options import Options, OutputFormat
from briefer.schema import Briefing

log = logging.getLogger(__name__)

Input = Path | str | bytes


def read_article(
    source: Input, *, options: Options | None = None, name: str | None = None
) -> Article:
    """Read a file (Path), article text (str) or file content (bytes) into an Article.

    ``name`` labels str/bytes input in messages and hints its format by suffix (an upload's
    file name, a URL).
    """
    from briefer.extract import extract
    from briefer.ingest import read_source

    options = options or Options()
    src = read_source(source, max_bytes=options.max_bytes, name=name)
    article = make_article(extract(src), src)
    if not article.paragraphs:
        raise ExtractionError(
            "no article text found (is it an article, or a page of links?)", path=src.path
        )
    return article


def brief_article(article: Article, *, options: Options | None = None) -> Briefing:
    """Brief an already-read article."""
    from briefer.assemble import assemble

    return assemble(article, options)


def brief(source: Input, *, options: Options | None = None, name: str | None = None) -> Briefing:
    """The whole pipeline: read, extract, rank and fill the briefing schema."""
    return brief_article(read_article(source, options=options, name=name), options=options)


def brief_url(url: str, *, options: Options | None = None, public_only: bool = False) -> Briefing:
    """Fetch a web page and brief what came back like a saved file of it.

    ``source.url`` is the final URL (after redirects) and ``source.fetched`` when it was
    fetched. The only network access briefer makes, and only for a URL it was given.
    """
    from briefer.fetch import FetchSettings, fetch

    options = options or Options()
    page = fetch(url, FetchSettings.of(options, public_only=public_only))
    briefing = brief(page.content, options=options, name=page.url)
    source = briefing.source.model_copy(
        update={"url": page.url, "path": None, "fetched": page.fetched}
    )
    return briefing.model_copy(update={"source": source})


def briefing_json(briefing: Briefing) -> str:
    """The canonical JSON text of a briefing (stable key order, trailing newline)."""
    return briefing.model_dump_json(indent=2) + "\n"


@dataclass(frozen=True, slots=True)
class Rendered:
    """Every requested output of one briefing, in memory, ready to write."""

    outputs: dict[OutputFormat, bytes]


def render_outputs(
    briefing: Briefing, formats: tuple[OutputFormat, ...], *, options: Options | None = None
) -> Rendered:
    """Render every requested format before anything is written, so a failure writes nothing."""
    outputs: dict[OutputFormat, bytes] = {}
    for fmt in formats:
        if fmt == "json":
            outputs[fmt] = briefing_json(briefing).encode("utf-8")
            continue
        # Jinja2 and WeasyPrint load only when a card is rendered.
        from briefer.render import render_card, render_html, render_markdown

        if fmt == "pdf":
            outputs[fmt] = render_card(briefing, options=options).pdf
        elif fmt == "html":
            outputs[fmt] = render_html(briefing, options=options).encode("utf-8")
        elif fmt == "docx":
            from briefer.render.docx import render_docx

            outputs[fmt] = render_docx(briefing)
        else:
            outputs[fmt] = render_markdown(briefing, options=options).encode("utf-8")
    return Rendered(outputs)


def write_outputs(rendered: Rendered, outdir: Path, stem: str) -> list[Path]:
    """Write each output atomically as ``outdir/<stem>.<ext>``: all of them, or none.

    Raises:
        OutputError: one could not be written; those already written are removed again.
    """
    from briefer.output import write_output

    written: list[Path] = []
    try:
        for fmt, data in rendered.outputs.items():
            path = outdir / f"{stem}.{fmt}"
            write_output(path, data)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
