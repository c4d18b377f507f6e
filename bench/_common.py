"""Shared helpers for the benchmarks: repeated timing, real articles, result files.

Every figure is the median of several runs with min and max beside it; every comparison
is a ratio of two medians measured in the same run of the same script.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "bench" / "results"
SAMPLE = ROOT / "examples" / "revitalizing-alliances.md"
SAMPLE_TXT = ROOT / "examples" / "revitalizing-alliances.txt"
DATASETS = (
    SHARED / "data" / "news-summ" / "items.jsonl",
    SHARED / "data" / "policy-summ" / "items.jsonl",
)


@dataclass(frozen=True)
class Timing:
    """Seconds over ``runs`` repetitions."""

    median: float
    low: float
    high: float
    runs: int

    def __str__(self) -> str:
        return f"{self.median * 1000:9.1f} ms  [{self.low * 1000:.1f}–{self.high * 1000:.1f}]"


def timed(fn: Callable[[], object], runs: int = 5, warmup: int = 1) -> Timing:
    """Median, min and max wall time of ``fn`` after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return Timing(statistics.median(samples), min(samples), max(samples), runs)


def timed_alternating(fns: dict[str, Callable[[], object]], runs: int = 5) -> dict[str, Timing]:
    """Median, min and max of each function, called in turn (A, B, A, B, ...) after a
    warm-up round, so drifts of a shared machine do not land on one side of a ratio."""
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for round_ in range(runs + 1):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            if round_:
                samples[name].append(time.perf_counter() - start)
    return {name: Timing(statistics.median(s), min(s), max(s), runs) for name, s in samples.items()}


def timed_processes(commands: dict[str, list[str]], runs: int = 5) -> dict[str, Timing]:
    """Wall times of whole processes, alternating like ``timed_alternating`` (whose
    warm-up round also warms the page cache)."""

    def run(argv: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(argv, check=True, capture_output=True)

    return timed_alternating({name: run(argv) for name, argv in commands.items()}, runs)


def ratio(a: Timing, b: Timing) -> float:
    return a.median / b.median


def real_articles(limit: int) -> list[tuple[str, str]]:
    """(id, text) of up to ``limit`` real articles from ../shared, news and policy mixed.

    Without ../shared, only the bundled sample is available.
    """
    items: list[tuple[str, str]] = []
    for path in DATASETS:
        if path.is_file():
            with path.open(encoding="utf-8") as handle:
                items += [(d["id"], d["article"]) for d in map(json.loads, handle)]
    if not items:
        return [("sample", SAMPLE_TXT.read_text(encoding="utf-8"))]
    # Interleave the sets deterministically so a small limit still mixes news and reports.
    items.sort(key=lambda item: (hash_order(item[0]), item[0]))
    return items[:limit]


def hash_order(key: str) -> int:
    import hashlib

    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


def long_report(words: int) -> str:
    """A report of about ``words`` words: real policy reports joined, else the sample repeated."""
    reports = [t for i, t in real_articles(10_000) if i.split("-")[0] not in ("cnn", "bbc")]
    texts = reports or [SAMPLE_TXT.read_text(encoding="utf-8")]
    parts: list[str] = []
    count = 0
    for text in cycle(texts):
        for para in text.split("\n\n"):
            parts.append(para)
            count += len(para.split())
            if count >= words:
                return "\n\n".join(parts)
    raise AssertionError("unreachable")


def cycle(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


def machine() -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def save(name: str, payload: dict[str, Any]) -> Path:
    """Write ``bench/results/<name>.json`` (timings as dicts)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"

    def default(obj: object) -> object:
        if isinstance(obj, Timing):
            return asdict(obj)
        raise TypeError(type(obj))

    body = {"machine": machine(), **payload}
    path.write_text(json.dumps(body, indent=2, default=default) + "\n", encoding="utf-8")
    return path


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def bare_pdf(html: str, base: Path) -> bytes:
    """The reference: one plain WeasyPrint layout and write of ``html``, as WeasyPrint is
    used on its own: the packaged fonts as ``@font-face`` rules, a new font configuration."""
    from weasyprint import HTML

    from briefer._resources import font_faces

    rules = "".join(
        f'@font-face {{ font-family: "{f.family}"; src: url("{f.url}");'
        f" font-weight: {f.weight}; font-style: {f.style}; }}\n"
        for f in font_faces(html)
    )
    page = html.replace("</style>", rules + "</style>", 1)
    return HTML(string=page, base_url=base.as_uri() + "/").write_pdf()
