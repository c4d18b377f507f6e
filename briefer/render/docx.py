"""Briefing -> a one-page Word document (python-docx), the card's content in Word's own styles.

Word lays the page out itself, so the fit is estimated, not measured: the same ladder as
the PDF card (``fit.FIT_LADDER``: type size, then fewer items) with line counts from the
fonts' average widths, aiming well under the page so Word and LibreOffice, whose metrics
differ a little, both keep it to one page. Fonts are ones every Office install has and
LibreOffice replaces with metric-compatible Liberation faces, so the page breaks the same:
Times New Roman for text, Arial for headings (the card's serif text, sans headings).

The bytes are reproducible: core-property dates come from ``SOURCE_DATE_EPOCH`` (else
now) and the zip is rewritten with fixed member timestamps, which python-docx takes from
the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import zipfile
from typing import Any

from briefer.render.fit import FIT_LADDER, Fit, trim
from briefer.schema import Briefing, Excerpt

__all__ = ["render_docx"]

SERIF, SANS = "Times New Roman", "Arial"
INK, ACCENT, MUTED = "1C2430", "1F3A5F", "55606E"
# Letter with 0.6 in margins: text box in points.
MARGIN_IN = 0.6
TEXT_W, TEXT_H = (8.5 - 2 * MARGIN_IN) * 72, (11 - 2 * MARGIN_IN) * 72
# Word and LibreOffice disagree by a few percent on line breaks; leave room for both.
SAFETY = 0.9
EM = 0.46  # average advance of Times/Arial prose in em, with room for bold and wrapping
LEADING = 1.17


def _epoch() -> dt.datetime:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw and raw.strip().isdigit():
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


def _lines(text: str, size: float, width: float = TEXT_W) -> int:
    return max(1, math.ceil(len(text) * EM * size * 1.05 / width))


def _height(b: Briefing, size: float) -> float:
    """Estimated height in points of the document at body size ``size``."""
    line = size * LEADING
    h = _lines(b.source.title or "Untitled", size * 2) * size * 2 * 1.1 + 6
    h += 2 * line + 6  # kicker and byline
    if b.bottom_line:
        h += size * 1.4 + 8 + _lines(b.bottom_line.text, size * 1.05) * line * 1.05
    h += size * 1.4 + 8  # heading
    for arg in b.key_arguments:
        h += line + 2 + _lines(arg.claim.text, size) * line + 3
        h += sum(_lines(s.text, size * 0.92, TEXT_W - 36) * line * 0.92 + 2 for s in arg.support)
    sections = [b.figures, b.quotes, b.recommendations, b.keywords]
    h += sum(bool(s) for s in sections) * (size * 1.4 + 8)
    h += sum(_lines(f.value + " — " + f.context.text, size * 0.92) * line + 2 for f in b.figures)
    h += sum(_lines(q.text, size * 0.95, TEXT_W - 60) * line + line + 4 for q in b.quotes)
    h += sum(_lines(r.text, size) * line + 2 for r in b.recommendations)
    h += _lines(", ".join(b.keywords), size * 0.9) * line if b.keywords else 0
    return h + 4 * line + 8  # source footer


def _fit(briefing: Briefing) -> tuple[Briefing, Fit]:
    for fit in FIT_LADDER:
        trimmed = trim(briefing, fit)
        if _height(trimmed, fit.font_pt - 0.5) <= TEXT_H * SAFETY:
            return trimmed, fit
    return trim(briefing, FIT_LADDER[-1]), FIT_LADDER[-1]


def render_docx(briefing: Briefing) -> bytes:
    """The card as a .docx: headings, numbered arguments, quotes, figures, source line."""
    from docx import Document

    trimmed, fit = _fit(briefing)
    doc = Document()
    _setup(doc, fit.font_pt - 0.5)
    _write(doc, trimmed)
    _properties(doc, trimmed)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _setup(doc: Any, size: float) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Inches, Pt, RGBColor

    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(MARGIN_IN))
    styles = doc.styles
    _font(styles["Normal"], SERIF, size, INK)
    styles["Normal"].paragraph_format.space_after = Pt(2)
    styles["Normal"].paragraph_format.line_spacing = LEADING
    for name, scale, color in (("Title", 2.0, "12243D"), ("Heading 1", 1.05, ACCENT)):
        style = styles[name]
        _font(style, SANS, size * scale, color, bold=True)
        style.paragraph_format.space_before = Pt(8 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(2 if name != "Title" else 4)
    _font(styles["Heading 2"], SANS, size, INK, bold=True)
    styles["Heading 2"].font.all_caps = True  # as the card sets its argument labels
    styles["Heading 2"].paragraph_format.space_before = Pt(3)
    styles["Heading 2"].paragraph_format.space_after = Pt(0)
    styles["Heading 2"].paragraph_format.keep_with_next = True
    quote = styles["Quote"]
    _font(quote, SERIF, size * 0.95, INK, italic=True)
    quote.paragraph_format.left_indent = Inches(0.3)
    quote.paragraph_format.space_before = Pt(3)
    quote.paragraph_format.space_after = Pt(0)
    for name, style_size, italic in (("Support", size * 0.92, False), ("Byline", size, False)):
        custom = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        custom.base_style = styles["Normal"]
        _font(custom, SERIF if name == "Support" else SANS, style_size, MUTED, italic=italic)
    styles["Support"].paragraph_format.left_indent = Inches(0.5)
    styles["Byline"].font.color.rgb = RGBColor.from_string(MUTED)


def _font(style: Any, name: str, size: float, color: str, **flags: bool) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style.font
    font.name = name
    font.size = Pt(size)
    font.color.rgb = RGBColor.from_string(color)
    font.bold = flags.get("bold", False)
    font.italic = flags.get("italic", False)
    # Themes override ascii/hAnsi unless every script slot names the font explicitly.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _ref(paragraph: Any, excerpt_paragraph: int) -> None:
    run = paragraph.add_run(f" ¶{excerpt_paragraph + 1}")
    run.font.superscript = True
    run.font.color.rgb = _muted()


def _muted() -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string("7A8594")


def _excerpt(doc: Any, excerpt: Excerpt, style: str | None = None) -> Any:
    paragraph = doc.add_paragraph(excerpt.text, style=style)
    _ref(paragraph, excerpt.provenance.paragraph)
    return paragraph


def _write(doc: Any, b: Briefing) -> None:
    src = b.source
    kicker = doc.add_paragraph(style="Byline")
    kicker.add_run("BRIEFING").bold = True
    if src.publisher:
        kicker.add_run(f" · {src.publisher}")
    if b.keywords:
        kicker.add_run(f" · {' · '.join(b.keywords[:3])}").italic = True
    doc.add_paragraph(src.title or "Untitled article", style="Title")
    if src.subtitle:
        doc.add_paragraph(src.subtitle, style="Byline").runs[0].italic = True
    byline = [", ".join(src.authors)] if src.authors else []
    if src.published:
        byline.append(f"{src.published.day} {src.published:%B %Y}")
    byline += [f"{src.word_count:,} words", f"{src.reading_minutes} min read"]
    doc.add_paragraph(" · ".join(byline), style="Byline")
    if b.bottom_line:
        doc.add_heading("Bottom line", level=1)
        paragraph = _excerpt(doc, b.bottom_line)
        paragraph.runs[0].bold = True
    _arguments(doc, b)
    _sidebar(doc, b)
    _footer(doc, b)


def _arguments(doc: Any, b: Briefing) -> None:
    if b.key_arguments:
        doc.add_heading("Key arguments", level=1)
    for number, arg in enumerate(b.key_arguments, start=1):
        # Numbers are typed, not Word list numbering: the template's "List Number" restarts
        # only with numbering definitions python-docx cannot create, and a card has one list.
        doc.add_heading(f"{number}. {arg.label}", level=2)
        _excerpt(doc, arg.claim)
        for support in arg.support:
            _excerpt(doc, support, "Support")
    if b.recommendations:
        doc.add_heading("What it calls for", level=1)
        for rec in b.recommendations:
            _excerpt(doc, rec, "List Bullet")


def _sidebar(doc: Any, b: Briefing) -> None:
    if b.figures:
        doc.add_heading("By the numbers", level=1)
    for fig in b.figures:
        paragraph = doc.add_paragraph()
        paragraph.add_run(fig.value).bold = True
        paragraph.add_run(" — " + fig.context.text)
        _ref(paragraph, fig.provenance.paragraph)
    if b.quotes:
        doc.add_heading("In their words", level=1)
    for quote in b.quotes:
        paragraph = doc.add_paragraph(f"“{quote.text}”", style="Quote")
        _ref(paragraph, quote.provenance.paragraph)
        if quote.speaker:
            cite = "— " + quote.speaker + (f", {quote.role}" if quote.role else "")
            speaker = doc.add_paragraph(cite, style="Byline")
            speaker.paragraph_format.left_indent = paragraph.style.paragraph_format.left_indent
    if b.keywords:
        doc.add_heading("Keywords", level=1)
        doc.add_paragraph(" · ".join(b.keywords), style="Byline")


def _footer(doc: Any, b: Briefing) -> None:
    from docx.shared import Pt

    src = b.source
    parts = [src.title or "Untitled article", ", ".join(src.authors), src.publisher or ""]
    parts.append(src.published.isoformat() if src.published else "")
    line = doc.add_paragraph(style="Byline")
    line.paragraph_format.space_before = Pt(8)
    line.add_run("Source: ").bold = True
    line.add_run(", ".join(p for p in parts if p) + "." + (f" {src.url}" if src.url else ""))
    note = doc.add_paragraph(style="Byline")
    note.add_run(
        "Every sentence here is quoted verbatim from the source; ¶ marks its paragraph. "
        f"Made by briefer {b.generator.version} ({b.generator.algorithm}) from a file with "
        f"SHA-256 {src.sha256[:12]}."
    ).font.color.rgb = _muted()


def _properties(doc: Any, b: Briefing) -> None:
    props = doc.core_properties
    props.title = b.source.title or "Untitled article"
    props.author = ", ".join(b.source.authors) or (b.source.publisher or "")
    props.keywords = ", ".join(b.keywords)
    props.subject = b.bottom_line.text[:250] if b.bottom_line else ""
    props.comments = f"Made by briefer {b.generator.version}"
    props.last_modified_by = "briefer"
    props.revision = 1
    when = _epoch()
    props.created = props.modified = when
    props.last_printed = when


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every member dated from SOURCE_DATE_EPOCH, in the same order."""
    stamp = max(_epoch(), dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
