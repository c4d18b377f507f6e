"""Web addresses on the command line: ``briefer brief URL`` and ``briefer batch --urls FILE``.

The fetching itself is :func:`briefer.pipeline.brief_url`; this module only names outputs
and reads URL lists, so ``app.py`` gains a line per command, not a feature.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer

from briefer.fetch import is_url

if TYPE_CHECKING:
    from briefer.options import Options
    from briefer.schema import Briefing

__all__ = [
    "FetchTimeoutOption",
    "as_path",
    "check_against",
    "is_url",
    "read_url_list",
    "unique",
    "url_stem",
]

FetchTimeoutOption = Annotated[
    float,
    typer.Option(
        "--fetch-timeout",
        min=0.1,
        help="Seconds to wait to connect to a URL's server, and for its next bytes.",
    ),
]


SourceOption = Annotated[
    Path | None,
    typer.Option("--source", help="The article: check every excerpt against its text."),
]
UrlsOption = Annotated[
    Path | None, typer.Option("--urls", help="File of web pages to brief, one URL a line.")
]
AllowFetchOption = Annotated[
    bool, typer.Option("--allow-fetch", help="Let visitors brief public web pages by URL.")
]


def brief_input(arg: str, source: Path | bytes, options: Options) -> Briefing:
    """Brief one INPUT of ``briefer brief``: a URL is fetched, anything else read."""
    from briefer.pipeline import brief, brief_url

    return brief_url(arg, options=options) if is_url(arg) else brief(source, options=options)


def timed(options: Options, fetch_timeout: float) -> Options:
    """``options`` with ``--fetch-timeout`` applied."""
    return options.model_copy(update={"fetch_timeout": fetch_timeout})


def url_inputs(path: Path | None, inputs: list[str] | None) -> tuple[str, ...]:
    """The ``--urls`` list; a batch needs it or at least one INPUT."""
    urls = tuple(read_url_list(path)) if path else ()
    if not inputs and not urls:
        raise typer.BadParameter("give INPUT... or --urls FILE", param_hint="INPUT...")
    return urls


def url_stem(url: str) -> str:
    """An output name for a URL: its last path segment without suffix, else its host."""
    parts = urlsplit(url)
    last = posixpath.splitext(posixpath.basename(parts.path.rstrip("/")))[0]
    name = last or (parts.hostname or "page")
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in name)[:80] or "page"


def unique(inputs: list[str]) -> list[str]:
    """The inputs in order, each file and each URL once (however a file is spelled)."""
    seen: set[object] = set()
    kept = []
    for arg in inputs:
        key: object = arg if is_url(arg) or arg == "-" else Path(arg).resolve()
        if key not in seen:
            seen.add(key)
            kept.append(arg)
    return kept


def as_path(arg: str) -> Path:
    """What the one naming rule (``cli.files.output_names``) sees of an INPUT: a file as
    itself, a URL as a page named after it, so URL outputs never replace a file either."""
    return Path(f"{url_stem(arg)}.html") if is_url(arg) else Path(arg)


def read_url_list(path: Path) -> list[str]:
    """The URLs of a list file: one a line; blank lines and ``#`` comments are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError) as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc}", param_hint="--urls") from exc
    urls = []
    for number, line in enumerate(lines, start=1):
        # A URL holds no whitespace, so " #" starts a comment; a bare "#" may be a fragment.
        text = "" if line.lstrip().startswith("#") else re.split(r"\s#", line, maxsplit=1)[0]
        text = text.strip()
        if not text:
            continue
        if not is_url(text):
            raise typer.BadParameter(
                f"{path}:{number}: {text[:80]!r} is not an http(s) URL", param_hint="--urls"
            )
        urls.append(text)
    return urls


def check_against(briefing: Briefing, source: Path | None, json_path: Path) -> None:
    """``briefer render --source``: every excerpt must be the article's text where it says.

    The article is read as ``briefer brief`` reads it, so the spans point into the same
    normalized text; a different file (another SHA-256) is refused before any excerpt.
    """
    if source is None:
        return
    from briefer.edit import check_provenance
    from briefer.errors import ProvenanceError
    from briefer.pipeline import read_article

    article = read_article(source)
    if article.sha256 != briefing.source.sha256:
        raise ProvenanceError(
            f"{source} is not the article this briefing was made from (its SHA-256 differs"
            " from source.sha256); give the file it was briefed from",
            path=str(json_path),
        )
    spans = [(p.start, p.end) for p in article.paragraphs]
    check_provenance(briefing, article.text, spans, path=str(json_path))
