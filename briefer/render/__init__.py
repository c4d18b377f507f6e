"""Briefing -> HTML / Markdown / one-page PDF card (jinja2 + WeasyPrint).

The card must fit exactly one page whatever the article: ``fit.first_fit`` predicts the
most generous layout that fits, the renderer lays it out once to check, and only steps down
(bisecting the rest of the ladder) when the prediction was wrong.

- ``fit``: the ladder of layouts and the height estimate of each from the CSS metrics;
- ``sealed``: the URL fetcher that reads only the templates' assets and packaged fonts;
- ``templates``: the one sandboxed Jinja environment (card, batch index, web page).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from briefer._resources import asset_roots, font_faces, templates_dir
from briefer.errors import ConfigError, RenderError
from briefer.options import Options, PageSize
from briefer.render.fit import FIT_LADDER, Fit, first_fit, trim
from briefer.render.templates import environment
from briefer.schema import Briefing

if TYPE_CHECKING:
    from weasyprint import Document
    from weasyprint.text.fonts import FontConfiguration

log = logging.getLogger(__name__)

CARD_TEMPLATE = "card.html.j2"
MARKDOWN_TEMPLATE = "card.md.j2"
PAGE_SIZES: dict[PageSize, str] = {"letter": "letter", "a4": "A4"}


@dataclass(frozen=True, slots=True)
class Card:
    """A rendered card: the HTML that was laid out, the PDF bytes and the layout used."""

    html: str
    pdf: bytes
    pages: int
    fit: Fit


def _clip(text: str, limit: int) -> str:
    """Shorten metadata (titles, URLs) for display; never used on quoted sentences."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _direction(text: str) -> str:
    """ "rtl" or "ltr" from the first strongly directional character (HTML's dir=auto rule).

    WeasyPrint does not implement ``dir="auto"``, so the card states each direction.
    """
    for ch in str(text):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _longdate(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


# One environment per template folder: building it and compiling the card template cost
# ~30 ms, most of a render_html call. Jinja still re-checks each file's mtime on use.
@functools.lru_cache(maxsize=16)
def _environment(template_dir: Path | None, *, markdown: bool = False) -> jinja2.Environment:
    if template_dir is not None and not template_dir.is_dir():
        raise ConfigError(f"template folder {template_dir} does not exist; pass an existing one")
    folders = () if template_dir is None else (template_dir,)
    env = environment(folders, markdown=markdown, default_prefix=True)
    env.filters["clip"] = _clip
    env.filters["longdate"] = _longdate
    env.filters["dir"] = _direction
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["md"] = _markdown_escape
    return env


def _markdown_escape(text: str) -> str:
    """Escape Markdown syntax so article text cannot turn into links, images or HTML."""
    out = []
    for ch in str(text):
        out.append("\\" + ch if ch in "\\`*_{}[]()<>#+|!~" else ch)
    return "".join(out).replace("\n", " ")


def render_html(
    briefing: Briefing,
    *,
    options: Options | None = None,
    fit: Fit = FIT_LADDER[0],
    font_files: bool = False,
) -> str:
    """The card as a standalone HTML page (the most generous layout unless ``fit`` is given).

    ``font_files`` links the packaged fonts by ``file:`` URL, as the PDF renderer needs; a
    page meant to be shared names the families only, so it leaks no local paths.
    """
    options = options or Options()
    env = _environment(options.template_dir)
    trimmed = trim(briefing, fit)
    context: dict[str, Any] = {
        "brief": trimmed,
        "fit": {"font_pt": fit.font_pt, "page_size": PAGE_SIZES[options.page_size]},
        # Only the fallback fonts for scripts on the card: each one costs every layout.
        "assets": {"fonts": font_faces(trimmed.model_dump_json()) if font_files else ()},
    }
    try:
        return env.get_template(CARD_TEMPLATE).render(**context)
    except jinja2.TemplateError as exc:
        raise ConfigError(f"card template failed: {exc}; check --template-dir") from exc


def render_markdown(briefing: Briefing, *, options: Options | None = None) -> str:
    """The briefing as Markdown, with article text escaped."""
    options = options or Options()
    env = _environment(options.template_dir, markdown=True)
    try:
        return env.get_template(MARKDOWN_TEMPLATE).render(brief=briefing)
    except jinja2.TemplateError as exc:
        raise ConfigError(f"Markdown template failed: {exc}; check --template-dir") from exc


def _layout(html: str, base: Path, fonts: FontConfiguration) -> Document:
    from weasyprint import HTML

    from briefer.render.sealed import SealedFetcher

    fetcher = SealedFetcher(asset_roots())
    return HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher).render(
        font_config=fonts
    )


@contextlib.contextmanager
def _font_configuration() -> Iterator[FontConfiguration]:
    """One WeasyPrint font configuration for a card's layouts, its temp folder removed after.

    WeasyPrint copies every ``@font-face`` file into a ``weasyprint-*`` folder under TMPDIR
    (1.7 MB, up to 24 MB with CJK) and removes it only in ``FontConfiguration.__del__``,
    which never runs in a process that leaves through ``os._exit`` (the CLI, pool workers,
    the forkserver). So the folder goes here, once the PDF is written; the layouts of one
    card share it, so the fonts are copied once per card instead of once per layout.
    """
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    try:
        yield fonts
    finally:
        # ``_folder`` is where WeasyPrint 60-70 keep it (created lazily by add_font_face).
        folder = getattr(fonts, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
            fonts._folder = None  # its __del__ has nothing left to remove


def render_card(briefing: Briefing, *, options: Options | None = None) -> Card:
    """Lay the card out on exactly one page, choosing the most generous layout that fits."""
    options = options or Options()
    with _font_configuration() as fonts:
        return _fit_card(briefing, options, fonts)


def _fit_card(briefing: Briefing, options: Options, fonts: FontConfiguration) -> Card:
    base = (options.template_dir or templates_dir()).resolve()
    tried: dict[int, tuple[str, Document]] = {}

    def attempt(level: int) -> bool:
        html = render_html(briefing, options=options, fit=FIT_LADDER[level], font_files=True)
        tried[level] = (html, _layout(html, base, fonts))
        return len(tried[level][1].pages) == 1

    low, high = first_fit(briefing, options.page_size), len(FIT_LADDER) - 1
    if not attempt(low):
        low += 1
        # Bisect for the most generous level that fits between low and the last level.
        while low < high:
            mid = (low + high) // 2
            if attempt(mid):
                high = mid
            else:
                low = mid + 1
        if high not in tried and not attempt(high):
            raise RenderError("the card does not fit on one page even in its most compact layout")
        low = high
    html, document = tried[low]
    if len(document.pages) != 1:
        raise RenderError("the card does not fit on one page even in its most compact layout")
    log.debug("card fitted at level %d after %d layout(s)", low, len(tried))
    return Card(html=html, pdf=document.write_pdf(), pages=1, fit=FIT_LADDER[low])


def render_pdf(
    briefing: Briefing,
    path: str | os.PathLike[str] | None = None,
    *,
    options: Options | None = None,
) -> bytes:
    """The one-page PDF card; also written atomically to ``path`` when given."""
    pdf = render_card(briefing, options=options).pdf
    if path is not None:
        from briefer.output import write_atomic

        write_atomic(Path(path), pdf)
    return pdf
