"""When a model has trained enough: after each epoch, a figure on examples held out of training
(the rating model's RMSE on a tenth of its ratings; the ranking model's nDCG@10 on held-out
choices, below), and the best epoch kept.

No fixed epoch count fits every size. ml-latest-small's 610 users make an epoch of 5 steps and
want dozens of them; ml-32m's 200k users make one of 1,570 steps that takes minutes, and the
same count would take hours. Held-out choices say when more epochs stop helping, at any size;
how long to wait for them to improve is counted in steps (updates), not epochs: at
ml-latest-small the figure wanders for ten epochs at a time before it climbs again, and its
1,000 steps outlast the 50-epoch cap (250 steps), so there no check is made and nothing is
held out (`train_ranking`), while at ml-32m two epochs are waited for.

The held-out choices are a seeded share of each of a few users' choices (a tenth of the users,
at most 5,000: holding out a tenth of everyone's, as the rating model does, cost 3.5 % of
nDCG@10 at ml-latest-small on the validation split), scored the way `evaluate` scores (a
held-out movie counts when it was liked), in numpy from the weights, so every worker of a
distributed run computes the same figure and stops at the same epoch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from tui_recsys.engine.metrics import score_lists, top_lists
from tui_recsys.engine.models.ranking_model import RankingModel

MIN_CHOICES = 5  # a user with fewer keeps all of them for training
USERS_PER_CHUNK = 256  # scored at once: 256 x 87k scores at ml-32m is 90 MB


Model = TypeVar("Model")


class KeepBest(Generic[Model]):
    """The best epoch's model by a validation figure, kept as training goes on; `patience`
    epochs without beating the figure by more than `min_delta` say stop, as in Keras'
    EarlyStopping. Without the margin, the rating model at ml-32m's shape ran 23 epochs (17
    minutes) for a validation RMSE that moved from 0.7607 to 0.7604 after the third. The best
    is kept at the cap too: on synthetic data of 1M ratings the ranking model peaked at epoch
    3 (nDCG@10 0.152 on its check) and slid to 0.140 by epoch 50."""

    def __init__(self, patience: int, lower_is_better: bool, min_delta: float) -> None:
        self.patience, self.min_delta = patience, min_delta
        self.sign = 1.0 if lower_is_better else -1.0
        self.figures: list[float] = []
        self.best: Model | None = None
        self.improved = 0  # the last epoch (from 1) that beat the one before it by min_delta
        self.mark = np.inf  # that epoch's figure, signed so that lower is better

    def observe(self, figure: float, model: Model) -> bool:
        self.figures.append(figure)
        signed = self.sign * figure
        if len(self.figures) == self.best_epoch:  # the first of equals, as argmin counts
            self.best = model
        if signed < self.mark - self.min_delta:
            self.improved, self.mark = len(self.figures), signed
        return len(self.figures) - self.improved >= self.patience

    def last_epoch(self) -> int:
        """The epoch (counted from 1) training stops after unless the figure improves first;
        before any, the first epoch's figure is the one to beat."""
        return max(self.improved, 1) + self.patience

    @property
    def model(self) -> Model:
        assert self.best is not None  # not cancelled: at least one epoch ran
        return self.best

    @property
    def best_epoch(self) -> int:
        """Counted from 1."""
        return int(np.argmin(self.sign * np.array(self.figures))) + 1


@dataclass(frozen=True)
class HeldOutChoices:
    """Validation users' kept choices (what their picks are computed from) and the positions
    of the liked movies held out of training (what the picks are scored against)."""

    kept_users: np.ndarray  # 0..n-1, one per kept choice: which validation user
    kept_movies: np.ndarray
    kept_weights: np.ndarray
    liked: list[set[int]]  # per validation user

    @property
    def usable(self) -> bool:
        """Whether anything liked was held out (tiny data may hold out nothing)."""
        return any(self.liked)

    def ndcg(self, model: RankingModel) -> float:
        movies = len(model.movie_ids)
        lists = []
        for start in range(0, len(self.liked), USERS_PER_CHUNK):
            end = min(start + USERS_PER_CHUNK, len(self.liked))
            rows = slice(*np.searchsorted(self.kept_users, [start, end]))
            chosen = np.zeros((end - start, movies), dtype=model.encoder.dtype)
            chosen[self.kept_users[rows] - start, self.kept_movies[rows]] = self.kept_weights[rows]
            lists.append(top_lists(model.score_all(chosen),
                                   [np.flatnonzero(row) for row in chosen]))
        return score_lists(np.concatenate(lists), self.liked, movies).ndcg


def hold_out(users: np.ndarray, movies: np.ndarray, weights: np.ndarray, liked: np.ndarray,
             fraction: float, most_users: int, seed: int) -> tuple[np.ndarray, HeldOutChoices]:
    """Which choices to train on (a boolean mask over them) and the check on the rest: of up
    to `most_users` users with at least MIN_CHOICES choices, a seeded `fraction` (at least one)
    of each one's choices. `users` and `movies` are positions; `liked` marks choices rated 4+."""
    rng = np.random.default_rng(seed)
    counts = np.bincount(users)
    eligible = np.flatnonzero(counts >= MIN_CHOICES)
    checked = np.sort(rng.choice(eligible, size=min(most_users, len(eligible)), replace=False))
    rows = np.flatnonzero(np.isin(users, checked))
    rows = rows[np.lexsort((rng.random(len(rows)), users[rows]))]  # by user, shuffled within
    owners = users[rows]
    rank = np.arange(len(rows)) - np.searchsorted(owners, owners)
    held = rank < np.maximum(1, np.round(counts[owners] * fraction))
    train = np.ones(len(users), dtype=bool)
    train[rows[held]] = False
    number = np.searchsorted(checked, owners)  # each row's validation user, 0..n-1
    kept = rows[~held]
    liked_by = [set[int]() for _ in checked]
    for user, movie in zip(number[held & liked[rows]], movies[rows[held & liked[rows]]],
                           strict=True):
        liked_by[user].add(int(movie))
    return train, HeldOutChoices(number[~held], movies[kept], weights[kept], liked_by)
