"""Tuning applied to a strategy's picks: each pick's genres and TMDB keywords read from the
catalogue, the picks re-ordered by `models.tuning`, each one moved saying by what."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

import numpy as np

from tui_recsys.data.genres import tmdb_genre
from tui_recsys.data.titles import name_key
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.models.tuning import OFFERED, Dimensions, varying
from tui_recsys.engine.question import Identified, Tuning, keys_of
from tui_recsys.text import echo

# TMDB keywords about a film's credits, not about the film: never offered or matched.
NOT_ABOUT_THE_FILM = frozenset({"duringcreditsstinger", "aftercreditsstinger"})
CLOSE = 3  # what a word no pick carries may have meant: those starting with it, most moved


def carried(items: Sequence[Identified],
            movies: MovieIndex) -> tuple[list[set[str]], list[set[str]]]:
    """Each pick's genres, and its keywords, as the catalogue spells them (read once a list)."""
    genres, keywords = [], []
    for item in items:
        entry = movies.entry_of(item)
        columns = movies.columns
        genres.append(set() if entry is None else
                      {tmdb_genre(g) for g in columns["genres"][entry.key]})
        keywords.append(set() if entry is None else
                        set(columns["keywords"][entry.key]) - NOT_ABOUT_THE_FILM)
    return genres, keywords


def dimensions(items: Sequence[Identified], movies: MovieIndex, shown: int = 0,
               beyond: Dimensions | None = None) -> Dimensions:
    """What a list of `shown` can be tuned by, and how (`models.tuning.Dimensions`):
    `_offered` first; `beyond`, the whole catalogue's, where "more of" reaches."""
    genres, keywords = carried(items, movies)
    return Dimensions(tuple(frozenset(g | k) for g, k in zip(genres, keywords, strict=True)),
                      tuple(_offered(genres, keywords)),
                      frozenset(name_key(genre) for genre in movies.all_genres()), shown, beyond)


@lru_cache(maxsize=2)  # the index answering now, and the one a rebuild replaces it with
def catalogue(movies: MovieIndex) -> Dimensions:
    """Every movie of the catalogue by what it carries, in the index's order: where "more
    of" something few of a list's candidates carry is looked for (read once an index)."""
    read = dimensions([movies.entry(key) for key in range(len(movies))], movies)
    read.prepare()
    return read


def carrying_more(items: Sequence[Recommendation], movies: MovieIndex, tuning: Tuning) -> int:
    """How many of `items` carry something `tuning` asks more of."""
    return int(_carrying(dimensions(items, movies), tuning).sum())


def carrying_anywhere(movies: MovieIndex, tuning: Tuning) -> frozenset[tuple[str, int]]:
    """Every movie of the catalogue that carries something `tuning` asks more of, by its id
    in each catalogue that knows it (as `Ask.left_out` holds them)."""
    return keys_of(movies.entry(int(key))
                   for key in np.flatnonzero(_carrying(catalogue(movies), tuning)))


def _carrying(read: Dimensions, tuning: Tuning) -> np.ndarray:
    return np.any([read.carriers(name) for name in tuning.more], axis=0)


def _offered(genres: list[set[str]], keywords: list[set[str]]) -> list[str]:
    """The genres, then the keywords, that split the picks most evenly (half the offer each:
    keywords are rarer, and would never rank beside genres)."""
    half = OFFERED // 2
    return [*varying(genres, half), *varying(keywords, OFFERED - half)]


def tuned(items: Sequence[Recommendation], movies: MovieIndex,
          tuning: Tuning) -> tuple[list[Recommendation], np.ndarray, str]:
    """`items` (best first) in their tuned order, a moved one's reason starting with what
    moved it (at 80 columns the Why column shows a reason's start); the values that order
    them (the scores shown stay the model's, but discovery must re-rank by these); and what
    to say when the tuning names what no pick carries ("" otherwise)."""
    read = dimensions(items, movies)
    missing = read.unmatched(tuning)
    close = [name for term in missing for name in read.matching(term)[:CLOSE]]
    note = (f"no pick here is {' or '.join(map(echo, missing))}; "
            + (f"did you mean {', '.join(close)}? " if close else "")
            + f"these vary most: {', '.join(read.offered) or 'none'}") if missing else ""
    order = read.tune(np.array([item.score for item in items]), tuning)
    return ([replace(items[pick.position], reason=f"tuned: {', '.join(pick.moved_by)}; "
                                                   f"{items[pick.position].reason}")
             if pick.moved_by else items[pick.position] for pick in order],
            np.array([pick.value for pick in order]), note)
