"""The CPU-bound work, run in the worker pool: briefing an input and rendering its card.

These functions run in worker processes, so they take and return plain picklable values
(bytes and JSON text), never FastAPI objects. Errors are :class:`~briefer.BrieferError`s,
which pickle back to the server intact (message and class).
"""

from __future__ import annotations

import dataclasses
import logging

from briefer._version import __version__

# A few sentences briefed and laid out once by each new worker: the first briefing in a
# process costs ~2 s more than later ones (imports, stop-word lists, keyword models), and
# the first card ~0.8 s more (WeasyPrint, fontconfig), measured on the sample.
_WARM_TEXT = (
    "Allies doubt the durability of American commitments. The administration must restore "
    "its credibility, and it should start at home.\n\n"
    "In 2019, some 5,000 troops were deployed. “We will do our share,” one official said."
)


def warm() -> str:
    """Load the pipeline and the card's fonts in a fresh worker so the first request does
    not pay for them."""
    from briefer.pipeline import brief
    from briefer.render import fit_card

    # The sealed fetcher refusing a URL is intended; WeasyPrint would log it at ERROR.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    fit_card(brief(_WARM_TEXT))
    return __version__


def brief_job(data: bytes | str, title: str | None, max_bytes: int) -> tuple[str, str]:
    """Brief ``data`` (file content, or article text); return (briefing JSON, article JSON)."""
    from briefer.options import Options
    from briefer.pipeline import brief_article, briefing_json, read_article
    from briefer.serve.messages import ArticleView

    options = Options(max_bytes=max_bytes, candidates=3)  # candidates: the page's swap menu
    article = read_article(data, options=options)
    if title:
        metadata = dataclasses.replace(article.metadata, title=title)
        article = dataclasses.replace(article, metadata=metadata)
    briefing = brief_article(article, options=options)
    return briefing_json(briefing), ArticleView.of(article).model_dump_json()


def card_job(briefing_json: str) -> tuple[str, bytes]:
    """Render the one-page card of a briefing; return (the HTML laid out, the PDF)."""
    from briefer.render import render_card
    from briefer.schema import Briefing

    card = render_card(Briefing.model_validate_json(briefing_json))
    return card.html, card.pdf


def fit_job(briefing_json: str) -> str:
    """Lay an edited card out on one page and return its HTML; the PDF is :func:`pdf_job`'s,
    so the editor shows the re-fitted card without waiting for it to be written."""
    from briefer.render import fit_card
    from briefer.schema import Briefing

    return fit_card(Briefing.model_validate_json(briefing_json)).html


def pdf_job(card_html: str) -> bytes:
    """The PDF of a card HTML that :func:`fit_job` laid out."""
    from briefer.render import card_pdf

    return card_pdf(card_html)
