"""A search box over a VirtualList: one for movies, one for users.

Each pane turns its own list's events into what they mean (a movie or a user picked or looked
at), so the screen above it never asks which list an event came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np
from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui_recsys.app.labels import movie_row, user_row
from tui_recsys.app.typed_order import Answering, tell_parent
from tui_recsys.app.widgets.text_box import TextBox
from tui_recsys.app.widgets.virtual_list import VirtualList
from tui_recsys.data.links import unreadable_link
from tui_recsys.data.titles import fold
from tui_recsys.engine.catalog.entries import MovieEntry, UserEntry
from tui_recsys.engine.catalog.index import MovieIndex, UserIndex
from tui_recsys.engine.catalog.your_lists import YourList
from tui_recsys.errors import RecsysError
from tui_recsys.text import echo

Table = TypeVar("Table", MovieIndex, UserIndex, YourList)
NEAREST = 20  # spellings listed for a typo that matches nothing


class SearchPane(Vertical, Answering, Generic[Table]):
    """Filters as you type, off the UI thread; only the newest query's answer is shown.

    Enter picks the first match of what was typed, even when it is pressed before that search
    has answered (a fast typist, or a list still loading): the pick waits for the answer.
    """

    DEFAULT_CSS = """
    SearchPane { height: 1fr; }
    SearchPane > Input { margin: 0 1; }
    SearchPane > .search-count { height: 1; padding: 0 1; color: $text-muted; }
    """
    placeholder: ClassVar[str]
    list_type: ClassVar[type[VirtualList]] = VirtualList
    noun: ClassVar[str]
    # What a row reads as, and the messages for a row picked and a row looked at (nested on
    # each pane, so the screen's handler names say which list it was).
    row: ClassVar[Callable[[Any], tuple[str, str]]]
    Picked: ClassVar[Callable[[Any], Message]]
    Highlighted: ClassVar[Callable[[Any], Message]]
    follows_changes: ClassVar[bool] = False  # its rows change as the user acts on them
    offers_nearest: ClassVar[bool] = False  # a typo that matches nothing lists what is near

    def __init__(self, *, id: str, first_focus: bool = False) -> None:
        super().__init__(id=id)
        self._first_focus = first_focus  # its list takes the focus when the screen starts
        self.table: Table | None = None
        self._shown: str | None = None  # the query whose matches the list shows
        self._pick_for: str | None = None  # enter was pressed on it: pick its first match
        self._look_for: str | None = None  # escape was pressed on it: look at its first match
        # Enter or escape was pressed, and its first match is not picked or looked at yet:
        # what acts on the current movie waits (`after_answer`), then these run.
        # The movie or user (its `identity`) the cursor stays on when the rows are next shown,
        # else the row it stays at; None: the first row, as a fresh list has it.
        self._keep: tuple[object, int] | None = None

    def compose(self) -> ComposeResult:
        yield TextBox(placeholder=self.placeholder, classes="search-box", compact=True)
        yield Static("loading…", classes="search-count", markup=False)
        yield self.list_type(self._label)

    def on_mount(self) -> None:
        """Focused here, where its list surely is: from the screen's own mount, the list,
        inside a tab, was under load not composed yet, and the start failed."""
        if self._first_focus:
            self.screen.set_focus(self.list)

    def _entry(self, key: int) -> MovieEntry | UserEntry:
        assert self.table is not None  # rows are shown only once the table is there
        return self.table.entry(key)

    def _label(self, key: int) -> tuple[str, str]:
        return self.row(self._entry(key))

    def entry_at_cursor(self) -> MovieEntry | UserEntry | None:
        key = self.list.current
        return None if key is None or self.table is None else self._entry(key)

    @property
    def list(self) -> VirtualList:
        return self.query_one(VirtualList)

    @property
    def box(self) -> Input:
        return self.query_one(Input)

    def identity(self, key: int) -> object:
        """What a row stands for, the same in a new table of the same things."""
        return key

    def configure(self, table: Table, *, keep_place: bool = False) -> None:
        """Show `table`'s rows matching what is typed; `keep_place` (a list changed under
        the cursor, or sorted): the cursor stays on its movie where it is still listed, else
        at its row; without, it goes to the first."""
        current = self.list.current
        self._keep = (None if not keep_place or current is None or self.table is None
                      else (self.identity(current), self.list.cursor))
        self.table = table
        if self.box.value:
            self.run_search(self.box.value)
        else:  # every row, in order: nothing to compute, so no worker round trip
            self._show("", np.arange(len(table)))

    @on(VirtualList.Selected)
    def _selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        tell_parent(self, self.Picked(self._entry(event.key)))

    @on(VirtualList.Highlighted)
    def _highlighted(self, event: VirtualList.Highlighted) -> None:
        event.stop()
        tell_parent(self, self.Highlighted(self._entry(event.key)))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.table is not None:
            self.run_search(event.value)

    def submit(self) -> None:
        """Enter in the box. The app calls this from its own queue, in the order keys came,
        while letters typed just before may still wait in the box's queue: the list takes the
        focus at once (so a key typed right after is a key, not a letter), and the pick waits
        for the box to take its letters, then for their search to answer; so does a key
        typed after that acts on the movie picked (`after_answer`)."""
        self.screen.set_focus(self.list)
        self.awaiting()
        self.box.call_later(self._pick_what_was_typed)

    def leave(self) -> None:
        """Escape (or down) in the box: the list takes the focus at once, and the first match
        of what was typed becomes the movie looked at, also when its search answers only
        later."""
        self.screen.set_focus(self.list)
        self.awaiting()
        self.box.call_later(self._look_at_what_was_typed)

    def _look_at_what_was_typed(self) -> None:
        if self._shown != self.box.value:
            self._look_for = self.box.value
        else:
            self.answered()

    def _pick_what_was_typed(self) -> None:
        if self._shown == self.box.value:
            self._pick()
            self.answered()
        else:
            self._pick_for = self.box.value

    def _pick(self) -> None:
        """The first match of what was typed, told to the screen from here: ahead of what
        waits for it (`after_answer`), which follows it up the same way."""
        if (entry := self.entry_at_cursor()) is not None:
            tell_parent(self, self.Picked(entry))

    @dataclass
    class Answered(Message):
        """The matches of one query, from the search worker."""

        query: str
        keys: np.ndarray
        nearest: bool = False  # no row holds the query: `keys` are spelled near it

    @dataclass
    class PersonMeant(Message):
        """Whose films a query may have meant, once its rows are shown."""

        query: str
        person: str
        found: int  # rows shown
        nearest: bool  # none holds the query

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        assert self.table is not None
        keys, nearest = (self.table.search_or_nearest(query, NEAREST) if self.offers_nearest
                         else (self.table.search(query), False))
        if get_current_worker().is_cancelled:
            return
        self.post_message(self.Answered(query, keys, nearest))
        # After the rows: the person model may be built for it, once.
        person = self.person_meant(query, keys, nearest)
        if person is not None and not get_current_worker().is_cancelled:
            self.post_message(self.PersonMeant(query, person, len(keys), nearest))

    def person_meant(self, query: str, keys: np.ndarray, nearest: bool) -> str | None:
        """Whose films `query`, answered by `keys`, may have meant: nobody's, in a list that
        is not of films."""
        return None

    def on_search_pane_answered(self, message: Answered) -> None:
        message.stop()
        self._show(message.query, message.keys, nearest=message.nearest)

    def say(self, text: str) -> None:
        """`text` where the count goes: why the list cannot be shown."""
        self.query_one(".search-count", Static).update(text)

    def count(self, query: str, found: int, *, nearest: bool = False) -> str:
        """The line under the box: how many rows, or how many match what is typed."""
        total = self.total()
        if not query:
            return f"{total:,} {self.noun}"
        if found and nearest:
            return f"no {self.noun} match {echo(query)}; the nearest spellings:"
        if found:
            return f"{found:,} of {total:,} {self.noun}"
        if (why := unreadable_link(query)) is not None:
            return f"{echo(query)} {why}"
        if not fold(query):
            return f"{echo(query)} holds no letter or digit to search by"
        return f"no {self.noun} match {echo(query)}: try fewer letters, or escape"

    def total(self) -> int:
        """How many rows the list holds, searched or not."""
        assert self.table is not None
        return len(self.table)

    def _show(self, query: str, keys: np.ndarray, *, nearest: bool = False) -> None:
        if query != self.box.value or self.table is None:
            return
        self.say(self.count(query, len(keys), nearest=nearest))
        # The first match of what is being typed is what the user looks at; a list merely
        # filled (at start) leaves the details where they are.
        at = 0
        if self._keep is not None:
            wanted, at = self._keep
            at = next((i for i, key in enumerate(keys) if self.identity(int(key)) == wanted), at)
        # A list of yours changed (or sorted, or brought into view) while the user is in it:
        # the row now under the cursor is the one the keys act on.
        moved = self.follows_changes and self.list.has_focus
        self.list.set_rows(keys, announce=self.box.has_focus or self._look_for == query or moved,
                           at=at)
        pick, look = self._pick_for, self._look_for
        self._shown, self._keep, self._pick_for, self._look_for = query, None, None, None
        if pick == query:
            self._pick()
        if pick is not None or look is not None:  # answered, or typed on since: not awaited
            self.answered()


class MoviesPane(SearchPane[MovieIndex]):
    placeholder = "search movies (/)"
    noun = "movies"
    offers_nearest = True  # "godfahter": The Godfather
    row = staticmethod(movie_row)

    def __init__(self, person_meant: Callable[[str, np.ndarray, bool], str | None], *, id: str,
                 first_focus: bool = False) -> None:
        """`person_meant` (`Engine.person_meant`): whose films a search may have meant
        ("nolan", "kubrick"), said under the box and offered by p (`typed_person`)."""
        super().__init__(id=id, first_focus=first_focus)
        self._person_meant = person_meant
        self._named: str | None = None  # the last query said to name a person

    def person_meant(self, query: str, keys: np.ndarray, nearest: bool) -> str | None:
        try:
            return self._person_meant(query, keys, nearest)
        except (RecsysError, OSError):  # no hint; the person strategy says why when used
            return None

    def on_search_pane_person_meant(self, message: SearchPane.PersonMeant) -> None:
        message.stop()
        if message.query != self.box.value:
            return  # typed on since: its own answer is on the way
        self._named = message.query
        # What to do first: at 40 columns the line ends where the name did.
        self.say(f"escape, p: {message.person}'s films " + (
            f"(no title holds {echo(message.query)})" if message.nearest
            else f"· {self.count(message.query, message.found)}"))

    def typed_person(self) -> str | None:
        """What is typed in the box, where its search named a person: the name p starts
        from."""
        return self._named if self._named == self.box.value else None

    @dataclass
    class Picked(Message):
        entry: MovieEntry

    @dataclass
    class Highlighted(Message):
        entry: MovieEntry


MARKER = "♥ "  # before a user marked for movie night
WHO_WIDTH_MOST = 8  # a longer friend's name pushes only its own row's genres along


class MarkingList(VirtualList):
    """The users list, where g marks the user under the cursor for movie night. Bound here,
    not app-wide, so that the key is handled in this list's queue, after any move typed just
    before it: "g, down, g" over SSH marks two people."""

    BINDINGS = [Binding("g", "screen.group", "Movie night", show=False)]


class UsersPane(SearchPane[UserIndex]):
    """MovieLens' users, led by You (your profile) and your friends (their files) when what is
    typed could be their name."""

    list_type = MarkingList
    placeholder = "search users by id, genre or name"
    noun = "users"

    @dataclass
    class Picked(Message):
        entry: UserEntry

    @dataclass
    class Highlighted(Message):
        entry: UserEntry

    people: tuple[UserEntry, ...] = ()  # You and friends: keys no MovieLens user has
    marked: frozenset[int] = frozenset()  # keys of the people marked for movie night

    def mark(self, keys: frozenset[int]) -> None:
        if keys != self.marked:
            self.marked = keys
            self.list.refresh()

    who_width = 3  # the widest MovieLens id or name, so that the genres line up

    def _label(self, key: int) -> tuple[str, str]:
        left, right = user_row(self._entry(key), self.who_width)
        if not self.marked:
            return left, right
        return f"{MARKER if key in self.marked else ' ' * len(MARKER)}{left}", right

    def configure(self, table: UserIndex, *, keep_place: bool = False) -> None:
        ids = table.columns["user_id"]
        names = [cell_len(person.name) for person in self.people]
        self.who_width = max([len(str(int(np.max(ids)))) if len(ids) else 1,
                              *(width for width in names if width <= WHO_WIDTH_MOST)])
        super().configure(table, keep_place=keep_place)

    def show_people(self, people: list[UserEntry]) -> None:
        """You and your friends as their files hold them now, the cursor kept on its user: it
        went back to You at each of your ratings, while the details still showed user 42."""
        if tuple(people) == self.people:
            return
        shown, self.people = bool(self.people), tuple(people)
        if self.table is not None:  # at start, on You: the first user, not MovieLens' first
            self.configure(self.table, keep_place=shown)

    def total(self) -> int:
        """MovieLens' users and the people above them: "1 of 610 users" named a friend."""
        return super().total() + len(self.people)

    def _entry(self, key: int) -> MovieEntry | UserEntry:
        return next((person for person in self.people if person.key == key), None) or (
            super()._entry(key))

    def _show(self, query: str, keys: np.ndarray, *, nearest: bool = False) -> None:
        typed = query.strip().casefold()
        named = [person.key for person in self.people
                 if person.name.casefold().startswith(typed)]
        super()._show(query, np.concatenate((np.array(named, dtype=keys.dtype), keys)),
                      nearest=nearest)
