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

from tui_recsys.errors import UsageError
from tui_recsys.text import echo

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.base import BuildContext, Recommendation

Model = TypeVar("Model")


class Need(StrEnum):
    """What a strategy must be given before it can answer."""

    NOTHING = "nothing"
    MOVIE = "movie"  # a TMDB movie, by id
    USER = "user"  # a MovieLens user, by id


@dataclass(frozen=True)
class ChartFilter:
    genre: str | None = None
    years: tuple[int | None, int | None] = (None, None)

    @property
    def active(self) -> bool:
        return self.genre is not None or self.years != (None, None)

    def describe(self) -> str:
        parts = [self.genre] if self.genre else []
        low, high = self.years
        if low is not None or high is not None:
            parts.append(f"{low or ''}-{high or ''}" if low != high else str(low))
        return ", ".join(parts)


def parse_years(text: str) -> tuple[int | None, int | None]:
    """'1990-1999', '1990-', '-1979' or '1994' as an inclusive range."""
    low, sep, high = text.strip().partition("-")
    try:
        first = int(low) if low.strip() else None
        last = int(high) if high.strip() else None
    except ValueError:
        raise UsageError(f"years {echo(text)} is not a range like 1990-1999, 1990- or "
                         f"1994") from None
    if not sep:
        last = first
    if first is not None and last is not None and first > last:
        raise UsageError(f"years {echo(text)} runs backwards; write the earlier year first")
    return first, last


@dataclass(frozen=True)
class Ask:
    """A question for any strategy; each reads the part its `needs` names."""

    k: int = 10
    movie_id: int | None = None
    user_id: int | None = None
    chart_filter: ChartFilter = field(default_factory=ChartFilter)


@dataclass(frozen=True)
class Answer:
    items: list[Recommendation]
    favourites: list[Recommendation] = field(default_factory=list)
    favourites_title: str = ""
    note: str = ""  # why the list is short or empty, when it is


class Strategy(ABC, Generic[Model]):
    """One way of recommending. `Model` is what it builds, caches and answers from.

    A strategy with a `format` is cached: its entry is keyed by its name, its `config`
    (a frozen dataclass) and that format, so changing any of them never reuses a stale model.
    One without is recomputed from the catalogue (it is cheaper than reading a file).
    """

    name: ClassVar[str]  # its command-line name, and its cache entry's kind
    key: ClassVar[str]  # the app's key
    label: ClassVar[str]  # the app's tab
    summary: ClassVar[str]  # how it works, in a line (help screen, --help)
    needs: ClassVar[Need] = Need.NOTHING
    filterable: ClassVar[bool] = False  # takes a genre and a year range
    format: ClassVar[int | None] = None

    config: object

    def params(self) -> dict[str, object]:
        return asdict(self.config)  # type: ignore[call-overload]

    @abstractmethod
    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> Model:
        """Build the model from the catalogue, reporting progress and stopping through ctx."""

    def save(self, model: Model, folder: Path) -> None:
        raise NotImplementedError(f"{self.name} is not cached")

    def load(self, folder: Path, catalog: Catalog) -> Model:
        """The saved model; anything malformed raises (OSError, ValueError, KeyError,
        TypeError), and the cache rebuilds it."""
        raise NotImplementedError(f"{self.name} is not cached")

    @abstractmethod
    def answer(self, model: Model, ask: Ask) -> Answer:
        """The top `ask.k`; a missing or unknown movie or user is a UsageError."""
