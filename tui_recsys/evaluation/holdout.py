"""A per-user holdout as every scorer is read on it: positions of movies, what each user
chose, what they liked in the held-out part, the movies' genres, and a list's figures. Shared
by `evaluate` (`measure`, `fold_in`) and the benchmarks, so that all score lists alike."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.engine.metrics import TopNScores, beyond_accuracy, one_hot, score_lists
from tui_recsys.engine.models.ranking_model import RankingModel

SPLIT_SEED = 42  # the tutorial's random_state, which every split here is seeded from


def positions(ids: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Position of each id in the sorted `known`, or -1."""
    found = np.searchsorted(known, ids)
    found = np.minimum(found, len(known) - 1)
    return np.where(known[found] == ids, found, -1)


def relevant_positions(test: pd.DataFrame, users: np.ndarray,
                       movies: np.ndarray) -> list[set[int]]:
    """For each of `users`, the positions in `movies` of the held-out movies they liked: what
    a top-N list is scored against (by us, and by the public libraries in the benchmarks)."""
    liked = test[test["rating"] >= LIKED_RATING]
    relevant_by_user = liked.groupby("user_id")["movie_id"].apply(set)
    return [{int(p) for p in positions(np.array(sorted(relevant_by_user.get(u, set())),
                                                 dtype=np.int64), movies) if p >= 0}
            for u in users]


def chosen_matrix(ratings: pd.DataFrame, users: np.ndarray,
                  ranking: RankingModel) -> np.ndarray:
    """Who chose what, users x the ranking model's movies, as it reads them (a liked movie
    weighted up); a movie it does not know is left out."""
    movies = positions(ratings["movie_id"].to_numpy(), ranking.movie_ids)
    known = movies >= 0
    chosen = np.zeros((len(users), len(ranking.movie_ids)), dtype=np.float32)
    chosen[np.searchsorted(users, ratings["user_id"].to_numpy()[known]), movies[known]] = (
        ranking.weights(ratings["rating"].to_numpy()[known], LIKED_RATING))
    return chosen


def genre_matrix(ml_movies: pd.DataFrame, movie_ids: np.ndarray) -> np.ndarray:
    """MovieLens' genres of `movie_ids`, movies x genres, 0/1: what the beyond-accuracy
    figures read as a movie's content (every MovieLens movie has them, unlike TMDB's)."""
    by_id = dict(zip(ml_movies["movie_id"], ml_movies["genres"], strict=True))
    return one_hot([by_id.get(int(movie), []) for movie in movie_ids])[0]


def scored_lists(lists: np.ndarray, chosen: np.ndarray, relevant: list[set[int]],
                 genres: np.ndarray | None) -> TopNScores:
    """Lists' accuracy on what was held out and, with `genres`, beyond it."""
    scores = score_lists(lists, relevant, chosen.shape[1])
    if genres is not None:
        scores = replace(scores, beyond=beyond_accuracy(lists, chosen, genres))
    return scores
