"""The book as one PDF: front matter, then every card's page as it was rendered (pypdf).

Cards are rendered once, by whoever briefs them (the batch's workers), and their pages are
copied in unchanged: merging costs a fraction of laying out one long document. The book
adds what belongs to it alone: links from the front matter, an outline (groups and their
cards), a page number on each card page and the document's metadata. The card's page
number is an annotation with its own appearance, drawn in the bottom margin, so the card's
content stream, and its text, stay exactly what ``brief`` wrote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from briefer._version import __version__
from briefer.book.front import Front, card_pages
from briefer.book.model import Plan
from briefer.errors import RenderError


class _Writer(PdfWriter):
    """A writer whose file identifier is a hash of the content, not random bytes."""

    fixed_id = b""

    def generate_file_identifiers(self) -> None:
        ident = ByteStringObject(self.fixed_id or os.urandom(16))
        self._ID = ArrayObject((ident, ident))


def assemble(plan: Plan, front: Front) -> bytes:
    """Front pages, then the cards in book order, with links, outline, numbers, metadata."""
    writer = _Writer()
    for page in PdfReader(io.BytesIO(front.pdf)).pages:
        writer.add_page(page)
    pages = card_pages(plan, front.pages)
    for index in plan.order:
        card = PdfReader(io.BytesIO(plan.entries[index].card))
        if len(card.pages) != 1:
            raise RenderError(f"the card of {plan.entries[index].key} is not one page")
        page = writer.add_page(card.pages[0])
        _number(writer, page, pages[index])
    for jump in front.jumps:
        writer.add_annotation(jump.page, Link(rect=jump.rect, target_page_index=jump.target))
    _outline(writer, plan, front, pages)
    _metadata(writer, plan)
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.fixed_id = hashlib.md5(
        b"".join(e.card for e in plan.entries) + front.pdf, usedforsecurity=False
    ).digest()
    writer.write(buffer)
    return buffer.getvalue()


def _outline(writer: PdfWriter, plan: Plan, front: Front, pages: dict[int, int]) -> None:
    writer.add_outline_item(title="At a glance", page_number=0)
    for group in plan.groups:
        first = pages[group.members[0]] - 1
        parent = writer.add_outline_item(title=group.name, page_number=first, bold=True)
        for i in group.members:
            src = plan.entries[i].briefing.source
            title = src.title or "Untitled article"
            if plan.duplicate_of(i) is not None:
                title = f"{title} (also reported)"
            writer.add_outline_item(title=title, page_number=pages[i] - 1, parent=parent)
    if plan.skipped and "not-included" in front.anchors:
        writer.add_outline_item(title="Not included", page_number=front.anchors["not-included"])


def _number(writer: PdfWriter, page: Any, number: int) -> None:
    """A printed page number in the bottom-right margin, outside the card's content."""
    width = float(page.mediabox.width)
    label = str(number).encode("ascii")
    box = (width - 60.0, 14.0, width - 30.0, 28.0)
    text_width = 4.4 * len(label)  # Helvetica-Bold digits are 0.556 em at 8 pt
    stream = DecodedStreamObject()
    stream.set_data(
        b"BT /HeBo 8 Tf 0.333 0.376 0.431 rg %.2f 4 Td (%s) Tj ET" % (30 - text_width, label)
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica-Bold"),
        }
    )
    stream.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in (0, 0, 30, 14)]),
            NameObject("/Resources"): DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject("/HeBo"): font})}
            ),
        }
    )
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Stamp"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in box]),
            NameObject("/Contents"): TextStringObject(f"Page {number}"),
            NameObject("/F"): NumberObject(4 | 128),  # print, locked
            NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(stream)}),
        }
    )
    page_number = len(writer.pages) - 1
    writer.add_annotation(page_number, annotation)


def _metadata(writer: PdfWriter, plan: Plan) -> None:
    keywords = []
    for group in plan.groups:
        keywords += [k.strip() for k in group.name.split("·")]
    when = _pdf_date()
    writer.add_metadata(
        {
            "/Title": plan.title,
            "/Author": "briefer",
            "/Subject": f"{len(plan.entries)} articles briefed on {plan.date.isoformat()}",
            "/Keywords": ", ".join(dict.fromkeys(k for k in keywords if k)),
            "/Creator": f"briefer {__version__}",
            "/Producer": f"briefer {__version__} (WeasyPrint, pypdf)",
            "/CreationDate": when,
            "/ModDate": when,
        }
    )


def _pdf_date() -> str:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (
        dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
        if raw.strip().isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return when.strftime("D:%Y%m%d%H%M%SZ")
