"""Which files ``brief`` and ``render`` write, so that no output ever replaces an input.

``brief`` names its outputs with the one naming rule :func:`briefer.output.output_bases`
(shared with ``batch``): every input's outputs go flat into OUTDIR, and an input that sits
in OUTDIR is a name no output may take.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefer.errors import ConfigError, InputError
from briefer.output import output_bases, printable

if TYPE_CHECKING:
    from briefer.schema import Briefing

STDIN = "-"


def _entries(path: Path) -> set[Path]:
    """The directory entry of ``path`` and, through any symlink, the file it stands for."""
    return {path.parent.resolve() / path.name, path.resolve()}


def output_names(inputs: list[Path], outdir: Path, formats: tuple[str, ...]) -> list[str]:
    """Each input's output base in ``outdir``: never another input's, never an input."""
    here = outdir.resolve()
    taken = {
        entry.name
        for path in inputs
        if str(path) != STDIN
        for entry in _entries(path)
        if entry.parent == here
    }
    rels = ["stdin" if str(p) == STDIN else p.name for p in inputs]
    return output_bases(rels, formats, taken=taken, keys=[str(p) for p in inputs])


def renamed_note(path: Path, base: str, formats: tuple[str, ...]) -> str | None:
    """The stderr note for an input whose outputs are not simply named after its stem."""
    plain = "stdin" if str(path) == STDIN else path.stem
    if base == plain:
        return None
    names = printable(", ".join(f"{base}.{fmt}" for fmt in formats))
    why = "so that no input or other output is replaced"
    return f"note: {printable(str(path))}: writing {names} ({why})"


def check_render_target(briefing: Path, output: Path) -> None:
    """Refuse to write the card over the briefing it is rendered from."""
    if _entries(output) & _entries(briefing):
        raise ConfigError(
            "the card would replace the briefing it is rendered from; choose another -o FILE.pdf",
            path=str(briefing),
        )


def load_briefing(path: Path) -> Briefing:
    """Read and validate a briefing JSON file."""
    from pydantic import ValidationError

    from briefer.schema import Briefing

    try:
        return Briefing.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise InputError(
            f"not a valid briefing: {where}: {first['msg']} ({exc.error_count()} error(s));"
            " compare with `briefer schema`",
            path=str(path),
        ) from exc
