"""The quick start, simulated: newcomers (left out of training) answer each round from their
own ratings, a movie they rated with their stars and any other skipped, and after 1, 2 and 3
rounds their "For you" list is scored on their held-out liked movies, beside most popular and
beside For you from rating the 8, 16 or 24 most popular movies instead (the same number of
questions, not chosen to teach)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tui_recsys.data.profile_file import Rated
from tui_recsys.data.tables import optional_ints
from tui_recsys.engine.metrics import TopNScores
from tui_recsys.engine.models.for_you_model import ForYouModel
from tui_recsys.engine.models.quick_start import ROUND, QuickStart
from tui_recsys.evaluation.fold_in import Newcomers, most_popular

QUICK_START_ROUNDS = 3
COLUMNS = ["user_id", "movie_id", "rating"]


def quick_start_report(blend: ForYouModel, train: pd.DataFrame, test: pd.DataFrame,
                       newcomers: np.ndarray, ml_movies: pd.DataFrame
                       ) -> dict[int, dict[str, TopNScores]]:
    quick = QuickStart(blend)
    served = blend.for_user
    ids = served.factors.movie_ids
    popularity = most_popular(served)
    best_known = ids[np.argsort(-popularity, kind="stable")]
    tmdb = dict(zip(ml_movies["movie_id"], optional_ints(ml_movies["tmdb_id"]), strict=True))
    theirs = train[train["user_id"].isin(newcomers)]
    stars_of = {int(user): dict(zip(rows["movie_id"].tolist(), rows["rating"].tolist(),
                                    strict=True))
                for user, rows in theirs.groupby("user_id")}
    answers: dict[int, list[Rated]] = {int(user): [] for user in newcomers}
    asked: dict[int, set[int]] = {int(user): set() for user in newcomers}
    report = {}
    for done in range(1, QUICK_START_ROUNDS + 1):
        for user, given in answers.items():
            for item in quick.round(given, asked[user]):
                movie = int(item.movielens_id or -1)
                asked[user].add(movie)
                if movie in stars_of.get(user, {}):
                    given.append(Rated(movie, tmdb.get(movie), "", None,
                                       float(stars_of[user][movie])))
        quick_frame = pd.DataFrame([(user, r.movielens_id, r.stars) for user, given
                                    in answers.items() for r in given], columns=COLUMNS)
        shown = set(best_known[:ROUND * done].tolist())
        popular_frame = theirs[theirs["movie_id"].isin(shown)][COLUMNS]
        started = Newcomers(newcomers, quick_frame, test, ml_movies)
        reading = started.against(served.trained)
        report[done] = {
            "For you, quick start": reading.scored(started.blended(blend)),
            "For you, popular": reading.scored(
                Newcomers(newcomers, popular_frame, test, ml_movies).blended(blend)),
            "most popular": reading.ranked(lambda _: popularity)}
    return report
