"""The templates ship inside the wheel (top-level templates/ -> briefer/templates)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.mark.slow
def test_wheel_contains_templates(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("briefer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "briefer/templates/card.html.j2",
        "briefer/templates/card.css",
        "briefer/templates/card.md.j2",
        "briefer/templates/batch_index.html.j2",
        "briefer/templates/serve/page.html.j2",
        "briefer/templates/book.html.j2",
        "briefer/templates/book.css",
        "briefer/templates/book_cards.html.j2",
        "briefer/book/__init__.py",
    ):
        assert required in names
    # The package list in pyproject.toml is explicit: a subpackage left out of it would
    # ship a wheel that fails on import. Every module of the source tree must be inside.
    source = REPO / "briefer"
    modules = {f"briefer/{m.relative_to(source).as_posix()}" for m in source.rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    assert not any(name.startswith(("tests/", "examples/", "out/")) for name in names)


def test_editable_install_finds_templates() -> None:
    from briefer._resources import templates_dir

    assert (templates_dir() / "card.html.j2").is_file()
