"""Run batch tasks on local worker processes, surviving workers that die.

A ``ProcessPoolExecutor`` breaks as a whole when one worker dies (segfault, OOM kill,
``os._exit``), and every unfinished future fails with ``BrokenProcessPool`` without saying
which task did it. So the tasks that were in flight become *suspects*: each is re-run alone
in a one-worker pool, where a second death convicts exactly that file; the rest of the
batch then continues on a fresh pool. In-flight work is capped at a small window, which
keeps the number of suspects (and the parent's memory) small however large the folder.

Workers die with the process that runs the batch, however it ends (``kill -9`` included):
each holds the read end of a *lifeline* pipe whose only write end is in that process, and
exits when it reads end-of-file. (Their parent is the forkserver, not the batch, so
``os.getppid()`` or ``PR_SET_PDEATHSIG`` would not notice; and each worker holds the write
end of the pool's own queues, so those never report the batch gone.) Once the workers are
gone the forkserver and the resource tracker see end-of-file on their own pipes and exit.
When the batch is interrupted, files that finish while the pool shuts down still get
their rows.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection

from briefer.batch.work import Job, Row, Task, failed, run_task

log = logging.getLogger(__name__)

#: Tasks a worker runs before it is replaced. Briefing leaks nothing big, but caches
#: (fonts, layout, regexes) creep up by ~10 MB per 100 articles; a fresh worker costs ~1 s
#: of warm-up, so recycling every 200 tasks keeps memory flat for <1% of the time.
RECYCLE_AFTER = 200
#: Tasks in flight per worker: one running and one queued, so no worker waits on the parent.
WINDOW_PER_WORKER = 2
DIED = "worker process died while briefing it (crash or out of memory)"
#: A worker's exit status when the batch that started it is gone.
ORPHANED = 75

_lifeline: list[Connection] = []  # [read end, write end], made once per batch process

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


def _worker_init(lifeline: Connection) -> None:
    # Ctrl-C is the parent's to handle: it stops submitting and lets running files finish,
    # instead of every worker printing a KeyboardInterrupt traceback mid-write.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    release_stdout()  # already so under the forkserver; spawned workers get it here
    threading.Thread(target=_watch, args=(lifeline,), name="lifeline", daemon=True).start()


def _watch(lifeline: Connection) -> None:
    """Exit the worker once the batch process is gone (the lifeline reads end-of-file)."""
    try:
        while True:
            lifeline.recv_bytes()  # nothing is ever sent: this returns only by raising
    except (EOFError, OSError):
        pass
    os._exit(ORPHANED)


def release_stdout() -> None:
    """Point this process's stdout at /dev/null: workers print nothing, and must not keep
    the batch's stdout open (``briefer batch … | tee log`` waits for every holder)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
    finally:
        os.close(devnull)


def _reader() -> Connection:
    """The lifeline's read end for new workers; its write end never leaves this process."""
    if not _lifeline:
        _lifeline.extend(multiprocessing.Pipe(duplex=False))
    return _lifeline[0]


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers,
        mp_context=_context(),
        initializer=_worker_init,
        initargs=(_reader(),),
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
        # already running finish and are written whole, and are reported here.
        pool.shutdown(wait=True, cancel_futures=True)
        _report_finished(inflight, on_row)


def _settle(inflight: dict[Future[Row], Task], on_row: OnRow) -> list[Task] | None:
    """After a break: report the futures that did finish; the others are suspects."""
    wait(inflight)  # a broken pool resolves every future at once
    suspects = []
    for future, task in sorted(inflight.items(), key=lambda item: item[1].source):
        if isinstance(future.exception(), BrokenProcessPool):
            suspects.append(task)
            continue
        del inflight[future]  # reported: not again after the shutdown
        if not on_row(_row(future, task)):
            return None
    return suspects


def _report_finished(inflight: dict[Future[Row], Task], on_row: OnRow) -> None:
    """Rows of the files that finished after the parent stopped looking (Ctrl-C, SIGTERM,
    --fail-fast): their outputs and stamp are written, so they are not ``cancelled``."""
    for future, task in sorted(inflight.items(), key=lambda item: item[1].source):
        finished = future.done() and not future.cancelled()
        if finished and not isinstance(future.exception(), BrokenProcessPool):
            on_row(_row(future, task))
    inflight.clear()


def _row(future: Future[Row], task: Task) -> Row:
    """The task's row; an error outside run_task (e.g. unpicklable result) fails the file."""
    exc = future.exception()
    return failed(task, f"{type(exc).__name__}: {exc}") if exc else future.result()


def _run_alone(job: Job, suspects: list[Task], on_row: OnRow) -> bool:
    """Run each suspect in a one-worker pool; False if ``on_row`` asked to stop."""
    pool = _pool(1)
    current: dict[Future[Row], Task] = {}
    try:
        for task in suspects:
            future = pool.submit(run_task, job, task)
            current = {future: task}
            try:
                row = future.result()
            except BrokenProcessPool:
                row = failed(task, DIED)
                pool.shutdown(wait=True)
                pool = _pool(1)
            current = {}
            if not on_row(row):
                return False
        return True
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _report_finished(current, on_row)
