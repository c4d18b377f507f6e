"""Who "he" and "she" are: a pronoun speaker resolved to the one person it can mean.

'"...," he said' names nobody. It is resolved to the last person named as a sentence's
subject since the previous quote, of that kind (someone the text calls "she" is not
"he"), and stays unattributed when someone else is named in a later sentence, as a reader
could not tell either; with nobody named since, the previous quote's speaker goes on.
Names in the text are runs of two to five capitalised words that do not name an
organisation, a place or a document, one-word subjects of speech verbs ("Mota said"), and
later uses of their surnames ("Dashty" after "Sanjar Dashty"). One scan per article;
bench/pronoun_eval.py measures it against hand-labelled speakers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["AUTHOR", "HE", "PRONOUNS", "SHE", "SPEECH", "Speakers", "is_author", "pronoun"]

# Verbs that report speech ("said", "tweeted", "pointed out").
SPEECH = (
    r"(?:said|says|say|noted|notes|note|explained|explains|added|adds|argued|argues|"
    r"told|tells|wrote|writes|stated|states|acknowledged|acknowledges|responded|"
    r"replied|commented|comments|comment|tweeted|warned|warns|observed|insisted|"
    r"remarked|asked|declared|declares|claimed|claims|recalled|cautioned|conceded|"
    r"emphasized|stressed|testified|announced|put it|made clear|makes clear|"
    r"points out|pointed out|point out|reiterated|speculated|concluded|concludes|"
    r"elaborated|elaborates|muttered|mutters|admitted|admits|asserted|suggested|urged|"
    r"quipped|insists|recalls|predicted|complained|confirmed|vowed|wondered|lamented|"
    r"joked|answered|continued|continues|explain|wrote in|tweets)"
)
# The speaker a clause like "he said" or "she said" gives before it is resolved.
HE, SHE = "\x00he", "\x00she"
PRONOUNS = (HE, SHE)
# The speaker of "I said", "we asked", "I was told": the author's own exchange, a story
# told in the first person rather than a source quoted.
AUTHOR = "\x00author"
_AUTHOR = re.compile(r"(?:I|we)(?:\s+(?:was|were|have|had|also|then|once|\w+ly))*", re.I)
_PRONOUN = re.compile(r"(?P<who>he|she)(?:\s+(?:\w+ly|also|then|later|further|once))?", re.I)
# Who a person is, read from the text: the first personal pronoun after a mention of
# them (before anyone else is named), and titles before the name.
_GENDERED = re.compile(r"\b(?:(?P<he>he|his|himself)|(?P<she>she|herself))\b", re.I)
_TITLE_HE = re.compile(r"\b(?:Mr|Sir|Lord|King|Prince|Father|Brother)\.?\s+$")
_TITLE_SHE = re.compile(r"\b(?:Mrs|Ms|Miss|Lady|Dame|Queen|Princess|Sister)\.?\s+$")
# A name this many words into its sentence, or fewer, is the sentence's subject.
SUBJECT_WORDS = 4
_SPEAKS_AFTER = re.compile(rf"(?:,[^,.]{{1,80}},)?\s+(?:has |had )?{SPEECH}\b")
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
# "..., said Hamid": the inverted subject follows a verb right after a quote or comma.
_SPEAKS_BEFORE = re.compile(rf"[,\"\u201d\u2019]\s*{SPEECH}\s+$")
# How far after a mention its pronoun is looked for.
_GENDER_REACH = 200
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
    Today Opportunity Rights Row One Entertainments Faculty Times Street Evangelistic
"""
_NOT_PEOPLE = frozenset(_ORGANISATION_WORDS.split())
# Words a name starts after: clause openers, and titles ("President Barack Obama").
_OPENER_WORDS = (
    "The A An In On At As But And When While If For From By With After Before This That "
    "These Those It Its Their His Her Our We They He She President Secretary Minister "
    "General Prime Mr Mrs Ms Dr Sir Lord Lady Senator Sen Rep Chief Director Judge "
    "Professor Prof Chancellor Governor Gov Mayor Ambassador Chaplain Former Vice Among "
    "Congressman Congresswoman Then Now Later Earlier Meanwhile However Yet So Also"
)
_OPENERS = frozenset(_OPENER_WORDS.split())
# How far back a pronoun looks for the person it means (bounds the work per pronoun).
WINDOW = 2500


def is_author(clause: str) -> bool:
    """Whether a speech verb's subject is the author ("I said", "we were told")."""
    return _AUTHOR.fullmatch(clause.strip()) is not None


def pronoun(clause: str) -> str | None:
    """HE or SHE when a speech verb's subject is a bare pronoun ("he said", "she also told")."""
    match = _PRONOUN.fullmatch(clause.strip())
    if match is None:
        return None
    return HE if match.group("who").lower() == "he" else SHE


def _surname(name: str) -> str:
    return name.split()[-1]


_POSSESSIVE = re.compile(r"[\u2019']s$")
# One capitalised word as the subject or the inverted subject of a speech verb ("Mota
# said", "said Hamid"): a person named once, by one name.
_SPEAKING = re.compile(
    rf"\b(?P<a>{_WORD})[ \u00a0]+(?:has |had )?{SPEECH}\b|\b{SPEECH}[ \u00a0]+(?P<b>{_WORD})\b"
)
# Capitalised words before a speech verb that are a group or a clause opener, not a name.
_NOT_SPEAKER_WORDS = """
    Officials Police Critics Analysts Experts Residents Witnesses Others Many Some Sources
    Researchers Scientists Doctors Lawyers Prosecutors Authorities Reports Studies Polls
    People Students Parents Officers Campaigners Activists Protesters Supporters Voters
    Leaders Investigators Aides Diplomats Observers Locals Teachers Workers Members Both
    Also Earlier Later Then Yesterday Today Reuters
"""
_NOT_SPEAKERS = frozenset(_NOT_SPEAKER_WORDS.split())


def _people(text: str) -> list[tuple[int, int, str]]:
    """(offset, length, name) of every run of capitalised words that reads as a person's
    name, of every one-word speaker of a speech verb, and of every later use of such a person's
    surname alone ("Cochran" after "Kelvin Cochran")."""
    found = []
    for match in _FULL_NAME.finditer(text):
        tokens = [_POSSESSIVE.sub("", t) for t in match.group(0).split()]
        while tokens and tokens[0] in _OPENERS:
            tokens = tokens[1:]
        if len(tokens) >= 2 and not any(t in _NOT_PEOPLE for t in tokens):
            start = match.start() + match.group(0).index(tokens[0])
            found.append((start, match.end() - start, " ".join(tokens)))
    first: dict[str, tuple[int, str]] = {}
    for at, _, name in found:
        first.setdefault(_surname(name), (at, name))
    for match in _SPEAKING.finditer(text):
        group = "a" if match.group("a") else "b"
        word = match.group(group)
        if word not in _OPENERS and word not in _NOT_PEOPLE and word not in _NOT_SPEAKERS:
            first.setdefault(word, (match.start(group), word))
    names = sorted((at, at + length) for at, length, _ in found)
    starts = [at for at, _ in names]
    for word in _CAPITALISED.finditer(text):
        person = first.get(_POSSESSIVE.sub("", word.group(0)))
        if person is None or person[0] > word.start():
            continue
        k = bisect.bisect_right(starts, word.start()) - 1
        if k < 0 or names[k][1] <= word.start():  # not inside a full name already found
            found.append((word.start(), len(word.group(0)), person[1]))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named at ``at``; ``subject`` when the name opens its sentence (after at
    most a few words: "Health Secretary John Reid warned") or a speech verb takes it."""

    at: int
    name: str
    sentence: int
    subject: bool
    after_pronoun: bool  # "He says Tony Blair ...": the sentence is about someone else


@dataclass
class Speakers:
    """The named people of one article in document order, for resolving pronouns.

    The scan for names runs on the first pronoun to resolve: most articles quote nobody
    as "he" or "she" (the sample does not), and then it costs nothing.
    """

    text: str
    sentence_starts: Sequence[int] = ()
    mentions: list[Mention] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    # (start, end, speaker) of the quotes found so far, in document order.
    heard: list[tuple[int, int, str | None]] = field(default_factory=list)
    # "he" or "she" by surname, where the text shows which.
    gender: dict[str, str] = field(default_factory=dict)
    scanned: bool = False

    def _scan(self) -> None:
        self.scanned = True
        found = _people(self.text)
        self.mentions = [self._mention(at, length, name) for at, length, name in found]
        self.offsets = [m.at for m in self.mentions]
        self.gender = _genders(self.text, found)

    def _mention(self, at: int, length: int, name: str) -> Mention:
        k = bisect.bisect_right(self.sentence_starts, at) - 1
        opening = self.sentence_starts[k] if k >= 0 else 0
        lead = self.text[opening:at]
        speaking = _SPEAKS_AFTER.match(self.text, at + length) is not None
        speaking = speaking or _SPEAKS_BEFORE.search(self.text, max(0, at - 30), at) is not None
        # "He says Tony Blair was not worried": a pronoun already holds the subject.
        after_pronoun = _SUBJECT_PRONOUN.search(lead) is not None
        opens = len(lead.split()) <= SUBJECT_WORDS and not after_pronoun
        return Mention(at, name, k, opens or speaking, after_pronoun)

    def spoke(self, at: int, end: int, speaker: str | None) -> None:
        """Record a quote ``at:end`` and who said it (None when nobody is known)."""
        self.heard.append((at, end, speaker if speaker and _is_person(speaker) else None))

    def resolve(self, at: int, floor: int, said: str) -> str | None:
        """The one person a pronoun for the quote at ``at`` can mean.

        Since the previous quote: the last person named as a sentence's subject, unless
        someone else is named in a later sentence not led by a pronoun (then two people
        are in view and it stays unattributed; "he hit back at Mr Mallon's claim" keeps
        the same "he"). When nobody is named as a subject since, the previous quote's
        speaker goes on speaking, or else (nobody named at all) the person named before
        that quote counts. People the text shows to be of the other sex ("he" for "she")
        are not candidates. Without an earlier quote the stretch starts at ``floor`` (the
        previous paragraph); only the last ``WINDOW`` characters are read.
        """
        if not self.scanned:
            self._scan()
        want = "he" if said == HE else "she"
        horizon = max(0, at - WINDOW)
        previous = self.heard[-1] if self.heard and self.heard[-1][1] >= horizon else None
        since = previous[1] if previous else max(floor, horizon)
        mentions = self._between(since, at, want)
        if any(m.subject for m in mentions) or previous is None:
            return self._subject(mentions)
        speaker = previous[2]
        if speaker is not None and self.gender.get(_surname(speaker), want) == want:
            return speaker
        if mentions:
            return None
        before = self.heard[-2][1] if len(self.heard) > 1 else max(floor, horizon)
        return self._subject(self._between(max(before, horizon), previous[0], want))

    @staticmethod
    def _subject(mentions: Sequence[Mention]) -> str | None:
        subjects = [m for m in mentions if m.subject]
        if not subjects:
            return None
        chosen = subjects[-1]
        later = (m for m in mentions if m.sentence > chosen.sentence and not m.after_pronoun)
        return None if any(not _same(m.name, chosen.name) for m in later) else chosen.name

    def _between(self, start: int, end: int, want: str) -> list[Mention]:
        """Mentions in ``start:end`` of people who may be ``want`` ("he" or "she")."""
        low, high = bisect.bisect_left(self.offsets, start), bisect.bisect_left(self.offsets, end)
        gender = self.gender
        return [m for m in self.mentions[low:high] if gender.get(_surname(m.name), want) == want]


def _genders(text: str, mentions: Sequence[tuple[int, int, str]]) -> dict[str, str]:
    """ "he" or "she" for each surname whose mentions the text follows with one more often
    (or titles with Mr/Ms ...); surnames the text leaves open are absent."""
    votes: dict[str, list[int]] = {}
    for k, (at, length, name) in enumerate(mentions):
        tally = votes.setdefault(_surname(name), [0, 0])
        lead = text[max(0, at - 8) : at]
        if _TITLE_HE.search(lead):
            tally[0] += 2
        elif _TITLE_SHE.search(lead):
            tally[1] += 2
        end = at + length
        following = mentions[k + 1][0] if k + 1 < len(mentions) else len(text)
        match = _GENDERED.search(text, end, max(end, min(end + _GENDER_REACH, following)))
        if match:
            tally[0 if match.group("he") else 1] += 1
    return {s: ("he" if he > she else "she") for s, (he, she) in votes.items() if he != she}


def _is_person(name: str) -> bool:
    tokens = name.split()
    return name[:1].isupper() and not name.isupper() and not any(t in _NOT_PEOPLE for t in tokens)


def _same(name: str, other: str) -> bool:
    return _surname(name) == _surname(other) or name in other or other in name
