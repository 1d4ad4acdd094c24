"""What a chart is built from: each movie's votes (TMDB 5000) or ratings (MovieLens), read from
the catalogue's tables once, at build time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_recsys.engine.cache.column_files import Columns
from tui_recsys.engine.models.chart_model import RATINGS, VOTES

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog


def chart_rows(catalog: Catalog) -> tuple[Columns, str]:
    """What a chart reads of each movie, and what its counts count: TMDB's votes, or where the
    data has no TMDB 5000, MovieLens' ratings."""
    if not catalog.has_tmdb:
        from tui_recsys.data.tables import optional_ints

        stats = catalog.ratings.groupby("movie_id")["rating"].agg(["size", "mean"])
        movies = catalog.ml_movies[catalog.ml_movies["movie_id"].isin(stats.index)]
        rated = stats.loc[movies["movie_id"]]
        return {"id": [None] * len(movies), "title": movies["title"].tolist(),
                "year": optional_ints(movies["year"]),
                "movielens_id": [int(movie) for movie in movies["movie_id"]],
                "genres": movies["genres"].tolist(),
                "vote_count": [int(count) for count in rated["size"]],
                "vote_average": [float(mean) for mean in rated["mean"]],
                "runtime": [None] * len(movies), "language": [""] * len(movies)}, RATINGS
    movies = catalog.movies
    return {**catalog.tmdb_labels(), "genres": movies["genres"].tolist(),
            "vote_count": movies["vote_count"].tolist(),
            "vote_average": movies["vote_average"].tolist(),
            "runtime": [None if runtime != runtime else float(runtime)
                        for runtime in movies["runtime"]],
            "language": [language or "" for language in movies["language"]]}, VOTES
