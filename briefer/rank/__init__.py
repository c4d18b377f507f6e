"""Argument-aware ranking: bottom line, key arguments and an extractive summary.

The public face of ranking. ``features.py`` computes what each sentence is
(centrality, position in its section, overlap with the title, argument cues, how
much of it is quoted speech), ``selection.py`` weighs and picks, ``labels.py``
names each key argument and ``cues.py`` holds the regular expressions. Captions,
bios, boilerplate, headings and fragments never qualify; quoted speech is
evidence, not a claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefer.errors import SummarizeError
from briefer.model import Sentence
from briefer.nlp.analysis import Analysis
from briefer.nlp.cues import is_dangling, standalone_part
from briefer.rank import genre as _genre
from briefer.rank import selection as _select
from briefer.rank.claims import WEIGHTS, claim_features, linear
from briefer.rank.features import features
from briefer.rank.genre import Genre
from briefer.rank.labels import Labeler
from briefer.rank.summarize import (
    algorithms,
    check_algorithm,
    summarize,
    summarize_text,
    text_article,
)

__all__ = [
    "Argument",
    "Genre",
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
class Argument:
    """One argument: a short verbatim label, the claim, and 0-2 supporting sentences."""

    label: str
    claim: Sentence
    support: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Ranking:
    """What the ranker found; ``scores[i]`` is the summary score of sentence ``i``.

    ``bottom_part`` is the offset in the bottom line's text where the part that stands
    alone begins, when the sentence opens on a word pointing to another sentence.
    """

    bottom_line: Sentence
    key_arguments: tuple[Argument, ...]
    summary: tuple[Sentence, ...]
    scores: tuple[float, ...]
    genre: Genre = "news"
    bottom_part: int | None = None
    # The next-best theses, best first, for an analyst to swap in for the bottom line.
    alternates: tuple[Sentence, ...] = ()
    # The next-best key arguments, best first.
    alternate_arguments: tuple[Argument, ...] = ()


def rank(
    analysis: Analysis,
    *,
    algorithm: str = "auto",
    words: int | None = None,
    count: int | None = None,
    more_arguments: int = 0,
) -> Ranking:
    """Rank an analysed article's sentences: its bottom line, key arguments and summary,
    with up to ``more_arguments`` next-best key arguments for an analyst to swap in.

    Raises:
        SummarizeError: no sentences, or an unknown ``algorithm``.
    """
    check_algorithm(algorithm)
    sentences = analysis.sentences
    if not sentences:
        raise SummarizeError(
            "no sentences to rank (is the article empty?)", path=analysis.article.path
        )
    f = features(analysis, algorithm)
    stop = _select.budget_stop(sentences, words, count)
    summary = _select.summary(sentences, f, algorithm, stop)
    rows = claim_features(analysis, f)
    logits = [linear(row, WEIGHTS) for row in rows]
    genre, opinion = _genre.detect(analysis, f, rows, logits)
    bonus = _genre.thesis_bonus(genre, analysis, f, logits)
    thesis, *alternates = _select.bottom_lines(f, 1 + ALTERNATES, bonus)
    claims, extra = _select.arguments(
        f, thesis, _genre.argument_bonus(genre, opinion, logits), more_arguments
    )
    labeler = Labeler(analysis.phrases, analysis.language)
    taken = {thesis, *claims}
    found = []
    for i in claims:
        support = _select.support(sentences, f, i, taken)
        taken.update(s.index for s in support)
        found.append(Argument(labeler.label(sentences[i].text), sentences[i], support))
    # Each candidate's support leaves out what the card already shows, not what another
    # candidate would: only one of them may be swapped in at a time.
    spare = tuple(
        Argument(
            labeler.label(sentences[i].text),
            sentences[i],
            _select.support(sentences, f, i, taken | {i}),
        )
        for i in extra
    )
    scores = tuple(s if s > float("-inf") else 0.0 for s in _select.summary_scores(f))
    line = sentences[thesis]
    part = standalone_part(line.text) if is_dangling(line.text) else None
    others = tuple(sentences[i] for i in alternates)
    return Ranking(line, tuple(found), summary, scores, genre, part, others, spare)
