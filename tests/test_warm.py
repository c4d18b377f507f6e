"""The fonts and stylesheet a thread keeps between cards (``briefer.render.warm``): nothing
written to the temp folder, the same PDF whatever was rendered before, and a card laid out
first and written later (the editor's way) is the same PDF as one rendered at once."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

import briefer
from briefer._resources import FontFace
from briefer.errors import RenderError
from briefer.render import card_pdf, fit_card, render_card, warm
from briefer.schema import Briefing

from .conftest import SAMPLE_MD
from .test_hostile import LANGUAGES

T = TypeVar("T")


def _in_new_thread(work: Callable[[], T]) -> T:
    """``work`` run in a thread of its own, which starts with nothing kept."""
    result: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # re-raised in the test's thread
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    if errors:
        raise errors[0]
    return result[0]


@pytest.fixture(scope="module")
def scripts() -> list[Briefing]:
    """Briefings of articles in Arabic and Chinese: cards that need fallback faces."""
    texts = {code: text for code, text, *_ in LANGUAGES}
    return [briefer.brief("\n\n".join([texts[code] * 3] * 4)) for code in ("ar", "zh")]


@pytest.fixture(scope="module")
def sample() -> Briefing:
    return briefer.brief(SAMPLE_MD)


def test_cards_write_nothing_to_the_temp_folder(
    sample: Briefing, scripts: list[Briefing], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A temp folder that does not exist: anything that tries to write there fails. (An
    # @font-face makes WeasyPrint copy the font file there; registered in place, none is.)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    pdfs = _in_new_thread(lambda: [render_card(b).pdf for b in [sample, *scripts]])
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs)
    assert not (tmp_path / "missing").exists()


def test_a_card_is_the_same_pdf_whatever_came_before(
    sample: Briefing, scripts: list[Briefing], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    alone = _in_new_thread(lambda: render_card(sample).pdf)

    def after_other_scripts() -> bytes:
        for other in scripts:
            render_card(other)  # their fallback faces must not reach the next card
        return render_card(sample).pdf

    assert _in_new_thread(after_other_scripts) == alone
    assert _in_new_thread(lambda: render_card(scripts[1]).pdf) == render_card(scripts[1]).pdf


def test_a_card_laid_out_first_and_written_later_is_the_same_pdf(
    sample: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    layout = fit_card(sample)
    assert len(layout.document.pages) == 1
    # Another process keeps only the HTML (the server's PDF job); it lays it out again.
    assert _in_new_thread(lambda: card_pdf(layout.html)) == render_card(sample).pdf


def test_html_that_does_not_fit_is_not_written_as_a_card(sample: Briefing) -> None:
    html = fit_card(sample).html
    long = html.replace("<body>", "<body>" + "<p>More text.</p>" * 400, 1)
    with pytest.raises(RenderError, match="pages; fit it first"):
        card_pdf(long)


def test_a_font_file_that_cannot_be_loaded_is_a_render_error(tmp_path: Path) -> None:
    broken = tmp_path / "Broken.ttf"
    broken.write_bytes(b"not a font")
    face = FontFace("Broken", broken.as_uri(), 400, "normal", broken)
    with pytest.raises(RenderError, match=r"could not be loaded; reinstall briefer"):
        warm.warm([face])


def test_a_weasyprint_without_its_font_configuration_is_a_render_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``warm`` reaches into WeasyPrint's ``FontConfiguration._config``; a WeasyPrint that
    keeps it elsewhere must say so in one line, not fail with an AttributeError."""
    from weasyprint.text import fonts

    class Elsewhere(fonts.FontConfiguration):
        def __init__(self) -> None:
            super().__init__()
            del self._config

    monkeypatch.setattr(fonts, "FontConfiguration", Elsewhere)
    with pytest.raises(RenderError, match=r"install the WeasyPrint version briefer was tested"):
        _in_new_thread(lambda: warm.warm([]))
