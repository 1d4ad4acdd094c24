"""The catalogue's index: every movie of both catalogues once and every user, searchable as
one types, and a movie's details. (How a row is labelled on screen is the app's business.)

Search is computed here, on whole columns, so the app only draws the rows that fit on screen:
title prefix first, then a word that starts with the query, then any substring, then fuzzy
matches (the query's letters in order); case and accents never matter, and within each group
the better-known movie comes first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.data.titles import fold
from tui_recsys.engine.columns import Columns, Kind, Rows, load_columns, save_columns

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog

FORMAT = 6  # of the cached lists: raise it when what they hold or how titles fold changes
MOVIE_KINDS: dict[str, Kind] = {
    "title": "text", "year": "int?", "tmdb_id": "int?", "ml_id": "int?", "imdb_id": "int?",
    "ml_ratings": "int",
    "ml_mean": "float?", "search": "text",
    # TMDB's details; empty (or null) for a movie only MovieLens knows, but for its genres
    "original_title": "text", "overview": "text", "genres": "texts", "director": "text",
    "cast": "texts", "vote_average": "float?", "vote_count": "int?", "runtime": "float?",
}
USER_KINDS: dict[str, Kind] = {
    "user_id": "int", "ratings": "int", "mean": "float", "genres": "texts",
    "genre_counts": "ints", "histogram": "ints", "search": "text",
}

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


def ranked_matches(texts: Sequence[str], query: str) -> np.ndarray:
    """Positions of `texts` (already folded) matching the folded `query`, best groups first."""
    if not query:
        return np.arange(len(texts))
    word = re.compile(rf"\b{re.escape(query)}").search
    compact = query.replace(" ", "")
    fuzzy = (re.compile(f".{{0,{FUZZY_GAP}}}".join(map(re.escape, compact))).search
             if len(compact) >= FUZZY_MIN_LENGTH else None)
    groups: tuple[list[int], ...] = ([], [], [], [])
    for position, text in enumerate(texts):
        if query in text:
            groups[0 if text.startswith(query) else 1 if word(text) else 2].append(position)
        elif fuzzy is not None and fuzzy(text):
            groups[3].append(position)
    return np.array([position for group in groups for position in group], dtype=np.int64)


class _Scanner:
    """Every row's text in two forms that C scans: one fixed-width byte array (numpy's string
    functions) and one joined byte string (a regular expression), made at the first scan.

    Folded texts hold only ASCII letters, digits and single spaces (`titles.fold`), so a word
    starts where a text does or after a space, and bytes hold them in a quarter of the space.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        if isinstance(texts, Rows) and texts.of_text:  # as cached: one text and its bounds
            encoded = texts.ascii_rows()
        else:
            encoded = [text.encode("ascii", "replace") for text in texts]
        self.array = np.array(encoded, dtype=bytes)
        self.joined = b"\n".join(encoded)
        lines = np.fromiter(map(len, encoded), np.int64, len(encoded)) + 1
        self.starts = np.cumsum(lines) - lines

    def matches(self, query: str) -> np.ndarray:
        """`ranked_matches` over every row, in C."""
        wanted = query.encode("ascii", "replace")
        where = np.strings.find(self.array, wanted)
        found, prefix = where >= 0, where == 0
        word = found & ~prefix & (np.strings.find(self.array, b" " + wanted) >= 0)
        groups = [np.flatnonzero(prefix), np.flatnonzero(word),
                  np.flatnonzero(found & ~prefix & ~word)]
        compact = wanted.replace(b" ", b"")
        if len(compact) >= FUZZY_MIN_LENGTH:
            gap = b".{0,%d}" % FUZZY_GAP
            pattern = re.compile(gap.join(re.escape(compact[i:i + 1])
                                          for i in range(len(compact))))
            offsets = np.fromiter((match.start() for match in pattern.finditer(self.joined)),
                                  np.int64)
            rows = np.unique(np.searchsorted(self.starts, offsets, side="right") - 1)
            groups.append(rows[~found[rows]])
        return np.concatenate(groups).astype(np.int64)


class SearchableTable:
    """Rows with one folded search text each, searched as the user types.

    A first key scans every row in C (`_Scanner`: 200k users in about 20 ms); a query that
    extends the previous one can only match rows the previous one matched (once that one was
    long enough to include fuzzy matches), so when those are few, typing narrows the last
    answer in Python instead (docs/performance.md's scale table has the figures). Each
    remembered answer is one tuple, replaced whole, so searches racing in two threads never
    mix.
    """

    # Narrowing in Python costs about eight times a C scan per row: it wins below an eighth
    # of the table, and always below a few thousand rows.
    NARROW_SHARE, NARROW_BELOW = 8, 5_000

    def __init__(self, search_text: Sequence[str]) -> None:
        self._search_text = search_text
        self._scanner: _Scanner | None = None
        self._last: tuple[str, np.ndarray] = ("", np.arange(len(search_text)))

    def __len__(self) -> int:
        return len(self._search_text)

    def prepare(self) -> None:
        """Make what a first key scans, ahead of it (about 30 ms for 200k users)."""
        if self._scanner is None:
            self._scanner = _Scanner(self._search_text)

    def search(self, query: str) -> np.ndarray:
        folded = fold(query)
        previous, answer = self._last
        if not folded:
            found = np.arange(len(self._search_text))
        elif (len(previous.replace(" ", "")) >= FUZZY_MIN_LENGTH and folded.startswith(previous)
                and len(answer) < max(self.NARROW_BELOW, len(self) // self.NARROW_SHARE)):
            within = np.sort(answer)
            found = within[ranked_matches([self._search_text[i] for i in within], folded)]
        else:
            self.prepare()
            assert self._scanner is not None
            found = self._scanner.matches(folded)
        self._last = (folded, found)
        return found


def movie_columns(catalog: Catalog) -> Columns:
    """Every movie once, best known first, with its folded search text and TMDB's details:
    the slow part of the movie list, done once per catalogue and cached with it."""
    import pandas as pd

    from tui_recsys.data.tables import frame_columns
    from tui_recsys.data.titles import fold_all

    tmdb = catalog.movies
    ml = catalog.ml_movies
    counts = catalog.ratings.groupby("movie_id")["rating"].agg(["size", "mean"])
    linked = ml.dropna(subset=["tmdb_id", "imdb_id"])
    imdb_by_tmdb = dict(zip(linked["tmdb_id"].astype(int), linked["imdb_id"].astype(int),
                            strict=True))
    # A linked movie is found by MovieLens' titles too ("old boy" finds Oldboy).
    named = ml.dropna(subset=["tmdb_id"])
    ml_names = ((named["title"] + " " + named["alt_titles"].map(" ".join))
                .groupby(named["tmdb_id"].astype(int)).agg(" ".join).to_dict())
    from_tmdb = pd.DataFrame({
        "title": tmdb["title"], "year": tmdb["year"], "tmdb_id": tmdb["id"].astype("Int64"),
        "ml_id": tmdb["id"].map(catalog.movielens_by_tmdb).astype("Int64"),
        "imdb_id": tmdb["id"].map(imdb_by_tmdb).astype("Int64"),
        "votes": tmdb["vote_count"].astype(float),
        "extra": tmdb["original_title"] + " " + tmdb["id"].map(lambda i: ml_names.get(i, "")),
        **{name: tmdb[name] for name in ("original_title", "overview", "genres", "director",
                                         "cast", "vote_average", "runtime")},
        "vote_count": tmdb["vote_count"].astype("Int64"),
    })
    only_ml = ml[ml["tmdb_id"].isna()]
    nothing = [[] for _ in range(len(only_ml))]
    from_ml = pd.DataFrame({
        "title": only_ml["title"], "year": only_ml["year"],
        "tmdb_id": pd.array([pd.NA] * len(only_ml), dtype="Int64"),
        "ml_id": only_ml["movie_id"].astype("Int64"), "imdb_id": only_ml["imdb_id"],
        "votes": 0.0, "extra": only_ml["alt_titles"].map(" ".join),
        "original_title": "", "overview": "", "genres": only_ml["genres"], "director": "",
        "cast": nothing, "vote_average": np.nan, "runtime": np.nan,
        "vote_count": pd.array([pd.NA] * len(only_ml), dtype="Int64"),
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
    return frame_columns(table, MOVIE_KINDS)


class MovieIndex(SearchableTable):
    """TMDB movies, with their linked MovieLens movie, then MovieLens-only movies; rows in
    order of how well known the movie is, which is also the unfiltered list's order."""

    def __init__(self, columns: Columns) -> None:
        """`columns` as `movie_columns` makes them."""
        super().__init__(columns["search"])
        self.columns = columns
        self._titles, self._years, self._tmdb_ids, self._ml_ids = (
            columns[name] for name in ("title", "year", "tmdb_id", "ml_id"))
        self._by_tmdb = {movie: key for key, movie in enumerate(self._tmdb_ids)
                         if movie is not None}
        self._by_ml = {movie: key for key, movie in enumerate(self._ml_ids) if movie is not None}
        self._by_imdb = {movie: key for key, movie in enumerate(columns["imdb_id"])
                         if movie is not None}
        self._by_title: dict[tuple[str, int | None], int] | None = None

    def entry(self, key: int) -> MovieEntry:
        return MovieEntry(key, self._titles[key], self._years[key], self._tmdb_ids[key],
                          self._ml_ids[key])

    def by_tmdb(self, tmdb_id: int) -> MovieEntry | None:
        key = self._by_tmdb.get(tmdb_id)
        return None if key is None else self.entry(key)

    def by_movielens(self, ml_id: int) -> MovieEntry | None:
        key = self._by_ml.get(ml_id)
        return None if key is None else self.entry(key)

    def by_imdb(self, imdb_id: int) -> MovieEntry | None:
        key = self._by_imdb.get(imdb_id)
        return None if key is None else self.entry(key)

    def by_title(self, title: str, year: int | None) -> MovieEntry | None:
        """The best-known movie with this title (or TMDB original title), any case, accents or
        punctuation, and this year (any year when None)."""
        if self._by_title is None:
            found: dict[tuple[str, int | None], int] = {}
            for key in reversed(range(len(self))):  # the best known last, so it wins
                for text in (self._titles[key], self.columns["original_title"][key]):
                    if text:
                        found[(fold(text), self._years[key])] = found[(fold(text), None)] = key
            self._by_title = found
        key = self._by_title.get((fold(title), year))
        return None if key is None else self.entry(key)

    def details(self, key: int) -> MovieDetails:
        columns = self.columns
        return MovieDetails(self.entry(key), *(columns[name][key] for name in (
            "overview", "genres", "director", "cast", "vote_average", "vote_count", "runtime",
            "ml_ratings", "ml_mean")))

    def titled(self, title: str) -> list[MovieEntry]:
        """The TMDB movies titled exactly `title` (in any case; else their original title;
        else without accents or punctuation), the most voted first."""
        wanted, folded = title.casefold(), fold(title)
        titles, originals = self._titles, self.columns["original_title"]
        tests = (lambda key: titles[key].casefold() == wanted,
                 lambda key: originals[key].casefold() == wanted,
                 lambda key: fold(titles[key]) == folded)
        for test in tests:
            found = [key for key in self._by_tmdb.values() if test(key)]
            if found:
                votes = self.columns["vote_count"]
                return [self.entry(key) for key in sorted(found, key=lambda k: -votes[k])]
        return []

    def last_year(self) -> int | None:
        """The year of the newest movie either catalogue holds."""
        return max((int(year) for year in self._years if year), default=None)

    def tmdb_titles(self) -> list[str]:
        return [self._titles[key] for key in self._by_tmdb.values()]

    def chart_genres(self) -> list[str]:
        """The genres a chart filters by: TMDB's, or where the data has no TMDB 5000,
        MovieLens' (as `demographic.chart_rows` charts). Never both: MovieLens-only movies'
        genres ("Sci-Fi", "IMAX") are no chart's."""
        genres = self.columns["genres"]
        keys = self._by_tmdb.values() if self._by_tmdb else range(len(self))
        return sorted({genre for key in keys for genre in genres[key]})


def user_columns(catalog: Catalog) -> Columns:
    """Every user with how much they rated, their favourite genres and search text."""
    import pandas as pd

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


class UserIndex(SearchableTable):
    """MovieLens users with how much they rated and the genres they like most."""

    def __init__(self, columns: Columns) -> None:
        """`columns` as `user_columns` makes them. Entries are made as rows are drawn: at
        ml-32m's 200k users, making them all first cost most of a second of every start."""
        super().__init__(columns["search"])
        self.columns = columns
        self._by_id = {user: key for key, user in enumerate(columns["user_id"])}

    def entry(self, key: int) -> UserEntry:
        columns = self.columns
        return UserEntry(key, columns["user_id"][key], columns["ratings"][key],
                         float(columns["mean"][key]),
                         list(zip(columns["genres"][key], columns["genre_counts"][key],
                                  strict=True)),
                         columns["histogram"][key])

    def by_id(self, user_id: int) -> UserEntry | None:
        key = self._by_id.get(user_id)
        return None if key is None else self.entry(key)


@dataclass(frozen=True)
class CatalogIndex:
    """Both lists. They are cached beside the catalogue, so a warm start reads two files of
    arrays instead of grouping 100k ratings and folding every title again, and never imports
    pandas."""

    movies: MovieIndex
    users: UserIndex

    @classmethod
    def build(cls, catalog: Catalog) -> CatalogIndex:
        return cls(MovieIndex(movie_columns(catalog)), UserIndex(user_columns(catalog)))

    def save(self, folder: Path) -> None:
        save_columns(folder / "movies.json", MOVIE_KINDS, self.movies.columns)
        save_columns(folder / "users.json", USER_KINDS, self.users.columns)

    @classmethod
    def load(cls, folder: Path) -> CatalogIndex:
        return cls(MovieIndex(load_columns(folder / "movies.json", MOVIE_KINDS)),
                   UserIndex(load_columns(folder / "users.json", USER_KINDS)))

    def prepare_search(self) -> None:
        """Both lists' first-key scans made ready, off the screen's thread, after they show."""
        self.movies.prepare()
        self.users.prepare()
