"""Fit the claim model (``briefer/rank/claims.py``) on the dev editorials; score it across outlets.

    python bench/claim_model.py [--data ../shared/data/editorials/items.jsonl] [--l2 1.0]

Each eligible sentence of each editorial is a row of ``claims.claim_features``; its label
is 1 when most of its labelled characters are ``assumption``. A logistic regression
(L2, Newton's method, deterministic) is fitted on standardized features and its weights
are printed in raw feature units, ready to paste into ``claims.WEIGHTS``. Leave one
outlet out: train on two outlets and score the third (AUC, and the precision of each
editorial's top 4 candidate claims, the number a card shows), each way round.

``--pipeline`` also briefs each held-out outlet's editorials with the weights fitted on
the other two and scores the whole card (``briefer eval``'s measures): the key
arguments and bottom lines that are the author's claims, as the held-out test will.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from briefer.nlp.cues import MIN_CLAIM_WORDS
from briefer.rank.claims import FEATURE_NAMES, claim_features
from briefer.rank.editorial_eval import ASSUMPTION, body_analysis, evaluate_editorials, label_of
from briefer.rank.features import features

DATA = Path(__file__).resolve().parents[2] / "shared/data/editorials/items.jsonl"
TOP_K = 4


def rows(items: list[dict[str, Any]]) -> list[tuple[str, str, np.ndarray, np.ndarray]]:
    """(outlet, id, features, labels) per editorial: candidate claims only."""
    out = []
    for item in items:
        analysis, offset = body_analysis(item)
        f = features(analysis, "auto")
        x, y = [], []
        for s, row in zip(analysis.sentences, claim_features(analysis, f), strict=True):
            i = s.index
            if not (f.eligible[i] and f.complete[i] and f.words[i] >= MIN_CLAIM_WORDS):
                continue
            label = label_of(item["units"], s.start + offset, s.end + offset)
            if label is None:
                continue
            x.append(row)
            y.append(float(label == ASSUMPTION))
        if x:
            out.append((item["outlet"], item["id"], np.array(x), np.array(y)))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Raw-unit weights of an L2 logistic regression (column 0 is the bias)."""
    mu, sd = x[:, 1:].mean(0), x[:, 1:].std(0)
    sd[sd == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x[:, 1:] - mu) / sd])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    raw = np.empty_like(w)
    raw[1:] = w[1:] / sd
    raw[0] = w[0] - (w[1:] * mu / sd).sum()
    return raw


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = y == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def top_k(docs: list[tuple[str, str, np.ndarray, np.ndarray]], w: np.ndarray) -> float:
    hits = total = 0
    for _, _, x, y in docs:
        best = np.argsort(-(x @ w), kind="stable")[:TOP_K]
        hits += int(y[best].sum())
        total += len(best)
    return hits / total


def _cards(items: list[dict[str, Any]], weights: np.ndarray) -> str:
    """Key arguments and bottom lines that are claims, briefed with ``weights``."""
    import briefer.rank as rank

    shipped = rank.WEIGHTS
    rank.WEIGHTS = tuple(float(v) for v in weights)
    try:
        (row,) = [r for r in evaluate_editorials(items, ("auto",)) if r.subset == "all"]
    finally:
        rank.WEIGHTS = shipped
    return (
        f"   card: key arguments {100 * row.claims_assumption:.1f}%"
        f"  bottom line {100 * row.bottom_assumption:.1f}%"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--pipeline", action="store_true", help="score whole cards too")
    args = parser.parse_args()
    items = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    docs = rows(items)
    outlets = sorted({d[0] for d in docs})
    print(f"{'held out':<10} {'train':>6} {'test':>6} {'AUC':>6} {'top-4':>6} {'base':>6}")
    for held in outlets:
        train = [d for d in docs if d[0] != held]
        test = [d for d in docs if d[0] == held]
        w = fit(np.vstack([d[2] for d in train]), np.concatenate([d[3] for d in train]), args.l2)
        xs, ys = np.vstack([d[2] for d in test]), np.concatenate([d[3] for d in test])
        line = (
            f"{held:<10} {len(train):>6} {len(test):>6} {auc(xs @ w, ys):>6.3f} "
            f"{100 * top_k(test, w):>6.1f} {100 * ys.mean():>6.1f}"
        )
        if args.pipeline:
            line += _cards([i for i in items if i["outlet"] == held], w)
        print(line)
    w = fit(np.vstack([d[2] for d in docs]), np.concatenate([d[3] for d in docs]), args.l2)
    print("WEIGHTS = (")
    for name, value in zip(FEATURE_NAMES, w, strict=True):
        print(f"    {value:.4f},  # {name}")
    print(")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
