"""The command line: outputs, exact error text and exit codes (0 ok, 1 failed input, 2 usage)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefer import Briefing
from briefer._version import __version__
from briefer.cli import main

from .conftest import SAMPLE_MD, SAMPLE_TXT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"briefer {__version__}\n", "")


@pytest.mark.parametrize("command", [[], ["brief"], ["render"], ["schema"]])
def test_help_everywhere(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert "Usage: briefer" in out


def test_brief_writes_pdf_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "brief", str(SAMPLE_MD), "-o", str(tmp_path))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "revitalizing-alliances.json",
        "revitalizing-alliances.pdf",
    ]
    Briefing.model_validate_json((tmp_path / "revitalizing-alliances.json").read_text())
    assert len(PdfReader(tmp_path / "revitalizing-alliances.pdf").pages) == 1


def test_same_stem_inputs_do_not_overwrite_each_other(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "brief", str(SAMPLE_MD), str(SAMPLE_TXT), "-o", str(tmp_path), "-f", "json"
    )
    assert code == 0, err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["revitalizing-alliances.md.json", "revitalizing-alliances.txt.json"]


def test_stdout_streams_one_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "brief", str(SAMPLE_TXT), "-o", "-", "--format", "json")
    assert code == 0
    assert Briefing.model_validate_json(out).source.word_count > 1000


def test_missing_file_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.txt"
    code, _, err = run(capsys, "brief", str(missing), "-o", str(tmp_path / "o"))
    assert code == 1
    assert err.startswith(f"Error: {missing}: ")
    assert err.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_one_bad_input_does_not_stop_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    code, _, err = run(
        capsys, "brief", str(empty), str(SAMPLE_TXT), "-o", str(tmp_path / "o"), "-f", "json"
    )
    assert code == 1
    assert f"Error: {empty}: " in err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["revitalizing-alliances.json"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["brief", "x.txt", "--format", "rtf"], "unknown format 'rtf'"),
        (["brief", "x.txt", "--page-size", "legal"], "'legal' is not letter or a4"),
        (["brief", "a.txt", "b.txt", "-o", "-"], "-o - streams one format of one input"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err


def test_unknown_algorithm_is_an_input_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "brief", str(SAMPLE_TXT), "--algorithm", "magic", "-o", str(tmp_path)
    )
    assert code == 1
    assert "unknown algorithm 'magic'" in err
    assert "lexrank" in err
    assert list(tmp_path.iterdir()) == []


def test_render_revalidates_edited_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "brief", str(SAMPLE_TXT), "-o", str(tmp_path), "-f", "json")[0] == 0
    path = tmp_path / "revitalizing-alliances.json"
    data = json.loads(path.read_text())
    data["key_arguments"] = data["key_arguments"][:1]
    path.write_text(json.dumps(data))
    code, _, err = run(capsys, "render", str(path), "-o", str(tmp_path / "card.pdf"))
    assert code == 0, err
    assert len(PdfReader(tmp_path / "card.pdf").pages) == 1

    data["key_arguments"][0]["claim"]["surprise"] = 1
    path.write_text(json.dumps(data))
    code, _, err = run(capsys, "render", str(path), "-o", str(tmp_path / "bad.pdf"))
    assert code == 1
    assert f"Error: {path}: not a valid briefing: key_arguments.0.claim.surprise" in err
    assert not (tmp_path / "bad.pdf").exists()


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == json.loads(json.dumps(Briefing.model_json_schema()))


def test_installed_entry_point_runs() -> None:
    exe = Path(sys.executable).with_name("briefer")
    result = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (0, f"briefer {__version__}\n")


_ENTRY = """
import atexit, sys
atexit.register(lambda: print("atexit ran", flush=True))
sys.argv = ["briefer", *sys.argv[1:]]
from briefer.cli import run
run()
"""


def test_entry_point_skips_teardown_but_not_output_or_atexit(tmp_path: Path) -> None:
    argv = [sys.executable, "-c", _ENTRY, "brief", str(SAMPLE_TXT), "-o", str(tmp_path)]
    ok = subprocess.run([*argv, "-f", "json"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[-1] == "atexit ran"
    Briefing.model_validate_json((tmp_path / "revitalizing-alliances.json").read_text())

    missing = str(tmp_path / "missing.txt")
    bad = subprocess.run([*argv[:3], "brief", missing], capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert missing in bad.stderr
    assert bad.stdout == "atexit ran\n"


def test_module_entry_point_exits_with_usage_code() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefer", "brief", "--no-such-flag"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "--no-such-flag" in result.stderr
