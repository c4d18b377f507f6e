"""The one shape of every error the server answers: JSON ``{"detail": "one sentence"}``."""

from __future__ import annotations

from starlette.responses import JSONResponse


def json_error(status: int, detail: str, *, close: bool = False) -> JSONResponse:
    """An error response; ``close`` ends the connection (its body may still be arriving)."""
    headers = {"Connection": "close"} if close else None
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)
