"""The ASGI app: the API, the page, self-hosted API docs, and the worker pool's lifetime."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from briefer._version import __version__
from briefer.serve import api, book, edits, links, page
from briefer.serve.bodies import (
    DEFAULT_BODY_IDLE_TIMEOUT,
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_MAX_UPLOADS,
    BodyLimits,
)
from briefer.serve.hosts import HostGuard
from briefer.serve.responses import json_error
from briefer.serve.service import DEFAULT_JOB_TIMEOUT, BriefingService, ServeError
from briefer.serve.store import Store

log = logging.getLogger(__name__)

DOCS_ASSETS = "/static/docs"
# Uploads up to 20 MB: long reports as PDF are a few MB (the library's own input limit).
DEFAULT_MAX_UPLOAD = 20_000_000
# Two workers match the two cores we deploy on; more would only queue inside the OS.
DEFAULT_WORKERS = 2

DESCRIPTION = """Turn articles into verifiable one-page briefings. Every line of a briefing
is a verbatim sentence of the article, with its `provenance` (`paragraph`, `start`, `end`)
in `article.text`, which each result includes so a client can check or highlight it."""


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/briefer/serve`` (``~/.cache/briefer/serve`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefer" / "serve"


class SecurityHeaders:
    """Tell browsers not to second-guess content types or leak the page address.

    ``same-origin``, not ``no-referrer``: under ``no-referrer`` a browser sends
    ``Origin: null`` with the page's own form posts, which the cross-site check
    (:class:`~briefer.serve.hosts.HostGuard`) cannot tell from another site's.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def _swagger_assets() -> Path:
    from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

    return Path(str(swagger_ui_path))


def create_app(
    cache_dir: Path | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    workers: int = DEFAULT_WORKERS,
    *,
    job_timeout: float = DEFAULT_JOB_TIMEOUT,
    body_timeout: float = DEFAULT_BODY_TIMEOUT,
    body_idle_timeout: float = DEFAULT_BODY_IDLE_TIMEOUT,
    max_uploads: int = DEFAULT_MAX_UPLOADS,
    allowed_hosts: Iterable[str] | None = None,
    allow_fetch: bool = False,
) -> FastAPI:
    """The briefer web app; everything it writes goes under ``cache_dir``.

    ``job_timeout`` bounds a briefing or card job (seconds, 0 for none); ``body_timeout``
    and ``body_idle_timeout`` a request body in all and between its parts; ``max_uploads``
    the bodies received at once. ``allowed_hosts`` are the host names the app answers to;
    None answers any (:func:`briefer.serve.run` passes the names of the bound address).
    Posts from other sites are refused either way. ``allow_fetch`` lets visitors brief a
    web page by URL (public addresses only).
    """
    store = Store(cache_dir or default_cache_dir())
    service = BriefingService(
        store, workers=workers, max_upload_bytes=max_upload_bytes, job_timeout=job_timeout
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        service.start()
        try:
            yield
        finally:
            service.close()

    app = FastAPI(
        title="briefer",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # served below from local files: the default loads Swagger UI from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    # Outermost last: headers on every answer, hosts checked before a body is received.
    app.add_middleware(
        BodyLimits, timeout=body_timeout, idle_timeout=body_idle_timeout, max_uploads=max_uploads
    )
    app.add_middleware(HostGuard, allowed=allowed_hosts)
    app.state.allow_fetch = allow_fetch
    app.add_middleware(SecurityHeaders)
    app.include_router(links.router)  # before api: /api/briefings/url is not an id
    app.include_router(edits.router)
    app.include_router(api.router)
    app.include_router(book.router)
    app.include_router(page.router)
    app.mount(DOCS_ASSETS, StaticFiles(directory=_swagger_assets()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="briefer API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )

    @app.exception_handler(ServeError)
    async def serve_error(request: Request, exc: ServeError) -> JSONResponse:
        return json_error(exc.status, exc.detail, close=exc.close)

    # Anything else is a bug; the client still gets JSON in the API's shape (Starlette
    # logs the traceback and answers with this).
    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        return json_error(
            500, "the server failed on this request; try again, and report it if it persists"
        )

    return app
