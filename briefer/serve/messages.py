"""The HTTP API's own models: what wraps a :class:`~briefer.schema.Briefing` on the wire.

The briefing schema stays the project's contract; the API adds an id, the article text the
provenance spans point into, and links to the rendered card.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from briefer.model import Article
from briefer.schema import Briefing

ID_PATTERN = r"^[0-9a-f]{32}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextSubmission(_Model):
    """Article text sent as JSON instead of a file."""

    text: str = Field(min_length=1, description="The article text (plain text, Markdown or HTML).")
    title: str | None = Field(
        default=None, max_length=500, description="Title to use instead of the detected one."
    )


class ParagraphView(_Model):
    """One paragraph of the article: ``article.text[start:end] == text``."""

    index: int
    kind: str = Field(description="paragraph, heading, quote or list_item.")
    start: int
    end: int
    text: str
    level: int = Field(default=0, description="Heading level (1-6); 0 for other kinds.")


class ArticleView(_Model):
    """The normalized article text every provenance span points into."""

    text: str
    paragraphs: list[ParagraphView]

    @classmethod
    def of(cls, article: Article) -> ArticleView:
        """The view of a pipeline :class:`~briefer.model.Article`."""
        paragraphs = [
            ParagraphView(
                index=p.index,
                kind=str(p.kind),
                start=p.start,
                end=p.end,
                text=p.text,
                level=p.level,
            )
            for p in article.paragraphs
        ]
        return cls(text=article.text, paragraphs=paragraphs)


class Links(_Model):
    """Where the rendered forms of a briefing are served."""

    result: str = Field(description="This result (briefing, article and links).")
    pdf: str = Field(description="The one-page PDF card.")
    card_html: str = Field(description="The card as standalone HTML (what the PDF is made from).")
    briefing_json: str = Field(description="The bare briefing JSON, as `briefer brief` writes it.")
    page: str = Field(description="The web page showing the card beside its source.")

    @classmethod
    def of(cls, briefing_id: str) -> Links:
        """The links of the briefing with this id."""
        base = f"/api/briefings/{briefing_id}"
        return cls(
            result=base,
            pdf=f"{base}.pdf",
            card_html=f"{base}.html",
            briefing_json=f"{base}.json",
            page=f"/briefings/{briefing_id}",
        )


class BriefingResult(_Model):
    """A briefing with its id, its source article and links to its card."""

    id: str = Field(pattern=ID_PATTERN, description="Content hash of the input (and title).")
    briefing: Briefing
    article: ArticleView
    links: Links


class ErrorBody(_Model):
    """Every API error: one sentence in plain words saying what is wrong and what to do."""

    detail: str
