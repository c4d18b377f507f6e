"""How well the bottom line states the gist, on real data: its words against the reference.

``python bench/bottom_line_eval.py [--tune]`` picks one sentence per item of the dev halves
of policy-summ (CRS, GovReport; with the report's title, as briefer gets it from a real
file) and news-summ (CNN) and scores it against the reference summary written by the
agency or the journalists:

- ``P1``: ROUGE-1 precision against the whole reference (how much of the line is gist);
- ``R2 first``: ROUGE-2 F1 against the reference's first sentence or bullet (which states
  the report's subject or the story's news).

Beside briefer's bottom line it scores the first claim-like sentence (Lead-1), the top
summary sentence and sumy LexRank's top-rated sentence. ``--tune`` runs the grid search
the thesis weights of ``briefer.rank.selection`` came from (best mean ``R2 first`` over the
three subsets); the sample's gold thesis is checked by the tests, not here.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from _common import SHARED, save, table

from briefer.model import Metadata, Sentence
from briefer.nlp.analysis import analyse
from briefer.nlp.sentences import segment
from briefer.rank import selection
from briefer.rank.features import Features, features
from briefer.rank.summarize import text_article

GRID: dict[str, tuple[float, ...]] = {
    "T_PRESCRIPTIVE": (0.0, 0.25, 0.5),
    "T_LEAD": (0.6, 1.0, 1.5, 2.0),
    "T_CENTRAL": (0.5, 1.0, 1.5, 2.0),
    "T_TITLE": (0.5, 1.0, 1.5),
}
SETS = (
    (SHARED / "data" / "policy-summ" / "items.jsonl", ("crs", "govreport")),
    (SHARED / "data" / "news-summ" / "items.jsonl", ("cnndm",)),
)


@dataclass
class Item:
    subset: str
    sentences: tuple[Sentence, ...]
    f: Features
    lexrank: tuple[float, ...]
    summary: str
    first: str
    cache: dict[int, tuple[float, float]]


def load() -> list[Item]:
    items = []
    for path, prefixes in SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            raw: dict[str, Any] = json.loads(line)
            if not raw["id"].startswith(prefixes):
                continue
            article = text_article(raw["article"])
            if raw.get("title"):
                article = dataclasses.replace(article, metadata=Metadata(title=raw["title"]))
            spans = segment(article)
            first = next(s for s in raw["summary"].splitlines() if s.strip())
            analysis = analyse(article, sentences=spans)
            lexrank = features(analysis, "lexrank").central
            f = features(analysis, "auto")
            items.append(
                Item(raw["id"].split("-")[0], spans, f, lexrank, raw["summary"], first, {})
            )
    return items


def _scorer() -> Callable[[Item, int], tuple[float, float]]:
    from rouge_score import rouge_scorer

    rouge = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)

    def score(item: Item, i: int) -> tuple[float, float]:
        if i not in item.cache:
            text = item.sentences[i].text
            item.cache[i] = (
                rouge.score(item.summary, text)["rouge1"].precision,
                rouge.score(item.first, text)["rouge2"].fmeasure,
            )
        return item.cache[i]

    return score


def evaluate(items: list[Item], pick: Callable[[Item], int]) -> dict[str, tuple[float, float]]:
    """Mean P1 and R2-first (in %) per subset of the sentence ``pick`` chooses."""
    score = _scorer()
    by: dict[str, list[tuple[float, float]]] = {}
    for item in items:
        by.setdefault(item.subset, []).append(score(item, pick(item)))
    return {
        k: (100 * sum(p for p, _ in v) / len(v), 100 * sum(r for _, r in v) / len(v))
        for k, v in sorted(by.items())
    }


def _argmax(values: tuple[float, ...] | list[float]) -> int:
    return max(range(len(values)), key=lambda i: (values[i], -i))


PICKS: dict[str, Callable[[Item], int]] = {
    "briefer": lambda it: selection.bottom_line(it.f),
    "lead-1": lambda it: next(
        (i for i in range(len(it.f)) if it.f.eligible[i] and it.f.complete[i]), 0
    ),
    "top summary": lambda it: _argmax(selection.summary_scores(it.f)),
    "lexrank top": lambda it: _argmax(it.lexrank),
}


def tune(items: list[Item]) -> dict[str, float]:
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for values in itertools.product(*GRID.values()):
        config = dict(zip(GRID, values, strict=True))
        for name, value in config.items():
            setattr(selection, name, value)
        result = evaluate(items, PICKS["briefer"])
        mean = sum(r for _, r in result.values()) / len(result)
        if mean > best[0] + 1e-9:
            best = (mean, config)
    sys.stdout.write(f"best mean R2 first {best[0]:.2f}: {json.dumps(best[1])}\n")
    return best[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="grid-search the thesis weights")
    args = parser.parse_args()
    if not SETS[0][0].exists():
        sys.stdout.write(f"skipped: {SETS[0][0]} is absent (../shared not beside the project)\n")
        return 0
    items = load()
    if args.tune:
        tune(items)
        return 0
    results = {name: evaluate(items, pick) for name, pick in PICKS.items()}
    subsets = list(next(iter(results.values())))
    header = ("pick", *(f"{s} P1 / R2 first" for s in subsets))
    rows = [
        (name, *(f"{r[s][0]:5.1f} / {r[s][1]:5.1f}" for s in subsets))
        for name, r in results.items()
    ]
    sys.stdout.write(table([header, *rows]) + "\n")
    counts = {s: sum(i.subset == s for i in items) for s in subsets}
    path = save("bottom_line_eval", {"items": counts, "results": results})
    sys.stdout.write(f"wrote {path.relative_to(path.parents[2])}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
