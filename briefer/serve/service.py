"""Briefing requests off the event loop: a bounded worker pool, a cache, and de-duplication.

Briefing and PDF rendering are CPU-bound (1-2 s each for a long article), so they run in a
pool of worker *processes*: threads would share one core under the GIL, and a crash or a
leak in a worker cannot take the server down. Requests for an id already being worked on
wait for that job instead of starting another, so the same article is never briefed twice,
even when twenty identical requests arrive at once.

A job has a time limit, and a job nobody waits for any more (every client that asked for
it hung up) is cancelled: otherwise two slow jobs hold both workers for as long as they
run, and every other request queues behind them. A job that is already running cannot be
cancelled in a ProcessPoolExecutor, so its pool is killed and replaced; the other jobs
that were on it are run again on the new pool.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import logging
import multiprocessing
import weakref
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from briefer.errors import BrieferError, RenderError, UnsupportedFormatError
from briefer.serve import jobs
from briefer.serve.store import CardFiles, Entry, Store, content_id

log = logging.getLogger(__name__)
T = TypeVar("T")

# Jobs allowed to wait for a worker before new ones are turned away with 503: about a
# minute of work on two workers at the sample's ~2 s per briefing and card.
DEFAULT_MAX_PENDING = 64
# Seconds a job may run before it is stopped (the default of ``briefer batch --timeout``).
DEFAULT_JOB_TIMEOUT = 300.0
# Seconds a job waits for a new pool's warm-up before its own time starts anyway.
WARM_SECONDS = 120.0
# Errors of a full disk or quota: the cache cannot take the briefing.
_DISK_FULL = frozenset([errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)])


class ServeError(Exception):
    """A request that cannot be served: an HTTP status and one plain sentence."""

    def __init__(self, status: int, detail: str, *, close: bool = False) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.close = close  # end the connection after answering (a body may be arriving)


def _translate(exc: BrieferError) -> ServeError:
    """The HTTP status of a pipeline error; its message already says what to do."""
    if isinstance(exc, UnsupportedFormatError):
        return ServeError(415, str(exc))
    if isinstance(exc, RenderError):
        return ServeError(500, f"the card could not be rendered: {exc}")
    # InputError, ExtractionError, SummarizeError: the input is readable but no article.
    return ServeError(422, str(exc))


def _disk_error(exc: OSError) -> ServeError:
    """The error for a cache write that failed (507 when the disk is full)."""
    if exc.errno in _DISK_FULL:
        return ServeError(
            507, "the server's disk is full, so the briefing could not be saved; try again later"
        )
    reason = exc.strerror or type(exc).__name__
    return ServeError(503, f"the server could not save the briefing ({reason}); try again later")


def _log_failure(task: asyncio.Future[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("rendering a card ahead of time failed: %s", task.exception())


class BriefingService:
    """Brief inputs and render cards through the cache and the worker pool."""

    def __init__(
        self,
        store: Store,
        *,
        workers: int,
        max_upload_bytes: int,
        max_pending: int = DEFAULT_MAX_PENDING,
        job_timeout: float = DEFAULT_JOB_TIMEOUT,
    ) -> None:
        self.store = store
        self.workers = workers
        self.max_upload_bytes = max_upload_bytes
        self.max_pending = max_pending
        self.job_timeout = job_timeout  # seconds; 0 for none
        self.jobs_started = 0  # counted so tests can check that the cache works
        self.pools_killed = 0  # counted so tests can check that stuck workers are replaced
        self._pending = 0
        self._executor: ProcessPoolExecutor | None = None
        # Pools killed on purpose: their other jobs run again on the next pool.
        self._killed: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()
        self._inflight: dict[tuple[str, ...], asyncio.Future[Any]] = {}
        self._waiters: dict[tuple[str, ...], int] = {}
        self._tasks: set[asyncio.Future[Any]] = set()  # background card jobs
        # One job per worker at a time: a job waits here, not in the pool's queue, so its
        # time limit counts from when it starts, and a job abandoned while waiting is just
        # dropped (the pool cannot take back a job it has queued).
        # The card lock: saving a card and replacing its briefing take turns.
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore, asyncio.Lock] | None = None
        self._warming: list[Future[str]] = []  # the new pool's warm-up jobs

    def start(self) -> None:
        """Start the worker processes and import the pipeline in each, ahead of requests."""
        if self._executor is None:
            # spawn, not fork: forking a process that runs an event loop and threads can
            # copy held locks into the child.
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
            self._warming = [self._executor.submit(jobs.warm) for _ in range(self.workers)]

    def close(self) -> None:
        """Stop the workers, abandoning queued jobs."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def brief(self, data: bytes | str, title: str | None) -> tuple[str, Entry, bool]:
        """Brief an input (cached by content id); returns (id, entry, whether it is new)."""
        briefing_id = content_id(data, title)
        cached = await asyncio.to_thread(self.store.get, briefing_id)
        if cached is not None:
            return briefing_id, cached, False

        async def work() -> Entry:
            briefing, article = await self._run(jobs.brief_job, data, title, self.max_upload_bytes)
            entry = Entry(briefing_json=briefing, article_json=article)
            await _save(self.store.put, briefing_id, entry)
            return entry

        entry, new = await self._once(("brief", briefing_id), work)
        return briefing_id, entry, new

    async def get(self, briefing_id: str) -> Entry:
        """A cached briefing; 404 when there is none."""
        entry = await asyncio.to_thread(self.store.get, briefing_id)
        if entry is None:
            raise ServeError(
                404, f"no briefing with id {briefing_id}; post the article to /api/briefings"
            )
        return entry

    async def card(self, briefing_id: str) -> CardFiles:
        """The rendered card (HTML and PDF) of a cached briefing, rendering it if need be."""
        cached = await asyncio.to_thread(self.store.get_card, briefing_id)
        if cached is not None:
            return cached
        entry = await self.get(briefing_id)
        version = _version(entry)
        html = await asyncio.to_thread(self.store.get_card_html, briefing_id)
        if html is None and ("fit", briefing_id, version) in self._inflight:
            html = await self._fit(briefing_id, entry)
        if html is not None:  # an edited card: laid out, its PDF written apart
            return CardFiles(html=html, pdf=await self._pdf(briefing_id, version, html))
        return await self._whole(briefing_id, entry)

    async def card_html(self, briefing_id: str) -> str:
        """The card's HTML, without waiting for an edited card's PDF to be written."""
        cached = await asyncio.to_thread(self.store.get_card_html, briefing_id)
        if cached is not None:
            return cached
        entry = await self.get(briefing_id)
        if ("fit", briefing_id, _version(entry)) in self._inflight:
            return await self._fit(briefing_id, entry)
        return (await self._whole(briefing_id, entry)).html

    async def replace(self, briefing_id: str, entry: Entry) -> None:
        """Save an edited briefing and drop the old one's card.

        Under the card lock, so a card of the old briefing still being laid out is not
        saved over the new one (``_save_card`` checks which briefing is current)."""

        def put(briefing_id: str, entry: Entry) -> None:
            self.store.put(briefing_id, entry)
            self.store.drop_card(briefing_id)

        async with self._state()[1]:
            await _save(put, briefing_id, entry)

    async def refit(self, briefing_id: str) -> str:
        """Lay an edited briefing's card out and save its HTML; the PDF is written next, in
        the background, and downloads wait for it."""
        return await self._fit(briefing_id, await self.get(briefing_id))

    def prefetch_card(self, briefing_id: str) -> None:
        """Start rendering a card now, for a page that is about to ask for it."""
        if not any(key[1] == briefing_id for key in self._inflight if key[0] != "brief"):
            self._background(self.card(briefing_id))

    def _background(self, work: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self._tasks.discard)
        # The job registers itself in _inflight; only log failures nobody waits for.
        task.add_done_callback(_log_failure)

    async def _whole(self, briefing_id: str, entry: Entry) -> CardFiles:
        version = _version(entry)

        async def work() -> CardFiles:
            html, pdf = await self._run(jobs.card_job, entry.briefing_json)
            card = CardFiles(html=html, pdf=pdf)
            await self._save_card(briefing_id, version, card)
            return card

        card, _ = await self._once(("card", briefing_id, version), work)
        return card

    async def _fit(self, briefing_id: str, entry: Entry) -> str:
        version = _version(entry)

        async def work() -> str:
            html = await self._run(jobs.fit_job, entry.briefing_json)
            if await self._save_card(briefing_id, version, html):
                self._background(self._pdf(briefing_id, version, html))
            return html

        html, _ = await self._once(("fit", briefing_id, version), work)
        return html

    async def _pdf(self, briefing_id: str, version: str, html: str) -> bytes:
        async def work() -> bytes:
            pdf = await self._run(jobs.pdf_job, html)
            await self._save_card(briefing_id, version, CardFiles(html=html, pdf=pdf))
            return pdf

        pdf, _ = await self._once(("pdf", briefing_id, version), work)
        return pdf

    async def _save_card(self, briefing_id: str, version: str, card: CardFiles | str) -> bool:
        """Save a card (or an edited card's HTML alone) laid out from briefing ``version``,
        unless the briefing was edited since; whether it was saved."""
        async with self._state()[1]:
            current = await asyncio.to_thread(self.store.get, briefing_id)
            if current is None or _version(current) != version:
                return False
            if isinstance(card, str):
                await _save(self.store.put_card_html, briefing_id, card)
            else:
                await _save(self.store.put_card, briefing_id, card)
            return True

    async def _once(self, key: tuple[str, ...], work: Callable[[], Awaitable[T]]) -> tuple[T, bool]:
        """Run ``work`` once per key at a time; concurrent callers share its result.

        The job is cancelled when its last waiter is (a client that hung up), not before:
        one client leaving must not cancel the job other requests wait for.
        """
        running = self._inflight.get(key)
        new = running is None
        if running is None:
            running = asyncio.ensure_future(work())
            self._inflight[key] = running
            self._waiters[key] = 0
            running.add_done_callback(lambda job: self._forget(key, job))
        self._waiters[key] += 1
        try:
            return await asyncio.shield(running), new
        finally:
            if not running.done():
                self._waiters[key] -= 1
                if self._waiters[key] == 0:
                    log.info("nobody waits for %s %s any more; cancelling it", *key[:2])
                    # Forgotten now, not when the cancellation is done: a request for the
                    # same id in between starts a new job instead of sharing a cancelled one.
                    self._forget(key, running)
                    running.cancel()

    def _forget(self, key: tuple[str, ...], job: asyncio.Future[Any]) -> None:
        if self._inflight.get(key) is job:
            del self._inflight[key]
            del self._waiters[key]

    def _state(self) -> tuple[asyncio.Semaphore, asyncio.Lock]:
        """The job slots and the card lock; they belong to one event loop (a test client
        has its own)."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self.workers), asyncio.Lock())
        return self._slots[1], self._slots[2]

    def _pool(self) -> ProcessPoolExecutor:
        self.start()
        assert self._executor is not None
        return self._executor

    def _kill(self, executor: ProcessPoolExecutor, why: str) -> None:
        """Stop a pool whose running job must stop (out of time, or abandoned)."""
        if executor is not self._executor:
            return  # already killed and replaced
        log.warning("%s; stopping its worker processes and starting new ones", why)
        self._executor = None
        self._killed.add(executor)
        self.pools_killed += 1
        # The pool has no way to stop one running task; its processes are terminated, and
        # every job still on it then fails with BrokenProcessPool (and is run again).
        for process in list((executor._processes or {}).values()):
            process.kill()
        executor.shutdown(wait=False)

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._pending >= self.max_pending:
            raise ServeError(503, "the server is busy with other articles; try again in a minute")
        self._pending += 1
        self.jobs_started += 1
        try:
            async with self._state()[0]:
                return await self._run_on_pool(fn, *args)
        except BrieferError as exc:
            raise _translate(exc) from exc
        finally:
            self._pending -= 1

    async def _run_on_pool(self, fn: Callable[..., T], *args: Any) -> T:
        while True:
            executor = self._pool()
            # A new pool's warm-up (~3 s) is not the job's time: it waits for it first.
            if self._warming:
                warming = [asyncio.wrap_future(f) for f in self._warming]
                await asyncio.wait(warming, timeout=WARM_SECONDS)
            try:
                return await self._attempt(executor, fn, *args)
            except BrokenProcessPool as exc:
                if executor in self._killed:
                    continue  # killed for another job's sake: this one runs again
                log.exception("a worker process died; starting a new pool")
                if executor is self._executor:
                    self._executor = None
                    executor.shutdown(wait=False, cancel_futures=True)
                raise ServeError(503, "a worker stopped unexpectedly; try again") from exc

    async def _attempt(self, executor: ProcessPoolExecutor, fn: Callable[..., T], *args: Any) -> T:
        """Run one job on ``executor`` within the time limit."""
        future = executor.submit(fn, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.job_timeout or None)
        except TimeoutError:
            self._kill(executor, f"a job ran longer than {self.job_timeout:g} s")
            raise ServeError(
                504,
                f"briefing this article took longer than the server's {self.job_timeout:g} s "
                "limit; send a shorter document or try again later",
            ) from None
        except asyncio.CancelledError:
            # Nobody waits for the job any more; its worker would stay busy until it
            # finishes, so the pool goes (unless the job had not started).
            if not future.cancel():
                self._kill(executor, "a running job was abandoned by its clients")
            raise


def _version(entry: Entry) -> str:
    """Which briefing a card is of: a digest of the briefing JSON it was laid out from."""
    return hashlib.sha256(entry.briefing_json.encode("utf-8")).hexdigest()[:16]


async def _save(put: Callable[[str, Any], None], briefing_id: str, value: Any) -> None:
    """Write to the cache, translating a full or failing disk into a JSON error."""
    try:
        await asyncio.to_thread(put, briefing_id, value)
    except OSError as exc:
        raise _disk_error(exc) from exc
