"""How movies and users read on screen: list rows, labels and links. The index says what a
movie is; how it is shown belongs here."""

from __future__ import annotations

from rich.cells import cell_len

from tui_recsys.engine.catalog.entries import MovieDetails, MovieEntry, UserEntry

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


def movie_links(details: MovieDetails) -> list[tuple[str, str]]:
    """The film's pages on the sites a movie lover logs it on. Letterboxd's is reached by its
    TMDB or IMDb id (letterboxd.com/tmdb/949/ leads to Heat's page), so it is there whenever
    one of those is, as for a film TMDB 5000 lacks."""
    tmdb, imdb, ml_id = details.tmdb_link, details.imdb_id, details.entry.ml_id
    imdb_page = None if imdb is None else f"tt{imdb:07d}"
    letterboxd = (f"tmdb/{tmdb}" if tmdb is not None else
                  None if imdb_page is None else f"imdb/{imdb_page}")
    return [(name, url) for name, url, known in (
        ("Letterboxd", f"https://letterboxd.com/{letterboxd}/", letterboxd),
        ("IMDb", f"https://www.imdb.com/title/{imdb_page}/", imdb_page),
        ("TMDB", f"https://www.themoviedb.org/movie/{tmdb}", tmdb),
        ("MovieLens", f"https://movielens.org/movies/{ml_id}", ml_id)) if known is not None]
