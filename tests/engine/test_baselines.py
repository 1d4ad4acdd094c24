"""EASE and item-kNN, checked on data small enough to reason about."""

import numpy as np

from tui_recsys.evaluation.baselines import ease_scores, item_knn_scores

# Users 0-2 rated movies 0 and 1 together; users 3-5 rated movies 2 and 3 together.
# User 6 rated only movie 0, user 7 only movie 2: each should be offered its group's partner.
X = np.zeros((8, 5), dtype=np.float32)
for user in range(3):
    X[user, [0, 1]] = 1
for user in range(3, 6):
    X[user, [2, 3]] = 1
X[6, 0] = X[7, 2] = 1
X[0, 4] = X[1, 4] = 1  # movie 4: rated by two users of the first group


def test_ease_offers_what_co_occurs_and_never_scores_an_item_by_itself():
    scores = ease_scores(X, lam=1.0)
    assert np.argmax(np.where(X[6] > 0, -np.inf, scores[6])) == 1
    assert np.argmax(np.where(X[7] > 0, -np.inf, scores[7])) == 3
    lone = np.zeros((1, 5), dtype=np.float32)
    lone[0, 2] = 1
    assert ease_scores(np.vstack([X, lone]), lam=1.0)[-1, 2] == 0.0  # B's diagonal is zero


def test_ease_leaves_out_movies_too_few_users_rated():
    once = np.hstack([X, np.zeros((8, 1), dtype=np.float32)])
    once[5, 5] = 1
    assert np.isneginf(ease_scores(once)[:, 5]).all()


def test_weighted_ease_counts_users_not_weights():
    weighted = np.hstack([X * 2, np.zeros((8, 1), dtype=np.float32)])
    weighted[5, 5] = 2.0  # one user, who liked it: still too few to learn from
    scores = ease_scores(weighted, lam=1.0)
    assert np.isneginf(scores[:, 5]).all()
    assert np.argmax(np.where(X[6] > 0, -np.inf, scores[6, :5])) == 1


def test_item_knn_scores_by_neighbours_only():
    scores = item_knn_scores(X, neighbours=1)
    assert np.argmax(np.where(X[6] > 0, -np.inf, scores[6])) == 1
    assert np.argmax(np.where(X[7] > 0, -np.inf, scores[7])) == 3
    assert scores[7, 0] == 0  # movie 0 is no neighbour of movie 2
