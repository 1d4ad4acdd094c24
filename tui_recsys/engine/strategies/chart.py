"""Top charts: the tutorial's demographic recommender, IMDB's weighted rating over TMDB 5000
(or, in data without it, over MovieLens' ratings)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.engine.settings import ChartConfig
from tui_recsys.engine.strategies.base import Answer, Ask, Strategy

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.base import BuildContext
    from tui_recsys.engine.demographic import DemographicChart


class Chart(Strategy["DemographicChart"]):
    name: ClassVar[str] = "chart"
    aliases: ClassVar[tuple[str, ...]] = ("demographic",)  # its name until 0.2
    key: ClassVar[str] = "1"
    summary: ClassVar[str] = "the best-rated movies, by IMDB's weighted rating of votes"
    filterable: ClassVar[bool] = True
    format: ClassVar[int] = 2  # of its cache entry: raise it when what the entry holds changes

    def __init__(self, config: ChartConfig | None = None) -> None:
        self.config = config or ChartConfig()

    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> DemographicChart:
        from tui_recsys.engine.demographic import DemographicChart, chart_rows

        rows, counted = chart_rows(catalog)
        return DemographicChart(rows, self.config.quantile, counted)

    def save(self, model: DemographicChart, folder: Path) -> None:
        model.save(folder)

    def load(self, folder: Path) -> DemographicChart:
        from tui_recsys.engine.demographic import DemographicChart

        return DemographicChart.load(folder, self.config.quantile)

    def answer(self, model: DemographicChart, ask: Ask) -> Answer:
        return Answer(model.chart(ask.k, ask.chart_filter))
