"""Noticing a client that hangs up while its briefing is being made.

Starlette does not cancel a handler whose client disconnects: the only sign is an
``http.disconnect`` message from ``receive`` once the body has been read. Waiting for the
result and for that message at once lets the handler stop waiting when the client goes,
and the service cancels a job nobody waits for (see :meth:`BriefingService._once`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

from starlette.requests import Request

from briefer.serve.service import ServeError

T = TypeVar("T")

# Not sent to anyone (the client has gone); the status nginx logs for the same event.
CLIENT_GONE = 499


async def _disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass  # the rest of a body nobody read: the client is still there


async def while_connected(request: Request, work: Awaitable[T]) -> T:
    """The result of ``work``, unless the client disconnects first (then 499)."""
    job = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({job, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
        if not job.done():
            job.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await job  # let the cancellation reach the service before answering
    if job.cancelled():
        raise ServeError(CLIENT_GONE, "the client closed the connection before the answer")
    return job.result()
