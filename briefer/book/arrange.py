"""Ordering the book: stories found, grouped (topic, source, date or none), newest first.

A story is an article with the copies that repeat it (``duplicates``); its copies follow it
directly, so the same story always stands together whatever the grouping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from briefer.book import topics
from briefer.book.duplicates import find_duplicates
from briefer.book.model import Duplicate, Entry, Group, GroupBy, Plan, Skipped


def plan(
    entries: Sequence[Entry],
    skipped: Sequence[Skipped] = (),
    *,
    title: str = "Morning briefing book",
    date: dt.date | None = None,
    group_by: GroupBy = "topic",
) -> Plan:
    """The book's order: groups of stories, each story its first telling then its copies."""
    entries = tuple(entries)
    duplicates = tuple(find_duplicates(entries))
    stories = _stories(len(entries), duplicates)
    if group_by == "topic":
        groups = _by_topic(entries, stories)
    elif group_by in ("source", "date"):
        key = source_of if group_by == "source" else _date_label
        groups = _by_label(entries, stories, key)
    else:
        groups = [Group("All articles", _flatten(_newest_first(entries, stories)))]
    groups = [g for g in groups if g.members]
    return Plan(
        title=title,
        date=date or dt.date.today(),
        entries=entries,
        groups=tuple(groups),
        duplicates=duplicates,
        skipped=tuple(skipped),
    )


def source_of(entry: Entry) -> str:
    """Who published the article: its publisher, else its web site, else its authors."""
    src = entry.briefing.source
    if src.publisher:
        return src.publisher
    if src.url and (host := urlsplit(src.url).hostname):
        return host.removeprefix("www.")
    return ", ".join(src.authors) or "Unknown source"


def _date_label(entry: Entry) -> str:
    published = entry.briefing.source.published
    return published.isoformat() if published else "Undated"


def _stories(count: int, duplicates: Sequence[Duplicate]) -> list[list[int]]:
    copies: dict[int, list[int]] = {}
    for d in duplicates:
        copies.setdefault(d.of, []).append(d.entry)
    repeated = {d.entry for d in duplicates}
    return [[i, *sorted(copies.get(i, []))] for i in range(count) if i not in repeated]


def _recency(entry: Entry) -> tuple[int, str, str]:
    published = entry.briefing.source.published
    # Newest first; undated last; ties by headline so the order never depends on input order.
    return (0 if published else 1, _negated(published), entry.briefing.source.title or "")


def _negated(date: dt.date | None) -> str:
    return f"{99999999 - int(date.strftime('%Y%m%d')):08d}" if date else ""


def _newest_first(entries: Sequence[Entry], stories: list[list[int]]) -> list[list[int]]:
    return sorted(stories, key=lambda s: _recency(entries[s[0]]))


def _flatten(stories: list[list[int]]) -> tuple[int, ...]:
    return tuple(i for story in stories for i in story)


def _by_topic(entries: Sequence[Entry], stories: list[list[int]]) -> list[Group]:
    briefings = [e.briefing for e in entries]
    clusters = topics.cluster(briefings, stories)
    story_of = {s[0]: s for s in stories}
    named: list[tuple[tuple[int, tuple[int, str, str]], Group]] = []
    rest: list[list[int]] = []
    for members in clusters:
        own = [story_of[i] for i in members if i in story_of]
        if len(members) < 2:
            rest += own
            continue
        ordered = _newest_first(entries, own)
        group = Group(topics.name([briefings[i] for i in members]), _flatten(ordered))
        named.append(((-len(members), _recency(entries[ordered[0][0]])), group))
    groups = [g for _, g in sorted(named, key=lambda pair: pair[0])]
    if rest:
        label = "Other articles" if groups else "Articles"
        groups.append(Group(label, _flatten(_newest_first(entries, rest))))
    return groups


def _by_label(
    entries: Sequence[Entry], stories: list[list[int]], key: Callable[[Entry], str]
) -> list[Group]:
    buckets: dict[str, list[list[int]]] = {}
    for story in stories:
        buckets.setdefault(key(entries[story[0]]), []).append(story)
    groups = [
        Group(label, _flatten(_newest_first(entries, members)))
        for label, members in buckets.items()
    ]
    if key is _date_label:
        # Newest day first (ISO dates sort as text), undated last.
        dated = sorted((g for g in groups if g.name != "Undated"), key=lambda g: g.name)
        return [*reversed(dated), *(g for g in groups if g.name == "Undated")]
    return sorted(groups, key=lambda g: (g.name == "Unknown source", g.name.lower()))
