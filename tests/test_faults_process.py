"""Issue 17, processes: what the real ``briefer`` command leaves behind when it ends.

Every test runs the CLI as a subprocess with its own TMPDIR and bounds every wait.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from briefer.batch import BatchProgress, BatchSettings, run_batch
from briefer.options import Options

from .conftest import SAMPLE_MD
from .test_batch import TOPICS, article

BRIEFER = [sys.executable, "-m", "briefer"]
ONLY_JSON = Options(formats=("json",))


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "TMPDIR": str(tmp)}


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:02}.txt").write_text(article(TOPICS[i % len(TOPICS)], i))
    return folder


@pytest.mark.slow
def test_brief_pdf_leaves_tmpdir_empty(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    argv = [*BRIEFER, "brief", str(SAMPLE_MD), "-f", "pdf", "-o", str(out)]
    done = subprocess.run(argv, env=_env(tmp), capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert (out / "revitalizing-alliances.pdf").is_file()
    assert sorted(p.name for p in tmp.iterdir()) == []


@pytest.mark.slow
def test_batch_with_pdfs_leaves_tmpdir_empty(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    corpus, out = _corpus(tmp_path / "in", 4), tmp_path / "out"
    argv = [*BRIEFER, "batch", str(corpus), "-o", str(out), "-j", "2", "-f", "pdf,json"]
    done = subprocess.run(argv, env=_env(tmp), capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("a*.pdf"))) == 4
    assert sorted(p.name for p in tmp.iterdir()) == []


def _stamps(out: Path) -> int:
    return len(list((out / ".briefer").glob("*.json"))) if out.exists() else 0


def _descendants(proc: subprocess.Popen[bytes], out: Path) -> list[psutil.Process]:
    """Once the batch is briefing on 2 workers: its resource tracker, forkserver, workers."""
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        kids = [p for p in parent.children(recursive=True) if _is_python(p)]
        if len(kids) >= 4 and _stamps(out) >= 1:
            return kids
        time.sleep(0.05)
    pytest.fail("the batch never started its workers")


def _is_python(process: psutil.Process) -> bool:
    try:  # ctypes.util runs short-lived helpers (ld) while WeasyPrint loads
        return process.name().startswith("python")
    except psutil.Error:
        return False


def _survivors(processes: list[psutil.Process], within: float) -> list[psutil.Process]:
    deadline = time.monotonic() + within
    alive = processes
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    return alive


def _drain(stream: object) -> threading.Thread:
    """Read a pipe to its end in a thread: the thread ends when every writer has closed it."""
    reader = threading.Thread(target=lambda: stream.read(), daemon=True)  # type: ignore[attr-defined]
    reader.start()
    return reader


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_signalled_batch_leaves_no_process(tmp_path: Path, signum: int) -> None:
    corpus, out = _corpus(tmp_path / "in", 20), tmp_path / "out"
    argv = [*BRIEFER, "batch", str(corpus), "-o", str(out), "-j", "2", "-f", "pdf,json"]
    proc = subprocess.Popen(
        argv,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    kids: list[psutil.Process] = []
    try:
        kids = _descendants(proc, out)
        stdout, stderr = _drain(proc.stdout), _drain(proc.stderr)
        os.kill(proc.pid, signum)
        code = proc.wait(timeout=120)  # SIGTERM lets the running files finish
        assert not _survivors(kids, within=5), "workers, forkserver or tracker outlived it"
        stdout.join(timeout=5)
        stderr.join(timeout=5)
        assert not stdout.is_alive(), "something still holds the batch's stdout"
        assert not stderr.is_alive(), "something still holds the batch's stderr"
    finally:
        for process in [*kids, psutil.Process(proc.pid)] if proc.poll() is None else kids:
            with contextlib.suppress(psutil.Error):
                process.kill()
        proc.wait(timeout=10)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
    if signum == signal.SIGKILL:
        assert code == -signal.SIGKILL
        return
    assert code in (143, 130)
    index = json.loads((out / "index.json").read_text())
    # Files finished while the pool shut down are listed as briefed, not cancelled.
    assert index["counts"]["briefed"] == _stamps(out) >= 1
    assert index["counts"]["total"] == 20


@pytest.mark.slow
def test_files_finished_during_ctrl_c_are_briefed_not_cancelled(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "in", 12), tmp_path / "out"
    pressed: list[bool] = []

    def ctrl_c(state: BatchProgress) -> None:
        if state.done and not pressed:  # Ctrl-C as the first file comes back
            pressed.append(True)
            raise KeyboardInterrupt

    settings = BatchSettings(jobs=2)
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(corpus)], str(out), settings, options=ONLY_JSON, progress=ctrl_c)
    index = json.loads((out / "index.json").read_text())
    # The other worker's file (and those already queued to workers) finished during the
    # shutdown: their outputs and stamps exist, so the index says so.
    assert index["counts"]["briefed"] == _stamps(out) >= 2
    assert index["counts"]["cancelled"] == 12 - _stamps(out)
