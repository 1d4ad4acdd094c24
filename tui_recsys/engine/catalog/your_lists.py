"""Your four lists (the movies you rated, your watchlist, those you saw and those you are not
interested in) as the app's sidebar shows them: the catalogue's movies, in the order you chose,
searchable as the catalogue is.

A row is a movie of the catalogue, so every key that acts on a movie acts on it; a rating or a
mark whose movie the catalogue lacks (a profile kept from other data) is counted, not shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tui_recsys.data.list_orders import in_order
from tui_recsys.data.marks_file import HIDDEN, SEEN, WATCHLIST, Mark, Marks
from tui_recsys.data.profile_file import Profile, Rated, day_of
from tui_recsys.data.titles import fold
from tui_recsys.engine.catalog.entries import MovieEntry
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.catalog.search import SearchableTable, holds

RATED = "rated"
LISTS = (RATED, WATCHLIST, SEEN, HIDDEN)  # in the sidebar's order


@dataclass(frozen=True)
class Row:
    """One movie of a list: the catalogue's key, and what the list says of it."""

    key: int
    stars: float | None  # yours for a rating; for a mark, what people gave it (MovieLens
    # mean, else TMDB's vote average halved), None when nobody rated it
    when: int  # when you rated or marked it, seconds since the epoch; 0 when not known

    @property
    def day(self) -> str:
        return day_of(self.when)


class YourList(SearchableTable):
    """One list in the order it was sorted in: position i is row i. Searching filters it and
    keeps that order (every row holding the query, then the rows holding its letters in order):
    in a list you sorted by stars, "he" finds your best rated first, as the list says, where the
    movie list would put a title that starts with it first."""

    def __init__(self, rows: Sequence[Row], movies: MovieIndex, missing: int) -> None:
        search = movies.columns["search"]
        super().__init__([search[row.key] for row in rows])
        self.rows, self.movies = list(rows), movies
        self.missing = missing  # ratings or marks of movies the catalogue lacks

    def entry(self, position: int) -> MovieEntry:
        return self.movies.entry(self.rows[position].key)

    def search(self, query: str) -> np.ndarray:
        found = np.sort(super().search(query))
        folded = fold(query)
        holding = np.fromiter((holds(self._search_text[position], folded)
                               for position in found), bool, len(found))
        return np.concatenate((found[holding], found[~holding]))


def _catalogue_stars(movies: MovieIndex, key: int) -> float | None:
    columns = movies.columns
    mean, votes = columns["ml_mean"][key], columns["vote_average"][key]
    if mean is not None and columns["ml_ratings"][key]:
        return float(mean)
    return float(votes) / 2 if votes else None


def _row(movies: MovieIndex, key: int, movie: Rated | Mark) -> Row:
    when = movie.rated_at if isinstance(movie, Rated) else movie.marked_at
    stars = movie.stars if isinstance(movie, Rated) else _catalogue_stars(movies, key)
    return Row(key, stars, when)


def your_list(kind: str, order: str, profile: Profile, marks: Marks,
              movies: MovieIndex) -> YourList:
    """The list of `kind` (one of LISTS) sorted by `order` (`list_orders.ORDERS`). Movies are
    the catalogue's, under the title it shows everywhere else."""
    kept: Sequence[Rated | Mark] = (list(profile.ratings.values()) if kind == RATED
                                    else marks.of(kind))
    rows, missing = [], 0
    for movie in kept:
        entry = movies.entry_of(movie)
        if entry is None:
            missing += 1
        else:
            rows.append(_row(movies, entry.key, movie))

    def described(row: Row) -> tuple[int, str, int | None, float | None]:
        entry = movies.entry(row.key)
        return row.when, entry.title, entry.year, row.stars

    rows = in_order(order, rows, described)
    return YourList(rows, movies, missing)
