"""The ROUGE harness on a tiny dataset, and on a few shared items when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer.errors import InputError
from briefer.evaluate import evaluate, format_table, main, subset_of

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEWS = SHARED / "data" / "news-summ" / "items.jsonl"

ARTICLE = (
    "The council voted to fund a new bridge on Monday. The old bridge was declared unsafe.\n\n"
    "Engineers said repairs would cost more than a new bridge. Work starts in spring."
)


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    items = [
        {
            "id": "cnndm-1",
            "article": ARTICLE,
            "summary": "The council voted to fund a new bridge on Monday.",
        },
        {"id": "crs-2", "article": ARTICLE, "summary": "Repairs would cost more than a bridge."},
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_rows_per_subset_and_method(dataset: Path) -> None:
    rows = evaluate(dataset, methods=["auto", "lead", "lexrank"])
    assert {(r.subset, r.method) for r in rows} == {
        (s, m) for s in ("cnn", "crs", "all") for m in ("auto", "lead", "lexrank")
    }
    pooled = {(r.subset, r.method): r for r in rows}
    assert pooled["all", "lead"].items == 2
    assert pooled["all", "lead"].rouge2 == pytest.approx(
        (pooled["cnn", "lead"].rouge2 + pooled["crs", "lead"].rouge2) / 2
    )
    lead = next(r for r in rows if r.subset == "cnn" and r.method == "lead")
    assert lead.rouge2 == pytest.approx(1.0)  # the lead sentence is the reference
    assert all(0 <= r.rouge1 <= 1 and r.seconds >= 0 for r in rows)
    assert "R-2" in format_table(rows)


def test_ids_filter_and_main(
    dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("crs-2\n", encoding="utf-8")
    assert main([str(dataset), "--ids", str(ids), "--methods", "auto,lead"]) == 0
    out = capsys.readouterr().out
    assert "crs" in out
    assert "cnn" not in out
    assert "all" not in out  # one subset: nothing to pool


def test_missing_dataset(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read dataset"):
        evaluate(tmp_path / "nope.jsonl")


def test_subsets() -> None:
    assert [subset_of(i) for i in ("cnndm-0a", "bbc-politics-1", "crs-R1", "govreport-x")] == [
        "cnn", "bbc", "crs", "govreport",
    ]  # fmt: skip


def test_shared_news_items_beat_nothing() -> None:
    if not NEWS.is_file():
        pytest.skip(f"{NEWS} is absent: shared data sits beside the repo only in dev/CI")
    ids = [json.loads(line)["id"] for line in NEWS.read_text(encoding="utf-8").splitlines()[:3]]
    rows = evaluate(NEWS, ids, methods=["auto", "lead"])
    assert all(r.items == 3 and r.rouge1 > 0.1 for r in rows)
