"""The HTTP API: post an article, get its briefing (with id), card PDF, card HTML and JSON."""

from __future__ import annotations

import asyncio
import re
import unicodedata
from typing import Any

from fastapi import APIRouter, Request, Response

from briefer.schema import Briefing
from briefer.serve.card import browser_fonts
from briefer.serve.clients import while_connected
from briefer.serve.messages import ArticleView, BriefingResult, ErrorBody, Links, TextSubmission
from briefer.serve.service import BriefingService, ServeError
from briefer.serve.store import Entry, valid_id
from briefer.serve.uploads import read_submission

router = APIRouter(prefix="/api", tags=["briefings"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The card HTML has its stylesheet inline and no scripts; it may load only the app's fonts.
CARD_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self' data:;"
    " frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)


def _responses(ok: dict[str, Any] | None, *codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses: the success one (when not plain JSON) and each error's body."""
    words = {
        400: "The request could not be read.",
        404: "No briefing with this id.",
        413: "The upload is over the size limit.",
        415: "Neither multipart/form-data nor JSON, or a file briefer does not read.",
        422: "No article text could be found or briefed.",
        503: "The server is busy; try again shortly.",
    }
    responses: dict[int | str, dict[str, Any]] = {200: ok} if ok else {}
    responses.update({code: {"model": ErrorBody, "description": words[code]} for code in codes})
    return responses


_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "description": (
            "The article: a file (txt, md, html, pdf, docx: the format is sniffed from the"
            " content, not taken from the client) or its text, with an optional title."
        ),
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "text": {"type": "string", "description": "Used when no file is sent."},
                        "title": {"type": "string", "description": "Overrides the title."},
                    },
                }
            },
            "application/json": {"schema": TextSubmission.model_json_schema()},
        },
    }
}


def service_of(request: Request) -> BriefingService:
    """The app's briefing service."""
    service: BriefingService = request.app.state.service
    return service


def checked_id(briefing_id: str) -> str:
    """``briefing_id`` if it is shaped like an id; 404 otherwise (it never reaches the disk)."""
    if not valid_id(briefing_id):
        raise ServeError(404, f"no briefing with id {briefing_id[:40]!r}; ids are 32 hex digits")
    return briefing_id


def result_of(briefing_id: str, entry: Entry) -> BriefingResult:
    """The API's view of a cached entry."""
    return BriefingResult(
        id=briefing_id,
        briefing=Briefing.model_validate_json(entry.briefing_json),
        article=ArticleView.model_validate_json(entry.article_json),
        links=Links.of(briefing_id),
    )


def download_name(entry: Entry, suffix: str) -> str:
    """A file name for downloads, from the article title (ASCII, hyphenated)."""
    title = Briefing.model_validate_json(entry.briefing_json).source.title or "briefing"
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].rstrip("-")
    return f"{slug or 'briefing'}{suffix}"


@router.post(
    "/briefings",
    status_code=201,
    response_model=BriefingResult,
    summary="Brief an article",
    responses=_responses(
        {"description": "Already briefed: the cached result."}, 400, 413, 415, 422, 503
    ),
    openapi_extra=_REQUEST_BODY,
)
async def create_briefing(request: Request, response: Response) -> BriefingResult:
    """Brief an uploaded file or posted text; the same input is briefed only once."""
    service = service_of(request)
    submission = await read_submission(request, service.max_upload_bytes)
    work = service.brief(submission.data, submission.title)
    briefing_id, entry, new = await while_connected(request, work)
    response.status_code = 201 if new else 200
    response.headers["Location"] = f"/api/briefings/{briefing_id}"
    return result_of(briefing_id, entry)


@router.get(
    "/briefings/{briefing_id}.pdf",
    summary="The one-page PDF card",
    response_class=Response,
    responses=_responses({"content": {"application/pdf": {}}}, 404, 503),
)
async def briefing_pdf(briefing_id: str, request: Request) -> Response:
    """The card as a one-page PDF (rendered on first request, then cached)."""
    service = service_of(request)
    entry = await service.get(checked_id(briefing_id))
    card = await while_connected(request, service.card(briefing_id))
    name = download_name(entry, ".pdf")
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(card.pdf, media_type="application/pdf", headers=headers)


@router.get(
    "/briefings/{briefing_id}.html",
    summary="The card as HTML",
    response_class=Response,
    responses=_responses({"content": {"text/html": {}}}, 404, 503),
)
async def briefing_html(briefing_id: str, request: Request) -> Response:
    """The card HTML the PDF was laid out from, with fonts served by this app."""
    html = await while_connected(request, service_of(request).card_html(checked_id(briefing_id)))
    headers = {"Content-Security-Policy": CARD_CSP}
    return Response(browser_fonts(html), media_type="text/html", headers=headers)


@router.get(
    "/briefings/{briefing_id}.json",
    summary="The bare briefing JSON",
    response_class=Response,
    responses=_responses({"content": {"application/json": {}}}, 404),
)
async def briefing_json(briefing_id: str, request: Request) -> Response:
    """The briefing exactly as ``briefer brief`` writes it (valid against ``briefer schema``)."""
    entry = await service_of(request).get(checked_id(briefing_id))
    name = download_name(entry, ".json")
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(entry.briefing_json, media_type="application/json", headers=headers)


@router.get(
    "/briefings/{briefing_id}.docx",
    summary="The card as a Word document",
    response_class=Response,
    responses=_responses({"content": {DOCX: {}}}, 404),
)
async def briefing_docx(briefing_id: str, request: Request) -> Response:
    """The card as a one-page .docx (python-docx, as ``briefer brief --format docx``)."""
    from briefer.render.docx import render_docx

    entry = await service_of(request).get(checked_id(briefing_id))
    data = await asyncio.to_thread(render_docx, Briefing.model_validate_json(entry.briefing_json))
    headers = {"Content-Disposition": f'attachment; filename="{download_name(entry, ".docx")}"'}
    return Response(data, media_type=DOCX, headers=headers)


@router.get(
    "/briefings/{briefing_id}",
    response_model=BriefingResult,
    summary="A briefing with its article",
    responses=_responses(None, 404),
)
async def get_briefing(briefing_id: str, request: Request) -> BriefingResult:
    """The briefing, the article text its provenance spans point into, and links."""
    entry = await service_of(request).get(checked_id(briefing_id))
    return result_of(briefing_id, entry)
