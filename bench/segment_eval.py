"""Compare briefer's sentence splitter with the alternatives installed here.

Accuracy: the English Golden Rules (48 cases, ../shared/data/sentence-golden-rules), counted
as cases fully right, with and without case 18 (pysbd marks it as an expected failure).
Speed: the sample article repeated to ~20,000 and ~100,000 words, split paragraph by
paragraph as briefer does, median of N runs, and the ratio to briefer's time.

    python bench/segment_eval.py [--runs 5]

Writes bench/results/segment_eval.json. Alternatives that are not installed (pysbd, syntok)
are skipped; without ../shared the whole bench is skipped.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from briefer.nlp.sentences import split_spans

Splitter = Callable[[str], list[str]]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLDEN = SHARED / "data" / "sentence-golden-rules" / "english.jsonl"
ARTICLE = SHARED / "corpus" / "revitalizing-alliances.txt"
RESULTS = ROOT / "bench" / "results" / "segment_eval.json"
SIZES = (20_000, 100_000)  # words
KNOWN_HARD = "18"  # "At 5 a.m. Mr. Smith … at 6 P.M. Mr. Smith": pysbd's expected failure


def briefer_split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


def naive_split(text: str) -> list[str]:
    """The baseline: cut after every ., ! or ? followed by whitespace."""
    return re.split(r"(?<=[.!?])\s+", text.strip())


def pysbd_splitter() -> Splitter | None:
    try:
        import pysbd  # type: ignore[import-untyped]
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [str(s) for s in segmenter.segment(text)]


def syntok_splitter() -> Splitter | None:
    try:
        from syntok import segmenter  # type: ignore[import-untyped]
    except ImportError:
        return None

    def split(text: str) -> list[str]:
        return [
            "".join(str(token) for token in sentence)
            for paragraph in segmenter.analyze(text)
            for sentence in paragraph
        ]

    return split


def available_splitters() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {"briefer": briefer_split}
    for name, factory in (("pysbd", pysbd_splitter), ("syntok", syntok_splitter)):
        splitter = factory()
        if splitter is None:
            print(f"skipping {name}: not installed")
        else:
            found[name] = splitter
    found["naive-regex"] = naive_split
    return found


def golden_score(split: Splitter, cases: list[dict[str, object]]) -> list[str]:
    """Ids of the cases ``split`` gets fully right (sentences compared stripped)."""
    right = []
    for case in cases:
        text, expected = str(case["text"]), case["sentences"]
        assert isinstance(expected, list)
        got = [s.strip() for s in split(text) if s.strip()]
        if got == [str(s).strip() for s in expected]:
            right.append(str(case["id"]))
    return right


def repeated_article(words: int) -> list[str]:
    """Paragraphs of the sample article, repeated until they hold ``words`` words."""
    paragraphs = [p for p in ARTICLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out: list[str] = []
    count = 0
    while count < words:
        for p in paragraphs:
            out.append(p)
            count += len(p.split())
            if count >= words:
                break
    return out


def median_seconds(split: Splitter, paragraphs: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for p in paragraphs:
            split(p)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timing runs per size (median)")
    args = parser.parse_args()
    if not GOLDEN.is_file() or not ARTICLE.is_file():
        print(f"skipped: shared data not found at {SHARED} (golden rules and sample article)")
        return 0
    cases = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    texts = {n: repeated_article(n) for n in SIZES}
    results: dict[str, dict[str, object]] = {}
    for name, split in available_splitters().items():
        right = golden_score(split, cases)
        row: dict[str, object] = {
            "golden": len(right),
            "golden_without_18": len([i for i in right if i != KNOWN_HARD]),
            "failed": [str(c["id"]) for c in cases if str(c["id"]) not in right],
        }
        for n, paragraphs in texts.items():
            row[f"seconds_{n}"] = median_seconds(split, paragraphs, args.runs)
        results[name] = row
    for row in results.values():
        for n in SIZES:
            row[f"ratio_{n}"] = float(str(row[f"seconds_{n}"])) / float(
                str(results["briefer"][f"seconds_{n}"])
            )
    print_table(results, len(cases))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


def print_table(results: dict[str, dict[str, object]], total: int) -> None:
    head = f"{'splitter':<12} {'golden':>7} {'w/o 18':>7}"
    for n in SIZES:
        head += f" {f'{n // 1000}k words s':>13} {'x briefer':>9}"
    print(head)
    print("-" * len(head))
    for name, row in results.items():
        line = f"{name:<12} {row['golden']!s:>3}/{total:<3}"
        line += f" {row['golden_without_18']!s:>3}/{total - 1:<3}"
        for n in SIZES:
            line += f" {row[f'seconds_{n}']:>13.3f} {row[f'ratio_{n}']:>9.1f}"
        print(line)


if __name__ == "__main__":
    sys.exit(main())
