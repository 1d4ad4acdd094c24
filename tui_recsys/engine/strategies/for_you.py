"""For you: picks for the person at the keyboard, from their own ratings (the profile), folded
into the trained models with no retraining, and blended with "more like this" and popularity
(`models.for_you_model` says how)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.data.sources import MOVIELENS
from tui_recsys.engine.answer import Answer
from tui_recsys.engine.question import Ask, History, Need, history_of
from tui_recsys.engine.strategies.cast import Cast
from tui_recsys.engine.strategies.chart import Chart
from tui_recsys.engine.strategies.for_user import ForUser
from tui_recsys.engine.strategies.story import Story
from tui_recsys.engine.strategies.strategy import Derived, Strategy
from tui_recsys.engine.training.config import ForUserConfig
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    from tui_recsys.engine.models.chart_model import ChartModel
    from tui_recsys.engine.models.for_user_model import ForUserModel
    from tui_recsys.engine.models.for_you_model import ForYouModel
    from tui_recsys.engine.models.similar_model import SimilarModel


class ForYou(Derived["ForYouModel", ForUserConfig]):
    name: ClassVar[str] = "for-you"
    key: ClassVar[str] = "6"
    summary: ClassVar[str] = ("your ratings folded in: people like you, stories you liked, "
                              "what is popular")
    requires: ClassVar[tuple[str, ...]] = (MOVIELENS,)
    requires_for: ClassVar[str] = ("it folds your ratings into models learnt from MovieLens "
                                   "ratings")
    needs: ClassVar[Need] = Need.PROFILE
    derived_from: ClassVar[Mapping[str, str]] = {
        "for_user": ForUser.name, "story": Story.name, "cast": Cast.name, "chart": Chart.name}

    def __init__(self, config: ForUserConfig | None = None) -> None:
        super().__init__(config or ForUserConfig())  # the models it folds into are keyed by it

    def derive(self, *, for_user: ForUserModel | None, story: SimilarModel | None,
               cast: SimilarModel | None, chart: ChartModel | None) -> ForYouModel:
        """`story` and `cast` are None in data without TMDB 5000: no content signal then."""
        from tui_recsys.engine.models.for_you_model import ForYouModel

        if for_user is None or chart is None:
            raise UsageError(f"{self.name} needs the {ForUser.name} and {Chart.name} models, "
                             f"which this data cannot build")
        return ForYouModel(for_user=for_user, story=story, cast=cast, chart=chart)

    def histories(self, model: ForYouModel, ask: Ask) -> tuple[History, ...]:
        return (history_of(ask.ratings, ask.seen, ask.hidden),)

    def lighter(self, ask: Ask) -> Strategy | None:
        """With no ratings and nothing marked seen, the answer is the list to rate first: the
        chart's alone."""
        from tui_recsys.engine.strategies.rate_first import RateFirst

        return None if ask.ratings or ask.seen else RateFirst()

    def answer(self, model: ForYouModel, ask: Ask) -> Answer:
        items, note = model.answer(ask.ratings, ask.k, ask.not_seen, ask.seen, ask.rater,
                                   ask.allowed, ask.discovery)
        return Answer(items, note=note)
