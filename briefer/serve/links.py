"""Briefing a web page by its URL, only when the server was started with ``--allow-fetch``.

A server that fetches what a visitor names could be made to read its own network (SSRF),
so the fetch is public-only: every address a host name resolves to, on every redirect, must
be public, and the connection goes to the address checked (see :mod:`briefer.fetch`). The
page's bytes are then briefed like an upload; the result is cached under an id of its URL
and content, with ``source.url`` the final URL and ``source.fetched`` the time.
"""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefer.errors import FetchError
from briefer.fetch import FetchSettings, Page, RefusedError, fetch
from briefer.pipeline import briefing_json
from briefer.schema import Briefing
from briefer.serve.api import result_of, service_of
from briefer.serve.messages import BriefingResult
from briefer.serve.service import ServeError
from briefer.serve.store import Entry, content_id
from briefer.serve.uploads import read_body

router = APIRouter()

# The server's own limits: a visitor's link gets less time than a user's own command.
CONNECT_SECONDS, READ_SECONDS, TOTAL_SECONDS = 5.0, 15.0, 45.0
MAX_URL = 2000
FORM_LIMIT = 8192


class UrlSubmission(BaseModel):
    """A web page to fetch and brief."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(min_length=1, max_length=MAX_URL, description="An http(s) address.")
    title: str | None = Field(default=None, max_length=500, description="Overrides the title.")


def fetching_allowed(request: Request) -> bool:
    """Whether this server was started with ``--allow-fetch``."""
    return bool(getattr(request.app.state, "allow_fetch", False))


async def brief_link(request: Request, url: str, title: str | None) -> tuple[str, Entry, bool]:
    """Fetch ``url`` (public addresses only) and brief it; (id, entry, whether new)."""
    if not fetching_allowed(request):
        raise ServeError(
            403,
            "this server does not fetch web pages; save the page and upload the file (or"
            " start the server with briefer serve --allow-fetch)",
        )
    service = service_of(request)
    settings = FetchSettings(
        CONNECT_SECONDS, READ_SECONDS, TOTAL_SECONDS, 5, service.max_upload_bytes, True
    )
    try:
        # Network waits, not CPU: a thread keeps the event loop free and the pool for briefing.
        page = await asyncio.to_thread(fetch, url.strip(), settings)
    except FetchError as exc:
        status = 403 if isinstance(exc, RefusedError) else 422
        # The visitor knows the address they gave; the reason is what they need to read.
        detail = str(exc).removeprefix(f"{exc.path}: ") if exc.path else str(exc)
        raise ServeError(status, detail) from exc
    _, entry, _ = await service.brief(page.content, title)
    briefing_id = content_id(page.url.encode() + b"\0" + page.content, title)
    cached = await asyncio.to_thread(service.store.get, briefing_id)
    if cached is not None:
        return briefing_id, cached, False
    stamped = Entry(_stamp(entry.briefing_json, page), entry.article_json)
    await asyncio.to_thread(service.store.put, briefing_id, stamped)
    return briefing_id, stamped, True


def _stamp(briefing_text: str, page: Page) -> str:
    briefing = Briefing.model_validate_json(briefing_text)
    source = briefing.source.model_copy(
        update={"url": page.url, "path": None, "fetched": page.fetched}
    )
    return briefing_json(briefing.model_copy(update={"source": source}))


@router.post(
    "/api/briefings/url",
    status_code=201,
    response_model=BriefingResult,
    summary="Brief a web page by its URL (servers started with --allow-fetch)",
    tags=["briefings"],
)
async def create_from_url(request: Request, response: Response) -> BriefingResult:
    """Fetch a public web page and brief it; 403 when fetching is off or the address is not
    public (loopback, private, link-local, multicast), 422 when it cannot be fetched."""
    body = await read_body(request, FORM_LIMIT)
    try:
        submission = UrlSubmission.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise ServeError(
            422, f'send JSON {{"url": "https://..."}}: {where}: {first["msg"]}'
        ) from exc
    briefing_id, entry, new = await brief_link(request, submission.url, submission.title)
    response.status_code = 201 if new else 200
    response.headers["Location"] = f"/api/briefings/{briefing_id}"
    return result_of(briefing_id, entry)


@router.post("/briefings/url", include_in_schema=False)
async def submit_url(request: Request) -> Response:
    """The page's URL form: brief, then show the result (or the page with the error)."""
    from briefer.serve.page import error_page

    body = await read_body(request, FORM_LIMIT)
    fields = parse_qs(body.decode("utf-8", "replace"))
    url = (fields.get("url") or [""])[0].strip()[:MAX_URL]
    title = " ".join((fields.get("title") or [""])[0].split())[:500] or None
    try:
        if not url:
            raise ServeError(422, "no address given: paste the link of the article")
        briefing_id, _, _ = await brief_link(request, url, title)
    except ServeError as exc:
        return error_page(request, exc.status, exc.detail, url=url)
    service_of(request).prefetch_card(briefing_id)
    return RedirectResponse(f"/briefings/{briefing_id}", status_code=303)
