"""A person's films: someone of a film's cast or its director, and every film of theirs in
TMDB 5000, best first by IMDB's weighted rating (as the chart ranks)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.data.catalog import LABELS
from tui_recsys.data.sources import TMDB
from tui_recsys.engine.answer import Answer
from tui_recsys.engine.question import Ask, Need
from tui_recsys.engine.strategies.strategy import Built
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.models.person_model import PersonModel


def films_of(person: str) -> str:
    """What a person's list is, in the app's heading and on the command line: their films
    in TMDB 5000 alone, as MovieLens credits no one (My Neighbor Totoro, which MovieLens has,
    is not among Hayao Miyazaki's)."""
    return f"the films of {person} in {Need.MOVIE.collection}"


@dataclass(frozen=True)
class PersonConfig:
    quantile: float = 0.9  # m, as the chart's: this quantile of every movie's votes


class Person(Built["PersonModel", PersonConfig]):
    name: ClassVar[str] = "person"
    key: ClassVar[str] = "7"
    summary: ClassVar[str] = "a director's or an actor's films, best rated first"
    requires: ClassVar[tuple[str, ...]] = (TMDB,)
    requires_for: ClassVar[str] = "it reads TMDB 5000's cast and directors"
    needs: ClassVar[Need] = Need.PERSON

    def __init__(self, config: PersonConfig | None = None) -> None:
        super().__init__(config or PersonConfig())

    def reads(self) -> frozenset[str]:
        return LABELS | {"movies.director", "movies.cast", "movies.vote_count",
                         "movies.vote_average"}

    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> PersonModel:
        from tui_recsys.engine.building.person_build import person_rows
        from tui_recsys.engine.models.person_model import PersonModel

        return PersonModel(person_rows(catalog), self.config.quantile)

    def save(self, model: PersonModel, folder: Path) -> None:
        model.save(folder)

    def load(self, folder: Path) -> PersonModel:
        from tui_recsys.engine.models.person_model import PersonModel

        return PersonModel.load(folder, self.config.quantile)

    def answer(self, model: PersonModel, ask: Ask) -> Answer:
        if not ask.person or not ask.person.strip():
            raise UsageError(f"{self.name} needs a name: pass --name \"Keanu Reeves\"")
        return Answer(model.films(ask.person, ask.k))
