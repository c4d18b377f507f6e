"""A PDF page's text as lines with their type size and weight, from pypdf's text runs.

pypdf's ``extract_text`` returns plain lines: superscripts run into the word before
them ("rules3", "in 20222") and a section heading looks like any other line. Its
visitor reports every run with its position, font and size, which is what tells a
footnote mark, a heading and body text apart.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from briefer.extract._common import superscript

__all__ = ["Line", "page_lines"]

# A superscript is a few characters ("3", "14", "th") set this share of the font size
# above the baseline of the text before it.
_MAX_SUPERSCRIPT = 4
_RAISED = 0.2
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page: its text, largest type size (0 if unknown) and weight."""

    text: str
    size: float = 0.0
    bold: bool = False


@dataclass(slots=True)
class _Run:
    text: str
    y: float  # baseline in page space
    size: float  # type size in page space
    bold: bool


def page_lines(page: Any) -> list[Line]:
    """The page's lines, superscripts read as such (footnote references dropped)."""
    runs: list[_Run] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        name = str(font.get("/BaseFont", "")) if font else ""
        runs.append(
            _Run(
                text,
                tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
                size * (math.hypot(cm[2], cm[3]) or 1.0),
                bool(_BOLD.search(name)),
            )
        )

    text: str = page.extract_text(visitor_text=visit) or ""
    if "".join(run.text for run in runs) != text:
        return [Line(line) for line in text.split("\n")]  # pypdf re-ordered its runs
    for i in range(1, len(runs)):
        if _is_superscript(runs[i], runs[i - 1]):
            before = "".join(run.text for run in runs[max(0, i - 3) : i])
            runs[i].text = superscript(runs[i].text, before)
    return _lines(runs)


def _is_superscript(run: _Run, before: _Run) -> bool:
    return (
        0 < len(run.text.strip()) <= _MAX_SUPERSCRIPT
        and "\n" not in run.text
        and not before.text.endswith(("\n", " "))
        and run.size <= before.size
        and run.y - before.y > _RAISED * before.size
    )


def _lines(runs: list[_Run]) -> list[Line]:
    """Split the runs at their line breaks; each line keeps the size and weight of the
    runs that put letters on it."""
    lines: list[Line] = []
    text, size, bold, lettered = "", 0.0, True, False
    for run in runs:
        parts = run.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append(Line(text, size, bold and lettered))
                text, size, bold, lettered = "", 0.0, True, False
            text += part
            if any(c.isalpha() for c in part):
                size, bold, lettered = max(size, run.size), bold and run.bold, True
    lines.append(Line(text, size, bold and lettered))
    return lines
