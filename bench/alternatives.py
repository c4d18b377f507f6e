"""briefer against the tools people would use instead, on the same real articles.

- sumy's LexRank (5 sentences) in process and as its own process (with a small offline
  tokenizer, see sumy_lexrank.py), against briefer's brief() to JSON and `briefer brief`;
- trafilatura's extraction alone against briefer's read/extract stage, on the same HTML;
- a bare WeasyPrint render of each final card's HTML against briefer's fitted PDF step.

Each pair takes turns on every article, so machine drift lands on both sides.

    python bench/alternatives.py [--articles 100] [--pdf-articles 100] [--process-articles 100]

Articles come from ../shared/data (news and policy items, interleaved); without it, the
bundled sample alone.
"""

from __future__ import annotations

import argparse
import html
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import bare_pdf, real_articles, save, table
from sumy_lexrank import lexrank

import briefer
from briefer.render import render_card

HERE = Path(__file__).parent


def per_item(fns: dict[str, Callable[[Any], object]], items: list[Any]) -> dict[str, Any]:
    """Seconds per item of each function: total, median, min, max (each run once, warm).

    The functions take turns on every item (A then B, then B then A on the next), so a
    slow spell of the shared machine lands on both sides of a ratio.
    """
    names = list(fns)
    for fn in fns.values():
        fn(items[0])
    samples: dict[str, list[float]] = {name: [] for name in names}
    for k, item in enumerate(items):
        for name in names if k % 2 == 0 else reversed(names):
            start = time.perf_counter()
            fns[name](item)
            samples[name].append(time.perf_counter() - start)
    return {
        name: {
            "total": sum(values),
            "median": statistics.median(values),
            "min": min(values),
            "max": max(values),
            "items": len(values),
        }
        for name, values in samples.items()
    }


def as_html(text: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return f"<html><head><title>t</title></head><body><article>{paras}</article></body></html>"


def json_and_extraction(articles: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
    import trafilatura

    texts = [text for _, text in articles]
    pages = [as_html(text) for text in texts]
    ranking = per_item(
        {
            "briefer brief() to JSON": lambda t: briefer.brief(t).model_dump_json(),
            "sumy LexRank in process": lambda t: lexrank(t, 5),
        },
        texts,
    )
    extraction = per_item(
        {
            "briefer read_article(html)": briefer.read_article,
            "trafilatura.extract(html)": trafilatura.extract,
        },
        pages,
    )
    return ranking | extraction


def pdf_step(articles: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
    cards = [briefer.brief(text) for _, text in articles]
    base = briefer.render.templates_dir()
    htmls = [render_card(card).html for card in cards]
    pairs = list(zip(cards, htmls, strict=True))
    return per_item(
        {
            "briefer PDF step (fit + write)": lambda pair: render_card(pair[0]),
            "bare WeasyPrint of the same HTML": lambda pair: bare_pdf(pair[1], base),
        },
        pairs,
    )


def processes(articles: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
    briefer_bin = str(Path(sys.executable).parent / "briefer")
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, (_, text) in enumerate(articles):
            path = Path(tmp) / f"a{i}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)

        def run(argv: list[str]) -> None:
            subprocess.run(argv, check=True, capture_output=True)

        return per_item(
            {
                "briefer brief -f json (process)": lambda p: run(
                    [briefer_bin, "brief", str(p), "-o", tmp, "-f", "json"]
                ),
                "sumy LexRank (process)": lambda p: run(
                    [sys.executable, str(HERE / "sumy_lexrank.py"), str(p)]
                ),
            },
            files,
        )


def show(title: str, results: dict[str, dict[str, float]]) -> None:
    rows = [("method", "items", "median s/item", "min", "max", "total s")]
    for name, r in results.items():
        rows.append(
            (name, str(r["items"]), f"{r['median']:.4f}", f"{r['min']:.4f}", f"{r['max']:.4f}",
             f"{r['total']:.2f}")
        )  # fmt: skip
    print(f"\n== {title} ==\n{table(rows)}")
    names = list(results)
    a, b = results[names[0]], results[names[1]]
    # Totals weigh the long reports, medians the typical (short) article: show both.
    print(f"ratio {names[0]} / {names[1]}: {a['total'] / b['total']:.2f}x (totals), "
          f"{a['median'] / b['median']:.2f}x (medians)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--pdf-articles", type=int, default=100)
    parser.add_argument("--process-articles", type=int, default=100)
    args = parser.parse_args()
    articles = real_articles(args.articles)
    found = json_and_extraction(articles)
    out: dict[str, Any] = {"articles": len(articles)}
    show("ranking: brief() vs sumy LexRank", dict(list(found.items())[:2]))
    show("extraction: briefer vs trafilatura", dict(list(found.items())[2:]))
    out["json_and_extraction"] = found
    out["pdf"] = pdf_step(articles[: args.pdf_articles])
    show("PDF step: briefer vs bare WeasyPrint", out["pdf"])
    out["processes"] = processes(articles[: args.process_articles])
    show("whole process: briefer vs sumy LexRank", out["processes"])
    print(f"\nwrote {save('alternatives', out)}")


if __name__ == "__main__":
    main()
