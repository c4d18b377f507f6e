"""Property tests over the whole pipeline: any text or bytes give a valid briefing or a
``BrieferError``, never anything else; every provenance span points at its text; no card
has more than one page. ``bench/fuzz.py`` runs the same properties at scale."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import briefer
from briefer.errors import BrieferError
from briefer.pipeline import brief_article

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

_WORDS = [
    "the",
    "committee",
    "approved",
    "budget",
    "after",
    "debate",
    "critics",
    "argued",
    "plan",
    "would",
    "cost",
    "billion",
    "years",
    "supporters",
    "said",
    "investment",
    "overdue",
    "Mr.",
    "Dr.",
    "U.S.",
    "e.g.",
    "4.5%",
    "$12",
    "2024",
    "«quoted»",
    "“she",
    "said”",
    "—",
    "…",
    "委员会",
    "批准",
    "预算",
    "اللجنة",
    "الميزانية",
    "הוועדה",
    "समिति",
    "Комитет",
    "{{",
    "x",
    "}}",
    "{%",
    "if",
    "%}",
    "<b>",
    "</p>",
    "<script>",
    "&",
    ";",
    "url(http://127.0.0.1/)",
    "file:///etc/passwd",
    "\\",
    "`",
    "*",
    "#",
    "|",
    "¶",
]
_SEPARATORS = (" ", " ", " ", ". ", "! ", "? ", "。", "। ", "\n", "\n\n", ", ", ": ", "\t", "")

#: Text that looks like prose often enough to reach ranking and rendering.
prose = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), min_size=1, max_size=300
).map(lambda parts: "".join(w + s for w, s in parts))
#: Anything at all, control characters and lone surrogates included.
anything = st.text(st.characters(codec=None), max_size=2000)
texts = st.one_of(prose, anything, st.builds(lambda a, b: a + b, prose, anything))

SUFFIXES = (".txt", ".md", ".html", ".pdf", ".docx", ".bin", "")


def check(briefing: briefer.Briefing, article: briefer.Article) -> None:
    """The properties every briefing has."""
    assert isinstance(briefing, briefer.Briefing)
    for text, where in briefing.excerpts():
        assert article.text[where.start : where.end] == text
        assert 0 <= where.paragraph < len(article.paragraphs)
    assert briefer.Briefing.model_validate_json(briefing.model_dump_json()) == briefing


def brief_or_error(source: Path | str | bytes) -> tuple[briefer.Briefing, briefer.Article] | None:
    """Brief ``source``; None for a clean ``BrieferError``; anything else propagates."""
    try:
        article = briefer.read_article(source)
        return brief_article(article), article
    except BrieferError as exc:
        message = str(exc)
    assert message.strip()
    assert "\n" not in message  # the CLI prints it as one line
    return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_a_briefing_or_a_briefer_error(text: str) -> None:
    result = brief_or_error(text)
    if result is not None:
        check(*result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.binary(max_size=4000), texts.map(lambda t: t.encode("utf-8", "replace"))),
    st.sampled_from(SUFFIXES),
)
def test_any_bytes_in_any_file_give_a_briefing_or_a_briefer_error(raw: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(raw)
        result = brief_or_error(path)
    if result is not None:
        check(*result)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose)
def test_every_card_is_one_page(text: str) -> None:
    result = brief_or_error(text)
    if result is None:
        return
    pdf = briefer.render_pdf(result[0])
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    briefer.render_markdown(result[0])
