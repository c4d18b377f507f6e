"""sumy ratings over briefer's tokenizer, and the fast centrality."""

from __future__ import annotations

import time

import pytest

from briefer.errors import SummarizeError
from briefer.nlp.language import content_words
from briefer.rank.ratings import ALGORITHMS, centrality, ratings

TEXTS = [
    "The council must fund the new bridge before winter.",
    "Traffic on the old bridge has doubled since 2019.",
    "Engineers said the old bridge is unsafe for heavy trucks.",
    "The council must fund the new bridge before winter.",  # sumy's DOM would merge this
    "Residents want a quick decision from the council.",
]


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_ratings_one_per_sentence_in_unit_range(algorithm: str) -> None:
    values = ratings(TEXTS, algorithm)
    assert len(values) == len(TEXTS)
    assert all(0.0 <= v <= 1.0 for v in values)
    assert values[0] == values[3]  # identical sentences, identical ratings
    assert values == ratings(TEXTS, algorithm)  # deterministic


def test_unknown_algorithm() -> None:
    with pytest.raises(SummarizeError, match="choose one of: edmundson, kl"):
        ratings(TEXTS, "random")


def test_empty_and_single() -> None:
    assert ratings([], "lexrank") == []
    assert centrality([]) == []
    assert ratings(["Only one sentence here."], "textrank") == [0.0]


def test_centrality_prefers_the_shared_topic() -> None:
    values = centrality(TEXTS)
    assert len(values) == len(TEXTS)
    assert max(values) == 1.0
    assert values[4] < values[0]


def test_content_words_are_stemmed_without_stop_words() -> None:
    assert content_words("The bridges were being rebuilt in 2019") == ["bridg", "rebuilt"]


def test_long_text_is_bounded() -> None:
    """100k words (about 5,000 sentences) rate well within the 5 s budget."""
    base = [
        f"Sentence {i} discusses topic {i % 37} with budget item {i % 11} and the bridge."
        for i in range(5000)
    ]
    started = time.perf_counter()
    values = centrality(base)
    assert len(values) == 5000
    assert time.perf_counter() - started < 5


def test_centrality_accepts_precomputed_bags() -> None:
    from briefer.nlp.language import content_words
    from briefer.rank.ratings import centrality

    texts = [
        "Bridges need repair money now.",
        "The bridge repair money is late.",
        "Cats sleep all day long.",
    ]
    bags = [content_words(t) for t in texts]
    assert centrality(texts) == centrality(texts, bags=bags)
    assert centrality(texts)[2] == min(centrality(texts))


def test_lexrank_rates_as_sumys_own_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # briefer's LexRank is sumy's with the similarity matrix and idf done by numpy: on the
    # sample (and a text whose sentences share no words) it must rate exactly as sumy does.
    from sumy.summarizers.lex_rank import LexRankSummarizer

    import briefer
    from briefer.rank import ratings as module

    from .conftest import SAMPLE_MD

    sample = [s.text for s in briefer.brief(SAMPLE_MD).summary] + TEXTS
    article = briefer.read_article(SAMPLE_MD).text.split(". ")
    cases = [sample, article, ["Cats purr loudly.", "Rivers flood towns.", "Taxes rose."]]
    fast = [ratings(texts, "lexrank") for texts in cases]
    monkeypatch.setattr(module, "_lexrank", lambda: LexRankSummarizer)
    assert fast == [ratings(texts, "lexrank") for texts in cases]
    assert any(len(set(values)) > 2 for values in fast)  # real ratings, not all ties
