"""The server's cache: one folder per briefing id under the cache folder, written atomically.

Layout (``<id>`` is 32 hex digits, so no request can name a path outside the cache)::

    <cache>/briefings/<id>/article.json    the normalized article (ArticleView)
                           briefing.json   the canonical briefing JSON (written last: the
                                           entry exists once it does)
                           card.html       the card HTML, laid out and checked to fit
                           card.pdf        the one-page PDF of that HTML

A card file is of the briefing beside it: an edit removes both before the new briefing's
card is laid out, and a card laid out from an older briefing is not saved (the service
checks, under its lock, that the briefing is still the one the card was made from). The
editor saves the HTML as soon as its layout fits and the PDF when it is written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from briefer._version import __version__
from briefer.output import write_atomic

_ID = re.compile(r"[0-9a-f]{32}")
# Hex digits of SHA-256 kept in an id: 128 bits, far beyond any accidental collision.
ID_LENGTH = 32


def content_id(data: bytes | str, title: str | None) -> str:
    """The id of an input: a hash of its bytes, the title override and briefer's version.

    The version is part of it because a new version may brief the same article differently.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    digest = hashlib.sha256()
    digest.update(f"briefer {__version__}\0{title or ''}\0".encode())
    digest.update(raw)
    return digest.hexdigest()[:ID_LENGTH]


def valid_id(briefing_id: str) -> bool:
    """Whether ``briefing_id`` has the shape of an id (and so is safe as a folder name)."""
    return _ID.fullmatch(briefing_id) is not None


@dataclass(frozen=True, slots=True)
class Entry:
    """A cached briefing: its canonical JSON and the article JSON, both as text."""

    briefing_json: str
    article_json: str


@dataclass(frozen=True, slots=True)
class CardFiles:
    """A cached card."""

    html: str
    pdf: bytes


class Store:
    """Briefings and cards on disk, keyed by content id."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        (self.root / "briefings").mkdir(parents=True, exist_ok=True)

    def _folder(self, briefing_id: str) -> Path:
        if not valid_id(briefing_id):
            raise ValueError(f"not a briefing id: {briefing_id[:40]!r}")
        return self.root / "briefings" / briefing_id

    def get(self, briefing_id: str) -> Entry | None:
        """The cached briefing, or None when there is none."""
        folder = self._folder(briefing_id)
        try:
            return Entry(
                briefing_json=(folder / "briefing.json").read_text(encoding="utf-8"),
                article_json=(folder / "article.json").read_text(encoding="utf-8"),
            )
        except FileNotFoundError:
            return None

    def put(self, briefing_id: str, entry: Entry) -> None:
        """Save a briefing; the briefing file goes last so readers never see half an entry."""
        folder = self._folder(briefing_id)
        write_atomic(folder / "article.json", entry.article_json)
        write_atomic(folder / "briefing.json", entry.briefing_json)

    def get_card_html(self, briefing_id: str) -> str | None:
        """The cached card HTML, or None when it has not been laid out yet."""
        try:
            return (self._folder(briefing_id) / "card.html").read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def get_card(self, briefing_id: str) -> CardFiles | None:
        """The cached card (HTML and PDF), or None when its PDF has not been written yet."""
        folder = self._folder(briefing_id)
        try:
            pdf = (folder / "card.pdf").read_bytes()
            return CardFiles(html=(folder / "card.html").read_text(encoding="utf-8"), pdf=pdf)
        except FileNotFoundError:
            return None

    def put_card_html(self, briefing_id: str, html: str) -> None:
        """Save a card's HTML before its PDF exists."""
        write_atomic(self._folder(briefing_id) / "card.html", html)

    def put_card(self, briefing_id: str, card: CardFiles) -> None:
        """Save a card; the PDF goes last, as the marker that the card is complete."""
        folder = self._folder(briefing_id)
        write_atomic(folder / "card.html", card.html)
        write_atomic(folder / "card.pdf", card.pdf)

    def drop_card(self, briefing_id: str) -> None:
        """Remove a card's files (its briefing changed); the PDF first, as it marks a card."""
        folder = self._folder(briefing_id)
        for name in ("card.pdf", "card.html"):
            (folder / name).unlink(missing_ok=True)
