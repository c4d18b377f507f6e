"""Tests for plain-text extraction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefer.extract import extract
from briefer.ingest import read_source
from briefer.model import BlockKind, Extracted

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def article() -> Extracted:
    return extract(read_source(DATA / "article.txt"))


def test_title_byline_date_go_to_metadata(article: Extracted) -> None:
    assert article.metadata.title == "Rivers Without Borders"
    assert article.metadata.authors == ("Ana Pérez",)
    assert article.metadata.published == dt.date(2023, 6, 5)
    assert article.blocks[0].text.startswith("Twenty countries")


def test_caption_dropped(article: Extracted) -> None:
    assert all("Getty" not in b.text and not b.text.startswith("Image:") for b in article.blocks)


def test_quote_after_colon_intro(article: Extracted) -> None:
    kinds = [b.kind for b in article.blocks]
    assert kinds == [
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.QUOTE,
        BlockKind.PARAGRAPH,
    ]


def test_split_paragraph_joined(article: Extracted) -> None:
    assert "have been slow to fund the monitoring" in article.blocks[-1].text


@pytest.mark.parametrize(
    ("text", "texts"),
    [
        ("One line only, ending well.", ["One line only, ending well."]),
        (
            "First line.\nSecond line.\r\nThird line.",
            ["First line.", "Second line.", "Third line."],
        ),
        ("A wrapped\nparagraph here.\n\nNext one.", ["A wrapped paragraph here.", "Next one."]),
        ("שלום עולם. זה טקסט.\n\nمرحبا بالعالم.", ["שלום עולם. זה טקסט.", "مرحبا بالعالم."]),
        ("- first point\n- second point", ["first point", "second point"]),
        # A list without blank lines inside a text that has them; a wrapped item stays whole.
        (
            "Intro.\n\n- first point\n- second point that\n  wraps\n\nEnd.",
            ["Intro.", "first point", "second point that wraps", "End."],
        ),
        # Lines too long to be hard-wrapped are paragraphs of their own (a reference list).
        (
            f"Sources.\n\n{'Lardner, Richard. ' * 6}2016.\n{'Dao, James. ' * 9}2012.",
            ["Sources.", f"{'Lardner, Richard. ' * 6}2016.", f"{'Dao, James. ' * 9}2012."],
        ),
    ],
)
def test_paragraph_edges(text: str, texts: list[str]) -> None:
    assert [b.text for b in extract(read_source(text)).blocks] == texts


def test_question_subheading_in_headline_case() -> None:
    text = (
        "Intro paragraph that sets the scene.\n\nWhat Is a National Memorial?\n\n"
        "Congress designates memorials by statute.\n\nWhy does it matter?\n\nIt changes the rules."
    )
    kinds = {b.text: b.kind for b in extract(read_source(text)).blocks}
    assert kinds["What Is a National Memorial?"] is BlockKind.HEADING
    assert kinds["Why does it matter?"] is not BlockKind.HEADING


def test_subheading_in_flat_text() -> None:
    text = "Intro paragraph that sets the scene.\n\nWhat Comes Next\n\nThe next part explains it."
    blocks = extract(read_source(text)).blocks
    assert (blocks[1].kind, blocks[1].level, blocks[1].text) == (
        BlockKind.HEADING,
        2,
        "What Comes Next",
    )


def test_a_leading_section_heading_is_not_the_title() -> None:
    text = (
        "Introduction and Recent Developments\n\n"
        "Methane is the second-most-prevalent greenhouse gas emitted in the United States.\n\n"
        "Congress created a charge on methane emissions in 2022."
    )
    extracted = extract(read_source(text, name="R48906.txt"))
    assert extracted.metadata.title == "R48906"
    assert extracted.blocks[0].kind is BlockKind.HEADING
    titled = extract(read_source("Methane and the Clean Air Act\n\n" + text, name="x.txt"))
    assert titled.metadata.title == "Methane and the Clean Air Act"
