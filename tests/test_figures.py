"""Figures with what they count, and the author's recommendations."""

from __future__ import annotations

import pytest

from briefer.evidence.figures import figures, recommendations
from briefer.model import Article, Block, BlockKind, Extracted, make_article
from briefer.nlp.analysis import analyse
from tests.test_rank import sample_article


def test_sample_figures() -> None:
    article = sample_article()
    found = {f.text: f for f in figures(analyse(article))}
    assert found["5,000 French forces"].counts == "French forces"
    assert found["800\u20131,000 personnel"].counts == "personnel"
    for figure in found.values():
        assert article.text[figure.start : figure.end] == figure.text
        assert figure.context.start <= figure.start < figure.end <= figure.context.end


def _paragraph(text: str) -> Article:
    return make_article(Extracted((Block(BlockKind.PARAGRAPH, text),)))


def _recommended(text: str) -> list[str]:
    return [s.text for s in recommendations(analyse(_paragraph(text)))]


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in figures(analyse(_paragraph(text)))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The program cost $4.5 billion in 2020.", [("money", "$4.5 billion"), ("date", "2020")]),
        ("Turnout fell 12 percent.", [("percent", "12 percent")]),
        ("Unemployment hit 7.5% on March 3, 2021.",
         [("percent", "7.5%"), ("date", "March 3, 2021")]),
        ("Some 300 soldiers left the G5 bases.", [("count", "300 soldiers")]),
        ("It was the 9/11 commission.", []),
    ],
)  # fmt: skip
def test_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert _kinds(text) == expected


def test_sample_recommendations_are_the_authors() -> None:
    article = sample_article()
    found = [s.text for s in recommendations(analyse(article))]
    assert any("will have to be preceded by burden shifting" in t for t in found)
    assert any(t.startswith("This calls for maintaining") for t in found)
    # "must be met" sits inside a quotation; "should the Islamic State" is a conditional.
    assert not any("Interim National Security Strategic Guidance" in t for t in found)
    assert not any("should the Islamic State" in t for t in found)
    # "It is time to step up and do so." leans on the sentence before it.
    assert not any(t.startswith("It is time to step up") for t in found)


def test_recommendations_stand_on_their_own() -> None:
    text = (
        "Allies have waited for a decade for a clear American plan on the Sahel. "
        "But Washington must act. It is time to step up and do so. "
        "Congress should fund the advise-and-assist mission in the Sahel for five more years."
    )
    assert _recommended(text) == [
        "Congress should fund the advise-and-assist mission in the Sahel for five more years."
    ]


def test_no_recommendations_in_quote_blocks() -> None:
    article = make_article(
        Extracted((Block(BlockKind.QUOTE, "We must act now on every front, the minister said."),))
    )
    assert recommendations(analyse(article)) == ()


def test_numbers_that_label_parts_of_a_document_are_not_figures() -> None:
    text = (
        "Table 5 lists examples of memorials built since 2001. Section 3 requires two "
        "hearings. Some 5,000 French forces are deployed, and the program costs $4.2 million."
    )
    article = _paragraph(text)
    found = [f.text for f in figures(analyse(article))]
    assert "5,000 French forces" in found
    assert "$4.2 million" in found
    assert not any(f.startswith(("5 lists", "3 requires")) for f in found)


def test_a_count_stops_at_the_verb_after_its_plural() -> None:
    assert _kinds("Each of the 2,000 pieces bears the characters of the team.") == [
        ("count", "2,000 pieces")
    ]
    assert _kinds("About 20 news organizations reported the launch.") == [
        ("count", "20 news organizations")
    ]


def test_captions_and_chrome_give_no_figures() -> None:
    assert (
        _kinds("Scroll down for video Flying high: the 200-metre kite weighs 200 kilograms") == []
    )
    assert _kinds("Source: CRS analysis of 2,400 filings.") == []


def test_table_rows_give_no_figures() -> None:
    # A cell's number counts what only the column header names.
    assert figures(analyse(_paragraph("2024 | $900 | 2,000 facilities"))) == ()
    prose = figures(analyse(_paragraph("The charge is $900 a ton in 2024.")))
    assert [f.text for f in prose][:1] == ["$900"]


def test_conditionals_and_examples_are_not_recommendations() -> None:
    text = (
        "One study considered the effects on emissions should Bitcoin replace cash. "
        "Another example is Texas, which must now forecast the load of mining sites. "
        "Congress should require utilities to report the load of mining sites."
    )
    assert _recommended(text) == [
        "Congress should require utilities to report the load of mining sites."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In his exam conducted in 2018, Trump was told to diet.", [("date", "2018")]),
        ("At the time of his 2018 physical, the doctor spoke.", [("date", "2018")]),
        ("He has made more than 13,000 false or misleading claims.", []),
        ("The plant makes 500 MW of power.", [("count", "500 MW")]),
        ("He lives at 10 Downing Street.", []),
    ],
)  # fmt: skip
def test_a_count_counts_a_plural_or_collective_noun(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _kinds(text) == expected


def test_other_languages_end_the_counted_phrase_at_their_stop_words() -> None:
    text = "Le séisme a fait 500 morts et touche le pays."
    article = _paragraph(text)
    counts = [f.text for f in figures(analyse(article, "french")) if f.kind == "count"]
    assert counts == ["500 morts"]
