"""``briefer serve``: a web page and an HTTP API over the pipeline (FastAPI + uvicorn).

- ``app``      the app factory :func:`create_app`, API docs served from local files
- ``api``      ``/api/briefings`` routes; ``page`` the page and its static files
- ``service``  worker pool, cache and de-duplication; ``jobs`` what the workers run
- ``store``    the on-disk cache; ``uploads`` bounded request parsing; ``card`` the
               clickable card; ``models`` the API's wrappers around ``Briefing``
- ``bodies``   time limit and count of request bodies; ``hosts`` Host and Origin
               checks; ``clients`` noticing a client that hung up; ``responses`` the
               JSON error shape

Only this package imports FastAPI, Starlette and uvicorn, and only ``briefer serve``
imports this package, so the rest of briefer never pays for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefer.serve.app import create_app, default_cache_dir

__all__ = ["create_app", "default_cache_dir", "run"]

# Seconds an idle keep-alive connection is kept (uvicorn's default, stated).
KEEP_ALIVE_SECONDS = 5
# Connections and tasks at once; a quarter of the usual 1024 open files per process.
LIMIT_CONCURRENCY = 256


def run(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    cache_dir: Path | None = None,
    max_upload_bytes: int | None = None,
    workers: int | None = None,
    job_timeout: float | None = None,
    body_timeout: float | None = None,
    allowed_hosts: Sequence[str] = (),
    allow_fetch: bool = False,
) -> None:
    """Serve the app with uvicorn until interrupted.

    The app answers only to the names of ``host`` (every loopback name when it is a
    loopback address) and to ``allowed_hosts`` (``"*"`` for any).
    """
    import uvicorn

    from briefer.serve.app import DEFAULT_MAX_UPLOAD, DEFAULT_WORKERS
    from briefer.serve.bodies import DEFAULT_BODY_TIMEOUT
    from briefer.serve.hosts import allowed_hosts_for
    from briefer.serve.service import DEFAULT_JOB_TIMEOUT

    app = create_app(
        cache_dir=cache_dir,
        max_upload_bytes=max_upload_bytes or DEFAULT_MAX_UPLOAD,
        workers=workers or DEFAULT_WORKERS,
        job_timeout=DEFAULT_JOB_TIMEOUT if job_timeout is None else job_timeout,
        body_timeout=DEFAULT_BODY_TIMEOUT if body_timeout is None else body_timeout,
        allowed_hosts=allowed_hosts_for(host, allowed_hosts),
        allow_fetch=allow_fetch,
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        # Idle keep-alive connections go after a few seconds, and past LIMIT_CONCURRENCY
        # connections uvicorn answers 503 at once: the process stays under its file limit.
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        limit_concurrency=LIMIT_CONCURRENCY,
    )
