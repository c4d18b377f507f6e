"""The book's parts, as immutable values passed from stage to stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from briefer.schema import Briefing

GroupBy = Literal["topic", "source", "date", "none"]
GROUP_BY: tuple[GroupBy, ...] = ("topic", "source", "date", "none")


@dataclass(frozen=True, slots=True)
class Entry:
    """One briefed article: its briefing, its one-page card and a fingerprint of its text.

    ``shingles`` are hashed word n-grams of the article (sorted, unique), kept instead of the
    text so a book of many articles holds little in memory.
    """

    key: str  # the input path, as the batch index names it
    briefing: Briefing
    card: bytes  # the one-page PDF card, exactly as ``brief`` writes it
    shingles: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be briefed, with its one-line reason."""

    key: str
    reason: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """``entry`` tells the same story as ``of`` (an index into the book's entries)."""

    entry: int
    of: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Group:
    """A named run of entries (indices), newest story first, duplicates beside their story."""

    name: str
    members: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """What goes into the book and in which order; pages are assigned when it is laid out."""

    title: str
    date: dt.date
    entries: tuple[Entry, ...]
    groups: tuple[Group, ...]
    duplicates: tuple[Duplicate, ...]
    skipped: tuple[Skipped, ...]

    @property
    def order(self) -> tuple[int, ...]:
        """Entry indices in book order."""
        return tuple(i for group in self.groups for i in group.members)

    def duplicate_of(self, index: int) -> int | None:
        """The story ``index`` repeats, if any."""
        return next((d.of for d in self.duplicates if d.entry == index), None)

    def also(self, index: int) -> tuple[int, ...]:
        """The entries that repeat the story of ``index``."""
        return tuple(d.entry for d in self.duplicates if d.of == index)
