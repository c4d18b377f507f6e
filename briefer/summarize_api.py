"""``briefer.summarize``: the extractive summary used by evaluation harnesses."""

from __future__ import annotations


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
    from .rank import summarize_text

    return summarize_text(
        text, words=words, sentences=sentences, algorithm=algorithm, language=language
    )
