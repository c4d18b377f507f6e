"""Bounds on receiving request bodies: a time limit, and how many arrive at once.

Without them a client that sends half a body holds its connection (and a file
descriptor) forever; some thousand of those took the server offline. A body must arrive
within ``timeout`` seconds in all and with no gap longer than ``idle_timeout`` (408
otherwise; 0 for no limit), and at most ``max_uploads`` bodies are received at once (503 beyond).
"""

from __future__ import annotations

import asyncio
import math

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from briefer.serve.responses import json_error
from briefer.serve.service import ServeError

# A 20 MB upload over a 2 Mbit/s uplink takes 80 s; a stalled one sends nothing at all.
DEFAULT_BODY_TIMEOUT = 120.0
DEFAULT_BODY_IDLE_TIMEOUT = 15.0
# Uploads received at once; each is also a job soon, and DEFAULT_MAX_PENDING is 64.
DEFAULT_MAX_UPLOADS = 32
_WITH_BODY = frozenset(["POST", "PUT", "PATCH"])


class BodyLimits:
    """ASGI middleware: time-limit each request body and count those in flight."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        timeout: float = DEFAULT_BODY_TIMEOUT,
        idle_timeout: float = DEFAULT_BODY_IDLE_TIMEOUT,
        max_uploads: int = DEFAULT_MAX_UPLOADS,
    ) -> None:
        self.app = app
        self.timeout = timeout
        self.idle_timeout = idle_timeout
        self.max_uploads = max_uploads
        self.receiving = 0  # bodies being received now

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _WITH_BODY:
            await self.app(scope, receive, send)
            return
        if self.receiving >= self.max_uploads:
            detail = "the server is receiving too many uploads at once; try again in a minute"
            await json_error(503, detail, close=True)(scope, receive, send)
            return
        self.receiving += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self.timeout or math.inf)  # 0: no limit
        finished = False

        def finish() -> None:
            nonlocal finished
            if not finished:
                finished = True
                self.receiving -= 1

        async def timed_receive() -> Message:
            if finished:  # the body is in: later messages (a disconnect) may take any time
                return await receive()
            wait = max(min(self.idle_timeout or math.inf, deadline - loop.time()), 0)
            try:
                message = await asyncio.wait_for(receive(), None if wait == math.inf else wait)
            except TimeoutError:
                finish()
                raise ServeError(
                    408,
                    f"the upload stalled or took longer than {self.timeout:g} s; "
                    "send it again over a faster connection",
                    close=True,
                ) from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                finish()
            return message

        try:
            await self.app(scope, timed_receive, send)
        finally:
            finish()
