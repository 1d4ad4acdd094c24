"""One genre vocabulary: TMDB's. MovieLens names three of its genres otherwise; its movies are
read with TMDB's names, so every screen says "Science Fiction", and a filter given either name
finds the same movies. (Film-Noir and IMAX have no TMDB genre and keep their names.) A genre
typed on the command line is compared by its letters alone: "scifi", "sci fi" and "Sci-Fi"
name one genre, as "sciencefiction" and "Science Fiction" do."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from tui_recsys.data.titles import name_key, named_among

GENRE_ALIASES = {"Sci-Fi": "Science Fiction", "Children": "Family", "Musical": "Music"}
_BY_KEY = {name_key(alias): tmdb for alias, tmdb in GENRE_ALIASES.items()}


@lru_cache(maxsize=1024)  # a few dozen genres, each read again for every movie of a list
def tmdb_genre(name: str) -> str:
    """The TMDB name of a genre given by either catalogue's name, in any case."""
    return _BY_KEY.get(name_key(name), name.strip())


def resolve_genre(name: str, known: Iterable[str]) -> str:
    """The one of `known` genres that `name` names; otherwise a UsageError that lists them,
    with the closest first where one is close."""
    return named_among(tmdb_genre(name), sorted(set(known)), "genre")
