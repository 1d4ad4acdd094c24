"""The discovery setting applied to a strategy's picks: their genres and how well known they
are, read from the catalogue, re-ranked by `models.discovery`, each pick saying what it adds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from tui_recsys.data.genres import tmdb_genre
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.metrics import one_hot
from tui_recsys.engine.models.discovery import rerank, worth_offering


def discovered(items: Sequence[Recommendation], movies: MovieIndex, level: float,
               k: int, relevance: np.ndarray | None = None) -> list[Recommendation]:
    """`k` of `items` (best first, several times k of them) at discovery `level` (0-1), how
    well known each is read as `MovieIndex.known_share` says; how relevant, as their scores
    say, or `relevance` (a tuned list's values); none the person would rate low, where the
    items' stars say (`worth_offering`)."""
    stars = np.array([np.nan if item.stars is None else item.stars for item in items])
    kept = worth_offering(stars, k)
    items = [item for item, keep in zip(items, kept, strict=True) if keep]
    relevance = None if relevance is None else relevance[kept]
    keys = [entry.key if (entry := movies.entry_of(item)) is not None else -1
            for item in items]
    genres, vocabulary = one_hot([{tmdb_genre(g) for g in movies.columns["genres"][key]}
                                  if key >= 0 else () for key in keys])
    shares = np.array([movies.known_share(key) if key >= 0 else 0.0 for key in keys])
    scores = np.array([item.score for item in items]) if relevance is None else relevance
    picks = rerank(scores, genres, shares, k, level)
    chosen = []
    for rank, pick in enumerate(picks):
        item = items[pick.position]
        new = [vocabulary[g] for g in pick.new_genres] if rank else []  # the first adds to none
        adds = (["less known than the model's picks"] if pick.less_known else []) + (
            [f"adds {', '.join(new)}"] if new else [])
        if adds:
            # First: at 80 columns the Why column shows a reason's start, and this is news.
            item = replace(item, reason=f"discovery: {', '.join(adds)}; {item.reason}")
        chosen.append(item)
    return chosen
