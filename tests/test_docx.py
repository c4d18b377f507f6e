"""The card as a Word document: real Word structure, one page, reproducible bytes."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from briefer.cli import main
from briefer.render.docx import render_docx
from briefer.render.fit import card_quotes
from tests.conftest import SAMPLE_MD


@pytest.fixture(scope="module")
def sample() -> Any:
    import briefer

    return briefer.brief(SAMPLE_MD)


def _open(data: bytes) -> Any:
    from docx import Document

    return Document(io.BytesIO(data))


def test_docx_has_headings_numbered_arguments_quotes_and_properties(sample: Any) -> None:
    doc = _open(render_docx(sample))
    by_style: dict[str, list[str]] = {}
    for p in doc.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Title"] == [sample.source.title]
    assert {"Bottom line", "Key arguments", "By the numbers", "In their words"} <= set(
        by_style["Heading 1"]
    )
    labels = by_style["Heading 2"]
    assert labels[0].startswith("1. ")
    assert labels[0].endswith(sample.key_arguments[0].label)
    quotes = by_style["Quote"]
    assert quotes
    first = card_quotes(sample.quotes)[0]  # the card's order: attributed, longer first
    assert quotes[0].startswith("“" + first.text)
    assert first.speaker
    assert any(first.speaker in t for t in by_style["Byline"])
    text = "\n".join(p.text for p in doc.paragraphs)
    assert sample.bottom_line.text in text
    assert "¶" in text
    assert "Source:" in text
    for figure in sample.figures[:2]:
        assert figure.value in text
    props = doc.core_properties
    assert props.title == sample.source.title
    assert props.author == ", ".join(sample.source.authors)
    assert props.keywords == ", ".join(sample.keywords)
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_docx_is_byte_identical_with_source_date_epoch(
    sample: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render_docx(sample)
    assert render_docx(sample) == first
    assert _open(first).core_properties.created.year == 2023


def test_brief_and_batch_write_docx(tmp_path: Path) -> None:
    assert main(["brief", str(SAMPLE_MD), "-o", str(tmp_path / "a"), "--format", "docx"]) == 0
    assert _open((tmp_path / "a" / "revitalizing-alliances.docx").read_bytes()).paragraphs
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "s.md").write_bytes(SAMPLE_MD.read_bytes())
    code = main(["batch", str(folder), "-o", str(tmp_path / "b"), "-f", "docx", "-j", "1"])
    assert code == 0
    assert (tmp_path / "b" / "s.docx").is_file()


def test_docx_converts_to_one_page_with_libreoffice(sample: Any, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    from pypdf import PdfReader

    source = tmp_path / "card.docx"
    source.write_bytes(render_docx(sample))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = PdfReader(tmp_path / "card.pdf")
    assert len(pdf.pages) == 1
    assert sample.source.title in pdf.pages[0].extract_text()
