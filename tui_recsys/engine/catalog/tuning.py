"""Tuning applied to a strategy's picks: each pick's genres and TMDB keywords read from the
catalogue, the picks re-ordered by `models.tuning`, each one moved saying by what."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from tui_recsys.data.genres import tmdb_genre
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.catalog.your_ratings import movie_of
from tui_recsys.engine.models.tuning import OFFERED, tune, varying
from tui_recsys.engine.question import Tuning

# TMDB keywords about a film's credits, not about the film: never offered or matched.
NOT_ABOUT_THE_FILM = frozenset({"duringcreditsstinger", "aftercreditsstinger"})


def labels(items: Sequence[Recommendation], movies: MovieIndex,
           kinds: tuple[str, ...] = ("genres", "keywords")) -> list[set[str]]:
    """Each pick's genres and keywords (or those `kinds`), as the catalogue spells them."""
    found = []
    for item in items:
        entry = movie_of(item, movies)
        found.append(set() if entry is None else {
            *(tmdb_genre(g) for g in movies.columns["genres"][entry.key]
              if "genres" in kinds),
            *(word for word in (movies.columns["keywords"][entry.key]
                                if "keywords" in kinds else ())
              if word not in NOT_ABOUT_THE_FILM)})
    return found


def offered(items: Sequence[Recommendation], movies: MovieIndex) -> list[str]:
    """What a list can be tuned by: the genres, then the keywords, that split its picks most
    evenly (half the offer each: keywords are rarer, and would never rank beside genres)."""
    half = OFFERED // 2
    return [*varying(labels(items, movies, ("genres",)), half),
            *varying(labels(items, movies, ("keywords",)), OFFERED - half)]


def tuned(items: Sequence[Recommendation], movies: MovieIndex,
          tuning: Tuning) -> list[Recommendation]:
    """`items` (best first) in their tuned order, a moved one's reason ending in what moved
    it."""
    order = tune(np.array([item.score for item in items]), labels(items, movies), tuning)
    return [replace(items[pick.position], reason=f"{items[pick.position].reason}; tuned: "
                                                  f"{', '.join(pick.moved_by)}")
            if pick.moved_by else items[pick.position] for pick in order]
