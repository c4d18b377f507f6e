"""The book's plan without the batch: grouping, order, duplicates, and the front matter's
page breaks, on briefings made up from the sample's."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from briefer.book import arrange, front, pdf
from briefer.book.duplicates import containment, shingles
from briefer.book.model import Entry, Skipped
from briefer.book.topics import name
from tests.conftest import SAMPLE_MD


@pytest.fixture(scope="module")
def card() -> tuple[Any, bytes]:
    import briefer
    from briefer.render import render_card

    briefing = briefer.brief(SAMPLE_MD)
    return briefing, render_card(briefing).pdf


def _entry(base: Any, card: bytes, n: int, **source: Any) -> Entry:
    fields = {"title": f"Story number {n}", "published": dt.date(2024, 1, 1 + n % 28), **source}
    # No quotes: one shared quotation would make every made-up story the same one.
    source = base.source.model_copy(update=fields)
    briefing = base.model_copy(update={"source": source, "quotes": []})
    text = f"Unrelated report {n}. " + " ".join(f"word{n}x{k}" for k in range(60))
    return Entry(f"in/{n}.md", briefing, card, shingles(text))


def test_group_by_source_and_date_newest_first(card: tuple[Any, bytes]) -> None:
    base, pdf_bytes = card
    entries = [
        _entry(base, pdf_bytes, n, publisher="Daily A" if n % 2 else "Weekly B") for n in range(6)
    ]
    by_source = arrange.plan(entries, group_by="source")
    assert [g.name for g in by_source.groups] == ["Daily A", "Weekly B"]
    for group in by_source.groups:
        dates = [entries[i].briefing.source.published for i in group.members]
        assert dates == sorted(dates, reverse=True)
    by_date = arrange.plan(entries, group_by="date")
    assert [g.name for g in by_date.groups] == sorted(
        (g.name for g in by_date.groups), reverse=True
    )
    assert len(arrange.plan(entries, group_by="none").groups) == 1


def test_a_copy_follows_its_first_telling(card: tuple[Any, bytes]) -> None:
    base, pdf_bytes = card
    story = " ".join(f"The minister said point {k} of the plan would change." for k in range(30))
    first = _entry(base, pdf_bytes, 1, publisher="Wire")
    copy = _entry(base, pdf_bytes, 9, publisher="Paper")  # published later
    first = Entry(first.key, first.briefing, pdf_bytes, shingles(story))
    copy = Entry(copy.key, copy.briefing, pdf_bytes, shingles("New intro here. " + story[200:]))
    other = _entry(base, pdf_bytes, 5)
    plan = arrange.plan([copy, other, first], group_by="none")
    assert [(d.entry, d.of) for d in plan.duplicates] == [(0, 2)]
    order = list(plan.order)
    assert order.index(0) == order.index(2) + 1
    assert containment(first.shingles, other.shingles) < 0.05


def test_group_names_come_from_shared_keyphrases(card: tuple[Any, bytes]) -> None:
    base, _ = card
    a = base.model_copy(update={"keywords": ["Home Secretary", "visas", "people"]})
    b = base.model_copy(update={"keywords": ["people", "Home Secretary", "Blunkett"]})
    assert name([a, b]) == "Home Secretary · people"


def test_front_matter_never_cuts_an_entry(card: tuple[Any, bytes]) -> None:
    base, pdf_bytes = card
    entries = [_entry(base, pdf_bytes, n) for n in range(45)]
    plan = arrange.plan(entries, [Skipped("in/bad.pdf", "cannot read PDF")], group_by="none")
    laid = front.layout(plan)
    assert laid.pages >= 2
    reader = PdfReader(io.BytesIO(laid.pdf))
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    line = re.sub(r"\s+", " ", base.bottom_line.text)
    for n in range(45):
        holding = [i for i, text in enumerate(pages) if f"Story number {n} " in text + " "]
        assert len(holding) == 1, n
        assert line[:60] in pages[holding[0]]
    # Links point at the card pages that follow the front matter, one per entry and more.
    assert {j.target for j in laid.jumps} == {laid.pages + k for k in range(45)}
    book = PdfReader(io.BytesIO(pdf.assemble(plan, laid)))
    assert len(book.pages) == laid.pages + 45
