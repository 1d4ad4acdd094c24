"""The lists on the left: the movies, the users (You first), and yours (rated, watchlist,
seen, not interested), one tab each, every one searchable. Your lists are read from your files
whenever they show or change, since the command line may change those files while the app
runs; a file that cannot be read is said in the list, not raised."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import TabbedContent, TabPane

from tui_recsys.app.crash import explain
from tui_recsys.app.friends import Entries, Friends
from tui_recsys.app.widgets.search_pane import MoviesPane, SearchPane, UsersPane
from tui_recsys.app.widgets.text_box import pasted_line
from tui_recsys.app.widgets.your_list_pane import TITLES, YourListPane
from tui_recsys.app.your_files import YourFiles
from tui_recsys.data.list_orders import next_order
from tui_recsys.engine.catalog.index import CatalogIndex, MovieIndex
from tui_recsys.engine.catalog.your_lists import LISTS, your_list
from tui_recsys.errors import RecsysError

if TYPE_CHECKING:
    import numpy as np


class ListTabs(TabbedContent):
    """The tabs of the lists. Focusing a list tells its tab to show, by a message handled
    after the keys typed with it: "y y" in a burst showed the watchlist, then the Rated tab's
    late message showed Rated again, hiding the list that had the focus, which went to a
    search box, so the next key was typed there. A tab shows on such a message only while
    what has the focus is still in it."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        focused = self.screen.focused
        if focused is None or event.tab_pane not in focused.ancestors_with_self:
            event.prevent_default()  # stale: TabbedContent's own handler is not run
            event.stop()


class Sidebar(Vertical):
    def __init__(self, yours: YourFiles, friends: Friends,
                 person_meant: Callable[[str, np.ndarray, bool], str | None], *,
                 id: str) -> None:
        """`person_meant`: whose films a movie search may have meant (`MoviesPane`)."""
        super().__init__(id=id)
        self.yours, self.friends, self._person_meant = yours, friends, person_meant
        self._movies: MovieIndex | None = None  # once the catalogue is read
        self._you = Entries()

    def compose(self) -> ComposeResult:
        with ListTabs(id="lists"):
            with TabPane("Movies", id="movies"):
                yield MoviesPane(self._person_meant, id="movie-search", first_focus=True)
            with TabPane("Users", id="users"):
                yield UsersPane(id="user-search")
            for kind in LISTS:
                with TabPane(TITLES[kind], id=kind):
                    yield YourListPane(kind, id=f"{kind}-list")

    def on_descendant_focus(self) -> None:
        self.fit_to_focus()

    def on_descendant_blur(self) -> None:
        self.fit_to_focus()

    def fit_to_focus(self) -> None:
        """On a tiny, narrow screen (a small tmux split) the lists keep two rows (the
        stylesheet) but while you are in them, when they take five. Set here rather than by a
        `:focus-within` rule: for such a rule Textual restyles all the sidebar's widgets at
        every focus change in or out of it, a quarter of a move's CPU (a move between the lists
        and the results on the real data at 120x40: 201-213 ms with the rule, 151-167
        without)."""
        if not self.is_attached:  # a blur as the app closes
            return
        screen = self.screen
        tiny_split = screen.has_class("-tiny") and screen.has_class("-narrow")
        self.styles.height = 5 if tiny_split and self.has_focus_within else None

    @property
    def active(self) -> str:
        """The tab on show: movies, users, or one of yours (LISTS)."""
        return self.query_one(TabbedContent).active

    def pane(self, name: str) -> SearchPane:
        """The list on the tab `name`."""
        return self.query_one(f"#{name}", TabPane).query_one(SearchPane)

    def your_list_pane(self, kind: str) -> YourListPane:
        return self.query_one(f"#{kind}", TabPane).query_one(YourListPane)

    @property
    def movies(self) -> MoviesPane:
        return self.query_one(MoviesPane)

    @property
    def users(self) -> UsersPane:
        return self.query_one(UsersPane)

    def configure(self, index: CatalogIndex) -> None:
        """Fill every list once the catalogue is read."""
        self._movies = index.movies
        self.movies.configure(index.movies)
        self.users.configure(index.users)
        self.show_people()
        self.show_your_lists()

    def show_list(self, name: str) -> None:
        """The tab `name` on show, its list focused (at once: keys typed next go to it)."""
        self.query_one(TabbedContent).active = name
        self.screen.set_focus(self.pane(name).list)

    def focus_search(self) -> None:
        self.screen.set_focus(self.pane(self.active).box)

    def search_pasted(self, text: str) -> None:
        """`text`, pasted outside a text box (a title copied from a web page or a message),
        searched afresh in the list on show: it went nowhere."""
        box = self.pane(self.active).box
        box.value = pasted_line(text)  # as a paste into the box is read; one search
        box.cursor_position = len(box.value)
        self.screen.set_focus(box)

    def next_of_yours(self) -> None:
        """Your lists in turn: rated, watchlist, seen, hidden, then rated again."""
        active = self.active
        self.show_list(LISTS[(LISTS.index(active) + 1) % len(LISTS)] if active in LISTS
                       else LISTS[0])

    def sort_yours(self) -> bool:
        """The list of yours on show in its next order (date, title, stars), the cursor kept
        on its movie; False when none of yours is on show. From the top it stays at the top:
        the first movie is where a list opens, not one chosen, and kept it showed 2,698
        ratings "by title" from The Great Outdoors."""
        kind = self.active
        if kind not in LISTS:
            return False
        pane = self.your_list_pane(kind)
        pane.order = next_order(pane.order)
        self.show_your_lists(kind, fresh=pane.list.cursor == 0)
        return True

    def show_people(self) -> None:
        """You and your friends, leading the users list; a profile that cannot be read is
        said when rating (yours) or at movie night (a friend's)."""
        if self._movies is None:
            return
        try:
            you = [self._you.of(self.yours.profile(), self._movies)]
        except RecsysError:
            you = []
        self.users.show_people([*you, *self.friends.entries(self._movies)])

    def show_your_lists(self, *kinds: str, fresh: bool = False) -> None:
        """Fill your lists of `kinds` (all when none) from the files as they are now, each
        cursor kept on its movie (or its row), or with `fresh` (a list brought into view) on
        the first."""
        if self._movies is None:
            return
        try:
            profile, marks = self.yours.profile(), self.yours.marks()
        except RecsysError as error:
            for kind in kinds or LISTS:
                self.your_list_pane(kind).say(explain(error))
            return
        for kind in kinds or LISTS:
            pane = self.your_list_pane(kind)
            pane.configure(your_list(kind, pane.order, profile, marks, self._movies),
                           keep_place=not fresh)

    @on(TabbedContent.TabActivated, "#lists")
    def _list_shown(self, event: TabbedContent.TabActivated) -> None:
        """A list brought into view shows the files as they are now: the command line, or a
        friend sending a newer export, may have changed them."""
        if event.pane.id in LISTS:
            self.show_your_lists(event.pane.id, fresh=True)
        elif event.pane.id == "users":
            self.show_people()
