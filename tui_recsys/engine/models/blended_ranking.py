"""The order "For this user" serves: the ranking network's logits (`ranking_model`) plus EASE's
scores (`item_weights`) at the scale the validation split chose. Both read a person as the
movies they chose, liked ones weighted up, so a new person is folded in by both without
retraining, and both are linear enough at the top to say which rated movies put a pick there.
It answers as the network does, so whatever ranks (picks, "For you", evaluation) takes either.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tui_recsys.engine.models.item_weights import ItemWeights
from tui_recsys.engine.models.ranking_model import FoldedUser, RankingModel


@dataclass(frozen=True)
class BlendedRanking:
    network: RankingModel
    items: ItemWeights

    @property
    def movie_ids(self) -> np.ndarray:
        return self.network.movie_ids

    @property
    def liked_weight(self) -> float:
        return self.network.liked_weight

    def weights(self, stars: np.ndarray, liked: float) -> np.ndarray:
        return self.network.weights(stars, liked)

    def fold(self, positions: np.ndarray, weights: np.ndarray) -> FoldedUser:
        return self.network.fold(positions, weights)

    def scores(self, user: FoldedUser) -> np.ndarray:
        return self.network.scores(user) + self.items.scores(user.positions, user.chosen)

    def score_all(self, chosen: np.ndarray) -> np.ndarray:
        return self.network.score_all(chosen) + self.items.score_all(chosen)

    def contributions(self, user: FoldedUser, picks: np.ndarray) -> np.ndarray:
        return (self.network.contributions(user, picks)
                + self.items.contributions(user.positions, user.chosen, picks))
