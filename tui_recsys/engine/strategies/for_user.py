"""For this user: picks ordered by a ranking model learnt from what people chose to rate
(`models.ranking_model`), each with its predicted stars from the tutorial's collaborative
model, a Keras matrix factorisation with user and movie embeddings (size 50) and biases, its
batch defect fixed (see `training.networks`).

Both train in one child process (`training.process`); what is cached and served is plain
arrays (`models.for_user_model`), so answering never imports TensorFlow.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.data.sources import MOVIELENS
from tui_recsys.engine.answer import Answer
from tui_recsys.engine.question import Ask, History, Need
from tui_recsys.engine.strategies.strategy import Built
from tui_recsys.engine.training.config import MIN_RATINGS, ForUserConfig
from tui_recsys.errors import DataError, UsageError

if TYPE_CHECKING:
    import pandas as pd

    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.models.for_user_model import Factors, ForUserModel, TrainedModels

Trainer = Callable[["pd.DataFrame", ForUserConfig, "BuildContext"], "TrainedModels"]
StarsTrainer = Callable[["pd.DataFrame", ForUserConfig, "BuildContext"], "Factors"]


def train_in_a_child_process(ratings: pd.DataFrame, params: ForUserConfig,
                             ctx: BuildContext) -> TrainedModels:
    from tui_recsys.engine.training.process import train_in_child

    return train_in_child(ratings, params, ctx)


def stars_in_a_child_process(ratings: pd.DataFrame, params: ForUserConfig,
                             ctx: BuildContext) -> Factors:
    from tui_recsys.engine.training.process import stars_in_child

    return stars_in_child(ratings, params, ctx)


class ForUser(Built["ForUserModel", ForUserConfig]):
    name: ClassVar[str] = "for-user"
    aliases: ClassVar[tuple[str, ...]] = ("collaborative",)  # its name until 0.2
    key: ClassVar[str] = "4"
    summary: ClassVar[str] = "a MovieLens user's picks, from what people like them chose"
    requires: ClassVar[tuple[str, ...]] = (MOVIELENS,)
    requires_for: ClassVar[str] = "it learns from MovieLens ratings"
    needs: ClassVar[Need] = Need.USER
    leaves_out_yours: ClassVar[bool] = False  # a MovieLens user's picks, not yours
    format: ClassVar[int] = 6  # 5: EASE's item weights beside the network; 6: its matrices mapped

    def __init__(self, config: ForUserConfig | None = None,
                 trainer: Trainer | None = None) -> None:
        super().__init__(config or ForUserConfig())
        self.trainer, self.stars_trainer = ((train_in_a_child_process, stars_in_a_child_process)
                                            if trainer is None else (trainer, _stars_of(trainer)))

    def train(self, ratings: pd.DataFrame, source: DataSource,
              ctx: BuildContext) -> TrainedModels:
        """Fit on any ratings (evaluation trains on splits)."""
        _enough(ratings, source)
        return self.trainer(ratings, self.config, ctx)

    def train_stars(self, ratings: pd.DataFrame, source: DataSource,
                    ctx: BuildContext) -> Factors:
        """The rating model alone, a third of `train`'s time: all that an RMSE reads."""
        _enough(ratings, source)
        return self.stars_trainer(ratings, self.config, ctx)

    def reads(self) -> frozenset[str]:
        """Ratings, and the titles picks are named by: no TMDB detail, so that a change there
        keeps the twenty minutes of training at ml-32m's shape."""
        return frozenset({"ratings.user_id", "ratings.movie_id", "ratings.rating",
                          "ml_movies.movie_id", "ml_movies.title", "ml_movies.year",
                          "ml_movies.tmdb_id", "movies.id", "movies.title", "movies.year"})

    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> ForUserModel:
        from tui_recsys.engine.building.for_user_build import serving_model

        trained = self.train(catalog.ratings, source, ctx)
        return serving_model(trained, catalog, catalog.ratings)

    def save(self, model: ForUserModel, folder: Path) -> None:
        model.save(folder)

    def load(self, folder: Path) -> ForUserModel:
        from tui_recsys.engine.models.for_user_model import ForUserModel

        return ForUserModel.load(folder)

    def answer(self, model: ForUserModel, ask: Ask) -> Answer:
        if ask.user_id is None:
            raise UsageError(f"{self.name} needs a user: pass --user ID")
        picks = model.picks(ask.user_id, ask.k, allowed=ask.allowed)
        return Answer(picks.picks, picks.favourites, f"User {picks.user_id} rated highest",
                      training=model.trained.factors.history)

    def histories(self, model: ForUserModel, ask: Ask) -> tuple[History, ...]:
        return () if ask.user_id is None else (model.history(ask.user_id),)


def _enough(ratings: pd.DataFrame, source: DataSource) -> None:
    """Too few ratings, said before TensorFlow starts, naming the file."""
    if len(ratings) < MIN_RATINGS:
        raise DataError(f"{source.origin('ratings')}: the collaborative model needs at least "
                        f"{MIN_RATINGS} ratings to train and validate on, and there are "
                        f"{len(ratings)}; use a complete ratings file")


def _stars_of(trainer: Trainer) -> StarsTrainer:
    """A stand-in trainer's (the tests'): the stars of the models it makes."""
    return lambda ratings, params, ctx: trainer(ratings, params, ctx).factors
