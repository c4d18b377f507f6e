"""briefer batch: outputs mirrored, index rows, exit codes, resume, crashes and kills.

Most tests ask for JSON only: a PDF card costs ~1 s, a JSON briefing ~0.2 s.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefer.batch import BatchSettings, run_batch
from briefer.batch import plan as batch_plan
from briefer.batch.fs import TEMP_NAME
from briefer.batch.work import _deadline
from briefer.cli import main
from briefer.errors import BrieferError, ConfigError
from briefer.options import Options

from .conftest import SAMPLE_MD, SAMPLE_TXT

JSON = BatchSettings(jobs=2)
ONLY_JSON = Options(formats=("json",))

TOPICS = ("water rates", "school funding", "bus routes", "housing permits", "park repairs")


def article(topic: str, n: int) -> str:
    """A small news article about ``topic``; ``n`` varies its figures and wording."""
    return (
        f"Council Votes on {topic.title()} Plan {n}\n\n"
        f"The city council voted on Tuesday to change {topic} by {n + 3} percent, "
        f"citing a ${n + 40} million backlog and rising costs.\n\n"
        f'"We cannot keep patching a system built in {1950 + n}," said Mayor Ana Ruiz. '
        f"Residents will see the change from March, officials said.\n\n"
        f"Critics argue that the plan on {topic} puts the burden on low-income households. "
        f"The council promised a relief fund of ${n + 2} million to offset the cost.\n"
    )


def html_article(title: str) -> str:
    paras = "".join(f"<p>{para}</p>" for para in article("bus routes", 7).split("\n\n")[1:])
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paras}</article></body></html>"
    )


BROKEN = {
    "broken/empty.txt": b"",
    "broken/junk.txt": bytes(range(256)) * 8,
    "broken/links.html": b"<html><body><nav><a href='/a'>Home</a></nav></body></html>",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Sample articles in nested folders, broken files, and files a batch must ignore."""
    root = tmp_path / "corpus"
    (root / "news" / "local").mkdir(parents=True)
    shutil.copy(SAMPLE_MD, root / "sample.md")
    shutil.copy(SAMPLE_TXT, root / "sample.txt")  # same stem: both keep their suffix
    for n, topic in enumerate(TOPICS[:3]):
        (root / "news" / "local" / f"story{n}.txt").write_text(article(topic, n))
    (root / "news" / "page.html").write_text(html_article("Buses <b>&</b> budgets"))
    for rel, data in BROKEN.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    (root / ".hidden.md").write_text(article("secret", 1))
    (root / "notes.csv").write_text("a,b\n")
    return root


def rows_by_path(outdir: Path) -> dict[str, dict[str, object]]:
    index = json.loads((outdir / "index.json").read_text())
    return {Path(item["path"]).name: item for item in index["items"]}


def visible_files(outdir: Path) -> list[Path]:
    return sorted(p for p in outdir.rglob("*") if p.is_file() and not TEMP_NAME.match(p.name))


def test_batch_mirrors_tree_and_lists_failures(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch([str(corpus)], str(out), JSON, options=ONLY_JSON)
    assert not report.ok
    assert report.counts == {"total": 9, "briefed": 6, "resumed": 0, "failed": 3, "cancelled": 0}
    for name in ("sample.md.json", "sample.txt.json", "news/page.json"):
        assert (out / name).is_file()
    assert sorted(p.name for p in (out / "news" / "local").iterdir()) == [
        "story0.json",
        "story1.json",
        "story2.json",
    ]
    briefing = json.loads((out / "news/local/story1.json").read_text())
    assert briefing["source"]["title"] == "Council Votes on School Funding Plan 1"
    rows = rows_by_path(out)
    assert ".hidden.md" not in rows
    assert "notes.csv" not in rows
    assert rows["sample.md"]["authors"] == ["Matthew Levitt"]
    assert rows["sample.md"]["date"] == "2021-03-24"
    assert rows["sample.md"]["outputs"] == ["sample.md.json"]
    for name in ("empty.txt", "junk.txt", "links.html"):
        assert rows[name]["status"] == "failed"
        error = rows[name]["error"]
        assert isinstance(error, str)
        assert error
        assert "\n" not in error
    assert "empty" in str(rows["empty.txt"]["error"])
    assert "binary" in str(rows["junk.txt"]["error"])


def test_index_csv_and_html(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(
        [str(corpus / "news"), str(corpus / "broken" / "junk.txt")],
        str(out),
        JSON,
        options=ONLY_JSON,
    )
    with (out / "index.csv").open() as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == ["path", "status", "title", "authors", "date", "outputs", "error"]
    assert [row["path"] for row in table] == sorted(row["path"] for row in table)
    assert {row["status"] for row in table} == {"briefed", "failed"}
    # Two inputs: outputs mirror them below their common folder.
    assert (out / "news/local/story0.json").is_file()
    page = (out / "index.html").read_text()
    assert 'href="news/page.json"' in page
    assert "Buses &lt;b&gt;&amp;&lt;/b&gt; budgets" in page or "Buses &amp; budgets" in page
    assert "<b>" not in page
    assert "looks like binary data" in page


def test_resume_processes_only_what_changed(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    news = str(corpus / "news")
    first = run_batch([news], str(out), JSON, options=ONLY_JSON)
    assert first.counts["briefed"] == 4
    again = run_batch([news], str(out), JSON, options=ONLY_JSON)
    assert again.counts["resumed"] == 4
    assert again.counts["briefed"] == 0
    (corpus / "news/local/story2.txt").write_text(article("park repairs", 9))
    (out / "local" / "story0.json").unlink()
    changed = run_batch([news], str(out), JSON, options=ONLY_JSON)
    assert {Path(r.path).name for r in changed.rows if r.status == "briefed"} == {
        "story0.txt",
        "story2.txt",
    }
    title = json.loads((out / "local/story2.json").read_text())["source"]["title"]
    assert title.endswith("Plan 9")
    fresh = run_batch([news], str(out), BatchSettings(jobs=2, resume=False), options=ONLY_JSON)
    assert fresh.counts["briefed"] == 4


def test_resume_redoes_other_versions(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    inputs = [str(corpus / "news" / "local" / "story0.txt")]
    run_batch(inputs, str(out), JSON, options=ONLY_JSON)
    monkeypatch.setattr(batch_plan, "__version__", "99.0")
    assert run_batch(inputs, str(out), JSON, options=ONLY_JSON).counts["briefed"] == 1


def test_worker_death_fails_only_its_file(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    settings = BatchSettings(jobs=2, crash_on="story1")
    report = run_batch([str(corpus / "news")], str(out), settings, options=ONLY_JSON)
    statuses = {Path(r.path).name: (r.status, r.error) for r in report.rows}
    assert statuses["story1.txt"] == (
        "failed",
        "worker process died while briefing it (crash or out of memory)",
    )
    assert all(s == "briefed" for name, (s, _) in statuses.items() if name != "story1.txt")


def test_fail_fast_stops_and_marks_the_rest(corpus: Path, tmp_path: Path) -> None:
    settings = BatchSettings(jobs=1, fail_fast=True)
    report = run_batch([str(corpus)], str(tmp_path / "out"), settings, options=ONLY_JSON)
    # The file already queued to the worker when the first one failed still runs; its row
    # says how it went (here another broken file).
    assert 1 <= report.counts["failed"] <= 2
    assert report.counts["cancelled"] >= 1
    cancelled = [r for r in report.rows if r.status == "cancelled"]
    assert cancelled[0].error == "not run: --fail-fast stopped the batch"


def test_include_exclude_and_outdir_inside_inputs(corpus: Path) -> None:
    inside = corpus / "briefs"
    settings = BatchSettings(jobs=1, include=("*.txt",), exclude=("broken/*",))
    report = run_batch([str(corpus)], str(inside), settings, options=ONLY_JSON)
    assert sorted(Path(r.path).name for r in report.rows) == [
        "sample.txt",
        "story0.txt",
        "story1.txt",
        "story2.txt",
    ]
    # A second run must not pick up its own outputs (briefs/*.json, or PDFs) as inputs.
    assert run_batch([str(corpus)], str(inside), settings, options=ONLY_JSON).counts["total"] == 4


def test_cli_exit_codes(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "out")
    assert main(["batch", str(corpus / "broken"), "-o", out, "-f", "json", "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "failed: " in err
    assert "3 inputs: 0 briefed, 0 unchanged, 3 failed" in err
    assert main(["batch", str(corpus / "news"), "-o", out, "-f", "json"]) == 0
    assert "4 inputs: 4 briefed" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "nope"), "-o", out]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["batch", str(corpus), "-o", out, "--format", "gif"]) == 2
    assert main(["batch", str(corpus), "-o", out, "--jobs", "0"]) == 2
    assert main(["batch", str(corpus), "-o", out, "--include", "*.docx"]) == 2
    assert main(["batch", str(corpus), "-o", "memory://x"]) == 2


def test_plan_names_outputs_deterministically(tmp_path: Path) -> None:
    for rel in ("b/x.md", "b/x.html", "a/y.txt", "a/.git/z.md", "c/z.markdown"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("text")
    tasks = batch_plan.plan([str(tmp_path / "b"), str(tmp_path / "a")], str(tmp_path / "o"))
    assert [(Path(t.source).relative_to(tmp_path).as_posix(), t.base) for t in tasks] == [
        ("a/y.txt", "a/y"),
        ("b/x.html", "b/x.html"),
        ("b/x.md", "b/x.md"),
    ]
    single = batch_plan.plan([str(tmp_path / "c" / "z.markdown")], str(tmp_path / "o"))
    assert [t.base for t in single] == ["z"]
    with pytest.raises(ConfigError, match="mix filesystems"):
        batch_plan.plan([str(tmp_path), "memory://x"], str(tmp_path / "o"))


def test_deadline_fails_a_slow_file() -> None:
    with pytest.raises(BrieferError, match=r"took longer than 0\.05 s"), _deadline(0.05):
        time.sleep(2)


def _stamps(outdir: Path) -> int:
    return len(list((outdir / ".briefer").rglob("*.json"))) if outdir.exists() else 0


def _assert_complete(outdir: Path) -> None:
    """Every visible file is whole: JSON parses (a torn write would not)."""
    for path in visible_files(outdir):
        if path.suffix == ".json":
            json.loads(path.read_text())


@pytest.mark.slow
def test_killed_batch_leaves_whole_files_and_resumes(tmp_path: Path) -> None:
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    for n in range(40):
        (corpus / f"a{n:02}.txt").write_text(article(TOPICS[n % len(TOPICS)], n))
    argv = [sys.executable, "-m", "briefer", "batch", str(corpus), "-o", str(out)]
    proc = subprocess.Popen(
        [*argv, "-f", "json", "-j", "2"], start_new_session=True, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while _stamps(out) < 8 and time.monotonic() < deadline and proc.poll() is None:
        _assert_complete(out)
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI, its forkserver and its workers
    proc.wait()
    _assert_complete(out)
    assert not (out / "index.json").exists()
    done = _stamps(out)
    assert 8 <= done < 40
    report = run_batch([str(corpus)], str(out), JSON, options=ONLY_JSON)
    assert report.counts == {
        "total": 40,
        "briefed": 40 - done,
        "resumed": done,
        "failed": 0,
        "cancelled": 0,
    }
    assert not [p for p in out.rglob("*") if TEMP_NAME.match(p.name)]
    assert len(list(out.glob("a*.json"))) == 40
