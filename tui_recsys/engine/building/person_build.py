"""Who made each TMDB 5000 movie (its director and cast, in billing order) and its votes, read
from the catalogue once, at build time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_recsys.engine.cache.column_files import Columns

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog


def person_rows(catalog: Catalog) -> Columns:
    movies = catalog.movies
    return {**catalog.tmdb_labels(), "director": movies["director"].fillna("").tolist(),
            "cast": movies["cast"].tolist(), "vote_count": movies["vote_count"].tolist(),
            "vote_average": movies["vote_average"].tolist()}
