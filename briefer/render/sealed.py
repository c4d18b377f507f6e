"""A WeasyPrint URL fetcher that reads only the card's own assets.

Article text is escaped before it reaches the template, so no article can add a tag;
this fetcher is the second wall: even a hostile ``--template-dir`` cannot make the
renderer reach the network or read files outside the asset folders.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)


class SealedFetcher(URLFetcher):  # type: ignore[misc]
    """Serve ``file:`` URLs inside ``roots``; refuse everything else."""

    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols={"file"})
        self._roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"briefer renders offline; refused {url[:80]}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self._roots):
            raise ValueError(f"briefer reads only its template assets; refused {url[:80]}")
        mime, _ = mimetypes.guess_type(path.name)
        headers = {"Content-Type": mime} if mime else {}
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers)
