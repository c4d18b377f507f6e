"""The batch's table of contents: ``index.json``, ``index.csv`` and ``index.html`` in OUTDIR.

One row per input, sorted by input path, with no timestamps, so the same inputs give the
same index. Each file is written atomically, after every input has been processed.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from briefer._version import __version__
from briefer.batch.fs import join, put
from briefer.batch.work import Row
from briefer.options import OutputFormat
from briefer.output import printable

COLUMNS = ("path", "status", "title", "authors", "date", "outputs", "error")
STATUSES = ("briefed", "resumed", "failed", "cancelled")
INDEX_FILES = ("index.json", "index.csv", "index.html")


def counts(rows: Sequence[Row]) -> dict[str, int]:
    """How many rows have each status, plus ``total``."""
    seen: Counter[str] = Counter(row.status for row in rows)
    return {"total": len(rows), **{status: seen[status] for status in STATUSES}}


def write_index(outdir: str, rows: Sequence[Row], formats: tuple[OutputFormat, ...]) -> list[str]:
    """Write the three index files; returns their paths."""
    ordered = sorted(rows, key=lambda row: row.path)
    contents = (
        index_json(ordered, formats),
        index_csv(ordered),
        index_html(ordered),
    )
    written = []
    for name, text in zip(INDEX_FILES, contents, strict=True):
        put(join(outdir, name), text)
        written.append(join(outdir, name))
    return written


def index_json(rows: Sequence[Row], formats: tuple[OutputFormat, ...]) -> str:
    """The machine-readable index."""
    document = {
        "generator": {"name": "briefer", "version": __version__},
        "formats": list(formats),
        "counts": counts(rows),
        "items": [_item(row) for row in rows],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def index_csv(rows: Sequence[Row]) -> str:
    """One line per input; authors joined by "; ", outputs by spaces."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        item = _item(row)
        writer.writerow(
            [
                _cell(item["path"]),
                _cell(row.status),
                _cell(row.title or ""),
                _cell("; ".join(row.authors)),
                _cell(row.date or ""),
                _cell(" ".join(item["outputs"])),
                _cell(item["error"] or ""),
            ]
        )
    return buffer.getvalue()


#: A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """``text``, with a leading quote when a spreadsheet would run it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _item(row: Row) -> dict[str, Any]:
    """The row as the index shows it: the columns only, file names made printable (a name
    need not be UTF-8; its undecodable bytes show as U+FFFD)."""
    item = {name: getattr(row, name) for name in COLUMNS}
    item["path"] = printable(row.path)
    item["outputs"] = [printable(out) for out in row.outputs]
    item["error"] = printable(row.error) if row.error else row.error
    item["authors"] = list(row.authors)
    return item


def index_html(rows: Sequence[Row]) -> str:
    """A page linking every card (the PDF when there is one), failures highlighted."""
    from briefer.render.templates import environment

    template = environment().get_template("batch_index.html.j2")
    return template.render(
        rows=[_view(row) for row in rows], counts=counts(rows), version=__version__
    )


def _view(row: Row) -> dict[str, Any]:
    # Links keep the file name's bytes (percent-encoded), so even a non-UTF-8 name resolves.
    links = [
        (out.rsplit(".", 1)[-1].upper(), quote(out.encode("utf-8", "surrogateescape")))
        for out in row.outputs
    ]
    card = next((href for label, href in links if label == "PDF"), links[0][1] if links else None)
    return {**_item(row), "link": card, "links": links}
