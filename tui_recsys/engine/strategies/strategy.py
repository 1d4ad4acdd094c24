"""What a strategy is: everything the Engine, the command line and the app need to know about
one way of recommending, declared in one place.

Declarations are light on purpose (no numpy, pandas or scikit-learn here): the command line
reads them to build its parser, and `tui-recsys --help` must not wait for the heavy imports
that only building or answering needs. Two kinds: a `Built` strategy builds its model from
the catalogue and caches it; a `Derived` one computes its model, in moments, from the models
of other strategies, which it names.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from tui_recsys.data.catalog import ALL_COLUMNS
from tui_recsys.engine.answer import Answer
from tui_recsys.engine.question import Ask, History, MovieFilter, Need

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.build_context import BuildContext

Model = TypeVar("Model")
Config = TypeVar("Config", bound="DataclassInstance")


class Strategy(ABC, Generic[Model, Config]):
    """One way of recommending. `Model` is what it answers from; `Config` (a frozen
    dataclass) is how it is configured, and keys the model in the cache with its name, so a
    changed setting never reuses a stale model."""

    name: ClassVar[str]  # its one name: tab, subcommand, JSON, help and cache entry's kind
    aliases: ClassVar[tuple[str, ...]] = ()  # names it once had, still understood
    key: ClassVar[str]  # the app's key
    summary: ClassVar[str]  # what it gives, in a line (headings, help screen, --help)
    needs: ClassVar[Need] = Need.NOTHING
    requires: ClassVar[tuple[str, ...]] = ()  # the catalogues it cannot answer without
    requires_for: ClassVar[str] = ""  # what it does with them, for the message when absent
    leaves_out_yours: ClassVar[bool] = True  # what you rated, saw or hid (`Ask.left_out`)
    says_sequels: ClassVar[bool] = True  # a personal list's sequel says which film is first

    def __init__(self, config: Config) -> None:
        self.config = config

    def params(self) -> dict[str, object]:
        return asdict(self.config)

    def unfiltered(self, movie_filter: MovieFilter) -> MovieFilter:
        """The part of `movie_filter` this strategy's answer does not apply itself, which the
        Engine applies to it: all of it, unless a strategy reads some of it."""
        return movie_filter

    @abstractmethod
    def answer(self, model: Model, ask: Ask) -> Answer:
        """The top `ask.k`; a missing or unknown movie or user is a UsageError."""

    def histories(self, model: Model, ask: Ask) -> tuple[History, ...] | None:
        """Of a personal list, the history of each person it is for (`catalog.sequels`: a
        sequel says which film comes first where nobody began its series, and is left out
        where someone began it and disliked it); None for a list that is nobody's (a chart,
        "more like this")."""
        return None

    def lighter(self, ask: Ask) -> Strategy | None:
        """A strategy that answers `ask` exactly as this one would, from less to build (For
        you with no ratings: its list to rate first, from the chart), or None."""
        return None


class Built(Strategy[Model, Config]):
    """A strategy whose model is built from the catalogue and kept in its own cache entry."""

    format: ClassVar[int] = 1  # of its cache entry: raise it when what the entry holds changes

    def reads(self) -> frozenset[str]:
        """The catalogue's columns ("table.column") its build reads: its cache entry is kept
        when the catalogue's format changes others only (`catalog.format_read`). A test builds
        each strategy from those columns alone."""
        return ALL_COLUMNS

    @abstractmethod
    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> Model:
        """Build the model from the catalogue, reporting progress and stopping through ctx."""

    @abstractmethod
    def save(self, model: Model, folder: Path) -> None:
        """Write the model into its (new, empty) cache entry's folder."""

    @abstractmethod
    def load(self, folder: Path) -> Model:
        """The saved model, from its entry alone (a warm answer never reads the catalogue);
        anything malformed raises (OSError, ValueError, KeyError, TypeError), and the cache
        rebuilds it."""


class Derived(Strategy[Model, Config]):
    """A strategy computed from other strategies' models when first asked, never cached: it
    costs moments, and caching it would only duplicate what its sources hold."""

    derived_from: ClassVar[Mapping[str, str]]  # derive's parameter -> the strategy's name

    @abstractmethod
    def derive(self, **models: Any) -> Model:
        """The model, from each source's model by the parameter `derived_from` gives it;
        None for a source this data cannot build."""
