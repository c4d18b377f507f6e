"""How well "he said" / "she said" quotes get their speaker, on hand-labelled dev quotes.

``bench/data/pronoun_speakers.jsonl`` holds 53 quotes attributed by a bare pronoun in the
dev editorials (every one) and in a random sample of the dev news set (30 of 340), each
labelled by reading the article with the person meant, or null where the text names
nobody (an unnamed fraternity brother, a GP). Only the item id, the quote's first 30
characters and the label are stored; the articles are read from ``../shared/data``.

A named answer is right when its surname is the label's; an unattributed answer is
right when the label is null and a miss otherwise. Prints accuracy, the precision of
the names given and the share of named speakers found, per set.

    .venv/bin/python bench/pronoun_eval.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from _common import SHARED

from briefer.pipeline import brief

GOLD = Path(__file__).parent / "data" / "pronoun_speakers.jsonl"
SOURCES = {
    "editorials": SHARED / "data" / "editorials" / "items.jsonl",
    "news-summ": SHARED / "data" / "news-summ" / "items.jsonl",
}


def _surname(name: str) -> str:
    return name.split()[-1].lower()


def main() -> int:
    if not all(p.exists() for p in SOURCES.values()):
        print(f"skipped: the dev sets are not beside the project ({SHARED / 'data'})")
        return 0
    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    wanted = {g["id"] for g in gold}
    texts = {}
    for path in SOURCES.values():
        for line in path.read_text().splitlines():
            item = json.loads(line)
            if item["id"] in wanted:
                texts[item["id"]] = item.get("text") or item["article"]
    tally: dict[str, Counter[str]] = {}
    for g in gold:
        card = brief(texts[g["id"]])
        found = [q for q in card.quotes if q.text.startswith(g["quote"])]
        counts = tally.setdefault(g["set"], Counter())
        if not found:  # no longer read as a quotation (a title, a hypothetical ...)
            counts["quote not found"] += 1
            print(f"  not a quote now: {g['id']} {g['quote']!r}")
            continue
        said, label = found[0].speaker, g["speaker"]
        if said is None:
            counts["right (unattributed)" if label is None else "missed"] += 1
        elif label is not None and _surname(said) == _surname(label):
            counts["right (named)"] += 1
        else:
            counts["wrong name"] += 1
    everything: Counter[str] = sum(tally.values(), Counter())
    for name, counts in [*sorted(tally.items()), ("all", everything)]:
        total = sum(counts.values()) - counts["quote not found"]
        right = counts["right (named)"] + counts["right (unattributed)"]
        named = counts["right (named)"] + counts["wrong name"]
        labelled = counts["right (named)"] + counts["wrong name"] + counts["missed"]
        print(
            f"{name:<11} n={total:>3}  accuracy {right / total:6.1%}  "
            f"names right {counts['right (named)'] / max(named, 1):6.1%} of {named}  "
            f"named speakers found {counts['right (named)'] / max(labelled, 1):6.1%}  "
            + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
