"""How good a top-N list is, as a recommender researcher reads it: what `evaluate` reports,
what the benchmarks score the public libraries with, and what the ranking model's early
stopping watches, so that all three mean the same thing by nDCG@10.

Beyond accuracy (what a discovery setting trades nDCG against): how varied a list is, how
little known its picks are, and how far its genre mix strays from the user's."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
    beyond: BeyondAccuracy | None = None  # where the genres were at hand


@dataclass(frozen=True)
class BeyondAccuracy:
    """Means over users' lists (`beyond_accuracy` says how each is read)."""

    diversity: float  # intra-list: 1 - mean pairwise cosine similarity of the picks' genres
    novelty: float  # mean self-information of a pick, in bits
    miscalibration: float  # mean KL divergence, user's genre mix to the list's, in nats


CALIBRATION_ALPHA = 0.01  # Steck's mixing of the user's mix into the list's, so KL is finite


def top_lists(score_rows: np.ndarray, seen: list[np.ndarray], n: int = TOP_N) -> np.ndarray:
    """Top-n column positions per row, excluding each row's seen positions."""
    scores = score_rows.astype(np.float64, copy=True)
    for row, columns in enumerate(seen):
        scores[row, columns] = -np.inf
    n = min(n, scores.shape[1])
    best = np.argpartition(-scores, n - 1, axis=1)[:, :n]
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


def one_hot(labels: Sequence[Iterable[str]]) -> tuple[np.ndarray, list[str]]:
    """Each row's labels (a movie's genres) as a row of 0/1, and the labels in column order."""
    held = [set(row) for row in labels]
    names = sorted(set().union(*held))
    column = {name: i for i, name in enumerate(names)}
    matrix = np.zeros((len(held), len(names)), dtype=np.float64)
    for row, these in enumerate(held):
        matrix[row, [column[name] for name in these]] = 1.0
    return matrix, names


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (a row of zeros stays zeros), so that a product of two rows
    is their cosine similarity."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros(matrix.shape), where=norms > 0)


def _valid(lists: np.ndarray) -> list[np.ndarray]:
    """Each list without its empty places (-1: a pick outside the catalogue scored)."""
    return [top[top >= 0] for top in lists]


def intra_list_diversity(lists: np.ndarray, genres: np.ndarray) -> float:
    """1 - the mean cosine similarity of every pair of a list's picks (movies x genres, 0/1),
    averaged over lists: 0 when every pick has the same genres. A pick with no genres is
    like no other."""
    unit = unit_rows(genres)
    values = []
    for top in _valid(lists):
        if len(top) < 2:
            continue
        similar = unit[top] @ unit[top].T
        pairs = len(top) * (len(top) - 1)
        values.append(1.0 - (similar.sum() - np.trace(similar)) / pairs)
    return float(np.mean(values)) if values else 0.0


def novelty(lists: np.ndarray, chosen: np.ndarray) -> float:
    """The mean self-information of a pick, -log2 of the share of users who chose it in
    training (users x movies, nonzero: chosen), smoothed by one user so a movie nobody chose
    is finite: a pick everyone chose is 0 bits, one in two users 1 bit."""
    users = chosen.shape[0]
    share = ((chosen > 0).sum(axis=0) + 1) / (users + 1)
    information = -np.log2(share)
    picks = np.concatenate(_valid(lists)) if len(lists) else np.empty(0, dtype=np.int64)
    return float(information[picks].mean()) if len(picks) else 0.0


def _genre_mix(movies: np.ndarray, weights: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Steck's p(g|u): each movie's genres share its weight equally."""
    mix = weights @ share[movies]
    total = mix.sum()
    return mix / total if total > 0 else mix


def miscalibration(lists: np.ndarray, chosen: np.ndarray, genres: np.ndarray) -> float:
    """Steck (2018)'s KL(p || q~): p the genre mix of what the user chose in training, q that
    of their list, q~ = (1 - alpha) q + alpha p; 0 when the list mirrors their taste. Users
    whose history has no genres are left out."""
    counts = genres.sum(axis=1, keepdims=True)
    share = np.divide(genres, counts, out=np.zeros(genres.shape), where=counts > 0)
    values = []
    for top, row in zip(_valid(lists), chosen, strict=True):
        history = np.flatnonzero(row)
        p = _genre_mix(history, row[history].astype(np.float64), share)
        if not p.any():
            continue
        q = _genre_mix(top, np.ones(len(top)), share)
        mixed = (1 - CALIBRATION_ALPHA) * q + CALIBRATION_ALPHA * p
        held = p > 0
        values.append(float(np.sum(p[held] * np.log(p[held] / mixed[held]))))
    return float(np.mean(values)) if values else 0.0


def beyond_accuracy(lists: np.ndarray, chosen: np.ndarray, genres: np.ndarray) -> BeyondAccuracy:
    """`lists` (users x N positions, -1 empty) against what each user chose in training
    (users x movies) and the movies' genres (movies x genres, 0/1), the same positions."""
    return BeyondAccuracy(intra_list_diversity(lists, genres), novelty(lists, chosen),
                          miscalibration(lists, chosen, genres))
