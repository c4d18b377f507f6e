"""The briefing book: many articles -> front matter + every card, grouped, duplicates paired."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefer.cli import main
from tests.conftest import REPO, SAMPLE_MD

DATA = REPO / "tests" / "data"

HARBOUR = "\n\n".join(
    [
        "The Harbour Bridge Will Close for Two Years",
        "By Lena Okafor",
        "March 3, 2024",
        (
            "The city council voted on Tuesday to close the Harbour Bridge for two years of "
            "repairs, a decision that will divert 40,000 vehicles a day onto older roads."
        ),
        (
            '"We have run out of patches, and the steel will not wait for a better moment," said '
            "Maria Chen, the council's head of transport, after the vote."
        ),
        (
            "Engineers found corrosion in 312 of the bridge's 1,200 cables last autumn, and an "
            "inspection in January showed the damage spreading faster than expected."
        ),
        (
            "The repairs will cost $480 million, of which the national government has promised to "
            "pay half under its infrastructure programme."
        ),
        (
            'Businesses on the north shore warned that the closure would cut their trade. "Half my '
            'customers drive over that bridge," said Tom Reyes, who runs a hardware shop near the '
            "approach."
        ),
        (
            "The council said ferries would run every ten minutes at peak hours and that two bus "
            "lanes would open on the river road before the bridge closes in June."
        ),
        (
            "Opposition councillors argued that a partial closure, one lane at a time, would have "
            "kept traffic moving, but engineers said it would double the cost and the time."
        ),
    ]
)


def _rewrite(text: str) -> str:
    """A wire-style rewrite: a new opening and dateline, the rest cut and re-ordered."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    body = paras[4:]
    return "\n\n".join(
        [
            "Bridge closure approved as city braces for traffic",
            "March 4, 2024",
            "Commuters face two years of detours after a vote on the Harbour Bridge.",
            *body[1:],
            body[0],
        ]
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("morning")
    (root / "sample.md").write_bytes(SAMPLE_MD.read_bytes())
    (root / "rivers.txt").write_bytes((DATA / "article.txt").read_bytes())
    (root / "scraped.md").write_bytes((DATA / "scraped.md").read_bytes())
    (root / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (root / "wire").mkdir()
    (root / "wire" / "harbour-rewrite.txt").write_text(_rewrite(HARBOUR), encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a PDF")
    (root / "empty.md").write_text("   \n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def book(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    out = tmp_path_factory.mktemp("book") / "morning.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
        code = main(["book", str(folder), "-o", str(out), "--format", "pdf,json,html", "-j", "2"])
        yield {
            "code": code,
            "pdf": PdfReader(out),
            "json": json.loads(out.with_suffix(".json").read_text(encoding="utf-8")),
            "html": out.with_suffix(".html").read_text(encoding="utf-8"),
            "path": out,
        }


def _text(page: Any) -> str:
    return re.sub(r"\s+", " ", page.extract_text()).strip()


def test_book_lists_every_readable_article_and_the_broken_ones(book: dict[str, Any]) -> None:
    assert book["code"] == 1  # like batch: written, but not every input made it
    data = book["json"]
    assert len(data["articles"]) == 5
    reasons = {Path(s["path"]).name: s["reason"] for s in data["not_included"]}
    assert set(reasons) == {"broken.pdf", "empty.md"}
    assert all(reasons.values())
    assert all("\n" not in r for r in reasons.values())
    front = " ".join(_text(book["pdf"].pages[i]) for i in range(_front_pages(data)))
    assert "not included" in front.lower()
    assert "broken.pdf" in front
    assert "empty.md" in front


def _front_pages(data: dict[str, Any]) -> int:
    return min(a["page"] for a in data["articles"]) - 1


def test_every_card_is_the_card_brief_makes(book: dict[str, Any], folder: Path) -> None:
    import briefer
    from briefer.render import render_card

    pdf, data = book["pdf"], book["json"]
    assert len(pdf.pages) == _front_pages(data) + len(data["articles"])
    for article in data["articles"]:
        single = render_card(briefer.brief(Path(article["path"]))).pdf
        expected = _text(PdfReader(io.BytesIO(single)).pages[0])
        assert _text(pdf.pages[article["page"] - 1]) == expected, article["path"]


def test_front_page_links_and_page_numbers_point_at_the_cards(book: dict[str, Any]) -> None:
    pdf, data = book["pdf"], book["json"]
    targets = []
    for page in pdf.pages[: _front_pages(data)]:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link":
                targets.append(pdf.get_page_number(annot["/Dest"][0].get_object()) + 1)
    pages = {a["page"] for a in data["articles"]}
    assert set(targets) == pages  # every card is reachable, nothing else is linked
    front = _text(pdf.pages[0])
    for article in data["articles"]:
        if article["duplicate_of"] is None:
            assert article["briefing"]["source"]["title"][:30] in front


def test_duplicates_are_paired_and_stand_together(book: dict[str, Any]) -> None:
    data = book["json"]
    ids = {a["id"]: a for a in data["articles"]}
    name = {a["id"]: Path(a["path"]).name for a in data["articles"]}
    # The rewrite, and the same analysis as plain text and as a scraped web page.
    pairs = {(name[d["duplicate_of"]], name[d["article"]]) for d in data["duplicates"]}
    assert pairs == {("harbour.txt", "harbour-rewrite.txt"), ("scraped.md", "rivers.txt")}
    for dup in data["duplicates"]:
        first, copy = ids[dup["duplicate_of"]], ids[dup["article"]]
        assert copy["page"] == first["page"] + 1
        assert copy["group"] == first["group"]
    assert "also reported by" in _text(book["pdf"].pages[0]).lower()
    # The HTML form does not repeat the first telling's quotes in the copy.
    assert "quotes and figures given there are not repeated" in book["html"]


def test_outline_holds_groups_and_every_card(book: dict[str, Any]) -> None:
    pdf, data = book["pdf"], book["json"]
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(pdf.outline)
    assert titles[0] == "At a glance"
    for group in data["groups"]:
        assert group["name"] in titles
    assert sum(
        t.startswith(a["briefing"]["source"]["title"]) for a in data["articles"] for t in titles
    ) >= len(data["articles"])
    meta = pdf.metadata
    assert meta.title == "Morning briefing book"
    assert meta["/CreationDate"].startswith("D:2023")


def test_html_book_is_one_page_with_anchors(book: dict[str, Any]) -> None:
    html, data = book["html"], book["json"]
    for article in data["articles"]:
        assert f'id="card-{article["page"]}"' in html
        assert f'href="#card-{article["page"]}"' in html
    assert "<script" not in html


def test_book_is_reproducible(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, book: dict[str, Any]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = tmp_path / "again.pdf"
    main(["book", str(folder), "-o", str(again), "-j", "2"])
    assert again.read_bytes() == book["path"].read_bytes()


def test_batch_book_writes_book_beside_the_cards(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(["batch", str(folder), "-o", str(out), "--book", "--format", "json", "-j", "2"])
    assert code == 1  # two inputs are broken
    reader = PdfReader(out / "book.pdf")
    assert len(reader.pages) >= 6
    assert (out / "sample.pdf").is_file()
    assert (out / "sample.json").is_file()
    assert not list(out.rglob("*.part"))
