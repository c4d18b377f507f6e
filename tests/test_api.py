"""The public API: names are the contract."""

from __future__ import annotations

import briefer


def test_all_is_sorted_and_complete() -> None:
    assert briefer.__all__ == sorted(briefer.__all__)
    for name in briefer.__all__:
        assert hasattr(briefer, name), name


def test_every_error_is_a_briefer_error() -> None:
    for name in briefer.__all__:
        obj = getattr(briefer, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, briefer.BrieferError)


def test_summarize_returns_verbatim_sentences_in_order() -> None:
    text = (
        "The council met on Monday. It voted to close the bridge for repairs. "
        "Residents must use the ferry until June. Critics said the plan came too late.\n\n"
        "The mayor argued that safety has to come first. Repairs will cost $4 million."
    )
    picked = briefer.summarize(text, sentences=2)
    assert len(picked) == 2
    positions = [text.index(s) for s in picked]
    assert positions == sorted(positions)
    budget = briefer.summarize(text, words=12, algorithm="lexrank")
    assert all(s in text for s in budget)
    assert briefer.summarize(text, sentences=1, algorithm="lead") == ["The council met on Monday."]
