"""For you before you have rated anything: a list to rate first (`ChartModel.to_rate_first`),
which needs the chart alone. For you hands a question with no ratings to it (`Strategy.lighter`), so
that a newcomer sees it at once instead of after the first training, which goes on behind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.engine.answer import Answer
from tui_recsys.engine.question import Ask, History, Need, history_of
from tui_recsys.engine.strategies.chart import Chart, ChartConfig
from tui_recsys.engine.strategies.strategy import Derived

if TYPE_CHECKING:
    from tui_recsys.engine.models.chart_model import ChartModel


class RateFirst(Derived["ChartModel", ChartConfig]):
    """Not in the registry: no key, tab or subcommand of its own; For you's, when it is the
    lighter way to answer."""

    name: ClassVar[str] = "rate-first"
    key: ClassVar[str] = ""
    summary: ClassVar[str] = "popular movies across genres and decades, to rate first"
    needs: ClassVar[Need] = Need.PROFILE
    derived_from: ClassVar[Mapping[str, str]] = {"chart": Chart.name}
    # A list to rate asks what you saw: which film of a series comes first is no news there.
    says_sequels: ClassVar[bool] = False

    def __init__(self) -> None:
        super().__init__(ChartConfig())

    def derive(self, *, chart: ChartModel | None) -> ChartModel:
        assert chart is not None  # For you, which hands it questions, needs the chart too
        return chart

    def histories(self, model: ChartModel, ask: Ask) -> tuple[History, ...]:
        """What you hid, as disliked: a newcomer who hid Star Wars was asked to rate The
        Empire Strikes Back first (`catalog.sequels`), which the quick start never asks."""
        return (history_of((), hidden=ask.hidden),)

    def answer(self, model: ChartModel, ask: Ask) -> Answer:
        from tui_recsys.engine.models.chart_model import RATE_FIRST

        return Answer(model.to_rate_first(ask.k, ask.not_seen), note=RATE_FIRST)
