"""Options: the single table of defaults shared by the library API and the CLI."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PageSize = Literal["letter", "a4"]
OutputFormat = Literal["pdf", "json", "html", "md", "docx"]

#: Every format a briefing can be written in.
FORMATS: tuple[OutputFormat, ...] = ("pdf", "json", "html", "md", "docx")

#: Seconds one input may take before it is failed. The longest report we test (130,000
#: characters) takes ~5 s with its PDF; 300 s catches only a pathological input.
DEFAULT_TIMEOUT = 300.0

# 20 MB of input is far beyond any real article (the 20,000-word reports we test are
# ~130 KB of text, ~2 MB as PDF) yet small enough that a stray archive fails fast.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class Options(BaseModel):
    """How to brief an article; every field has the default the CLI shows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    algorithm: str = Field(
        default="auto",
        description="Ranking: 'auto' (briefer's argument-aware default), 'lead' or a sumy name.",
    )
    language: str | None = Field(
        default=None, description="ISO 639-1 code of the article language; detected when omitted."
    )
    max_key_arguments: int = Field(
        default=5, ge=1, le=5, description="Most key arguments on the card."
    )
    summary_sentences: int = Field(
        default=5, ge=1, le=20, description="Sentences in the summary list."
    )
    page_size: PageSize = Field(default="letter", description="Paper size of the PDF card.")
    template_dir: Path | None = Field(
        default=None, description="Folder whose templates override the built-in card templates."
    )
    max_bytes: int = Field(
        default=DEFAULT_MAX_BYTES, gt=0, description="Largest input file accepted."
    )
    formats: tuple[OutputFormat, ...] = Field(
        default=("pdf", "json"), min_length=1, description="What to write for each input."
    )
    timeout: float = Field(
        default=DEFAULT_TIMEOUT,
        ge=0,
        description="Seconds one input may take in a batch or on the server; 0 for none.",
    )
    # Left out of the options' JSON while at their defaults, so batch resume stamps stay valid.
    fetch_timeout: float = Field(
        default=30.0,
        gt=0,
        exclude_if=lambda t: t == 30.0,
        description="Seconds to wait to connect, and for the next bytes, when fetching a URL.",
    )
    candidates: int = Field(
        default=0,
        ge=0,
        le=5,
        exclude_if=lambda n: n == 0,
        description="Next-best bottom lines kept in the briefing for editing (0: none).",
    )

    def fingerprint(self) -> str:
        """A hash of what changes a briefing's content (not which files, nor the time limit)."""
        fields = self.model_dump_json(exclude={"formats", "timeout"})
        return hashlib.sha256(fields.encode()).hexdigest()[:16]
