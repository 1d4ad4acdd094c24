"""The CSV Letterboxd's importer reads (letterboxd.com/about/importing-data): Title, Year,
tmdbID, imdbID, Rating and WatchedDate, any of them empty. What we export there: your ratings,
your watchlist, a list of picks; reading it back (`rating_files`) changes nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from tui_recsys.data.spreadsheet import safe_cell

COLUMNS = ("Title", "Year", "tmdbID", "imdbID", "Rating", "WatchedDate")


@dataclass(frozen=True)
class Film:
    """One row: a film by its title and ids, with your rating and the day you saw it when
    there are ones."""

    title: str
    year: int | None
    tmdb_id: int | None
    imdb_id: int | None = None
    rating: float | None = None
    watched: str = ""  # YYYY-MM-DD


def letterboxd_csv(films: Iterable[Film]) -> str:
    """The rows as Letterboxd's importer wants them, each cell safe in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for film in films:
        writer.writerow([safe_cell(film.title), "" if film.year is None else film.year,
                         "" if film.tmdb_id is None else film.tmdb_id,
                         "" if film.imdb_id is None else f"tt{film.imdb_id:07d}",
                         "" if film.rating is None else f"{film.rating:g}", film.watched])
    return out.getvalue()
