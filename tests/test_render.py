"""The card: one page whatever the article, escaped, sealed, reproducible."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

import briefer
from briefer import Briefing
from briefer.render import FIT_LADDER, render_card, render_html, render_markdown
from briefer.schema import Excerpt, Figure, Generator, KeyArgument, Provenance, Quote, SourceInfo

from .conftest import SAMPLE_TXT

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _pdf(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def sample(sample_briefings: dict[str, Any]) -> Briefing:
    briefing: Briefing = sample_briefings[".md"][1]
    return briefing


def test_sample_card_is_one_page_with_pdf_metadata(sample: Briefing) -> None:
    card = render_card(sample)
    reader = _pdf(card.pdf)
    assert len(reader.pages) == 1
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Revitalizing Alliances to Counter Terrorism"
    assert meta.author == "Matthew Levitt"
    assert sample.keywords[0] in str(meta.get("/Keywords"))
    text = reader.pages[0].extract_text()
    assert "Revitalizing Alliances" in text
    assert "Bottom line".upper() in text.upper()
    # Letter by default: 8.5 x 11 in.
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a4_on_request(sample: Briefing) -> None:
    card = render_card(sample, options=briefer.Options(page_size="a4"))
    box = _pdf(card.pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def _words(n: int) -> str:
    """The sample article's first paragraphs, cut after the sentence that reaches ``n`` words."""
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    words = text.split(" ")
    cut = len(" ".join(words[:n]))
    return text[: text.index(". ", cut) + 1]


def _long_report(target_words: int) -> str:
    """A long report: the sample's paragraphs under numbered section headings, repeated."""
    paragraphs = SAMPLE_TXT.read_text(encoding="utf-8").split("\n\n")[:-1]
    parts, count, section = [], 0, 1
    while count < target_words:
        parts.append(f"## Part {section}: Alliances and counterterrorism")
        for para in paragraphs:
            parts.append(para)
            count += len(para.split())
        section += 1
    return "\n\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("words", [150, 20_000])
def test_one_page_from_150_to_20000_words(words: int) -> None:
    text = _words(words) if words < 1000 else _long_report(words)
    briefing = briefer.brief(text)
    assert words <= briefing.source.word_count < words * 1.25
    card = render_card(briefing)
    assert len(_pdf(card.pdf).pages) == 1
    assert card.pages == 1


def _sentence(n: int, seed: str) -> str:
    return " ".join([seed.capitalize(), *[f"{seed}{i}" for i in range(n - 2)], "end."])


def _dense_briefing() -> Briefing:
    """Every list full and every sentence at the card's length limits."""
    from briefer.assemble import MAX_CARD_WORDS
    from briefer.render.fit import MAX_QUOTE_WORDS

    def ex(seed: str, n: int = MAX_CARD_WORDS) -> Excerpt:
        text = _sentence(n, seed)
        return Excerpt(text=text, provenance=Provenance(paragraph=0, start=0, end=len(text)))

    prov = Provenance(paragraph=0, start=0, end=1)
    return Briefing(
        source=SourceInfo(
            title="T" * 400,
            subtitle="S " * 300,
            authors=["Ann Author", "Ben Writer", "Cy Third"],
            published=dt.date(2024, 1, 31),
            publisher="P" * 200,
            url="https://example.org/" + "x" * 300,
            sha256="0" * 64,
            word_count=20000,
            reading_minutes=84,
        ),
        bottom_line=ex("bottom"),
        key_arguments=[
            KeyArgument(label=f"label {i}", claim=ex(f"claim{i}"), support=[ex("sa"), ex("sb")])
            for i in range(5)
        ],
        quotes=[
            Quote(
                text=_sentence(MAX_QUOTE_WORDS, "q"),
                speaker="A Speaker",
                role="R" * 80,
                provenance=prov,
            )
            for _ in range(6)
        ],
        figures=[
            Figure(value="1,000,000 people", provenance=prov, context=ex("fig")) for _ in range(6)
        ],
        recommendations=[ex("rec") for _ in range(3)],
        keywords=["keyword phrase"] * 8,
        generator=Generator(version="0", algorithm="auto"),
    )


@pytest.mark.slow
def test_densest_possible_briefing_still_fits_one_page() -> None:
    card = render_card(_dense_briefing())
    assert len(_pdf(card.pdf).pages) == 1
    assert card.fit != FIT_LADDER[0]


def test_article_text_is_escaped(sample: Briefing) -> None:
    hostile = sample.model_copy(
        update={
            "source": sample.source.model_copy(
                update={"title": "<script>alert(1)</script> {{ 7*7 }} {% if x %}"}
            ),
            "keywords": ["<b>bold</b>", *sample.keywords],
        }
    )
    html = render_html(hostile)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html
    assert "{% if x %}" in html
    assert "<b>bold</b>" not in html
    md = render_markdown(hostile)
    assert "<script>" not in md


def test_markdown_output_lists_every_section(sample: Briefing) -> None:
    md = render_markdown(sample)
    for heading in ("## Key arguments", "## In their words", "## By the numbers", "Bottom line"):
        assert heading in md
    assert md.count("[¶") >= len(sample.excerpts()) // 2


def test_rendering_is_sealed_even_with_a_hostile_template(
    sample: Briefing, tmp_path: Path, loopback: tuple[str, list[str]]
) -> None:
    url, hits = loopback
    canary = tmp_path / "canary.css"
    canary.write_text("/* CANARY-7f3a */ body::after { content: 'CANARY-7f3a'; }")
    templates = tmp_path / "templates"
    templates.mkdir()
    override = (
        f'<link rel="stylesheet" href="{url}/net.css">'
        f'<link rel="stylesheet" href="{canary.as_uri()}">'
        '<img src="file:///etc/passwd">'
        f"<style>@import url({url}/import.css); body {{ background: url({url}/bg.png) }}</style>"
    )
    base = (briefer.render.templates_dir() / "card.html.j2").read_text()
    (templates / "card.html.j2").write_text(base.replace("<body>", "<body>" + override))
    card = render_card(sample, options=briefer.Options(template_dir=templates))
    assert hits == []
    assert b"CANARY-7f3a" not in card.pdf
    assert "CANARY-7f3a" not in _pdf(card.pdf).pages[0].extract_text()
    assert "root:" not in _pdf(card.pdf).pages[0].extract_text()


def test_pdf_is_byte_identical_with_source_date_epoch(
    sample: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render_card(sample).pdf == render_card(sample).pdf
