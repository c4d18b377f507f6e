"""Argument-aware ranking: bottom line, key arguments and an extractive summary.

The public face of ranking. ``features.py`` computes what each sentence is
(centrality, position in its section, overlap with the title, argument cues, how
much of it is quoted speech), ``selection.py`` weighs and picks, ``labels.py``
names each key argument and ``cues.py`` holds the regular expressions. Captions,
bios, boilerplate, headings and fragments never qualify; quoted speech is
evidence, not a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefer.errors import SummarizeError
from briefer.model import Article, Sentence
from briefer.nlp.sentences import segment
from briefer.rank import selection as _select
from briefer.rank.features import features
from briefer.rank.labels import Labeler
from briefer.rank.summarize import (
    algorithms,
    check_algorithm,
    summarize,
    summarize_text,
    text_article,
)

__all__ = [
    "KeyArgument",
    "Ranking",
    "algorithms",
    "rank",
    "summarize",
    "summarize_text",
    "text_article",
]


# Thesis candidates kept beyond the bottom line (cheap: the scores are already computed).
ALTERNATES = 5


@dataclass(frozen=True, slots=True)
class KeyArgument:
    """One argument: a short verbatim label, the claim, and 0-2 supporting sentences."""

    label: str
    claim: Sentence
    support: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Ranking:
    """What the ranker found; ``scores[i]`` is the summary score of sentence ``i``."""

    bottom_line: Sentence
    key_arguments: tuple[KeyArgument, ...]
    summary: tuple[Sentence, ...]
    scores: tuple[float, ...]
    # The next-best theses, best first, for an analyst to swap in for the bottom line.
    alternates: tuple[Sentence, ...] = ()


def rank(
    article: Article,
    sentences: Sequence[Sentence] | None = None,
    *,
    algorithm: str = "auto",
    language: str = "english",
    words: int | None = None,
    count: int | None = None,
) -> Ranking:
    """Rank an article's sentences and pick its bottom line, key arguments and summary.

    Raises:
        SummarizeError: no sentences, or an unknown ``algorithm``.
    """
    check_algorithm(algorithm)
    sentences = tuple(sentences) if sentences is not None else segment(article, language)
    if not sentences:
        raise SummarizeError("no sentences to rank (is the article empty?)", path=article.path)
    f = features(article, sentences, algorithm, language)
    stop = _select.budget_stop(sentences, words, count)
    summary = _select.summary(sentences, f, algorithm, stop)
    thesis, *alternates = _select.bottom_lines(f, 1 + ALTERNATES)
    claims = _select.arguments(f, thesis)
    labeler = Labeler(article.text, language)
    taken = {thesis, *claims}
    found = []
    for i in claims:
        support = _select.support(sentences, f, i, taken)
        taken.update(s.index for s in support)
        found.append(KeyArgument(labeler.label(sentences[i].text), sentences[i], support))
    scores = tuple(s if s > float("-inf") else 0.0 for s in _select.summary_scores(f))
    others = tuple(sentences[i] for i in alternates)
    return Ranking(sentences[thesis], tuple(found), summary, scores, others)
