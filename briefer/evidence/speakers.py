"""Who "he" and "she" are: a pronoun speaker resolved to the one person it can mean.

'"...," he said' names nobody. It is resolved to the person named last before the quote
(a named speaker of an earlier quote, or a name in the text) when nobody else is named
between that person's quote and this one; with two people in view it stays unattributed,
as a reader could not tell either. Names in the text are runs of two or three
capitalised words that do not name an organisation, a place or a document, plus the
surnames of speakers already found ("Dashty" after "Sanjar Dashty"). One scan per article.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["PRONOUN", "Speakers", "is_pronoun"]

# The speaker a clause like "he said" gives before it is resolved.
PRONOUN = "\x00pronoun"
_PRONOUN = re.compile(r"(?:he|she)(?:\s+(?:\w+ly|also|then|later|further|once))?", re.I)
# Two or three capitalised words (linear: no nested quantifiers).
_WORD = r"[A-Z][a-z][\w\u2019'\-]*"
_FULL_NAME = re.compile(rf"\b{_WORD}(?:[ \u00a0](?:[A-Z]\.?[ \u00a0])?{_WORD}){{1,4}}\b")
_CAPITALISED = re.compile(rf"\b{_WORD}")
# Words that make a run of capitals an organisation, a place, a title or a document.
_ORGANISATION_WORDS = """
    Committee Council Department Ministry University College School Times Post News Party
    Office Agency Court House Senate Congress Union Nations States State Republic Kingdom
    Bank Fund Organisation Organization Foundation Institute Centre Center Association
    Convention Service Services Force Forces Army Navy Police Government Commission
    Conference Street Radio Magazine Journal Review Guardian Company Group Corporation Press
    Media Network Club League Cup Day Week Act Bill Law Treaty Museum Gallery Hospital Island
    Islands River City County Province Region East West North South Middle Europe European
    Gulf Sea Ocean Guidance Strategy Report Study Security National International Federal
    Islamic Muslim Christian Catholic Church Saint St Affairs Health Defense Defence Justice
    Foreign Home Interior Treasury Federation Assembly Parliament Cabinet Administration Board Trust
    January February March April July September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday American British French German
    Russian Chinese Israeli Palestinian Syrian Iraqi Iranian Afghan African Asian Arab
    Facebook Twitter Google Street Avenue Road Square Park Airport Station Channel Festival
    Olympic Olympics Premier Champions World Global Daily Weekly Sunday Morning Evening
    Today Opportunity Rights Row Entertainments Faculty Times Street Evangelistic
"""
_NOT_PEOPLE = frozenset(_ORGANISATION_WORDS.split())
# Words a name starts after: clause openers, and titles ("President Barack Obama").
_OPENER_WORDS = (
    "The A An In On At As But And When While If For From By With After Before This That "
    "These Those It Its Their His Her Our We They He She President Secretary Minister "
    "General Prime Mr Mrs Ms Dr Sir Lord Lady Senator Sen Rep Chief Director Judge "
    "Professor Prof Chancellor Governor Gov Mayor Ambassador Chaplain Former Vice Among "
    "Congressman Congresswoman"
)
_OPENERS = frozenset(_OPENER_WORDS.split())
# How far back a pronoun looks for the person it means (bounds the work per pronoun).
WINDOW = 2500


def is_pronoun(clause: str) -> bool:
    """Whether a speech verb's subject is a bare "he" or "she" ("he said", "she also told")."""
    return _PRONOUN.fullmatch(clause.strip()) is not None


def _surname(name: str) -> str:
    return name.split()[-1]


def _people(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every run of capitalised words that reads as a person's name, and
    of every later use of such a person's surname alone ("Cochran" after "Kelvin Cochran")."""
    found = []
    for match in _FULL_NAME.finditer(text):
        tokens = [re.sub(r"[\u2019']s$", "", t) for t in match.group(0).split()]
        while tokens and tokens[0] in _OPENERS:
            tokens = tokens[1:]
        if len(tokens) >= 2 and not any(t in _NOT_PEOPLE for t in tokens):
            found.append((match.start() + match.group(0).index(tokens[0]), " ".join(tokens)))
    first: dict[str, tuple[int, str]] = {}
    for at, name in found:
        first.setdefault(_surname(name), (at, name))
    named = {at for at, _ in found}
    for word in _CAPITALISED.finditer(text):
        person = first.get(word.group(0))
        if person and person[0] < word.start() and word.start() not in named:
            found.append((word.start(), person[1]))
    return sorted(found)


@dataclass
class Speakers:
    """The named people of one article in document order, for resolving pronouns."""

    text: str
    mentions: list[tuple[int, str]] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    last: tuple[int, str] | None = None  # (offset, name) of the last named speaker

    def __post_init__(self) -> None:
        self.mentions = _people(self.text)
        self.offsets = [k for k, _ in self.mentions]

    def spoke(self, at: int, end: int, speaker: str | None) -> None:
        """Record a quote ``at:end`` attributed to ``speaker`` (named people only)."""
        if speaker and speaker != PRONOUN and _is_person(speaker):
            self.last = (end, speaker)

    def resolve(self, at: int, floor: int) -> str | None:
        """The one person a pronoun at ``at`` can mean: the last named speaker when nobody
        else is named between their quote and the pronoun; without a speaker in view, the
        one person named since ``floor`` (the start of the previous paragraph). Only the
        last ``WINDOW`` characters are read."""
        since = max(floor, at - WINDOW)
        speaker = None
        if self.last is not None and self.last[0] >= at - WINDOW:
            since, speaker = self.last
        people = _distinct(n for _, n in self._between(since, at))
        if speaker is not None:
            return None if any(not _same(n, speaker) for n in people) else speaker
        return people[0] if len(people) == 1 else None

    def _between(self, start: int, end: int) -> list[tuple[int, str]]:
        low, high = bisect.bisect_left(self.offsets, start), bisect.bisect_left(self.offsets, end)
        return self.mentions[low:high]


def _is_person(name: str) -> bool:
    tokens = name.split()
    return name[:1].isupper() and not name.isupper() and not any(t in _NOT_PEOPLE for t in tokens)


def _same(name: str, other: str) -> bool:
    return _surname(name) == _surname(other) or name in other or other in name


def _distinct(names: Iterable[str]) -> Sequence[str]:
    """Names of distinct people: "Theresa May" and "May" or "Ms May" are one."""
    by_surname: dict[str, str] = {}
    for name in sorted(names, key=len, reverse=True):
        by_surname.setdefault(_surname(name), name)
    return list(by_surname.values())
