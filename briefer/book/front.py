"""The front matter: title, date, counts, "At a glance" and "Not included", laid out once.

Card pages follow the front matter, so their page numbers depend on how many pages it
takes: it is laid out with a guess, and again with the real count in the rare case the
numbers' width changed it. Links to cards are collected from the layout (their boxes on
the page) and written by the assembler, which knows where each card lands.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2

from briefer._resources import asset_roots, font_faces, templates_dir
from briefer._version import __version__
from briefer.book.arrange import source_of
from briefer.book.model import Entry, Plan
from briefer.errors import ConfigError
from briefer.render import _clip, _direction, _longdate
from briefer.render.templates import environment

if TYPE_CHECKING:
    from weasyprint import Document

TEMPLATE = "book.html.j2"
PX_TO_PT = 0.75  # WeasyPrint measures in CSS pixels (1/96 in); PDF in points (1/72 in)


@dataclass(frozen=True, slots=True)
class Jump:
    """A link box on a front page (PDF points, origin bottom-left) to a book page (0-based)."""

    page: int
    rect: tuple[float, float, float, float]
    target: int


@dataclass(frozen=True, slots=True)
class Front:
    """The laid-out front matter: its PDF, its link boxes and where its sections start."""

    pdf: bytes
    pages: int
    jumps: tuple[Jump, ...]
    anchors: dict[str, int]  # section id -> front page index


@functools.cache
def _environment() -> jinja2.Environment:
    env = environment()
    env.filters.update(clip=_clip, longdate=_longdate, dir=_direction)
    return env


def card_pages(plan: Plan, front_pages: int) -> dict[int, int]:
    """Entry index -> its card's page number (1-based), cards following the front matter."""
    return {entry: front_pages + n for n, entry in enumerate(plan.order, start=1)}


def render_html(plan: Plan, front_pages: int = 1) -> str:
    """The front matter as HTML, numbering cards as if it took ``front_pages`` pages."""
    pages = card_pages(plan, front_pages)
    groups = []
    for group in plan.groups:
        entries = [_entry(plan, i, pages) for i in group.members if plan.duplicate_of(i) is None]
        groups.append({"name": group.name, "count": len(group.members), "entries": entries})
    context: dict[str, Any] = {
        "book": {
            "title": plan.title,
            "date": plan.date,
            "articles": len(plan.entries),
            "groups": len(plan.groups),
            "group_noun": "groups",
            "repeated": len({d.of for d in plan.duplicates}),
            "skipped": len(plan.skipped),
            "version": __version__,
        },
        "groups": groups,
        "skipped": plan.skipped,
    }
    try:
        return _environment().get_template(TEMPLATE).render(**context)
    except jinja2.TemplateError as exc:  # pragma: no cover - the template ships with briefer
        raise ConfigError(f"book template failed: {exc}") from exc


def _entry(plan: Plan, index: int, pages: dict[int, int]) -> dict[str, Any]:
    entry = plan.entries[index]
    line = entry.briefing.bottom_line
    return {
        **_heading(entry, pages[index]),
        "bottom_line": line.text if line else None,
        "also": [_heading(plan.entries[j], pages[j]) for j in plan.also(index)],
    }


def _heading(entry: Entry, page: int) -> dict[str, Any]:
    src = entry.briefing.source
    return {
        "headline": src.title or "Untitled article",
        "source": source_of(entry),
        "date": src.published,
        "page": page,
    }


#: Entries "At a glance" fits on the first page and on each page after it (measured on the
#: 100-article book of bench/book.py: 8 pages); a good guess saves a second layout.
FIRST_PAGE, PER_PAGE = 10, 13


def _guess(plan: Plan) -> int:
    shown = sum(1 for i in plan.order if plan.duplicate_of(i) is None) + len(plan.skipped) // 2
    return 1 + max(0, -(-(shown - FIRST_PAGE) // PER_PAGE))


def layout(plan: Plan) -> Front:
    """Lay the front matter out until its own page count and the card numbers agree."""
    guess = _guess(plan)
    for _ in range(4):
        document = _layout(render_html(plan, guess))
        if len(document.pages) == guess:
            break
        guess = len(document.pages)
    return _finish(document)


def _layout(html: str) -> Document:
    from weasyprint import HTML

    from briefer.render import warm
    from briefer.render.sealed import SealedFetcher

    base = templates_dir().resolve().as_uri() + "/"
    # The fallback faces of every script the front matter shows (titles, bottom lines).
    faces = warm.warm(font_faces(html)).fonts
    fetcher = SealedFetcher(asset_roots())
    return HTML(string=html, base_url=base, url_fetcher=fetcher).render(font_config=faces)


def _finish(document: Document) -> Front:
    jumps: list[Jump] = []
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        height = page.height * PX_TO_PT
        for name in page.anchors:
            anchors.setdefault(name, index)
        kept = []
        for link in page.links:
            kind, target, (x, y, w, h), _box = link
            if kind == "internal" and target.startswith("card-"):
                left, bottom = x * PX_TO_PT, height - (y + h) * PX_TO_PT
                rect = (left, bottom, left + w * PX_TO_PT, bottom + h * PX_TO_PT)
                jumps.append(Jump(index, rect, int(target.removeprefix("card-")) - 1))
            else:
                kept.append(link)
        # The cards are not in this document: the assembler writes these links instead.
        page.links[:] = kept
    pdf = document.write_pdf()
    return Front(pdf=pdf, pages=len(document.pages), jumps=tuple(jumps), anchors=anchors)
