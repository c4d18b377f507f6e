"""briefer: long policy and news articles in, verifiable one-page briefings out.

Every line of a briefing is a verbatim sentence of the source with its provenance.
"""

from __future__ import annotations

# Defined before the submodule imports below: assemble.py reads it at import time.
__version__ = "0.1.0"

import importlib
import logging
from typing import TYPE_CHECKING, Any

from .errors import (
    BrieferError,
    ConfigError,
    ExtractionError,
    InputError,
    RenderError,
    SummarizeError,
    UnsupportedFormatError,
)
from .model import Article
from .options import Options
from .pipeline import brief, read_article
from .schema import (
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
    from .render import render_html, render_markdown, render_pdf
    from .summarize_api import summarize

# Rendering pulls in Jinja2 (and WeasyPrint when a PDF is made); a JSON-only run or an
# evaluation harness should not pay for it at start-up, so these load on first use.
_LAZY = {
    "render_html": "render",
    "render_markdown": "render",
    "render_pdf": "render",
    "summarize": "summarize_api",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
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
