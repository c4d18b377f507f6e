"""Cost, parallelism and memory of the briefing book, and how well it pairs duplicates.

    python bench/book.py [--articles 100] [--runs 2] [--memory 10,100] [--duplicates]

- speed: the book of N real articles, all in this process, against the floor: a bare
  WeasyPrint render (``HTML().write_pdf()``) of each card's final HTML plus one of the front
  matter's. The book side pays for everything a book does once the articles are briefed:
  each card's fit and render, re-reading each text for its fingerprint, duplicates, topic
  groups, the front matter's layout and the merge. Rounds alternate (bare, book, bare, book)
  and the ratio of the medians is reported. Target (issue #18): <= 1.2x.
- memory and parallelism: the whole ``briefer book`` command on folders of 10 and N
  articles with --jobs 2 (peak summed RSS of the process tree, as bench/batch.py), and
  wall time with --jobs 1 against --jobs 2.
- --duplicates: every pair of the news-summ and editorials items (../shared), scored as the
  book scores them; pairs at or above the thresholds are listed for reading, and synthetic
  rewrites (new opening, paragraphs dropped, one word in twelve changed) measure recall.

Writes bench/results/book.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import SHARED, bare_pdf, real_articles, save
from batch import BRIEFER, TreeRss, make_corpus

import briefer
from briefer._resources import templates_dir
from briefer.book import arrange, front, pdf
from briefer.book.duplicates import (
    QUOTE_THRESHOLD,
    THRESHOLD,
    quote_prints,
    shingles,
    similar_pairs,
)
from briefer.book.model import Entry
from briefer.render import render_card


def bare(html: str) -> bytes:
    return bare_pdf(html, templates_dir().resolve())


def speed(n: int, runs: int) -> dict[str, Any]:
    texts = [t for _, t in real_articles(n)]
    briefings = [briefer.brief(t) for t in texts]
    card_html = [render_card(b).html for b in briefings]
    plan0 = arrange.plan([Entry(str(i), b, b"", ()) for i, b in enumerate(briefings)])
    front_html = front.render_html(plan0, 1)
    bare_s, book_s, parts = [], [], []
    for round_ in range(runs + 1):
        start = time.perf_counter()
        for html in card_html:
            bare(html)
        bare(front_html)
        t_bare = time.perf_counter() - start

        start = time.perf_counter()
        cards = [render_card(b).pdf for b in briefings]
        t_cards = time.perf_counter() - start
        entries = [
            Entry(str(i), b, c, shingles(briefer.read_article(t).text))
            for i, (b, c, t) in enumerate(zip(briefings, cards, texts, strict=True))
        ]
        plan = arrange.plan(entries)
        t_plan = time.perf_counter() - start - t_cards
        laid = front.layout(plan)
        book = pdf.assemble(plan, laid)
        t_book = time.perf_counter() - start
        if round_:  # the first round warms caches
            bare_s.append(t_bare)
            book_s.append(t_book)
            parts.append(
                {"cards": t_cards, "plan": t_plan, "front+merge": t_book - t_cards - t_plan}
            )
        print(
            f"round {round_}: bare {t_bare:.2f} s, book {t_book:.2f} s "
            f"(cards {t_cards:.2f}, plan {t_plan:.2f}); {len(book) / 1e6:.1f} MB, "
            f"{laid.pages} front page(s)",
            flush=True,
        )
    ratio = statistics.median(book_s) / statistics.median(bare_s)
    print(
        f"book of {n}: {statistics.median(book_s):.2f} s against bare "
        f"{statistics.median(bare_s):.2f} s: {ratio:.2f}x (target <= 1.2x)"
    )
    return {"articles": n, "bare_s": bare_s, "book_s": book_s, "parts": parts, "ratio": ratio}


def run_book(corpus: Path, out: Path, *extra: str) -> dict[str, Any]:
    argv = [*BRIEFER, "book", str(corpus), "-o", str(out), *extra]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeRss(proc.pid)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"book failed: {err.decode()[-2000:]}")
    return {"wall": wall, "peak_rss_mb": sampler.stop() / 2**20}


def memory(sizes: list[int]) -> dict[str, Any]:
    from batch import articles

    pool = articles()
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            corpus = make_corpus(Path(tmp, f"c{n}"), n, pool)
            two = run_book(corpus, Path(tmp, f"b{n}.pdf"), "-j", "2")
            out[str(n)] = two
            print(f"{n} articles, --jobs 2: {two['wall']:.1f} s, peak {two['peak_rss_mb']:.0f} MB")
        n = sizes[0] * 3
        corpus = make_corpus(Path(tmp, "par"), n, pool)
        one = run_book(corpus, Path(tmp, "p1.pdf"), "-j", "1")
        two = run_book(corpus, Path(tmp, "p2.pdf"), "-j", "2")
        out["parallel"] = {"articles": n, "jobs1_s": one["wall"], "jobs2_s": two["wall"]}
        print(
            f"{n} articles: --jobs 1 {one['wall']:.1f} s, --jobs 2 {two['wall']:.1f} s "
            f"({one['wall'] / two['wall']:.2f}x)"
        )
    sizes_mb = [out[str(n)]["peak_rss_mb"] for n in sizes]
    out["peak_ratio"] = sizes_mb[-1] / sizes_mb[0]
    return out


def _rewrite(text: str, rng: random.Random) -> str:
    paras = [p for p in text.split("\n") if p.strip()]
    body = paras[1:] if len(paras) > 2 else paras
    kept = [p for p in body if rng.random() < 0.6] or body[:1]
    words = " ".join(kept).split()
    words = ["said" if i % 12 == 0 else w for i, w in enumerate(words)]
    return "In a development on Tuesday, officials confirmed the news. " + " ".join(words)


def duplicates() -> dict[str, Any]:
    data = SHARED / "data"
    items: list[tuple[str, str]] = []
    for name, field in (("news-summ", "article"), ("editorials", "text")):
        with (data / name / "items.jsonl").open(encoding="utf-8") as handle:
            items += [(d["id"], d[field]) for d in map(json.loads, handle)]
    entries = [Entry(k, briefer.brief(t), b"", shingles(t)) for k, t in items]
    text_pairs = similar_pairs([e.shingles for e in entries], THRESHOLD)
    seen = {(i, j) for i, j, _ in text_pairs}
    quote_pairs = [
        p
        for p in similar_pairs([quote_prints(e) for e in entries], QUOTE_THRESHOLD)
        if (p[0], p[1]) not in seen
    ]
    near = similar_pairs([e.shingles for e in entries], 0.1)
    listed = []
    for kind, pairs in (("text", text_pairs), ("quotes", quote_pairs)):
        for i, j, s in pairs:
            listed.append(
                {
                    "kind": kind,
                    "a": entries[i].key,
                    "b": entries[j].key,
                    "score": round(s, 3),
                    "a_start": items[i][1][:90],
                    "b_start": items[j][1][:90],
                }
            )
            print(
                f"{kind:6} {s:.2f} {entries[i].key} {entries[j].key} |"
                f" {items[i][1][:60]!r} | {items[j][1][:60]!r}"
            )
    below = sorted(s for i, j, s in near if (i, j) not in seen)
    print(
        f"{len(items)} items, {len(items) * (len(items) - 1) // 2} pairs:"
        f" {len(text_pairs)} text pairs"
        f" >= {THRESHOLD}, {len(quote_pairs)} more by quotes >= {QUOTE_THRESHOLD};"
        f" highest text pair below the threshold: {below[-1] if below else 0:.3f}"
    )
    rng = random.Random(7)
    sample = rng.sample(range(len(items)), 100)
    prints = [e.shingles for e in entries] + [shingles(_rewrite(items[k][1], rng)) for k in sample]
    found = {(i, j) for i, j, _ in similar_pairs(prints, THRESHOLD)}
    recall = sum((k, len(items) + m) in found for m, k in enumerate(sample)) / len(sample)
    print(f"synthetic rewrites found: {recall:.0%}")
    return {
        "items": len(items),
        "pairs": listed,
        "rewrite_recall": recall,
        "highest_below_threshold": below[-1] if below else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--memory", default="10,100", help="folder sizes for peak memory")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--duplicates", action="store_true")
    args = parser.parse_args()
    payload: dict[str, Any] = {"speed": speed(args.articles, args.runs)}
    if not args.no_memory:
        payload["memory"] = memory([int(n) for n in args.memory.split(",")])
    if args.duplicates and (SHARED / "data").is_dir():
        payload["duplicates"] = duplicates()
    print(f"wrote {save('book', payload)}")


if __name__ == "__main__":
    sys.exit(main())
