"""Issue 17, batch: outputs never land on inputs, names never collide, odd names, symlinks,
unwritable or full OUTDIR, Ctrl-C bookkeeping and CSV formula injection."""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import briefer.batch as batch_pkg
from briefer.batch import BatchSettings, run_batch
from briefer.batch.index import index_csv
from briefer.batch.work import Job, Row, Task, run_task
from briefer.cli import main
from briefer.errors import ConfigError
from briefer.options import Options

from .conftest import SAMPLE_MD
from .test_batch import article

ONE = BatchSettings(jobs=1)
JSON = Options(formats=("json",))


def items(outdir: Path) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads((outdir / "index.json").read_text())["items"]
    return data


def write_articles(root: Path, names: list[str]) -> None:
    for n, name in enumerate(names):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(article("water rates", n))


def test_outdir_that_is_the_input_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, ["a.md", "b.html", "sub/c.txt"])
    before = sorted(p.relative_to(corpus) for p in corpus.rglob("*"))
    code = main(["batch", str(corpus), "-o", str(corpus), "-f", "md,html", "-j", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1, err
    assert f"{corpus}" in err
    assert sorted(p.relative_to(corpus) for p in corpus.rglob("*")) == before  # nothing written
    # The same holds through the library, and for an outdir above the inputs that would
    # mirror them into themselves.
    with pytest.raises(ConfigError, match="among the inputs"):
        run_batch([str(corpus / "sub")], str(corpus / "sub"), ONE, options=JSON)


def test_named_input_in_outdir_is_not_replaced(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    shutil.copy(SAMPLE_MD, notes / "report.md")
    before = (notes / "report.md").read_bytes()
    fmts = Options(formats=("md", "json"))
    for _ in range(2):
        report = run_batch([str(notes / "report.md")], str(notes), ONE, options=fmts)
        assert report.ok
        assert (notes / "report.md").read_bytes() == before
    assert report.rows[0].outputs == ("report.md.md", "report.md.json")


def test_top_level_index_inputs_keep_their_own_outputs(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "index.md").write_text(article("bus routes", 1))
    (corpus / "index.html").write_text(
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in article("park repairs", 2).split("\n\n"))
        + "</article></body></html>"
    )
    report = run_batch([str(corpus)], str(out), ONE, options=Options(formats=("json", "html")))
    assert report.ok
    index = json.loads((out / "index.json").read_text())
    assert index["generator"]["name"] == "briefer"
    outputs = sorted(o for r in report.rows for o in r.outputs)
    assert outputs == ["index.html.html", "index.html.json", "index.md.html", "index.md.json"]
    assert json.loads((out / "index.md.json").read_text())["source"]["path"].endswith("index.md")
    assert "<table" in (out / "index.html").read_text()  # the batch index, not a card


def test_suffix_names_get_their_own_outputs_and_stamps(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_articles(corpus, ["a.md", "a.html", "a.md.txt"])
    first = run_batch([str(corpus)], str(out), ONE, options=JSON)
    assert first.counts["briefed"] == 3
    outputs = sorted(o for r in first.rows for o in r.outputs)
    assert len(set(outputs)) == 3
    assert len(list((out / ".briefer").rglob("*.json"))) == 3
    again = run_batch([str(corpus)], str(out), ONE, options=JSON)
    assert again.counts["resumed"] == 3


def test_non_utf8_file_name_gets_an_index(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "plain.txt").write_text(article("bus routes", 3))
    raw = os.fsencode(corpus) + b"/caf\xe9.txt"
    Path(os.fsdecode(raw)).write_text(article("school funding", 4))
    for _ in range(2):
        report = run_batch([str(corpus)], str(out), ONE, options=JSON)
        assert report.ok
    paths = [str(i["path"]) for i in items(out)]
    assert any(p.endswith("caf\ufffd.txt") for p in paths)
    assert b"caf\xe9.json" in os.listdir(os.fsencode(out))
    assert 'href="caf%E9.json"' in (out / "index.html").read_text()
    with (out / "index.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 2


@pytest.mark.parametrize("length", [242, 248, 252, 253, 255])
def test_long_file_names_get_rows_and_resume(tmp_path: Path, length: int) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    names = ["a.txt", "m" * (length - 4) + ".txt", "z.txt"]
    write_articles(corpus, names)
    first = run_batch([str(corpus)], str(out), ONE, options=JSON)
    assert first.counts == {"total": 3, "briefed": 3, "resumed": 0, "failed": 0, "cancelled": 0}
    again = run_batch([str(corpus)], str(out), ONE, options=JSON)
    assert again.counts["resumed"] == 3


def test_unwritable_outdir_is_one_line_and_exit_73(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, ["a.txt", "b.txt"])
    (tmp_path / "file").write_text("x")
    code = main(["batch", str(corpus), "-o", str(tmp_path / "file" / "sub"), "-f", "json"])
    err = capsys.readouterr().err
    assert code == 73
    assert err.count("\n") == 1, err
    assert "cannot write" in err
    assert "Traceback" not in err


def _in_process() -> Callable[..., None]:
    """An executor running tasks in this process, so a monkeypatched write reaches them."""

    def execute(
        settings: BatchSettings, job: Job, todo: list[Task], on_row: Callable[[Row], bool]
    ) -> None:
        for task in todo:
            if not on_row(run_task(job, task)):
                return

    return execute


def test_full_disk_mid_batch_stops_with_exit_73_and_an_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_articles(corpus, [f"a{n}.txt" for n in range(5)])
    real_replace = os.replace

    def full_from_a2(src: str, dst: str) -> None:
        if Path(dst).name.startswith(("a2.", "a3.", "a4.")):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(batch_pkg, "_execute", _in_process())
    monkeypatch.setattr(os, "replace", full_from_a2)
    code = main(["batch", str(corpus), "-o", str(out), "-f", "json"])
    err = capsys.readouterr().err
    assert code == 73
    assert err.count("\n") == 1, err
    assert "No space left on device" in err
    status = {Path(str(i["path"])).name: i["status"] for i in items(out)}
    assert status == {
        "a0.txt": "briefed",
        "a1.txt": "briefed",
        "a2.txt": "failed",
        "a3.txt": "cancelled",
        "a4.txt": "cancelled",
    }
    assert not [p for p in out.rglob("*.part")]


def test_symlinks_out_of_the_tree_are_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_articles(corpus, ["a.txt"])
    (tmp_path / "secret.txt").write_text(article("housing permits", 5))
    (corpus / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (corpus / "inside.txt").symlink_to(corpus / "a.txt")
    report = run_batch([str(corpus)], str(out), ONE, options=JSON)
    assert sorted(Path(r.path).name for r in report.rows) == ["a.txt", "inside.txt"]
    followed = BatchSettings(jobs=1, follow_links=True)
    report = run_batch([str(corpus)], str(out), followed, options=JSON)
    assert sorted(Path(r.path).name for r in report.rows) == ["a.txt", "inside.txt", "leak.txt"]
    assert main(["batch", str(corpus), "-o", str(out), "-f", "json", "--follow-links"]) == 0
    assert "3 inputs" in capsys.readouterr().err


def test_files_finished_during_shutdown_are_briefed_not_cancelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_articles(corpus, ["a.txt", "b.txt", "c.txt"])

    def interrupted(
        settings: BatchSettings, job: Job, todo: list[Task], on_row: Callable[[Row], bool]
    ) -> None:
        on_row(run_task(job, todo[0]))
        run_task(job, todo[1])  # finished while the pool shut down: never reported
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_pkg, "_execute", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(corpus)], str(out), BatchSettings(jobs=1, resume=False), options=JSON)
    status = {Path(str(i["path"])).name: i["status"] for i in items(out)}
    assert status == {"a.txt": "briefed", "b.txt": "briefed", "c.txt": "cancelled"}
    # An earlier run's stamp does not make an unreached file look briefed by this run.
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(corpus)], str(out), BatchSettings(jobs=1, resume=False), options=JSON)
    status = {Path(str(i["path"])).name: i["status"] for i in items(out)}
    assert status["c.txt"] == "cancelled"


def test_csv_cells_cannot_start_a_formula() -> None:
    rows = [
        Row("=cmd.txt", "briefed", title='=HYPERLINK("http://x")', authors=("+1", "@me")),
        Row("b.txt", "failed", error="-2 bad"),
        Row("c.txt", "briefed", title="\tTab", date="2021-03-24"),
    ]
    table = list(csv.reader(index_csv(rows).splitlines()))
    assert table[1][0] == "'=cmd.txt"
    assert table[1][2] == '\'=HYPERLINK("http://x")'
    assert table[1][3] == "'+1; @me"
    assert table[2][6] == "'-2 bad"
    assert table[3][2] == "'\tTab"
    assert table[3][4] == "2021-03-24"
