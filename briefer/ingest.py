"""Read an input into a :class:`~briefer.model.Source`: size limit, format sniffing, decoding.

This is the only module that reads files. A ``Path`` is a file to read, a ``str``
is the article text itself and ``bytes`` is a file's content. The suffix (of the
path or of ``name``) is only a hint: binary formats are always recognised from
their magic bytes, and text that is clearly HTML is HTML whatever it is called.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import stat
import zipfile
from pathlib import Path

from briefer.errors import InputError, UnsupportedFormatError
from briefer.model import Format, Source
from briefer.options import DEFAULT_MAX_BYTES  # the one defaults table

__all__ = ["DEFAULT_MAX_BYTES", "SUFFIXES", "check_size", "read_source", "sniff_text_format"]

logger = logging.getLogger(__name__)

#: Suffix hints. Content sniffing overrides them when they are missing or wrong.
SUFFIXES: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".pdf": Format.PDF,
    ".docx": Format.DOCX,
}

# Magic bytes of common binary files that are not articles, so the error can say what it is.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Office (OLE) document; save it as .docx"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"%!PS", "PostScript file"),
    (b"{\\rtf", "RTF document; save it as .docx or .txt"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x00\x01\x00\x00\x00", "font file"),  # not "OTTO": a text may start with the name
)
# Magic bytes found at an offset: (offset, magic, description).
_BINARY_MAGIC_AT: tuple[tuple[int, bytes, str], ...] = (
    (257, b"ustar", "tar archive"),
    (4, b"ftyp", "MP4/QuickTime media file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Opening a FIFO for reading blocks until a writer opens it, unless it is non-blocking
# (regular files ignore the flag). Neither flag exists on every platform.
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)

# Control characters other than \t and \n (\r is normalised to \n first), plus C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates (only a ``str`` from Python code can hold them) cannot be encoded as
# UTF-8 when the JSON or the PDF is written, so they become U+FFFD like any undecodable byte.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_RATIO = 0.05
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAG = re.compile(
    r"</?(?:p|div|body|head|span|a|br|h[1-6]|article|section|li|ul|table|meta|script)\b[^>]*>", re.I
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.I)
_MD_SIGNALS = (
    re.compile(r"^#{1,6}\s+\S", re.M),  # ATX heading
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # inline link
    re.compile(r"(\*\*|__)\S[^\n]*?\S?\1"),  # strong emphasis
    re.compile(r"^\s{0,3}(?:[-*+]|\d+\.)\s+\S", re.M),  # list item
    re.compile(r"^\s{0,3}>\s", re.M),  # block quote
    re.compile(r"^\s{0,3}(?:```|~~~)", re.M),  # code fence
    # Not \s* at the start: it spans newlines, so every line of a long run of blank lines
    # rescanned the run (quadratic); a row after blank lines is found from its own line.
    re.compile(r"^[^\S\n]*\|.*\|\s*$", re.M),  # table row
)
# Code pages of DOS and classic Mac OS. charset-normalizer can rank them first on short
# Western text (Windows-1252 quotes read as cp852 "ôquotedö"), but web pages and documents
# from any current editor are not in them (WHATWG's encoding list has none), so
# Windows-1252 is tried before believing one.
_DOS_OR_MAC = re.compile(r"^(?:cp(?:437|7\d\d|8[0-6]\d|1125)|mac_\w+)$")
# How many distinct Markdown signals make unlabelled (or ``.txt``) text Markdown.
_MD_MIN_SIGNALS = 2
# UTF-16 sniffing without a BOM: the share of NUL bytes in one parity vs the other.
_UTF16_MIN_CHARS = 8
_UTF16_NUL_SHARE = 0.4
_UTF16_OTHER_NUL_SHARE = 0.05
# Distinct HTML tags that make a text without a doctype HTML (e.g. a saved fragment).
_HTML_MIN_TAGS = 3


def read_source(
    source: Path | str | bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Source:
    """Read ``source`` into a :class:`Source`.

    Args:
        source: a ``Path`` to read, the article text (``str``) or a file's content (``bytes``).
        max_bytes: refuse inputs larger than this many bytes.
        name: file name used in messages and as a format hint for ``str``/``bytes`` input.

    Raises:
        InputError: missing, unreadable, too large, binary or empty input.
    """
    if isinstance(source, Path):
        label = name or str(source)
        raw = _read_file(source, max_bytes)
        return _from_bytes(raw, label, _hint(source.name))
    if isinstance(source, bytes):
        check_size(len(source), max_bytes, name)
        return _from_bytes(source, name, _hint(name))
    raw = source.encode("utf-8", "surrogatepass")
    check_size(len(raw), max_bytes, name)
    text = _clean(source, name)
    return Source(text, sniff_text_format(text, _hint(name)), _sha256(raw), name, raw)


def sniff_text_format(text: str, hint: Format | None = None) -> Format:
    """Guess whether decoded text is HTML, Markdown or plain text; ``hint`` breaks ties."""
    head = text[:4096]
    if _HTML_START.match(head):
        return Format.HTML
    tags = {m.group(0).split()[0].strip("</>").lower() for m in _HTML_TAG.finditer(head)}
    if len(tags) >= _HTML_MIN_TAGS:
        return Format.HTML
    if hint is Format.MARKDOWN:
        return Format.MARKDOWN
    signals = sum(1 for pattern in _MD_SIGNALS if pattern.search(text[:20000]))
    return Format.MARKDOWN if signals >= _MD_MIN_SIGNALS else Format.TEXT


def _hint(name: str | None) -> Format | None:
    return SUFFIXES.get(Path(name).suffix.lower()) if name else None


def _read_file(path: Path, max_bytes: int) -> bytes:
    """Read a regular file of at most ``max_bytes`` bytes.

    The size on disk is not enough: a device such as /dev/zero (or a symlink named .txt
    to one) says 0 bytes and never ends, and a FIFO blocks the first read until a writer
    comes. So only regular files are read, opened without blocking (a FIFO swapped in
    after the check must not hang the open), checked again on the open descriptor, and
    read with a bound of one byte over the limit.
    """
    label = str(path)
    try:
        info = path.stat()  # follows symlinks: a link is judged by what it points to
        _check_regular(info.st_mode, label)
        check_size(info.st_size, max_bytes, label)
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise InputError("file not found (check the path and spelling)", path=label) from exc
    except OSError as exc:
        raise InputError(
            f"cannot read file ({exc.strerror}); check its permissions", path=label
        ) from exc
    with os.fdopen(fd, "rb") as handle:
        try:
            _check_regular(os.fstat(handle.fileno()).st_mode, label)
            raw = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(
                f"cannot read file ({exc.strerror}); check its permissions", path=label
            ) from exc
    if len(raw) > max_bytes:  # it grew after the size check
        raise InputError(
            f"input is over the {_megabytes(max_bytes)} limit "
            "(raise it with --max-mb or Options(max_bytes=...), or split the document)",
            path=label,
        )
    return raw


def _check_regular(mode: int, label: str) -> None:
    if stat.S_ISDIR(mode):
        raise InputError("is a directory, not a file (use `briefer batch` for folders)", path=label)
    if not stat.S_ISREG(mode):
        raise InputError(
            "is not a regular file (a device, FIFO or socket); "
            "save the article to a file and try again",
            path=label,
        )


def check_size(size: int, max_bytes: int, label: str | None) -> None:
    """Refuse an input over the size limit (also used before fetching remote inputs)."""
    if size > max_bytes:
        raise InputError(
            f"input is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit "
            "(raise it with --max-mb or Options(max_bytes=...), or split the document)",
            path=label,
        )


def _megabytes(size: int) -> str:
    """Binary megabytes, as the limit is set (20 * 1024 * 1024 reads "20 MB", not "21.0")."""
    mb = size / 2**20
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB" if mb >= 0.1 else f"{size} bytes"


def _from_bytes(raw: bytes, label: str | None, hint: Format | None) -> Source:
    fmt = _sniff_binary(raw, label)
    if fmt is not None:
        return Source("", fmt, _sha256(raw), label, raw)
    text = _decode(raw, label)
    # Count after newline normalisation: the \r of CRLF files is not a sign of binary data.
    controls = len(_CONTROL.findall(text.replace("\r", "")))
    if controls / max(len(text), 1) > _MAX_CONTROL_RATIO:
        raise InputError(
            f"looks like binary data, not an article ({controls} control characters)", path=label
        )
    text = _clean(text, label)
    return Source(text, sniff_text_format(text, hint), _sha256(raw), label, raw)


def _sniff_binary(raw: bytes, label: str | None) -> Format | None:
    """Return PDF/DOCX for those containers, None for text; raise for other binary data."""
    if b"%PDF-" in raw[:1024]:
        return Format.PDF
    if raw.startswith(b"PK\x03\x04"):
        if _is_docx(raw):
            return Format.DOCX
        raise UnsupportedFormatError(
            "looks like binary data, not an article (a ZIP archive that is not a .docx document)",
            path=label,
        )
    for magic, kind in _BINARY_MAGIC:
        if raw.startswith(magic):
            raise InputError(f"looks like binary data, not an article ({kind})", path=label)
    for offset, magic, kind in _BINARY_MAGIC_AT:
        if raw[offset : offset + len(magic)] == magic:
            raise InputError(f"looks like binary data, not an article ({kind})", path=label)
    return None


def _is_docx(raw: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _decode(raw: bytes, label: str | None) -> str:
    """Decode with a BOM, then UTF-8, then a declared HTML charset, then charset-normalizer."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return raw.decode(utf16, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        try:
            return raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            logger.debug("declared charset %r does not decode %s", declared.group(1), label)
    from charset_normalizer import from_bytes  # lazy: only legacy encodings need it

    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        raise InputError(
            "looks like binary data, not an article (no text encoding fits)", path=label
        )
    # charset-normalizer ties Western text between cp1250 and cp1252 (equal chaos) and may
    # pick cp1250 ("élčves"); Windows-1252 is the web's default legacy encoding (WHATWG), so
    # it wins a tie.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            best = match
    if _DOS_OR_MAC.match(best.encoding):
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            logger.debug("%s is not Windows-1252 either", label or "input")
    logger.debug("decoded %s as %s", label or "input", best.encoding)
    return str(best)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly-ASCII text has a NUL in every other byte.

    It must be caught before UTF-8, which accepts NUL bytes.
    """
    sample = raw[:4096]
    half = len(sample) // 2
    if half < _UTF16_MIN_CHARS:
        return None
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls > _UTF16_NUL_SHARE and even_nuls < _UTF16_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even_nuls > _UTF16_NUL_SHARE and odd_nuls < _UTF16_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def _clean(text: str, label: str | None) -> str:
    """Normalise newlines and strip control characters; refuse empty input."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    if not text.strip():
        raise InputError(
            "input is empty (nothing but whitespace); give a file with article text", path=label
        )
    return text


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
