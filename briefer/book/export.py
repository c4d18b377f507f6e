"""The book's JSON (every briefing, the groups, the duplicate links) and one-page HTML."""

from __future__ import annotations

import json
from typing import Any

from briefer._version import __version__
from briefer.book.front import card_pages
from briefer.book.front import render_html as front_html
from briefer.book.model import Plan
from briefer.schema import Briefing

BOOK_VERSION = "1"


def _ids(plan: Plan) -> dict[int, str]:
    return {entry: f"a{n}" for n, entry in enumerate(plan.order, start=1)}


def book_json(plan: Plan, front_pages: int | None = None) -> str:
    """Articles in book order, each with its id, group, page (when laid out) and briefing."""
    ids = _ids(plan)
    pages = card_pages(plan, front_pages) if front_pages is not None else {}
    group_of = {i: g for g, group in enumerate(plan.groups) for i in group.members}
    articles = []
    for i in plan.order:
        of = plan.duplicate_of(i)
        articles.append(
            {
                "id": ids[i],
                "path": plan.entries[i].key,
                "group": group_of[i],
                "page": pages.get(i),
                "duplicate_of": ids[of] if of is not None else None,
                "briefing": plan.entries[i].briefing.model_dump(mode="json"),
            }
        )
    data: dict[str, Any] = {
        "book_version": BOOK_VERSION,
        "title": plan.title,
        "date": plan.date.isoformat(),
        "generator": {"name": "briefer", "version": __version__},
        "groups": [{"name": g.name, "articles": [ids[i] for i in g.members]} for g in plan.groups],
        "duplicates": [
            {"article": ids[d.entry], "duplicate_of": ids[d.of], "similarity": d.similarity}
            for d in plan.duplicates
        ],
        "articles": articles,
        "not_included": [{"path": s.key, "reason": s.reason} for s in plan.skipped],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def unrepeated(plan: Plan, index: int) -> Briefing:
    """The briefing without the quotes and figures its story's first telling already gives."""
    briefing = plan.entries[index].briefing
    of = plan.duplicate_of(index)
    if of is None:
        return briefing
    first = plan.entries[of].briefing
    said = {_norm(q.text) for q in first.quotes}
    counted = {(_norm(f.value), _norm(f.context.text)) for f in first.figures}
    values = {_norm(f.value) for f in first.figures}
    return briefing.model_copy(
        update={
            "quotes": [q for q in briefing.quotes if _norm(q.text) not in said],
            "figures": [
                f
                for f in briefing.figures
                if _norm(f.value) not in values
                and (_norm(f.value), _norm(f.context.text)) not in counted
            ],
        }
    )


def _norm(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())


def book_html(plan: Plan, front_pages: int = 1) -> str:
    """One page: the front matter, then every card's content under an anchor of its own."""
    from briefer.book.front import _environment

    pages = card_pages(plan, front_pages)
    cards = []
    for i in plan.order:
        of = plan.duplicate_of(i)
        cards.append(
            {
                "page": pages[i],
                "brief": unrepeated(plan, i),
                "first": pages[of] if of is not None else None,
            }
        )
    front = front_html(plan, front_pages)
    body = _environment().get_template("book_cards.html.j2").render(cards=cards)
    return front.replace("</body>", body + "</body>", 1)
