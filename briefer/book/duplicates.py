"""The same story told twice: shingled word n-gram containment between article texts.

A wire story and its rewrite, or two outlets running the same copy, share long runs of
words even when one is cut, re-ordered or given a new opening; unrelated stories on the
same topic share almost no 5-word runs. Containment (shared shingles over the smaller
set) rather than Jaccard, so a short rewrite of a long story still matches it. The
threshold is measured on real news (see ``bench/book.py --duplicates``).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence

from briefer.book.model import Duplicate, Entry

N = 5
#: Shared share of the smaller article's shingles from which two articles are one story.
THRESHOLD = 0.3
#: Shared share of the smaller set of quotation shingles from which two articles that do
#: not share their text still tell one story.
QUOTE_THRESHOLD = 0.5
#: Texts with fewer shingles than this say too little to be matched.
MIN_SHINGLES = 15
#: Only the first shingles count: a story's news is in its opening, and it bounds memory.
MAX_SHINGLES = 4000

_WORD = re.compile(r"\w+")


def shingles(text: str) -> tuple[int, ...]:
    """Sorted unique hashes of the text's lower-cased word 5-grams (the first MAX_SHINGLES)."""
    words = _WORD.findall(text.lower())
    grams = (" ".join(words[i : i + N]) for i in range(min(len(words) - N + 1, MAX_SHINGLES)))
    return tuple(sorted({zlib.crc32(g.encode("utf-8")) for g in grams}))


def containment(a: Sequence[int], b: Sequence[int]) -> float:
    """Shared shingles over the smaller set's size (0 when either is too small)."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return 0.0
    return len(set(a) & set(b)) / min(len(a), len(b))


def similar_pairs(
    fingerprints: Sequence[Sequence[int]], threshold: float = THRESHOLD
) -> list[tuple[int, int, float]]:
    """(i, j, containment) for every pair at or above ``threshold``, i < j.

    Counts shared shingles through an inverted index, so unrelated pairs cost nothing.
    """
    postings: dict[int, list[int]] = {}
    for index, prints in enumerate(fingerprints):
        for h in prints:
            postings.setdefault(h, []).append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in postings.values():
        if 1 < len(holders) <= 50:  # boilerplate shared by many articles says nothing
            shared.update((a, b) for k, a in enumerate(holders) for b in holders[k + 1 :])
    pairs = []
    for (i, j), count in sorted(shared.items()):
        smaller = min(len(fingerprints[i]), len(fingerprints[j]))
        if smaller >= MIN_SHINGLES and count / smaller >= threshold:
            pairs.append((i, j, count / smaller))
    return pairs


def quote_prints(entry: Entry) -> tuple[int, ...]:
    """Shingles of the briefing's quotations: two outlets writing up one event in their own
    words still quote the same sentences of the same people."""
    return shingles(" ".join(q.text for q in entry.briefing.quotes))


def find_duplicates(entries: Sequence[Entry], threshold: float = THRESHOLD) -> list[Duplicate]:
    """Each repeated story's copies, pointing at its first telling (earliest, then longest)."""
    pairs = similar_pairs([e.shingles for e in entries], threshold)
    seen = {(i, j) for i, j, _ in pairs}
    quoted = similar_pairs([quote_prints(e) for e in entries], QUOTE_THRESHOLD)
    pairs += [(i, j, s) for i, j, s in quoted if (i, j) not in seen]
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in pairs:
        parent[root(j)] = root(i)
    stories: dict[int, list[int]] = {}
    for i in range(len(entries)):
        stories.setdefault(root(i), []).append(i)
    best = {(i, j): s for i, j, s in pairs}
    out = []
    for members in stories.values():
        if len(members) < 2:
            continue
        first = min(members, key=lambda i: _first_telling(entries[i]))
        for other in sorted(set(members) - {first}):
            pair = (min(first, other), max(first, other))
            out.append(Duplicate(other, first, round(best.get(pair, threshold), 3)))
    return sorted(out, key=lambda d: d.entry)


def _first_telling(entry: Entry) -> tuple[int, str, int, str]:
    src = entry.briefing.source
    date = src.published.isoformat() if src.published else "9999"
    return (0 if src.published else 1, date, -src.word_count, entry.key)
