"""Hostile and broken inputs (issue #6): every input class gets a defined outcome.

Each input is generated here, so the table below is the specification: either a valid
briefing whose excerpts point at their text, or one ``BrieferError`` whose message names
the file, says what is wrong and what to do.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

import briefer
from briefer import assemble
from briefer.cli import main
from briefer.errors import BrieferError, ExtractionError, InputError
from briefer.pipeline import brief_article

from .test_extract_pdf import make_pdf

PARA = (
    "The committee approved the budget after a long debate. Critics argued that the plan "
    "would cost $4 billion over ten years. Supporters said the investment was overdue."
)
ARTICLE = "\n\n".join([PARA] * 6)
FRENCH = (
    "Le comité a approuvé le budget après un long débat. Les critiques ont déclaré que le "
    "plan coûterait très cher à l'État. Les partisans ont répondu que l'investissement était "
    "nécessaire pour l'économie."
)


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([PARA.split(". ")] * 2))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _nested(depth: int, inner: str = "div") -> bytes:
    body = f"<{inner}>" * depth + f"<p>{PARA}</p><p>{PARA}</p>" + f"</{inner}>" * depth
    return f"<html><body>{body}</body></html>".encode()


# name, content, error class, pattern the message must match (after "<name>: ").
REFUSED: list[tuple[str, Callable[[], bytes], type[BrieferError], str]] = [
    ("empty.txt", lambda: b"", InputError, r"input is empty .*give a file with article text"),
    ("blank.md", lambda: b"  \n\t\n \r\n\r\n", InputError, r"input is empty"),
    ("bom-only.txt", lambda: b"\xef\xbb\xbf \n", InputError, r"input is empty"),
    ("image.txt", lambda: b"\x89PNG\r\n\x1a\n" + os.urandom(512), InputError, r"PNG image"),
    ("photo.md", lambda: b"\xff\xd8\xff\xe0" + os.urandom(512), InputError, r"JPEG image"),
    ("program.txt", lambda: b"\x7fELF\x02\x01" + os.urandom(512), InputError, r"ELF executable"),
    ("setup.html", lambda: b"MZ\x90\x00" + os.urandom(512), InputError, r"Windows executable"),
    ("archive.txt", lambda: _zip(a__txt="hello"), InputError, r"ZIP archive that is not a .docx"),
    ("page.html", lambda: gzip.compress(ARTICLE.encode()), InputError, r"gzip archive"),
    (
        "bundle.txt",
        lambda: b"a.txt".ljust(257, b"\0") + b"ustar\x0000" + os.urandom(300),
        InputError,
        r"tar archive",
    ),
    ("noise.txt", lambda: bytes(range(256)) * 8, InputError, r"binary data"),
    ("utf32.txt", lambda: ARTICLE.encode("utf-32-le"), InputError, r"binary data"),
    ("cut.pdf", lambda: make_pdf([[PARA]])[:300], ExtractionError, r"cannot read PDF .*complete"),
    ("junk.pdf", lambda: b"%PDF-1.7\n" + os.urandom(2048), ExtractionError, r"cannot read PDF"),
    ("locked.pdf", lambda: _encrypted("secret"), ExtractionError, r"password-protected"),
    ("scan.pdf", lambda: make_pdf([[]]), ExtractionError, r"no text layer .*OCR"),
    (
        "cut.docx",
        lambda: _docx([PARA])[:2000],
        InputError,
        r"ZIP archive that is not a .docx",
    ),
    (
        "types.docx",
        lambda: _zip(**{"[Content_Types].xml": "<x/>", "word__document.xml": "<w:document/>"}),
        ExtractionError,
        r"cannot read DOCX \(AttributeError: .*re-save it",
    ),
    (
        "xml.docx",
        lambda: _zip(**{"[Content_Types].xml": "<x/>", "word__document.xml": "<not xml"}),
        ExtractionError,
        r"cannot read DOCX",
    ),
    (
        "scripts.html",
        lambda: (
            "<html><head><style>p{color:red}</style></head><body>"
            + "<script>var x = 'The committee approved the budget.';</script>" * 50
            + "</body></html>"
        ).encode(),
        ExtractionError,
        r"only scripts, styles, navigation or links",
    ),
    (
        "nav.html",
        lambda: (
            "<html><body><nav>"
            + "".join(f"<a href='/p{i}'>Section {i}</a> " for i in range(200))
            + "</nav><footer>© 2024 Example</footer></body></html>"
        ).encode(),
        ExtractionError,
        r"no article text",
    ),
]


@pytest.mark.parametrize(("name", "make", "error", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_inputs_raise_one_clear_error(
    tmp_path: Path, name: str, make: Callable[[], bytes], error: type[BrieferError], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(error, match=rf"^{re.escape(str(path))}: .*{message}"):
        briefer.brief(path)


def _check(briefing: briefer.Briefing, article: briefer.Article) -> None:
    excerpts = list(briefing.excerpts())
    assert excerpts, "a briefing with no excerpt at all"
    for text, where in excerpts:
        assert article.text[where.start : where.end] == text


# name, content, a phrase the briefing must quote.
ACCEPTED: list[tuple[str, Callable[[], bytes], str]] = [
    ("bad-utf8.txt", lambda: ARTICLE.encode().replace(b"budget", b"bud\xff\xfeget"), "debate"),
    ("utf16-bom.txt", lambda: ARTICLE.encode("utf-16"), "committee approved"),
    ("utf16le.txt", lambda: ARTICLE.encode("utf-16-le"), "committee approved"),
    ("utf16be.txt", lambda: ARTICLE.encode("utf-16-be"), "committee approved"),
    ("latin1.txt", lambda: "\n\n".join([FRENCH] * 4).encode("latin-1"), "comité a approuvé"),
    (
        "cp1252.txt",
        lambda: "\n\n".join([PARA + " It’s “quoted” — and €5 more."] * 4).encode("cp1252"),
        "It’s “quoted” — and €5 more.",
    ),
    ("nul.txt", lambda: ARTICLE.replace(" ", " \x00", 40).encode(), "committee approved"),
    ("controls.txt", lambda: ARTICLE.replace("e", "e\x07\x1b", 25).encode(), "Supporters"),
    ("crlf.txt", lambda: ARTICLE.replace("\n", "\r\n").encode(), "committee approved"),
    ("one-sentence.txt", lambda: PARA.split(". ")[0].encode() + b".", "committee approved"),
    ("one-word.txt", lambda: b"Budget", "Budget"),
    ("nested.html", lambda: _nested(10_000), "committee approved"),
    ("nested-spans.html", lambda: _nested(10_000, "span"), "committee approved"),
    (
        "unclosed.html",
        lambda: ("<html><body>" + "<div><b>" * 10_000 + f"<p>{PARA}</p>" * 2).encode(),
        "committee approved",
    ),
    ("owner-locked.pdf", lambda: _encrypted(""), "committee approved"),
    ("memo.docx", lambda: _docx([PARA, PARA]), "committee approved"),
]


@pytest.mark.parametrize(("name", "make", "phrase"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_accepted_inputs_give_a_valid_briefing(
    tmp_path: Path, name: str, make: Callable[[], bytes], phrase: str
) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    article = briefer.read_article(path)
    briefing = brief_article(article)
    _check(briefing, article)
    assert phrase in " ".join(text for text, _ in briefing.excerpts())


def test_template_syntax_html_and_css_in_the_text_stay_text() -> None:
    hostile = (
        "The budget {{ config.items() }} was {% for x in range(10**9) %}x{% endfor %} approved "
        "after <script>alert(1)</script> a long <style>body{background:url(http://x/)}</style> "
        "debate in the committee. "
    )
    article = briefer.read_article("\n\n".join([hostile * 3] * 4))
    briefing = brief_article(article)
    _check(briefing, article)
    html = briefer.render_html(briefing)
    md = briefer.render_markdown(briefing)
    assert "{{ config.items() }}" in html  # shown as written, never evaluated
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in md
    assert "\\<script\\>" in md


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    with pytest.raises(InputError, match=r"input is 50 MB, over the 20 MB limit \(raise it"):
        briefer.read_article(path)
    # The limit is configurable.
    with pytest.raises(InputError, match=r"over the 1 MB limit"):
        briefer.read_article(path, options=briefer.Options(max_bytes=2**20))


def test_too_many_words_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(assemble, "MAX_ARTICLE_WORDS", 100)
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(
        InputError, match=rf"^{re.escape(str(path))}: article text is 1,000 words, over the 100-"
    ):
        briefer.brief(path)


@pytest.mark.slow
@pytest.mark.parametrize("line", [b"word " * (1024 * 1024), b"a" * (5 * 1024 * 1024)])
def test_five_megabyte_line_finishes_quickly(line: bytes) -> None:
    start = time.monotonic()
    article = briefer.read_article(line)
    outcome = "briefed"
    try:
        _check(brief_article(article), article)
    except InputError as exc:
        outcome = str(exc)
    assert outcome == "briefed" or "over the 200,000-word limit" in outcome
    assert time.monotonic() - start < 30


CJK = (
    "委员会经过长时间辩论后批准了预算。批评者认为该计划在十年内将花费四十亿美元。"
    "支持者表示这项投资早该进行。"
)
LANGUAGES = [
    ("de", "Der Ausschuss hat den Haushalt nach einer langen Debatte gebilligt. ", "german", None),
    ("fr", FRENCH + " ", "french", None),
    (
        "ar",
        "وافقت اللجنة على الميزانية بعد نقاش طويل. وقال المنتقدون إن الخطة مكلفة. ",
        "arabic",
        None,
    ),
    ("he", "הוועדה אישרה את התקציב לאחר דיון ארוך. המבקרים טענו כי התוכנית יקרה. ", "hebrew", None),
    ("ru", "Комитет одобрил бюджет после долгих дебатов. Критики были против. ", "russian", None),
    ("zh", CJK, "chinese", None),
    ("ja", "委員会は長い議論の末に予算を承認した。批判者は反対した。", "japanese", None),
    ("ko", "위원회는 긴 토론 끝에 예산을 승인했다. 비평가들은 반대했다. ", "korean", None),
    ("hi", "समिति ने लंबी बहस के बाद बजट को मंजूरी दी। आलोचकों ने विरोध किया। ", "english", "'hi'"),
    ("th", "คณะกรรมการอนุมัติงบประมาณหลังจากการอภิปรายอันยาวนาน ", "english", "'th'"),
]


@pytest.mark.parametrize(
    ("code", "text", "language", "note"), LANGUAGES, ids=[lang[0] for lang in LANGUAGES]
)
def test_non_english_text_is_briefed_with_its_own_rules_or_says_why_not(
    code: str, text: str, language: str, note: str | None
) -> None:
    article = briefer.read_article("\n\n".join([text * 3] * 4))
    assert article.metadata.language == code
    briefing = brief_article(article)
    _check(briefing, article)
    assert briefing.generator.parameters["language"] == language
    if note is None:
        assert "language_note" not in briefing.generator.parameters
    else:
        assert note in str(briefing.generator.parameters["language_note"])
    assert all(len(k) <= assemble.MAX_KEYWORD_CHARS for k in briefing.keywords)


def test_sentences_split_at_the_devanagari_danda_and_cjk_full_stops() -> None:
    for text, first in ((LANGUAGES[-2][1], "दी।"), (CJK, "预算。")):
        article = briefer.read_article(text * 3)
        assert brief_article(article).summary[0].text.endswith(first)


def test_cli_failed_inputs_print_one_line_each_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = [name for name, *_ in REFUSED[:12]] + ["types.docx"]
    makers = {name: make for name, make, *_ in REFUSED}
    for name in bad:
        (tmp_path / name).write_bytes(makers[name]())
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    out = tmp_path / "out"
    argv = ["brief", *(str(tmp_path / n) for n in bad), str(good), "-o", str(out), "-f", "json"]
    code = main(argv)
    _, err = capsys.readouterr()
    errors = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert code == 1
    assert len(errors) == len(bad)
    assert "Traceback" not in err
    for line, name in zip(errors, bad, strict=True):
        assert line.startswith(f"Error: {tmp_path / name}: ")
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]


SCRIPT_FONTS = {
    "ar": "Noto-Sans-Arabic",
    "he": "Noto-Sans-Hebrew",
    "zh": "Noto-Sans-CJK",
    "ja": "Noto-Sans-CJK",
    "ko": "Noto-Sans-CJK",
    "hi": "Noto-Sans-Devanagari",
    "th": "Noto-Sans-Thai",
    "ru": "Source-Serif-Pro",
}


def _pdf_fonts(pdf: bytes) -> set[str]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts = page["/Resources"]["/Font"]
    return {str(fonts[key].get_object()["/BaseFont"]) for key in fonts}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "text", "_language", "_note"), LANGUAGES[2:], ids=[lang[0] for lang in LANGUAGES[2:]]
)
def test_cards_in_other_scripts_embed_fonts_that_have_their_glyphs(
    code: str, text: str, _language: str, _note: str | None
) -> None:
    from fontTools.ttLib import TTFont

    from briefer._resources import font_faces

    briefing = brief_article(briefer.read_article("\n\n".join([text * 3] * 4)))
    shown = "".join(t for t, _ in briefing.excerpts()) + "".join(briefing.keywords)
    covered: set[int] = set()
    for face in font_faces(shown):
        with TTFont(face.path, fontNumber=0, lazy=True) as font:
            covered.update(font.getBestCmap())
    missing = {ch for ch in shown if not ch.isspace() and ord(ch) not in covered}
    assert not missing  # no tofu: every character has a glyph in a card font
    fonts = _pdf_fonts(briefer.render_pdf(briefing))
    assert any(SCRIPT_FONTS[code] in name for name in fonts), fonts


@pytest.mark.parametrize(
    ("text", "package"),
    [
        ("Komisja zatwierdziła budżet po długiej debacie. Krytycy mówili, że plan jest drogi. ",
         "pystempel"),
        ("Η επιτροπή ενέκρινε τον προϋπολογισμό μετά από μακρά συζήτηση. Οι επικριτές ήταν κατά. ",
         "greek-stemmer-pos"),
    ],
)  # fmt: skip
def test_a_stemmer_needing_a_missing_package_falls_back_and_says_so(
    text: str, package: str
) -> None:
    # Found by bench/fuzz.py: sumy's Polish and Greek stemmers raise ValueError on first use
    # when their optional packages are absent.
    article = briefer.read_article("\n\n".join([text * 3] * 4))
    briefing = brief_article(article)
    _check(briefing, article)
    note = briefing.generator.parameters.get("language_note")
    assert note is None or package in str(note)
