"""``briefer serve``: the web page and HTTP API, with its limits."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from briefer.cli import links
from briefer.cli.app import DEFAULTS, app

__all__ = ["serve"]


@app.command()
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    cache_dir: Annotated[
        Path | None,
        typer.Option("--cache-dir", help="Cache folder (default ~/.cache/briefer/serve)."),
    ] = None,
    max_upload_mb: Annotated[
        int, typer.Option("--max-upload-mb", min=1, help="Largest upload accepted, in MB.")
    ] = 20,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Worker processes briefing articles.")
    ] = 2,
    job_timeout: Annotated[
        float, typer.Option("--job-timeout", min=0, help="Seconds per briefing; 0: none.")
    ] = DEFAULTS.timeout,
    body_timeout: Annotated[
        float, typer.Option("--body-timeout", min=0, help="Seconds to receive an upload.")
    ] = 120.0,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option("--allowed-host", help="Another Host name to answer to (* for any)."),
    ] = None,
    allow_fetch: links.AllowFetchOption = False,
) -> None:
    """Serve the web page and HTTP API (API docs at /docs)."""
    try:
        from briefer.serve import run
    except ImportError as exc:  # the web stack is an optional extra
        typer.echo(
            f"Error: briefer serve needs {exc.name}; install it with: pip install 'briefer[serve]'",
            err=True,
        )
        raise typer.Exit(1) from exc
    run(
        host=host,
        port=port,
        cache_dir=cache_dir,
        max_upload_bytes=max_upload_mb * 1_000_000,
        workers=workers,
        job_timeout=job_timeout,
        body_timeout=body_timeout,
        allowed_hosts=tuple(allowed_host or ()),
        allow_fetch=allow_fetch,
    )
