"""Are a news card's key points the story's developments, or what people said?

On the dev news set (CNN/DailyMail and BBC stories with journalists' highlights), each
story is briefed and its key points read from the JSON. Measured per subset:

- quoted: key points that hold quoted speech (a quotation covering a third or more of
  the sentence), the "quotes, not developments" failure;
- reported: key points that report speech ("said", "told") without quoting;
- ROUGE-1/2 recall of the card's bottom line and key points against the highlights
  (the developments a journalist picked), beside Lead taking as many sentences.

    .venv/bin/python bench/news_points.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict

from _common import SHARED
from rouge_score import rouge_scorer

from briefer.nlp.analysis import analyse
from briefer.nlp.quoting import quote_spans
from briefer.pipeline import brief, read_article

NEWS = SHARED / "data" / "news-summ" / "items.jsonl"
_SPEECH = re.compile(r"\b(?:said|says|told|tells|according to|added|claimed|insisted)\b")
QUOTED_SHARE = 1 / 3


def _quoted(text: str) -> bool:
    inside = sum(e - s for s, e in quote_spans(text))
    return inside >= QUOTED_SHARE * len(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"skipped: {NEWS} is not beside the project")
        return 0
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    tally: dict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    lines = NEWS.read_text().splitlines()[: args.limit]
    for line in lines:
        item = json.loads(line)
        subset = item["id"].split("-")[0]
        card = brief(item["article"])
        points = [a.claim.text for a in card.key_arguments]
        bottom = [card.bottom_line.text] if card.bottom_line else []
        sentences = analyse(read_article(item["article"])).sentences
        lead = [s.text for s in sentences[: len(points) + len(bottom)]]
        for name in (subset, "all"):
            t = tally[name]
            t["items"] += 1
            t["news"] += card.genre == "news"
            t["points"] += len(points)
            t["quoted"] += sum(map(_quoted, points))
            t["reported"] += sum(bool(_SPEECH.search(p)) and not _quoted(p) for p in points)
            for method, picked in (("briefer", bottom + points), ("lead", lead)):
                score = scorer.score(item["summary"], " ".join(picked))
                t[f"{method}_r1"] += score["rouge1"].recall
                t[f"{method}_r2"] += score["rouge2"].recall
    print(f"{'subset':<8} {'n':>4} {'news%':>6} {'points':>6} {'quoted%':>7} {'reported%':>9} "
          f"{'R1':>6} {'R2':>6} {'lead R1':>7} {'lead R2':>7}")  # fmt: skip
    for name in sorted(tally):
        t = tally[name]
        n, p = t["items"], max(t["points"], 1)
        print(
            f"{name:<8} {int(n):>4} {100 * t['news'] / n:>6.1f} {int(t['points']):>6} "
            f"{100 * t['quoted'] / p:>7.1f} {100 * t['reported'] / p:>9.1f} "
            f"{100 * t['briefer_r1'] / n:>6.2f} {100 * t['briefer_r2'] / n:>6.2f} "
            f"{100 * t['lead_r1'] / n:>7.2f} {100 * t['lead_r2'] / n:>7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
