"""Briefing -> HTML / Markdown / one-page PDF card (jinja2 + WeasyPrint).

The card must fit exactly one page whatever the article: ``fit.first_fit`` predicts the
most generous layout that fits, the renderer lays it out once to check, and only steps down
(bisecting the rest of the ladder) when the prediction was wrong. ``fit_card`` stops at the
checked layout, for callers that need the card before its PDF is written (the editor).

- ``fit``: the ladder of layouts and the height estimate of each from the CSS metrics;
- ``warm``: the font configurations and parsed stylesheet a thread keeps between cards;
- ``sealed``: the URL fetcher that reads only the templates' assets and packaged fonts;
- ``templates``: the one sandboxed Jinja environment (card, batch index, web page).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from briefer._resources import asset_roots, font_faces, templates_dir
from briefer.errors import ConfigError, RenderError
from briefer.options import Options, PageSize
from briefer.render import warm
from briefer.render.fit import FIT_LADDER, Fit, first_fit, trim
from briefer.render.templates import environment
from briefer.schema import Briefing

if TYPE_CHECKING:
    from weasyprint import Document

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
) -> str:
    """The card as a standalone HTML page (the most generous layout unless ``fit`` is given).

    It names the font families only, so it leaks no local paths; the PDF renderer has the
    packaged files registered (``fonts``), and the server's page links them by URL.
    """
    options = options or Options()
    env = _environment(options.template_dir)
    trimmed = trim(briefing, fit)
    context: dict[str, Any] = {
        "brief": trimmed,
        "fit": {"font_pt": fit.font_pt, "page_size": PAGE_SIZES[options.page_size]},
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


def _layout(html: str, base: Path) -> Document:
    from weasyprint import HTML

    from briefer.render.sealed import SealedFetcher

    # The fallback faces of the scripts on this card only: each one costs every layout.
    kept = warm.warm(font_faces(html))
    sheets = []
    # The built-in stylesheet is laid out from its parsed copy. It becomes a user sheet,
    # which the page's own rules override; those (page size, type size) set nothing it
    # sets, so the cascade is the same (the sample's PDF is byte-identical).
    if base == templates_dir().resolve() and kept.card_css in html:
        html = html.replace(kept.card_css, "", 1)
        sheets = [kept.sheet]
    fetcher = SealedFetcher(asset_roots())
    return HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher).render(
        font_config=kept.fonts, stylesheets=sheets
    )


@dataclass(frozen=True, slots=True)
class Layout:
    """A card laid out on one page and not yet written: the HTML, its layout and the
    WeasyPrint document (``write_pdf`` is about a fifth of a card's time)."""

    html: str
    fit: Fit
    document: Document


def fit_card(briefing: Briefing, *, options: Options | None = None) -> Layout:
    """Lay the card out on exactly one page, choosing the most generous layout that fits."""
    options = options or Options()
    base = (options.template_dir or templates_dir()).resolve()
    tried: dict[int, tuple[str, Document]] = {}

    def attempt(level: int) -> bool:
        html = render_html(briefing, options=options, fit=FIT_LADDER[level])
        tried[level] = (html, _layout(html, base))
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
    return Layout(html=html, fit=FIT_LADDER[low], document=document)


def render_card(briefing: Briefing, *, options: Options | None = None) -> Card:
    """The card laid out on exactly one page (:func:`fit_card`) and written as PDF."""
    layout = fit_card(briefing, options=options)
    return Card(html=layout.html, pdf=layout.document.write_pdf(), pages=1, fit=layout.fit)


def card_pdf(html: str, *, options: Options | None = None) -> bytes:
    """The PDF of a card HTML that :func:`fit_card` laid out, for a process that kept only
    the HTML: the same HTML and fonts lay out the same way, so it is the same PDF."""
    options = options or Options()
    document = _layout(html, (options.template_dir or templates_dir()).resolve())
    if len(document.pages) != 1:
        raise RenderError(f"the card HTML takes {len(document.pages)} pages; fit it first")
    pdf: bytes = document.write_pdf()
    return pdf


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
