"""The baselines a recommender researcher expects beside a model, fitted on what users chose
to rate (implicit feedback), so that `evaluate` can say where a model stands.

- EASE (Steck 2019): a closed-form linear item-to-item model, B = I - P / diag(P) with
  P = (X'X + lambda I)^-1, the diagonal forced to zero. Among the best public figures on
  MovieLens; its cost is one inverse of an items x items matrix.
- Item-kNN: each movie's k most co-occurring movies by cosine similarity of their user columns;
  a user's score for a movie is the sum of its similarities to the movies they rated.

Both take X, the users x movies 0/1 matrix of who rated what, and return a dense score per
user and movie. EASE also takes X weighted, a liked movie counting twice as the ranking model
counts it: on the validation split (`python -m benchmarks.frontier`) that lifts EASE's nDCG@10
by about 10 %, more than anything tried on the ranking model, so `evaluate` shows both.
Settings are from the literature or that validation split, never tuned on evaluation's test
part.
"""

from __future__ import annotations

import numpy as np

from tui_recsys.engine.training.item_fit import ease_matrix

EASE_LAMBDA = 200.0  # the ridge on the Gram matrix; Steck used 200-500 on MovieLens
EASE_LIKED_LAMBDA = 400.0  # weighted: the validation split's best of 200, 400 and 800
EASE_MIN_USERS = 2  # movies fewer users rated are left out of the inverse (and never picked)
KNN_NEIGHBOURS = 50


def gram(interactions: np.ndarray) -> np.ndarray:
    """X'X: how many users rated both of each pair of movies."""
    x = interactions.astype(np.float32)
    return x.T @ x


def ease_weights(interactions: np.ndarray,
                 lam: float = EASE_LAMBDA) -> tuple[np.ndarray, np.ndarray]:
    """The movies EASE scores (rated by EASE_MIN_USERS or more) and B over them: a user
    anyone, trained on or not, is scored as their row of X over those movies times B."""
    kept = np.flatnonzero((interactions > 0).sum(axis=0) >= EASE_MIN_USERS)
    return kept, ease_matrix(gram(interactions[:, kept]), lam)


def ease_apply(rows: np.ndarray, kept: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Scores of users (rows of X) from `ease_weights`; a movie it left out ranks last."""
    scores = np.full(rows.shape, -np.inf)
    scores[:, kept] = rows[:, kept].astype(np.float32) @ b
    return scores


def ease_scores(interactions: np.ndarray, lam: float = EASE_LAMBDA) -> np.ndarray:
    return ease_apply(interactions, *ease_weights(interactions, lam))


def item_knn_scores(interactions: np.ndarray, neighbours: int = KNN_NEIGHBOURS) -> np.ndarray:
    similarity = gram(interactions)
    norms = np.sqrt(np.diag(similarity))
    norms[norms == 0] = 1.0
    similarity /= norms[:, None]
    similarity /= norms[None, :]
    np.fill_diagonal(similarity, 0.0)
    if neighbours < similarity.shape[0]:
        # Each movie keeps its k strongest neighbours (ties at the k-th may keep a few more).
        kth = -np.partition(-similarity, neighbours - 1, axis=0)[neighbours - 1]
        similarity[similarity < kth[None, :]] = 0.0
    return interactions.astype(np.float32) @ similarity
