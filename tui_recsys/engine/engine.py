"""The Engine: the one door from the CLI and the app to the recommenders.

It builds each strategy's model on first use, reuses the cache on the next run, answers in plain
dataclasses, and is thread-safe: two threads asking for the same model wait for one build. It
knows strategies only through the registry (`strategies`): what each needs, builds and answers.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tui_recsys.data.catalog import ALL_COLUMNS, CATALOG_FORMAT, Catalog, format_read, load_catalog
from tui_recsys.data.genres import resolve_genre
from tui_recsys.data.guest_profiles import read_guest, read_guest_marks
from tui_recsys.data.letterboxd import Film
from tui_recsys.data.marks_file import Mark, Marks
from tui_recsys.data.profile_file import Profile, Rated
from tui_recsys.data.sources import DataSource, open_source
from tui_recsys.engine.answer import Answer, QuickRound, Recommendation
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.cache.artefacts import Artefact, Artefacts
from tui_recsys.engine.cache.digests import FileDigests
from tui_recsys.engine.cache.store import Store, entry_name
from tui_recsys.engine.catalog import index as catalog_index
from tui_recsys.engine.catalog.index import CatalogIndex
from tui_recsys.engine.catalog.your_ratings import films, import_marks, import_ratings
from tui_recsys.engine.drawing import drawn
from tui_recsys.engine.models.tuning import Dimensions
from tui_recsys.engine.question import Ask, Need, Tuning, history_of
from tui_recsys.engine.strategies import default_strategies
from tui_recsys.engine.strategies.strategy import Built, Derived, Strategy
from tui_recsys.errors import UsageError
from tui_recsys.memory import release_freed_memory
from tui_recsys.text import echo, plural

if TYPE_CHECKING:
    import numpy as np

T = TypeVar("T")
INDEX = "index"  # the cache entries of the movie and user lists are named so


def _formats(version: int, reads: frozenset[str] = ALL_COLUMNS) -> tuple[int, int]:
    """The format numbers an entry's name is made from: the catalogue's as what it is built
    from reads it (`catalog.format_read`), and its own."""
    return format_read(reads), version


def _build_index(catalog: Catalog) -> CatalogIndex:
    from tui_recsys.engine.building.index_build import build_index  # pandas: at build time only

    return build_index(catalog)


class Engine:
    def __init__(self, store: Store, data_dir: Path | None = None, *,
                 strategies: Sequence[Strategy] | None = None) -> None:
        self.store = store
        self.data_dir = data_dir
        self.strategies = tuple(strategies or default_strategies())
        self._source: DataSource | None = None
        self._fingerprint: str | None = None
        self.artefacts = Artefacts(store, self.fingerprint, lambda: self.source().identity())
        self._guard = threading.Lock()
        self._quick: tuple[object, Any] | None = None  # a for-you model and its QuickStart
        self._first_rounds: tuple[CatalogIndex, Any] | None = None  # an index and its rounds

    @property
    def warnings(self) -> list[str]:
        return self.store.warnings

    def strategy_for(self, needs: Need) -> Strategy:
        """The one strategy that asks for what `needs` says (a profile: For you; a group:
        together), which the app turns to from a key that is about the thing, not the list."""
        return next(strategy for strategy in self.strategies if strategy.needs is needs)

    def strategy(self, name: str) -> Strategy:
        """A strategy by its name (or one it once had); an unknown one is a usage error with
        the close ones."""
        for strategy in self.strategies:
            if name == strategy.name or name in strategy.aliases:
                return strategy
        names = [strategy.name for strategy in self.strategies]
        close = difflib.get_close_matches(name, names, n=2, cutoff=0.5)
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise UsageError(f"no strategy named {echo(name)}; {hint}choose one of "
                         f"{', '.join(names)}")

    def source(self) -> DataSource:
        with self._guard:
            if self._source is None:
                self._source = open_source(self.data_dir,
                                           FileDigests(self.store.root, self.store.write_own))
            return self._source

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = self.source().fingerprint()
        return self._fingerprint

    def _entry(self, kind: str, params: dict[str, object], version: int,
               reads: frozenset[str] = ALL_COLUMNS) -> str:
        """Every entry is built from the catalogue, so its format as the columns `reads`
        see it keys them all."""
        return entry_name(kind, self.fingerprint(), {**params, "catalog": format_read(reads)},
                          version)

    # What everything is built from.

    def catalog(self, ctx: BuildContext | None = None) -> Catalog:
        ctx = ctx or BuildContext()
        fingerprint = self.fingerprint()

        def build() -> Catalog:
            ctx.report(f"reading {self.source().describe()}", 0.05)
            return load_catalog(self.source())

        return self.artefacts.built(Artefact(self._entry("catalog", {}, CATALOG_FORMAT), build,
                                    lambda folder: Catalog.load(folder, fingerprint),
                                    Catalog.save, formats=_formats(CATALOG_FORMAT)))

    def index(self, ctx: BuildContext | None = None) -> CatalogIndex:
        """The movie and user lists the app searches, movie details, and the titles the
        command line looks up."""
        return self.artefacts.built(self._index(ctx))

    def cached_index(self) -> CatalogIndex | None:
        """The index where the cache holds it, else None: a shell's tab completion asks, and
        a TAB never builds."""
        if not self.store.holds(INDEX):
            return None
        return self.artefacts.get(self._index(None), build=False)

    def _index(self, ctx: BuildContext | None) -> Artefact[CatalogIndex]:
        return Artefact(self._entry(INDEX, {}, catalog_index.FORMAT),
                        lambda: _build_index(self.catalog(ctx)), CatalogIndex.load,
                        CatalogIndex.save, formats=_formats(catalog_index.FORMAT))

    # Each strategy's model. Naming one is cheap; only building or loading needs the catalogue.

    def unavailable(self, strategy: Strategy) -> str | None:
        """Why `strategy` cannot answer from this data (a catalogue it needs is absent), or
        None; known from the files' names, without reading them."""
        held = self.source().catalogues()
        missing = [catalogue for catalogue in strategy.requires if catalogue not in held]
        if not missing:
            return None
        return (f"{strategy.name} needs {' and '.join(missing)} data ({strategy.requires_for}),"
                f" and {self.source().describe()} holds none; add it there (README, \"Larger "
                f"data\") or choose another strategy")

    def _require(self, strategy: Strategy) -> None:
        why = self.unavailable(strategy)
        if why is not None:
            raise UsageError(why)

    def _sources(self, strategy: Derived) -> dict[str, Strategy | None]:
        """What `strategy` is derived from, by its parameter's name: None for each source this
        data cannot build."""
        sources = {parameter: self.strategy(name)
                   for parameter, name in strategy.derived_from.items()}
        return {parameter: source if self.unavailable(source) is None else None
                for parameter, source in sources.items()}

    def _entry_of(self, strategy: Strategy) -> str:
        if isinstance(strategy, Built):
            return self._entry(strategy.name, strategy.params(), strategy.format,
                               strategy.reads())
        return self._entry(strategy.name, strategy.params(), 0)

    def _model(self, strategy: Strategy[T, Any], ctx: BuildContext, *, build: bool) -> T | None:
        self._require(strategy)
        name = self._entry_of(strategy)
        if isinstance(strategy, Built):
            built: Built[T, Any] = strategy
            relayed = BuildContext(self.artefacts.relayed(name, ctx.progress), ctx.cancel)
            artefact = Artefact(name, lambda: built.build(self.catalog(ctx), self.source(),
                                                          relayed),
                                built.load, built.save, waiting=partial(
                                    ctx.report, f"waiting for the {strategy.name} build "
                                                f"already under way", None),
                                follow=ctx.progress,
                                formats=_formats(built.format, built.reads()))
            return self.artefacts.get(artefact, build=build)
        assert isinstance(strategy, Derived)
        models: dict[str, object] = {}
        for parameter, source in self._sources(strategy).items():
            model = None if source is None else self._model(source, ctx, build=build)
            if source is not None and model is None:
                return None  # a source is not cached, and nothing is to be built
            models[parameter] = model
        return self.artefacts.built(Artefact(name, lambda: strategy.derive(**models)))

    def model(self, strategy: Strategy[T, Any], ctx: BuildContext | None = None) -> T:
        """`strategy`'s model, from memory, the cache, or built (with progress through ctx);
        a usage error when this data cannot build it."""
        model = self._model(strategy, ctx or BuildContext(), build=True)
        assert model is not None  # built when not found
        return model

    def prepare(self, strategy: Strategy, ctx: BuildContext | None = None) -> None:
        """Build (or load) whatever `strategy` needs, reporting progress through `ctx`."""
        self.model(strategy, ctx)

    def load_cached(self, strategy: Strategy) -> bool:
        """Load what `strategy` needs if the cache holds it, and build nothing: a start that
        warms every cached model never spends minutes on one nobody asked for. A damaged
        entry is left to the next real use, which rebuilds it with progress."""
        if not self.is_ready(strategy):
            return False
        return self._model(strategy, BuildContext(), build=False) is not None

    def is_ready(self, strategy: Strategy, ask: Ask | None = None) -> bool:
        """Whether `strategy` answers (`ask`, if given) without a long build: its model (or
        those it is derived from, or the lighter strategy's) is in memory or in the cache."""
        if self.unavailable(strategy) is not None:
            return False
        if ask is not None and (lighter := strategy.lighter(ask)) is not None:
            return self.is_ready(lighter)
        if isinstance(strategy, Derived):
            return all(self.is_ready(source) for source in self._sources(strategy).values()
                       if source is not None)
        name = self._entry_of(strategy)
        return self.artefacts.has(name)

    def rebuild(self, strategy: Strategy, ctx: BuildContext | None = None) -> None:
        """Build `strategy`'s model afresh beside the one in use, which keeps answering
        meanwhile; only a finished build replaces it, in memory and in the cache. A cancelled
        or failed one raises and changes nothing. A derived strategy rebuilds what it is
        derived from."""
        self._require(strategy)
        ctx = ctx or BuildContext()
        if isinstance(strategy, Derived):
            for source in self._sources(strategy).values():
                if source is not None:
                    self.rebuild(source, ctx)
            return
        assert isinstance(strategy, Built)
        name = self._entry_of(strategy)
        value = strategy.build(self.catalog(ctx), self.source(), ctx)
        release_freed_memory()
        self.artefacts.replace(Artefact(name, lambda: value, strategy.load, strategy.save,
                                        formats=_formats(strategy.format, strategy.reads())),
                                value)
        for derived in self.strategies:  # recomputed from the new model when next asked
            if isinstance(derived, Derived) and strategy.name in derived.derived_from.values():
                self.artefacts.forget(self._entry_of(derived))

    def recommend(self, strategy: Strategy, ask: Ask,
                  ctx: BuildContext | None = None) -> Answer:
        """`strategy`'s answer to `ask`, drawn as it asks (`drawing.drawn`); a strategy with a
        lighter way to answer `ask` answers it that way."""
        self._require(strategy)
        if strategy.needs is Need.USER and ask.user_id is not None:
            # From the users list, before a model is built: a first `for-user 999` trained
            # for half a minute (twenty at ml-32m's shape) to say the user is unknown.
            self.index(ctx).users.check(ask.user_id)
        strategy = strategy.lighter(ask) or strategy
        model = self.model(strategy, ctx)
        return drawn(strategy, model, ask, lambda: self.index(ctx).movies)

    def dimensions(self, strategy: Strategy, ask: Ask,
                   ctx: BuildContext | None = None) -> Dimensions:
        """The genres and keywords a list can be tuned by: those that split its candidates
        (the list drawn as deep as tuning draws it) most evenly, and every one they carry;
        and, where the list goes on past them, the catalogue's, where "more of" reaches."""
        from tui_recsys.engine.catalog.tuning import catalogue, dimensions
        from tui_recsys.engine.models.discovery import pool

        drawn = pool(ask.k)
        deep = self.recommend(strategy, replace(ask, k=drawn, discovery=0.0,
                                                tuning=Tuning()), ctx)
        movies = self.index(ctx).movies
        return dimensions(deep.items, movies, ask.k,
                          catalogue(movies) if len(deep.items) >= drawn else None)

    def quick_start(self, ratings: Sequence[Rated],
                    left_out: frozenset[tuple[str, int]] = frozenset(),
                    skipped: Iterable[int] = (),
                    ctx: BuildContext | None = None,
                    seen: Sequence[int] = (), *, wait: bool = True,
                    hidden: frozenset[tuple[str, int]] = frozenset()) -> QuickRound:
        """The next round of the quick start (`models.quick_start`) for someone with
        `ratings`, never a movie `left_out` (as `Ask.left_out` holds them: yours rated, seen,
        hidden) or `skipped` (MovieLens ids) in a round before, nor a later film of a series
        they began and disliked (`catalog.sequels`, reading the films they rated, the
        MovieLens ids marked `seen` and the films `hidden`); the movies marked `seen` are read
        as choices, as ratings are. With nothing answered or skipped the round comes from the
        movie list, which has what it reads, and builds nothing; so does any round while For
        you's models are not built, unless `wait`: then they are built first and the round
        adapts to the answers."""
        from tui_recsys.engine.catalog.first_rounds import FirstRounds
        from tui_recsys.engine.catalog.sequels import later_than_disliked
        from tui_recsys.engine.models.quick_start import QuickStart
        from tui_recsys.engine.strategies.for_you import ForYou

        asked = {movie for kind, movie in left_out if kind == "movielens"} | set(skipped)
        history = history_of(ratings, seen, hidden)
        if history.disliked:
            asked |= {entry.ml_id for entry in later_than_disliked(self.index(ctx).movies,
                                                                   (history,))
                      if entry.ml_id is not None}
        for_you = self.strategy(ForYou.name)
        self._require(for_you)  # the rounds are For you's: without its data, say why
        ready = self.is_ready(for_you)
        if not (ratings or seen or asked) or not (ready or wait):
            index = self.index(ctx)
            if self._first_rounds is None or self._first_rounds[0] is not index:
                self._first_rounds = (index, FirstRounds(index))
            return QuickRound(self._first_rounds[1].round(asked), models_missing=not ready)
        model = self.model(for_you, ctx)
        if self._quick is None or self._quick[0] is not model:  # its features, once a model
            self._quick = (model, QuickStart(model))
        return QuickRound(self._quick[1].round(ratings, asked, seen=seen))

    def prepare_quick_start(self, ctx: BuildContext | None = None) -> None:
        """Build what rounds that adapt to the answers need: For you's models."""
        from tui_recsys.engine.strategies.for_you import ForYou

        self.prepare(self.strategy(ForYou.name), ctx)

    def genres(self, ctx: BuildContext | None = None) -> list[str]:
        """The genres a chart's filter offers."""
        return self.index(ctx).movies.chart_genres()

    def genre_named(self, strategy: Strategy, name: str, ctx: BuildContext | None = None) -> str:
        """The genre `name` names among those `strategy` filters by (a chart: TMDB's; the
        others: either catalogue's), so that a mistyped one is said as such, with the closest,
        and not as a list nothing passes."""
        from tui_recsys.engine.strategies.chart import Chart

        movies = self.index(ctx).movies
        return resolve_genre(name, movies.chart_genres() if strategy.name == Chart.name
                             else movies.all_genres())

    def people_named(self, typed: str, limit: int = 10,
                     ctx: BuildContext | None = None) -> list[tuple[str, int]]:
        """Who a name typed so far may be, with how many films each has here (the app's
        person prompt offers them as the name is typed)."""
        from tui_recsys.engine.models.person_model import PersonModel
        from tui_recsys.engine.strategies.person import Person

        model = self.model(self.strategy(Person.name), ctx)
        assert isinstance(model, PersonModel)
        return model.people_named(typed, limit)

    def person_meant(self, typed: str, found: np.ndarray, spelled: bool) -> str | None:
        """Whose films a search for a title typed as `typed` may have meant
        (`PersonModel.meant`), given its answer (`MovieIndex.search_or_nearest`'s): where no
        title holds it (`spelled`: "nolan"), or where the person's films outshine those that
        do (`MovieIndex.outshining`: "kubrick"); None where this data has no people. The
        person strategy's model is built for it where it is not cached (half a second, once,
        from the catalogue a search already has): a newcomer's first "nolan" is when it
        helps."""
        from tui_recsys.engine.models.person_model import PersonModel, may_name
        from tui_recsys.engine.strategies.person import Person

        if not may_name(typed):  # "a", "th": no one, and nothing read to say so
            return None
        strategy, movies = self.strategy(Person.name), self.index().movies
        needed = movies.outshining(typed, found, spelled)
        if needed is None or self.unavailable(strategy) is not None:
            return None
        model = self.model(strategy)
        assert isinstance(model, PersonModel)
        person = model.meant(typed)
        if person is None or movies.best_known(model.tmdb_ids(person)) < needed:
            return None
        return person

    def guest_profile(self, path: Path) -> Profile:
        """`guest`'s profile alone: what the app's friends are read as."""
        return self.guest(path)[0]

    def guest(self, path: Path) -> tuple[Profile, str | None]:
        """Someone's ratings for a movie night: their profile, or the ratings export a friend
        sent (Letterboxd's, IMDb's) matched to this catalogue's movies as `profile import`
        matches yours, in memory (their file is never written); with what was made of an
        export, None for a profile."""
        read = read_guest(path)
        if isinstance(read, Profile):
            return read, None
        profile = Profile(path)
        report = import_ratings(profile, read, self.index().movies)
        missed = f", {len(report.unmatched):,} not found here" if report.unmatched else ""
        return profile, f"{read.kind} file: {plural(report.matched, 'rating')} matched{missed}"

    def guest_marks(self, source: Path) -> Marks:
        """What someone saw, hid or means to see, read from `source`
        (`guest_profiles.marks_source`): their marks, or a Letterboxd export's films logged
        and watchlist, matched to this catalogue's movies in memory."""
        read = read_guest_marks(source)
        if isinstance(read, Marks):
            return read
        marks = Marks(source)
        for kind, listed in read:
            import_marks(marks, kind, listed, self.index().movies)
        return marks

    def films(self, movies: Iterable[Rated | Mark | Recommendation]) -> list[Film]:
        """The movies as Letterboxd's importer reads them, with the ids this catalogue has."""
        return films(movies, self.index().movies)
