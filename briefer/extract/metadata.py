"""Metadata helpers: the "fill only if missing" cascade and field normalisation.

Extractors collect :class:`Metadata` layers from their most reliable source down
(e.g. HTML ``<meta>`` tags via trafilatura, then a byline in the text, then the
file name) and :func:`merge` keeps the first value found for every field, the
way trafilatura's ``extract_metadata`` fills its document.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import fields, replace

from briefer.model import Metadata

__all__ = [
    "merge",
    "parse_authors",
    "parse_date",
    "publisher_from_bio",
]

logger = logging.getLogger(__name__)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})"),  # ISO, also ISO datetimes
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(
        r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})", re.I
    ),
    re.compile(
        r"(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"
    ),  # US style, as CRS tables use
)
# A line that is only a date, possibly with a label ("Updated April 13, 2026", "Published: ...").
_DATE_LINE_LABEL = re.compile(
    r"^\s*(?:(?:last\s+)?(?:updated|published|posted|modified|date|on)\s*:?\s*)?", re.I
)
# "By", and its French, Spanish/Portuguese, German and Dutch forms.
_BY = re.compile(r"^\s*(?:written\s+)?(?:by|par|por|von|door)[:\s]+", re.I)
_SPLIT_AUTHORS = re.compile(r"\s*(?:;|\band\b|&|\|)\s*|\s*,\s*(?=\S+\s+\S)", re.I)
# Words that mark a byline part as a role or affiliation, not a name.
_ROLE_WORDS = frozenset(
    [
        "fellow",
        "username",
        "admin",
        "director",
        "editor",
        "reporter",
        "correspondent",
        "writer",
        "staff",
        "contributor",
        "columnist",
        "professor",
        "analyst",
        "senior",
        "chief",
        "associate",
        "research",
        "researcher",
        "president",
        "chair",
        "university",
        "institute",
        "news",
        "press",
        "agency",
        "updated",
        "published",
        "follow",
        "twitter",
    ]
)
_MAX_NAME_WORDS = 5
_NAME_CHARS = re.compile(r"^[^\W\d_][\w.'\u2019 -]*$")
_BIO_PUBLISHER = re.compile(
    r"\bat\s+(?P<org>(?:the\s+)?[A-Z][\w&'\u2019.-]*(?:\s+(?:[A-Z][\w&'\u2019.-]*|of|for|and|on|&))*)"
)


def merge(*layers: Metadata) -> Metadata:
    """Combine layers, most reliable first: each field keeps its first non-empty value."""
    merged = Metadata()
    for f in fields(Metadata):
        for layer in layers:
            value = getattr(layer, f.name)
            if value not in (None, "", ()):
                merged = replace(merged, **{f.name: value})
                break
    return merged


def parse_date(text: str | None, *, whole: bool = False) -> dt.date | None:
    """Find a calendar date in ``text`` (ISO, "Mar 24, 2021", "24 March 2021", "03/24/2021").

    With ``whole=True`` the text must be nothing but the date, optionally labelled
    ("Updated April 13, 2026"), so body sentences that mention a date do not count.
    """
    if not text:
        return None
    candidate = _DATE_LINE_LABEL.sub("", text.strip(), count=1) if whole else text
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(candidate.strip(" .,")) if whole else pattern.search(candidate)
        if match is None and whole and pattern is _DATE_PATTERNS[0]:
            match = pattern.match(candidate)  # ISO datetime: a date followed by a time
        if match:
            date = _to_date(match)
            if date:
                return date
    return None


# What a CMS writes when it has no date ("datePublished": "0001-01-01T00:00:00Z" on USA
# Today pages) or an epoch a null timestamp became: never a publication date.
_NULL_DATES = frozenset({dt.date(1900, 1, 1), dt.date(1970, 1, 1)})
_MIN_YEAR = 1000


def _to_date(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
    try:
        date = dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
    return None if date.year < _MIN_YEAR or date in _NULL_DATES else date


def parse_authors(text: str | None) -> tuple[str, ...]:
    """Split a byline into names: no "By", no roles, "A and B" split, "Last, First" reordered."""
    if not text:
        return ()
    text = _BY.sub("", unicodedata.normalize("NFKC", text).strip())
    text = re.sub(r"\s*\([^)]*\)", "", text)  # "(@handle)", "(/experts/x)"
    if ";" in text:  # "Last, First; Last, First" (library catalogues, CRS)
        parts = [_reorder(p) for p in text.split(";")]
    else:
        parts = _SPLIT_AUTHORS.split(_reorder(text))
    names: dict[str, str] = {}  # case-folded -> first spelling ("Jane Doe" beats "JANE DOE")
    for part in parts:
        name = _clean_name(part)
        if name:
            names.setdefault(name.casefold(), name)
    return tuple(names.values())


def _reorder(part: str) -> str:
    """Turn "Buffie, Nicholas E." into "Nicholas E. Buffie"; leave "Name, Role" alone."""
    pieces = [p.strip() for p in part.split(",")]
    one_word_surname = len(pieces) == 2 and len(pieces[0].split()) == 1
    if one_word_surname and pieces[1] and not _is_role(pieces[1]) and pieces[1][0].isupper():
        return f"{pieces[1]} {pieces[0]}"
    return part.strip()


def _is_role(text: str) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & _ROLE_WORDS) or text[:1].islower()


def _clean_name(part: str) -> str | None:
    name = re.split(r",|\s[-\u2013—|]\s", part)[0]
    name = _BY.sub("", name).strip(" .,:;-\u2013—|")
    if name.endswith((" Jr", " Sr")) or re.search(r"\b[A-Z]$", name):
        name += "."  # keep the dot of "Jr." and of a trailing initial
    words = name.split()
    while words and (words[-1].islower() or words[-1].lower() in _MONTHS or words[-1].isdigit()):
        words.pop()  # "Laura June Topolsky July", "Aleš Vávra před": a date glued to the name
    name = " ".join(words)
    if not words or len(words) > _MAX_NAME_WORDS or _is_role(name) or not _NAME_CHARS.match(name):
        return None
    return " ".join(words)


def publisher_from_bio(text: str) -> str | None:
    """Guess a publisher from an author bio ("… is a fellow at The Washington Institute.")."""
    match = _BIO_PUBLISHER.search(text)
    if not match:
        return None
    org = re.split(r"\.\s", match.group("org"))[0]  # the sentence ends with the name
    org = re.split(r"\s+(?:and|of|for|on|&)$", org.rstrip(" .,"))[0]
    return org if len(org.split()) >= 2 else None
