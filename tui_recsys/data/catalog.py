"""The Catalog: both catalogues as typed tables, and the link between them.

TMDB 5000 feeds the demographic and content recommenders, MovieLens the collaborative one; the
link (links.csv, else normalised title and year) lets one movie be followed across all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tui_recsys.data.titles import fold

if TYPE_CHECKING:  # imported where tables are read or built: naming the format needs neither
    import pandas as pd

    from tui_recsys.data.sources import DataSource, RawTables

CATALOG_FORMAT = 7  # of the cached catalogue: raise it when what it holds changes (CHANGED)
COLUMNS = {
    "movies": ("id", "title", "original_title", "year", "overview", "genres", "keywords", "cast",
               "director", "vote_average", "vote_count", "popularity", "runtime", "language"),
    "ml_movies": ("movie_id", "title", "year", "alt_titles", "genres", "tmdb_id", "imdb_id",
                  "tmdb_link"),
    "ratings": ("user_id", "movie_id", "rating"),
}
LIST_COLUMNS = {"movies": ("genres", "keywords", "cast"), "ml_movies": ("genres", "alt_titles")}
ALL_COLUMNS = frozenset(f"{table}.{column}" for table, columns in COLUMNS.items()
                        for column in columns)
SOUP_COLUMNS = ("keywords", "cast", "director", "genres")  # of movies: the tutorial's soup
# What an answer names of each TMDB movie (`Catalog.tmdb_labels`).
LABELS = frozenset({"movies.id", "movies.title", "movies.year", "ml_movies.movie_id",
                    "ml_movies.tmdb_id"})
# The columns ("table.column") each format after the fifth changed, when it changed only some:
# a model whose build reads none of them keeps its cache entry (`format_read`). Raising the
# format for the billing (cast kept to fifteen names) rebuilt every model, For this user's
# training too, which reads no cast: twenty minutes at ml-32m's shape. A format not named here
# changed every column.
CHANGED: dict[int, frozenset[str]] = {
    6: frozenset({"movies.runtime"}),  # 0 minutes unknown
    7: frozenset({"ml_movies.tmdb_link"}),  # added
}


def format_read(reads: frozenset[str]) -> int:
    """The catalogue's format as a model that reads the columns `reads` sees it: the last
    format that changed one of them, or every column. A model's cache entry is keyed by it, so
    a change elsewhere in the catalogue keeps the entry, and one in what it reads (a format
    raised is above every earlier) renames it."""
    return max(version for version in range(1, CATALOG_FORMAT + 1)
               if version not in CHANGED or CHANGED[version] & reads)
# The type of each column, for the empty table of a catalogue the data lacks.
EMPTY_TYPES = {"id": "int64", "year": "Int64", "vote_average": "float64", "vote_count": "int64",
               "popularity": "float64", "runtime": "float64", "movie_id": "int64",
               "tmdb_id": "Int64", "imdb_id": "Int64", "tmdb_link": "Int64", "user_id": "int64",
               "rating": "float32"}


@dataclass(frozen=True)
class Catalog:
    """TMDB `movies` (row order = id order), MovieLens `ml_movies` with their `tmdb_id` link,
    and `ratings`; `fingerprint` identifies the inputs and keys every cached artefact."""

    movies: pd.DataFrame
    ml_movies: pd.DataFrame
    ratings: pd.DataFrame
    fingerprint: str

    @property
    def has_tmdb(self) -> bool:
        return not self.movies.empty

    def save(self, folder: Path) -> None:
        for name in ("movies", "ml_movies", "ratings"):
            getattr(self, name).to_parquet(folder / f"{name}.parquet", index=False)

    @cached_property
    def movielens_by_tmdb(self) -> dict[int, int]:
        """The MovieLens id of each linked TMDB movie."""
        linked = self.ml_movies.dropna(subset=["tmdb_id"])
        return dict(zip(linked["tmdb_id"].astype(int), linked["movie_id"].astype(int),
                        strict=True))

    def tmdb_labels(self) -> dict[str, list]:
        """What an answer names of each TMDB movie, in row order, as plain lists: its id,
        title, year and linked MovieLens id (None where missing)."""
        from tui_recsys.data.tables import optional_ints

        ids = [int(movie_id) for movie_id in self.movies["id"]]
        return {"id": ids, "title": self.movies["title"].tolist(),
                "year": optional_ints(self.movies["year"]),
                "movielens_id": [self.movielens_by_tmdb.get(movie_id) for movie_id in ids]}

    @classmethod
    def load(cls, folder: Path, fingerprint: str) -> Catalog:
        from tui_recsys.data.tables import read_frame

        tables = {name: read_frame(folder / f"{name}.parquet", columns=columns,
                                   lists=LIST_COLUMNS.get(name, ()))
                  for name, columns in COLUMNS.items()}
        return cls(fingerprint=fingerprint, **tables)


def _title_keys(titles: pd.Series, years: pd.Series) -> pd.Series:
    import pandas as pd

    return pd.Series([f"{fold(title)}|{year}" for title, year in zip(titles, years, strict=True)],
                     index=titles.index)


def link_catalogues(ml_movies: pd.DataFrame, links: pd.DataFrame | None,
                    movies: pd.DataFrame) -> pd.Series:
    """Each MovieLens movie's TMDB id (nullable): links.csv where it names a TMDB 5000 movie,
    else a match on folded title (or an alternative title) and year; one MovieLens movie per
    TMDB movie."""
    import numpy as np
    import pandas as pd

    known = set(movies["id"])
    linked = pd.Series(pd.NA, index=ml_movies.index, dtype="Int64")
    if links is not None:
        by_movie = links.dropna(subset=["tmdb_id"]).set_index("movie_id")["tmdb_id"]
        from_links = ml_movies["movie_id"].map(by_movie).astype("Int64")
        linked = from_links.where(from_links.isin(known))
    tmdb_keys: dict[str, int] = {}
    for column in ("original_title", "title"):
        tmdb_keys.update(zip(_title_keys(movies[column], movies["year"]), movies["id"],
                             strict=True))
    # Read as plain arrays and set at once: a row looked up and set one by one, for the
    # 6,000 MovieLens movies links.csv leaves unlinked, took 1.4 s of every real-data
    # catalogue build; this takes 0.2 s, with the same links.
    titles, alternatives = ml_movies["title"].to_numpy(), ml_movies["alt_titles"].to_numpy()
    years = ml_movies["year"].to_numpy(dtype=object)
    matched: dict[int, int] = {}
    for position in np.flatnonzero(linked.isna().to_numpy()):
        year = years[position]
        for title in (titles[position], *alternatives[position]):
            match = tmdb_keys.get(f"{fold(title)}|{year}")
            if match is not None:
                matched[int(position)] = match
                break
    linked.iloc[list(matched)] = list(matched.values())
    return linked.mask(linked.duplicated() & linked.notna())


def _empty(name: str) -> pd.DataFrame:
    """The table of a catalogue the data lacks: its columns and types, no rows."""
    import pandas as pd

    return pd.DataFrame({column: pd.Series([], dtype=EMPTY_TYPES.get(column, "object"))
                         for column in COLUMNS[name]})


def build_catalog(raw: RawTables, fingerprint: str) -> Catalog:
    import pandas as pd

    from tui_recsys.data import schema

    movies = _empty("movies")
    if raw.tmdb is not None:
        tmdb = raw.tmdb
        if raw.credits is not None:
            tmdb = schema.merge_credits(tmdb, raw.credits, raw.files["tmdb"],
                                        raw.files["credits"])
        movies = schema.normalise_tmdb(tmdb, raw.files["tmdb"])
    if raw.ml_movies is None or raw.ratings is None:
        return Catalog(movies=movies, ml_movies=_empty("ml_movies"), ratings=_empty("ratings"),
                       fingerprint=fingerprint)
    ml_movies = schema.normalise_ml_movies(raw.ml_movies, raw.files["ml_movies"])
    links = (schema.normalise_links(raw.links, raw.files["links"])
             if raw.links is not None else None)
    ml_movies["tmdb_id"] = link_catalogues(ml_movies, links, movies)
    # links.csv's ids of each MovieLens movie; its TMDB id (`tmdb_link`) whether or not TMDB
    # 5000 has the film: what an export gives Letterboxd, and what a TMDB link to it names.
    for column, linked in (("imdb_id", "imdb_id"), ("tmdb_link", "tmdb_id")):
        ml_movies[column] = (ml_movies["movie_id"].map(links.set_index("movie_id")[linked])
                             .astype("Int64") if links is not None
                             else pd.array([pd.NA] * len(ml_movies), dtype="Int64"))
    ratings = schema.normalise_ratings(raw.ratings, raw.files["ratings"])
    return Catalog(movies=movies, ml_movies=ml_movies, ratings=ratings, fingerprint=fingerprint)


def load_catalog(source: DataSource) -> Catalog:
    """Read and validate a source from scratch (the Engine caches the result)."""
    return build_catalog(source.read(), source.fingerprint())
