"""The briefing JSON contract (pydantic): what briefer promises its users and other tools.

Every piece taken from the article carries ``provenance`` — the paragraph index and the
character span in the article's normalized text — so ``article.text[start:end] == text``
and any line on the card can be checked against its source.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Literal["1"] = "1"

NonNegative = Annotated[int, Field(ge=0)]


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

    text: str = Field(min_length=1)
    provenance: Provenance


class SourceInfo(_Model):
    """Metadata of the briefed article."""

    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    path: str | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    language: str | None = None
    word_count: NonNegative
    reading_minutes: NonNegative
    fetched: dt.datetime | None = Field(
        default=None, exclude_if=_unset, description="When `url` was fetched (briefings of a URL)."
    )


class KeyArgument(_Model):
    """One of the author's claims, labelled with a keyphrase from the text."""

    label: str
    claim: Excerpt
    support: list[Excerpt] = Field(default_factory=list, max_length=2)
    label_retyped: bool = Field(
        default=False, exclude_if=_unset, description="The analyst retyped the label."
    )


class Quote(_Model):
    """A quotation and who said it (a name, or the description the text uses)."""

    text: str = Field(min_length=1)
    speaker: str | None = None
    role: str | None = None
    provenance: Provenance


class Figure(_Model):
    """A number with what it counts; ``context`` is the sentence it comes from."""

    value: str = Field(min_length=1)
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
    """The next-best picks the ranker considered, for an analyst to swap in."""

    bottom_line: list[Excerpt] = Field(default_factory=list)


PinRef = Annotated[str, Field(pattern=r"^(key_arguments|quotes|figures|recommendations)\[\d+\]$")]


class Edits(_Model):
    """What an analyst changed on the card; every excerpt was re-checked against the article."""

    changes: list[str] = Field(default_factory=list, description="Each change, in plain words.")
    pinned: list[PinRef] = Field(
        default_factory=list, description="Items the card keeps when it must drop some to fit."
    )


class Briefing(_Model):
    """A one-page briefing of one article; every text field is quoted from the article."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    source: SourceInfo
    bottom_line: Excerpt | None = None
    summary: list[Excerpt] = Field(default_factory=list)
    key_arguments: list[KeyArgument] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    recommendations: list[Excerpt] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
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
