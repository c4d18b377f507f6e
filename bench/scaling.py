"""Time and peak memory of summarize() and brief() at 1k, 5k, 20k and 100k words.

Each size runs in a fresh process so peak RSS belongs to that size alone. The default
ranking must grow at most n log n in sentences (no dense n x n matrix for long texts).

    python bench/scaling.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import long_report, save, table

SIZES = (1_000, 5_000, 20_000, 100_000)

CHILD = r"""
import json, resource, statistics, sys, time
import briefer
text = open(sys.argv[1], encoding="utf-8").read()
what, runs = sys.argv[2], int(sys.argv[3])
fn = (lambda: briefer.summarize(text, words=200)) if what == "summarize" else (
    lambda: briefer.brief(text).model_dump_json())
fn()
times = []
for _ in range(runs):
    t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
from briefer.nlp.sentences import split_spans
sentences = sum(len(split_spans(p)) for p in text.split("\n\n"))
print(json.dumps({"median": statistics.median(times), "min": min(times), "max": max(times),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "sentences": sentences, "words": len(text.split())}))
"""


def measure(path: Path, what: str, runs: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), what, str(runs)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, dict[int, dict[str, float]]] = {"summarize": {}, "brief": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for words in SIZES:
            path = Path(tmp) / f"{words}.txt"
            path.write_text(long_report(words), encoding="utf-8")
            for what in results:
                results[what][words] = measure(path, what, args.runs)
    for what, by_size in results.items():
        rows = [
            ("words", "sentences", "median s", "min", "max", "peak RSS MB", "s / (n log n) x1e5")
        ]
        for words, r in by_size.items():
            n = r["sentences"]
            per_nlogn = r["median"] / (n * math.log(n)) * 1e5
            cells = [r["median"], r["min"], r["max"]]
            rows.append(
                (str(words), str(int(n)), *(f"{c:.3f}" for c in cells),
                 f"{r['peak_rss_mb']:.0f}", f"{per_nlogn:.2f}")
            )  # fmt: skip
        print(f"\n== {what}() ==\n{table(rows)}")
    big = results["summarize"][100_000]["median"]
    print(f"\n100k words summarized in {big:.2f} s (target < 5 s)")
    print(f"wrote {save('scaling', {'runs': args.runs, 'results': results})}")


if __name__ == "__main__":
    main()
