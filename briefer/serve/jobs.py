"""The CPU-bound work, run in the worker pool: briefing an input and rendering its card.

These functions run in worker processes, so they take and return plain picklable values
(bytes and JSON text), never FastAPI objects. Errors are :class:`~briefer.BrieferError`s,
which pickle back to the server intact (message and class).
"""

from __future__ import annotations

import dataclasses
import logging

from .. import __version__


def warm() -> str:
    """Import the pipeline in a fresh worker so the first request does not pay for it."""
    from .. import pipeline, render  # noqa: F401  (imported for their side effect)

    # The sealed fetcher refusing a URL is intended; WeasyPrint would log it at ERROR.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    return __version__


def brief_job(data: bytes | str, title: str | None, max_bytes: int) -> tuple[str, str]:
    """Brief ``data`` (file content, or article text); return (briefing JSON, article JSON)."""
    from ..options import Options
    from ..pipeline import brief_article, briefing_json, read_article
    from .models import ArticleView

    options = Options(max_bytes=max_bytes)
    article = read_article(data, options=options)
    if title:
        metadata = dataclasses.replace(article.metadata, title=title)
        article = dataclasses.replace(article, metadata=metadata)
    briefing = brief_article(article, options=options)
    return briefing_json(briefing), ArticleView.of(article).model_dump_json()


def card_job(briefing_json: str) -> tuple[str, bytes]:
    """Render the one-page card of a briefing; return (the HTML laid out, the PDF)."""
    from ..render import render_card
    from ..schema import Briefing

    card = render_card(Briefing.model_validate_json(briefing_json))
    return card.html, card.pdf
