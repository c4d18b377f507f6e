"""Argument-aware ranking: bottom line, key arguments and an extractive summary.

The public face of ranking. ``features.py`` computes what each sentence is
(centrality, position in its section, overlap with the title, argument cues, how
much of it is quoted speech), ``selection.py`` weighs and picks, ``labels.py``
names each key argument and ``cues.py`` holds the regular expressions. Captions,
bios, boilerplate, headings and fragments never qualify; quoted speech is
evidence, not a claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefer import ratings as _ratings
from briefer import selection as _select
from briefer.cues import PRESCRIPTIVE, STANCE, is_boilerplate, is_headline_case
from briefer.errors import SummarizeError
from briefer.features import features
from briefer.labels import Labeler
from briefer.model import Article, Block, BlockKind, Extracted, Metadata, Sentence, make_article
from briefer.sentences import segment

__all__ = [
    "PRESCRIPTIVE",
    "STANCE",
    "KeyArgument",
    "Ranking",
    "algorithms",
    "is_boilerplate",
    "rank",
    "summarize_text",
    "text_article",
]

# A line of plain text this short with no closing punctuation is a heading ("Background",
# "Issues and Options for Congress"); longer ones are prose that lost its full stop.
MAX_HEADING_WORDS = 18
# More short unpunctuated lines in a row than this are a table or list, not headings
# (GovReport nests at most four heading levels back to back).
MAX_HEADING_RUN = 4
_UNPUNCTUATED = re.compile(r"[^.!?:;\"\u201d\u2019')\]]\s*$")
# Questions and acronyms close section titles too: "What Is a National Memorial?",
# "Concurrent Retirement and Disability Payments (CRDP)" (in headline case only).
_HEADLINE_END = re.compile(r"[?)]\s*$")
_BULLET = re.compile(r"^\s*[-*\u2022]\s+\S")


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


def algorithms() -> tuple[str, ...]:
    """Every name ``summarize_text`` accepts."""
    return ("auto", "lead", *sorted(_ratings.ALGORITHMS))


def _check(algorithm: str) -> None:
    if algorithm not in algorithms():
        names = ", ".join(algorithms())
        raise SummarizeError(f"unknown algorithm {algorithm!r}; choose one of: {names}")


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
    _check(algorithm)
    sentences = tuple(sentences) if sentences is not None else segment(article, language)
    if not sentences:
        raise SummarizeError("no sentences to rank (is the article empty?)", path=article.path)
    f = features(article, sentences, algorithm, language)
    stop = _select.budget_stop(sentences, words, count)
    summary = _select.summary(sentences, f, algorithm, stop)
    thesis = _select.bottom_line(f)
    claims = _select.arguments(f, thesis)
    labeler = Labeler(article.text, language)
    taken = {thesis, *claims}
    found = []
    for i in claims:
        support = _select.support(sentences, f, i, taken)
        taken.update(s.index for s in support)
        found.append(KeyArgument(labeler.label(sentences[i].text), sentences[i], support))
    scores = tuple(s if s > float("-inf") else 0.0 for s in _select.summary_scores(f))
    return Ranking(sentences[thesis], tuple(found), summary, scores)


def _is_heading_line(line: str) -> bool:
    text = line.strip()
    return (
        0 < len(text.split()) <= MAX_HEADING_WORDS
        and (
            bool(_UNPUNCTUATED.search(text))
            or (bool(_HEADLINE_END.search(text)) and is_headline_case(text))
        )
        and not text.startswith(("|", "-", "*", "\u2022"))
        and not is_boilerplate(text)
    )


def text_article(text: str) -> Article:
    """Plain text as an article: one block per line, short unpunctuated lines as headings.

    Reports flattened to text (CRS, GovReport) keep their section headings as lines of
    their own; a run of more than ``MAX_HEADING_RUN`` such lines is a table instead.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    heading = [_is_heading_line(line) for line in lines]
    blocks: list[Block] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and heading[end]:
            end += 1
        run = end - start
        is_heading = 0 < run <= MAX_HEADING_RUN and end < len(lines)
        kind = BlockKind.HEADING if is_heading else BlockKind.PARAGRAPH
        blocks.extend(Block(kind, line) for line in lines[start:end])
        if end < len(lines):
            body = BlockKind.LIST_ITEM if _BULLET.match(lines[end]) else BlockKind.PARAGRAPH
            blocks.append(Block(body, lines[end]))
        start = end + 1
    return make_article(Extracted(blocks=tuple(blocks), metadata=Metadata()))


def summarize_text(
    text: str,
    *,
    words: int | None = None,
    sentences: int | None = None,
    algorithm: str = "auto",
    language: str = "english",
) -> list[str]:
    """Extractive summary of plain text (one paragraph per line), in document order.

    Takes ranked sentences until ``words`` is reached (the ROUGE protocol) or
    ``sentences`` are taken; "auto" is briefer's ranking, "lead" the first sentences.
    """
    _check(algorithm)
    article = text_article(text)
    spans = segment(article, language)
    if not spans:
        return []
    f = features(article, spans, algorithm, language)
    stop = _select.budget_stop(spans, words, sentences)
    return [s.text for s in _select.summary(spans, f, algorithm, stop)]
