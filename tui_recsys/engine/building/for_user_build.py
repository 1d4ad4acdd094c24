"""What "For this user" answers about, read from the catalogue once the models are trained:
each movie's title and year in the models' order, and every user's ratings as positions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tui_recsys.data.tables import optional_ints
from tui_recsys.engine.cache.column_files import Columns
from tui_recsys.engine.models.for_user_model import (
    Factors,
    ForUserModel,
    TrainedModels,
    UserRatings,
)

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog


def movie_rows(catalog: Catalog, movie_ids: np.ndarray) -> Columns:
    """What picks name of each movie the models know, in their order: a movie TMDB knows too
    under TMDB's title and year, as every other list names it ("Star Wars", not "Star Wars:
    Episode IV - A New Hope")."""
    movies = catalog.ml_movies.set_index("movie_id").reindex(movie_ids)
    tmdb = {int(i): (title, year) for i, title, year in zip(
        catalog.movies["id"], catalog.movies["title"], catalog.movies["year"], strict=True)}
    linked = [tmdb.get(int(i)) if i is not pd.NA and i == i else None
              for i in movies["tmdb_id"]]
    titles = [found[0] if found else title if isinstance(title, str)
              else f"MovieLens movie {movie_id}"
              for found, title, movie_id in zip(linked, movies["title"], movie_ids, strict=True)]
    years = pd.array([found[1] if found else year
                      for found, year in zip(linked, movies["year"], strict=True)], dtype="Int64")
    return {"title": titles, "year": optional_ints(pd.Series(years)),
            "tmdb_id": optional_ints(movies["tmdb_id"])}


def user_ratings(ratings: pd.DataFrame, factors: Factors) -> UserRatings:
    """Every user's ratings, one user's contiguous, as positions in the models' order."""
    users = np.searchsorted(factors.user_ids, ratings["user_id"].to_numpy())
    order = np.argsort(users, kind="stable")
    movies = np.searchsorted(factors.movie_ids, ratings["movie_id"].to_numpy())[order]
    stars = ratings["rating"].to_numpy(dtype=np.float32)[order]
    starts = np.searchsorted(users[order], np.arange(len(factors.user_ids) + 1))
    return UserRatings(starts, movies.astype(np.int32), stars)


def serving_model(trained: TrainedModels, catalog: Catalog,
                  ratings: pd.DataFrame) -> ForUserModel:
    """Freshly trained models, with what they answer about from the catalogue and the ratings
    they were trained on."""
    return ForUserModel(trained, movie_rows(catalog, trained.factors.movie_ids),
                        user_ratings(ratings, trained.factors))
