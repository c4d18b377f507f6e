"""Tests for briefer.ingest: reading, sniffing, decoding and refusing inputs."""

from __future__ import annotations

import codecs
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from briefer.errors import InputError, UnsupportedFormatError
from briefer.ingest import DEFAULT_MAX_BYTES, read_source
from briefer.model import Format

DATA = Path(__file__).parent / "data"
ARTICLE = "Rivers cross borders. Treaties rarely keep up with them, and states argue.\n"


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def test_reads_path_with_hash_and_format() -> None:
    path = DATA / "scraped.md"
    source = read_source(path)
    assert source.fmt is Format.MARKDOWN
    assert source.path == str(path)
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.raw == path.read_bytes()


def test_default_limit_is_twenty_megabytes() -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_missing_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    with pytest.raises(InputError, match=r"nope\.md: file not found \(check the path"):
        read_source(missing)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


def test_too_large_says_how_to_raise_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 10)
    with pytest.raises(
        InputError,
        match=r"big\.txt: .*over the .* limit \(raise it with --max-mb or Options\(max_bytes",
    ):
        read_source(path, max_bytes=100)


@pytest.mark.parametrize("source", [b"", b"  \n\t \n", "   "])
def test_empty_input(source: bytes | str) -> None:
    with pytest.raises(InputError, match="input is empty"):
        read_source(source, name="blank.txt")


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"\x7fELF\x02\x01\x01" + bytes(100), "ELF executable"),
        (b"\x1f\x8b\x08\x00" + bytes(50), "gzip archive"),
        (bytes(range(256)) * 4, "no text encoding fits"),
        (b"ab\x01\x02\x03" * 50, r"\d+ control characters"),
    ],
)
def test_binary_is_refused(raw: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=rf"looks like binary data, not an article \({kind}"):
        read_source(raw, name="thing.txt")


def test_zip_that_is_not_docx() -> None:
    with pytest.raises(UnsupportedFormatError, match="ZIP archive"):
        read_source(_zip(["a.txt"]), name="a.docx")


@pytest.mark.parametrize(
    ("raw", "name", "fmt"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\n", "report", Format.PDF),
        (b"%PDF-1.7\n", "report.txt", Format.PDF),  # content wins over a wrong suffix
        (None, "memo.bin", Format.DOCX),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", None, Format.HTML),
        (b"<div><p>One</p><p>Two <a href='x'>x</a></p></div>", "page.txt", Format.HTML),
        (b"# Title\n\nSome **bold** text and a [link](http://x.org).\n", None, Format.MARKDOWN),
        (b"Plain words only. Nothing else here.\n", "notes.md", Format.MARKDOWN),
        (b"Plain words only. Nothing else here.\n", None, Format.TEXT),
        (b"Plain words only. Nothing else here.\n", "page.html", Format.TEXT),
    ],
)
def test_format_sniffing(raw: bytes | None, name: str | None, fmt: Format) -> None:
    content = raw if raw is not None else _zip(["[Content_Types].xml", "word/document.xml"])
    assert read_source(content, name=name).fmt is fmt


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF8 + "Café “naïve” — ok.".encode(),
        codecs.BOM_UTF16_LE + "Café “naïve” — ok.".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Café “naïve” — ok.".encode("utf-16-be"),
        "Café “naïve” — ok.".encode(),
        "Café “naïve” — ok.".encode("cp1252"),
    ],
)
def test_decoding(raw: bytes) -> None:
    assert read_source(raw).text == "Café “naïve” — ok."


def test_legacy_encoding_long_text() -> None:
    text = "Les élèves étudient à l'école où ils apprennent le français. " * 20
    assert read_source(text.encode("latin-1")).text == text


def test_utf16_without_bom() -> None:
    text = "The committee met on Tuesday and agreed on the budget for next year.\n" * 10
    assert read_source(text.encode("utf-16-le")).text == text


def test_controls_stripped_newlines_normalised() -> None:
    source = read_source("One\x00 two\x07\r\nthree\tfour\rfive")
    assert source.text == "One two\nthree\tfour\nfive"


def test_str_input_hashes_utf8_and_uses_name() -> None:
    source = read_source("Hello there.", name="hello.txt")
    assert source.sha256 == hashlib.sha256(b"Hello there.").hexdigest()
    assert source.path == "hello.txt"
    assert source.fmt is Format.TEXT
