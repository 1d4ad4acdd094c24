"""The catalogue's index: every movie of both catalogues once and every user, searchable as
one types, and a movie's details. (How a row is labelled on screen is the app's business.)

Search is computed here, on whole columns, so the app only draws the rows that fit on screen:
title prefix first, then a word that starts with the query, then any substring, then fuzzy
matches (the query's letters in order); case and accents never matter, and within each group
the better-known movie comes first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tui_recsys.data.catalog import Catalog
from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.data.tables import read_frame
from tui_recsys.data.titles import fold, fold_all
from tui_recsys.engine.base import optional_ints

FORMAT = 2  # of the cached tables: raise it when what they hold or how titles fold changes
MOVIE_COLUMNS = ("title", "year", "tmdb_id", "ml_id", "ml_ratings", "ml_mean", "search")
USER_COLUMNS = ("user_id", "ratings", "mean", "genres", "genre_counts", "histogram", "search")

FUZZY_MIN_LENGTH = 3
FUZZY_GAP = 2
FAVOURITE_GENRES = 3  # in a user's label and search text
GENRE_MIX = 5  # in a user's details


@dataclass(frozen=True)
class MovieEntry:
    """A movie as the app knows it: in TMDB 5000, in MovieLens, or linked in both."""

    key: int
    title: str
    year: int | None
    tmdb_id: int | None
    ml_id: int | None


@dataclass(frozen=True)
class MovieDetails:
    entry: MovieEntry
    overview: str
    genres: list[str]
    director: str
    cast: list[str]
    vote_average: float | None
    vote_count: int | None
    runtime: float | None
    ml_ratings: int
    ml_mean: float | None


@dataclass(frozen=True)
class UserEntry:
    """A user: how much and how they rate (`histogram`: how many ratings of 0.5, 1.0, ... 5.0
    stars), and the genres of the movies they liked, most liked first, with their counts."""

    key: int
    user_id: int
    ratings: int
    mean: float
    genre_mix: list[tuple[str, int]]
    histogram: list[int]

    @property
    def genres(self) -> list[str]:
        return [genre for genre, _ in self.genre_mix[:FAVOURITE_GENRES]]


def ranked_matches(text: pd.Series, query: str) -> np.ndarray:
    """Positions of `text` (already folded) matching the folded `query`, best groups first."""
    if not query:
        return np.arange(len(text))
    words = re.escape(query)
    groups = [
        text.str.startswith(query),
        text.str.contains(rf"\b{words}", regex=True),
        text.str.contains(query, regex=False),
    ]
    compact = query.replace(" ", "")
    if len(compact) >= FUZZY_MIN_LENGTH:
        gap = f".{{0,{FUZZY_GAP}}}"
        groups.append(text.str.contains(gap.join(map(re.escape, compact)), regex=True))
    taken = np.zeros(len(text), dtype=bool)
    found = []
    for group in groups:
        mask = group.to_numpy(dtype=bool) & ~taken
        found.append(np.flatnonzero(mask))
        taken |= mask
    return np.concatenate(found)


class SearchableTable:
    """Rows with one folded search text each, searched as the user types.

    A query that extends the previous one can only match rows the previous one matched (once
    that one was long enough to include fuzzy matches), so typing narrows the last answer
    instead of scanning every row again (the README's scale table has the difference per
    keystroke). Each remembered answer is one tuple, replaced whole, so searches racing in two
    threads never mix.
    """

    def __init__(self, search_text: pd.Series) -> None:
        self._search_text = search_text.reset_index(drop=True)
        self._last: tuple[str, np.ndarray] = ("", np.arange(len(search_text)))

    def __len__(self) -> int:
        return len(self._search_text)

    def search(self, query: str) -> np.ndarray:
        folded = fold(query)
        previous, answer = self._last
        if len(previous.replace(" ", "")) >= FUZZY_MIN_LENGTH and folded.startswith(previous):
            within = np.sort(answer)
            found = within[ranked_matches(self._search_text.iloc[within], folded)]
        else:
            found = ranked_matches(self._search_text, folded)
        self._last = (folded, found)
        return found


def movie_table(catalog: Catalog) -> pd.DataFrame:
    """Every movie once, best known first, with its folded search text: the slow part of
    the movie list, done once per catalogue and cached with it."""
    tmdb = catalog.movies
    ml = catalog.ml_movies
    counts = catalog.ratings.groupby("movie_id")["rating"].agg(["size", "mean"])
    from_tmdb = pd.DataFrame({
        "title": tmdb["title"], "year": tmdb["year"], "tmdb_id": tmdb["id"].astype("Int64"),
        "ml_id": tmdb["id"].map(catalog.movielens_by_tmdb).astype("Int64"),
        "votes": tmdb["vote_count"].astype(float),
        "extra": tmdb["original_title"],
    })
    only_ml = ml[ml["tmdb_id"].isna()]
    from_ml = pd.DataFrame({
        "title": only_ml["title"], "year": only_ml["year"],
        "tmdb_id": pd.array([pd.NA] * len(only_ml), dtype="Int64"),
        "ml_id": only_ml["movie_id"].astype("Int64"),
        "votes": 0.0, "extra": only_ml["alt_titles"].map(" ".join),
    })
    table = pd.concat([from_tmdb, from_ml], ignore_index=True)
    table["ml_ratings"] = table["ml_id"].map(counts["size"]).fillna(0).astype(int)
    table["ml_mean"] = table["ml_id"].map(counts["mean"]).astype(float)
    popularity = np.maximum(table["votes"] / max(table["votes"].max(), 1),
                            table["ml_ratings"] / max(table["ml_ratings"].max(), 1))
    table = table.iloc[np.argsort(-popularity.to_numpy(), kind="stable")].reset_index(drop=True)
    year = table["year"].astype("string").fillna("")
    table["search"] = (fold_all(table["title"]) + " " + year + " "
                       + fold_all(table["extra"])).str.strip().astype("str")
    return table[list(MOVIE_COLUMNS)]


class MovieIndex(SearchableTable):
    """TMDB movies, with their linked MovieLens movie, then MovieLens-only movies; rows in
    order of how well known the movie is, which is also the unfiltered list's order."""

    def __init__(self, table: pd.DataFrame, tmdb: pd.DataFrame) -> None:
        """`table` as `movie_table` makes it; `tmdb` is the catalogue's, for details."""
        super().__init__(table["search"])
        self.table = table
        # Plain lists: entries are made for every visible row on every redraw.
        self._titles = table["title"].astype(str).tolist()
        self._years, self._tmdb_ids, self._ml_ids = (
            optional_ints(table[column]) for column in ("year", "tmdb_id", "ml_id"))
        self._by_tmdb = pd.Series(table.index, index=table["tmdb_id"]).dropna()
        self._by_ml = pd.Series(table.index, index=table["ml_id"]).dropna()
        self._tmdb = tmdb.set_index("id")

    def entry(self, key: int) -> MovieEntry:
        return MovieEntry(key, self._titles[key], self._years[key], self._tmdb_ids[key],
                          self._ml_ids[key])

    def by_tmdb(self, tmdb_id: int) -> MovieEntry | None:
        key = self._by_tmdb.get(tmdb_id)
        return None if key is None else self.entry(int(key))

    def by_movielens(self, ml_id: int) -> MovieEntry | None:
        key = self._by_ml.get(ml_id)
        return None if key is None else self.entry(int(key))

    def details(self, key: int) -> MovieDetails:
        entry = self.entry(key)
        overview, genres, director, cast = "", [], "", []
        average = votes = runtime = None
        if entry.tmdb_id is not None:
            movie = self._tmdb.loc[entry.tmdb_id]
            overview, genres = str(movie["overview"]), list(movie["genres"])
            director, cast = str(movie["director"]), list(movie["cast"])
            average, votes = float(movie["vote_average"]), int(movie["vote_count"])
            runtime = None if pd.isna(movie["runtime"]) else float(movie["runtime"])
        ratings, mean = self.table.at[key, "ml_ratings"], self.table.at[key, "ml_mean"]
        return MovieDetails(entry, overview, genres, director, cast, average, votes, runtime,
                            int(ratings), None if pd.isna(mean) else float(mean))


def user_table(catalog: Catalog) -> pd.DataFrame:
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
    users = stats.index.astype(int)
    liked_genres = [favourites.get(u, []) for u in stats.index]
    stars = np.round(ratings["rating"].to_numpy() * 2).astype(int) - 1  # 0.5 -> 0, 5.0 -> 9
    histogram = pd.crosstab(ratings["user_id"], stars).reindex(
        index=stats.index, columns=range(10), fill_value=0)
    return pd.DataFrame({
        "user_id": users,
        "ratings": stats["size"].astype(int).to_numpy(),
        "mean": stats["mean"].astype(float).to_numpy(),
        "genres": liked_genres,
        "genre_counts": [[int(n) for n in favourite_counts.get(u, [])] for u in stats.index],
        "histogram": histogram.to_numpy().tolist(),
        "search": [f"{u} {' '.join(fold(g) for g in gs[:FAVOURITE_GENRES])}"
                   for u, gs in zip(users, liked_genres, strict=True)],
    })[list(USER_COLUMNS)]


class UserIndex(SearchableTable):
    """MovieLens users with how much they rated and the genres they like most."""

    def __init__(self, table: pd.DataFrame) -> None:
        """`table` as `user_table` makes it."""
        super().__init__(table["search"])
        self.table = table
        self._by_id = pd.Series(table.index, index=table["user_id"])
        columns = ("user_id", "ratings", "mean", "genres", "genre_counts", "histogram")
        self._entries = [
            UserEntry(key, int(user), int(count), float(mean),
                      list(zip(genres, map(int, genre_counts), strict=True)),
                      [int(n) for n in histogram])
            for key, (user, count, mean, genres, genre_counts, histogram)
            in enumerate(zip(*(table[c].tolist() for c in columns), strict=True))]

    def entry(self, key: int) -> UserEntry:
        return self._entries[key]

    def by_id(self, user_id: int) -> UserEntry | None:
        key = self._by_id.get(user_id)
        return None if key is None else self.entry(int(key))


@dataclass(frozen=True)
class CatalogIndex:
    """Both lists. Their tables are cached beside the catalogue, so a warm start reads two
    small parquet files instead of grouping 100k ratings and folding every title again."""

    movies: MovieIndex
    users: UserIndex

    @classmethod
    def build(cls, catalog: Catalog) -> CatalogIndex:
        return cls(MovieIndex(movie_table(catalog), catalog.movies),
                   UserIndex(user_table(catalog)))

    def save(self, folder: Path) -> None:
        self.movies.table.to_parquet(folder / "movies.parquet", index=False)
        self.users.table.to_parquet(folder / "users.parquet", index=False)

    @classmethod
    def load(cls, folder: Path, catalog: Catalog) -> CatalogIndex:
        movies = read_frame(folder / "movies.parquet", columns=MOVIE_COLUMNS)
        users = read_frame(folder / "users.parquet", columns=USER_COLUMNS,
                           lists=("genres", "genre_counts", "histogram"))
        return cls(MovieIndex(movies, catalog.movies), UserIndex(users))
