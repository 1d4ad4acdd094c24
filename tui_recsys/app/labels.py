"""How movies and users read on screen: list rows, labels and links. The index says what a
movie is; how it is shown belongs here."""

from __future__ import annotations

from rich.cells import cell_len

from tui_recsys.engine.catalog.entries import MovieEntry, UserEntry

YEAR_WIDTH = 4
CATALOGUES_WIDTH = len("TMDB+ML")


def movie_label(entry: MovieEntry) -> str:
    return f"{entry.title} ({entry.year})" if entry.year else entry.title


def catalogues(entry: MovieEntry) -> str:
    """Which catalogues know the movie: TMDB, ML (MovieLens) or both."""
    return "+".join(name for name, known in (("TMDB", entry.tmdb_id), ("ML", entry.ml_id))
                    if known is not None)


def movie_row(entry: MovieEntry) -> tuple[str, str]:
    """A list row: the title, and the year and catalogues in fixed columns, so that years
    line up whatever the catalogues."""
    year = str(entry.year) if entry.year else ""
    return entry.title, f"{year:>{YEAR_WIDTH}} {catalogues(entry):<{CATALOGUES_WIDTH}}"


def user_row(entry: UserEntry, width: int) -> tuple[str, str]:
    """A list row: the name (left) or MovieLens id (right-aligned) `width` cells wide, then
    the genres, which so line up, and how much they rated."""
    who = (entry.name + " " * (width - cell_len(entry.name)) if entry.name
           else f"{entry.user_id:>{width}}")
    return f"{who}  {', '.join(entry.genres)}", f"{entry.ratings:,} rated"


def movie_links(entry: MovieEntry) -> list[tuple[str, str]]:
    links = []
    if entry.tmdb_id is not None:
        links.append(("TMDB", f"https://www.themoviedb.org/movie/{entry.tmdb_id}"))
    if entry.ml_id is not None:
        links.append(("MovieLens", f"https://movielens.org/movies/{entry.ml_id}"))
    return links
