"""Where the card's own assets live: the shipped templates and the packaged fonts."""

from __future__ import annotations

import functools
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


# (family, package, file stem, weight, style). Source Serif/Sans Pro come from registry
# packages rather than system fonts so the card looks and measures the same everywhere.
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


def templates_dir() -> Path:
    """The built-in templates folder (inside the wheel, or the repo in editable installs)."""
    return Path(str(files("briefer.templates")))


@functools.cache
def font_faces() -> tuple[FontFace, ...]:
    """The card's font files; empty members are skipped so a missing package degrades."""
    faces = []
    for family, package, stem, weight, style in _FACES:
        path = Path(str(files(package))) / "files" / f"{stem}.ttf"
        if path.is_file():
            faces.append(FontFace(family, path.as_uri(), weight, style, path))
    return tuple(faces)


def asset_roots() -> tuple[Path, ...]:
    """Folders the renderer may read: the templates and the font packages, nothing else."""
    roots = {templates_dir().resolve()}
    roots.update(face.path.parent.resolve() for face in font_faces())
    return tuple(sorted(roots))
