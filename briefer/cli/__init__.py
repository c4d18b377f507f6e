"""The ``briefer`` command: arguments -> library calls -> files, one line per error, exit codes.

A thin typer layer over the library (typer and rich are imported nowhere else):

- ``app``: the typer application and its commands (brief, render, schema, eval, batch);
- ``batch``: the ``batch`` command's progress display and summary;
- ``book``: the ``book`` command and ``batch --book``;
- ``serve``: the ``serve`` command (the web page and HTTP API).
"""

from briefer.cli import book as _book  # noqa: F401  (registers ``briefer book``)
from briefer.cli import serve as _serve  # noqa: F401  (registers ``briefer serve``)
from briefer.cli.app import app, main, run

__all__ = ["app", "main", "run"]
