"""The briefing JSON contract (pydantic): what briefer promises its users and other tools.

Every piece taken from the article carries ``provenance`` — the paragraph index and the
character span in the article's normalized text — so ``article.text[start:end] == text``
and any line on the card can be checked against its source.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# "1.1" (additive): ``genre`` and ``bottom_line_part``; a "1" briefing still validates.
# "1.2" (additive): candidates for each list, not only the bottom line.
SCHEMA_VERSION: Literal["1.2"] = "1.2"
Genre = Literal["news", "opinion", "report"]

NonNegative = Annotated[int, Field(ge=0)]
# Bounds on what a briefing may hold, so a hand-made JSON with a 10 MB field is refused at
# validation instead of tying up the renderer for minutes. Generous: a sentence is at most
# 5,000 characters (nlp.sentences.MAX_SENTENCE_CHARS) and a quotation a paragraph; the dev
# sets' longest excerpt is under 1,000 characters and their longest name field 1,504.
MAX_EXCERPT_CHARS = 20_000
MAX_NAME_CHARS = 2_000
MAX_LOCATOR_CHARS = 8_192
MAX_ITEMS = 1_000
ExcerptText = Annotated[str, Field(min_length=1, max_length=MAX_EXCERPT_CHARS)]
Name = Annotated[str, Field(max_length=MAX_NAME_CHARS)]
Locator = Annotated[str, Field(max_length=MAX_LOCATOR_CHARS)]


def _unset(value: object) -> bool:
    # Fields added after version 1 shipped stay out of the JSON while unused, so a briefing
    # that does not use them is byte-identical to one made before they existed.
    return value is None or value is False


class _Model(BaseModel):
    # Unknown keys are rejected so a hand-edited briefing with a typo fails loudly.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(_Model):
    """Where a piece of text sits in the article: ``article.text[start:end]``."""

    paragraph: NonNegative
    start: NonNegative
    end: NonNegative

    @model_validator(mode="after")
    def _ordered(self) -> Provenance:
        if self.end < self.start:
            raise ValueError(f"provenance end {self.end} is before start {self.start}")
        return self


class Excerpt(_Model):
    """A verbatim sentence (or part of one) of the article."""

    text: ExcerptText
    provenance: Provenance


class SourceInfo(_Model):
    """Metadata of the briefed article."""

    title: Name | None = None
    subtitle: Name | None = None
    authors: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS)
    published: dt.date | None = None
    publisher: Name | None = None
    url: Locator | None = None
    path: Locator | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    language: Name | None = None
    word_count: NonNegative
    reading_minutes: NonNegative
    fetched: dt.datetime | None = Field(
        default=None, exclude_if=_unset, description="When `url` was fetched (briefings of a URL)."
    )


class KeyArgument(_Model):
    """One of the author's claims, labelled with a keyphrase from the text."""

    label: Name
    claim: Excerpt
    support: list[Excerpt] = Field(default_factory=list, max_length=2)
    label_retyped: bool = Field(
        default=False, exclude_if=_unset, description="The analyst retyped the label."
    )


class Quote(_Model):
    """A quotation and who said it (a name, or the description the text uses)."""

    text: ExcerptText
    speaker: Name | None = None
    role: Name | None = None
    provenance: Provenance


class Figure(_Model):
    """A number with what it counts; ``context`` is the sentence it comes from."""

    value: Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS)]
    provenance: Provenance
    context: Excerpt


ParameterValue = str | int | float | bool | None


class Generator(_Model):
    """What made the briefing, so it can be reproduced."""

    name: Literal["briefer"] = "briefer"
    version: str
    algorithm: str
    parameters: dict[str, ParameterValue] = Field(default_factory=dict)


class Candidates(_Model):
    """The next-best picks the ranker considered, best first, for an analyst to swap in.

    An edit moves items between a list and its candidates (a removed item waits here to be
    put back); an edited briefing's list and candidates together hold only the original's.
    ``quotes`` starts empty: the JSON already lists every quotation.
    """

    bottom_line: list[Excerpt] = Field(default_factory=list, max_length=MAX_ITEMS)
    key_arguments: list[KeyArgument] = Field(default_factory=list, max_length=MAX_ITEMS)
    quotes: list[Quote] = Field(default_factory=list, max_length=MAX_ITEMS)
    figures: list[Figure] = Field(default_factory=list, max_length=MAX_ITEMS)
    recommendations: list[Excerpt] = Field(default_factory=list, max_length=MAX_ITEMS)


# A card holds a few dozen items at most; the bound keeps an index a plain, short number.
PinRef = Annotated[
    str, Field(pattern=r"^(key_arguments|quotes|figures|recommendations)\[[0-9]{1,4}\]$")
]


class Edits(_Model):
    """What an analyst changed on the card; every excerpt was re-checked against the article."""

    changes: list[str] = Field(default_factory=list, description="Each change, in plain words.")
    pinned: list[PinRef] = Field(
        default_factory=list, description="Items the card keeps when it must drop some to fit."
    )


class Briefing(_Model):
    """A one-page briefing of one article; every text field is quoted from the article."""

    schema_version: Literal["1", "1.1", "1.2"] = SCHEMA_VERSION
    source: SourceInfo
    # What the text is: a news report ("Key points"), opinion or analysis ("Key
    # arguments") or a long report ("Key findings"); None in "1" briefings.
    genre: Genre | None = None
    bottom_line: Excerpt | None = None
    # True when the bottom line quotes only the part of its sentence that stands alone
    # (the sentence opens on a word pointing elsewhere); the card marks it with an ellipsis.
    bottom_line_part: bool = False
    summary: list[Excerpt] = Field(default_factory=list, max_length=MAX_ITEMS)
    key_arguments: list[KeyArgument] = Field(default_factory=list, max_length=MAX_ITEMS)
    quotes: list[Quote] = Field(default_factory=list, max_length=MAX_ITEMS)
    figures: list[Figure] = Field(default_factory=list, max_length=MAX_ITEMS)
    recommendations: list[Excerpt] = Field(default_factory=list, max_length=MAX_ITEMS)
    keywords: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS)
    generator: Generator
    candidates: Candidates | None = Field(default=None, exclude_if=_unset)
    edits: Edits | None = Field(default=None, exclude_if=_unset)

    def excerpts(self) -> list[tuple[str, Provenance]]:
        """Every (text, provenance) pair in the briefing, for checking against the source."""
        pairs: list[tuple[str, Provenance]] = []
        plain = [self.bottom_line, *self.summary, *self.recommendations]
        pairs += [(e.text, e.provenance) for e in plain if e is not None]
        for arg in self.key_arguments:
            pairs += [(e.text, e.provenance) for e in (arg.claim, *arg.support)]
        pairs += [(q.text, q.provenance) for q in self.quotes]
        for fig in self.figures:
            pairs += [(fig.value, fig.provenance), (fig.context.text, fig.context.provenance)]
        return pairs
