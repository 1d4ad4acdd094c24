"""The app: searchable movie and user lists, a strategy switcher, results and details.

It talks to the recommenders only through the Engine, and only from thread workers: a build
(which may train a model for seconds) reports progress here and never blocks the screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from importlib.resources import files

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Select,
    Tab,
    TabbedContent,
    TabPane,
    Tabs,
)
from textual.worker import Worker, WorkerState, get_current_worker

from tui_recsys import startup
from tui_recsys.app import crash
from tui_recsys.app.screens.data_error import DataErrorScreen
from tui_recsys.app.screens.help import HelpScreen
from tui_recsys.app.widgets.details import DetailsPane
from tui_recsys.app.widgets.results import ResultsPane
from tui_recsys.app.widgets.search_pane import SearchPane
from tui_recsys.app.widgets.virtual_list import VirtualList
from tui_recsys.engine.base import BuildContext, Recommendation
from tui_recsys.engine.browse import Browser, MovieEntry, UserEntry
from tui_recsys.engine.content import ContentBy
from tui_recsys.engine.demographic import ChartFilter, parse_years
from tui_recsys.engine.engine import Engine, Strategy
from tui_recsys.errors import Cancelled, RecsysError
from tui_recsys.text import clean, shorten

STYLESHEET = files("tui_recsys.assets") / "tui_recsys.tcss"
RESULTS = 20
STRATEGY_NAMES = {
    Strategy.DEMOGRAPHIC: "Top charts",
    Strategy.OVERVIEW: "Similar by story",
    Strategy.METADATA: "Similar by cast & crew",
    Strategy.COLLABORATIVE: "For this user",
}
MOVIE_STRATEGIES = (Strategy.OVERVIEW, Strategy.METADATA)
THEMES = {"dark": "textual-dark", "light": "textual-light"}
INTERRUPTED, TERMINATED = 130, 143


@dataclass(frozen=True)
class Query:
    """Everything the results depend on; a stale answer (for an older query) is dropped."""

    strategy: Strategy
    movie: MovieEntry | None
    user: UserEntry | None
    chart_filter: ChartFilter = field(default_factory=ChartFilter)


def explain(error: BaseException | None) -> str:
    if isinstance(error, Cancelled):
        return "Build cancelled. Press r to build it again."
    if isinstance(error, RecsysError):
        return clean(str(error))
    return clean(f"Something went wrong: {type(error).__name__}: {shorten(str(error), 200)}")


class RecsysApp(App[None]):
    CSS_PATH = str(STYLESHEET)
    TITLE = "tui-recsys"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # The one-key bindings are priority bindings: the app handles them in its own queue, in the
    # order they came, so a burst of keys (over SSH they arrive in bursts) reaches the widget
    # the key before chose. `check_action` hands them to any screen above.
    BINDINGS = [
        Binding("slash", "focus_search", "Search", priority=True),
        Binding("m", "show_list('movies')", "Movies", priority=True),
        Binding("u", "show_list('users')", "Users", priority=True),
        Binding("1", "strategy('demographic')", "Charts", show=False, priority=True),
        Binding("2", "strategy('overview')", "Story", show=False, priority=True),
        Binding("3", "strategy('metadata')", "Cast", show=False, priority=True),
        Binding("4", "strategy('collaborative')", "User", show=False, priority=True),
        Binding("r", "rebuild", "Rebuild", priority=True),
        Binding("escape", "leave_search", "Back to the list", show=False, priority=True),
        Binding("escape", "cancel_builds", "Cancel", show=False),
        Binding("question_mark", "help", "Help", priority=True),
        Binding("q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
    ]
    ONE_KEY_ACTIONS = frozenset(binding.action.split("(")[0] for binding in BINDINGS
                                if binding.priority and binding.key not in ("escape", "ctrl+c"))

    def __init__(self, engine: Engine, *, theme: str | None = None, debug: bool = False) -> None:
        super().__init__()
        self.engine = engine
        self.show_tracebacks = debug
        self.crash: str | None = None  # the one line to print after an unhandled exception
        self._exit_code = 0  # what quitting returns: the data error's code on its screen
        self.browser: Browser | None = None
        self.movie: MovieEntry | None = None
        self.user: UserEntry | None = None
        self.strategy = Strategy.DEMOGRAPHIC
        self.chart_filter = ChartFilter()
        self._builds: dict[Strategy, BuildContext] = {}
        self._rebuilding: set[Strategy] = set()
        self._items: list[Recommendation] = []
        self._favourites: list[Recommendation] = []
        self._warned = 0
        if theme is not None:
            self.theme = THEMES.get(theme, theme)

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Tabs(*(Tab(f"{i} {name}", id=strategy.value)
                     for i, (strategy, name) in enumerate(STRATEGY_NAMES.items(), 1)),
                   id="strategies")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"), TabbedContent(id="lists"):
                with TabPane("Movies", id="movies"):
                    yield SearchPane("search movies (/)", "movies", id="movie-search")
                with TabPane("Users", id="users"):
                    yield SearchPane("search users by id or genre", "users", id="user-search")
            with Vertical(id="main"):
                yield ResultsPane(id="results-pane")
                yield DetailsPane(id="details")
        yield Footer()

    # Loading.

    def on_mount(self) -> None:
        self.sub_title = "loading the catalogue…"
        self.query_one("#movie-search", SearchPane).list.focus()
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on every platform
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._terminated)
        self.load()

    def _terminated(self) -> None:
        """SIGTERM: stop builds (a training child and its files go with them) and close."""
        self._cancel_all()
        self.exit(return_code=TERMINATED)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an unhandled exception, which ends the app with status 1: the
        traceback goes to a log file and one line is printed after the app closes (with
        --debug, Textual's own traceback is printed as well)."""
        super()._handle_exception(error)
        self.crash = crash.record(error)
        if not self.show_tracebacks:
            self._exit_renderables.clear()

    @work(thread=True, exit_on_error=False, group="load", name="load")
    def load(self) -> None:
        ctx = BuildContext(progress=partial(self._progress_from_thread, None))
        browser = self.engine.browser(ctx)
        genres = self.engine.demographic(ctx).genres
        self.call_from_thread(self._catalog_ready, browser, genres)

    def _catalog_ready(self, browser: Browser, genres: list[str]) -> None:
        self.browser = browser
        self.sub_title = clean(self.engine.source().describe())
        self.query_one("#movie-search", SearchPane).configure(
            browser.movies.search, self._movie_label, len(browser.movies))
        self.query_one("#user-search", SearchPane).configure(
            browser.users.search, self._user_label, len(browser.users))
        self.results.set_genres(genres)
        self._show_warnings()
        self.refresh_results()
        self.preload()

    @work(thread=True, exit_on_error=False, group="preload", name="preload")
    def preload(self) -> None:
        """Load every model the cache already holds, so each strategy's first answer is
        instant; nothing is built until it is asked for, with its progress on screen."""
        for strategy in (*MOVIE_STRATEGIES, Strategy.COLLABORATIVE):
            if get_current_worker().is_cancelled:
                return
            self.engine.load_cached(strategy)

    def _show_warnings(self) -> None:
        """The cache's warnings (unwritable, damaged entry rebuilt), each shown once."""
        for warning in self.engine.warnings[self._warned:]:
            self.notify(clean(warning), severity="warning", timeout=10, markup=False)
        self._warned = len(self.engine.warnings)

    def _movie_label(self, key: int) -> tuple[str, str]:
        assert self.browser is not None
        entry = self.browser.movies.entry(key)
        return entry.title, f"{entry.year or ''} {entry.catalogues}"

    def _user_label(self, key: int) -> tuple[str, str]:
        assert self.browser is not None
        entry = self.browser.users.entry(key)
        return f"{entry.user_id:>3}  {', '.join(entry.genres)}", f"{entry.ratings} rated"

    @property
    def results(self) -> ResultsPane:
        return self.query_one(ResultsPane)

    # Choosing a strategy, a movie, a user.

    def action_strategy(self, name: str) -> None:
        self.query_one("#strategies", Tabs).active = name

    @on(Tabs.TabActivated, "#strategies")
    def _strategy_tab(self, event: Tabs.TabActivated) -> None:
        if event.tab.id is not None:
            self.strategy = Strategy(event.tab.id)
            self.refresh_results()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On the data error screen only quitting makes sense. Elsewhere a one-key action gives
        way while another screen is on top (help closes on q and ?). An input box or an open
        menu needs nothing here: Textual leaves out the bindings of keys they take as text."""
        if isinstance(self.screen, DataErrorScreen):
            return action in ("quit", "interrupt")
        if action == "leave_search":  # otherwise escape goes on, to a menu or a build
            return self._search_box_focused() is not None
        if action in self.ONE_KEY_ACTIONS and len(self.screen_stack) > 1:
            return None
        return True

    # Focus moves at once (Screen.set_focus), never later (Widget.focus), for the same bursts.

    def action_show_list(self, name: str) -> None:
        self.query_one("#lists", TabbedContent).active = name
        self.screen.set_focus(self.query_one(f"#{'movie' if name == 'movies' else 'user'}-search",
                                             SearchPane).list)

    def action_focus_search(self) -> None:
        lists = self.query_one("#lists", TabbedContent)
        pane_id = "#movie-search" if lists.active == "movies" else "#user-search"
        self.screen.set_focus(self.query_one(pane_id, SearchPane).box)

    def select_movie(self, entry: MovieEntry) -> None:
        self.movie = entry
        if self.strategy in MOVIE_STRATEGIES:
            self.refresh_results()
        else:
            self.action_strategy(Strategy.OVERVIEW.value)

    def select_user(self, entry: UserEntry) -> None:
        self.user = entry
        if self.strategy is Strategy.COLLABORATIVE:
            self.refresh_results()
        else:
            self.action_strategy(Strategy.COLLABORATIVE.value)

    @on(VirtualList.Selected)
    def _list_selected(self, event: VirtualList.Selected) -> None:
        assert self.browser is not None
        if event.source.parent and event.source.parent.id == "movie-search":
            self.select_movie(self.browser.movies.entry(event.key))
        else:
            self.select_user(self.browser.users.entry(event.key))

    @on(VirtualList.Highlighted)
    def _list_highlighted(self, event: VirtualList.Highlighted) -> None:
        """The details follow what the user is looking at: a row they moved to, or the first
        match of what they are typing; a list merely filled (at start, or a user list filled
        in the background) leaves them on the results."""
        pane = event.source.parent
        if self.browser is None or not isinstance(pane, SearchPane):
            return
        if event.filled and not pane.box.has_focus:
            return
        details = self.query_one(DetailsPane)
        if pane.id == "movie-search":
            details.show(self.browser.movies.details(event.key))
        else:
            details.show_user(self.browser.users.entry(event.key))

    def _entry_for(self, item: Recommendation) -> MovieEntry | None:
        assert self.browser is not None
        if item.tmdb_id is not None:
            return self.browser.movies.by_tmdb(item.tmdb_id)
        return self.browser.movies.by_movielens(item.movie_id)

    def _row_item(self, event: DataTable.RowHighlighted | DataTable.RowSelected) -> (
            Recommendation | None):
        items = self._favourites if event.data_table.id == "favourites" else self._items
        index = int(event.row_key.value or 0)
        return items[index] if index < len(items) else None

    @on(DataTable.RowHighlighted)
    def _result_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "favourites" and not event.data_table.has_focus:
            return  # filled after the picks: the details stay on the first pick
        item = self._row_item(event)
        entry = self._entry_for(item) if item is not None else None
        if entry is not None and self.browser is not None and item is not None:
            self.query_one(DetailsPane).show(self.browser.movies.details(entry.key), item.reason)

    @on(DataTable.RowSelected)
    def _result_selected(self, event: DataTable.RowSelected) -> None:
        item = self._row_item(event)
        entry = self._entry_for(item) if item is not None else None
        if entry is not None:
            self.select_movie(entry)

    @on(Select.Changed, "#genre")
    def _genre(self, event: Select.Changed) -> None:
        genre = None if event.value is Select.NULL else str(event.value)
        self.chart_filter = ChartFilter(genre, self.chart_filter.years)
        self.refresh_results()

    @on(Input.Changed, "#years")
    def _years(self, event: Input.Changed) -> None:
        try:
            years = parse_years(event.value) if event.value.strip() else (None, None)
        except RecsysError:
            return  # still typing; Input.Submitted says what is wrong
        self.chart_filter = ChartFilter(self.chart_filter.genre, years)
        self.refresh_results()

    @on(Input.Submitted, "#years")
    def _years_submitted(self, event: Input.Submitted) -> None:
        try:
            parse_years(event.value) if event.value.strip() else None
        except RecsysError as error:
            self.notify(clean(str(error)), severity="error", markup=False)

    # Results: build what is missing, then ask.

    def _title(self) -> str:
        match self.strategy:
            case Strategy.DEMOGRAPHIC:
                scope = self.chart_filter.describe()
                return "Top charts: IMDB weighted rating" + (f" · {scope}" if scope else "")
            case Strategy.COLLABORATIVE:
                if self.user is None:
                    return STRATEGY_NAMES[self.strategy]
                likes = ", ".join(self.user.genres)
                return (f"Top picks for user {self.user.user_id} ({self.user.ratings} ratings"
                        + (f"; likes {likes})" if likes else ")"))
        target = f" to {self.movie.label}" if self.movie else ""
        return f"{STRATEGY_NAMES[self.strategy]}{target}"

    def _missing(self) -> str | None:
        """Why the current strategy cannot answer yet, in words, or None."""
        if self.strategy in MOVIE_STRATEGIES:
            if self.movie is None:
                return "Pick a movie: press / to search, then enter."
            if self.movie.tmdb_id is None:
                return (f"{self.movie.label} is only in MovieLens, so it has no story or cast "
                        f"to compare. Press 4 for a user's picks, or pick another movie.")
        if self.strategy is Strategy.COLLABORATIVE and self.user is None:
            return "Pick a user: press u, search by id or genre, then enter."
        return None

    def refresh_results(self) -> None:
        if self.browser is None:
            return
        results = self.results
        results.show_filters(self.strategy is Strategy.DEMOGRAPHIC)
        results.show_title(self._title())
        self._items, self._favourites = [], []
        missing = self._missing()
        if missing:
            results.hide_progress()
            results.show_message(missing)
            return
        if not self.engine.is_ready(self.strategy):
            results.clear()
            self.start_build(self.strategy)
            return
        results.hide_progress()
        self.run_query(Query(self.strategy, self.movie, self.user, self.chart_filter))

    def start_build(self, strategy: Strategy, *, rebuild: bool = False) -> None:
        """Build what `strategy` needs in the background; a rebuild builds beside the model in
        use, which keeps answering until the new one is ready."""
        if strategy in self._builds:
            self.results.show_progress("building…", 0.0)
            return
        ctx = BuildContext(progress=partial(self._progress_from_thread, strategy))
        self._builds[strategy] = ctx
        verb = "rebuilding" if rebuild else "building"
        self.results.show_progress(f"{verb} {STRATEGY_NAMES[strategy].lower()}…", 0.0)
        if rebuild:
            self._rebuilding.add(strategy)
        work = self.engine.rebuild if rebuild else self.engine.prepare
        self.run_worker(partial(work, strategy, ctx), thread=True,
                        name=f"build:{strategy.value}", group="build", exit_on_error=False)

    def _progress_from_thread(self, strategy: Strategy | None, message: str,
                              fraction: float) -> None:
        self.call_from_thread(self._progress, strategy, message, fraction)

    def _progress(self, strategy: Strategy | None, message: str, fraction: float) -> None:
        if strategy is None or strategy is self.strategy:
            self.results.show_progress(message, fraction)

    @work(thread=True, exclusive=True, group="query", name="query", exit_on_error=False)
    def run_query(self, query: Query) -> None:
        favourites: list[Recommendation] | None = None
        match query.strategy:
            case Strategy.DEMOGRAPHIC:
                items = self.engine.chart(RESULTS, query.chart_filter)
            case Strategy.OVERVIEW | Strategy.METADATA:
                assert query.movie is not None and query.movie.tmdb_id is not None
                items = self.engine.similar(query.movie.tmdb_id,
                                            ContentBy(query.strategy.value), RESULTS)
            case Strategy.COLLABORATIVE:
                assert query.user is not None
                picks = self.engine.picks(query.user.user_id, RESULTS)
                items, favourites = picks.picks, picks.favourites
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._show_results, query, items, favourites)

    def _show_results(self, query: Query, items: list[Recommendation],
                      favourites: list[Recommendation] | None) -> None:
        if query != Query(self.strategy, self.movie, self.user, self.chart_filter):
            return
        self._items, self._favourites = items, favourites or []
        self.results.show_results(items)
        title = f"User {query.user.user_id} rated highest" if query.user else ""
        self.results.show_favourites(favourites, title)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's end, in one place: no failure ever takes the app down."""
        worker, state = event.worker, event.state
        if state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        if worker.name == "load":
            startup.resume()  # start-up is over, whichever way it ended
        if worker.name.startswith("build:"):
            strategy = Strategy(worker.name.split(":", 1)[1])
            self._builds.pop(strategy, None)
            self._show_warnings()
            if strategy in self._rebuilding:
                self._rebuilt(strategy, state, worker.error)
                return
            if strategy is not self.strategy:
                return
            self.results.hide_progress()
            if state is WorkerState.SUCCESS:
                self.refresh_results()
            elif state is WorkerState.ERROR:
                self.results.show_message(explain(worker.error))
        elif worker.name == "preload":
            self._show_warnings()  # its errors come back, with context, when a strategy is used
        elif state is WorkerState.ERROR and worker.name == "load":
            error = worker.error
            self._exit_code = error.exit_code if isinstance(error, RecsysError) else 1
            self.push_screen(DataErrorScreen(explain(error), self.engine.data_dir))
        elif state is WorkerState.ERROR and worker.name == "query":
            self.results.show_message(explain(worker.error))

    # Keys.

    def _search_box_focused(self) -> SearchPane | None:
        focused = self.focused
        if isinstance(focused, Input) and isinstance(focused.parent, SearchPane):
            return focused.parent
        return None

    def action_leave_search(self) -> None:
        if (pane := self._search_box_focused()) is not None:
            self.screen.set_focus(pane.list)

    def _rebuilt(self, strategy: Strategy, state: WorkerState,
                 error: BaseException | None) -> None:
        """A rebuild ended: the new model is in use, or the old one still is, and either way
        the user is told."""
        self._rebuilding.discard(strategy)
        name = STRATEGY_NAMES[strategy]
        if state is WorkerState.SUCCESS:
            self.notify(f"{name}: rebuilt, and the new model is in use.")
        elif isinstance(error, Cancelled) or state is WorkerState.CANCELLED:
            self.notify(f"{name}: rebuild cancelled; the previous model is still in use.")
        else:
            self.notify(f"{name}: rebuild failed ({explain(error)}); the previous model is "
                        f"still in use.", severity="error", markup=False, timeout=15)
        if strategy is self.strategy:
            self.refresh_results()

    def _cancel_all(self) -> None:
        for ctx in self._builds.values():
            ctx.cancel.set()

    def action_cancel_builds(self) -> None:
        if self._builds:
            self._cancel_all()
            self.results.show_progress("cancelling…", 0.0)

    def action_rebuild(self) -> None:
        if self.strategy is Strategy.DEMOGRAPHIC:
            self.notify("Top charts are computed from the catalogue: nothing to rebuild.")
            return
        if self.strategy not in self._builds:
            self.start_build(self.strategy, rebuild=True)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self._cancel_all()
        self.exit(return_code=self._exit_code)

    def action_interrupt(self) -> None:
        """Ctrl-C quits at once, with the status a shell expects of an interrupted program."""
        self._cancel_all()
        self.exit(return_code=INTERRUPTED)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for i, (strategy, name) in enumerate(STRATEGY_NAMES.items(), 1):
            yield SystemCommand(f"{name} ({i})", f"Show {name.lower()}",
                                partial(self.action_strategy, strategy.value))
        yield SystemCommand("Movies list (m)", "Browse and search movies",
                            partial(self.action_show_list, "movies"))
        yield SystemCommand("Users list (u)", "Browse and search MovieLens users",
                            partial(self.action_show_list, "users"))
        yield SystemCommand("Search (/)", "Focus the search box", self.action_focus_search)
        yield SystemCommand("Rebuild (r)", "Rebuild the current strategy's model",
                            self.action_rebuild)
        yield SystemCommand("Cancel build (escape)", "Stop a running build",
                            self.action_cancel_builds)
        yield SystemCommand("Keys (?)", "Every key", self.action_help)

