"""briefer: long policy and news articles in, verifiable one-page briefings out.

Every line of a briefing is a verbatim sentence of the source with its provenance.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from briefer._version import __version__
from briefer.errors import (
    BrieferError,
    ConfigError,
    ExtractionError,
    InputError,
    OutputError,
    RenderError,
    SummarizeError,
    UnsupportedFormatError,
)
from briefer.model import Article
from briefer.options import Options
from briefer.pipeline import brief, read_article
from briefer.schema import (
    Briefing,
    Excerpt,
    Figure,
    Generator,
    KeyArgument,
    Provenance,
    Quote,
    SourceInfo,
)

if TYPE_CHECKING:
    from briefer.rank.summarize import summarize
    from briefer.render import render_html, render_markdown, render_pdf

# Rendering pulls in Jinja2 (and WeasyPrint when a PDF is made); a JSON-only run or an
# evaluation harness should not pay for it at start-up, so these load on first use.
_LAZY = {
    "render_html": "briefer.render",
    "render_markdown": "briefer.render",
    "render_pdf": "briefer.render",
    "summarize": "briefer.rank.summarize",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'briefer' has no attribute {name!r}")


__all__ = [
    "Article",
    "BrieferError",
    "Briefing",
    "ConfigError",
    "Excerpt",
    "ExtractionError",
    "Figure",
    "Generator",
    "InputError",
    "KeyArgument",
    "Options",
    "OutputError",
    "Provenance",
    "Quote",
    "RenderError",
    "SourceInfo",
    "SummarizeError",
    "UnsupportedFormatError",
    "__version__",
    "brief",
    "read_article",
    "render_html",
    "render_markdown",
    "render_pdf",
    "summarize",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
