"""The card's HTML made clickable for the page: each quoted line marked with its provenance.

The page shows the very HTML the PDF was laid out from (same template, same trimming), so
the lines an analyst clicks are the lines on the PDF. This module only adds to it: a
``<span class="src" data-start data-end data-paragraph>`` around each excerpt (found as the
escaped text the template printed right before its ¶ marker), the font files linked where
the browser can load them, and a little screen styling. Article text stays exactly as the
template escaped it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markupsafe import escape

from briefer._resources import font_faces
from briefer.schema import Briefing, Provenance

FONT_ROUTE = "/static/fonts"
# The template prints each excerpt right after a tag (or an opening quote mark) and right
# before its ¶ marker (after a closing quote mark for quotes); anchoring on both ends keeps
# a short quote from matching the tail of a longer sentence that ends the same way.
_BEFORE = r"(?<=[>“])"
_AFTER = r'(?=”?<sup class="ref">)'

SCREEN_CSS = """
@media screen {
  html { background: #fff; }
  body { padding: 0.45in 0.5in 0.3in; max-width: 8.5in; margin: 0 auto; }
  footer { margin-top: 0.3in; }
  .src { cursor: pointer; border-radius: 2px; transition: background-color 0.15s; }
  .src:hover, .src:focus-visible { background: #fff1b8; outline: none; }
  .src.active { background: #ffd84d; box-shadow: 0 0 0 2px #ffd84d; }
}
"""


def _excerpts(briefing: Briefing) -> Iterator[tuple[str, str, Provenance]]:
    """(kind, text, provenance) of every line the card can show, in template order."""
    if briefing.bottom_line is not None:
        yield "bottom_line", briefing.bottom_line.text, briefing.bottom_line.provenance
    for number, arg in enumerate(briefing.key_arguments, start=1):
        yield f"argument {number}", arg.claim.text, arg.claim.provenance
        for support in arg.support:
            yield f"support of argument {number}", support.text, support.provenance
    for rec in briefing.recommendations:
        yield "recommendation", rec.text, rec.provenance
    for fig in briefing.figures:
        yield "figure", fig.context.text, fig.context.provenance
    for quote in briefing.quotes:
        yield "quote", quote.text, quote.provenance


def _span(kind: str, text: str, where: Provenance) -> str:
    return (
        f'<span class="src" tabindex="0" role="button" data-kind="{escape(kind)}"'
        f' data-paragraph="{where.paragraph}" data-start="{where.start}"'
        f' data-end="{where.end}">{text}</span>'
    )


def annotate(html: str, briefing: Briefing) -> str:
    """Wrap every excerpt printed in the card's body with its provenance."""
    head, marker, body = html.partition("<body")
    if not marker:
        return html
    for kind, text, where in _excerpts(briefing):
        escaped = str(escape(text))
        pattern = re.compile(_BEFORE + re.escape(escaped) + _AFTER)
        # One occurrence per excerpt: a wrapped line is followed by </span>, not by ¶, so
        # the same sentence used twice (say a claim and a figure's context) is found twice.
        match = pattern.search(body)
        if match:
            body = body[: match.start()] + _span(kind, escaped, where) + body[match.end() :]
    for fig in briefing.figures:
        value = str(escape(fig.value))
        body = body.replace(
            f'<div class="value">{value}</div>',
            f'<div class="value">{_span("figure value", value, fig.provenance)}</div>',
            1,
        )
    return head + marker + body


def browser_fonts(html: str) -> str:
    """Link the card's font files at the server's font route, so the browser shows the card
    in the PDF's faces (the card HTML names the families only)."""
    rules = "".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{FONT_ROUTE}/{face.path.name}");'
        f" font-weight: {face.weight}; font-style: {face.style}; }}\n"
        for face in font_faces(html)
    )
    return html.replace("</style>", rules + "</style>", 1)


def interactive(html: str, briefing: Briefing) -> str:
    """The card as the page shows it: annotated, with loadable fonts and screen styles."""
    html = browser_fonts(annotate(html, briefing))
    return html.replace("</style>", SCREEN_CSS + "</style>", 1)
