"""The main screen: the lists, the strategy tabs, the results and the details, and the work
behind them (loading, builds, queries), which reports back only through typed messages.

What the user has chosen (a strategy, a movie, a user, the chart's filters) is one `Query`;
every change of it goes through `_choose`, which remembers the one before, so backspace walks
back from film to film.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Tab, TabbedContent, TabPane, Tabs
from textual.worker import get_current_worker

from tui_recsys import collector, paths
from tui_recsys.app.labels import movie_label
from tui_recsys.app.messages import (
    BuildFailed,
    BuildFinished,
    BuildProgress,
    CatalogReady,
    FilterChanged,
    LoadFailed,
    ModelsLoaded,
    MovieHighlighted,
    MoviePicked,
    Query,
    QueryFailed,
    ResultHighlighted,
    ResultPicked,
    ResultsReady,
    UserHighlighted,
    UserPicked,
)
from tui_recsys.app.screens.rate import RatePrompt
from tui_recsys.app.widgets.details import DetailsPane
from tui_recsys.app.widgets.results import ResultsPane
from tui_recsys.app.widgets.search_pane import MoviesPane, SearchPane, UsersPane
from tui_recsys.data.profile import Profile, load_profile
from tui_recsys.engine.base import BuildContext, Recommendation
from tui_recsys.engine.catalog_index import CatalogIndex, MovieEntry, UserEntry
from tui_recsys.engine.engine import Engine
from tui_recsys.engine.settings import ChartFilter
from tui_recsys.engine.strategies.base import Ask, Need, Strategy
from tui_recsys.engine.your_ratings import YOU, rated, you_entry
from tui_recsys.errors import Cancelled, RecsysError
from tui_recsys.text import clean, shorten

RESULTS = 20
HISTORY = 100
LOADING_TENSORFLOW = "loading TensorFlow"  # the training child's one phase of unknown length


def explain(error: BaseException | None) -> str:
    if isinstance(error, Cancelled):
        return "Build cancelled. Press r to build it again."
    if isinstance(error, RecsysError):
        return clean(str(error))
    return clean(f"Something went wrong: {type(error).__name__}: {shorten(str(error), 200)}")


def heading(query: Query) -> str:
    strategy = query.strategy
    if strategy.needs.movie and query.movie is not None:
        return f"{strategy.label} to {movie_label(query.movie)}"
    if strategy.needs is Need.USER and query.user is not None:
        user = query.user
        likes = f"; likes {', '.join(user.genres)}" if user.genres else ""
        return f"Top picks for user {user.user_id} ({user.ratings} ratings{likes})"
    scope = query.chart_filter.describe() if strategy.filterable else ""
    return f"{strategy.label}: {strategy.summary}" + (f" · {scope}" if scope else "")


def answerable(strategy: Strategy, movie: MovieEntry) -> bool:
    """Whether the catalogue `strategy` compares in knows `movie`."""
    return (movie.tmdb_id if strategy.needs is Need.MOVIE else movie.ml_id) is not None


def missing(query: Query) -> str | None:
    """Why the query cannot be answered yet, in words, or None."""
    needs, movie = query.strategy.needs, query.movie
    if needs.movie and movie is None:
        return "Pick a movie: press / to search, then enter."
    if needs is Need.MOVIE and movie is not None and movie.tmdb_id is None:
        return (f"{movie_label(movie)} is only in MovieLens, so it has no story or cast to "
                f"compare. Press 5 for movies rated alike, or pick another movie.")
    if needs is Need.RATED_MOVIE and movie is not None and movie.ml_id is None:
        return (f"{movie_label(movie)} is only in TMDB 5000, so nobody here rated it. Press 2 "
                f"or 3 for movies like it by story or cast, or pick another movie.")
    if needs is Need.USER and query.user is None:
        return "Pick a user: press u, search by id or genre, then enter."
    return None


class MainScreen(Screen[None]):
    def __init__(self, engine: Engine, profile: Path | None = None) -> None:
        """`profile`: your ratings' file (default: the platform's user-data folder)."""
        super().__init__()
        self.engine = engine
        self.profile = profile or paths.profile_path()
        self.index: CatalogIndex | None = None
        self.query_now = Query(engine.strategies[0], None, None, ChartFilter())
        self.looking_at: MovieEntry | None = None  # the movie highlighted last, anywhere
        self.history: list[Query] = []
        self.builds: dict[Strategy, BuildContext] = {}
        self._warned = 0

    # The current choice, as the tests and the palette read it.

    @property
    def strategy(self) -> Strategy:
        return self.query_now.strategy

    @property
    def movie(self) -> MovieEntry | None:
        return self.query_now.movie

    @property
    def user(self) -> UserEntry | None:
        return self.query_now.user

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Tabs(*(Tab(f"{s.key} {s.tab}", id=s.name) for s in self.engine.strategies),
                   id="strategies")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"), TabbedContent(id="lists"):
                with TabPane("Movies", id="movies"):
                    yield MoviesPane(id="movie-search")
                with TabPane("Users", id="users"):
                    yield UsersPane(id="user-search")
            with Vertical(id="main"):
                yield ResultsPane(id="results-pane")
                yield DetailsPane(id="details")
        yield Footer()

    @property
    def results(self) -> ResultsPane:
        return self.query_one(ResultsPane)

    @property
    def details(self) -> DetailsPane:
        return self.query_one(DetailsPane)

    def pane(self, name: str) -> SearchPane:
        return self.query_one(f"#{'movie' if name == 'movies' else 'user'}-search", SearchPane)

    # Loading.

    def on_mount(self) -> None:
        self.app.sub_title = "loading the catalogue…"
        self.set_focus(self.pane("movies").list)
        self.load()

    @work(thread=True, exit_on_error=False, group="load")
    def load(self) -> None:
        try:
            ctx = BuildContext(progress=partial(self._post_progress, None))
            self.post_message(CatalogReady(self.engine.index(ctx), self.engine.genres(ctx)))
        except Exception as error:  # shown on the data error screen, never raised
            self.post_message(LoadFailed(error))

    def on_catalog_ready(self, message: CatalogReady) -> None:
        collector.resume()  # start-up is over
        self.index = message.index
        self.app.sub_title = clean(self.engine.source().describe())
        self.query_one(MoviesPane).configure(message.index.movies)
        self.query_one(UsersPane).configure(message.index.users)
        self._show_you()
        self.results.set_genres(message.genres)
        self._show_warnings()
        self.refresh_results()
        self.preload()

    def on_load_failed(self, message: LoadFailed) -> None:
        collector.resume()
        self.app.show_data_error(message.error)  # type: ignore[attr-defined]

    @work(thread=True, exit_on_error=False, group="preload")
    def preload(self) -> None:
        """Load every model the cache already holds, so each strategy's first answer is
        instant; nothing is built until it is asked for, with its progress on screen. A
        damaged entry comes back, with context, when its strategy is used."""
        try:
            if self.index is not None:
                self.index.prepare_search()
            for strategy in self.engine.strategies:
                if get_current_worker().is_cancelled:
                    return
                self.engine.load_cached(strategy)
        finally:
            self.post_message(ModelsLoaded())

    def on_models_loaded(self, _message: ModelsLoaded) -> None:
        self._show_warnings()

    def _show_warnings(self) -> None:
        """The cache's warnings (unwritable, damaged entry rebuilt), each shown once."""
        for warning in self.engine.warnings[self._warned:]:
            self.notify(clean(warning), severity="warning", timeout=10, markup=False)
        self._warned = len(self.engine.warnings)

    # Choosing: every change of the query goes through here.

    def _choose(self, query: Query) -> None:
        if query != self.query_now:
            self.history = [*self.history, self.query_now][-HISTORY:]
            self._show(query)

    def go_back(self) -> bool:
        """The choice before the last one; False when there is none."""
        if not self.history:
            return False
        *self.history, previous = self.history
        self._show(previous)
        return True

    def _show(self, query: Query) -> None:
        self.query_now = query
        tabs = self.query_one("#strategies", Tabs)
        if tabs.active != query.strategy.name:
            tabs.active = query.strategy.name  # its TabActivated finds the query already set
        self.refresh_results()

    def select_strategy(self, name: str) -> None:
        strategy = self.engine.strategy(name)
        query = replace(self.query_now, strategy=strategy)
        if strategy.needs.movie and query.movie is None:
            query = replace(query, movie=self.looking_at)  # the movie on screen, if any
        self._choose(query)

    def select_movie(self, entry: MovieEntry) -> None:
        """The movie, with the current strategy if it compares movies the catalogue of which
        knows this one, else the first that does."""
        self._look_at(entry)
        strategy = self.strategy
        if not (strategy.needs.movie and answerable(strategy, entry)):
            movies = [s for s in self.engine.strategies if s.needs.movie]
            strategy = next((s for s in movies if answerable(s, entry)), movies[0])
        self._choose(replace(self.query_now, strategy=strategy, movie=entry))

    def select_user(self, entry: UserEntry) -> None:
        self.details.show_user(entry)
        if entry.key == YOU:
            self.select_strategy(next(s.name for s in self.engine.strategies
                                      if s.needs is Need.PROFILE))
            return
        strategy = self.strategy
        if strategy.needs is not Need.USER:
            strategy = next(s for s in self.engine.strategies if s.needs is Need.USER)
        self._choose(replace(self.query_now, strategy=strategy, user=entry))

    @on(Tabs.TabActivated, "#strategies")
    def _strategy_tab(self, event: Tabs.TabActivated) -> None:
        if event.tab.id is not None and event.tab.id != self.strategy.name:
            self.select_strategy(event.tab.id)

    def on_movie_picked(self, message: MoviePicked) -> None:
        self.select_movie(message.entry)

    def on_user_picked(self, message: UserPicked) -> None:
        self.select_user(message.entry)

    def on_movie_highlighted(self, message: MovieHighlighted) -> None:
        self._look_at(message.entry, message.why)

    def on_user_highlighted(self, message: UserHighlighted) -> None:
        self.details.show_user(message.entry)

    def _look_at(self, entry: MovieEntry, why: str | None = None) -> None:
        assert self.index is not None
        self.looking_at = entry
        self.details.show(self.index.movies.details(entry.key), why)

    def _entry_for(self, item: Recommendation) -> MovieEntry | None:
        assert self.index is not None
        if item.tmdb_id is not None:
            return self.index.movies.by_tmdb(item.tmdb_id)
        return (self.index.movies.by_movielens(item.movielens_id)
                if item.movielens_id is not None else None)

    def on_result_highlighted(self, message: ResultHighlighted) -> None:
        if (entry := self._entry_for(message.item)) is not None:
            self._look_at(entry, message.item.reason)

    def on_result_picked(self, message: ResultPicked) -> None:
        if (entry := self._entry_for(message.item)) is not None:
            self.select_movie(entry)

    def on_filter_changed(self, message: FilterChanged) -> None:
        self._choose(replace(self.query_now, chart_filter=message.chart_filter))

    # Results: build what is missing, then ask.

    def refresh_results(self) -> None:
        if self.index is None:
            return
        query, results = self.query_now, self.results
        results.show_filters(query.strategy.filterable)
        results.show_title(heading(query))
        hint = self.engine.unavailable(query.strategy) or missing(query)
        if hint:
            results.hide_progress()
            results.show_message(hint)
            if (query.movie if query.strategy.needs.movie else query.user) is None:
                self.details.show_hint(hint)  # not the last movie: nothing is picked
            return
        if not self.engine.is_ready(query.strategy):
            results.clear()
            self.start_build(query.strategy)
            return
        if query.strategy not in self.builds:
            results.hide_progress()
        self.run_query(query)

    def start_build(self, strategy: Strategy, *, rebuild: bool = False) -> None:
        """Build what `strategy` needs in the background; a rebuild builds beside the model in
        use, which keeps answering until the new one is ready."""
        if strategy in self.builds:
            self.results.show_progress("building…", 0.0)
            return
        ctx = BuildContext(progress=partial(self._post_progress, strategy))
        self.builds[strategy] = ctx
        verb = "rebuilding" if rebuild else "building"
        self.results.show_progress(f"{verb} {strategy.label.lower()}…", 0.0)
        self.build(strategy, ctx, rebuild)

    @work(thread=True, exit_on_error=False, group="build")
    def build(self, strategy: Strategy, ctx: BuildContext, rebuild: bool) -> None:
        try:
            (self.engine.rebuild if rebuild else self.engine.prepare)(strategy, ctx)
        except BaseException as error:  # every failure is shown, none takes the app down
            self.post_message(BuildFailed(strategy, rebuild, error))
        else:
            self.post_message(BuildFinished(strategy, rebuild))

    def _post_progress(self, strategy: Strategy | None, message: str, fraction: float) -> None:
        self.post_message(BuildProgress(strategy, message, fraction))

    def on_build_progress(self, message: BuildProgress) -> None:
        if message.strategy is None or message.strategy is self.strategy:
            unknown = LOADING_TENSORFLOW in message.message
            self.results.show_progress(message.message, None if unknown else message.fraction)

    def on_build_finished(self, message: BuildFinished) -> None:
        self._build_ended(message.strategy)
        if message.rebuild:
            self.notify(f"{message.strategy.label}: rebuilt, and the new model is in use.")
        if message.strategy is self.strategy:
            self.results.hide_progress()
            self.refresh_results()

    def on_build_failed(self, message: BuildFailed) -> None:
        strategy, error = message.strategy, message.error
        self._build_ended(strategy)
        if message.rebuild:
            if isinstance(error, Cancelled):
                said = "rebuild cancelled; the previous model is still in use."
            else:
                said = f"rebuild failed ({explain(error)}); the previous model is still in use."
            self.notify(f"{strategy.label}: {said}", markup=False,
                        severity="information" if isinstance(error, Cancelled) else "error",
                        timeout=15)
            if strategy is self.strategy:
                self.refresh_results()
        elif strategy is self.strategy:
            self.results.hide_progress()
            self.results.show_message(explain(error))

    def _build_ended(self, strategy: Strategy) -> None:
        self.builds.pop(strategy, None)
        self._show_warnings()

    @work(thread=True, exclusive=True, group="query", exit_on_error=False)
    def run_query(self, query: Query) -> None:
        ask = Ask(k=RESULTS, chart_filter=query.chart_filter,
                  movie_id=query.movie.tmdb_id if query.movie else None,
                  movielens_id=query.movie.ml_id if query.movie else None,
                  user_id=query.user.user_id if query.user else None)
        try:
            if query.strategy.needs is Need.PROFILE:  # read afresh: the CLI may have rated
                ask = replace(ask, ratings=tuple(load_profile(self.profile).ratings.values()))
            answer = self.engine.recommend(query.strategy, ask)
        except Exception as error:
            self.post_message(QueryFailed(query, error))
        else:
            if not get_current_worker().is_cancelled:
                self.post_message(ResultsReady(query, answer))

    def on_results_ready(self, message: ResultsReady) -> None:
        if message.query == self.query_now:
            self.results.show_answer(message.answer)

    def on_query_failed(self, message: QueryFailed) -> None:
        if message.query == self.query_now:
            self.results.show_message(explain(message.error))

    # What the app's keys ask of this screen.

    def show_list(self, name: str) -> None:
        self.query_one("#lists", TabbedContent).active = name
        self.set_focus(self.pane(name).list)

    def focus_search(self) -> None:
        self.set_focus(self.pane(self.query_one("#lists", TabbedContent).active).box)

    def search_box_focused(self) -> SearchPane | None:
        focused = self.focused
        if isinstance(focused, Input) and isinstance(focused.parent, SearchPane):
            return focused.parent
        return None

    def submit_search(self) -> None:
        if (pane := self.search_box_focused()) is not None:
            pane.submit()

    def leave_search(self) -> None:
        if (pane := self.search_box_focused()) is not None:
            self.set_focus(pane.list)

    def cancel_builds(self) -> bool:
        """Stop every running build; False when none was running."""
        for ctx in self.builds.values():
            ctx.cancel.set()
        if self.builds:
            self.results.show_progress("cancelling…", 0.0)
        return bool(self.builds)

    def rebuild(self) -> None:
        if self.strategy not in self.builds:
            self.start_build(self.strategy, rebuild=True)

    # Your ratings, of the movie on screen (highlighted last in any list or the results).

    def ask_stars(self) -> None:
        entry = self._movie_to_rate()
        if entry is None:
            return
        try:
            current = load_profile(self.profile).find(entry.ml_id, entry.tmdb_id)
        except RecsysError as error:
            self.notify(explain(error), severity="error", markup=False, timeout=10)
            return
        self.app.push_screen(RatePrompt(movie_label(entry), current and current.stars),
                             callback=lambda stars: self.rate(stars) if stars else None)

    def rate(self, stars: float | None) -> None:
        """Rate the movie on screen (None: remove your rating), save the profile, and answer
        "For you" again if it is on screen."""
        entry = self._movie_to_rate()
        if entry is None:
            return
        label = movie_label(entry)
        try:
            profile = load_profile(self.profile)  # afresh: the command line may have rated
            if stars is None:
                changed = profile.remove(entry.ml_id, entry.tmdb_id)
                said = "Removed your rating of" if changed else "You had not rated"
            else:
                changed = profile.rate(rated(entry, stars))
                said = f"{stars:g} stars for" if changed else f"Already {stars:g} stars for"
            if changed:
                profile.save()
        except (RecsysError, OSError) as error:
            self.notify(explain(error), severity="error", markup=False, timeout=10)
            return
        self.notify(f"{said} {label} ({len(profile)} ratings)", markup=False)
        self._show_you(profile)
        if changed and self.strategy.needs is Need.PROFILE:
            self.refresh_results()

    def _show_you(self, profile: Profile | None = None) -> None:
        """You, leading the users list; a profile that cannot be read is said when rating."""
        assert self.index is not None
        try:
            if profile is None:  # not `or`: a profile with no ratings is falsy
                profile = load_profile(self.profile)
        except RecsysError:
            return
        self.query_one(UsersPane).show_you(you_entry(profile, self.index.movies))

    def _movie_to_rate(self) -> MovieEntry | None:
        if self.looking_at is None:
            self.notify("Highlight a movie to rate first: in a list or in the results.",
                        severity="warning")
        return self.looking_at
