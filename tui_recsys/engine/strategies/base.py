"""What a strategy is: everything the Engine, the command line and the app need to know about
one way of recommending, declared in one place.

Declarations are light on purpose (no numpy, pandas or scikit-learn here): the command line
reads them to build its parser, and `tui-recsys --help` must not wait for the heavy imports
that only building or answering needs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from tui_recsys.engine.settings import ChartFilter

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.profile import Rated
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.base import BuildContext, Recommendation

Model = TypeVar("Model")


class Need(StrEnum):
    """What a strategy must be given before it can answer."""

    NOTHING = "nothing"
    MOVIE = "movie"  # a TMDB movie, by id
    RATED_MOVIE = "rated movie"  # a MovieLens movie, by id: one people rated
    USER = "user"  # a MovieLens user, by id
    PROFILE = "profile"  # your own ratings

    @property
    def movie(self) -> bool:
        return self in (Need.MOVIE, Need.RATED_MOVIE)

    @property
    def catalogue(self) -> str:
        """Whose ids and titles a movie need is given in."""
        return "MovieLens" if self is Need.RATED_MOVIE else "TMDB"


@dataclass(frozen=True)
class Ask:
    """A question for any strategy; each reads the part its `needs` names."""

    k: int = 10
    movie_id: int | None = None  # TMDB
    movielens_id: int | None = None
    user_id: int | None = None
    chart_filter: ChartFilter = field(default_factory=ChartFilter)
    ratings: tuple[Rated, ...] = ()  # yours, for a strategy that needs a profile


@dataclass(frozen=True)
class Answer:
    items: list[Recommendation]
    favourites: list[Recommendation] = field(default_factory=list)
    favourites_title: str = ""
    note: str = ""  # why the list is short or empty, when it is
    training: dict[str, object] | None = None  # how the model learnt, where it was trained


class Strategy(ABC, Generic[Model]):
    """One way of recommending. `Model` is what it builds, caches and answers from.

    Its model is cached in an entry keyed by its name, its `config` (a frozen dataclass)
    and its `format`, so changing any of them never reuses a stale model; one `derived_from`
    another is computed from that one's model when first asked, and never cached.
    """

    name: ClassVar[str]  # its one name: tab, subcommand, JSON, help and cache entry's kind
    aliases: ClassVar[tuple[str, ...]] = ()  # names it once had, still understood
    key: ClassVar[str]  # the app's key
    summary: ClassVar[str]  # what it gives, in a line (headings, help screen, --help)
    needs: ClassVar[Need] = Need.NOTHING
    filterable: ClassVar[bool] = False  # takes a genre and a year range
    format: ClassVar[int] = 1  # of its cache entry: raise it when what the entry holds changes
    derived_from: ClassVar[tuple[str, ...]] = ()  # computed from these strategies' models
    requires: ClassVar[tuple[str, ...]] = ()  # the catalogues it cannot answer without
    requires_for: ClassVar[str] = ""  # what it does with them, for the message when absent
    config: object

    def params(self) -> dict[str, object]:
        return asdict(self.config)  # type: ignore[call-overload]

    @abstractmethod
    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> Model:
        """Build the model from the catalogue, reporting progress and stopping through ctx."""

    def derive(self, *bases: object) -> Model:
        """The model, computed from `derived_from`'s (in moments, so never cached)."""
        raise NotImplementedError(f"{self.name} is not derived")

    def save(self, model: Model, folder: Path) -> None:
        raise NotImplementedError(f"{self.name} is derived, never cached")

    def load(self, folder: Path) -> Model:
        """The saved model, from its entry alone (a warm answer never reads the catalogue);
        anything malformed raises (OSError, ValueError, KeyError, TypeError), and the cache
        rebuilds it."""
        raise NotImplementedError(f"{self.name} is derived, never cached")

    @abstractmethod
    def answer(self, model: Model, ask: Ask) -> Answer:
        """The top `ask.k`; a missing or unknown movie or user is a UsageError."""
