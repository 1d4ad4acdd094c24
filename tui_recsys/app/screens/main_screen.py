"""The main screen: the lists, the strategy tabs, the results and the details, and the work
behind them (loading, queries; builds are `screens/builds.py`'s), which reports back only
through typed messages.

What the user has chosen (a strategy, a movie, a user, the filters, the discovery setting) is
one `Query`; every change of it goes through `_choose`, which remembers the one before, so
backspace walks back from film to film.

Every movie key (s + - x w v n p 2 3 5) acts on one movie, the current one: the last movie
highlighted in a list or in the results the user moves in, named atop the details pane.
Showing a user there leaves no current movie, so no key acts on a movie out of sight. Changes
to your files are `YourFiles`' (app/your_files.py); `YourChanges` (screens/your_changes.py)
tells of them and shows them; `Exports` (screens/exports.py) writes the list the keys are
in (e).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import QueryType
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, Tab, Tabs
from textual.widgets._select import SelectOverlay
from textual.worker import get_current_worker

from tui_recsys import collector, paths
from tui_recsys.app import movie_night
from tui_recsys.app.crash import explain
from tui_recsys.app.friends import Friends, is_friend
from tui_recsys.app.labels import movie_label
from tui_recsys.app.notes import DISCOVERY, MOVIE_NIGHT
from tui_recsys.app.query import (
    Query,
    answerable,
    engine_ask,
    heading,
    missing,
    redrawn,
    watchlist_only,
)
from tui_recsys.app.screens.builds import Builds
from tui_recsys.app.screens.exports import Exports
from tui_recsys.app.screens.full_details import FullDetails
from tui_recsys.app.screens.people import PeoplePrompt
from tui_recsys.app.screens.quick_start import QuickStartScreen
from tui_recsys.app.screens.tune import TunePrompt
from tui_recsys.app.screens.your_changes import YourChanges
from tui_recsys.app.typed_order import in_typed_order
from tui_recsys.app.widgets.details import DetailsPane
from tui_recsys.app.widgets.keys_footer import KeysFooter
from tui_recsys.app.widgets.results import ResultsPane
from tui_recsys.app.widgets.search_pane import MoviesPane, SearchPane, UsersPane
from tui_recsys.app.widgets.sidebar import Sidebar
from tui_recsys.app.widgets.virtual_list import VirtualList
from tui_recsys.app.your_files import YourFiles
from tui_recsys.data.marks_file import HIDDEN, SEEN, WATCHLIST, Mark
from tui_recsys.data.profile_file import Rated
from tui_recsys.engine.answer import Answer, Recommendation
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.catalog.entries import MovieEntry, UserEntry
from tui_recsys.engine.catalog.index import CatalogIndex
from tui_recsys.engine.catalog.your_lists import LISTS
from tui_recsys.engine.catalog.your_ratings import YOU, what_you_did
from tui_recsys.engine.engine import Engine
from tui_recsys.engine.models.discovery import LEVELS, as_chosen
from tui_recsys.engine.question import Ask, MovieFilter, Need, Tuning, keys_of
from tui_recsys.engine.strategies.strategy import Strategy
from tui_recsys.errors import Cancelled, RecsysError
from tui_recsys.text import clean

RESULTS = 20
HISTORY = 100
WATCH_SECONDS = 2.0  # how soon a change another window or a command made to your files shows


class MainScreen(Builds, YourChanges, Exports, Screen[None]):
    """The lists, the results and the details. Its workers (loading, answering, and building,
    `Builds`') never call into it: they post the typed messages nested here and in `Builds`,
    which it handles in turn."""

    BINDINGS = [Binding("escape", "cancel_builds", "Cancel", show=False),
                Binding("right", "focus_results", "To the results", show=False)]

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
    class ResultsReady(Message):
        query: Query
        answer: Answer

    @dataclass
    class QueryFailed(Message):
        query: Query
        error: BaseException

    def __init__(self, engine: Engine, profile: Path | None, friends: Friends,
                 discovery: float = 0.0) -> None:
        """`profile`: your ratings' file (default: the platform's user-data folder);
        `friends`: other people's, for their picks and movie night; `discovery`: the setting
        the lists open at."""
        super().__init__()
        self.engine = engine
        self.index: CatalogIndex | None = None
        self.query_now = Query(engine.strategies[0], None, None, MovieFilter(),
                               discovery=discovery)
        self.current: MovieEntry | None = None  # what every movie key acts on
        self.shown_user: UserEntry | None = None  # the user in the details: what 4 acts on
        self._why: str | None = None  # the reason the current movie was recommended, if it was
        self.shown_query: Query | None = None  # the query the results on screen answer
        self._export_when_shown: Query | None = None  # e pressed before its list showed
        self._back_to: Query | None = None  # the query backspace went back to last
        profile = profile or paths.profile_path()
        self.yours = YourFiles(profile, paths.marks_path(profile))
        self.friends = friends
        self.include_seen = False  # i: what you rated, saw or hid shown again
        self.history: list[Query] = []
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
        strategies = Tabs(*(Tab(f"{s.key} {s.name}", id=s.name) for s in self.engine.strategies),
                          id="strategies")
        strategies.can_focus = False  # 1 to 8 choose; out of tab's round, as a click still works
        yield strategies
        with Horizontal(id="body"):
            yield Sidebar(self.yours, self.friends, self.engine.person_meant, id="sidebar")
            with Vertical(id="main"):
                yield ResultsPane(id="results-pane")
                yield DetailsPane(id="details")
        yield KeysFooter()

    @property
    def results(self) -> ResultsPane:
        return self.query_one(ResultsPane)

    @property
    def details(self) -> DetailsPane:
        return self.query_one(DetailsPane)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    def pane(self, name: str) -> SearchPane:
        """The list on the sidebar's tab `name`: movies, users, or one of yours (LISTS)."""
        return self.sidebar.pane(name)

    # Loading.

    def on_resize(self, event: events.Resize) -> None:
        self._label_tabs(event.size.width)
        self.call_after_refresh(self._fit_sidebar)  # once Textual has set -tiny and -narrow

    def _fit_sidebar(self) -> None:
        for sidebar in self.query(Sidebar):  # none yet at a resize as the app starts
            sidebar.fit_to_focus()

    def _label_tabs(self, width: int) -> None:
        """A strategy's tab reads "1 chart"; where every tab would not fit so (under 80
        columns), "1chart"; where not even that fits (under 70), the key alone, but for the
        strategy on screen ("1 chart"), so that every key still shows and the current one says
        what it is."""
        labels = [(s.key, s.name) for s in self.engine.strategies]
        needed = sum(len(key) + len(name) + 1 for key, name in labels) + len(labels)
        tabs = list(self.query("#strategies Tab").results(Tab))
        if len(tabs) != len(labels):  # a resize as the app starts, before the tabs are there
            return
        for (key, name), tab in zip(labels, tabs, strict=True):
            if needed <= width:
                tab.label = f"{key} {name}"
            elif needed - len(labels) <= width:
                tab.label = f"{key}{name}"
            else:
                tab.label = f"{key} {name}" if name == self.strategy.name else key

    def on_paste(self, event: events.Paste) -> None:
        """A paste that no text box took: a title to find."""
        event.stop()
        self.sidebar.search_pasted(event.text)

    def on_mount(self) -> None:
        left_behind = paths.marks_left_behind(self.yours.profile_path)
        if left_behind is not None:  # a profile named before its marks were kept beside it
            self.notify(clean(left_behind[0].upper() + left_behind[1:] + "."), markup=False,
                        timeout=20)
        self.app.sub_title = "loading the catalogue…"
        self.call_after_refresh(self.app.main_is_up)  # keys typed meanwhile reach it now
        self.load()

    @work(thread=True, exit_on_error=False, group="load")
    def load(self) -> None:
        try:
            ctx = BuildContext(progress=partial(self._post_progress, None))
            self.post_message(self.CatalogReady(self.engine.index(ctx), self.engine.genres(ctx)))
        except Exception as error:  # shown on the data error screen, never raised
            self.post_message(self.LoadFailed(error))

    def on_main_screen_catalog_ready(self, message: MainScreen.CatalogReady) -> None:
        collector.resume()  # start-up is over
        self.index = message.index
        self.app.sub_title = clean(self.engine.source().describe())
        self.sidebar.configure(message.index)
        self.results.set_genres(message.genres)
        self._show_warnings()
        self._show(self._opening())
        self.preload()
        self.set_interval(WATCH_SECONDS, self.watch_files)

    def _opening(self) -> Query:
        """The first list: For you once you have rated a film and its models are in the
        cache, so a weekly visit opens on your picks at once; else the chart, and nothing is
        built that nobody asked for."""
        for_you = self.engine.strategy_for(Need.PROFILE)
        if self._rated() and self.engine.is_ready(for_you):
            return replace(self.query_now, strategy=for_you)
        return self.query_now

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
            self.post_message(self.ModelsLoaded())

    def on_main_screen_models_loaded(self, _message: MainScreen.ModelsLoaded) -> None:
        self._show_warnings()

    def _show_warnings(self) -> None:
        """The cache's warnings (unwritable, damaged entry rebuilt), each shown once."""
        for warning in self.engine.warnings[self._warned:]:
            self.notify(clean(warning), severity="warning", timeout=10, markup=False)
        self._warned = len(self.engine.warnings)

    # Choosing: every change of the query goes through here.

    def _choose(self, query: Query) -> None:
        """`query` on screen, the one it replaces remembered for backspace unless only the
        filters changed: they are the filter bar's to show, and back left the bar showing
        filters the list it went back to did not have."""
        if query != self.query_now:
            if query != replace(self.query_now, movie_filter=query.movie_filter):
                self.history = [*self.history, self.query_now][-HISTORY:]
            self._show(query)

    def action_back(self) -> None:
        """The choice before the last one, under the filters the bar shows."""
        if not self.history:
            self.notify("Nothing to go back to.")
            return
        *self.history, previous = self.history
        self._back_to = replace(previous, movie_filter=self.query_now.movie_filter)
        self._show(self._back_to)

    def _show(self, query: Query) -> None:
        self.query_now = query
        self.sidebar.users.mark(frozenset(entry.key for entry in query.group))
        tabs = self.query_one("#strategies", Tabs)
        if tabs.active != query.strategy.name:
            self._label_tabs(self.size.width)
            # Without its TabActivated: "4 2" typed at once would have each tab, activated
            # here, choose its strategy again after the other, for ever.
            with tabs.prevent(Tabs.TabActivated):
                tabs.active = query.strategy.name
        self.refresh_results()

    def _strategy(self, name: str) -> None:
        """A strategy, for the movie or the MovieLens user in the details (the one highlighted
        last), as a movie key acts on the current movie: once the keys before are in, a
        search's pick included ("/42, enter, 5" is user 42's, then 5)."""
        strategy = self.engine.strategy(name)
        query = replace(self.query_now, strategy=strategy, friend=None)  # For you: yours
        if strategy.needs.movie and self.current is not None:
            query = replace(query, movie=self.current)
        shown = self.shown_user
        if strategy.needs is Need.USER and shown is not None and shown.movielens:
            query = replace(query, user=shown)
        self._choose(query)

    action_strategy = in_typed_order(_strategy)

    def select_movie(self, entry: MovieEntry) -> None:
        """The movie, with the current strategy if it compares movies the catalogue of which
        knows this one, else the first that does."""
        self._look_at(entry)
        strategy = self.strategy
        if not (strategy.needs.movie and answerable(strategy, entry)):
            movies = [s for s in self.engine.strategies if s.needs.movie]
            strategy = next((s for s in movies if answerable(s, entry)), movies[0])
        self._choose(replace(self.query_now, strategy=strategy, movie=entry))

    def action_pick_shown(self) -> None:
        """Enter for the movie or user in the details, as enter on it in its list: what the
        details whole say to press (`f`), where no list has the focus."""
        if self.shown_user is not None:
            self.select_user(self.shown_user)
        elif self.current is not None:
            self.select_movie(self.current)

    def select_user(self, entry: UserEntry) -> None:
        """A MovieLens user's top picks; You: your own (For you); a friend: For you from
        their file's ratings."""
        self._show_user(entry)
        friend = is_friend(entry)
        needs = Need.PROFILE if friend or entry.key == YOU else Need.USER
        strategy = self.strategy
        if strategy.needs is not needs:
            strategy = self.engine.strategy_for(needs)
        user = entry if needs is Need.USER else self.user
        self._choose(replace(self.query_now, strategy=strategy, user=user,
                             friend=entry if friend else None))

    @on(Tabs.TabActivated, "#strategies")
    def _strategy_tab(self, event: Tabs.TabActivated) -> None:
        if event.tab.id is not None and event.tab.id != self.strategy.name:
            self.action_strategy(event.tab.id)

    def on_movies_pane_picked(self, message: MoviesPane.Picked) -> None:
        self.select_movie(message.entry)

    def on_users_pane_picked(self, message: UsersPane.Picked) -> None:
        self.select_user(message.entry)

    def on_movies_pane_highlighted(self, message: MoviesPane.Highlighted) -> None:
        self._look_at(message.entry)

    def on_users_pane_highlighted(self, message: UsersPane.Highlighted) -> None:
        self._show_user(message.entry)

    def _show_user(self, entry: UserEntry) -> None:
        self.current, self.shown_user = None, entry
        self.details.show_user(entry, paths.friends_beside(self.yours.profile_path),
                               self.friends.path_of(entry.key) if is_friend(entry) else None)

    def _look_at(self, entry: MovieEntry, why: str | None = None) -> None:
        assert self.index is not None
        self.current, self._why, self.shown_user = entry, why, None
        self.details.show(self.index.movies.details(entry.key), why, self._yours(entry),
                          self._marked(entry))

    def _yours(self, entry: MovieEntry) -> Rated | None:
        try:
            return self.yours.profile().find(entry.ml_id, entry.tmdb_id)
        except RecsysError:  # said when rating, and by For you
            return None

    def _marked(self, entry: MovieEntry) -> list[Mark]:
        """Your marks of `entry` on the lists you keep (watchlist, seen, not interested)."""
        try:
            marks = self.yours.marks()
        except RecsysError:  # said when marking, and by every list that leaves them out
            return []
        return [mark for kind in (WATCHLIST, SEEN, HIDDEN)
                if (mark := marks.find(kind, entry.ml_id, entry.tmdb_id)) is not None]

    def _entry_for(self, item: Recommendation) -> MovieEntry | None:
        assert self.index is not None
        if item.tmdb_id is not None:
            return self.index.movies.by_tmdb(item.tmdb_id)
        return (self.index.movies.by_movielens(item.movielens_id)
                if item.movielens_id is not None else None)

    def on_results_pane_highlighted(self, message: ResultsPane.Highlighted) -> None:
        self._look_at_result(message.item)

    def _look_at_result(self, item: Recommendation) -> None:
        if (entry := self._entry_for(item)) is not None:
            self._look_at(entry, item.reason)

    def on_results_pane_picked(self, message: ResultsPane.Picked) -> None:
        if (entry := self._entry_for(message.item)) is not None:
            self.select_movie(entry)

    def on_results_pane_filter_changed(self, message: ResultsPane.FilterChanged) -> None:
        self._choose(replace(self.query_now, movie_filter=message.movie_filter))

    # Results: build what is missing, then ask.

    def refresh_results(self) -> None:
        if self.index is None:
            return
        query, results, rated = self.query_now, self.results, self._rated()
        results.show_title(heading(query, rated, yours_shown=self.include_seen
                                   and query.strategy.leaves_out_yours))
        hint = self.engine.unavailable(query.strategy) or missing(query, rated)
        if hint:
            results.hide_progress()
            results.show_message(hint)
            if self.current is not None:
                # Still shown, as what a movie key acts on ("nolan" typed without p on the
                # person strategy hid a film the hint had taken off the screen); p offers
                # its director and cast.
                self._without_reason()
            elif (self.shown_user is None
                  and (query.movie if query.strategy.needs.movie else query.user) is None):
                self.details.show_hint(hint)
            return
        if not self.engine.is_ready(query.strategy):
            answers_now = self._answers_now(query)
            if not answers_now:
                results.clear()
                self._without_reason()
            if query.strategy in self.stopped:
                results.hide_progress()
                if not answers_now:
                    results.show_message(explain(Cancelled()))
                    return
            else:
                self.start_build(query.strategy)  # behind the lighter answer, if there is one
            if not answers_now:
                return
        if query.strategy not in self.builds:
            results.hide_progress()
        self.run_query(query)

    def _without_reason(self) -> None:
        """The current movie without the reason the list that is gone gave it."""
        if self.current is not None and self._why is not None:
            self._look_at(self.current)

    def _rated(self) -> int | None:
        """How many movies the person For you is for rated (you, or a friend: their file as
        it is now), None while it cannot be read (said when rating, or by the list)."""
        friend = self.query_now.friend
        try:
            if friend is not None:
                return len(self.friends.ratings(friend.key))
            return len(self.yours.profile().ratings)
        except RecsysError:
            return None

    def _answers_now(self, query: Query) -> bool:
        """Whether the engine answers `query` before its strategy is built, in a lighter way
        (For you with no ratings: the list to rate first)."""
        try:
            return self.engine.is_ready(query.strategy, self._ask(query))
        except RecsysError:  # a damaged file of yours: said when the query runs
            return False

    @work(thread=True, exclusive=True, group="query", exit_on_error=False)
    def run_query(self, query: Query) -> None:
        try:
            answer = self.engine.recommend(query.strategy, self._ask(query))
        except Exception as error:
            self.post_message(self.QueryFailed(query, error))
        else:
            if not get_current_worker().is_cancelled:
                self.post_message(self.ResultsReady(query, answer))

    def _ask(self, query: Query) -> Ask:
        """What `query` asks the engine, your files read afresh. Called from workers, and once
        before a build, to learn whether a lighter answer serves meanwhile (small files)."""
        return engine_ask(query, RESULTS, self.yours, self.friends,
                          include_seen=self.include_seen)

    def action_tune(self) -> None:
        """More of, or less of, a genre or keyword the list on screen carries (the one the
        keys before t chose)."""
        self.app.key_hold.open_after_typed(self, self._tune_prompt, self._tuned)

    def _tune_prompt(self) -> TunePrompt | None:
        query = self.query_now  # its list may not be on screen yet: the prompt reads it again
        if self.engine.unavailable(query.strategy) or missing(query, self._rated()):
            self.notify("t tunes the list on screen: show one first.")
            return None
        return TunePrompt(query.tuning,
                          lambda: self.engine.dimensions(query.strategy, self._ask(query)))

    def _tuned(self, tuning: Tuning | None) -> None:
        if tuning is not None:
            self._choose(replace(self.query_now, tuning=tuning))

    def on_main_screen_results_ready(self, message: MainScreen.ResultsReady) -> None:
        if message.query == self.query_now:
            before, self.shown_query = self.shown_query, message.query
            answer = message.answer
            if self.shown_user is None or before is None or (
                    before.strategy is not message.query.strategy):
                # A user in the details stays there while their list is only asked again
                # (g marks them for movie night): no movie out of sight becomes current.
                self._look_at_first(answer)
            # The cursor is on the current movie's row, or hidden (`ResultsTable`).
            if before == message.query:  # asked again: your files changed
                self.results.show_answer(*self._in_place(answer))
            else:
                # Back, and the same list drawn another way (d, t, a filter), keep their
                # place; another list opens at its top (not scrolled to the current movie's
                # row 18 of the chart), its cursor shown there only on the current movie.
                row = self._row_of_current(answer)
                kept = message.query == self._back_to or redrawn(before, message.query)
                self.results.show_answer(answer, row if kept or row == 0 else None)
            if self._export_when_shown == message.query:
                self._export_picks()

    def _in_place(self, answer: Answer) -> tuple[Answer, int | None]:
        """The list on screen asked again (your files changed), and the row for its cursor:
        the current movie's. A refill put the cursor on the first row while the movie marked
        on another stayed current ("w", then down, landed on that movie again, and "v" marked
        it seen). One you rated, saw or hid there, which the list now leaves out, keeps its
        row while you are in the list, saying what you did, until it is drawn again with
        another current (as one taken off the watchlist does from the list drawn from it, W):
        the movie a key acts on stays the one the cursor is on (rated, it vanished, and the
        cursor went to the first row), and down goes to the next."""
        items, row = answer.items, self._row_of_current(answer)
        place, shown, current = self.results.focused_row(), self.results.items, self.current
        if (row is not None or place is None or place >= len(shown) or current is None
                or self._entry_for(shown[place]) != current):
            return answer, row
        kinds = {mark.kind for mark in self._marked(current)}
        yours = what_you_did(self._yours(current), kinds)
        did = yours or ("off your watchlist" if watchlist_only(self.query_now)
                        and WATCHLIST not in kinds else "")
        if not did:
            return answer, None
        kept = replace(shown[place], on_watchlist=WATCHLIST in kinds, yours=yours,
                       reason=f"{did}: out of the list when it is drawn again")
        # Below those that were above it and still are: one kept before, which leaves now,
        # must not put the next movie above it (down would pass it by).
        above = keys_of(shown[:place])
        place = sum(bool(keys_of([item]) & above) for item in items)
        return replace(answer, items=[*items[:place], kept, *items[place:]]), place

    def _row_of_current(self, answer: Answer) -> int | None:
        return next((row for row, item in enumerate(answer.items)
                     if self._entry_for(item) == self.current), None)

    def _look_at_first(self, answer: Answer) -> None:
        """With no current movie yet, the first result is the one on screen: it becomes
        current, and the details name it. A later list never moves it, but the reason shown is
        this list's for it, or none where it is not in this list (never the last list's)."""
        if self.current is None:
            if answer.items:
                self._look_at_result(answer.items[0])
            return
        row = self._row_of_current(answer)
        why = None if row is None else answer.items[row].reason
        if why != self._why:
            self._look_at(self.current, why)

    def on_main_screen_query_failed(self, message: MainScreen.QueryFailed) -> None:
        if message.query == self.query_now:
            self.results.show_message(explain(message.error))
            if self.current is None and self.shown_user is None:
                # No first result to look at (a damaged profile, say): the movie list's row
                # on screen is the current one, so s still rates what the screen shows.
                entry = self.sidebar.movies.entry_at_cursor()
                if isinstance(entry, MovieEntry):
                    self._look_at(entry)

    # The keys' actions. The app binds the keys (as priority bindings, handled in the order
    # they came) to these, by `screen.` names: while another screen is on top, it has no such
    # action and the key goes on to it. Focus moves at once here (Screen.set_focus), for bursts
    # of keys over SSH.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter, escape and down act on a search box only when one has the focus (else the key
        goes on as usual), and backspace edits the text in a box, or the open genre list's search,
        instead of going back."""
        if action == "leave_search":
            return (self.search_box_focused() is not None
                    or self.results.is_filter_box(self.focused))
        if action in ("submit_search", "search_down"):
            return self.search_box_focused() is not None
        if action == "focus_results":  # from the lists on the left, not a box or the tabs
            return isinstance(self.focused, VirtualList)
        return not (action == "back" and isinstance(self.focused, (Input, SelectOverlay)))

    def focus_next(self, selector: str | type[QueryType] = "*") -> Widget | None:
        if selector == "*" and self.results.round_to(self.focused, self.focus_chain, 1):
            return self.focused
        return super().focus_next(selector)

    def focus_previous(self, selector: str | type[QueryType] = "*") -> Widget | None:
        if selector == "*" and self.results.round_to(self.focused, self.focus_chain, -1):
            return self.focused
        return super().focus_previous(selector)

    def action_show_list(self, name: str) -> None:
        self.sidebar.show_list(name)

    def action_focus_results(self) -> None:
        """From a list of the sidebar, right moves into the results (beside it, or below it
        on a narrow screen)."""
        if not self.results.enter():
            self.notify("No results to move into yet.")

    def action_focus_sidebar(self) -> None:
        """From the results, left moves back into the sidebar's list."""
        self.sidebar.show_list(self.sidebar.active)

    def action_focus_search(self) -> None:
        self.sidebar.focus_search()

    def search_box_focused(self) -> SearchPane | None:
        focused = self.focused
        if isinstance(focused, Input) and isinstance(focused.parent, SearchPane):
            return focused.parent
        return None

    def action_submit_search(self) -> None:
        if (pane := self.search_box_focused()) is not None:
            pane.submit()

    def action_search_down(self) -> None:
        """Down in a search box: into its list, as escape goes (`SearchPane.leave`), from the
        app's queue, so a key typed right after acts on the first match: handled once it had
        bubbled up from the box, "heat down s" over SSH typed the s into the box."""
        if (pane := self.search_box_focused()) is not None:
            pane.leave()

    def action_leave_search(self) -> None:
        """Escape in a search box: back to its list; in a filter box, the filter kept: to the
        results it filters (or the list on the left when there are none)."""
        if (pane := self.search_box_focused()) is not None:
            pane.leave()
        elif not self.results.enter():
            self.sidebar.show_list(self.sidebar.active)

    # The people of the current movie.

    def action_people(self) -> None:
        """Anyone's films: a name typed, or the current movie's director or one of its
        cast chosen."""
        self.app.key_hold.open_after_typed(
            self, self._people_prompt, lambda name: self.show_person(name) if name else None)

    def _people_prompt(self) -> PeoplePrompt:
        """The current movie's people to choose from; or, from a search of the movies that
        named a person ("nolan", said under the box), the name typed there, offered."""
        movies = self.sidebar.movies
        typed = movies.typed_person() if movies.has_focus_within else None
        entry = self._current_movie()
        if entry is None or typed is not None:
            return PeoplePrompt(None, [], self.engine.people_named, typed=typed or "")
        assert self.index is not None
        details = self.index.movies.details(entry.key)
        people = ([(details.director, "director")] if details.director else []) + [
            (name, "cast") for name in details.cast]
        return PeoplePrompt(movie_label(entry), people, self.engine.people_named)

    def action_full_details(self) -> None:
        """The details pane's whole text, over the screen, once the keys typed before have
        moved to the movie they reached."""
        self.app.key_hold.open_after_typed(self, lambda: FullDetails(
            self.details.heading, self.details.text, self.act))

    def act(self, action: str, *parameters: object) -> None:
        """One of this screen's actions by its name, with its parameters: what a key on a
        screen over this one does here (`FullDetails`)."""
        getattr(self, f"action_{action}")(*parameters)

    def show_person(self, name: str) -> None:
        strategy = self.engine.strategy_for(Need.PERSON)
        self._choose(replace(self.query_now, strategy=strategy, person=name))

    def action_quick_start(self) -> None:
        """Rounds of eight movies to rate, over this screen; each answer changes your files,
        which refreshes the results behind it. Opened from the chart before any rating (the
        header says "k for a quick start, then 6 for your picks"), closed once you rated, it
        shows For you: the picks the answers were for, not the chart again."""
        from_start = self.before_first_rating()
        self.app.push_screen(QuickStartScreen(self),
                             lambda _: self.for_you_after_first_ratings(from_start))

    def before_first_rating(self) -> bool:
        """Whether the chart is shown to someone who has rated nothing yet: the quick start
        or an import that brings their first ratings then shows For you, what they were for."""
        return self._rated() == 0 and self.strategy.needs is Need.NOTHING

    def for_you_after_first_ratings(self, from_start: bool) -> None:
        if from_start and self._rated() and self.strategy.needs is Need.NOTHING:
            for_you = self.engine.strategy_for(Need.PROFILE)
            self._choose(replace(self.query_now, strategy=for_you))

    def action_discovery(self) -> None:
        """The next discovery setting: 0 (the model's order), 0.25, 0.5, 0.75, 1, then 0."""
        now = self.query_now.discovery
        level = next((level for level in LEVELS if level > now), LEVELS[0])
        self.app.notes.say(DISCOVERY, f"Discovery {level:g}: " + (
            "the model's order." if not level else
            "less known and more varied picks, each saying what it adds"
            + (", in the order chosen: the model's best, then what the setting brings."
               if as_chosen(level) else ".")))
        self._choose(replace(self.query_now, discovery=level))

    def action_only_watchlist(self) -> None:
        """The list drawn from your watchlist alone (at a movie night, everyone's there), best
        first (W again: from every movie)."""
        query = replace(self.query_now, only_watchlist=not self.query_now.only_watchlist)
        if query.only_watchlist and not watchlist_only(query):
            self.notify("W draws your own lists and movie night from watchlists, not a "
                        "MovieLens user's picks or a friend's.", markup=False)
            return
        whose = ("the watchlists of everyone at movie night"
                 if self.strategy.needs is Need.GROUP else "your watchlist")
        self.notify(f"From {whose} alone, best first: what to watch tonight."
                    if query.only_watchlist else "From every movie again.")
        self._choose(query)

    def action_include_seen(self) -> None:
        """Show again (or leave out again) what you rated, saw or hid."""
        self.include_seen = not self.include_seen
        learns = (" For you learns from what you rated or saw, and never lists it."
                  if self.include_seen and self.strategy.needs is Need.PROFILE else "")
        self.notify(("Showing the movies you rated or saw (✓) and hid (✕)."
                     if self.include_seen else "Leaving out the movies you rated, saw or hid.")
                    + learns)
        if self.strategy.leaves_out_yours:
            self.refresh_results()

    # Your lists, in the sidebar.

    def action_your_lists(self) -> None:
        """Your lists in turn: rated, watchlist, seen, hidden, then rated again."""
        self.sidebar.next_of_yours()

    def _sort(self) -> None:
        """The list of yours on the sidebar in its next order: date, title, stars; else a
        movie night's order (least misery, average), once the keys before o are in ("8 o")."""
        if self.sidebar.active not in LISTS and self.strategy.needs is Need.GROUP:
            order = movie_night.other_order(self.query_now.group_by)
            self._choose(replace(self.query_now, group_by=order))
        elif not self.sidebar.sort_yours():
            self.notify("o sorts your lists (press y for them) and orders a movie night "
                        "(key 8).")

    action_sort = in_typed_order(_sort)

    def _clear_filters(self) -> None:
        """c: every filter back to any at once (a box at a time, and the genre's list, was
        five stops to see the whole list again)."""
        if not self.results.clear_filters():
            self.notify("No filter is set: tab goes to them, above the results.")

    action_clear_filters = in_typed_order(_clear_filters)

    def action_group(self) -> None:
        """The user under the cursor in the Users list joins movie night, or leaves it (the
        list binds g: `MarkingList`; elsewhere the app's g says how)."""
        users = self.sidebar.users
        entry = users.entry_at_cursor() if users.list.has_focus else None
        if not isinstance(entry, UserEntry):
            self.notify("g marks people for movie night: press u, move to a user (You too), "
                        "then g.")
            return
        self._join_or_leave(entry)

    def action_group_shown(self) -> None:
        """g in a user's details whole (`f`), which say to press it: that user."""
        if self.shown_user is None:
            self.action_group()  # a movie's: how g is used
        else:
            self._join_or_leave(self.shown_user)

    def _join_or_leave(self, entry: UserEntry) -> None:
        group = movie_night.toggled(self.query_now.group, entry)
        together = self.engine.strategy_for(Need.GROUP)
        hint = "" if self.strategy is together else f" Press {together.key} for {together.name}."
        self.app.notes.say(MOVIE_NIGHT, movie_night.joined(entry, group) + hint)
        self._choose(replace(self.query_now, group=group))

    def _current_movie(self) -> MovieEntry | None:
        if self.current is None:
            self.notify("Highlight a movie first: in a list or in the results.",
                        severity="warning")
        return self.current
