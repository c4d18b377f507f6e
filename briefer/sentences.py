"""Article -> sentences with article-global character spans."""

from __future__ import annotations

from briefer import segment as _segment
from briefer.model import Article, Sentence

__all__ = ["segment"]


def segment(article: Article, language: str = "english") -> tuple[Sentence, ...]:
    """Split every paragraph into sentences; ``article.text[s.start:s.end] == s.text``."""
    sentences: list[Sentence] = []
    for paragraph in article.paragraphs:
        for start, end in _segment.split_spans(paragraph.text, language):
            text = paragraph.text[start:end]
            # A splitter may leave edge whitespace in a span; trim it so the span is exact.
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            if not text:
                continue
            begin = paragraph.start + start + lead
            sentences.append(
                Sentence(len(sentences), paragraph.index, begin, begin + len(text), text)
            )
    return tuple(sentences)
