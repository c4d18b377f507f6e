"""The web page: drop or paste an article, read its card beside the source, check each line.

Server-rendered (jinja2, autoescaped) and usable without JavaScript: the form posts and is
redirected to the result page. ``app.js`` adds drag and drop and the click-to-highlight.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from briefer._resources import all_font_faces, templates_dir
from briefer.render.templates import environment
from briefer.schema import Briefing
from briefer.serve.api import CARD_CSP, checked_id, result_of, service_of
from briefer.serve.card import interactive
from briefer.serve.clients import while_connected
from briefer.serve.messages import BriefingResult
from briefer.serve.service import ServeError
from briefer.serve.uploads import read_submission

router = APIRouter(include_in_schema=False)

# Scripts and styles only from the app itself; the card iframe comes from the same origin.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " font-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none';"
    " form-action 'self'; object-src 'none'"
)
STATIC_FILES = {"app.js": "text/javascript", "app.css": "text/css"}
STATIC_FILES |= {"edit.js": "text/javascript", "edit.css": "text/css"}  # the card editor


def _assets() -> Path:
    return templates_dir() / "serve"


@functools.cache
def _environment() -> jinja2.Environment:
    return environment((_assets(),))


def _page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    limit = service_of(request).max_upload_bytes
    context = {"error": None, "result": None, "text": "", "title": "", "url": "", **context}
    context["allow_fetch"] = bool(getattr(request.app.state, "allow_fetch", False))
    if context["error"]:  # pipeline messages start in lower case, after a file name
        context["error"] = context["error"][:1].upper() + context["error"][1:]
    html = (
        _environment()
        .get_template("page.html.j2")
        .render(limit_mb=f"{limit / 1e6:.3g}", limit_bytes=limit, **context)
    )
    headers = {"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-store"}
    return HTMLResponse(html, status_code=status, headers=headers)


def error_page(request: Request, status: int, error: str, **context: Any) -> HTMLResponse:
    """The home page showing ``error``, for routes that live in other modules."""
    return _page(request, status, error=error, **context)


def _cited(result: BriefingResult) -> set[int]:
    """Paragraphs that the briefing quotes from, marked in the source pane."""
    return {where.paragraph for _, where in result.briefing.excerpts()}


@router.get("/")
async def index(request: Request) -> HTMLResponse:
    """The upload page."""
    return _page(request)


@router.post("/briefings")
async def submit(request: Request) -> Response:
    """The form's target: brief, then show the result (or the form with the error)."""
    service = service_of(request)
    try:
        submission = await read_submission(request, service.max_upload_bytes)
    except ServeError as exc:
        return _page(request, exc.status, error=exc.detail)
    try:
        work = service.brief(submission.data, submission.title)
        briefing_id, _, _ = await while_connected(request, work)
    except ServeError as exc:
        pasted = submission.data if isinstance(submission.data, str) else ""
        return _page(request, exc.status, error=exc.detail, text=pasted, title=submission.title)
    service.prefetch_card(briefing_id)  # the page's frame asks for it a moment later
    # 303: the browser fetches the result with GET, so reloading it does not re-post.
    return RedirectResponse(f"/briefings/{briefing_id}", status_code=303)


@router.get("/briefings/{briefing_id}")
async def show(briefing_id: str, request: Request) -> HTMLResponse:
    """A briefing's card beside its source article."""
    try:
        entry = await service_of(request).get(checked_id(briefing_id))
    except ServeError as exc:
        return _page(request, exc.status, error=exc.detail)
    result = result_of(briefing_id, entry)
    return _page(request, result=result, cited=_cited(result))


@router.get("/briefings/{briefing_id}/card")
async def card(briefing_id: str, request: Request) -> HTMLResponse:
    """The card for the page's frame: the PDF's HTML with each line marked by its source."""
    service = service_of(request)
    entry = await service.get(checked_id(briefing_id))
    card = await while_connected(request, service.card_html(briefing_id))
    html = interactive(card, Briefing.model_validate_json(entry.briefing_json))
    return HTMLResponse(html, headers={"Content-Security-Policy": CARD_CSP})


@router.get("/static/fonts/{name}")
async def font(name: str) -> FileResponse:
    """The card's font files, so the page's card looks like the PDF."""
    for face in all_font_faces():
        if face.path.name == name:
            return FileResponse(face.path, media_type="font/ttf")
    raise ServeError(404, f"no font named {name[:60]!r}")


@router.get("/static/{name}")
async def static(name: str) -> FileResponse:
    """The page's own script and stylesheet (nothing else in the folder is served)."""
    if name not in STATIC_FILES:
        raise ServeError(404, f"no static file named {name[:60]!r}")
    return FileResponse(
        _assets() / name, media_type=STATIC_FILES[name], headers={"Cache-Control": "no-cache"}
    )
