"""Run batch tasks on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Dask does the distributing, the retries and the worker supervision; this module only feeds
it a bounded window of tasks and turns every outcome into a row. Each task is
:func:`briefer.batch.work.run_task`, pickled by reference, so every worker needs the same
briefer installed, and reads its input and writes its outputs itself through the paths or
fsspec URLs in the task. A worker that dies (crash, or killed by its nanny over the memory
limit) makes Dask retry the task elsewhere; after ``distributed.scheduler.allowed-failures``
deaths the task fails with ``KilledWorker`` and only that file is marked failed.

A cluster with no worker at all (every worker and nanny killed, or none ever joined) would
keep the tasks waiting forever, so the client watches: once no worker has been connected
for ``grace`` seconds (``--worker-grace``, default 60), every file not yet briefed fails
with "no Dask worker left" and the batch ends with its index.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from briefer.batch.work import Job, Row, Task, failed, run_task
from briefer.errors import ConfigError

log = logging.getLogger(__name__)

#: Futures in flight per worker thread: enough to keep every thread busy while results
#: travel back, few enough that the client's memory does not grow with the folder.
WINDOW_PER_THREAD = 4
#: Seconds to wait for the scheduler before calling the address wrong.
CONNECT_TIMEOUT = 30
#: Seconds between two looks at the scheduler's worker list while nothing finishes.
POLL = 0.1
CHECK_WORKERS_EVERY = 1.0

OnRow = Callable[[Row], bool]


def run_dask(address: str, job: Job, tasks: list[Task], on_row: OnRow, grace: float = 60) -> None:
    """Run ``tasks`` on the cluster at ``address``, calling ``on_row`` as each finishes;
    fail what is left once the cluster has had no worker for ``grace`` seconds."""
    with _connect(address) as client:
        threads = sum(client.nthreads().values()) or 1
        _drain(client, job, iter(tasks), threads * WINDOW_PER_THREAD, on_row, grace)


def _connect(address: str) -> Any:
    # distributed is only partly typed (Client() is an untyped call): it stays Any here.
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError("--scheduler needs Dask: pip install 'dask[distributed]' fsspec") from exc
    try:
        dist: Any = distributed
        return dist.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def _drain(
    client: Any, job: Job, tasks: Iterator[Task], window: int, on_row: OnRow, grace: float
) -> None:
    import distributed

    dist: Any = distributed
    pending: dict[Any, tuple[Any, Task]] = {}

    def submit(task: Task) -> Any:
        # pure=False: the same input twice (a re-run) must run again, not reuse a result.
        future = client.submit(run_task, job, task, pure=False)
        pending[future.key] = (future, task)
        return future

    first = [submit(t) for _, t in zip(range(window), tasks, strict=False)]
    queue = dist.as_completed(first, loop=client.loop)
    while not queue.is_empty():
        watch = _Watch(client, grace)
        while not queue.has_ready() and not watch.lost():
            time.sleep(POLL)
        # A finished result can still be lost with its worker: then fetching it waits for
        # the task to run again, which needs a worker too.
        row = _fetch(next(queue), pending, watch) if queue.has_ready() else None
        if row is None:
            _abandon(client, pending, tasks, grace, on_row)
            return
        if not on_row(row):
            client.cancel([f for f, _ in pending.values()])
            return
        following = next(tasks, None)
        if following is not None:
            queue.add(submit(following))


class _Watch:
    """Says when the cluster has had no worker for ``grace`` seconds (asks once a second)."""

    def __init__(self, client: Any, grace: float) -> None:
        self.client, self.grace = client, grace
        self.seen = self.checked = time.monotonic()

    def lost(self) -> bool:
        now = time.monotonic()
        if now - self.checked >= CHECK_WORKERS_EVERY:
            self.checked = now
            if self.client.scheduler_info()["workers"]:
                self.seen = now
        return now - self.seen >= self.grace


def _fetch(future: Any, pending: dict[Any, tuple[Any, Task]], watch: _Watch) -> Row | None:
    """The row of a finished future, or None (the task left pending) if no worker is left."""
    while True:
        try:
            future.result(timeout=CHECK_WORKERS_EVERY)
        except TimeoutError:  # run_task catches its own errors: this is the wait timing out
            if watch.lost():
                return None
            continue
        except Exception:  # the task's own error: _row reports it
            log.debug("task for %s raised", pending[future.key][1].source, exc_info=True)
        break
    _, task = pending.pop(future.key)
    row = _row(future, task)
    future.release()  # the result is ours now; let the cluster forget it
    return row


def _abandon(
    client: Any,
    pending: dict[Any, tuple[Any, Task]],
    tasks: Iterator[Task],
    grace: float,
    on_row: OnRow,
) -> None:
    """Fail every file not yet briefed: the cluster has had no worker for ``grace`` s."""
    log.warning("no Dask worker for %g s; failing the %d file(s) left", grace, len(pending))
    client.cancel([f for f, _ in pending.values()])
    reason = f"no Dask worker left (none connected for {grace:g} s); run again to resume"
    left = sorted((task for _, task in pending.values()), key=lambda t: t.source)
    for task in [*left, *tasks]:
        if not on_row(failed(task, reason)):
            return


def _row(future: Any, task: Task) -> Row:
    """The task's row; a task Dask gave up on (e.g. ``KilledWorker``) fails only its file."""
    try:
        row: Row = future.result()
    except Exception as exc:
        log.debug("task for %s failed on the cluster", task.source, exc_info=True)
        if type(exc).__name__ == "KilledWorker":
            return failed(task, "worker process died while briefing it (crash or out of memory)")
        return failed(task, f"cluster error {type(exc).__name__}: {exc}")
    return row
