"""Briefing requests off the event loop: a bounded worker pool, a cache, and de-duplication.

Briefing and PDF rendering are CPU-bound (1-2 s each for a long article), so they run in a
pool of worker *processes*: threads would share one core under the GIL, and a crash or a
leak in a worker cannot take the server down. Requests for an id already being worked on
wait for that job instead of starting another, so the same article is never briefed twice,
even when twenty identical requests arrive at once.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
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


class ServeError(Exception):
    """A request that cannot be served: an HTTP status and one plain sentence."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _translate(exc: BrieferError) -> ServeError:
    """The HTTP status of a pipeline error; its message already says what to do."""
    if isinstance(exc, UnsupportedFormatError):
        return ServeError(415, str(exc))
    if isinstance(exc, RenderError):
        return ServeError(500, f"the card could not be rendered: {exc}")
    # InputError, ExtractionError, SummarizeError: the input is readable but no article.
    return ServeError(422, str(exc))


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
    ) -> None:
        self.store = store
        self.workers = workers
        self.max_upload_bytes = max_upload_bytes
        self.max_pending = max_pending
        self.jobs_started = 0  # counted so tests can check that the cache works
        self._pending = 0
        self._executor: ProcessPoolExecutor | None = None
        self._inflight: dict[tuple[str, str], asyncio.Future[Any]] = {}

    def start(self) -> None:
        """Start the worker processes and import the pipeline in each, ahead of requests."""
        if self._executor is None:
            # spawn, not fork: forking a process that runs an event loop and threads can
            # copy held locks into the child.
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
            for _ in range(self.workers):
                self._executor.submit(jobs.warm)

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
            await asyncio.to_thread(self.store.put, briefing_id, entry)
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
        """The rendered card of a cached briefing, rendering it on first request."""
        cached = await asyncio.to_thread(self.store.get_card, briefing_id)
        if cached is not None:
            return cached
        entry = await self.get(briefing_id)

        async def work() -> CardFiles:
            html, pdf = await self._run(jobs.card_job, entry.briefing_json)
            card = CardFiles(html=html, pdf=pdf)
            await asyncio.to_thread(self.store.put_card, briefing_id, card)
            return card

        card, _ = await self._once(("card", briefing_id), work)
        return card

    def prefetch_card(self, briefing_id: str) -> None:
        """Start rendering a card now, for a page that is about to ask for it."""
        if ("card", briefing_id) not in self._inflight:
            task = asyncio.ensure_future(self.card(briefing_id))
            # The task registers itself in _inflight; only log failures nobody waits for.
            task.add_done_callback(_log_failure)

    async def _once(self, key: tuple[str, str], work: Callable[[], Awaitable[T]]) -> tuple[T, bool]:
        """Run ``work`` once per key at a time; concurrent callers share its result."""
        running = self._inflight.get(key)
        if running is not None:
            return await asyncio.shield(running), False
        task = asyncio.ensure_future(work())
        self._inflight[key] = task
        task.add_done_callback(lambda _: self._inflight.pop(key, None))
        # shield: a client that hangs up must not cancel the job other requests wait for.
        return await asyncio.shield(task), True

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._pending >= self.max_pending:
            raise ServeError(503, "the server is busy with other articles; try again in a minute")
        self.start()
        assert self._executor is not None
        self._pending += 1
        self.jobs_started += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)
        except BrieferError as exc:
            raise _translate(exc) from exc
        except BrokenProcessPool as exc:
            log.exception("a worker process died; starting a new pool")
            broken, self._executor = self._executor, None
            broken.shutdown(wait=False, cancel_futures=True)
            raise ServeError(503, "a worker stopped unexpectedly; try again") from exc
        finally:
            self._pending -= 1
