"""Choosing the card's layout before rendering it, so a card costs one WeasyPrint layout.

``FIT_LADDER`` lists layouts from the most generous to the most compact. ``first_fit``
estimates each layout's height from text lengths and the card's CSS metrics and returns the
first that should fit; the renderer then verifies with a real layout and steps down only if
the estimate was wrong. The constants mirror ``templates/card.css``: change them together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from briefer.schema import Briefing, Quote

# A quotation on the card must be readable at a glance and fit whole (never cut); longer
# ones stay in the JSON.
MAX_QUOTE_WORDS = 60


@dataclass(frozen=True, slots=True)
class Fit:
    """One layout: type size and how many items of each kind the card shows.

    ``support`` is a budget of supporting sentences shared round-robin by the arguments
    (every argument gets one before any gets two), so cuts fall evenly.
    """

    font_pt: float = 10.5
    arguments: int = 5
    support: int = 10
    figures: int = 5
    quotes: int = 4
    recommendations: int = 3
    keywords: int = 8


# The order in which the card gives things up when it runs out of room, one step at a
# time: first a little type size (down to 9.5 pt), then the least important items, then
# more type size; it never goes below 8.5 pt (still readable printed), and ends with the
# title and bottom line alone, which always fit because assemble() only admits sentences
# of bounded length.
_STEPS: tuple[tuple[str, float], ...] = (
    ("font_pt", 10.25), ("font_pt", 10.0), ("font_pt", 9.75), ("font_pt", 9.5),
    ("quotes", 3), ("recommendations", 2), ("support", 8), ("figures", 4), ("support", 6),
    ("font_pt", 9.25), ("quotes", 2), ("support", 5), ("recommendations", 1), ("support", 4),
    ("figures", 3), ("font_pt", 9.0), ("support", 3), ("arguments", 4), ("support", 2),
    ("quotes", 1), ("font_pt", 8.75), ("support", 1), ("figures", 2), ("recommendations", 0),
    ("arguments", 3), ("support", 0), ("font_pt", 8.5), ("keywords", 5), ("quotes", 0),
    ("figures", 1), ("arguments", 2), ("keywords", 4), ("figures", 0), ("arguments", 1),
    ("keywords", 0), ("arguments", 0),
)  # fmt: skip


def _ladder() -> tuple[Fit, ...]:
    levels = [Fit()]
    for name, value in _STEPS:
        change: dict[str, Any] = {name: value if name == "font_pt" else int(value)}
        levels.append(replace(levels[-1], **change))
    return tuple(levels)


FIT_LADDER: tuple[Fit, ...] = _ladder()

# Page content boxes in points (page size minus the @page margins of card.css:
# 0.5in top, 0.95in bottom with the footer inside it, 0.55in left and right).
CONTENT_BOX = {"letter": (532.8, 687.6), "a4": (516.0, 737.0)}
# Average advance width in em of each face over English prose, measured with fontTools
# on the packaged Source Serif/Sans Pro fonts over the sample article.
SERIF, SERIF_ITALIC, SERIF_SEMIBOLD = 0.443, 0.412, 0.450
SANS, SANS_BOLD = 0.412, 0.438
# Words wrap, so lines carry less than the width allows; also room for the ¶ markers.
WRAP_SLACK = 1.08
# The estimate runs 1-3% high on real cards (measured against WeasyPrint layouts of the
# sample, a 20,000-word report and a worst-case card), so aim just under the page.
SAFETY = 0.99
LEFT_SHARE, RIGHT_SHARE = 0.615, 0.35


def _lines(text: str, size: float, em: float, width: float) -> int:
    return max(1, math.ceil(len(text) * em * size * WRAP_SLACK / width))


def _block(text: str, size: float, em: float, width: float, leading: float = 1.32) -> float:
    return _lines(text, size, em, width) * size * leading


def _header(b: Briefing, rem: float, width: float) -> float:
    src = b.source
    height = 0.72 * rem * 1.32 + 0.5 * rem + 0.45 * rem + 2.5
    height += _block((src.title or "Untitled")[:220], 1.95 * rem, SANS_BOLD, width, 1.08)
    if src.subtitle:
        height += _block(src.subtitle[:320], 1.02 * rem, SERIF_ITALIC, width, 1.28) + 0.35 * rem
    height += 0.8 * rem * 1.32
    if b.bottom_line:
        inner = width - 1.4 * rem - 4
        height += 1.45 * rem + 1.05 * rem + 0.72 * rem * 1.32 + 0.15 * rem
        height += _block(b.bottom_line.text, 1.08 * rem, SERIF_SEMIBOLD, inner, 1.3)
    return height


def _heading(rem: float) -> float:
    return 0.72 * rem * 1.32 + 0.35 * rem


def _left(b: Briefing, rem: float, width: float) -> float:
    height = 0.0
    if b.key_arguments:
        height += _heading(rem)
        inner = width - 1.85 * rem
        for arg in b.key_arguments:
            height += 0.86 * rem * 1.32 + 0.1 * rem + 0.55 * rem
            height += _block(arg.claim.text, 0.98 * rem, SERIF, inner)
            for s in arg.support:
                height += 0.18 * rem + _block(s.text, 0.84 * rem, SERIF, inner - 0.55 * rem - 1.2)
    if b.recommendations:
        height += _heading(rem) + (0.7 * rem if height else 0)
        for r in b.recommendations:
            height += 0.25 * rem + _block(r.text, 0.88 * rem, SERIF, width - 1.05 * rem)
    return height


def _chips(words: Iterable[str], rem: float, width: float) -> float:
    line, lines = 0.0, 1
    for word in words:
        chip = len(word) * SANS * 0.72 * rem + 0.8 * rem
        if line + chip > width:
            lines, line = lines + 1, 0.0
        line += chip
    return lines * (0.72 * rem * 1.32 + 0.32 * rem)


def _right(b: Briefing, rem: float, width: float) -> float:
    inner = width - 0.16 * 72 - 0.8
    sections = [bool(b.figures), bool(b.quotes), bool(b.keywords)]
    height = sum(sections) * _heading(rem) + max(0, sum(sections) - 1) * 0.7 * rem
    for f in b.figures:
        height += _block(f.value, 1.3 * rem, SANS_BOLD, inner, 1.1) + 0.45 * rem
        height += _block(f.context.text, 0.78 * rem, SERIF, inner)
    for q in b.quotes:
        height += _block(q.text, 0.84 * rem, SERIF_ITALIC, inner) + 0.55 * rem
        if q.speaker:
            cite = q.speaker + (", " + q.role if q.role else "")
            height += _block(cite, 0.74 * rem, SANS, inner) + 0.12 * rem
    if b.keywords:
        height += _chips(b.keywords, rem, inner)
    return height


def estimate_height(briefing: Briefing, fit: Fit, page_size: str) -> float:
    """Estimated height in points of ``briefing`` (already trimmed to ``fit``)."""
    width, _ = CONTENT_BOX[page_size]
    rem = fit.font_pt
    columns = max(
        _left(briefing, rem, width * LEFT_SHARE), _right(briefing, rem, width * RIGHT_SHARE)
    )
    return _header(briefing, rem, width) + columns


def card_quotes(quotes: Iterable[Quote]) -> list[Quote]:
    """The quotations the card may show, in the briefing's order (best first): each once,
    and short enough to read on a card."""
    kept = [q for q in quotes if len(q.text.split()) <= MAX_QUOTE_WORDS]
    # Reports quote the same statute twice, once in full and once in part: show the full.
    shown: dict[str, Quote] = {}
    for q in sorted(kept, key=lambda q: -len(q.text)):
        text = " ".join(q.text.lower().split())
        if not any(text in other for other in shown):
            shown[text] = q
    chosen = {id(q) for q in shown.values()}
    return [q for q in kept if id(q) in chosen]


def trim(briefing: Briefing, fit: Fit) -> Briefing:
    """The briefing cut down to what ``fit`` shows; items are already in priority order.

    Items an analyst pinned (``edits.pinned``) stay whatever the layout drops."""
    pins = set(briefing.edits.pinned) if briefing.edits else set()

    def keep(name: str, items: list[Any], count: int, shows: set[int] | None = None) -> list[Any]:
        """The first ``count`` items the card shows (``shows``: their ids; all by default),
        and every pinned one."""
        kept, shown = [], 0
        for i, x in enumerate(items):
            if shown < count and (shows is None or id(x) in shows):
                kept.append(x)
                shown += 1
            elif f"{name}[{i}]" in pins:
                kept.append(x)
        return kept

    kept = keep("key_arguments", briefing.key_arguments, fit.arguments)
    quota = [0] * len(kept)
    budget = fit.support
    for rank in range(max((len(a.support) for a in kept), default=0)):
        for i, arg in enumerate(kept):
            if budget and rank < len(arg.support):
                quota[i], budget = quota[i] + 1, budget - 1
    arguments = [
        arg.model_copy(update={"support": arg.support[:n]})
        for arg, n in zip(kept, quota, strict=True)
    ]
    return briefing.model_copy(
        update={
            "key_arguments": arguments,
            "figures": keep("figures", briefing.figures, fit.figures),
            "quotes": keep(
                "quotes", briefing.quotes, fit.quotes, {id(q) for q in card_quotes(briefing.quotes)}
            ),
            "recommendations": keep(
                "recommendations", briefing.recommendations, fit.recommendations
            ),
            "keywords": briefing.keywords[: fit.keywords],
        }
    )


def first_fit(briefing: Briefing, page_size: str) -> int:
    """Index of the most generous ladder level estimated to fit the page."""
    _, height = CONTENT_BOX[page_size]
    for level, fit in enumerate(FIT_LADDER):
        if estimate_height(trim(briefing, fit), fit, page_size) <= height * SAFETY:
            return level
    return len(FIT_LADDER) - 1
