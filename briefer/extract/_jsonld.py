"""Read schema.org Article metadata from a page's JSON-LD (headline, authors, date).

A page's JSON-LD is what the publisher declares about the article itself, so it
outranks ``og:title`` and ``<title>`` (which often carry a slogan or the site
name). trafilatura reads JSON-LD for authors but prefers other title sources.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

from briefer.extract.metadata import parse_authors, parse_date
from briefer.model import Metadata

__all__ = ["jsonld_metadata"]

# The opening tag and its closing tag are found in two steps, each scan bounded: one
# pattern over "<script ...>(.*?)</script>" rescans to the end of the page from every
# "<script" that never closes (quadratic on hostile pages).
_SCRIPT_OPEN = re.compile(r"<script\b([^>]{0,2000})>", re.I)
_LD_TYPE = re.compile(r"type\s*=\s*[\"']application/ld\+json[\"']", re.I)
_ARTICLE_TYPES = re.compile(r"Article$|^BlogPosting$|^Report$|^WebPage$")
# Old CMSes wrap the JSON in CDATA or an HTML comment, sometimes behind "//" (folha.uol).
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def jsonld_metadata(html: str) -> Metadata:
    """Metadata from the page's schema.org Article (else its WebPage) object, or empty."""
    ranked = [(rank, item) for item in _objects(html) if (rank := _rank(item)) is not None]
    if not ranked:
        return Metadata()
    # An Article describes the story; a WebPage the page around it (often with the site's
    # own title), so the page is only the fallback. ``min`` keeps the first of a rank.
    item = min(ranked, key=lambda entry: entry[0])[1]
    headline = item.get("headline") or item.get("name")
    return Metadata(
        # Some CMSes HTML-escape JSON-LD ("can&#39;t"); inside <script> that is literal.
        title=unescape(headline).strip() if isinstance(headline, str) else None,
        authors=_authors(item.get("author")),
        published=parse_date(str(item.get("datePublished") or "")),
    )


def _rank(item: dict[str, Any]) -> int | None:
    """0 for Article-like types, 1 for WebPage, None for anything else."""
    types = item.get("@type")
    names = [t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)]
    if any(_ARTICLE_TYPES.search(t) and t != "WebPage" for t in names):
        return 0
    return 1 if "WebPage" in names else None


def _scripts(html: str) -> Iterator[str]:
    """The bodies of the page's JSON-LD script elements, in order, in linear time."""
    lowered = html.lower()
    at = 0
    while opening := _SCRIPT_OPEN.search(html, at):
        end = lowered.find("</script>", opening.end())
        if end < 0:
            return  # nothing after this closes: no later script can close either
        if _LD_TYPE.search(opening.group(1)):
            yield html[opening.end() : end]
        at = end + len("</script>")


def _objects(html: str) -> Iterator[dict[str, Any]]:
    for body in _scripts(html):
        try:
            data = json.loads(_WRAPPER.sub("", body).strip())
        except ValueError:
            continue  # broken JSON-LD is common; the other sources still apply
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _flatten(entry)
    elif isinstance(data, dict):
        yield data
        yield from _flatten(data.get("@graph", []))


def _authors(value: Any) -> tuple[str, ...]:
    entries = value if isinstance(value, list) else [value]
    names: list[str] = []
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str):
            names.extend(parse_authors(unescape(name)))
    return tuple(dict.fromkeys(names))
