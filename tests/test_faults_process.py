"""Issue 17, processes: what the real ``briefer`` command leaves behind when it ends.

Every test runs the CLI as a subprocess with its own TMPDIR and bounds every wait.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SAMPLE_MD
from .test_batch import TOPICS, article

BRIEFER = [sys.executable, "-m", "briefer"]


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
