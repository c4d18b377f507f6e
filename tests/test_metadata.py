"""Tests for briefer.extract.metadata: the fill-only-if-missing cascade and normalisation."""

from __future__ import annotations

import datetime as dt

import pytest

from briefer.extract.metadata import merge, parse_authors, parse_date, publisher_from_bio
from briefer.model import Metadata
from briefer.nlp.language import detect_language


def test_merge_fills_only_missing_fields() -> None:
    first = Metadata(title="From meta tags", authors=())
    second = Metadata(title="From h1", authors=("Jane Doe",), language="en")
    third = Metadata(subtitle="", published=dt.date(2020, 1, 2), language="fr")
    merged = merge(first, second, third)
    assert merged == Metadata(
        title="From meta tags",
        authors=("Jane Doe",),
        published=dt.date(2020, 1, 2),
        language="en",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-03-24", dt.date(2021, 3, 24)),
        ("2021-03-24T10:52:50+0100", dt.date(2021, 3, 24)),
        ("Mar 24, 2021", dt.date(2021, 3, 24)),
        ("March 24th, 2021", dt.date(2021, 3, 24)),
        ("24 March 2021", dt.date(2021, 3, 24)),
        ("Sept. 3, 2019", dt.date(2019, 9, 3)),
        ("04/13/2026", dt.date(2026, 4, 13)),
        ("Updated April 13, 2026", dt.date(2026, 4, 13)),
        ("Published: 1 May 2020", dt.date(2020, 5, 1)),
        ("February 30, 2021", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date_whole_line(text: str, expected: dt.date | None) -> None:
    assert parse_date(text, whole=True) == expected


def test_whole_line_rejects_sentences() -> None:
    sentence = "On March 24, 2021 the committee met."
    assert parse_date(sentence, whole=True) is None
    assert parse_date(sentence) == dt.date(2021, 3, 24)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("by Matthew Levitt", ("Matthew Levitt",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("Jane Doe, John Roe and Ann Lee", ("Jane Doe", "John Roe", "Ann Lee")),
        ("Buffie, Nicholas E.", ("Nicholas E. Buffie",)),
        ("Gallo, Marcy E.; Sekar, Kavya", ("Marcy E. Gallo", "Kavya Sekar")),
        ("Matthew Levitt, Senior Fellow", ("Matthew Levitt",)),
        ("By Hazel Sheffield (@hazelsheffield)", ("Hazel Sheffield",)),
        ("Staff reporter", ()),
        (None, ()),
    ],
)
def test_parse_authors(byline: str | None, names: tuple[str, ...]) -> None:
    assert parse_authors(byline) == names


def test_publisher_from_bio() -> None:
    bio = "Jane Doe is a senior fellow at The Delta Policy Center. She writes on water."
    assert publisher_from_bio(bio) == "The Delta Policy Center"
    assert publisher_from_bio("Jane Doe lives in Paris.") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The committee met on Tuesday and it was agreed that the budget would be cut.", "en"),
        ("Le comité s'est réuni mardi et il a été convenu que le budget serait réduit.", "fr"),
        ("Der Ausschuss hat sich am Dienstag getroffen und es wurde beschlossen, dass das", "de"),
        ("El comité se reunió el martes y se acordó que el presupuesto sería recortado.", "es"),
        ("委员会星期二开会，同意削减预算。", "zh"),
        ("委員会は火曜日に会合を開き、予算を削減することに合意した。", "ja"),
        ("1234 5678", None),
    ],
)
def test_detect_language(text: str, code: str | None) -> None:
    assert detect_language(text) == code


def test_null_dates_are_no_dates() -> None:
    # USA Today's JSON-LD says "0001-01-01T00:00:00Z"; epochs are null timestamps.
    assert parse_date("0001-01-01T00:00:00Z") is None
    assert parse_date("1970-01-01") is None
    assert parse_date("1900-01-01") is None
    assert parse_date("1970-01-02") == dt.date(1970, 1, 2)
