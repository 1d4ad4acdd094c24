"""Top charts: the tutorial's demographic recommender, IMDB's weighted rating over TMDB 5000
(or, in data without it, over MovieLens' ratings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.data.catalog import LABELS
from tui_recsys.engine.answer import Answer
from tui_recsys.engine.question import Ask, MovieFilter
from tui_recsys.engine.strategies.strategy import Built

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.models.chart_model import ChartModel


@dataclass(frozen=True)
class ChartConfig:
    quantile: float = 0.9  # m, the votes a movie needs, is this quantile of vote counts


class Chart(Built["ChartModel", ChartConfig]):
    name: ClassVar[str] = "chart"
    aliases: ClassVar[tuple[str, ...]] = ("demographic",)  # its name until 0.2
    key: ClassVar[str] = "1"
    summary: ClassVar[str] = "the best-rated movies, by IMDB's weighted rating of votes"
    format: ClassVar[int] = 3  # 3: each movie's runtime and language

    def __init__(self, config: ChartConfig | None = None) -> None:
        super().__init__(config or ChartConfig())

    def reads(self) -> frozenset[str]:
        return LABELS | {"movies.genres", "movies.vote_count", "movies.vote_average",
                         "movies.runtime", "movies.language", "ml_movies.title",
                         "ml_movies.year", "ml_movies.genres", "ratings.movie_id",
                         "ratings.rating"}

    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> ChartModel:
        from tui_recsys.engine.building.chart_build import chart_rows
        from tui_recsys.engine.models.chart_model import ChartModel

        rows, counted = chart_rows(catalog)
        return ChartModel(rows, self.config.quantile, counted)

    def save(self, model: ChartModel, folder: Path) -> None:
        model.save(folder)

    def load(self, folder: Path) -> ChartModel:
        from tui_recsys.engine.models.chart_model import ChartModel

        return ChartModel.load(folder, self.config.quantile)

    def unfiltered(self, movie_filter: MovieFilter) -> MovieFilter:
        """The chart charts a genre, years, runtimes and a language itself, with their own C
        and m; only the votes are left to the Engine."""
        return MovieFilter(min_votes=movie_filter.min_votes)

    def answer(self, model: ChartModel, ask: Ask) -> Answer:
        items = model.chart(ask.k, ask.chart_filter)
        return Answer(items, short=model.charted(ask.chart_filter) if len(items) < ask.k else "")
