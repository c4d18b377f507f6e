"""Genre, claims and a bottom line that stands alone (#16): real behaviour on generated texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import briefer
from briefer.extract.text import leading_metadata, split_paragraphs
from briefer.nlp.cues import is_dangling, standalone_part
from briefer.pipeline import brief_article
from briefer.rank.editorial_eval import evaluate_editorials, label_of

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EDITORIALS = SHARED / "data" / "editorials" / "items.jsonl"
SAMPLE = SHARED / "corpus" / "revitalizing-alliances.txt"

OPED = """Europe's climate pact is a promise it cannot keep

On Thursday, European leaders met in Brussels to sign a new climate pact.

The pact sets a target of cutting emissions by 55 percent by 2030. Officials said the deal \
was the most ambitious in the bloc's history. "This is a historic day," the commission's \
president told reporters on Thursday.

But we should not mistake a signature for a policy. Governments that cannot agree on a carbon \
price will not cut emissions by half, and voters should demand to know how they will.

The truth is that Europe needs a single carbon price that every member state must accept. \
Without it, the pact is a wish list, and wish lists do not cool the planet.

It is time for leaders to stop celebrating targets and start building the market that would \
meet them. Europe must choose a price now, or its promises will mean nothing.
"""

NEWS = """A fire broke out at a warehouse in east London on Tuesday night, the fire brigade said.

More than 60 firefighters were called to the blaze in Stratford shortly after 10pm, \
according to the London Fire Brigade. "Crews worked through the night," a spokesman said.

Two people were taken to hospital with minor injuries, police said on Wednesday. The cause \
of the fire is being investigated.

Residents said they heard a loud explosion before the flames spread to the roof. "It was \
terrifying," said Sarah Jones, 34, who lives nearby.
"""


def test_a_headline_question_or_quotation_is_the_title() -> None:
    for title in ("Is Europe ready for a carbon price?", "\u201cWe will not be silenced\u201d",
                  "Try my new helpline. You've nothing to lose..."):  # fmt: skip
        meta, body = leading_metadata(split_paragraphs(f"{title}\n\nThe body starts here."))
        assert meta.title == title
        assert body == ["The body starts here."]
    meta, _ = leading_metadata(split_paragraphs("The war is over.\n\nThe body starts here."))
    assert meta.title is None


def test_an_op_ed_argues_and_its_news_peg_is_not_the_bottom_line() -> None:
    card = briefer.brief(OPED)
    assert card.genre == "opinion"
    assert card.source.title == "Europe's climate pact is a promise it cannot keep"
    assert card.bottom_line is not None
    assert not card.bottom_line.text.startswith("On Thursday")
    claims = [a.claim.text for a in card.key_arguments]
    assert not any("said" in c or "told" in c or c.startswith("\u201c") for c in claims)


def test_a_news_story_is_news_and_its_points_are_not_quotes() -> None:
    card = briefer.brief(NEWS)
    assert card.genre == "news"
    assert all(not a.claim.text.startswith(("\u201c", '"')) for a in card.key_arguments)


def test_a_long_report_in_sections_is_a_report() -> None:
    section = "The program received $12 million in FY2024 appropriations for grants. " * 40
    text = "\n\n".join(f"Section {k} Heading\n\n{section}" for k in range(1, 6))
    card = briefer.brief(text)
    assert card.genre == "report"


def test_dangling_openers_and_their_standalone_part() -> None:
    line = "He has the right idea, but the only way to win is to restore our credibility abroad."
    assert is_dangling(line)
    part = standalone_part(line)
    assert part is not None
    assert line[part:].startswith("the only way")
    assert not is_dangling("It is time to step up and do so.")
    assert not is_dangling("The only way forward is to rebuild trust.")
    assert is_dangling("This is why the plan fails.")


def test_sample_bottom_line_is_the_thesis_part_with_exact_provenance() -> None:
    if not SAMPLE.is_file():
        pytest.skip(f"{SAMPLE} is absent: shared data sits beside the repo only in dev/CI")
    article = briefer.read_article(SAMPLE)
    card = brief_article(article)
    assert card.genre == "opinion"
    line = card.bottom_line
    assert line is not None
    assert card.bottom_line_part
    assert line.text.startswith("the only way to revitalize America")
    assert article.text[line.provenance.start : line.provenance.end] == line.text


def test_label_of_takes_the_majority_of_labelled_characters() -> None:
    units = [
        {"start": 0, "end": 10, "label": "assumption"},
        {"start": 10, "end": 12, "label": "no-unit"},
        {"start": 12, "end": 16, "label": "anecdote"},
    ]
    assert label_of(units, 0, 16) == "assumption"
    assert label_of(units, 8, 16) == "anecdote"
    assert label_of(units, 10, 12) is None


def test_editorial_measures_run_on_real_editorials() -> None:
    if not EDITORIALS.is_file():
        pytest.skip(f"{EDITORIALS} is absent: shared data sits beside the repo only in dev/CI")
    items = [json.loads(line) for line in EDITORIALS.read_text().splitlines()[:6]]
    rows = evaluate_editorials(items, ["auto", "lead", "random"])
    mine = next(r for r in rows if r.subset == "all" and r.method == "auto")
    lead = next(r for r in rows if r.subset == "all" and r.method == "lead")
    assert mine.items == 6
    assert mine.claims >= 12
    assert mine.claims_assumption > lead.claims_assumption
    assert mine.titles == 1.0
