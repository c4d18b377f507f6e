"""Run batch tasks on local worker processes, surviving workers that die.

A ``ProcessPoolExecutor`` breaks as a whole when one worker dies (segfault, OOM kill,
``os._exit``), and every unfinished future fails with ``BrokenProcessPool`` without saying
which task did it. So the tasks that were in flight become *suspects*: each is re-run alone
in a one-worker pool, where a second death convicts exactly that file; the rest of the
batch then continues on a fresh pool. In-flight work is capped at a small window, which
keeps the number of suspects (and the parent's memory) small however large the folder.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from briefer.batch.work import Job, Row, Task, failed, run_task

log = logging.getLogger(__name__)

#: Tasks a worker runs before it is replaced. Briefing leaks nothing big, but caches
#: (fonts, layout, regexes) creep up by ~10 MB per 100 articles; a fresh worker costs ~1 s
#: of warm-up, so recycling every 200 tasks keeps memory flat for <1% of the time.
RECYCLE_AFTER = 200
#: Tasks in flight per worker: one running and one queued, so no worker waits on the parent.
WINDOW_PER_WORKER = 2
DIED = "worker process died while briefing it (crash or out of memory)"

OnRow = Callable[[Row], bool]  # returns False to stop the batch (--fail-fast)


def run_local(job: Job, tasks: Iterable[Task], jobs: int, on_row: OnRow) -> None:
    """Run ``tasks`` on ``jobs`` processes, calling ``on_row`` as each one finishes."""
    todo = deque(tasks)
    while todo:
        suspects = _run_pool(job, todo, jobs, on_row)
        if suspects is None:
            return
        log.warning("a worker died; re-running %d file(s) one by one", len(suspects))
        if not _run_alone(job, suspects, on_row):
            return


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where it exists: workers fork from a clean server that has already
    imported briefer, instead of re-importing it (spawn) or copying the parent (fork)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["briefer.batch.preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_init() -> None:
    # Ctrl-C is the parent's to handle: it stops submitting and lets running files finish,
    # instead of every worker printing a KeyboardInterrupt traceback mid-write.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers,
        mp_context=_context(),
        initializer=_worker_init,
        max_tasks_per_child=RECYCLE_AFTER,
    )


def _run_pool(job: Job, todo: deque[Task], jobs: int, on_row: OnRow) -> list[Task] | None:
    """Drain ``todo`` through one pool; the suspects if a worker died, else None."""
    pool = _pool(jobs)
    inflight: dict[Future[Row], Task] = {}
    try:
        while todo or inflight:
            while todo and len(inflight) < jobs * WINDOW_PER_WORKER:
                task = todo.popleft()
                inflight[pool.submit(run_task, job, task)] = task
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for future in sorted(done, key=lambda f: inflight[f].source):
                task = inflight.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    broken = True
                    inflight[future] = task  # a suspect: settled below
                elif not on_row(_row(future, task)):
                    return None
            if broken:
                return _settle(inflight, on_row)
        return None
    finally:
        # Unstarted work is dropped (on Ctrl-C, --fail-fast or a dead worker); files
        # already running finish and are written whole.
        pool.shutdown(wait=True, cancel_futures=True)


def _settle(inflight: dict[Future[Row], Task], on_row: OnRow) -> list[Task] | None:
    """After a break: report the futures that did finish; the others are suspects."""
    wait(inflight)  # a broken pool resolves every future at once
    suspects = []
    for future, task in sorted(inflight.items(), key=lambda item: item[1].source):
        if isinstance(future.exception(), BrokenProcessPool):
            suspects.append(task)
        elif not on_row(_row(future, task)):
            return None
    return suspects


def _row(future: Future[Row], task: Task) -> Row:
    """The task's row; an error outside run_task (e.g. unpicklable result) fails the file."""
    exc = future.exception()
    return failed(task, f"{type(exc).__name__}: {exc}") if exc else future.result()


def _run_alone(job: Job, suspects: list[Task], on_row: OnRow) -> bool:
    """Run each suspect in a one-worker pool; False if ``on_row`` asked to stop."""
    pool = _pool(1)
    try:
        for task in suspects:
            try:
                row = pool.submit(run_task, job, task).result()
            except BrokenProcessPool:
                row = failed(task, DIED)
                pool.shutdown(wait=True)
                pool = _pool(1)
            if not on_row(row):
                return False
        return True
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
