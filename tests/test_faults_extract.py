"""Issue 17, extraction: patterns that rescanned the text from every start (quadratic
time on adversarial input), and pages that one stray character reference or one huge
attribute emptied.

Timing tests compare the time at n and 2n (a ratio, not an absolute time): linear code
takes about twice as long, quadratic code four times.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

import briefer
from briefer.extract._common import is_caption
from briefer.extract._jsonld import jsonld_metadata
from briefer.extract.html import _byline, _drop_note_marks, _flatten_deep, _title
from briefer.extract.markdown import parse_blocks

# A run this long is timed reliably (min of a few runs); shorter ones are dominated by noise.
MIN_SECONDS = 0.1
# Sizes stop growing here: quadratic code would take minutes at this size, so a function
# still under MIN_SECONDS is linear for any practical purpose.
MAX_SIZE = 1 << 23
MAX_GROWTH = 3.0


def _seconds(fn: Callable[[Any], object], value: Any, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(value)
        best = min(best, time.perf_counter() - start)
    return best


def growth(fn: Callable[[Any], object], make: Callable[[int], Any]) -> float:
    """Time at 2n over time at n, for the first n (doubling from 1,000) that takes
    MIN_SECONDS; 1.0 if even MAX_SIZE runs faster than that. A ratio over MAX_GROWTH is
    measured once more (a pause of the machine can double one run; quadratic code is
    four times slower every time)."""
    size = 1000
    while _seconds(fn, make(size)) < MIN_SECONDS:
        if size >= MAX_SIZE:
            return 1.0
        size *= 2
    small, large = make(size), make(2 * size)
    ratio = _seconds(fn, large) / _seconds(fn, small)
    return ratio if ratio <= MAX_GROWTH else _seconds(fn, large) / _seconds(fn, small)


ADVERSARIAL: dict[str, tuple[Callable[[Any], object], Callable[[int], Any]]] = {
    # A byline element whose tags are never closed: every "<p" rescanned the rest.
    "byline tag left open": (
        _byline,
        lambda n: '<div class="byline">By Ana ' + '<p class="author" ' * (n // 18),
    ),
    "byline value left open": (
        _byline,
        lambda n: '<span class="' + "author " * (n // 7) + ">",
    ),
    "sup left open": (_drop_note_marks, lambda n: "<sup>1 " * (n // 7)),
    "sup tags without end": (_drop_note_marks, lambda n: "<sup " * (n // 5) + "</sup>"),
    "h1 left open": (lambda html: _title(None, html, []), lambda n: "<h1>x " * (n // 6)),
    "h1 full of <": (lambda html: _title(None, html, []), lambda n: "<h1>" + "<" * n + "</h1>"),
    "tags without end": (_flatten_deep, lambda n: "<a" * (n // 2)),
    "markdown run of spaces": (parse_blocks, lambda n: "Some text" + " " * n + "more text.\n"),
    "markdown run of tabs": (parse_blocks, lambda n: "Some text" + "\t " * (n // 2) + "x(**\n"),
    "photo credits": (is_caption, lambda n: "photo by Ana " * (n // 13) + "."),
    # JSON-LD: script tags that never close, or never end their attributes.
    "json-ld scripts left open": (
        jsonld_metadata,
        lambda n: '<script type="application/ld+json">{}' * (n // 40),
    ),
    "json-ld tags without end": (jsonld_metadata, lambda n: "<script " * (n // 8)),
}


@pytest.mark.parametrize("case", sorted(ADVERSARIAL))
def test_time_grows_linearly_on_adversarial_input(case: str) -> None:
    fn, make = ADVERSARIAL[case]
    assert growth(fn, make) <= MAX_GROWTH


PARAGRAPHS = [
    "The city council voted on Tuesday to fund the new bridge over the river, ending two "
    "years of debate about its cost, its route and the homes that stand in its way.",
    "Supporters said the crossing would cut commutes by twenty minutes and bring shops "
    "back to the old market district, which lost half its trade when the ferry closed.",
    "Opponents warned that the budget leaves no room for delays, and that the last two "
    "public projects in the city each ran more than a year late and a third over budget.",
    "The mayor said construction would begin in the spring, with the first lanes open to "
    "traffic within three years, and promised a public report on the costs every quarter.",
    "Residents of the riverside streets will be offered new homes in the same district, "
    "the council said, and a fund will pay for the businesses that must move.",
]


def _page(inside: str = "", head: str = "") -> bytes:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Council funds the bridge</title>"
        f"{head}</head><body><article><h1>Council funds the bridge</h1>{inside}{body}"
        "</article></body></html>"
    ).encode()


def _reads_the_article(page: bytes) -> str:
    text = briefer.read_article(page).text
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    return text


@pytest.mark.parametrize("reference", ["&#1;", "&#x1F;", "&#xFFFE;", "&#65535;", "&#8", "&#x0b;"])
def test_a_stray_character_reference_does_not_empty_the_page(reference: str) -> None:
    text = _reads_the_article(_page(f"<p>A note {reference} on the vote.</p>"))
    assert "A note on the vote." in text


def test_valid_character_references_still_read() -> None:
    text = _reads_the_article(_page("<p>Caf&#233; &#x2014; &#8220;open&#8221; &#9;now.</p>"))
    assert "Café — “open” now." in text


@pytest.mark.parametrize(
    "blob",
    [
        "<img alt='a map' src='data:image/png;base64,{}'>",
        '<div style="background: url(data:image/png;base64,{})"></div>',
        "<img src=data:image/png;base64,{}>",
    ],
)
def test_a_ten_megabyte_attribute_does_not_empty_the_page(blob: str) -> None:
    _reads_the_article(_page(blob.format("QUJD" * (11 * 2**20 // 4))))


def test_a_ten_megabyte_inline_script_does_not_empty_the_page() -> None:
    _reads_the_article(_page(head=f"<script>var image = '{'QUJD' * (11 * 2**20 // 4)}';</script>"))
