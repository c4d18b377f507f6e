"""From a batch's rows to the book's entries: each briefing, its card and its fingerprint.

The book reuses the batch for everything per article (parallel workers, timeouts, one bad
file failing alone), then reads back what the batch wrote, one article at a time, keeping
only the card bytes and a compact fingerprint of the text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from briefer.batch import Row
from briefer.batch.fs import is_local, join, read
from briefer.book.duplicates import shingles
from briefer.book.model import Entry, Skipped
from briefer.errors import BrieferError
from briefer.options import Options
from briefer.schema import Briefing

log = logging.getLogger(__name__)


def collect(
    rows: Sequence[Row], outdir: str, *, options: Options | None = None
) -> tuple[list[Entry], list[Skipped]]:
    """Entries for briefed rows, and every other row as skipped with its one-line reason."""
    entries, skipped = [], []
    for row in rows:
        if row.status not in ("briefed", "resumed"):
            skipped.append(Skipped(row.path, row.error or row.status))
            continue
        try:
            entries.append(_entry(row, outdir, options))
        except (BrieferError, ValidationError, ValueError) as exc:
            skipped.append(Skipped(row.path, f"its outputs could not be read back: {exc}"))
    return entries, skipped


def rows_from_index(outdir: str) -> list[Row]:
    """The rows a finished batch wrote to ``OUTDIR/index.json``."""
    import json

    from briefer.errors import ConfigError

    data = read(join(outdir, "index.json"))
    if data is None:
        raise ConfigError(f"{outdir} has no index.json; run briefer batch first")
    rows = []
    for item in json.loads(data)["items"]:
        item.update(authors=tuple(item["authors"]), outputs=tuple(item["outputs"]))
        rows.append(Row(**item))
    return rows


def _output(row: Row, outdir: str, suffix: str) -> bytes:
    name = next((o for o in row.outputs if o.endswith(suffix)), None)
    data = read(join(outdir, name)) if name else None
    if data is None:
        raise ValueError(f"no {suffix} output")
    return data


def _entry(row: Row, outdir: str, options: Options | None) -> Entry:
    briefing = Briefing.model_validate_json(_output(row, outdir, ".json"))
    card = _output(row, outdir, ".pdf")
    return Entry(row.path, briefing, card, fingerprint(row.path, briefing, options))


def fingerprint(source: str, briefing: Briefing, options: Options | None = None) -> tuple[int, ...]:
    """Shingles of the article's text; of the briefing's own lines if it cannot be re-read."""
    if is_local(source):
        from briefer.pipeline import read_article

        try:
            return shingles(read_article(Path(source), options=options).text)
        except (BrieferError, OSError) as exc:
            log.debug("fingerprinting %s from its briefing: %s", source, exc)
    return shingles(" ".join(text for text, _ in briefing.excerpts()))
