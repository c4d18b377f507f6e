"""Plain text -> an extractive summary, for evaluation harnesses (``briefer.summarize``).

Text is read as one block per line (how CRS and GovReport reports come flattened), and
summarized by briefer's ranking, by Lead, or by any of sumy's algorithms under one budget.
"""

from __future__ import annotations

import re

from briefer.errors import SummarizeError
from briefer.model import Article, Block, BlockKind, Extracted, Metadata, make_article
from briefer.nlp.analysis import analyse
from briefer.nlp.cues import is_boilerplate, is_headline_case
from briefer.rank import ratings as _ratings
from briefer.rank import selection as _select
from briefer.rank.features import features

__all__ = ["algorithms", "check_algorithm", "summarize", "summarize_text", "text_article"]

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


def algorithms() -> tuple[str, ...]:
    """Every name ``summarize_text`` accepts."""
    return ("auto", "lead", *sorted(_ratings.ALGORITHMS))


def check_algorithm(algorithm: str) -> None:
    if algorithm not in algorithms():
        names = ", ".join(algorithms())
        raise SummarizeError(f"unknown algorithm {algorithm!r}; choose one of: {names}")


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
    check_algorithm(algorithm)
    analysis = analyse(text_article(text), language)
    if not analysis.sentences:
        return []
    f = features(analysis, algorithm)
    stop = _select.budget_stop(analysis.sentences, words, sentences)
    return [s.text for s in _select.summary(analysis.sentences, f, algorithm, stop)]


def summarize(
    text: str,
    *,
    words: int | None = None,
    sentences: int | None = None,
    algorithm: str = "auto",
    language: str = "english",
) -> list[str]:
    """Extractive sentences of ``text`` in document order within a word or sentence budget.

    ``algorithm`` is "auto" (briefer's argument-aware ranking), "lead", or a sumy
    algorithm name (lexrank, textrank, lsa, luhn, edmundson, kl, sumbasic, reduction).
    """
    return summarize_text(
        text, words=words, sentences=sentences, algorithm=algorithm, language=language
    )
