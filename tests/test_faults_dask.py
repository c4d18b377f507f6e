"""Issue 17, Dask: a cluster that loses every worker fails the rest instead of hanging."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path
from typing import Any

import pytest

from briefer.batch import BatchProgress, BatchReport, BatchSettings, run_batch
from briefer.options import Options

from .test_batch import TOPICS, article

distributed = pytest.importorskip("distributed")

ONLY_JSON = Options(formats=("json",))


def _kill_every_worker(cluster: Any) -> None:
    """What a crashed machine does: the worker process dies and no nanny brings it back."""
    for nanny in list(cluster.workers.values()):
        nanny.close_gracefully()  # the nanny will not restart it: as if it were killed too
        os.kill(nanny.pid, signal.SIGKILL)


@pytest.mark.slow
def test_batch_fails_the_rest_when_no_worker_is_left(tmp_path: Path) -> None:
    corpus, out = tmp_path / "in", tmp_path / "out"
    corpus.mkdir()
    for n in range(12):
        (corpus / f"a{n:02}.txt").write_text(article(TOPICS[n % len(TOPICS)], n))
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=50,
    ) as cluster:
        killed: list[bool] = []

        def progress(state: BatchProgress) -> None:
            if state.done and not killed:
                killed.append(True)
                _kill_every_worker(cluster)

        settings = BatchSettings(scheduler=cluster.scheduler_address, worker_grace=2)
        reports: list[BatchReport] = []
        runner = threading.Thread(
            target=lambda: reports.append(
                run_batch([str(corpus)], str(out), settings, options=ONLY_JSON, progress=progress)
            ),
            daemon=True,
        )
        runner.start()
        runner.join(timeout=90)
        assert not runner.is_alive(), "the batch hung on a cluster without workers"
    (report,) = reports
    assert killed
    assert not report.ok
    counts = report.counts
    assert counts["briefed"] >= 1
    assert counts["failed"] >= 1
    assert counts["briefed"] + counts["failed"] == 12
    errors = {row.error for row in report.rows if row.status == "failed"}
    assert errors == {"no Dask worker left (none connected for 2 s); run again to resume"}
    assert json.loads((out / "index.json").read_text())["counts"]["failed"] == counts["failed"]
