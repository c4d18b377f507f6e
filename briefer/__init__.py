"""briefer: long policy and news articles in, verifiable one-page briefings out.

Every line of a briefing is a verbatim sentence of the source with its provenance.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

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
from .render import render_html, render_markdown, render_pdf
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

from .summarize_api import summarize

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
