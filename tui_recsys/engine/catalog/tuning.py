"""Tuning applied to a strategy's picks: each pick's genres and TMDB keywords read from the
catalogue, the picks re-ordered by `models.tuning`, each one moved saying by what."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from tui_recsys.data.genres import tmdb_genre
from tui_recsys.data.titles import name_key
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.models.tuning import OFFERED, Dimensions, varying
from tui_recsys.engine.question import Tuning
from tui_recsys.text import echo

# TMDB keywords about a film's credits, not about the film: never offered or matched.
NOT_ABOUT_THE_FILM = frozenset({"duringcreditsstinger", "aftercreditsstinger"})
CLOSE = 3  # what a word no pick carries may have meant: those starting with it, most moved


def carried(items: Sequence[Recommendation],
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


def dimensions(items: Sequence[Recommendation], movies: MovieIndex, pool: int | None = None,
               shown: int = 0) -> Dimensions:
    """What a list of `shown` can be tuned by, and how (`models.tuning.Dimensions`):
    `_offered` first, what varies among its first `pool` (the candidates its tuning orders:
    those drawn deeper for "more of" something, `REACH`, are not what the list is)."""
    genres, keywords = carried(items, movies)
    return Dimensions(tuple(frozenset(g | k) for g, k in zip(genres, keywords, strict=True)),
                      tuple(_offered(genres[:pool], keywords[:pool])),
                      frozenset(name_key(genre) for genre in movies.all_genres()), pool, shown)


def carrying_more(items: Sequence[Recommendation], movies: MovieIndex, tuning: Tuning) -> int:
    """How many of `items` carry something `tuning` asks more of."""
    read = dimensions(items, movies)
    return int(np.logical_or.reduce([read.carriers(name) for name in tuning.more],
                                    initial=False).sum())


def _offered(genres: list[set[str]], keywords: list[set[str]]) -> list[str]:
    """The genres, then the keywords, that split the picks most evenly (half the offer each:
    keywords are rarer, and would never rank beside genres)."""
    half = OFFERED // 2
    return [*varying(genres, half), *varying(keywords, OFFERED - half)]


def tuned(items: Sequence[Recommendation], movies: MovieIndex, tuning: Tuning,
          pool: int | None = None) -> tuple[list[Recommendation], np.ndarray, str]:
    """`items` (best first) in their tuned order, a moved one's reason starting with what
    moved it (at 80 columns the Why column shows a reason's start); the values that order
    them (the scores shown stay the model's, but discovery must re-rank by these); and what
    to say when the tuning names what no pick carries ("" otherwise), with what varies most
    among the first `pool`, as `dimensions` offers."""
    read = dimensions(items, movies, pool)
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
