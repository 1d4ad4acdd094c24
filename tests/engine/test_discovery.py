"""The discovery setting's re-ranking, on candidates whose order is worked out by hand."""

from __future__ import annotations

import numpy as np

from tui_recsys.engine.models.discovery import rerank

# Candidates best first: 0-2 action films everyone saw, 3 a little-known action film, 4 a
# little-known western.
SCORES = np.array([1.0, 0.9, 0.8, 0.5, 0.4])
GENRES = np.array([[1, 0], [1, 0], [1, 0], [1, 0], [0, 1]], dtype=np.float64)
SHARES = np.array([0.5, 0.5, 0.5, 0.01, 0.01])


def _order(level: float, k: int = 3) -> list[int]:
    return [pick.position for pick in rerank(SCORES, GENRES, SHARES, k, level)]


def test_obvious_is_the_models_order():
    assert _order(0.0, 5) == [0, 1, 2, 3, 4]


def test_adventurous_takes_the_little_known_and_the_new_genre_first():
    # at 1: novelty less similarity: 3 and 4 are the most novel, 3 is first by the model's
    # order; after it every action film is alike (similarity 1), so the western comes next
    assert _order(1.0) == [3, 4, 0]


def test_halfway_mixes_the_two():
    # at 0.5 (novelty counts half, similarity twice): first, 0 scores 0.5 * 1 and 3 only
    # 0.5 * 1/6 + 0.5 * 0.5 * 1 = 0.33; then the western, 0.5 * 0 + 0.5 * (0.5 * 1 - 2 * 0)
    # = 0.25, beats the next action film, 0.5 * 5/6 + 0.5 * (0 - 2 * 1) = -0.58; then 1
    assert _order(0.5) == [0, 4, 1]


def test_a_pick_says_what_it_adds():
    first, second = rerank(SCORES, GENRES, SHARES, 2, 1.0)
    assert first.less_known and first.new_genres == (0,)
    assert second.less_known and second.new_genres == (1,)
    assert not rerank(SCORES, GENRES, SHARES, 1, 0.0)[0].less_known
    assert rerank(SCORES[:0], GENRES[:0], SHARES[:0], 3, 0.5) == []
