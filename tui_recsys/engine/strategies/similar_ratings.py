"""Similar by ratings: the movies the same people chose, by the ranking model's movie
embeddings, so every MovieLens movie has a "more like this", including the thousands that
TMDB 5000 lacks (no story or cast to compare there)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from tui_recsys.data.sources import MOVIELENS
from tui_recsys.engine.settings import ForUserConfig
from tui_recsys.engine.strategies.base import Answer, Ask, Need, Strategy
from tui_recsys.engine.strategies.for_user import ForUser
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.base import BuildContext
    from tui_recsys.engine.collaborative import RatedNeighbours


class SimilarByRatings(Strategy["RatedNeighbours"]):
    name: ClassVar[str] = "by-ratings"
    aliases: ClassVar[tuple[str, ...]] = ("similar-ratings",)  # its name until 0.2
    key: ClassVar[str] = "5"
    summary: ClassVar[str] = "movies chosen by the same people, from their ratings"
    requires: ClassVar[tuple[str, ...]] = (MOVIELENS,)
    requires_for: ClassVar[str] = "it compares what MovieLens users chose"
    needs: ClassVar[Need] = Need.RATED_MOVIE
    derived_from: ClassVar[tuple[str, ...]] = (ForUser.name,)
    config: ForUserConfig

    def __init__(self, config: ForUserConfig | None = None) -> None:
        self.config = config or ForUserConfig()  # the model it derives from is keyed by it

    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> RatedNeighbours:
        raise NotImplementedError(f"{self.name} is derived from {ForUser.name}")

    def derive(self, base: object) -> RatedNeighbours:
        from tui_recsys.engine.collaborative import CollaborativeRecommender, RatedNeighbours

        assert isinstance(base, CollaborativeRecommender)
        return RatedNeighbours(base)

    def answer(self, model: RatedNeighbours, ask: Ask) -> Answer:
        if ask.movielens_id is None:
            raise UsageError(f"{self.name} needs a MovieLens movie: pass --movie TITLE or "
                             f"--movie-id ID (a MovieLens id)")
        return Answer(model.similar(ask.movielens_id, ask.k))
