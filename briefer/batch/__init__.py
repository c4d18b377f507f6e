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

from briefer.batch.fs import clean_temps, is_local, local_path
from briefer.batch.index import counts, write_index
from briefer.batch.plan import plan as plan_tasks
from briefer.batch.plan import resumed
from briefer.batch.work import Job, Row, Task, failed
from briefer.errors import ConfigError
from briefer.fetch import is_url
from briefer.options import Options, OutputFormat

__all__ = ["BatchProgress", "BatchReport", "BatchSettings", "Row", "run_batch"]

log = logging.getLogger(__name__)

#: Seconds one input may take before it is failed. The longest report we test (130,000
#: characters) takes ~5 s with its PDF; 300 s catches only a pathological input.
DEFAULT_TIMEOUT = 300.0


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """How to run a batch (the briefing itself is configured by :class:`Options`)."""

    formats: tuple[OutputFormat, ...] = ("pdf", "json")
    jobs: int | None = None  # local worker processes; None means one per core
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    resume: bool = True
    fail_fast: bool = False
    scheduler: str | None = None  # a Dask scheduler address, e.g. tcp://host:8786
    timeout: float = DEFAULT_TIMEOUT  # per input, local workers only; 0 for none
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
        self.progress = progress
        progress(BatchProgress(total, 0, 0, resumed))

    def on_row(self, row: Row) -> bool:
        self.rows[row.path] = row
        self.failed += row.status == "failed"
        if row.status == "failed":
            log.info("failed: %s: %s", row.path, row.error)
        self.progress(BatchProgress(self.total, len(self.rows), self.failed, self.resumed, row))
        self.stopped = self.fail_fast and row.status == "failed"
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
        ConfigError: bad settings, missing inputs, nothing to brief, unreachable scheduler.
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
        urls=settings.urls,
    )
    job = Job(settings.formats, options or Options(), outdir, settings.timeout, settings.crash_on)
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
        _finish(job, tasks, {**done, **tracker.rows}, "the batch was interrupted")
        raise
    why = "--fail-fast stopped the batch" if tracker.stopped else "the batch was interrupted"
    return _finish(job, tasks, {**done, **tracker.rows}, why)


def _check(settings: BatchSettings, urls: list[str]) -> None:
    if settings.jobs is not None and settings.jobs < 1:
        raise ConfigError(f"--jobs must be at least 1, not {settings.jobs}")
    if not settings.formats:
        raise ConfigError("no output format requested")
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

        run_dask(settings.scheduler, job, todo, on_row)
        return
    from briefer.batch.pool import run_local

    jobs = settings.jobs or os.cpu_count() or 1
    run_local(job, todo, min(jobs, len(todo)), on_row)


def _finish(job: Job, tasks: list[Task], rows: dict[str, Row], why: str) -> BatchReport:
    """Write the index: every input once, in input order; unreached ones are ``cancelled``."""
    final = tuple(rows.get(t.source) or failed(t, f"not run: {why}", "cancelled") for t in tasks)
    index = write_index(job.outdir, final, job.formats)
    return BatchReport(final, tuple(index))
