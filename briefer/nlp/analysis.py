"""Article -> Analysis: the language facts every later stage reads, computed once.

Ranking, quotes, figures, recommendations, labels and keywords all look at the same
sentences, the same quoted spans, the same content words and the same phrase counts;
building them here once and handing the result along keeps each stage from splitting,
scanning or stemming the article again.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.model import Article, Sentence
from briefer.nlp.cues import is_boilerplate, is_reference_entry
from briefer.nlp.language import content_words
from briefer.nlp.phrases import Phrases, phrases
from briefer.nlp.quoting import paragraph_spans, quoted_share
from briefer.nlp.sentences import segment

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True, slots=True)
class Analysis:
    """One article, read once; per-sentence tuples are index-aligned with ``sentences``."""

    article: Article
    language: str  # sumy's name ("english")
    sentences: tuple[Sentence, ...]
    # Quote spans of each paragraph, relative to the paragraph's text, by paragraph index.
    quote_spans: tuple[tuple[tuple[int, int], ...], ...]
    quoted: tuple[float, ...]  # share of each sentence inside quotation marks
    stems: tuple[tuple[str, ...], ...]  # each sentence's content words, stemmed
    bags: tuple[frozenset[str], ...]  # the same as sets, for cosine similarity
    chrome: tuple[bool, ...]  # captions, bios and site chrome (``cues.is_boilerplate``)
    cited: frozenset[int]  # paragraphs that are bibliography or reading-list entries
    phrases: Phrases  # n-gram statistics of the whole text (keywords, labels)
    starts: tuple[int, ...]  # index of each paragraph's first sentence, then len(sentences)

    def in_paragraph(self, paragraph: int) -> tuple[Sentence, ...]:
        """The sentences of one paragraph, in order."""
        return self.sentences[self.starts[paragraph] : self.starts[paragraph + 1]]


def analyse(
    article: Article, language: str = "english", sentences: Sequence[Sentence] | None = None
) -> Analysis:
    """Split, scan and count ``article`` once (``sentences`` when already split)."""
    sentences = tuple(sentences) if sentences is not None else segment(article, language)
    spans = paragraph_spans(article)
    stems = tuple(tuple(content_words(s.text, language)) for s in sentences)
    return Analysis(
        article=article,
        language=language,
        sentences=sentences,
        quote_spans=spans,
        quoted=tuple(quoted_share(article, sentences, spans)),
        stems=stems,
        bags=tuple(frozenset(s) for s in stems),
        chrome=tuple(is_boilerplate(s.text) for s in sentences),
        cited=frozenset(p.index for p in article.paragraphs if is_reference_entry(p.text)),
        phrases=phrases(article.text, language),
        starts=_starts(sentences, len(article.paragraphs)),
    )


def _starts(sentences: Sequence[Sentence], paragraphs: int) -> tuple[int, ...]:
    """Sentences come in paragraph order: paragraph k's are ``starts[k]:starts[k + 1]``."""
    paragraph_of = [s.paragraph for s in sentences]
    return tuple(bisect.bisect_left(paragraph_of, k) for k in range(paragraphs + 1))
