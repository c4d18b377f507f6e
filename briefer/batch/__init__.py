"""Brief folders of articles in parallel, resumably, on this machine or a Dask cluster.

Folders of articles -> a mirrored tree of briefings plus an index::

    plan     (plan.py)     walk inputs, sorted; mirror the tree under OUTDIR
    resume   (plan.py)     skip inputs whose stamp matches: sha256, version, options, outputs
    run      (pool.py)     local worker processes, or (dask.py) a Dask cluster; each task is
             (work.py)     run_task: brief, render, write atomically, stamp
    files    (fs.py)       local paths and fsspec URLs, atomic puts (fsspec stays in here)
    index    (index.py)    index.json, index.csv, index.html, one row per input
    preload  (preload.py)  what a worker imports once before its first task

One bad file never stops the batch: it becomes a ``failed`` row with a one-line reason.
The library never prints: progress goes to an optional callback.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NoReturn

from briefer.batch.fs import clean_temps, is_local, local_path
from briefer.batch.index import counts, write_index
from briefer.batch.plan import plan as plan_tasks
from briefer.batch.plan import recovered, resumed
from briefer.batch.work import Job, Row, Task, failed
from briefer.errors import ConfigError, OutputError
from briefer.fetch import is_url
from briefer.options import Options

__all__ = ["BatchProgress", "BatchReport", "BatchSettings", "Row", "run_batch"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """How to run a batch; what to write and the time limit per input are :class:`Options`."""

    jobs: int | None = None  # local worker processes; None means one per core
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    resume: bool = True
    fail_fast: bool = False
    scheduler: str | None = None  # a Dask scheduler address, e.g. tcp://host:8786
    follow_links: bool = False  # brief symlinked files whose target is outside the folder
    worker_grace: float = 60.0  # Dask: seconds without any worker before the rest fail
    crash_on: str | None = field(default=None, repr=False)  # test hook, see batch_work.Job
    urls: tuple[str, ...] = ()  # web pages to fetch and brief beside the files (--urls)


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Where a running batch stands; ``total`` counts the inputs this run processes."""

    total: int
    done: int
    failed: int
    resumed: int
    row: Row | None = None


@dataclass(frozen=True, slots=True)
class BatchReport:
    """Every input's row (sorted by path) and the index files written."""

    rows: tuple[Row, ...]
    index: tuple[str, ...]

    @property
    def counts(self) -> dict[str, int]:
        """Rows per status, plus ``total``."""
        return counts(self.rows)

    @property
    def ok(self) -> bool:
        """True when no input failed or was left out."""
        return all(row.status in ("briefed", "resumed") for row in self.rows)


class _Tracker:
    """Collects rows as they arrive, reports progress, and says when to stop."""

    def __init__(
        self, total: int, resumed: int, fail_fast: bool, progress: Callable[[BatchProgress], None]
    ) -> None:
        self.rows: dict[str, Row] = {}
        self.total, self.resumed, self.fail_fast = total, resumed, fail_fast
        self.failed = 0
        self.stopped = False
        self.write_error: str | None = None  # an output could not be written: stop
        self.progress = progress
        progress(BatchProgress(total, 0, 0, resumed))

    def on_row(self, row: Row) -> bool:
        self.rows[row.path] = row
        self.failed += row.status == "failed"
        if row.status == "failed":
            log.info("failed: %s: %s", row.path, row.error)
        self.progress(BatchProgress(self.total, len(self.rows), self.failed, self.resumed, row))
        if row.cannot_write and self.write_error is None:
            self.write_error = row.error or "an output could not be written"
        self.stopped = (
            self.stopped
            or (self.fail_fast and row.status == "failed")
            or self.write_error is not None
        )
        return not self.stopped


def run_batch(
    inputs: Sequence[str],
    outdir: str,
    settings: BatchSettings | None = None,
    *,
    options: Options | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
) -> BatchReport:
    """Brief every supported file under ``inputs`` (paths or fsspec URLs) into ``outdir``.

    Raises:
        ConfigError: bad settings, missing inputs, nothing to brief, outputs that would land
            among the inputs, unreachable scheduler.
        OutputError: an output or the index could not be written (read-only OUTDIR, full
            disk); the batch stops there and the index lists what was done, if it can.
    """
    settings = settings or BatchSettings()
    _check(settings, [*inputs, outdir])
    if settings.scheduler is not None and is_local(outdir):
        outdir = str(local_path(outdir).resolve())  # workers elsewhere have another cwd
    tasks = plan_tasks(
        inputs,
        outdir,
        include=settings.include,
        exclude=settings.exclude,
        absolute=settings.scheduler is not None,
        formats=(options or Options()).formats,
        follow_links=settings.follow_links,
        urls=settings.urls,
    )
    job = Job(options or Options(), outdir, settings.crash_on)
    if removed := clean_temps(outdir):
        log.info("removed %d temp file(s) left by an interrupted run", removed)
    # A web page can change under the same URL (and checking would fetch it): always redone.
    done = {
        t.source: row
        for t in tasks
        if settings.resume and not is_url(t.source) and (row := resumed(job, t))
    }
    todo = [t for t in tasks if t.source not in done]
    tracker = _Tracker(len(todo), len(done), settings.fail_fast, progress or (lambda _: None))
    try:
        _execute(settings, job, todo, tracker.on_row)
    except ConfigError:
        raise
    except BaseException:
        # Interrupted (Ctrl-C) or the cluster went away: index what is done, then re-raise.
        try:
            _finish(job, tasks, {**done, **tracker.rows}, "the batch was interrupted")
        except OutputError as exc:
            log.error("%s", exc)
        raise
    if tracker.write_error is not None:
        return _stop_on_write_error(job, tasks, {**done, **tracker.rows}, tracker.write_error)
    why = "--fail-fast stopped the batch" if tracker.stopped else "the batch was interrupted"
    return _finish(job, tasks, {**done, **tracker.rows}, why)


def _stop_on_write_error(job: Job, tasks: list[Task], rows: dict[str, Row], error: str) -> NoReturn:
    """Index what was done (if even that can be written), then raise the write error."""
    try:
        report = _finish(job, tasks, rows, "an output could not be written")
    except OutputError:
        raise OutputError(f"{error}; the batch stopped, and its index is incomplete") from None
    raise OutputError(f"{error}; the batch stopped ({report.index[0]} lists what was done)")


def _check(settings: BatchSettings, urls: list[str]) -> None:
    if settings.jobs is not None and settings.jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, not {settings.jobs}")
    if settings.worker_grace <= 0:
        raise ConfigError(f"--worker-grace must be positive, not {settings.worker_grace:g}")
    if settings.scheduler is None and any(url.startswith("memory://") for url in urls):
        raise ConfigError(
            "memory:// lives inside one process, which local workers do not share; "
            "use a folder, or --scheduler with a threaded cluster"
        )


def _execute(
    settings: BatchSettings, job: Job, todo: list[Task], on_row: Callable[[Row], bool]
) -> None:
    if not todo:
        return
    if settings.scheduler is not None:
        from briefer.batch.dask import run_dask

        run_dask(settings.scheduler, job, todo, on_row, settings.worker_grace)
        return
    from briefer.batch.pool import run_local

    jobs = settings.jobs or os.cpu_count() or 1
    run_local(job, todo, min(jobs, len(todo)), on_row)


def _finish(job: Job, tasks: list[Task], rows: dict[str, Row], why: str) -> BatchReport:
    """Write the index: every input once, in input order; unreached ones are ``cancelled``,
    unless their stamp says this run briefed them (they finished during shutdown)."""
    final = tuple(
        rows.get(t.source) or recovered(job, t) or failed(t, f"not run: {why}", "cancelled")
        for t in tasks
    )
    index = write_index(job.outdir, final, job.options.formats)
    return BatchReport(final, tuple(index))
