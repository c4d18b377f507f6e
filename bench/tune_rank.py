"""Tune the summary weights of ``rank.selection`` by coordinate search, with cross-validation.

``python bench/tune_rank.py [--folds loo|2] [--rounds N]`` loads the dev halves of
policy-summ (CRS + GovReport) and news-summ (CNN), computes sentence features once,
then searches each weight over a small grid to maximise the mean ROUGE-2 F1 gain over
Lead on the policy items (CNN must stay at or above Lead). ROUGE-2 here is computed
from rouge-score's own tokenizer and Porter stemmer on the picked sentences in
document order, as ``briefer.evaluate`` does, but without re-tokenising per trial.
With ``--folds`` it tunes on all but a held-out part and reports held-out scores.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.model import Sentence
from briefer.nlp.analysis import analyse
from briefer.nlp.sentences import segment
from briefer.rank import selection
from briefer.rank.features import Features, features
from briefer.rank.summarize import text_article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GRID: dict[str, tuple[float, ...]] = {
    "W_CENTRAL": (0.0, 0.25, 0.5, 0.75, 1.0, 1.5),
    "W_CENTROID": (0.0, 0.25, 0.5, 1.0, 1.5),
    "W_LEAD": (1.0, 2.0, 3.0, 4.0),
    "W_REL_LEAD": (0.0, 0.25, 0.5, 1.0),
    "W_PARA_FIRST": (0.0, 0.15, 0.35, 0.6),
    "W_SECTION": (0.0, 0.15, 0.3, 0.5, 0.8),
    "W_CROSS": (0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 1.0),
    "W_RECENT": (0.0, 0.2, 0.4, 0.6, 0.8),
    "SECTION_DECAY": (0.5, 1.0, 2.0, 4.0),
    "W_QUOTED": (0.0, 0.4, 0.8),
    "W_LONG": (0.0, 0.1, 0.25, 0.5, 1.0),
    "LONG_WORDS": (20.0, 30.0, 40.0),
    "MMR_LAMBDA": (0.0, 0.4, 0.8, 1.2),
}

# Where each cross-validation fold starts its search: the weights before this tuning
# (commit 57e1839), so held-out items never influence their own fold's weights.
PRIOR: dict[str, float] = {
    "W_CENTRAL": 0.75, "W_CENTROID": 0.0,  "W_LEAD": 3.0, "W_REL_LEAD": 0.5,
    "W_PARA_FIRST": 0.35, "W_SECTION": 0.0, "SECTION_DECAY": 1.0, "W_QUOTED": 0.4,
    "W_LONG": 0.0, "LONG_WORDS": 30.0, "MMR_LAMBDA": 0.8, "W_CROSS": 0.0,
    "W_RECENT": 0.0,
}  # fmt: skip


@dataclass
class Item:
    id: str
    subset: str
    sentences: tuple[Sentence, ...]
    f: Features
    tokens: list[list[str]]
    ref: Counter[tuple[str, str]]
    budget: int
    lead: float = 0.0


def _tokens(text: str) -> list[str]:
    from nltk.stem import porter
    from rouge_score import tokenize

    stem = porter.PorterStemmer().stem
    return [stem(w) if len(w) > 3 else w for w in tokenize.tokenize(text, None)]


def _bigrams(tokens: list[str]) -> Counter[tuple[str, str]]:
    return Counter(itertools.pairwise(tokens))


def load(path: Path, prefixes: tuple[str, ...]) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw: dict[str, Any] = json.loads(line)
        if not raw["id"].startswith(prefixes):
            continue
        article = text_article(raw["article"])
        spans = segment(article)
        f = features(analyse(article, sentences=spans), "auto")
        item = Item(
            raw["id"], raw["id"].split("-")[0], spans, f,
            [_tokens(s.text) for s in spans], _bigrams(_tokens(raw["summary"])),
            len(raw["summary"].split()),
        )  # fmt: skip
        item.lead = r2(item, "lead")
        items.append(item)
    return items


def r2(item: Item, algorithm: str = "auto") -> float:
    stop = selection.budget_stop(item.sentences, item.budget, None)
    picked = selection.summary(item.sentences, item.f, algorithm, stop)
    tokens = [t for s in picked for t in item.tokens[s.index]]
    got = _bigrams(tokens)
    hit = sum((got & item.ref).values())
    p, r = hit / max(1, sum(got.values())), hit / max(1, sum(item.ref.values()))
    return 2 * p * r / (p + r) if hit else 0.0


def objective(items: list[Item]) -> float:
    """Worst relative gain over Lead among the policy subsets (plus a little of the mean);
    CNN below Lead is penalised. Each subset must clear its own target, so the worst counts.
    """
    gains: dict[str, list[float]] = {}
    for item in items:
        gains.setdefault(item.subset, []).append(r2(item))
    policy: list[float] = []
    penalty = 0.0
    for subset, values in gains.items():
        lead = sum(i.lead for i in items if i.subset == subset) / len(values)
        gain = sum(values) / len(values) / lead - 1.0
        if subset == "cnndm":
            penalty += 3 * min(0.0, gain)
        else:
            policy.append(gain)
    return min(policy) + 0.2 * sum(policy) / len(policy) + penalty


def search(items: list[Item], rounds: int) -> dict[str, float]:
    best = objective(items)
    for _ in range(rounds):
        improved = False
        for name, grid in GRID.items():
            keep = getattr(selection, name)
            for value in grid:
                setattr(selection, name, value)
                score = objective(items)
                if score > best + 1e-6:
                    best, keep, improved = score, value, True
            setattr(selection, name, keep)
        if not improved:
            break
    return {name: getattr(selection, name) for name in GRID}


def _gains(items: list[Item], scores: list[float]) -> dict[str, float]:
    """Relative gain over Lead per subset, from per-item ROUGE-2 ``scores``."""
    out: dict[str, float] = {}
    for subset in {i.subset for i in items}:
        pairs = [(i, s) for i, s in zip(items, scores, strict=True) if i.subset == subset]
        out[subset] = sum(s for _, s in pairs) / sum(i.lead for i, _ in pairs) - 1.0
    return out


def _fitness(gains: dict[str, float]) -> float:
    policy = [g for k, g in gains.items() if k != "cnndm"]
    return min(policy) + 0.2 * sum(policy) / len(policy) + 3 * min(0.0, gains.get("cnndm", 0.0))


def random_search(policy: list[Item], news: list[Item], samples: int) -> None:
    """Score random grid configurations on every item once, then pick per fold.

    Leave-one-out and 2-fold held-out scores come from the same score matrix: for each
    fold the configuration best on the training items is applied to the held-out ones.
    """
    rng = random.Random(0)
    configs = [dict(PRIOR)]
    configs += [{n: rng.choice(g) for n, g in GRID.items()} for _ in range(samples)]
    matrix = []
    for config in configs:
        for name, value in config.items():
            setattr(selection, name, value)
        matrix.append([r2(i) for i in policy + news])
    items = policy + news

    def best(train: set[int]) -> int:
        def fit(c: int) -> float:
            chosen = [k for k in range(len(items)) if k in train]
            return _fitness(_gains([items[k] for k in chosen], [matrix[c][k] for k in chosen]))

        return max(range(len(configs)), key=lambda c: (fit(c), -c))

    everything = set(range(len(items)))
    top = best(everything)
    sys.stdout.write(f"best on all dev items: {json.dumps(configs[top])}\n")
    sys.stdout.write(f"  dev gains: {_gains(items, matrix[top])}\n")
    n_policy = len(policy)
    halves = [
        {k for k in everything if (k if k < n_policy else k - n_policy) % 2 == half}
        for half in (0, 1)
    ]
    # 2-fold: policy and CNN both split in halves; LOO: one policy item out, CNN trains.
    _held_out("2-fold", items, halves, best, matrix)
    _held_out("loo", items, [{k} for k in range(n_policy)], best, matrix)


def _held_out(
    name: str,
    items: list[Item],
    folds: list[set[int]],
    best: Callable[[set[int]], int],
    matrix: list[list[float]],
) -> None:
    """Score each fold with the configuration best on everything else; print per subset."""
    everything = set(range(len(items)))
    held: dict[int, float] = {}
    for fold in folds:
        chosen = best(everything - fold)
        held.update((k, matrix[chosen][k]) for k in fold)
    order = sorted(held)
    tested = [items[k] for k in order]
    sys.stdout.write(f"  {name} held-out gains: {_gains(tested, [held[k] for k in order])}\n")
    for subset in sorted({i.subset for i in tested}):
        pairs = [(items[k], held[k]) for k in order if items[k].subset == subset]
        auto = 100 * sum(h for _, h in pairs) / len(pairs)
        lead = 100 * sum(i.lead for i, _ in pairs) / len(pairs)
        sys.stdout.write(f"    {subset:<10} held-out auto {auto:6.2f} lead {lead:6.2f}\n")


def report(items: list[Item], label: str) -> None:
    for subset in sorted({i.subset for i in items}):
        group = [i for i in items if i.subset == subset]
        auto = sum(r2(i) for i in group) / len(group)
        lead = sum(i.lead for i in group) / len(group)
        sys.stdout.write(
            f"{label:<12} {subset:<10} n={len(group):<4} auto {100 * auto:6.2f}  "
            f"lead {100 * lead:6.2f}  {100 * (auto / lead - 1):+6.1f}%\n"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", choices=("none", "loo", "2"), default="none")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cnn", type=int, default=110)
    parser.add_argument("--random", type=int, default=0, help="random configurations to score")
    args = parser.parse_args()
    policy = load(DATA / "policy-summ" / "items.jsonl", ("crs", "govreport"))
    news = load(DATA / "news-summ" / "items.jsonl", ("cnndm",))[: args.cnn]
    start = dict(PRIOR)
    report(policy + news, "current")
    if args.random:
        random_search(policy, news, args.random)
        return 0
    if args.folds == "none":
        sys.stdout.write(json.dumps(search(policy + news, args.rounds)) + "\n")
        report(policy + news, "tuned")
        return 0
    folds = [[i] for i in policy] if args.folds == "loo" else [policy[0::2], policy[1::2]]
    held: list[tuple[Item, float]] = []
    for fold in folds:
        for name, value in start.items():
            setattr(selection, name, value)
        train = [i for i in policy if i not in fold] + news
        chosen = search(train, args.rounds)
        held.extend((i, r2(i)) for i in fold)
        sys.stdout.write(f"fold {[i.id for i in fold]} -> {json.dumps(chosen)}\n")
    for subset in sorted({i.subset for i, _ in held}):
        scores = [(i, s) for i, s in held if i.subset == subset]
        auto = sum(s for _, s in scores) / len(scores)
        lead = sum(i.lead for i, _ in scores) / len(scores)
        sys.stdout.write(
            f"held-out     {subset:<10} n={len(scores):<4} auto {100 * auto:6.2f}  "
            f"lead {100 * lead:6.2f}  {100 * (auto / lead - 1):+6.1f}%\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
