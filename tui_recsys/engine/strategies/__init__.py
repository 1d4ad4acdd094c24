"""The registry: every strategy, in the order of its key. The Engine, the command line and the
app iterate over it; adding a strategy is a module here and a line below."""

from __future__ import annotations

from tui_recsys.engine.settings import CollaborativeParams, ForUserConfig
from tui_recsys.engine.strategies.base import Strategy
from tui_recsys.engine.strategies.cast_crew import SimilarCastCrew
from tui_recsys.engine.strategies.chart import Chart
from tui_recsys.engine.strategies.for_user import ForUser, Trainer
from tui_recsys.engine.strategies.for_you import ForYou
from tui_recsys.engine.strategies.similar_ratings import SimilarByRatings
from tui_recsys.engine.strategies.story import SimilarStory

KINDS: tuple[type[Strategy], ...] = (Chart, SimilarStory, SimilarCastCrew, ForUser,
                                     SimilarByRatings, ForYou)


def default_strategies(*, collaborative: CollaborativeParams | None = None,
                       trainer: Trainer | None = None) -> tuple[Strategy, ...]:
    """One of each, with default settings unless told (tests train fast or not at all)."""
    config = ForUserConfig(rating=collaborative) if collaborative else ForUserConfig()
    for_user = ForUser(config, trainer) if trainer else ForUser(config)
    return (Chart(), SimilarStory(), SimilarCastCrew(), for_user, SimilarByRatings(config),
            ForYou(config))
