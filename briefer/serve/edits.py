"""``PUT /api/briefings/{id}``: the analyst's edited card, checked, recorded and re-fitted.

Every excerpt of the edited briefing is checked against the stored article text, and every
item against the briefing briefer made (:func:`briefer.edit.apply_edits`), so a forged or
invented line is refused with a 422 naming it. An accepted edit replaces the cached
briefing and card, so the page, the PDF and the JSON downloads are the edited card; the
briefing as briefer made it is kept beside it (``original.json``) so every edit is recorded
against it. The answer comes once the edited card is laid out on one page; its PDF is
written next, and a download asked for meanwhile waits for it. Nothing about edits is
stored outside the cache folder.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from pathlib import Path

from fastapi import APIRouter, Request
from pydantic import ValidationError

from briefer.edit import apply_edits
from briefer.errors import ConfigError, ProvenanceError
from briefer.output import write_atomic
from briefer.pipeline import briefing_json
from briefer.schema import Briefing
from briefer.serve.api import checked_id, result_of, service_of
from briefer.serve.messages import ArticleView, BriefingResult, ErrorBody
from briefer.serve.service import ServeError
from briefer.serve.store import Entry, Store
from briefer.serve.uploads import read_body

router = APIRouter(prefix="/api", tags=["briefings"])

ORIGINAL = "original.json"
# An edited briefing is the same size as the original: a few kB, far under this.
MAX_EDIT_BYTES = 2_000_000
# Two PUTs for one id at once would race on the cache files; each id takes its turn.
_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)


def _folder(store: Store, briefing_id: str) -> Path:
    return store.root / "briefings" / briefing_id  # the id is checked: 32 hex digits


def original_of(store: Store, briefing_id: str, current: str) -> str:
    """The briefing as briefer made it: saved at the first edit, the current one before."""
    try:
        return (_folder(store, briefing_id) / ORIGINAL).read_text(encoding="utf-8")
    except FileNotFoundError:
        return current


def _keep_original(store: Store, briefing_id: str, original: str) -> None:
    path = _folder(store, briefing_id) / ORIGINAL
    if not path.exists():
        write_atomic(path, original)


def _parse(body: bytes) -> Briefing:
    try:
        return Briefing.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise ServeError(
            422, f"not a valid briefing: {where}: {first['msg']}; send the briefing JSON"
        ) from exc


@router.put(
    "/briefings/{briefing_id}",
    response_model=BriefingResult,
    summary="Save an edited card",
    responses={
        404: {"model": ErrorBody, "description": "No briefing with this id."},
        422: {"model": ErrorBody, "description": "An excerpt or item the card cannot hold."},
    },
)
async def edit_briefing(briefing_id: str, request: Request) -> BriefingResult:
    """Replace the card with an edited briefing: items removed, moved or pinned, the bottom
    line swapped for a candidate, labels retyped. Each excerpt must be exactly
    ``article.text[start:end]``; ``edits`` in the answer lists what changed."""
    service = service_of(request)
    entry = await service.get(checked_id(briefing_id))
    edited = _parse(await read_body(request, MAX_EDIT_BYTES))
    async with _locks[briefing_id]:
        entry = await service.get(briefing_id)
        original = await asyncio.to_thread(
            original_of, service.store, briefing_id, entry.briefing_json
        )
        article = ArticleView.model_validate_json(entry.article_json)
        spans = [(p.start, p.end) for p in article.paragraphs]
        try:
            result = apply_edits(
                Briefing.model_validate_json(original), edited, article.text, spans
            )
        except (ConfigError, ProvenanceError) as exc:
            raise ServeError(422, str(exc)) from exc
        text = briefing_json(result)
        await asyncio.to_thread(_keep_original, service.store, briefing_id, original)
        await service.replace(briefing_id, Entry(text, entry.article_json))
        # The answer waits for the re-fitted card's layout, not for its PDF: the page shows
        # the card at once, and downloads wait for the PDF being written behind it.
        await service.refit(briefing_id)
    return result_of(briefing_id, Entry(text, entry.article_json))
