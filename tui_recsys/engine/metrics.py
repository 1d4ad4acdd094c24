"""How good a top-N list is, as a recommender researcher reads it: what `evaluate` reports,
what the benchmarks score the public libraries with, and what the ranking model's early
stopping watches, so that all three mean the same thing by nDCG@10."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOP_N = 10


@dataclass
class TopNScores:
    precision: float
    recall: float
    ndcg: float
    hit_rate: float
    users: int
    list_overlap: float
    coverage: float
    fit_s: float = 0.0  # fitting the scorer on the holdout's training part


def top_lists(score_rows: np.ndarray, seen: list[np.ndarray]) -> np.ndarray:
    """Top-N column positions per row, excluding each row's seen positions."""
    scores = score_rows.astype(np.float64, copy=True)
    for row, columns in enumerate(seen):
        scores[row, columns] = -np.inf
    best = np.argpartition(-scores, TOP_N, axis=1)[:, :TOP_N]
    order = np.argsort(-np.take_along_axis(scores, best, axis=1), axis=1, kind="stable")
    return np.take_along_axis(best, order, axis=1)


def score_lists(lists: np.ndarray, relevant: list[set[int]], catalogue: int) -> TopNScores:
    discounts = 1.0 / np.log2(np.arange(2, TOP_N + 2))
    precision, recall, ndcg, hits = [], [], [], []
    for top, wanted in zip(lists, relevant, strict=True):
        if not wanted:
            continue
        gains = np.array([item in wanted for item in top], dtype=float)
        ideal = discounts[: min(len(wanted), TOP_N)].sum()
        precision.append(gains.sum() / TOP_N)
        recall.append(gains.sum() / len(wanted))
        ndcg.append(float(gains @ discounts[: len(gains)]) / ideal)
        hits.append(gains.any())
    return TopNScores(float(np.mean(precision)), float(np.mean(recall)), float(np.mean(ndcg)),
                      float(np.mean(hits)), len(precision), list_overlap(lists),
                      len(np.unique(lists)) / catalogue)


def top_n_scores(rows: np.ndarray, chosen: np.ndarray, relevant: list[set[int]]) -> TopNScores:
    """Score rows (users x movies, or one row for everyone) as top-N lists that leave out what
    each user chose (nonzero in `chosen`): one scorer's figures, however it was fitted."""
    seen = [np.flatnonzero(row) for row in chosen]
    return score_lists(top_lists(np.broadcast_to(rows, chosen.shape), seen), relevant,
                       chosen.shape[1])


def list_overlap(lists: np.ndarray) -> float:
    """Mean share of top-N items two different users' lists have in common."""
    users = len(lists)
    if users < 2:
        return 0.0
    _, columns = np.unique(lists, return_inverse=True)
    incidence = np.zeros((users, columns.max() + 1), dtype=np.float32)
    np.put_along_axis(incidence, columns.reshape(users, -1), 1.0, axis=1)
    shared = incidence @ incidence.T
    return float((shared.sum() - np.trace(shared)) / (users * (users - 1)) / lists.shape[1])
