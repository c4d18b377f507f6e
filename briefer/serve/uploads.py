"""Reading what a client sends: a bounded body, then a file or text, trusting nothing.

The body is read in full into memory up to the limit and no further (so an oversized
upload costs at most the limit), and parsed here rather than by Starlette, whose upload
handling spools files over 1 MB to the system temp folder: nothing the server receives
touches the disk outside its cache. The client's content type of the *file* is ignored;
the pipeline sniffs the format from the bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import ValidationError
from starlette.requests import Request

from briefer.serve.messages import TextSubmission
from briefer.serve.service import ServeError

if TYPE_CHECKING:
    from python_multipart.multipart import Field, File

# Room in a multipart body for boundaries, part headers and a title beside the file.
FORM_OVERHEAD = 64 * 1024
# Longest title accepted in a form, in characters.
MAX_TITLE = 500


@dataclass(frozen=True, slots=True)
class Submission:
    """What to brief: file content (bytes) or pasted text (str), and an optional title."""

    data: bytes | str
    title: str | None = None
    filename: str | None = None


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def too_large(size: int | None, limit: int) -> ServeError:
    """The 413 error for an input of ``size`` bytes (None when unknown)."""
    what = f"is {_megabytes(size)}" if size is not None else "is too large"
    return ServeError(
        413, f"the upload {what}, over the {_megabytes(limit)} limit; send a shorter document"
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) once it is known to exceed ``limit`` plus form overhead."""
    ceiling = limit + FORM_OVERHEAD
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > ceiling:
        raise too_large(int(declared), limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > ceiling:
            raise too_large(None, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _clean_title(value: str | None) -> str | None:
    title = " ".join((value or "").split())[:MAX_TITLE]
    return title or None


async def read_submission(request: Request, limit: int) -> Submission:
    """Parse a multipart form (``file``, ``text``, ``title``) or JSON ``{text, title}``."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json":
        body = await read_body(request, limit)
        return _from_json(body, limit)
    if media_type == "multipart/form-data":
        body = await read_body(request, limit)
        return _from_form(request.headers["content-type"], body, limit)
    raise ServeError(
        415,
        "send the article as multipart/form-data (a 'file' or 'text' field) "
        'or as JSON {"text": ..., "title": ...}',
    )


def _from_json(body: bytes, limit: int) -> Submission:
    try:
        submission = TextSubmission.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise ServeError(
            422, f'send JSON {{"text": "...", "title": "..."}}: {where}: {first["msg"]}'
        ) from exc
    size = len(submission.text.encode("utf-8"))
    if size > limit:
        raise too_large(size, limit)
    return Submission(submission.text, _clean_title(submission.title))


def _from_form(content_type: str, body: bytes, limit: int) -> Submission:
    fields: dict[str, bytes] = {}
    files: dict[str, tuple[str | None, bytes]] = {}

    def on_field(field: Field) -> None:
        fields[(field.field_name or b"").decode("utf-8", "replace")] = field.value or b""

    def on_file(file: File) -> None:
        name = (file.field_name or b"").decode("utf-8", "replace")
        filename = file.file_name.decode("utf-8", "replace") if file.file_name else None
        file.file_object.seek(0)
        files[name] = (filename, file.file_object.read())

    parse_form(content_type, body, on_field, on_file, limit + FORM_OVERHEAD)
    return _submission(fields, files, limit)


def parse_form(
    content_type: str,
    body: bytes,
    on_field: Callable[[Field], None],
    on_file: Callable[[File], None],
    memory: int,
) -> None:
    """Feed a multipart ``body`` to python-multipart's callbacks; every file stays in memory
    (up to ``memory`` bytes each: the body is already bounded), nothing goes to disk."""
    from python_multipart.exceptions import FormParserError
    from python_multipart.multipart import FormParser

    boundary = content_type.partition("boundary=")[2].split(";")[0].strip().strip('"')
    if not boundary:
        raise ServeError(400, "the multipart body has no boundary; let your client build the form")
    config = {"MAX_MEMORY_FILE_SIZE": memory + 1}
    try:
        parser = FormParser(
            "multipart/form-data", on_field, on_file, boundary=boundary, config=config
        )
        parser.write(body)
        parser.finalize()
    except FormParserError as exc:
        raise ServeError(400, f"the form could not be read ({exc}); send it again") from exc


def _submission(
    fields: dict[str, bytes], files: dict[str, tuple[str | None, bytes]], limit: int
) -> Submission:
    title = _clean_title(fields.get("title", b"").decode("utf-8", "replace"))
    filename, content = files.get("file", (None, b""))
    if content:
        if len(content) > limit:
            raise too_large(len(content), limit)
        return Submission(content, title, filename)
    text = fields.get("text", b"")
    if text.strip():
        if len(text) > limit:
            raise too_large(len(text), limit)
        return Submission(text.decode("utf-8", "replace"), title)
    raise ServeError(422, "no article given: choose or drop a file, or paste the article text")
