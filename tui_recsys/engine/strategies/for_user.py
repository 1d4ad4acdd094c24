"""For this user: picks ordered by a ranking model learnt from what people chose to rate
(`ranking`), each with its predicted stars from the tutorial's collaborative model, a Keras
matrix factorisation with user and movie embeddings (size 50) and biases, its batch defect
fixed (see `keras_training`).

Both train in one child process (`training_process`); what is cached and served is plain
arrays, so answering never imports TensorFlow.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.data.sources import MOVIELENS
from tui_recsys.engine.settings import MIN_RATINGS, ForUserConfig
from tui_recsys.engine.strategies.base import Answer, Ask, Need, Strategy
from tui_recsys.errors import DataError, UsageError

if TYPE_CHECKING:
    import pandas as pd

    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.base import BuildContext
    from tui_recsys.engine.collaborative import CollaborativeRecommender, TrainedModels

Trainer = Callable[["pd.DataFrame", ForUserConfig, "BuildContext"], "TrainedModels"]


def train_in_a_child_process(ratings: pd.DataFrame, params: ForUserConfig,
                             ctx: BuildContext) -> TrainedModels:
    from tui_recsys.engine.training_process import train_in_child

    return train_in_child(ratings, params, ctx)


class ForUser(Strategy["CollaborativeRecommender"]):
    name: ClassVar[str] = "for-user"
    aliases: ClassVar[tuple[str, ...]] = ("collaborative",)  # its name until 0.2
    key: ClassVar[str] = "4"
    summary: ClassVar[str] = "a MovieLens user's picks, from what people like them chose"
    requires: ClassVar[tuple[str, ...]] = (MOVIELENS,)
    requires_for: ClassVar[str] = "it learns from MovieLens ratings"
    needs: ClassVar[Need] = Need.USER
    format: ClassVar[int] = 4  # of its cache entry: raise it when what the entry holds changes
    config: ForUserConfig

    def __init__(self, config: ForUserConfig | None = None,
                 trainer: Trainer = train_in_a_child_process) -> None:
        self.config = config or ForUserConfig()
        self.trainer = trainer

    def train(self, ratings: pd.DataFrame, source: DataSource,
              ctx: BuildContext) -> TrainedModels:
        """Fit on any ratings (evaluation trains on splits); too few is said before TensorFlow
        starts, naming the file."""
        if len(ratings) < MIN_RATINGS:
            raise DataError(f"{source.origin('ratings')}: the collaborative model needs at "
                            f"least {MIN_RATINGS} ratings to train and validate on, and there "
                            f"are {len(ratings)}; use a complete ratings file")
        return self.trainer(ratings, self.config, ctx)

    def build(self, catalog: Catalog, source: DataSource,
              ctx: BuildContext) -> CollaborativeRecommender:
        from tui_recsys.engine.collaborative import CollaborativeRecommender

        trained = self.train(catalog.ratings, source, ctx)
        return CollaborativeRecommender.serving(trained, catalog, catalog.ratings)

    def save(self, model: CollaborativeRecommender, folder: Path) -> None:
        model.save(folder)

    def load(self, folder: Path) -> CollaborativeRecommender:
        from tui_recsys.engine.collaborative import CollaborativeRecommender

        return CollaborativeRecommender.load(folder)

    def answer(self, model: CollaborativeRecommender, ask: Ask) -> Answer:
        if ask.user_id is None:
            raise UsageError(f"{self.name} needs a user: pass --user ID")
        picks = model.picks(ask.user_id, ask.k)
        return Answer(picks.picks, picks.favourites, f"User {picks.user_id} rated highest",
                      training=model.trained.factors.history)
