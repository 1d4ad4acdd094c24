"""The registry: every strategy, in the order of its key. The Engine, the command line and the
app iterate over it; adding a strategy is a module here and a line below."""

from __future__ import annotations

from tui_recsys.engine.strategies.by_ratings import ByRatings
from tui_recsys.engine.strategies.cast import Cast
from tui_recsys.engine.strategies.chart import Chart
from tui_recsys.engine.strategies.for_user import ForUser, Trainer
from tui_recsys.engine.strategies.for_you import ForYou
from tui_recsys.engine.strategies.person import Person
from tui_recsys.engine.strategies.story import Story
from tui_recsys.engine.strategies.strategy import Strategy
from tui_recsys.engine.strategies.together import Together
from tui_recsys.engine.training.config import ForUserConfig, RatingParams

STRATEGIES: tuple[type[Strategy], ...] = (Chart, Story, Cast, ForUser, ByRatings, ForYou,
                                          Person, Together)


def default_strategies(*, rating: RatingParams | None = None,
                       trainer: Trainer | None = None) -> tuple[Strategy, ...]:
    """One of each, with default settings unless told (tests train fast or not at all)."""
    config = ForUserConfig(rating=rating) if rating else ForUserConfig()
    for_user = ForUser(config, trainer)
    return (Chart(), Story(), Cast(), for_user, ByRatings(config), ForYou(config), Person(),
            Together(config))
