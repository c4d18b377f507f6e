"""The web side of the briefing book: several uploaded files in, one book (PDF/JSON/HTML) out.

Each file goes through the same cache and worker pool as a single upload (so a file the
server has seen before costs nothing), then the book is bound from the cached cards. The
whole request stays under the upload limit; a file that cannot be briefed is listed in the
book's "not included" section with its one-line reason.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request, Response

from briefer.book import BOOK_FORMATS, GROUP_BY, book_date, render_book
from briefer.book.arrange import plan as plan_book
from briefer.book.duplicates import shingles
from briefer.book.model import Entry, GroupBy, Skipped
from briefer.schema import Briefing
from briefer.serve.api import service_of
from briefer.serve.service import BriefingService, ServeError
from briefer.serve.uploads import parse_form, read_body

if TYPE_CHECKING:
    from python_multipart.multipart import Field, File

router = APIRouter(prefix="/api", tags=["books"])

#: Most files in one book request: a morning's reading, not an archive.
MAX_FILES = 100
MEDIA = {"pdf": "application/pdf", "json": "application/json", "html": "text/html"}


def _form(content_type: str, body: bytes) -> tuple[dict[str, str], list[tuple[str, bytes]]]:
    fields: dict[str, str] = {}
    files: list[tuple[str, bytes]] = []

    def on_field(field: Field) -> None:
        name = (field.field_name or b"").decode("utf-8", "replace")
        fields[name] = (field.value or b"").decode("utf-8", "replace")

    def on_file(file: File) -> None:
        file.file_object.seek(0)
        data = file.file_object.read()
        if data:
            name = file.file_name.decode("utf-8", "replace") if file.file_name else "upload"
            files.append((name, data))

    parse_form(content_type, body, on_field, on_file, len(body))
    return fields, files


async def _entry(service: BriefingService, name: str, data: bytes) -> Entry | Skipped:
    try:
        briefing_id, cached, _ = await service.brief(data, None)
        card = await service.card(briefing_id)
    except ServeError as exc:
        return Skipped(name, exc.detail)
    text = json.loads(cached.article_json)["text"]
    briefing = Briefing.model_validate_json(cached.briefing_json)
    return Entry(name, briefing, card.pdf, shingles(text))


@router.post(
    "/books",
    summary="Bind several articles into one briefing book",
    response_class=Response,
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
async def create_book(request: Request) -> Response:
    """Multipart: several ``file`` fields, optional ``title``, ``group_by`` and ``format``."""
    service = service_of(request)
    media_type = request.headers.get("content-type", "")
    if not media_type.lower().startswith("multipart/form-data"):
        raise ServeError(415, "send the articles as multipart/form-data, one 'file' field each")
    fields, files = _form(media_type, await read_body(request, service.max_upload_bytes))
    fmt = fields.get("format", "pdf").lower()
    group_by = fields.get("group_by", "topic").lower()
    if fmt not in BOOK_FORMATS or group_by not in GROUP_BY:
        raise ServeError(422, f"format is one of {BOOK_FORMATS}, group_by one of {GROUP_BY}")
    if not files or len(files) > MAX_FILES:
        raise ServeError(422, f"choose between 1 and {MAX_FILES} files for a book")
    results = await asyncio.gather(*(_entry(service, n, d) for n, d in files))
    entries = [r for r in results if isinstance(r, Entry)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    title = " ".join(fields.get("title", "").split())[:200] or "Morning briefing book"
    grouping: GroupBy = group_by
    plan = plan_book(entries, skipped, title=title, date=book_date(), group_by=grouping)
    rendered = await asyncio.to_thread(render_book, plan, (fmt,))
    headers = {"Content-Disposition": f'attachment; filename="briefing-book.{fmt}"'}
    if fmt == "html":
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return Response(rendered[fmt], media_type=MEDIA[fmt], headers=headers)
