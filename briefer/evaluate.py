"""ROUGE evaluation of briefer's ranking beside Lead and every sumy algorithm.

Protocol (``/work/shared/data/README.md``): for each item, take ranked sentences
until the reference's word count is reached, score the picked sentences in
document order with rouge-score's ROUGE-1, ROUGE-2 and ROUGE-Lsum F1, stemming
on. Results are averaged per subset (cnn, bbc, crs, govreport) and method, with
the seconds each method spent per document; a file holding several subsets also
gets an "all" block over every item (policy-summ is CRS and GovReport together).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.errors import InputError
from briefer.nlp import sentences as _segment
from briefer.rank.summarize import algorithms, summarize_text

# (ROUGE-1, ROUGE-2, ROUGE-Lsum, seconds) of one method on one item.
_Scores = tuple[float, float, float, float]

__all__ = ["Row", "evaluate", "format_table", "main", "report", "subset_of"]

logger = logging.getLogger(__name__)

_SUBSETS = (("cnndm", "cnn"), ("bbc", "bbc"), ("crs", "crs"), ("govreport", "govreport"))


@dataclass(frozen=True, slots=True)
class Row:
    """Mean scores of one method on one subset (F1 in [0, 1])."""

    subset: str
    method: str
    items: int
    rouge1: float
    rouge2: float
    rouge_lsum: float
    seconds: float  # mean seconds per document


def subset_of(item_id: str) -> str:
    """cnn, bbc, crs or govreport, from the item id's prefix."""
    for prefix, name in _SUBSETS:
        if item_id.startswith(prefix):
            return name
    return item_id.split("-", 1)[0]


def _load(path: Path, ids: set[str] | None) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read dataset ({exc.strerror})", path=str(path)) from exc
    items = [json.loads(line) for line in lines if line.strip()]
    return [i for i in items if ids is None or i["id"] in ids]


def _lines(text: str) -> str:
    """One sentence per line, as ROUGE-Lsum expects."""
    if "\n" in text.strip():
        return "\n".join(p.strip() for p in text.splitlines() if p.strip())
    return "\n".join(text[s:e] for s, e in _segment.split_spans(text))


def _score_item(item: dict[str, Any], methods: Sequence[str], scorer: Any) -> dict[str, _Scores]:
    budget = len(item["summary"].split())
    reference = _lines(item["summary"])
    out: dict[str, _Scores] = {}
    for method in methods:
        started = time.perf_counter()
        picked = summarize_text(item["article"], words=budget, algorithm=method)
        elapsed = time.perf_counter() - started
        scores = scorer.score(reference, "\n".join(picked))
        out[method] = (
            scores["rouge1"].fmeasure,
            scores["rouge2"].fmeasure,
            scores["rougeLsum"].fmeasure,
            elapsed,
        )
    return out


def evaluate(
    dataset_path: str | Path,
    ids: Iterable[str] | None = None,
    methods: Sequence[str] | None = None,
) -> list[Row]:
    """Score every method on every item (optionally only ``ids``); rows per subset."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    methods = tuple(methods or algorithms())
    wanted = set(ids) if ids is not None else None
    totals: dict[tuple[str, str], list[_Scores]] = defaultdict(list)
    for item in _load(Path(dataset_path), wanted):
        for method, scores in _score_item(item, methods, scorer).items():
            totals[subset_of(item["id"]), method].append(scores)
        logger.debug("scored %s", item["id"])
    if len({subset for subset, _ in totals}) > 1:
        pooled: dict[str, list[_Scores]] = defaultdict(list)
        for (_, method), values in totals.items():
            pooled[method].extend(values)
        totals.update((("all", method), values) for method, values in pooled.items())
    return [_row(subset, method, values) for (subset, method), values in sorted(totals.items())]


def _row(subset: str, method: str, values: list[_Scores]) -> Row:
    n = len(values)
    mean = [sum(v[k] for v in values) / n for k in range(4)]
    return Row(subset, method, n, mean[0], mean[1], mean[2], mean[3])


def format_table(rows: Sequence[Row]) -> str:
    """Plain-text table, best ROUGE-2 first within each subset."""
    lines = [
        f"{'subset':<10} {'method':<10} {'n':>4} {'R-1':>6} {'R-2':>6} {'R-Lsum':>6} {'s/doc':>7}"
    ]
    for subset in sorted({r.subset for r in rows}):
        block = sorted((r for r in rows if r.subset == subset), key=lambda r: -r.rouge2)
        lines.extend(
            f"{r.subset:<10} {r.method:<10} {r.items:>4} {100 * r.rouge1:>6.2f} "
            f"{100 * r.rouge2:>6.2f} {100 * r.rouge_lsum:>6.2f} {r.seconds:>7.3f}"
            for r in block
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``briefer eval DATASET.jsonl [--ids FILE] [--methods a,b]``; prints the table."""
    parser = argparse.ArgumentParser(prog="briefer eval", description=__doc__.splitlines()[0])
    parser.add_argument(
        "dataset", type=Path, help="items.jsonl with id, article, summary (or editorials' units)"
    )
    parser.add_argument("--ids", type=Path, help="file with one item id per line")
    parser.add_argument("--methods", help=f"comma-separated subset of: {', '.join(algorithms())}")
    args = parser.parse_args(argv)
    ids = args.ids.read_text(encoding="utf-8").split() if args.ids else None
    methods = args.methods.split(",") if args.methods else None
    sys.stdout.write(report(args.dataset, ids, methods) + "\n")
    return 0


def report(
    dataset_path: str | Path,
    ids: Iterable[str] | None = None,
    methods: Sequence[str] | None = None,
) -> str:
    """The table for a dataset: ROUGE for summaries; for argument-mined editorials (lines
    with ``units``), the claim, bottom-line, title and quote measures."""
    items = _load(Path(dataset_path), set(ids) if ids is not None else None)
    if items and "units" in items[0]:
        from briefer.rank.editorial_eval import evaluate_editorials, format_editorials

        return format_editorials(evaluate_editorials(items, methods))
    return format_table(evaluate(dataset_path, ids, methods))
