"""Hostile briefings and templates (#17): refused in one line, never run, never slow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer.cli import main

from .conftest import SAMPLE_MD


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def briefing_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("brief")
    assert main(["brief", str(SAMPLE_MD), "-o", str(out), "-f", "json"]) == 0
    return out / "revitalizing-alliances.json"


@pytest.mark.parametrize(
    ("where", "size"),
    [(("bottom_line", "text"), 10_000_000), (("source", "title"), 10_000_000)],
)
def test_an_oversized_field_is_refused_at_validation(
    capsys: pytest.CaptureFixture[str], briefing_json: Path, tmp_path: Path, where: tuple[str, str],
    size: int,
) -> None:  # fmt: skip
    data = json.loads(briefing_json.read_text())
    data[where[0]][where[1]] = "x" * size
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(data))
    code, _, err = run(capsys, "render", str(path), "-o", str(tmp_path / "huge.pdf"))
    assert code == 1
    assert err.count("\n") == 1
    assert f"{path}: not a valid briefing: {'.'.join(where)}" in err
    assert not (tmp_path / "huge.pdf").exists()


HOSTILE = [
    "{{ cycler.__init__.__globals__.os.popen('echo pwned').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self.__init__.__globals__ }}",
    "{{ brief.__class__.__init__.__globals__ }}",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_a_hostile_template_fails_in_one_line_and_runs_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, body: str
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "card.html.j2").write_text(f"<html><body>{body}</body></html>")
    out = tmp_path / "out"
    code, _, err = run(
        capsys, "brief", str(SAMPLE_MD), "-o", str(out), "-f", "html",
        "--template-dir", str(templates),
    )  # fmt: skip
    assert code == 2, err
    assert err.count("\n") == 1
    assert "check --template-dir" in err
    assert "pwned" not in err
    assert not out.exists() or not any(out.iterdir())


def test_a_template_that_reads_only_its_values_still_renders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "card.html.j2").write_text(
        "<html><body><h1>{{ brief.source.title }}</h1></body></html>"
    )
    out = tmp_path / "out"
    code, _, err = run(
        capsys, "brief", str(SAMPLE_MD), "-o", str(out), "-f", "html",
        "--template-dir", str(templates),
    )  # fmt: skip
    assert code == 0, err
    assert "<h1>Revitalizing Alliances" in (out / "revitalizing-alliances.html").read_text()
