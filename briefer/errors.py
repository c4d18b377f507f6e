"""One error family for everything briefer raises on purpose.

::

    BrieferError                 root; the CLI prints its message on one line, exit 1
    ├── InputError               cannot read the input: missing, too large, binary, bad encoding
    │   ├── UnsupportedFormatError  a format briefer does not read
    │   └── FetchError           a URL could not be fetched, or was refused
    ├── ExtractionError          read fine, but no article text could be found in it
    ├── SummarizeError           text found, but nothing to summarize (e.g. unsupported language)
    ├── RenderError              the card could not be rendered or does not fit one page
    └── ConfigError              bad options, template folder, or briefing JSON
        └── ProvenanceError      an excerpt is not the article's text where it says it is

Messages say what is wrong, which file, and what to do. Third-party exceptions are
translated at the stage boundary with ``raise ... from exc``.
"""

from __future__ import annotations


class BrieferError(Exception):
    """Root of every error briefer raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class InputError(BrieferError):
    """The input cannot be read as an article."""


class UnsupportedFormatError(InputError):
    """The input is in a format briefer does not read."""


class FetchError(InputError):
    """A URL could not be fetched (network, HTTP status, limits), or was refused."""


class ExtractionError(BrieferError):
    """No article text could be extracted from the input."""


class SummarizeError(BrieferError):
    """The article text cannot be summarized."""


class RenderError(BrieferError):
    """The briefing could not be rendered."""


class ConfigError(BrieferError):
    """Invalid options, templates or briefing JSON."""


class ProvenanceError(ConfigError):
    """An excerpt of an (edited) briefing is not the article text its provenance names."""
