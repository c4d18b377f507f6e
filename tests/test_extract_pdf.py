"""Tests for PDF extraction, on small PDFs built here (Helvetica text, no fonts embedded)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefer.errors import ExtractionError
from briefer.extract import extract
from briefer.ingest import read_source
from briefer.model import Format

HEADER = "Delta Policy Center Working Paper"


def make_pdf(
    pages: list[list[str]], title: str = "Rivers Report", author: str = "Jane Doe"
) -> bytes:
    """A minimal PDF: one text line per entry, 14 pt apart, plus document info."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for lines in pages:
        ops = (
            "BT /F1 10 Tf 72 760 Td 14 TL "
            + " ".join("(" + line.replace("(", r"\(").replace(")", r"\)") + ") '" for line in lines)
            + " ET"
        )
        stream = ops.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
            b">> >> >> >>" % content
        )
        kids.append(len(objects))
    refs = " ".join(f"{k} 0 R" for k in kids).encode()
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    info = f"<< /Title ({title}) /Author ({author}) /CreationDate (D:20230605120000Z) >>"
    objects.append(info.encode("latin-1"))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)


PAGE_1 = [
    HEADER,
    "Twenty countries share the basin, and the treaty that governs it was",
    "written for a different climate. Negotiators now admit that the rules",
    "no longer fit the river.",
    "Upstream states have resisted any duty to share data with their neigh-",
    "bours, and downstream states have been slow to fund monitoring stations",
    "1",
]
PAGE_2 = [
    HEADER,
    "The secretariat would publish gauge data within a day of collection and",
    "would be paid for by every state in the basin according to its use.",
    "2",
]
PAGE_3 = [HEADER, "It is time to act on these proposals before the next drought.", "3"]


def test_pdf_paragraphs_and_metadata() -> None:
    source = read_source(make_pdf([PAGE_1, PAGE_2, PAGE_3]), name="report.pdf")
    assert source.fmt is Format.PDF
    extracted = extract(source)
    texts = [b.text for b in extracted.blocks]
    assert texts[0].startswith("Twenty countries share the basin, and the treaty")
    assert texts[0].endswith("no longer fit the river.")
    assert "with their neighbours, and downstream" in texts[1]
    assert "monitoring stations The secretariat would publish" in texts[1]
    assert all(HEADER not in t for t in texts)
    assert not any(t.strip().isdigit() for t in texts)
    assert extracted.metadata.title == "Rivers Report"
    assert extracted.metadata.authors == ("Jane Doe",)
    assert extracted.metadata.published == dt.date(2023, 6, 5)


def test_pdf_without_text_layer() -> None:
    with pytest.raises(ExtractionError, match=r"scan\.pdf: no text layer found"):
        extract(read_source(make_pdf([[]]), name="scan.pdf"))


def test_truncated_pdf() -> None:
    with pytest.raises(ExtractionError, match=r"cut\.pdf: "):
        extract(read_source(b"%PDF-1.4\n1 0 obj\n<<", name="cut.pdf"))


def test_superscripts_read_as_superscripts() -> None:
    # A PDF as a browser or WeasyPrint prints it: footnote marks are raised, smaller runs.
    import weasyprint

    html = (
        "<p style='font-size: 11pt'>Congress created the charge in 2022<sup>2</sup> and the "
        "agency wrote rules<sup>3</sup> for it in the 119<sup>th</sup> Congress. It covers "
        "500 km<sup>2</sup> of leases and rose 6%.<sup>14</sup> It is the first federal fee "
        "on emissions of its kind.</p>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    text = " ".join(b.text for b in extract(read_source(pdf, name="notes.pdf")).blocks)
    assert text == (
        "Congress created the charge in 2022 and the agency wrote rules for it in the 119th "
        "Congress. It covers 500 km\u00b2 of leases and rose 6%. It is the first federal fee "
        "on emissions of its kind."
    )


def test_headings_come_from_the_type() -> None:
    # Larger or bold lines are headings, even right under another heading or wrapped.
    import weasyprint

    body = "<p>Methane is the second-most-prevalent greenhouse gas emitted in the country.</p>"
    html = (
        "<body style='font-size: 11pt; width: 14cm'><h1>The Methane Charge</h1>"
        "<h2>Inflation Reduction Act Methane Emissions Charge</h2><h3>Scope</h3>"
        f"{body}<h2>Estimated Effects of the Charge from the Agency's 2024 Regulatory "
        f"Impact Analysis of the Final Rule</h2>{body}"
        "<p><b>Considerations for Policymakers</b></p>"
        f"{body}</body>"
    )
    extracted = extract(read_source(weasyprint.HTML(string=html).write_pdf(), name="r.pdf"))
    assert extracted.metadata.title == "The Methane Charge"
    blocks = extracted.blocks
    headings = [b.text for b in blocks if b.kind.value == "heading"]
    assert headings == [
        "Inflation Reduction Act Methane Emissions Charge",
        "Scope",
        "Estimated Effects of the Charge from the Agency's 2024 Regulatory Impact Analysis "
        "of the Final Rule",
        "Considerations for Policymakers",
    ]
    assert [b.text for b in blocks if b.kind.value == "paragraph"] == [body[3:-4]] * 3
