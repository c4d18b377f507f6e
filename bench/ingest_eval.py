"""Score briefer's reading stage against trafilatura alone on the web-pages cases.

Usage: ``python bench/ingest_eval.py [--data DIR] [--out FILE]``

For every case in ``DIR/index.jsonl`` whose folder exists, both systems read the
same input:

- briefer: ``read_source(path)`` then ``extract(source)``.
- trafilatura alone: ``bare_extraction(html, with_metadata=True)`` with its
  defaults. A ``.md`` input is first rendered to HTML with markdown-it
  (CommonMark + tables) and wrapped in ``<html><body>``, which is what
  trafilatura would get from a Markdown page served as HTML. Its body is the
  document's ``text``.

Group ``sample`` is the project's own scraped page (``shared/corpus``): body scored
against the clean ``.txt`` copy of the same article, metadata against the gold file.

Metrics (each averaged over the cases that have the expected value):

- title: exact match after folding quotes, collapsing whitespace, lower-casing.
- author: token F1 >= 0.8 between the expected byline and the predicted names
  (lower-cased word tokens; "by"/"and" dropped), so "Buffie, Nicholas E." matches
  "Nicholas E. Buffie" and "By Jane Doe" matches "Jane Doe".
- date: the expected ISO date (first 10 characters of publishedTime) equals the prediction.
- body F1: bag-of-words F1 over lower-cased word tokens against ``expected-text.txt``
  or the text of ``expected.html``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from statistics import mean
from typing import Any

from lxml import html as lxml_html

from briefer.errors import BrieferError
from briefer.extract import extract
from briefer.ingest import read_source

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "web-pages"
DEFAULT_OUT = REPO / "bench" / "results" / "ingest_eval.json"
GROUPS = ("aeb", "readability", "crs-md", "sample")
METRICS = ("title", "author", "date", "body_f1")
AUTHOR_F1_MATCH = 0.8  # token F1 at which a byline counts as matched
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})

Prediction = dict[str, Any]


def main(argv: list[str] | None = None) -> int:
    """Run both systems over every case, print a table, write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.data / "index.jsonl").exists():
        print(f"error: {args.data / 'index.jsonl'} not found (pass --data DIR)", file=sys.stderr)
        return 2
    rows = [_score_case(case, args.data / "cases" / case["id"]) for case in _cases(args.data)]
    rows.extend(_sample_rows(args.data))
    summary = _summarise(rows)
    _print_table(summary)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "cases": rows}, indent=2) + "\n")
    print(f"\nwrote {args.out}")
    return 0


def _cases(data: Path) -> list[dict[str, Any]]:
    lines = (data / "index.jsonl").read_text(encoding="utf-8").splitlines()
    cases = [json.loads(line) for line in lines if line.strip()]
    return [c for c in cases if (data / "cases" / c["id"]).is_dir()]


def _score_case(case: dict[str, Any], folder: Path) -> dict[str, Any]:
    source = next(p for p in (folder / "source.html", folder / "source.md") if p.exists())
    expected = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    gold_text = _expected_text(folder)
    row: dict[str, Any] = {"id": case["id"], "group": _group(case["id"])}
    for system, run in (("briefer", _briefer), ("trafilatura", _trafilatura)):
        started = time.perf_counter()
        prediction = run(source)
        row[system] = _compare(prediction, expected, gold_text)
        row[system]["seconds"] = round(time.perf_counter() - started, 3)
    return row


def _sample_rows(data: Path) -> list[dict[str, Any]]:
    """The project's sample scraped page, scored against its clean-text copy and gold file."""
    shared = data.resolve().parents[1]
    scraped = shared / "corpus" / "revitalizing-alliances.scraped.md"
    gold_file = shared / "gold" / "revitalizing-alliances.json"
    if not (scraped.exists() and gold_file.exists()):
        return []
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["metadata_from_scraped_page"]
    expected = {
        "title": gold["title"],
        "byline": " and ".join(gold["authors"]),
        "publishedTime": gold["published"],
    }
    clean = (scraped.parent / "revitalizing-alliances.txt").read_text(encoding="utf-8")
    row: dict[str, Any] = {"id": "sample-revitalizing-alliances", "group": "sample"}
    for system, run in (("briefer", _briefer), ("trafilatura", _trafilatura)):
        row[system] = _compare(run(scraped), expected, clean)
    return [row]


def _group(case_id: str) -> str:
    return next(g for g in GROUPS if case_id.startswith(g + "-"))


def _expected_text(folder: Path) -> str | None:
    if (folder / "expected-text.txt").exists():
        return (folder / "expected-text.txt").read_text(encoding="utf-8")
    if (folder / "expected.html").exists():
        tree = lxml_html.fromstring((folder / "expected.html").read_bytes())
        return " ".join(tree.itertext())
    return None


def _briefer(path: Path) -> Prediction:
    try:
        extracted = extract(read_source(path))
    except BrieferError as exc:
        return {"error": str(exc)}
    meta = extracted.metadata
    return {
        "title": meta.title,
        "authors": list(meta.authors),
        "date": meta.published.isoformat() if meta.published else None,
        "text": "\n".join(block.text for block in extracted.blocks),
    }


def _trafilatura(path: Path) -> Prediction:
    import trafilatura
    from markdown_it import MarkdownIt

    content = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".md":
        rendered = MarkdownIt("commonmark").enable("table").render(content)
        content = f"<html><body>{rendered}</body></html>"
    document = trafilatura.bare_extraction(content, with_metadata=True)
    if document is None:
        return {"error": "no result"}
    return {
        "title": document.title,
        "authors": [document.author] if document.author else [],
        "date": document.date,
        "text": document.text or "",
    }


def _compare(pred: Prediction, expected: dict[str, Any], gold_text: str | None) -> dict[str, Any]:
    scores: dict[str, Any] = {"error": pred.get("error")}
    if expected.get("title"):
        scores["title"] = float(_norm(pred.get("title")) == _norm(expected["title"]))
    if expected.get("byline"):
        predicted = " ".join(pred.get("authors") or [])
        scores["author"] = float(_author_f1(expected["byline"], predicted) >= AUTHOR_F1_MATCH)
    if expected.get("publishedTime"):
        scores["date"] = float(_iso_date(pred.get("date")) == expected["publishedTime"][:10])
    if gold_text is not None:
        scores["body_f1"] = round(_bag_f1(gold_text, pred.get("text") or ""), 4)
    scores["predicted"] = {k: pred.get(k) for k in ("title", "authors", "date")}
    return scores


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").translate(_QUOTES)).strip().lower()


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _f1(gold: Counter[str], pred: Counter[str]) -> float:
    overlap = sum((gold & pred).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def _bag_f1(gold: str, pred: str) -> float:
    return _f1(Counter(_tokens(gold)), Counter(_tokens(pred)))


def _author_f1(byline: str, predicted: str) -> float:
    drop = {"by", "and"}
    gold = Counter(t for t in _tokens(byline) if t not in drop)
    return _f1(gold, Counter(t for t in _tokens(predicted) if t not in drop))


def _summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for group in (*GROUPS, "all"):
        members = [r for r in rows if group in ("all", r["group"])]
        summary[group] = {"cases": len(members)}
        for metric in METRICS:
            summary[group][metric] = {
                system: _mean([r[system].get(metric) for r in members])
                for system in ("briefer", "trafilatura")
            }
    return summary


def _mean(values: list[float | None]) -> dict[str, float | int | None]:
    present = [v for v in values if v is not None]
    return {"mean": round(mean(present), 3) if present else None, "n": len(present)}


def _print_table(summary: dict[str, Any]) -> None:
    def fmt(score: dict[str, Any]) -> str:
        return "   -  " if score["mean"] is None else f"{score['mean']:.3f}"

    print(f"{'group':<12}{'cases':>6}  " + "".join(f"{m + ' b/t':>20}" for m in METRICS))
    for group, values in summary.items():
        cells = "".join(
            f"{fmt(values[m]['briefer']) + ' / ' + fmt(values[m]['trafilatura']):>14}"
            f"{'(' + str(values[m]['briefer']['n']) + ')':>6}"
            for m in METRICS
        )
        print(f"{group:<12}{values['cases']:>6}  {cells}")
    print("\nb/t = briefer / trafilatura alone; (n) = cases with that expected value")


if __name__ == "__main__":
    raise SystemExit(main())
