"""An analyst's edits to a briefing, checked so the card keeps its promise.

The promise: every line on the card is the article's own sentence, where the provenance
says it is. An edited briefing may remove, reorder and pin the briefing's own items, swap
the bottom line or a list's item for a candidate the ranker considered (a removed item
becomes a candidate, so it can be put back), and retype key-argument labels
(the one part of a card that is not a quotation). :func:`check_provenance` checks every
excerpt against the article text (the API and ``briefer render --source`` both run it);
:func:`apply_edits` also checks that nothing was invented, and records what changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from briefer.errors import ConfigError, ProvenanceError
from briefer.schema import Briefing, Candidates, Edits, Excerpt, KeyArgument, Provenance

__all__ = ["apply_edits", "check_provenance", "located"]

MAX_LABEL_CHARS = 80
LISTS = ("key_arguments", "quotes", "figures", "recommendations")
NAMES = {
    "key_arguments": "key argument",
    "quotes": "quote",
    "figures": "figure",
    "recommendations": "recommendation",
}
_PIN = re.compile(r"^(\w+)\[([0-9]+)\]$")
T = TypeVar("T")


def located(b: Briefing) -> Iterator[tuple[str, str, Provenance]]:
    """(where in the JSON, text, provenance) of every excerpt, candidates included."""
    if b.bottom_line is not None:
        yield "bottom_line", b.bottom_line.text, b.bottom_line.provenance
    yield from _in_lists("", b, "summary")
    if b.candidates is not None:
        yield from _in_lists("candidates.", b.candidates, "bottom_line")


def _in_lists(
    prefix: str, holder: Briefing | Candidates, plain: str
) -> Iterator[tuple[str, str, Provenance]]:
    """The excerpts of a briefing's lists, or of its candidates' (same names)."""
    for name in (plain, "recommendations"):
        for i, e in enumerate(getattr(holder, name)):
            yield f"{prefix}{name}[{i}]", e.text, e.provenance
    for i, arg in enumerate(holder.key_arguments):
        yield f"{prefix}key_arguments[{i}].claim", arg.claim.text, arg.claim.provenance
        for j, s in enumerate(arg.support):
            yield f"{prefix}key_arguments[{i}].support[{j}]", s.text, s.provenance
    for i, q in enumerate(holder.quotes):
        yield f"{prefix}quotes[{i}]", q.text, q.provenance
    for i, f in enumerate(holder.figures):
        yield f"{prefix}figures[{i}].value", f.value, f.provenance
        yield f"{prefix}figures[{i}].context", f.context.text, f.context.provenance


def check_provenance(
    briefing: Briefing,
    text: str,
    paragraphs: Sequence[tuple[int, int]] | None = None,
    *,
    path: str | None = None,
) -> None:
    """Refuse the first excerpt that is not exactly ``text[start:end]`` (in its paragraph).

    Raises:
        ProvenanceError: names the excerpt, by its place in the JSON and its first words.
    """
    for where, excerpt, p in located(briefing):
        if text[p.start : p.end] != excerpt:
            raise ProvenanceError(
                f"{where} ({_short(excerpt)}) is not the article's text at characters"
                f" {p.start}-{p.end}; every excerpt must be quoted exactly where it stands",
                path=path,
            )
        if paragraphs is not None and not _inside(p, paragraphs):
            raise ProvenanceError(
                f"{where} ({_short(excerpt)}) is not in paragraph {p.paragraph}; give the"
                " paragraph its characters are in",
                path=path,
            )


def _inside(p: Provenance, paragraphs: Sequence[tuple[int, int]]) -> bool:
    if p.paragraph >= len(paragraphs):
        return False
    start, end = paragraphs[p.paragraph]
    return start <= p.start <= p.end <= end


def _short(text: str, words: int = 8) -> str:
    head = text.split()
    return "“" + " ".join(head[:words]) + ("…”" if len(head) > words else "”")


def apply_edits(
    original: Briefing,
    edited: Briefing,
    text: str,
    paragraphs: Sequence[tuple[int, int]] | None = None,
) -> Briefing:
    """``edited`` once checked against the article and ``original``, with its edits recorded.

    ``original`` is the briefing as briefer made it; every edit is described against it,
    so a briefing edited twice lists everything changed since it was made.

    Raises:
        ProvenanceError: an excerpt is not the article's text where it says it is.
        ConfigError: a change the card cannot make (an invented item, a new speaker, ...).
    """
    check_provenance(edited, text, paragraphs)
    _check_fixed(original, edited)
    _check_bottom_line(original, edited)
    for name in LISTS:
        _check_items(name, _with_candidates(original, name), _with_candidates(edited, name))
    pinned = _check_pins(edited)
    arguments = _mark_labels(original, edited)
    # Candidates are whole sentences: only briefer's own bottom line may be a part of one.
    part = original.bottom_line_part and edited.bottom_line == original.bottom_line
    marked = edited.model_copy(
        update={"key_arguments": arguments, "edits": None, "bottom_line_part": part}
    )
    changes = _describe(original, marked) + [f"pinned {_pin_name(marked, ref)}" for ref in pinned]
    record = Edits(changes=changes, pinned=pinned) if changes else None
    return marked.model_copy(update={"edits": record})


def _check_fixed(original: Briefing, edited: Briefing) -> None:
    """What an analyst cannot change: where the card comes from and how it was made. The
    genre is briefer's reading of the article and titles its lists ("Key points" for news),
    so changing it would relabel the card without a record."""
    for name in ("schema_version", "source", "genre", "generator", "summary"):
        if getattr(original, name) != getattr(edited, name):
            raise ConfigError(f"{name} cannot be edited; send it as the briefing has it")
    if not _is_sublist(edited.keywords, original.keywords):
        raise ConfigError("keywords can only be removed, not added or reordered")


def _pool(b: Briefing) -> list[Excerpt]:
    lines = [b.bottom_line] if b.bottom_line is not None else []
    return lines + list(b.candidates.bottom_line if b.candidates else ())


def _check_bottom_line(original: Briefing, edited: Briefing) -> None:
    """The bottom line and the candidates are the original's, swapped around."""
    pool = {e.provenance for e in _pool(original)}
    if edited.bottom_line is not None and edited.bottom_line.provenance not in pool:
        raise ConfigError(
            f"bottom_line ({_short(edited.bottom_line.text)}) is not one of the candidates"
            " the ranker considered; pick one from candidates.bottom_line"
        )
    sent = [e.provenance for e in _pool(edited)]
    if len(set(sent)) != len(sent) or not set(sent) <= pool:
        raise ConfigError(
            "candidates.bottom_line must hold the briefing's own candidates; swap, do not add"
        )


def _key(item: Any) -> Any:
    if isinstance(item, KeyArgument):
        return item.claim.provenance
    return item.model_dump_json()


def _candidates(b: Briefing, name: str) -> list[Any]:
    return list(getattr(b.candidates, name)) if b.candidates is not None else []


def _with_candidates(b: Briefing, name: str) -> list[tuple[str, Any]]:
    """(where in the JSON, item) of a list's items, then of its candidates."""
    return [(f"{name}[{i}]", item) for i, item in enumerate(getattr(b, name))] + [
        (f"candidates.{name}[{i}]", item) for i, item in enumerate(_candidates(b, name))
    ]


def _check_items(
    name: str, original: Sequence[tuple[str, Any]], edited: Sequence[tuple[str, Any]]
) -> None:
    """A list and its candidates hold the original's items (support may shrink), each at
    most once: items move between them, none is invented or changed."""
    known = {_key(item): item for _, item in original}
    seen: set[Any] = set()
    for where, item in edited:
        key = _key(item)
        if key not in known or key in seen:
            what = "a repeat of an item" if key in seen else "not one of this briefing's items"
            raise ConfigError(
                f"{where} is {what}; the card can remove, reorder, pin and swap in its"
                f" own items (from candidates.{name}), not add or change them"
            )
        seen.add(key)
        if isinstance(item, KeyArgument):
            _check_argument(where, known[key], item)


def _check_argument(where: str, original: KeyArgument, edited: KeyArgument) -> None:
    if not _is_sublist(edited.support, original.support):
        raise ConfigError(f"{where}.support can only lose sentences, not gain or reorder them")
    label = edited.label
    if not label.strip() or len(label) > MAX_LABEL_CHARS or "\n" in label:
        raise ConfigError(f"{where}.label must be one line of 1 to {MAX_LABEL_CHARS} characters")


def _is_sublist(items: Sequence[T], of: Sequence[T]) -> bool:
    rest = iter(of)
    return all(any(item == other for other in rest) for item in items)


def _check_pins(edited: Briefing) -> list[str]:
    pins: list[str] = []
    for ref in edited.edits.pinned if edited.edits else ():
        match = _PIN.match(ref)
        assert match is not None  # the schema's pattern
        name, index = match.group(1), int(match.group(2))
        if index >= len(getattr(edited, name)):
            raise ConfigError(f"pinned {ref} is not on the card; pin an item that is")
        if ref not in pins:
            pins.append(ref)
    return sorted(pins, key=lambda r: (LISTS.index(r.split("[")[0]), len(r), r))


def _labels(b: Briefing) -> dict[Provenance, str]:
    """briefer's own label of each key argument, candidates included, by claim."""
    return {arg.claim.provenance: arg.label for _, arg in _with_candidates(b, "key_arguments")}


def _mark_labels(original: Briefing, edited: Briefing) -> list[KeyArgument]:
    """Each argument marked retyped exactly when its label differs from briefer's own."""
    labels = _labels(original)
    return [
        arg.model_copy(
            update={
                "label": " ".join(arg.label.split()),
                "label_retyped": " ".join(arg.label.split()) != labels[arg.claim.provenance],
            }
        )
        for arg in edited.key_arguments
    ]


def _describe(original: Briefing, edited: Briefing) -> list[str]:
    changes: list[str] = []
    before, after = original.bottom_line, edited.bottom_line
    if before != after:
        if after is None:
            changes.append("removed the bottom line")
        else:
            changes.append(f"swapped the bottom line for {_short(after.text)} (¶{_para(after)})")
    for name in LISTS:
        changes += _list_changes(name, original, edited)
    labels = _labels(original)
    for i, arg in enumerate(edited.key_arguments, start=1):
        if arg.label_retyped:
            old = labels[arg.claim.provenance]
            changes.append(f"retyped the label of key argument {i}: “{old}” → “{arg.label}”")
    if edited.keywords != original.keywords:
        changes.append(f"removed {len(original.keywords) - len(edited.keywords)} keyword(s)")
    return changes


def _list_changes(name: str, original: Briefing, edited: Briefing) -> list[str]:
    noun = NAMES[name]
    before, after = getattr(original, name), getattr(edited, name)
    kept = {_key(item) for item in after}
    changes = [
        f"removed {noun} {i} ({_describe_item(item)})"
        for i, item in enumerate(before, start=1)
        if _key(item) not in kept
    ]
    position = {_key(item): i for i, item in enumerate(before, start=1)}
    changes += [
        f"added {noun} {i} ({_describe_item(item)}) from the candidates"
        for i, item in enumerate(after, start=1)
        if _key(item) not in position
    ]
    order = [position[_key(item)] for item in after if _key(item) in position]
    if order != sorted(order):
        changes.append(f"reordered the {noun}s: now {', '.join(map(str, order))} of the original")
    by_key = {_key(item): item for _, item in _with_candidates(original, name)}
    for item in after:
        if isinstance(item, KeyArgument) and item.support != by_key[_key(item)].support:
            dropped = len(by_key[_key(item)].support) - len(item.support)
            changes.append(f"removed {dropped} support sentence(s) of “{item.label}”")
    return changes


def _describe_item(item: Any) -> str:
    if isinstance(item, KeyArgument):
        return f"“{item.label}”"
    text = item.value if hasattr(item, "value") else item.text
    return _short(text)


def _para(e: Excerpt) -> int:
    return e.provenance.paragraph + 1


def _pin_name(b: Briefing, ref: str) -> str:
    match = _PIN.match(ref)
    assert match is not None
    name, index = match.group(1), int(match.group(2))
    return f"{NAMES[name]} {index + 1} ({_describe_item(getattr(b, name)[index])})"
