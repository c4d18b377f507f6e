"""Selection: MMR under a word budget, thesis and argument picks."""

from __future__ import annotations

import math

from briefer.model import Sentence
from briefer.rank.selection import budget_stop, mmr
from briefer.rank.summarize import summarize_text


def _sentences(*lengths: int) -> list[Sentence]:
    return [Sentence(i, 0, 0, 0, " ".join(["w"] * n)) for i, n in enumerate(lengths)]


def test_budget_stop_takes_sentences_until_reached() -> None:
    stop = budget_stop(_sentences(5, 5, 5), words=8, count=None)
    assert not stop([0])
    assert stop([0, 1])
    assert budget_stop(_sentences(5, 5), words=None, count=1)([0])


def test_mmr_skips_repeats_and_never_picks_minus_inf() -> None:
    bags = [frozenset({"a", "b"}), frozenset({"a", "b"}), frozenset({"c"}), frozenset({"d"})]
    scores = [1.0, 0.95, 0.5, -math.inf]
    picked = mmr(scores, bags, lambda p: len(p) >= 3, lam=1.0)
    assert picked[:2] == [0, 2]
    assert 3 not in picked
    assert mmr(scores, bags, lambda p: len(p) >= 2, lam=0.0) == [0, 1]


def test_table_rows_never_enter_the_summary() -> None:
    # The row repeats the report's key words (so it is central), and sits at the top.
    text = (
        "| Tax rate on taxable income | Tax brackets for income tax |\n"
        "The income tax has seven brackets with rates from 10% to 37%.\n"
        "Congress set the tax brackets for income in the 2017 tax law.\n"
        "The brackets are indexed to inflation for each tax year.\n"
    )
    picked = summarize_text(text, sentences=3)
    assert len(picked) == 3
    assert not any(s.startswith("|") for s in picked)
