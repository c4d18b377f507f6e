"""Sentence ratings from sumy's algorithms, and briefer's own fast centrality.

With ``nlp/language.py`` (stemmers and stop words), the only module that imports sumy.
It builds sumy's DOM directly from briefer's sentences (one sumy sentence per unique text, so
sumy's hash-based
de-duplication cannot shift the mapping), over briefer's offline tokenizer,
sumy's Snowball stemmer and packaged stop words; NLTK punkt data is never needed.

sumy's summarizers only return their picks, but every one of them funnels its
ratings through ``_get_best_sentences(sentences, count, rating, *args)``; we
replace that hook on the instance and read the ratings instead of the picks.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import import_module
from typing import Any

import numpy as np

from briefer.errors import SummarizeError
from briefer.nlp.language import content_words, stemmer, stop_words
from briefer.nlp.sentences import Tokenizer

__all__ = [
    "ALGORITHMS",
    "centrality",
    "normalise",
    "ratings",
]

# name -> (module, class). "random" is left out on purpose: it is a floor, not a
# method, and sumy seeds it from the global RNG, which would break determinism.
ALGORITHMS: dict[str, tuple[str, str]] = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "edmundson": ("sumy.summarizers.edmundson", "EdmundsonSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
    "sumbasic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
    "reduction": ("sumy.summarizers.reduction", "ReductionSummarizer"),
}

# sumy's graph and greedy methods are quadratic in pure Python (LexRank ~1 s for
# 400 sentences); longer texts are rated in consecutive windows of this size.
SUMY_WINDOW = 400
# KL-Sum and SumBasic re-score every sentence after each pick; KL-Sum also
# rebuilds the summary distribution each time (~cubic), so they get smaller
# windows to stay bounded on 100k-word reports (KL at 400 took 22 s on 19k words).
WINDOWS = {"kl": 60, "sumbasic": 150}

# Edmundson's cue method needs bonus and stigma words; these are the argument
# cues rank.py also uses, and hedges/attribution that mark someone else's voice.
EDMUNDSON_BONUS = ("must", "should", "need", "require", "argue", "recommend", "only", "key")
EDMUNDSON_STIGMA = ("said", "says", "told", "reportedly", "perhaps", "photo", "image")

# Centrality graph: similarity below this cosine is noise (LexRank's 0.1 threshold).
CENTRALITY_THRESHOLD = 0.1
# PageRank damping; 0.85 is the value both LexRank and TextRank papers use.
CENTRALITY_DAMPING = 0.85
# Dense n x n similarity above this many sentences costs too much memory and
# time; longer texts are scored in windows of this size (global idf kept).
CENTRALITY_WINDOW = 600
_POWER_ITERATIONS = 60
# Power iteration stops early once the scores move less than this (L1) in one step.
_TOLERANCE = 1e-9


@lru_cache(maxsize=8)
def _tokenizer(language: str) -> Tokenizer:
    return Tokenizer(language)


@lru_cache(maxsize=1)
def _lexrank() -> type:
    """sumy's LexRank with its similarity matrix and idf computed by numpy.

    sumy compares every pair of sentences in pure Python (a cosine per pair, each over
    dicts) and counts each word's document frequency by scanning every sentence's word
    list: 75% of a sumy LexRank run on the sample. The same formulas over arrays give the
    same ratings (to float rounding; tests/test_ratings.py compares them with sumy's own)
    in a fraction of the time; the rest of the algorithm (tf, threshold, power method) is
    sumy's.
    """
    from sumy.summarizers.lex_rank import LexRankSummarizer

    class LexRank(LexRankSummarizer):  # type: ignore[misc]
        @staticmethod
        def _compute_idf(sentences: Sequence[list[str]]) -> dict[str, float]:
            counts = Counter(term for sentence in sentences for term in set(sentence))
            n = len(sentences)
            return {term: math.log(n / (1 + k)) for term, k in counts.items()}

        def _create_matrix(
            self,
            sentences: Sequence[list[str]],
            threshold: float,
            tf_metrics: Sequence[dict[str, float]],
            idf_metrics: dict[str, float],
        ) -> Any:
            column = {term: k for k, term in enumerate(idf_metrics)}
            weights = np.zeros((len(sentences), len(column)))
            for row, tf in enumerate(tf_metrics):
                for term, value in tf.items():
                    weights[row, column[term]] = value * idf_metrics[term]
            norms = np.sqrt((weights * weights).sum(axis=1))
            scale = np.outer(norms, norms)
            cosine = np.divide(
                weights @ weights.T, scale, out=np.zeros_like(scale), where=scale > 0
            )
            matrix = (cosine > threshold).astype(float)
            degrees = matrix.sum(axis=1)
            return matrix / np.where(degrees == 0, 1.0, degrees)[:, None]

    return LexRank


def _build(algorithm: str, language: str) -> Any:
    module, name = ALGORITHMS[algorithm]
    kind = _lexrank() if algorithm == "lexrank" else getattr(import_module(module), name)
    summarizer = kind(stemmer(language))
    stops = stop_words(language)
    if algorithm == "edmundson":
        summarizer.bonus_words = EDMUNDSON_BONUS
        summarizer.stigma_words = EDMUNDSON_STIGMA
        summarizer.null_words = tuple(stops)
    elif hasattr(summarizer, "stop_words"):
        summarizer.stop_words = stops

    def capture(sentences: Any, _count: Any, rating: Any, *args: Any, **kw: Any) -> Any:
        if isinstance(rating, dict):
            return tuple(float(rating.get(s, 0.0)) for s in sentences)
        return tuple(float(rating(s, *args, **kw)) for s in sentences)

    summarizer._get_best_sentences = capture
    return summarizer


def _sumy_window(texts: Sequence[str], algorithm: str, language: str) -> list[float]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    unique = list(dict.fromkeys(t.strip() for t in texts))
    tokenizer = _tokenizer(language)
    dom = ObjectDocumentModel([Paragraph([SumySentence(t, tokenizer) for t in unique])])
    # sumy's power iterations divide by zero on texts with no shared words (one sentence,
    # unstemmed scripts) and return NaN; such ratings carry no signal and count as 0.
    # Its Czech stemmer warns on every mixed-case token ("0x"), which is noise to a user.
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        rated = _build(algorithm, language)(dom, len(unique)) or (0.0,) * len(unique)
    rated = tuple(r if math.isfinite(r) else 0.0 for r in rated)
    by_text = dict(zip(unique, rated, strict=True))
    return normalise([by_text[t.strip()] for t in texts])


def normalise(values: Sequence[float]) -> list[float]:
    """Min-max to [0, 1]; a constant vector (no signal) maps to all zeros."""
    if not values:
        return []
    low, high = min(values), max(values)
    if not math.isfinite(low) or not math.isfinite(high) or high - low < 1e-12:
        return [0.0] * len(values)
    return [(v - low) / (high - low) for v in values]


def _windows(n: int, size: int) -> list[range]:
    """Split ``range(n)`` into balanced consecutive windows of at most ``size``."""
    count = max(1, math.ceil(n / size))
    step = math.ceil(n / count) if n else 1
    return [range(i, min(n, i + step)) for i in range(0, n, step)]


def ratings(texts: Sequence[str], algorithm: str, language: str = "english") -> list[float]:
    """Rate each sentence text with a sumy algorithm; values in [0, 1], input order.

    Raises:
        SummarizeError: ``algorithm`` is not a sumy algorithm name.
    """
    if algorithm not in ALGORITHMS:
        valid = ", ".join(sorted(ALGORITHMS))
        raise SummarizeError(f"unknown sumy algorithm {algorithm!r}; choose one of: {valid}")
    size = WINDOWS.get(algorithm, SUMY_WINDOW)
    out: list[float] = []
    for window in _windows(len(texts), size):
        out.extend(_sumy_window([texts[i] for i in window], algorithm, language))
    return out


def centrality(
    texts: Sequence[str],
    language: str = "english",
    bags: Sequence[list[str]] | None = None,
) -> list[float]:
    """Continuous LexRank (TF-IDF cosine graph, PageRank) in numpy; [0, 1], input order.

    Same idea as sumy's LexRank but vectorised, so it stays fast on long reports.
    ``bags`` are the texts' ``content_words`` when the caller already has them.
    """
    if bags is None:
        bags = [content_words(t, language) for t in texts]
    vocab: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            vocab.setdefault(w, len(vocab))
    df = np.zeros(len(vocab) + 1)
    for bag in bags:
        df[[vocab[w] for w in set(bag)]] += 1
    idf = np.log((len(bags) + 1) / (df + 1)) + 1.0
    out: list[float] = []
    for window in _windows(len(bags), CENTRALITY_WINDOW):
        out.extend(_window_centrality([bags[i] for i in window], vocab, idf))
    return out


def _window_centrality(bags: Sequence[list[str]], vocab: dict[str, int], idf: Any) -> list[float]:
    local = sorted({vocab[w] for bag in bags for w in bag})
    column = {g: i for i, g in enumerate(local)}
    matrix = np.zeros((len(bags), len(local) + 1))
    rows = [row for row, bag in enumerate(bags) for _ in bag]
    columns = [column[vocab[w]] for bag in bags for w in bag]
    np.add.at(matrix, (rows, columns), 1.0)
    matrix[:, : len(local)] *= idf[local]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1.0, norms)
    sim = matrix @ matrix.T
    sim[sim < CENTRALITY_THRESHOLD] = 0.0
    np.fill_diagonal(sim, 0.0)
    degree = sim.sum(axis=1, keepdims=True)
    transition = sim / np.where(degree == 0, 1.0, degree)
    n = len(bags)
    score = np.full(n, 1.0 / max(n, 1))
    step = transition.T.copy()
    for _ in range(_POWER_ITERATIONS):
        updated = (1 - CENTRALITY_DAMPING) / n + CENTRALITY_DAMPING * (step @ score)
        converged = float(np.abs(updated - score).sum()) < _TOLERANCE
        score = updated
        if converged:
            break
    return normalise([float(v) for v in score])
