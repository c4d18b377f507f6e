"""Tests for Markdown extraction, including pages scraped to Markdown with site chrome."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefer.errors import ExtractionError
from briefer.extract import extract
from briefer.ingest import read_source
from briefer.model import Block, BlockKind, Extracted

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def scraped() -> Extracted:
    return extract(read_source(DATA / "scraped.md"))


def _body(extracted: Extracted) -> str:
    return "\n\n".join(block.text for block in extracted.blocks)


def test_metadata_from_header_zone(scraped: Extracted) -> None:
    meta = scraped.metadata
    assert meta.title == "Rivers Without Borders"
    assert meta.authors == ("Ana Pérez", "Tom Reed")
    assert meta.published == dt.date(2023, 6, 5)
    assert meta.subtitle == (
        "Shared rivers need shared rules, and upstream states must accept a role in paying "
        "for them."
    )
    assert meta.publisher == "The Delta Policy Center"
    assert meta.topics == ("Water", "Climate")
    assert meta.language == "en"


def test_body_starts_with_repaired_drop_cap(scraped: Extracted) -> None:
    assert scraped.blocks[0].text.startswith("Twenty countries share the basin")


@pytest.mark.parametrize(
    "phrase",
    [
        "ABOUT THE AUTHORS",
        "senior fellow",
        "Analysis",
        "RECOMMENDED",
        "Dams and Diplomacy",
        "TOPICS",
        "/topics/water",
        "](",
        "**",
        "put it (",
        "https://",
        "Getty Images",
        "originally published",
        "Shared rivers need shared rules",
        "Rivers Without Borders",
        "Jun 5, 2023",
    ],
)
def test_chrome_kept_out_of_body(scraped: Extracted, phrase: str) -> None:
    assert phrase.lower() not in _body(scraped).lower()


def test_links_reduced_to_text_and_fragments_repaired(scraped: Extracted) -> None:
    assert "written for a different climate. As one negotiator put it, the rules" in _body(scraped)


def test_paragraph_split_mid_sentence_is_joined(scraped: Extracted) -> None:
    assert "have been slow to fund the monitoring stations" in _body(scraped)


def test_structure_kinds(scraped: Extracted) -> None:
    kinds = [(b.kind, b.level) for b in scraped.blocks]
    assert (BlockKind.HEADING, 2) in kinds
    quotes = [b.text for b in scraped.blocks if b.kind is BlockKind.QUOTE]
    assert quotes == [
        "Water does not stop at a border, and neither should cooperation "
        "between the people who depend on it."
    ]
    items = [b.text for b in scraped.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == ["Publish gauge data within a day of collection.", "Fund a joint secretariat."]


def test_front_matter() -> None:
    text = (
        "---\ntitle: Notes on Rivers\nauthor: Jane Doe and John Roe\ndate: 2022-01-31\n"
        "tags: water, policy\n---\n\nRivers matter for everyone living downstream of them, "
        "and for the people upstream too.\n"
    )
    extracted = extract(read_source(text, name="notes.md"))
    assert extracted.metadata.title == "Notes on Rivers"
    assert extracted.metadata.authors == ("Jane Doe", "John Roe")
    assert extracted.metadata.published == dt.date(2022, 1, 31)
    assert extracted.metadata.topics == ("water", "policy")
    assert extracted.blocks == (
        Block(
            BlockKind.PARAGRAPH,
            "Rivers matter for everyone living downstream of them, "
            "and for the people upstream too.",
        ),
    )


def test_pipe_table_without_delimiter_is_metadata() -> None:
    text = (
        "# Water Report\n\n| **Author:** | Doe, Jane Q. \n| **Publication Date:** | 04/13/2026 \n"
        "| **Topics:** | Water; Energy & Power \n\n"
        "The report describes the state of the basin after three dry years in a row.\n"
    )
    meta = extract(read_source(text, name="r.md")).metadata
    assert meta.authors == ("Jane Q. Doe",)
    assert meta.published == dt.date(2026, 4, 13)
    assert meta.topics == ("Water", "Energy & Power")


def test_indented_scraped_text_is_not_code() -> None:
    text = "# T\n\n        Disclaimer:\n  This is boilerplate from the site.\n\n" + (
        "    The body paragraph is indented by the scraper but it is prose all the same.\n"
    )
    extracted = extract(read_source(text, name="x.md"))
    assert [b.text for b in extracted.blocks] == [
        "The body paragraph is indented by the scraper but it is prose all the same."
    ]


def test_only_navigation_raises() -> None:
    with pytest.raises(ExtractionError, match=r"nav\.md: no article text found"):
        extract(read_source("[Home](/) [About](/about)\n\n[Contact](/c)\n", name="nav.md"))


def test_footnotes_leave_the_text_and_the_notes_leave_the_body() -> None:
    text = (
        "# Methane charge\n\n"
        "Congress created the charge in 2022[^1] and the agency wrote rules[2](#fn2) for it "
        "in the 119<sup>th</sup> Congress, as experts noted in 2023.<sup>3</sup> "
        "The [next section](#costs) covers costs.\n\n"
        "[^1]: See P.L. 117-169.\n"
    )
    body = _body(extract(read_source(text, name="notes.md")))
    assert body == (
        "Congress created the charge in 2022 and the agency wrote rules for it in the 119th "
        "Congress, as experts noted in 2023. The next section covers costs."
    )
