"""One genre vocabulary: TMDB's. MovieLens names three of its genres otherwise; its movies are
read with TMDB's names, so every screen says "Science Fiction", and a filter given either name
finds the same movies. (Film-Noir and IMAX have no TMDB genre and keep their names.) A genre
typed on the command line is compared by its letters alone: "scifi", "sci fi" and "Sci-Fi"
name one genre, as "sciencefiction" and "Science Fiction" do."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from tui_recsys.data.titles import name_key
from tui_recsys.errors import UsageError
from tui_recsys.text import echo

GENRE_ALIASES = {"Sci-Fi": "Science Fiction", "Children": "Family", "Musical": "Music"}


def tmdb_genre(name: str) -> str:
    """The TMDB name of a genre given by either catalogue's name, in any case."""
    key = name_key(name)
    return next((tmdb for alias, tmdb in GENRE_ALIASES.items() if name_key(alias) == key),
                name.strip())


def resolve_genre(name: str, known: Iterable[str]) -> str:
    """The one of `known` genres that `name` names; otherwise a UsageError that lists them,
    with the closest first where one is close."""
    choices = sorted(set(known))
    by_key = {name_key(genre): genre for genre in choices}
    found = by_key.get(name_key(tmdb_genre(name)))
    if found is not None:
        return found
    close = difflib.get_close_matches(name_key(name), list(by_key), n=2, cutoff=0.7)
    guess = f"did you mean {' or '.join(by_key[key] for key in close)}? " if close else ""
    raise UsageError(f"unknown genre {echo(name)}; {guess}choose one of: {', '.join(choices)}")
