"""Imported once by the local pool's forkserver, so that every worker forks already warm.

briefer imports its heavy dependencies lazily (sumy and nltk, trafilatura, YAKE,
WeasyPrint), which costs ~3 s the first time a process briefs and renders. Doing it once
here, in the single-threaded forkserver before any worker exists, pays that once per
batch instead of once per worker and again each time a worker is recycled.

The forkserver also lets go of the batch's stdout (workers inherit that): a process
holding it would keep a reader such as ``briefer batch … | tee log`` waiting.
"""

from __future__ import annotations

import importlib
import logging

from briefer.batch.pool import release_stdout
from briefer.batch.work import run_task  # noqa: F401  (what the workers run: unpickled by name)
from briefer.extract import EXTRACTORS
from briefer.pipeline import brief, render_outputs

log = logging.getLogger(__name__)

_WARM_TEXT = (
    "Warm-up\n\nThe council voted on Tuesday to raise rates by 12 percent, officials said. "
    '"We cannot wait," said the mayor. Critics argue that the plan puts the burden on '
    "households.\n"
)


def _warm() -> None:
    for module in EXTRACTORS.values():  # each format's reader, loaded on demand elsewhere
        importlib.import_module(f"briefer.extract.{module}")
    try:
        render_outputs(brief(_WARM_TEXT), ("json", "pdf"))
    except Exception:  # a failed warm-up only costs time; the workers report real errors
        log.debug("batch warm-up failed", exc_info=True)


release_stdout()
_warm()
