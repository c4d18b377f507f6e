"""Run batch tasks on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Dask does the distributing, the retries and the worker supervision; this module only feeds
it a bounded window of tasks and turns every outcome into a row. Each task is
:func:`briefer.batch.work.run_task`, pickled by reference, so every worker needs the same
briefer installed, and reads its input and writes its outputs itself through the paths or
fsspec URLs in the task. A worker that dies (crash, or killed by its nanny over the memory
limit) makes Dask retry the task elsewhere; after ``distributed.scheduler.allowed-failures``
deaths the task fails with ``KilledWorker`` and only that file is marked failed.
"""

from __future__ import annotations

import logging
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


def run_dask(address: str, job: Job, tasks: list[Task], on_row: Callable[[Row], bool]) -> None:
    """Run ``tasks`` on the cluster at ``address``, calling ``on_row`` as each finishes."""
    with _connect(address) as client:
        threads = sum(client.nthreads().values()) or 1
        _drain(client, job, iter(tasks), threads * WINDOW_PER_THREAD, on_row)


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
    client: Any, job: Job, tasks: Iterator[Task], window: int, on_row: Callable[[Row], bool]
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
    for future in queue:
        _, task = pending.pop(future.key)
        row = _row(future, task)
        future.release()  # the result is ours now; let the cluster forget it
        if not on_row(row):
            client.cancel([f for f, _ in pending.values()])
            return
        following = next(tasks, None)
        if following is not None:
            queue.add(submit(following))


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
