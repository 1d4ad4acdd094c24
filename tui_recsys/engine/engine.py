"""The Engine: the one door from the CLI and the app to the recommenders.

It builds each recommender on first use, reuses the cache on the next run, answers in plain
dataclasses, and is thread-safe: two threads asking for the same model wait for one build.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Generic, TypeVar

import pandas as pd

from tui_recsys.data.catalog import CATALOG_FORMAT, Catalog, load_catalog
from tui_recsys.data.sources import DataSource, open_source
from tui_recsys.data.titles import fold
from tui_recsys.engine import browse, collaborative, content
from tui_recsys.engine.base import BuildContext, Recommendation, optional_int
from tui_recsys.engine.browse import Browser
from tui_recsys.engine.collaborative import (
    CollaborativeParams,
    CollaborativeRecommender,
    Factors,
    UserPicks,
)
from tui_recsys.engine.content import ContentBy, ContentModel, ContentRecommender
from tui_recsys.engine.demographic import ChartFilter, DemographicChart
from tui_recsys.engine.store import Store, entry_name
from tui_recsys.errors import DataError, UsageError
from tui_recsys.text import echo, shorten

T = TypeVar("T")
Trainer = Callable[[pd.DataFrame, CollaborativeParams, BuildContext], Factors]
LOAD_FAILURES = (OSError, ValueError, KeyError, TypeError, IndexError)
"""What a damaged or foreign cache entry raises while it loads: it is rebuilt, never trusted."""


class _NotCached(Exception):
    """Where `load_cached` would have had to build."""


class Strategy(StrEnum):
    DEMOGRAPHIC = "demographic"
    OVERVIEW = "overview"
    METADATA = "metadata"
    COLLABORATIVE = "collaborative"


def _child_trainer(ratings: pd.DataFrame, params: CollaborativeParams,
                   ctx: BuildContext) -> Factors:
    from tui_recsys.engine.trainer import train_in_child

    return train_in_child(ratings, params, ctx)


@dataclass(frozen=True)
class Artefact(Generic[T]):
    """One cached thing: its entry's name and how to load, build and save it."""

    name: str
    load: Callable[[Path], T]
    build: Callable[[], T]
    save: Callable[[T, Path], None]


@dataclass(frozen=True)
class MovieChoice:
    """The TMDB movie a title resolved to, and a note when the choice was not obvious."""

    row: int
    movie_id: int
    title: str
    year: int | None
    note: str | None = None


class Engine:
    def __init__(self, store: Store, data_dir: Path | None = None, *,
                 collaborative_params: CollaborativeParams | None = None,
                 trainer: Trainer = _child_trainer) -> None:
        self.store = store
        self.data_dir = data_dir
        self._source: DataSource | None = None
        self._fingerprint: str | None = None
        self.collaborative_params = collaborative_params or CollaborativeParams()
        self._trainer = trainer
        self._memory: dict[str, object] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._loading_only = threading.local()

    @property
    def warnings(self) -> list[str]:
        return self.store.warnings

    def source(self) -> DataSource:
        with self._guard:
            if self._source is None:
                self._source = open_source(self.data_dir)
            return self._source

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = self.source().fingerprint()
        return self._fingerprint

    def _lock(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())

    def _entry(self, kind: str, params: dict[str, object], version: int) -> str:
        """Every entry is built from the catalogue, so its format keys them all."""
        return entry_name(kind, self.fingerprint(), {**params, "catalog": CATALOG_FORMAT},
                          version)

    def _memo(self, name: str, make: Callable[[], T]) -> T:
        """`make()` once per name, shared by every thread."""
        with self._lock(name):
            if name not in self._memory:
                self._memory[name] = make()
            return self._memory[name]  # type: ignore[return-value]

    def _cached(self, artefact: Artefact[T]) -> T:
        name = artefact.name
        with self._lock(name):
            if name in self._memory:
                return self._memory[name]  # type: ignore[return-value]
            value: T | None = None
            folder = self.store.fetch(name)
            if folder is not None:
                try:
                    value = artefact.load(folder)
                except LOAD_FAILURES as exc:
                    self.store.discard(name, f"cache entry {name} is unreadable "
                                             f"({shorten(str(exc), 160)}); rebuilding it")
            if value is None:
                if getattr(self._loading_only, "active", False):
                    raise _NotCached(name)
                value = artefact.build()
                self._save(artefact, value)
            self._memory[name] = value
            return value

    def _save(self, artefact: Artefact[T], value: T, *, replace: bool = False) -> None:
        self.store.put(artefact.name, lambda target: artefact.save(value, target),
                       {"kind": artefact.name.rsplit("-", 1)[0], "data": self.fingerprint()},
                       replace=replace)

    # The recommenders, built or loaded on first use.

    def catalog(self, ctx: BuildContext | None = None) -> Catalog:
        ctx = ctx or BuildContext()
        fingerprint = self.fingerprint()

        def build() -> Catalog:
            ctx.report(f"reading {self.source().describe()}", 0.05)
            return load_catalog(self.source())

        return self._cached(Artefact(self._entry("catalog", {}, CATALOG_FORMAT),
                                     lambda folder: Catalog.load(folder, fingerprint), build,
                                     Catalog.save))

    def demographic(self, ctx: BuildContext | None = None) -> DemographicChart:
        catalog = self.catalog(ctx)
        return self._memo(f"demographic-{catalog.fingerprint}",
                          lambda: DemographicChart(catalog.movies))

    def browser(self, ctx: BuildContext | None = None) -> Browser:
        """The movie and user lists the app searches, and movie details."""
        catalog = self.catalog(ctx)
        return self._cached(Artefact(self._entry("browser", {}, browse.FORMAT),
                                     lambda folder: Browser.load(folder, catalog),
                                     lambda: Browser.build(catalog), Browser.save))

    # Naming an artefact is cheap; only loading or building one needs the catalogue.

    def _content_artefact(self, by: ContentBy, ctx: BuildContext) -> Artefact[ContentModel]:
        return Artefact(
            self._entry(f"content_{by}", {}, content.FORMAT),
            lambda folder: ContentModel.load(folder, by, len(self.catalog(ctx).movies)),
            lambda: ContentModel.build(self.catalog(ctx).movies, by, ctx), ContentModel.save)

    def _collaborative_artefact(self, ctx: BuildContext) -> Artefact[Factors]:
        params = self.collaborative_params
        return Artefact(self._entry("collaborative", params.as_dict(), collaborative.FORMAT),
                        Factors.load, lambda: self.train(self.catalog(ctx).ratings, ctx),
                        Factors.save)

    def _artefact_for(self, strategy: Strategy, ctx: BuildContext) -> Artefact | None:
        match strategy:
            case Strategy.OVERVIEW | Strategy.METADATA:
                return self._content_artefact(ContentBy(strategy.value), ctx)
            case Strategy.COLLABORATIVE:
                return self._collaborative_artefact(ctx)
        return None

    def content(self, by: ContentBy, ctx: BuildContext | None = None) -> ContentRecommender:
        ctx = ctx or BuildContext()
        model = self._cached(self._content_artefact(by, ctx))
        return ContentRecommender(model, self.catalog(ctx).movies)

    def collaborative(self, ctx: BuildContext | None = None) -> CollaborativeRecommender:
        ctx = ctx or BuildContext()
        catalog = self.catalog(ctx)
        artefact = self._collaborative_artefact(ctx)
        factors = self._cached(artefact)
        return self._memo(f"{artefact.name}-recommender", lambda: CollaborativeRecommender(
            factors, catalog.ml_movies, catalog.ratings))

    def train(self, ratings: pd.DataFrame, ctx: BuildContext | None = None) -> Factors:
        """Train a collaborative model on any ratings; too few is said before TensorFlow
        starts. Nothing is cached here."""
        if len(ratings) < collaborative.MIN_RATINGS:
            raise DataError(f"{self.source().origin('ratings')}: the collaborative model needs "
                            f"at least {collaborative.MIN_RATINGS} ratings to train and "
                            f"validate on, and there are {len(ratings)}; use a complete "
                            f"ratings file")
        return self._trainer(ratings, self.collaborative_params, ctx or BuildContext())

    def prepare(self, strategy: Strategy, ctx: BuildContext | None = None) -> None:
        """Build (or load) whatever `strategy` needs, reporting progress through `ctx`."""
        match strategy:
            case Strategy.DEMOGRAPHIC:
                self.demographic(ctx)
            case Strategy.OVERVIEW | Strategy.METADATA:
                self.content(ContentBy(strategy.value), ctx)
            case Strategy.COLLABORATIVE:
                self.collaborative(ctx)

    def load_cached(self, strategy: Strategy) -> bool:
        """Load what `strategy` needs if the cache holds it, and build nothing: a start that
        warms every cached model never spends minutes on one nobody asked for. A damaged
        entry is left to the next real use, which rebuilds it with progress."""
        if not self.is_ready(strategy):
            return False
        self._loading_only.active = True
        try:
            self.prepare(strategy)
        except _NotCached:
            return False
        finally:
            self._loading_only.active = False
        return True

    def is_ready(self, strategy: Strategy) -> bool:
        """Whether `strategy` answers without building anything (in memory or in the cache)."""
        catalog = self._entry("catalog", {}, CATALOG_FORMAT)
        if catalog not in self._memory and not self.store.has(catalog):
            return False
        artefact = self._artefact_for(strategy, BuildContext())
        return artefact is None or artefact.name in self._memory or self.store.has(artefact.name)

    def rebuild(self, strategy: Strategy, ctx: BuildContext | None = None) -> None:
        """Build `strategy`'s model afresh beside the one in use, which keeps answering
        meanwhile; only a finished build replaces it, in memory and in the cache. A cancelled
        or failed one raises and changes nothing."""
        ctx = ctx or BuildContext()
        artefact = self._artefact_for(strategy, ctx)
        if artefact is None:
            return
        value = artefact.build()
        with self._lock(artefact.name):
            self._save(artefact, value, replace=True)
            self._memory[artefact.name] = value
            self._memory.pop(f"{artefact.name}-recommender", None)

    # Questions, answered in plain dataclasses.

    def chart(self, k: int = 10, chart_filter: ChartFilter | None = None,
              ctx: BuildContext | None = None) -> list[Recommendation]:
        return self.demographic(ctx).chart(k, chart_filter)

    def find_movie(self, title: str) -> MovieChoice:
        """A TMDB movie by title, ignoring case; with several, the most voted, and a note."""
        movies = self.catalog().movies
        wanted = title.strip()
        for column in ("title", "original_title"):
            matches = movies.index[movies[column].str.casefold() == wanted.casefold()]
            if len(matches):
                break
        else:
            matches = movies.index[movies["title"].map(fold) == fold(wanted)]
        if len(matches) == 0:
            close = difflib.get_close_matches(wanted, movies["title"].tolist(), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise UsageError(f"no TMDB movie titled {echo(title)}{hint}")
        ranked = movies.loc[matches].sort_values("vote_count", ascending=False, kind="stable")
        chosen = self._choice(int(ranked.index[0]))
        if len(ranked) == 1:
            return chosen
        others = ", ".join(f"{int(m.id)} ({m.year if pd.notna(m.year) else 'no year'})"
                           for m in ranked.iloc[1:].itertuples())
        note = (f"{len(ranked)} movies are titled {echo(title)}: using {chosen.title} "
                f"({chosen.year}, TMDB id {chosen.movie_id}, the most voted); others: {others}. "
                f"Pick one with --movie-id")
        return MovieChoice(chosen.row, chosen.movie_id, chosen.title, chosen.year, note)

    def movie_by_id(self, movie_id: int) -> MovieChoice:
        movies = self.catalog().movies
        rows = movies.index[movies["id"] == movie_id]
        if len(rows) == 0:
            raise UsageError(f"no TMDB movie has id {movie_id}; look titles up with --movie")
        return self._choice(int(rows[0]))

    def _choice(self, row: int) -> MovieChoice:
        movie = self.catalog().movies.iloc[row]
        return MovieChoice(row, int(movie["id"]), str(movie["title"]),
                           optional_int(movie["year"]))

    def similar(self, movie_id: int, by: ContentBy, k: int = 5,
                ctx: BuildContext | None = None) -> list[Recommendation]:
        recommender = self.content(by, ctx)
        return recommender.similar(self.movie_by_id(movie_id).row, k)

    def picks(self, user_id: int, k: int = 10, ctx: BuildContext | None = None) -> UserPicks:
        return self.collaborative(ctx).picks(user_id, k)
