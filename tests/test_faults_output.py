"""Issue 17, brief and render: an output never replaces an input, names never collide, odd
names and unwritable folders give one line and a documented exit code, never a traceback."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from briefer.cli import main
from briefer.errors import EXIT_CODES, ConfigError, OutputError
from briefer.output import MAX_NAME_BYTES, output_bases

from .conftest import SAMPLE_MD, SAMPLE_TXT

DATA = Path(__file__).parent / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def html_page() -> str:
    paras = SAMPLE_TXT.read_text(encoding="utf-8").split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paras[1:])
    return (
        f"<html><head><title>{paras[0]}</title></head><body><article>{body}</article></body></html>"
    )


def test_exit_codes_table() -> None:
    assert EXIT_CODES[OutputError] == 73
    assert EXIT_CODES[ConfigError] == 2


@pytest.mark.parametrize(
    ("name", "fmt"), [("notes.md", "md"), ("page.html", "html"), ("notes.md", "md,json")]
)
def test_input_in_outdir_is_never_replaced(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    fmt: str,
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    if name.endswith(".md"):
        shutil.copy(SAMPLE_MD, notes / name)
    else:
        (notes / name).write_text(html_page(), encoding="utf-8")
    before = (notes / name).read_bytes()
    monkeypatch.chdir(notes)
    code, _, err = run(capsys, "brief", name, "-o", ".", "-f", fmt)
    assert code == 0, err
    assert (notes / name).read_bytes() == before
    ext = fmt.split(",")[0]
    assert (notes / f"{name}.{ext}").is_file()
    assert f"{name}: writing {name}.{ext}" in err  # said so on stderr
    # Idempotent: a second run names its outputs the same way, and the input stays.
    assert run(capsys, "brief", name, "-o", ".", "-f", fmt)[0] == 0
    assert (notes / name).read_bytes() == before
    assert sorted(p.name for p in notes.iterdir()) == sorted(
        [name, *(f"{name}.{f}" for f in fmt.split(","))]
    )


def test_pdf_input_in_outdir_is_never_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes"
    assert run(capsys, "brief", str(SAMPLE_TXT), "-o", str(notes), "-f", "pdf")[0] == 0
    report = notes / "report.pdf"
    (notes / "revitalizing-alliances.pdf").rename(report)
    before = report.read_bytes()
    monkeypatch.chdir(notes)
    code, _, err = run(capsys, "brief", "report.pdf", "-o", ".")
    assert code == 0, err
    assert report.read_bytes() == before
    assert sorted(p.name for p in notes.iterdir()) == [
        "report.pdf",
        "report.pdf.json",
        "report.pdf.pdf",
    ]


def test_same_names_in_different_folders_get_their_own_outputs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SAMPLE_MD, tmp_path / "a" / "x.md")
    shutil.copy(DATA / "scraped.md", tmp_path / "b" / "x.md")
    out = tmp_path / "out"
    code, _, err = run(
        capsys,
        "brief",
        str(tmp_path / "a/x.md"),
        str(tmp_path / "b/x.md"),
        "-o",
        str(out),
        "-f",
        "json",
    )
    assert code == 0, err
    written = sorted(out.iterdir())
    assert len(written) == 2
    titles = {json.loads(p.read_text())["source"]["title"] for p in written}
    assert len(titles) == 2
    assert "Rivers Without Borders" in titles


def test_naming_rule() -> None:
    fmts = ("json", "html")
    # A stem shared in one folder keeps the suffix; a.md.txt's stem is a.md's name.
    assert output_bases(["a.md", "a.html", "a.md.txt", "sub/a.md"], fmts) == [
        "a.md",
        "a.html",
        "a.md.txt",
        "sub/a",
    ]
    # The batch index files and inputs in OUTDIR are never an output.
    reserved = ("index.json", "index.csv", "index.html")
    assert output_bases(["index.md", "index.html"], ("json",), taken=reserved) == [
        "index.md",
        "index.html",
    ]
    assert output_bases(["index.md"], ("html",), taken=reserved) == ["index.md"]
    assert output_bases(["page.html"], ("html",), taken=["page.html"]) == ["page.html"]
    # Identical names (brief's inputs from different folders) get a short hash of their key.
    twins = output_bases(["x.md", "x.md"], ("json",), keys=["a/x.md", "b/x.md"])
    assert len(set(twins)) == 2
    assert all(b.startswith("x.md~") for b in twins)
    assert twins == output_bases(["x.md", "x.md"], ("json",), keys=["a/x.md", "b/x.md"])
    # Long names are shortened deterministically, so name + ext + temp suffix fits NAME_MAX.
    long = ["d/" + "é" * 120 + ".md", "d/" + "x" * 250 + ".txt", "d/" + "x" * 250 + ".md"]
    bases = output_bases(long, ("json",))
    assert len(set(bases)) == 3
    for base in bases:
        name = base.rsplit("/", 1)[-1]
        assert base.startswith("d/")
        assert len(os.fsencode(name)) <= MAX_NAME_BYTES
        assert len(os.fsencode(f".{name}.json.abcdefgh.part")) <= 255
    assert bases == output_bases(long, ("json",))


@pytest.mark.parametrize("length", [242, 250, 252, 253, 255])
def test_long_input_names_are_briefed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, length: int
) -> None:
    name = "n" * (length - 4) + ".txt"
    shutil.copy(SAMPLE_TXT, tmp_path / name)
    out = tmp_path / "out"
    code, _, err = run(capsys, "brief", str(tmp_path / name), "-o", str(out), "-f", "json")
    assert code == 0, err
    assert len(list(out.iterdir())) == 1


def test_unwritable_outdir_is_one_line_and_exit_73(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Root ignores permission bits; nothing, not even root, can create a folder under a file.
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    out = blocker / "sub"
    code, _, err = run(capsys, "brief", str(SAMPLE_TXT), "-o", str(out), "-f", "json")
    assert code == 73
    assert err.count("\n") == 1, err
    assert err.startswith(f"Error: {out / 'revitalizing-alliances.json'}: cannot write")
    assert "Traceback" not in err


def test_render_unwritable_and_onto_its_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "brief", str(SAMPLE_TXT), "-o", str(tmp_path), "-f", "json")[0] == 0
    source = tmp_path / "revitalizing-alliances.json"
    before = source.read_bytes()
    (tmp_path / "file").write_text("x")
    code, _, err = run(capsys, "render", str(source), "-o", str(tmp_path / "file" / "card.pdf"))
    assert code == 73
    assert err.count("\n") == 1, err
    assert "cannot write" in err
    code, _, err = run(capsys, "render", str(source), "-o", str(source))
    assert code == 2
    assert err.count("\n") == 1, err
    assert source.read_bytes() == before


def test_write_error_on_one_input_keeps_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def full_disk(src: str, dst: str) -> None:
        if Path(dst).name.startswith("scraped."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    out = tmp_path / "out"
    code, _, err = run(
        capsys, "brief", str(DATA / "scraped.md"), str(SAMPLE_TXT), "-o", str(out), "-f", "json,md"
    )
    assert code == 73
    assert f"Error: {out / 'scraped.json'}: cannot write: No space left on device" in err
    # The other input is whole; the failed one left nothing, not even a temp file.
    assert sorted(p.name for p in out.iterdir()) == [
        "revitalizing-alliances.json",
        "revitalizing-alliances.md",
    ]


def test_non_utf8_input_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    shutil.copy(SAMPLE_TXT, raw)
    out = tmp_path / "out"
    code, _, err = run(capsys, "brief", os.fsdecode(raw), "-o", str(out), "-f", "json")
    assert code == 0, err
    assert os.listdir(os.fsencode(out)) == [b"caf\xe9.json"]
