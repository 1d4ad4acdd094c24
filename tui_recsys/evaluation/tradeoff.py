"""The discovery setting's price: "For this user" re-ranked at each setting, read for nDCG
beside novelty and diversity on the same lists, so a setting is chosen knowing what it costs."""

from __future__ import annotations

import numpy as np

from tui_recsys.engine.metrics import TOP_N, TopNScores, top_lists
from tui_recsys.engine.models.discovery import DEPTH, LEVELS, MIX, Mix, shown
from tui_recsys.evaluation.holdout import scored_lists


def discovery_tradeoff(scores: np.ndarray, interactions: np.ndarray, relevant: list[set[int]],
                       genres: np.ndarray, stars: np.ndarray, mix: Mix = MIX,
                       depth: int = DEPTH, levels: tuple[float, ...] = LEVELS
                       ) -> dict[float, TopNScores]:
    """Each user's top `depth` x 10 by `scores` (users x movies), re-ranked at every one of
    `levels` with the genres and popularity the holdout's training part gives, and without
    the candidates the rating model's `stars` (users x movies) put low, as the app does."""
    seen = [np.flatnonzero(row) for row in interactions]
    candidates = top_lists(scores, seen, depth * TOP_N)
    shares = (interactions > 0).sum(axis=0) / len(interactions)
    # where fewer movies are left than asked for, the ones a user rated fill the rest: not theirs
    unseen = [row[~np.isin(row, rated)] for row, rated in zip(candidates, seen, strict=True)]
    report = {}
    for level in levels:
        lists = np.full((len(unseen), TOP_N), -1, dtype=np.int64)
        for user, row in enumerate(unseen):
            order = row[shown(scores[user, row], genres[row], shares[row],
                              stars[user, row] if level else None, TOP_N, level, mix)]
            lists[user, :len(order)] = order
        report[level] = scored_lists(lists, interactions, relevant, genres)
    return report
