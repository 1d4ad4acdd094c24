"""What workers and panes tell the main screen, as typed messages: a worker never calls into
the screen, and the screen never routes on a worker's name."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui_recsys.engine.catalog.entries import MovieEntry, UserEntry
from tui_recsys.engine.catalog.index import CatalogIndex
from tui_recsys.engine.models.recommendation import Recommendation
from tui_recsys.engine.question import Answer, ChartFilter
from tui_recsys.engine.strategies.strategy import Strategy


@dataclass(frozen=True)
class Query:
    """Everything the results depend on; an answer to an older query is dropped."""

    strategy: Strategy
    movie: MovieEntry | None
    user: UserEntry | None
    chart_filter: ChartFilter
    yours: str | None = None  # your ratings are listed instead, in this order


@dataclass
class CatalogReady(Message):
    index: CatalogIndex
    genres: list[str]


@dataclass
class LoadFailed(Message):
    error: BaseException


@dataclass
class ModelsLoaded(Message):
    """The background load of cached models is done (it may have warned)."""


@dataclass
class BuildProgress(Message):
    strategy: Strategy | None  # None: the catalogue itself
    message: str
    fraction: float | None  # None: a phase whose length nobody knows


@dataclass
class BuildFinished(Message):
    strategy: Strategy
    rebuild: bool


@dataclass
class BuildFailed(Message):
    strategy: Strategy
    rebuild: bool
    error: BaseException  # Cancelled when the user stopped it


@dataclass
class ResultsReady(Message):
    query: Query
    answer: Answer


@dataclass
class QueryFailed(Message):
    query: Query
    error: BaseException


@dataclass
class MoviePicked(Message):
    entry: MovieEntry


@dataclass
class UserPicked(Message):
    entry: UserEntry


@dataclass
class MovieHighlighted(Message):
    """A movie the user is looking at (a list row or a result), with why it is there."""

    entry: MovieEntry
    why: str | None = None


@dataclass
class UserHighlighted(Message):
    entry: UserEntry


@dataclass
class ResultPicked(Message):
    item: Recommendation


@dataclass
class ResultHighlighted(Message):
    item: Recommendation


@dataclass
class FilterChanged(Message):
    chart_filter: ChartFilter
