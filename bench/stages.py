"""Time of each pipeline stage on the sample and on a 20,000-word report, with references.

References measured in the same run: sumy's LexRank alone on the same text (the floor for
ranking), a bare WeasyPrint render of the final card HTML (the floor for the PDF step), and
the whole sumy LexRank process (the floor for the whole `briefer brief` process).

    python bench/stages.py [--runs 5]

Targets (issue #7): brief() to JSON <= 2x LexRank alone; PDF step <= 1.3x bare WeasyPrint;
whole `briefer brief -f json` process <= 1.5x the whole sumy LexRank process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import (
    SAMPLE,
    Timing,
    bare_pdf,
    long_report,
    ratio,
    save,
    table,
    timed,
    timed_alternating,
    timed_processes,
)
from sumy_lexrank import lexrank

import briefer
from briefer._resources import templates_dir
from briefer.assemble import assemble
from briefer.evidence import quotes
from briefer.nlp.analysis import analyse
from briefer.nlp.language import sumy_language
from briefer.nlp.sentences import segment
from briefer.rank import rank
from briefer.render import render_card, render_html


def fresh(fn: Callable[[], object]) -> Callable[[], object]:
    """``fn`` with briefer's per-text caches emptied first, as for a new article in a batch.

    Word-level caches (the stemmer's) stay warm: a long-running process keeps them too.
    """

    def run() -> object:
        quotes._fullest.cache_clear()
        return fn()

    return run


def stages(path: Path, runs: int) -> dict[str, Timing]:
    article = briefer.read_article(path)
    language = sumy_language(article.metadata.language)
    sentences = segment(article, language)
    briefing = assemble(article)
    card = render_card(briefing)
    base = templates_dir()
    # Each stage is measured beside its reference in alternating rounds, so a slow spell
    # of the shared machine lands on both sides of the ratio.
    return (
        {
            "read+extract": timed(lambda: briefer.read_article(path), runs),
            "segment": timed(lambda: segment(article, language), runs),
            "rank": timed(
                fresh(lambda: rank(analyse(article, language, sentences), count=5)), runs
            ),
            "assemble (segment+rank+evidence)": timed(fresh(lambda: assemble(article)), runs),
            "render HTML": timed(lambda: render_html(briefing), runs),
        }
        | timed_alternating(
            {
                "brief() to JSON": fresh(lambda: briefer.brief(path).model_dump_json()),
                "ref: sumy LexRank alone": lambda: lexrank(article.text, 5),
            },
            runs,
        )
        | timed_alternating(
            {
                "render PDF (fit + write)": lambda: render_card(briefing),
                "ref: bare WeasyPrint of card": lambda: bare_pdf(card.html, base),
            },
            runs,
        )
    )


def processes(path: Path, runs: int) -> dict[str, Timing]:
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as out:
        text_file = Path(out) / "article.txt"
        text_file.write_text(briefer.read_article(path).text, encoding="utf-8")
        return timed_processes(
            {
                "briefer brief -f json (process)": [
                    str(bin_dir / "briefer"), "brief", str(path), "-o", out, "-f", "json"
                ],
                "ref: sumy LexRank (process)": [
                    sys.executable, str(Path(__file__).parent / "sumy_lexrank.py"), str(text_file)
                ],
            },
            runs,
        )  # fmt: skip


def report(name: str, t: dict[str, Timing]) -> dict[str, Any]:
    ratios = {
        "brief_json_vs_lexrank": ratio(t["brief() to JSON"], t["ref: sumy LexRank alone"]),
        "pdf_vs_bare_weasyprint": ratio(
            t["render PDF (fit + write)"], t["ref: bare WeasyPrint of card"]
        ),
        "process_vs_sumy_process": ratio(
            t["briefer brief -f json (process)"], t["ref: sumy LexRank (process)"]
        ),
    }
    rows = [("stage", "median [min–max]")] + [(k, str(v)) for k, v in t.items()]
    print(f"\n== {name} ==\n{table(rows)}")
    for key, value in ratios.items():
        print(f"{key:28s} {value:5.2f}x")
    return {"timings": t, "ratios": ratios}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        report_file = Path(tmp) / "report-20000-words.txt"
        report_file.write_text(long_report(20_000), encoding="utf-8")
        for name, path in (("sample", SAMPLE), ("20,000-word report", report_file)):
            # Whole processes are noisier (start-up, page cache): twice the runs, interleaved,
            # where the ratio is close to its limit (the sample; the report's is ~0.2x).
            process_runs = 2 * args.runs if path == SAMPLE else args.runs
            timings = stages(path, args.runs) | processes(path, process_runs)
            results[name] = report(name, timings)
    print(f"\nwrote {save('stages', {'runs': args.runs, 'results': results})}")


if __name__ == "__main__":
    main()
