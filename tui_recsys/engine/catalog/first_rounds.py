"""Quick-start rounds read from the movie list, which every start has: so the first round is
on screen at once, and rounds answered while the models are built for the first time (a minute
at ml-latest-small, twenty at ml-32m) do not wait for them. The list holds what a round with no
answers reads (how many people rated each movie, its genres, its year), the same as the models
hold, so its first round is the models' first round."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.catalog.index import CatalogIndex
from tui_recsys.engine.models.quick_start import REASON, ROUND, Askable, labels


class FirstRounds:
    """The MovieLens movies someone rated, in the models' order (by id), as rounds to ask."""

    def __init__(self, index: CatalogIndex) -> None:
        columns = index.movies.columns
        ml_ids, raters = columns["ml_id"], columns["ml_ratings"]
        keys = sorted((key for key, ml_id in enumerate(ml_ids)
                       if ml_id is not None and raters[key] > 0), key=lambda key: ml_ids[key])
        self._keys = keys
        self._movies = index.movies
        # A movie's genres as the models' rounds read them: TMDB's, none for a movie only
        # MovieLens knows (its decade still counts).
        self.askable = Askable.of(
            np.array([ml_ids[key] for key in keys], dtype=np.int64),
            [labels(columns["genres"][key] if columns["tmdb_id"][key] is not None else (),
                    columns["year"][key]) for key in keys],
            np.array([raters[key] for key in keys], dtype=np.int64), len(index.users))

    def round(self, asked: Collection[int], size: int = ROUND) -> list[Recommendation]:
        """The most rated movies not in `asked` (MovieLens ids), varied."""
        askable = self.askable
        items = []
        for position in askable.most_rated(asked, size):
            entry = self._movies.entry(self._keys[position])
            items.append(Recommendation(entry.title, entry.year,
                                        float(askable.log_share[position]), REASON,
                                        entry.tmdb_id, entry.ml_id))
        return items
