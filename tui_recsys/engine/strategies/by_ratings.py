"""By ratings: the movies the same people chose, by the ranking model's movie embeddings, so
every MovieLens movie has a "more like this", including the thousands that TMDB 5000 lacks (no
story or cast to compare there)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.data.sources import MOVIELENS
from tui_recsys.engine.answer import Answer
from tui_recsys.engine.question import Ask, Need
from tui_recsys.engine.strategies.for_user import ForUser
from tui_recsys.engine.strategies.strategy import Derived
from tui_recsys.engine.training.config import ForUserConfig
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    from tui_recsys.engine.models.by_ratings_model import ByRatingsModel
    from tui_recsys.engine.models.for_user_model import ForUserModel


class ByRatings(Derived["ByRatingsModel", ForUserConfig]):
    name: ClassVar[str] = "by-ratings"
    aliases: ClassVar[tuple[str, ...]] = ("similar-ratings",)  # its name until 0.2
    key: ClassVar[str] = "5"
    summary: ClassVar[str] = "movies chosen by the same people, from their ratings"
    requires: ClassVar[tuple[str, ...]] = (MOVIELENS,)
    requires_for: ClassVar[str] = "it compares what MovieLens users chose"
    needs: ClassVar[Need] = Need.RATED_MOVIE
    derived_from: ClassVar[Mapping[str, str]] = {"for_user": ForUser.name}

    def __init__(self, config: ForUserConfig | None = None) -> None:
        super().__init__(config or ForUserConfig())  # the model it derives from is keyed by it

    def derive(self, *, for_user: ForUserModel | None) -> ByRatingsModel:
        from tui_recsys.engine.models.by_ratings_model import ByRatingsModel

        if for_user is None:
            raise UsageError(f"{self.name} needs the {ForUser.name} model, which this data "
                             f"cannot build")
        return ByRatingsModel(for_user)

    def answer(self, model: ByRatingsModel, ask: Ask) -> Answer:
        if ask.movielens_id is None:
            raise UsageError(f"{self.name} needs a MovieLens movie: pass --movie TITLE or "
                             f"--movielens-id ID")
        return Answer(model.similar(ask.movielens_id, ask.k, ask.allowed))
