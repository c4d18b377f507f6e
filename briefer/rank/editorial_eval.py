"""Editorial measures: are the key arguments and the bottom line the author's own claims?

Scored on argument-mined editorials (``items.jsonl`` lines with ``id``, ``outlet``,
``title``, ``text`` and ``units``: labelled character spans of ``text``). A picked
sentence counts as a label when more than half of its labelled characters (``no-unit``
excluded) lie in units of that label. For each editorial briefer is briefed on the plain
text, and its card's claims, bottom line, title and quotes are read from the briefing.
Baselines pick the same number of sentences from the same body (the text after the
title line): Lead takes the first ``k``, each sumy algorithm its top ``k``, and random
is the expected share over the body's eligible sentences.

Quote measures come from the briefing JSON alone, so they measure whatever builds quotes:
quoted testimony (``testimony`` units holding a quotation mark) covered by a quote, and
the share of quotes that overlap a testimony unit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from briefer.model import Block, BlockKind, Extracted, Metadata, make_article
from briefer.nlp.analysis import Analysis, analyse
from briefer.rank import ratings as _ratings
from briefer.rank.features import Features, features
from briefer.schema import Briefing

__all__ = ["EditorialRow", "body_analysis", "evaluate_editorials", "format_editorials", "label_of"]

ASSUMPTION = "assumption"
_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u2018\u2019]|(?<!\\w)'|'(?!\\w)")
# The bottom line opening on a word whose referent is in another sentence.
DANGLING = re.compile(
    r"(?:he|she|they|it|this|that|these|those|such|his|her|their|its)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class EditorialRow:
    """One method on one outlet (or "all"); shares in [0, 1], None where not measured."""

    subset: str
    method: str
    items: int
    claims: int  # key arguments picked (briefer) or matched (baselines)
    claims_assumption: float
    bottom_assumption: float
    bottom_first: float | None = None  # bottom line is the body's first sentence
    bottom_dangling: float | None = None
    titles: float | None = None
    quoted_testimony_covered: float | None = None
    quotes_on_testimony: float | None = None


Units = Sequence[dict[str, Any]]


def label_of(units: Units, start: int, end: int) -> str | None:
    """The label holding more than half of the span's labelled characters, if any."""
    count: dict[str, int] = defaultdict(int)
    for u in units:
        if u["label"] == "no-unit":
            continue
        overlap = min(end, u["end"]) - max(start, u["start"])
        if overlap > 0:
            count[u["label"]] += overlap
    total = sum(count.values())
    if not total:
        return None
    label, most = max(count.items(), key=lambda kv: kv[1])
    return label if 2 * most > total else "mixed"


def body_analysis(item: dict[str, Any]) -> tuple[Analysis, int]:
    """The editorial's body as an article (title in the metadata) and the body's offset
    in ``text``: article offsets plus it are offsets in ``text``."""
    title, _, body = item["text"].partition("\n\n")
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    blocks = tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs)
    article = make_article(Extracted(blocks=blocks, metadata=Metadata(title=title)))
    return analyse(article), len(title) + 2


def _locate(text: str, excerpt: str, near: int) -> tuple[int, int] | None:
    """Where ``excerpt`` sits in ``text``: the occurrence nearest ``near``."""
    hits = [m.start() for m in re.finditer(re.escape(excerpt), text)]
    if not hits:
        return None
    at = min(hits, key=lambda h: abs(h - near))
    return at, at + len(excerpt)


def _spans(text: str, pieces: Iterable[tuple[str, int]]) -> list[tuple[int, int]]:
    """Spans in ``text`` of briefing excerpts (text, provenance start), when found."""
    return [s for piece, start in pieces if (s := _locate(text, piece, start)) is not None]


@dataclass
class _Tally:
    items: int = 0
    claims: int = 0
    claims_yes: float = 0.0
    bottom_yes: float = 0.0
    first: int = 0
    dangling: int = 0
    titles: int = 0
    testimony: int = 0
    covered: int = 0
    quotes: int = 0
    quotes_on: int = 0


def _briefer(item: dict[str, Any], card: Briefing, tally: _Tally, first: tuple[int, int]) -> int:
    """Tally briefer's card for one editorial; returns its number of key arguments."""
    text, units = item["text"], item["units"]
    claims = _spans(text, ((a.claim.text, a.claim.provenance.start) for a in card.key_arguments))
    tally.claims += len(claims)
    tally.claims_yes += sum(label_of(units, *s) == ASSUMPTION for s in claims)
    if card.bottom_line is not None:
        line = card.bottom_line
        span = _locate(text, line.text, line.provenance.start)
        tally.bottom_yes += span is not None and label_of(units, *span) == ASSUMPTION
        tally.first += span is not None and span[0] <= first[0] < span[1]
        tally.dangling += bool(DANGLING.match(line.text))
    tally.titles += (card.source.title or "").strip() == item["title"].strip()
    quoted = [
        (u["start"], u["end"])
        for u in units
        if u["label"] == "testimony" and _QUOTE_MARKS.search(text[u["start"] : u["end"]])
    ]
    testimony = [(u["start"], u["end"]) for u in units if u["label"] == "testimony"]
    quotes = _spans(text, ((q.text, q.provenance.start) for q in card.quotes))
    tally.testimony += len(quoted)
    tally.covered += sum(any(a < e and s < b for a, b in quotes) for s, e in quoted)
    tally.quotes += len(quotes)
    tally.quotes_on += sum(any(a < e and s < b for s, e in testimony) for a, b in quotes)
    return len(claims)


def _eligible(f: Features) -> list[int]:
    return [i for i in range(len(f)) if f.eligible[i] and f.complete[i]]


def _baseline_picks(analysis: Analysis, method: str, k: int) -> list[int]:
    """The first ``k`` eligible sentences (lead) or a sumy algorithm's top ``k``."""
    f = features(analysis, "lead" if method == "lead" else method)
    pool = _eligible(f) or list(range(len(f)))
    if method == "lead":
        return pool[:k]
    return sorted(pool, key=lambda i: (-f.central[i], i))[:k]


def _tally_baseline(
    item: dict[str, Any], analysis: Analysis, offset: int, method: str, k: int, tally: _Tally
) -> None:
    units = item["units"]
    sentences = analysis.sentences

    def yes(i: int) -> bool:
        s = sentences[i]
        return label_of(units, s.start + offset, s.end + offset) == ASSUMPTION

    if method == "random":
        f = features(analysis, "lead")
        pool = [i for i in _eligible(f) or range(len(f)) if _labelled(units, sentences[i], offset)]
        share = sum(map(yes, pool)) / len(pool) if pool else 0.0
        tally.claims += k
        tally.claims_yes += k * share
        tally.bottom_yes += share
        return
    picks = _baseline_picks(analysis, method, max(k, 1))
    tally.claims += min(k, len(picks))
    tally.claims_yes += sum(map(yes, picks[:k]))
    tally.bottom_yes += bool(picks) and yes(picks[0])


def _labelled(units: Units, s: Any, offset: int) -> bool:
    return label_of(units, s.start + offset, s.end + offset) is not None


def baseline_methods() -> tuple[str, ...]:
    return ("lead", *sorted(_ratings.ALGORITHMS), "random")


def evaluate_editorials(
    items: Sequence[dict[str, Any]], methods: Sequence[str] | None = None
) -> list[EditorialRow]:
    """Score briefer ("auto") and the baselines on every editorial; rows per outlet."""
    from briefer.pipeline import brief

    methods = tuple(methods or ("auto", *baseline_methods()))
    tallies: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    for item in items:
        analysis, offset = body_analysis(item)
        first = analysis.sentences[0] if analysis.sentences else None
        first_span = (first.start + offset, first.end + offset) if first else (-1, -1)
        card = brief(item["text"])
        k = _briefer(item, card, briefer_tally := _Tally(), first_span)
        for subset in (item["outlet"], "all"):
            _add(tallies[subset, "auto"], briefer_tally)
        for method in methods:
            if method == "auto":
                continue
            one = _Tally()
            _tally_baseline(item, analysis, offset, method, k, one)
            for subset in (item["outlet"], "all"):
                _add(tallies[subset, method], one)
    return [_row(subset, method, t) for (subset, method), t in sorted(tallies.items())]


def _add(into: _Tally, one: _Tally) -> None:
    into.items += 1
    for name in (
        "claims", "claims_yes", "bottom_yes", "first", "dangling", "titles",
        "testimony", "covered", "quotes", "quotes_on",
    ):  # fmt: skip
        setattr(into, name, getattr(into, name) + getattr(one, name))


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def _row(subset: str, method: str, t: _Tally) -> EditorialRow:
    claims, bottom = _share(t.claims_yes, t.claims), _share(t.bottom_yes, t.items)
    row = EditorialRow(subset, method, t.items, t.claims, claims, bottom)
    if method != "auto":
        return row
    return replace(
        row,
        bottom_first=_share(t.first, t.items),
        bottom_dangling=_share(t.dangling, t.items),
        titles=_share(t.titles, t.items),
        quoted_testimony_covered=_share(t.covered, t.testimony),
        quotes_on_testimony=_share(t.quotes_on, t.quotes),
    )


def _pct(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}"


def format_editorials(rows: Sequence[EditorialRow]) -> str:
    """Plain-text table: per outlet, briefer first, then baselines by claim share."""
    head = (
        f"{'subset':<10} {'method':<10} {'n':>4} {'claims':>6} {'claim%':>6} {'bottom%':>7} "
        f"{'first%':>6} {'dangl%':>6} {'title%':>6} {'qtest%':>6} {'q-on%':>6}"
    )
    lines = [head]
    for subset in sorted({r.subset for r in rows}):
        block = sorted(
            (r for r in rows if r.subset == subset),
            key=lambda r: (r.method != "auto", -r.claims_assumption),
        )
        lines.extend(
            f"{r.subset:<10} {r.method:<10} {r.items:>4} {r.claims:>6} "
            f"{_pct(r.claims_assumption):>6} {_pct(r.bottom_assumption):>7} "
            f"{_pct(r.bottom_first):>6} {_pct(r.bottom_dangling):>6} {_pct(r.titles):>6} "
            f"{_pct(r.quoted_testimony_covered):>6} {_pct(r.quotes_on_testimony):>6}"
            for r in block
        )
    return "\n".join(lines)
