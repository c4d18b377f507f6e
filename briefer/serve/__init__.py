"""``briefer serve``: a web page and an HTTP API over the pipeline (FastAPI + uvicorn).

- ``app``      the app factory :func:`create_app`, API docs served from local files
- ``api``      ``/api/briefings`` routes; ``page`` the page and its static files
- ``service``  worker pool, cache and de-duplication; ``jobs`` what the workers run
- ``store``    the on-disk cache; ``uploads`` bounded request parsing; ``card`` the
               clickable card; ``models`` the API's wrappers around ``Briefing``

Only this package imports FastAPI, Starlette and uvicorn, and only ``briefer serve``
imports this package, so the rest of briefer never pays for them.
"""

from __future__ import annotations

from pathlib import Path

from briefer.serve.app import create_app, default_cache_dir

__all__ = ["create_app", "default_cache_dir", "run"]


def run(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    cache_dir: Path | None = None,
    max_upload_bytes: int | None = None,
    workers: int | None = None,
    allow_fetch: bool = False,
) -> None:
    """Serve the app with uvicorn until interrupted."""
    import uvicorn

    from briefer.serve.app import DEFAULT_MAX_UPLOAD, DEFAULT_WORKERS

    app = create_app(
        cache_dir=cache_dir,
        max_upload_bytes=max_upload_bytes or DEFAULT_MAX_UPLOAD,
        workers=workers or DEFAULT_WORKERS,
        allow_fetch=allow_fetch,
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
