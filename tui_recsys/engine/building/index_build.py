"""The movie and user lists built from the catalogue's tables (pandas): done once per catalogue
and cached, so that a warm start reads arrays and never imports pandas."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.data.series import series
from tui_recsys.data.tables import frame_columns
from tui_recsys.data.titles import (
    fold,
    fold_all,
    initials,
    joined_all,
    names_all,
    subtitles_all,
)
from tui_recsys.engine.cache.column_files import Columns
from tui_recsys.engine.catalog.entries import FAVOURITE_GENRES, GENRE_MIX
from tui_recsys.engine.catalog.index import MOVIE_COLUMNS, CatalogIndex, MovieIndex, UserIndex

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog


def movie_columns(catalog: Catalog) -> Columns:
    """Every movie once, best known first, with its folded search text and TMDB's details:
    the slow part of the movie list, done once per catalogue and cached with it."""
    tmdb = catalog.movies
    ml = catalog.ml_movies
    counts = catalog.ratings.groupby("movie_id")["rating"].agg(["size", "mean"])
    linked = ml.dropna(subset=["tmdb_id", "imdb_id"])
    imdb_by_tmdb = dict(zip(linked["tmdb_id"].astype(int), linked["imdb_id"].astype(int),
                            strict=True))
    # A linked movie is found, and named exactly, by MovieLens' titles too ("old boy" finds
    # Oldboy; "Star Wars: Episode IV - A New Hope" is TMDB's "Star Wars").
    named = ml.dropna(subset=["tmdb_id"])
    ml_titles = dict(zip(named["tmdb_id"].astype(int), named["title"], strict=True))
    ml_all_titles = ((named["title"].map(lambda title: [title]) + named["alt_titles"])
                     .groupby(named["tmdb_id"].astype(int)).sum().to_dict())
    from_tmdb = pd.DataFrame({
        "title": tmdb["title"], "year": tmdb["year"], "tmdb_id": tmdb["id"].astype("Int64"),
        "ml_id": tmdb["id"].map(catalog.movielens_by_tmdb).astype("Int64"),
        "imdb_id": tmdb["id"].map(imdb_by_tmdb).astype("Int64"),
        "tmdb_link": pd.array([pd.NA] * len(tmdb), dtype="Int64"),  # its own: tmdb_id
        "votes": tmdb["vote_count"].astype(float),
        "extra": tmdb["original_title"] + " " + tmdb["id"].map(
            lambda i: " ".join(ml_all_titles.get(i, []))),
        "ml_title": tmdb["id"].map(lambda i: ml_titles.get(i, "")),
        "titles": [[title, original, *ml_all_titles.get(i, [])] for title, original, i
                   in zip(tmdb["title"], tmdb["original_title"], tmdb["id"], strict=True)],
        **{name: tmdb[name] for name in ("original_title", "overview", "genres", "director",
                                         "cast", "keywords", "vote_average", "runtime",
                                         "language")},
        "vote_count": tmdb["vote_count"].astype("Int64"),
    })
    only_ml = ml[ml["tmdb_id"].isna()]
    nothing = [[] for _ in range(len(only_ml))]
    from_ml = pd.DataFrame({
        "title": only_ml["title"], "year": only_ml["year"],
        "tmdb_id": pd.array([pd.NA] * len(only_ml), dtype="Int64"),
        "ml_id": only_ml["movie_id"].astype("Int64"), "imdb_id": only_ml["imdb_id"],
        "tmdb_link": only_ml["tmdb_link"],
        "votes": 0.0, "extra": only_ml["alt_titles"].map(" ".join), "ml_title": "",
        "titles": only_ml["title"].map(lambda title: [title]) + only_ml["alt_titles"],
        "original_title": "", "overview": "", "genres": only_ml["genres"], "director": "",
        "cast": nothing, "keywords": nothing, "vote_average": np.nan, "runtime": np.nan,
        "language": "",
        "vote_count": pd.array([pd.NA] * len(only_ml), dtype="Int64"),
    })
    table = pd.concat([from_tmdb, from_ml], ignore_index=True)
    table["ml_ratings"] = table["ml_id"].map(counts["size"]).fillna(0).astype(int)
    table["ml_mean"] = table["ml_id"].map(counts["mean"]).astype(float)
    popularity = np.maximum(table["votes"] / max(table["votes"].max(), 1),
                            table["ml_ratings"] / max(table["ml_ratings"].max(), 1))
    table = table.iloc[np.argsort(-popularity.to_numpy(), kind="stable")].reset_index(drop=True)
    year = table["year"].astype("string").fillna("")
    titles = fold_all(table["title"])
    table["search"] = (titles + " " + year + " " + fold_all(table["extra"]) + " "
                       + joined_all(table["title"], titles) + " " + initials(titles)
                       ).str.split().str.join(" ").astype("str")
    table["names"] = names_all(table["titles"])
    table["subtitles"] = subtitles_all(table["titles"])
    table["series"] = [sorted({series(title) for title in titles if title})
                       for titles in zip(table["title"], table["ml_title"], strict=True)]
    return frame_columns(table, MOVIE_COLUMNS)


def user_columns(catalog: Catalog) -> Columns:
    """Every user with how much they rated, their favourite genres and search text."""

    ratings = catalog.ratings
    stats = ratings.groupby("user_id")["rating"].agg(["size", "mean"])
    genres = catalog.ml_movies.set_index("movie_id")["genres"]
    liked = ratings[ratings["rating"] >= LIKED_RATING]
    exploded = (liked.assign(genre=liked["movie_id"].map(genres))
                .explode("genre").dropna(subset=["genre"]))
    counts = exploded.groupby(["user_id", "genre"]).size().rename("n").reset_index()
    counts = counts.sort_values(["user_id", "n", "genre"], ascending=[True, False, True])
    top = counts.groupby("user_id").head(GENRE_MIX).groupby("user_id")
    favourites, favourite_counts = top["genre"].agg(list), top["n"].agg(list)
    users = [int(user) for user in stats.index]
    liked_genres = [favourites.get(u, []) for u in stats.index]
    stars = np.round(ratings["rating"].to_numpy() * 2).astype(int) - 1  # 0.5 -> 0, 5.0 -> 9
    histogram = pd.crosstab(ratings["user_id"], stars).reindex(
        index=stats.index, columns=range(10), fill_value=0)
    return {
        "user_id": users,
        "ratings": stats["size"].astype(int).tolist(),
        "mean": stats["mean"].astype(float).tolist(),
        "genres": liked_genres,
        "genre_counts": [[int(n) for n in favourite_counts.get(u, [])] for u in stats.index],
        "histogram": histogram.to_numpy().tolist(),
        "search": [f"{u} {' '.join(fold(g) for g in gs[:FAVOURITE_GENRES])}"
                   for u, gs in zip(users, liked_genres, strict=True)],
    }


def build_index(catalog: Catalog) -> CatalogIndex:
    return CatalogIndex(MovieIndex(movie_columns(catalog)), UserIndex(user_columns(catalog)))
