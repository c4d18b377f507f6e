"""Tests for DOCX extraction, on documents built with python-docx."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from briefer.errors import ExtractionError
from briefer.extract import extract
from briefer.ingest import read_source
from briefer.model import BlockKind, Format


def make_docx() -> bytes:
    document = docx.Document()
    document.core_properties.author = "Doe, Jane; Roe, John"
    document.core_properties.created = dt.datetime(2023, 6, 5, 9, 0)
    document.core_properties.keywords = "water, treaties"
    document.add_paragraph("Rivers Without Borders", style="Title")
    document.add_paragraph("Why shared rivers need shared rules.", style="Subtitle")
    document.add_heading("Background", level=1)
    document.add_paragraph("Twenty countries share the basin and its treaty is old.")
    document.add_paragraph("Water does not stop at a border.", style="Quote")
    document.add_paragraph("Publish gauge data daily.", style="List Bullet")
    document.add_paragraph(
        "Figure 1: the basin. Photo by Jane Roe via Getty Images", style="Caption"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_structure_and_metadata() -> None:
    source = read_source(make_docx(), name="memo")
    assert source.fmt is Format.DOCX
    extracted = extract(source)
    assert [(b.kind, b.level, b.text) for b in extracted.blocks] == [
        (BlockKind.HEADING, 1, "Background"),
        (BlockKind.PARAGRAPH, 0, "Twenty countries share the basin and its treaty is old."),
        (BlockKind.QUOTE, 0, "Water does not stop at a border."),
        (BlockKind.LIST_ITEM, 0, "Publish gauge data daily."),
    ]
    meta = extracted.metadata
    assert meta.title == "Rivers Without Borders"
    assert meta.subtitle == "Why shared rivers need shared rules."
    assert meta.authors == ("Jane Doe", "John Roe")
    assert meta.published == dt.date(2023, 6, 5)
    assert meta.topics == ("water", "treaties")


def test_empty_docx() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(ExtractionError, match=r"empty\.docx: no article text found"):
        extract(read_source(buffer.getvalue(), name="empty.docx"))
