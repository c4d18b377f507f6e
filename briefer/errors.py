"""One error family for everything briefer raises on purpose.

::

    BrieferError                 root; the CLI prints its message on one line, exit 1
    ├── InputError               cannot read the input: missing, too large, binary, bad encoding,
    │                            not a valid briefing JSON
    │   ├── UnsupportedFormatError  a format briefer does not read
    │   ├── FetchError           a URL could not be fetched, or was refused
    │   └── ProvenanceError      an excerpt is not the article's text where it says it is
    ├── ExtractionError          read fine, but no article text could be found in it
    ├── SummarizeError           text found, but nothing to summarize (e.g. unsupported language)
    ├── RenderError              the card could not be rendered or does not fit one page
    ├── OutputError              an output cannot be written (read-only, full disk); exit 73
    └── ConfigError              bad options, templates or batch inputs (a usage error); exit 2

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


class OutputError(BrieferError):
    """An output could not be written: a read-only or missing folder, a full disk."""


class ConfigError(BrieferError):
    """Invalid options or templates, or batch inputs that name nothing to brief."""


class ProvenanceError(InputError):
    """An excerpt of an (edited) briefing is not the article text its provenance names."""


#: The exit status of each kind of error, for the CLI and the batch alike: a problem with
#: what the user asked for (options, templates, briefing JSON) is a usage error, 2, like
#: click's own; an input that cannot be briefed is 1; an output that cannot be written is 73
#: (sysexits' EX_CANTCREAT). The most specific class wins.
EXIT_CODES: dict[type[BrieferError], int] = {BrieferError: 1, ConfigError: 2, OutputError: 73}


def exit_code(exc: BrieferError) -> int:
    """The exit status for ``exc`` (see ``EXIT_CODES``)."""
    return next(EXIT_CODES[k] for k in type(exc).__mro__ if k in EXIT_CODES)
