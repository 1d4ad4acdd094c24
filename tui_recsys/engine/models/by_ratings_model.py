"""By ratings: movies the same people chose, by the cosine similarity of their embeddings in
the "For this user" ranking model; computed from that model, so nothing of its own is cached."""

from __future__ import annotations

import numpy as np

from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.models.for_user_model import ForUserModel
from tui_recsys.engine.models.top_k import top_k
from tui_recsys.engine.question import Allowed
from tui_recsys.errors import UsageError


class ByRatingsModel:
    """Movies by the cosine similarity of their embeddings in the ranking model (the rows
    that turn a rated movie into a user's vector): movies the same people chose.

    A movie one person rated has an embedding learnt from that one person, and it can lie as
    close to a classic as the classic's true neighbours do ("Godzilla: Final Wars" beside "The
    Shawshank Redemption"). Similarities are ranked shrunk by how many rated the neighbour,
    n / (n + `SUPPORT`), as item-kNN's significance weighting does: a hundred raters keep 91 %
    of theirs, one keeps 9 %."""

    SUPPORT = 10

    def __init__(self, recommender: ForUserModel) -> None:
        self.recommender = recommender
        self.movie_ids = recommender.trained.network.movie_ids
        embeddings = recommender.trained.network.encoder
        norms = np.linalg.norm(embeddings, axis=1, keepdims=True)
        self._unit = embeddings / np.where(norms == 0, 1, norms)
        self._raters = recommender.ratings.raters(len(self.movie_ids))
        self._support = self._raters / (self._raters + self.SUPPORT)

    def similar(self, movielens_id: int, k: int,
                allowed: Allowed | None = None) -> list[Recommendation]:
        position = int(np.searchsorted(self.movie_ids, movielens_id))
        if position >= len(self.movie_ids) or self.movie_ids[position] != movielens_id:
            raise UsageError(f"MovieLens movie {movielens_id} has no ratings to compare; pick "
                             f"a rated one (look titles up with --movie)")
        similarity = self._unit @ self._unit[position]
        scores = similarity * self._support
        if allowed is not None:
            scores[~np.isin(self.movie_ids, allowed.movielens)] = 0.0
        best = [i for i in top_k(scores, k, exclude=np.array([position])) if scores[i] > 0]
        title = self.recommender.title(position)
        return [self.recommender.movie(int(i), float(scores[i]),
                                       f"chosen by the same people as {title} (similarity "
                                       f"{similarity[i]:.2f}, {self._raters[i]:,} rated it)")
                for i in best]
