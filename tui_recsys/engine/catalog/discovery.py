"""The discovery setting applied to a strategy's picks: their genres and how well known they
are, read from the catalogue, re-ranked by `models.discovery`, each pick saying what it adds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from tui_recsys.data.genres import tmdb_genre
from tui_recsys.engine.answer import POPULAR, Recommendation
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.metrics import one_hot
from tui_recsys.engine.models.discovery import FEWEST, pool, rerank, worth_offering


def discovered(items: Sequence[Recommendation], movies: MovieIndex, level: float,
               k: int, relevance: np.ndarray | None = None) -> list[Recommendation]:
    """`k` of `items` (best first, `pool(k)` of them) at discovery `level` (0-1), ten at a
    time: the first ten re-ranked from the first `pool(10)` candidates, each next ten from
    the next `pool`'s left, so that the app's twenty begin with `recommend -k 10`'s ten, the
    list `evaluate` measures (re-ranked as one from two hundred, they shared 7.7 at 0.5,
    the app's the better known); a list shorter than ten is the first of the ten as they
    were chosen (the model's best first, then what the setting brings), in the ten's order:
    the first k in that order were the model's own, and `-n 5 --discovery 1` listed exactly
    what `-n 5` did. How relevant a pick is, as the scores say, or `relevance` (a tuned
    list's values)."""
    chosen: list[tuple[Recommendation, int]] = []
    taken: set[int] = set()  # positions among `items`
    for end in range(FEWEST, max(k, FEWEST) + FEWEST - 1, FEWEST):
        rest = [position for position in range(min(pool(end), len(items)))
                if position not in taken]
        for position, item, place in _ten(rest, items, movies, level, relevance):
            taken.add(position)
            chosen.append((item, place))
    if k < FEWEST:  # the first k the ten were chosen in, in the order the ten are shown
        first = sorted(range(len(chosen)), key=lambda at: chosen[at][1])[:k]
        chosen = [chosen[at] for at in sorted(first)]
    return [item for item, _ in chosen[:k]]


def _ten(candidates: list[int], items: Sequence[Recommendation], movies: MovieIndex,
         level: float, relevance: np.ndarray | None
         ) -> list[tuple[int, Recommendation, int]]:
    """Ten of the `candidates` (positions among `items`), re-ranked, each with what it adds
    said first in its reason and when it was chosen (`Pick.place`), how well known each is
    read as `MovieIndex.known_share` says; none the person would rate low, where the items'
    stars say (`worth_offering`)."""
    stars = np.array([np.nan if items[position].stars is None else items[position].stars
                      for position in candidates])
    candidates = [position for position, keep in
                  zip(candidates, worth_offering(stars, FEWEST), strict=True) if keep]
    keys = [entry.key if (entry := movies.entry_of(items[position])) is not None else -1
            for position in candidates]
    genres, vocabulary = one_hot([{tmdb_genre(g) for g in movies.columns["genres"][key]}
                                  if key >= 0 else () for key in keys])
    shares = np.array([movies.known_share(key) if key >= 0 else 0.0 for key in keys])
    scores = (np.array([items[position].score for position in candidates]) if relevance is None
              else relevance[candidates])
    chosen = []
    for rank, pick in enumerate(rerank(scores, genres, shares, FEWEST, level)):
        position = candidates[pick.position]
        item = items[position]
        new = [vocabulary[g] for g in pick.new_genres] if rank else []  # the first adds to none
        adds = (["less known than the model's picks"] if pick.less_known else []) + (
            [f"adds {', '.join(new)}"] if new else [])
        if adds:
            # First: at 80 columns the Why column shows a reason's start, and this is news.
            # Toy Story 3 was "less known than the model's picks; ...; popular with everyone".
            said = [part for part in item.reason.split("; ")
                    if part and not (pick.less_known and part == POPULAR)]
            item = replace(item, reason="; ".join([f"discovery: {', '.join(adds)}", *said]))
        chosen.append((position, item, pick.place))
    return chosen
