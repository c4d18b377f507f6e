"""Where the card's own assets live: the shipped templates and the packaged fonts."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FontFace:
    """One @font-face rule for the card."""

    family: str
    url: str
    weight: int
    style: str
    path: Path
    script: re.Pattern[str] | None = None  # a fallback face is needed only for this script


# (family, package, file stem, weight, style). Source Serif/Sans Pro come from registry
# packages rather than system fonts so the card looks and measures the same everywhere.
# They cover Latin, Greek and Cyrillic.
_FACES = (
    ("Source Serif Pro", "font_source_serif_pro", "SourceSerifPro-Regular", 400, "normal"),
    ("Source Serif Pro", "font_source_serif_pro", "SourceSerifPro-It", 400, "italic"),
    ("Source Serif Pro", "font_source_serif_pro", "SourceSerifPro-Semibold", 600, "normal"),
    ("Source Serif Pro", "font_source_serif_pro", "SourceSerifPro-Bold", 700, "normal"),
    ("Source Sans Pro", "font_source_sans_pro", "SourceSansPro-Regular", 400, "normal"),
    ("Source Sans Pro", "font_source_sans_pro", "SourceSansPro-It", 400, "italic"),
    ("Source Sans Pro", "font_source_sans_pro", "SourceSansPro-Semibold", 600, "normal"),
    ("Source Sans Pro", "font_source_sans_pro", "SourceSansPro-Bold", 700, "normal"),
)
# Fallback faces for the scripts Source Serif/Sans lack: (family, package, characters that
# need it). Noto, from registry packages; the card's CSS lists
# the families after Source Serif/Sans so Pango takes each glyph from the first that has it.
# Each face is read into WeasyPrint's font configuration on every layout (the CJK
# collection is 19 MB), so a card loads only those its text needs.
_SEA = "justmytype_intl_sea"
_SOUTH_ASIA = "justmytype_intl_south_asia"
_RTL = "justmytype_intl_rtl"
_CJK = "noto_cjk_sans_otc"
_FALLBACKS = (
    ("Noto Sans Arabic", _RTL, "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"),
    ("Noto Sans Hebrew", _RTL, "\u0590-\u05ff\ufb1d-\ufb4f"),
    ("Noto Sans Devanagari", _SOUTH_ASIA, "\u0900-\u097f\ua8e0-\ua8ff"),
    ("Noto Sans Bengali", _SOUTH_ASIA, "\u0980-\u09ff"),
    ("Noto Sans Tamil", _SOUTH_ASIA, "\u0b80-\u0bff"),
    ("Noto Sans Telugu", _SOUTH_ASIA, "\u0c00-\u0c7f"),
    ("Noto Sans Thai", _SEA, "\u0e00-\u0e7f"),
    ("Noto Sans Lao", _SEA, "\u0e80-\u0eff"),
    ("Noto Sans Myanmar", _SEA, "\u1000-\u109f"),
    ("Noto Sans Khmer", _SEA, "\u1780-\u17ff"),
    # One collection for Chinese, Japanese and Korean: Hangul, CJK punctuation, kana, Han,
    # compatibility ideographs, vertical and full-width forms.
    ("Noto Sans CJK JP", _CJK, "\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff"
     "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"),
)  # fmt: skip
#: Families of the fallback faces, in the order the card's CSS lists them.
FALLBACK_FAMILIES = tuple(family for family, *_ in _FALLBACKS)


def templates_dir() -> Path:
    """The built-in templates folder (inside the wheel, or the repo in editable installs)."""
    return Path(str(files("briefer.templates")))


def font_faces(text: str = "") -> tuple[FontFace, ...]:
    """The card's font files, plus the fallback faces for the scripts ``text`` uses."""
    return tuple(f for f in all_font_faces() if f.script is None or f.script.search(text))


@functools.cache
def all_font_faces() -> tuple[FontFace, ...]:
    """Every face whose package is installed; a missing package degrades to system fonts."""
    faces = []
    for family, package, stem, weight, style in _FACES:
        path = _package_file(package, f"files/{stem}.ttf")
        if path is not None:
            faces.append(FontFace(family, path.as_uri(), weight, style, path))
    for family, package, chars in _FALLBACKS:
        path = _package_file(package, _fallback_file(family, package))
        if path is not None:
            script = re.compile(f"[{chars}]")
            faces.append(FontFace(family, path.as_uri(), 400, "normal", path, script))
    return tuple(faces)


def _fallback_file(family: str, package: str) -> str:
    """Where a fallback family's file sits inside its package."""
    if package == _CJK:
        return "NotoSansCJK-Regular.ttc"
    name = family.replace(" ", "")  # justmytype packs: fonts/ofl/<name>/<Name>[axes].ttf
    return f"fonts/ofl/{name.lower()}/{name}[wdth,wght].ttf"


def _package_file(package: str, name: str) -> Path | None:
    try:
        path = Path(str(files(package))) / name
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


def asset_roots() -> tuple[Path, ...]:
    """Folders the renderer may read: the templates and the font folders, nothing else."""
    roots = {templates_dir().resolve()}
    roots.update(face.path.parent.resolve() for face in all_font_faces())
    return tuple(sorted(roots))
