"""One genre vocabulary: TMDB's. MovieLens names three of its genres otherwise; its movies are
read with TMDB's names, so every screen says "Science Fiction", and a filter given either name
finds the same movies. (Film-Noir and IMAX have no TMDB genre and keep their names.)"""

GENRE_ALIASES = {"Sci-Fi": "Science Fiction", "Children": "Family", "Musical": "Music"}


def tmdb_genre(name: str) -> str:
    """The TMDB name of a genre given by either catalogue's name, in any case."""
    folded = name.strip().casefold()
    return next((tmdb for alias, tmdb in GENRE_ALIASES.items() if alias.casefold() == folded),
                name.strip())
