"""For you: picks for the person at the keyboard, from their own ratings (the profile), folded
into the trained models with no retraining, and blended with "more like this" and popularity
(`for_you` says how)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from tui_recsys.data.sources import MOVIELENS
from tui_recsys.engine.settings import ForUserConfig
from tui_recsys.engine.strategies.base import Answer, Ask, Need, Strategy
from tui_recsys.engine.strategies.cast_crew import SimilarCastCrew
from tui_recsys.engine.strategies.chart import Chart
from tui_recsys.engine.strategies.for_user import ForUser
from tui_recsys.engine.strategies.story import SimilarStory

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.base import BuildContext
    from tui_recsys.engine.for_you import ForYouBlend


class ForYou(Strategy["ForYouBlend"]):
    name: ClassVar[str] = "for-you"
    key: ClassVar[str] = "6"
    summary: ClassVar[str] = ("your ratings folded in: people like you, stories you liked, "
                              "what is popular")
    requires: ClassVar[tuple[str, ...]] = (MOVIELENS,)
    requires_for: ClassVar[str] = ("it folds your ratings into models learnt from MovieLens "
                                   "ratings")
    needs: ClassVar[Need] = Need.PROFILE
    derived_from: ClassVar[tuple[str, ...]] = (ForUser.name, SimilarStory.name,
                                               SimilarCastCrew.name, Chart.name)
    config: ForUserConfig

    def __init__(self, config: ForUserConfig | None = None) -> None:
        self.config = config or ForUserConfig()  # the models it folds into are keyed by it

    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> ForYouBlend:
        raise NotImplementedError(f"{self.name} is derived from {', '.join(self.derived_from)}")

    def derive(self, *bases: object) -> ForYouBlend:
        from tui_recsys.engine.for_you import ForYouBlend

        return ForYouBlend(*bases)  # type: ignore[arg-type]

    def answer(self, model: ForYouBlend, ask: Ask) -> Answer:
        items, note = model.answer(ask.ratings, ask.k)
        return Answer(items, note=note)
