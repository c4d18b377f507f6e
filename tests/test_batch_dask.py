"""briefer batch on a real Dask cluster: worker processes, local paths and memory:// URLs."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefer.batch import BatchSettings, run_batch
from briefer.batch import dask as batch_dask
from briefer.errors import ConfigError
from briefer.options import Options

from .conftest import SAMPLE_MD
from .test_batch import BROKEN, TOPICS, article

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

ONLY_JSON = Options(formats=("json",))


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes, as `dask worker --nthreads 1` would give."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=50,
    ) as local:
        yield local


@pytest.mark.slow
def test_batch_on_worker_processes(cluster: Any, tmp_path: Path) -> None:
    corpus, out = tmp_path / "in", tmp_path / "out"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE_MD, corpus / "sample.md")
    for n, topic in enumerate(TOPICS[:3]):
        (corpus / "sub" / f"s{n}.txt").write_text(article(topic, n))
    (corpus / "sub" / "junk.txt").write_bytes(BROKEN["broken/junk.txt"])
    settings = BatchSettings(scheduler=cluster.scheduler_address)
    report = run_batch([str(corpus)], str(out), settings, options=ONLY_JSON)
    assert report.counts == {"total": 5, "briefed": 4, "resumed": 0, "failed": 1, "cancelled": 0}
    # Workers on other machines get absolute paths: relative ones depend on their cwd.
    assert all(Path(row.path).is_absolute() for row in report.rows)
    assert json.loads((out / "sub/s2.json").read_text())["source"]["title"].endswith("Plan 2")
    assert json.loads((out / "index.json").read_text())["counts"]["failed"] == 1
    again = run_batch([str(corpus)], str(out), settings, options=ONLY_JSON)
    assert again.counts["resumed"] == 4
    assert again.counts["briefed"] == 0


@pytest.mark.slow
def test_batch_between_memory_urls() -> None:
    """fsspec URLs in and out; memory:// is per process, so the cluster runs on threads."""
    fs = fsspec.filesystem("memory")
    for n, topic in enumerate(TOPICS[:2]):
        fs.pipe_file(f"/batch-in/news/a{n}.txt", article(topic, n).encode())
    fs.pipe_file("/batch-in/news/empty.txt", b"")
    try:
        with distributed.LocalCluster(
            n_workers=1, processes=False, dashboard_address=":0", silence_logs=50
        ) as local:
            settings = BatchSettings(scheduler=local.scheduler_address)
            report = run_batch(
                ["memory://batch-in"], "memory://batch-out", settings, options=ONLY_JSON
            )
        assert report.counts["briefed"] == 2
        assert report.counts["failed"] == 1
        briefing = json.loads(fs.cat_file("/batch-out/news/a1.json"))
        assert briefing["source"]["path"] == "memory:///batch-in/news/a1.txt"
        assert fs.exists("/batch-out/index.html")
        assert not [p for p in fs.find("/batch-out") if p.rsplit("/", 1)[-1].endswith(".part")]
    finally:
        fs.rm(["/batch-in", "/batch-out"], recursive=True)


def test_unreachable_scheduler_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_dask, "CONNECT_TIMEOUT", 0.5)
    (tmp_path / "a.txt").write_text(article("water rates", 1))
    settings = BatchSettings(scheduler="tcp://127.0.0.1:9")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        run_batch([str(tmp_path / "a.txt")], str(tmp_path / "out"), settings, options=ONLY_JSON)
