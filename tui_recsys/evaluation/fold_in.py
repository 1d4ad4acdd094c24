"""Users the models never saw, their ratings folded in without retraining: how "For you"
serves a person at the keyboard. `fold_in_report` folds in all their training ratings;
`cold_start_report` only their most recent few (3 to 50), as a person new to the app has, and
`cold_start_stars` how close the stars shown beside their picks then come."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tui_recsys.data.profile_file import Rated
from tui_recsys.data.tables import optional_ints
from tui_recsys.engine.metrics import TOP_N, TopNScores, top_lists
from tui_recsys.engine.models.for_user_model import (
    FOLD_IN_PENALTIES,
    ForUserModel,
    TrainedModels,
)
from tui_recsys.engine.models.for_you_model import ForYouModel
from tui_recsys.evaluation import baselines
from tui_recsys.evaluation.accuracy import RatingScores, rating_accuracy
from tui_recsys.evaluation.holdout import (
    SPLIT_SEED,
    chosen_matrix,
    genre_matrix,
    relevant_positions,
    scored_lists,
)

FOLD_IN_SHARE = 0.2  # of the holdout's users, left out of a third training and folded in
EVERY_USER = round(1 / FOLD_IN_SHARE)  # groups of that share that make every user a newcomer
COLD_START_COUNTS = (3, 5, 10, 20, 50)  # ratings folded in, the most recent first


def fold_in_users(train: pd.DataFrame) -> np.ndarray:
    """A seeded share of the users, left out of a training to be folded in afterwards."""
    users = np.unique(train["user_id"].to_numpy())
    rng = np.random.default_rng(SPLIT_SEED + 1)
    return np.sort(rng.choice(users, max(1, round(len(users) * FOLD_IN_SHARE)), replace=False))


def newcomer_groups(train: pd.DataFrame, groups: int) -> list[np.ndarray]:
    """The users each training leaves out to fold in (sorted): with one group, the seeded
    share of `fold_in_users`; with more, every user once, in that many seeded groups. A
    hundredth of nDCG over one fifth's 120 newcomers is noise; over every user's 600 it is
    not."""
    if groups == 1:
        return [fold_in_users(train)]
    users = np.random.default_rng(SPLIT_SEED + 1).permutation(np.unique(train["user_id"]))
    return [np.sort(users[group::groups]) for group in range(groups)]


@dataclass
class Newcomers:
    """Users left out of a training, each with the ratings of theirs that are folded in."""

    users: np.ndarray  # sorted
    theirs: pd.DataFrame  # the ratings folded in
    test: pd.DataFrame
    ml_movies: pd.DataFrame

    def against(self, models: TrainedModels, genres: np.ndarray | None = None) -> Reading:
        """Them read against one model's movies (what they chose, what they liked in the
        held-out part, the movies' genres, `genres` when already at hand), once for every
        scorer over those movies."""
        movies = models.ranking.movie_ids
        return Reading(chosen_matrix(self.theirs, self.users, models.ranking),
                       relevant_positions(self.test, self.users, movies),
                       genre_matrix(self.ml_movies, movies) if genres is None else genres)

    def blended(self, blend: ForYouModel) -> np.ndarray:
        """Their "For you" lists, as the app makes them from a profile."""
        tmdb = dict(zip(self.ml_movies["movie_id"], optional_ints(self.ml_movies["tmdb_id"]),
                        strict=True))
        served = blend.for_user
        lists = np.full((len(self.users), TOP_N), -1, dtype=np.int64)
        by_user = dict(iter(self.theirs.groupby("user_id", sort=True)))
        for row, user in enumerate(self.users):  # one with no ratings: For you's first list
            rows = by_user.get(user, self.theirs.iloc[:0])
            ratings = [Rated(int(m), tmdb.get(m), "", None, float(r))
                       for m, r in zip(rows["movie_id"], rows["rating"], strict=True)]
            ids = [item.movielens_id or -1  # a TMDB-only pick: never a held-out MovieLens movie
                   for item in blend.answer(ratings, TOP_N)[0]]
            lists[row, :len(ids)] = served.positions(np.array(ids, dtype=np.int64))
        return lists


@dataclass
class Reading:
    """Newcomers against one model's movies: their lists from any scorer, leaving out what
    they rated, and those lists' figures."""

    chosen: np.ndarray  # users x movies, a liked movie weighted as the ranking model reads it
    relevant: list[set[int]]
    genres: np.ndarray

    def scored(self, lists: np.ndarray) -> TopNScores:
        return scored_lists(lists, (self.chosen > 0).astype(np.float32), self.relevant,
                            self.genres)

    def ranked(self, scores: Callable[[np.ndarray], np.ndarray]) -> TopNScores:
        """The figures of their top lists from `scores` of what they chose."""
        chosen = self.chosen
        return self.scored(top_lists(np.broadcast_to(scores(chosen), chosen.shape),
                                     [np.flatnonzero(row) for row in chosen]))


def fold_in_report(trained: TrainedModels, blend: ForYouModel, train: pd.DataFrame,
                   test: pd.DataFrame, newcomers: np.ndarray,
                   ml_movies: pd.DataFrame) -> dict[str, TopNScores]:
    """The same users scored three ways: trained with everyone, folded into models trained
    without them (no retraining), and by the "For you" blend over those models."""
    them = Newcomers(newcomers, train[train["user_id"].isin(newcomers)], test, ml_movies)
    return {"trained with them": them.against(trained).ranked(trained.ranking.score_all),
            **folded_in_report(blend, them)}


def folded_in_report(blend: ForYouModel, them: Newcomers) -> dict[str, TopNScores]:
    """Newcomers with all of their ratings folded into `blend`'s models, trained without
    them: the served order's fold-in alone, "For you" and most popular (what
    `benchmarks.cold_start --folds` reads beside the cold start, as the weekly user)."""
    served = blend.for_user
    popularity = most_popular(served)
    without = served.trained
    folded = them.against(without)
    return {"folded in": folded.ranked(without.ranking.score_all),
            "For you (blend)": folded.scored(them.blended(blend)),
            "most popular": folded.ranked(lambda _: popularity)}


def most_popular(served: ForUserModel) -> np.ndarray:
    """Most popular's scores: how many of the trained users rated each of the model's
    movies."""
    return served.ratings.raters(len(served.factors.movie_ids)).astype(np.float64)


# For each count of ratings folded in, the newcomers with that many (sorted) and those ratings.
Recent = dict[int, tuple[np.ndarray, pd.DataFrame]]


def most_recent(train: pd.DataFrame, newcomers: np.ndarray,
                times: pd.DataFrame | None) -> Recent:
    """For each count in COLD_START_COUNTS, the newcomers with at least that many training
    ratings (sorted) and their most recent that many: what the cold start folds in, for our
    scorers and for the public libraries' (`benchmarks.peers`) alike."""
    ordered = newest_first(train[train["user_id"].isin(newcomers)], times)
    by_count: Recent = {}
    for count in COLD_START_COUNTS:
        latest = ordered.groupby("user_id", sort=True).head(count)
        sizes = latest.groupby("user_id").size()
        users = np.sort(sizes.index[sizes >= count].to_numpy())
        if len(users):
            by_count[count] = users, latest[latest["user_id"].isin(users)]
    return by_count


def newest_first(ratings: pd.DataFrame, times: pd.DataFrame | None) -> pd.DataFrame:
    """Each user's ratings, the most recent first (as a person rates what they saw lately);
    where the data has no times, in a seeded random order."""
    if times is None:
        shuffled = ratings.sample(frac=1, random_state=SPLIT_SEED)
        return shuffled.sort_values("user_id", kind="stable")
    timed = ratings.merge(times, on=["user_id", "movie_id"], how="left")
    timed["timestamp"] = timed["timestamp"].fillna(-1)
    ordered = timed.sort_values(["user_id", "timestamp"], ascending=[True, False],
                                kind="stable")
    return ordered.drop(columns="timestamp")


def cold_start_report(blend: ForYouModel, without_ratings: pd.DataFrame, test: pd.DataFrame,
                      recent: Recent, ml_movies: pd.DataFrame
                      ) -> dict[int, dict[str, TopNScores]]:
    """For each count of `recent` (`most_recent`'s), the newcomers with at least that many
    training ratings, only their most recent that many folded in: "For you", the ranking
    model's fold-in alone, EASE (liked x2, fitted on everyone else) folded in, and most
    popular."""
    served = blend.for_user
    without = served.trained
    popularity = most_popular(served)
    others = np.unique(without_ratings["user_id"].to_numpy())
    weights = baselines.ease_weights(chosen_matrix(without_ratings, others, without.ranking),
                                     baselines.EASE_LIKED_LAMBDA)

    def ease(chosen: np.ndarray) -> np.ndarray:
        return baselines.ease_apply(chosen, *weights)

    genres = genre_matrix(ml_movies, without.ranking.movie_ids)
    report: dict[int, dict[str, TopNScores]] = {}
    for count, (users, latest) in recent.items():
        them = Newcomers(users, latest, test, ml_movies)
        folded = them.against(without, genres)
        report[count] = {"For you (blend)": folded.scored(them.blended(blend)),
                         "folded in": folded.ranked(without.ranking.score_all),
                         "EASE folded in": folded.ranked(ease),
                         "most popular": folded.ranked(lambda _: popularity)}
    return report


FOLDED_STARS, MOVIE_ALONE = "folded in", "the movie alone"


# For each count of ratings folded in: the stars folded in, the movie's alone, and those given.
StarReadings = dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]


def cold_start_stars(groups: Sequence[StarReadings]) -> dict[int, dict[str, RatingScores]]:
    """For each count of ratings folded in, the stars the app shows a newcomer after that many
    ratings (the rating model's fold-in) against every star they gave in the held-out part,
    beside the model's stars for someone it knows nothing of (the mean and the movie's bias):
    what those ratings taught it. `groups`: each group of newcomers' `star_readings`, read
    together, every held-out star counting once."""
    read: dict[int, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
    for group in groups:
        for count, arrays in group.items():
            read.setdefault(count, []).append(arrays)
    report: dict[int, dict[str, RatingScores]] = {}
    for count, parts in sorted(read.items()):
        folded, alone, truth = (np.concatenate(arrays) for arrays in zip(*parts, strict=True))
        report[count] = {FOLDED_STARS: rating_accuracy(folded, truth),
                         MOVIE_ALONE: rating_accuracy(alone, truth)}
    return report


def star_readings(served: ForUserModel, test: pd.DataFrame, recent: Recent,
                  penalties: tuple[float, float] = FOLD_IN_PENALTIES) -> StarReadings:
    """One group of newcomers' stars at each count of `recent` (`most_recent`'s) where any was
    held out, from `served`, the models trained without them. Held-out movies the model does
    not know are left out, as the app shows no stars for them. `penalties`: the fold-in's,
    where they are chosen (`benchmarks.cold_start --stars`)."""
    factors = served.factors
    newcomers = np.unique(np.concatenate([users for users, _ in recent.values()]))
    held_out = test[test["user_id"].isin(newcomers)]
    held_out = held_out.assign(position=served.positions(held_out["movie_id"].to_numpy()))
    by_user = dict(iter(held_out[held_out["position"] >= 0].groupby("user_id", sort=True)))
    read: StarReadings = {}
    for count, (users, latest) in recent.items():
        theirs = dict(iter(latest.groupby("user_id", sort=True)))
        folded, alone, actual = [], [], []
        for user in users:
            if user not in by_user:
                continue
            rows, movies = theirs[user], by_user[user]["position"].to_numpy()
            rated = served.positions(rows["movie_id"].to_numpy())
            stars = rows["rating"].to_numpy(dtype=np.float64)[rated >= 0]
            rated = rated[rated >= 0]
            alone.append(factors.mean + factors.movie_bias[movies])
            folded.append(served.folded_stars(rated, stars, penalties)(movies) if len(rated)
                          else alone[-1])
            actual.append(by_user[user]["rating"].to_numpy(dtype=np.float64))
        if actual:
            read[count] = (np.concatenate(folded), np.concatenate(alone),
                           np.concatenate(actual))
    return read
