"""Topic groups: TF-IDF cosine over each briefing's keyphrases and content words, joined by
average-linkage agglomerative clustering until no two groups are similar enough.

Explainable on purpose: two articles share a group because they share weighted words,
and the group is named by the keyphrases most of its articles list.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from briefer.nlp.language import content_words, sumy_language
from briefer.schema import Briefing

#: Average cosine from which two groups merge. On 60 BBC politics and CNN briefings, 0.08
#: joins loosely related stories ("Labour" and "Election"), 0.18 almost nothing; 0.1 keeps
#: groups a reader would name the same way (Blunkett's visa row, Howard's Tories).
THRESHOLD = 0.1
KEYPHRASE_WEIGHT = 2  # a keyphrase says more about the topic than any one word


def terms(briefing: Briefing) -> Counter[str]:
    """The weighted terms of a briefing: content words of its title and lines, keyphrases."""
    lines = [briefing.source.title or "", briefing.source.title or ""]
    lines += [e.text for e in (briefing.bottom_line, *briefing.summary) if e is not None]
    lines += [a.claim.text for a in briefing.key_arguments]
    language = sumy_language(briefing.source.language)
    bag = Counter(content_words(" ".join(lines), language))
    for phrase in briefing.keywords:
        bag["#" + phrase.lower()] += KEYPHRASE_WEIGHT
        bag.update(content_words(phrase, language))
    return bag


def vectors(bags: Sequence[Counter[str]]) -> np.ndarray:
    """Unit-length TF-IDF rows (log term frequency, smoothed idf)."""
    vocab = sorted({t for bag in bags for t in bag})
    column = {t: i for i, t in enumerate(vocab)}
    df = Counter(t for bag in bags for t in bag)
    n = len(bags)
    matrix = np.zeros((n, len(vocab)))
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            idf = math.log((1 + n) / (1 + df[term])) + 1
            matrix[row, column[term]] = (1 + math.log(count)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def cluster(
    briefings: Sequence[Briefing],
    stories: Sequence[Sequence[int]],
    threshold: float = THRESHOLD,
) -> list[list[int]]:
    """Groups of briefing indices; each story (a set of duplicates) stays in one group."""
    if not stories:
        return []
    rows = vectors([terms(b) for b in briefings])
    story_rows = np.array([rows[list(s)].mean(axis=0) for s in stories])
    sims = story_rows @ story_rows.T
    groups: list[list[int]] = [[i] for i in range(len(stories))]
    sizes = np.ones(len(stories))
    alive = np.ones(len(stories), dtype=bool)
    np.fill_diagonal(sims, -1.0)
    while alive.sum() > 1:
        masked = np.where(np.outer(alive, alive), sims, -1.0)
        i, j = divmod(int(masked.argmax()), len(stories))
        if masked[i, j] < threshold:
            break
        # Lance-Williams update for average linkage: the merged group's mean similarity.
        merged = (sizes[i] * sims[i] + sizes[j] * sims[j]) / (sizes[i] + sizes[j])
        sims[i], sims[:, i] = merged, merged
        sims[i, i] = -1.0
        sizes[i] += sizes[j]
        alive[j] = False
        groups[i] += groups[j]
    return [[m for s in groups[g] for m in stories[s]] for g in range(len(groups)) if alive[g]]


def name(briefings: Sequence[Briefing], limit: int = 3) -> str:
    """The keyphrases most of the group's articles share (by how many list them, then rank)."""
    votes: Counter[str] = Counter()
    first_rank: dict[str, float] = {}
    spelling: dict[str, str] = {}
    for b in briefings:
        for rank, phrase in enumerate(b.keywords):
            key = phrase.lower()
            votes[key] += 1
            first_rank[key] = min(first_rank.get(key, math.inf), rank)
            spelling.setdefault(key, phrase)
    shared = [k for k in votes if votes[k] > 1] if len(briefings) > 1 else list(votes)
    # Names and multi-word phrases ("Home Secretary") say more than a common word ("people").
    ranked = sorted(
        shared or votes,
        key=lambda k: (-votes[k], not (" " in k or spelling[k][:1].isupper()), first_rank[k], k),
    )
    chosen = _distinct(ranked)[:limit]
    if not chosen:
        return "Other articles"
    words = [spelling[k] for k in chosen]
    return " · ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def _distinct(phrases: list[str]) -> list[str]:
    """Drop a phrase already contained in (or containing) one chosen before it."""
    out: list[str] = []
    for p in phrases:
        # Containment, or one stem ("Scottish", "Scotland"), makes the same name twice.
        if not any(p in q or q in p or p[:4] == q[:4] for q in out):
            out.append(p)
    return out
