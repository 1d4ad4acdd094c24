"""One of your lists in the sidebar (rated, watchlist, seen, not interested): searched as the
movies are, sorted newest first, by title or by stars (o), each row a movie every movie key
acts on."""

from __future__ import annotations

from typing import ClassVar

from tui_recsys.app.widgets.search_pane import MoviesPane, SearchPane
from tui_recsys.data.list_orders import NAMES as ORDER_NAMES
from tui_recsys.data.list_orders import ORDERS, next_order
from tui_recsys.data.marks_file import HIDDEN, SEEN, WATCHLIST
from tui_recsys.engine.catalog.your_lists import RATED, YourList
from tui_recsys.text import plural

TITLES = {RATED: "Rated", WATCHLIST: "Watchlist", SEEN: "Seen", HIDDEN: "Hidden"}  # its tab
EMPTY = {RATED: "No ratings yet: s rates the movie you look at, + likes it, - dislikes it.",
         WATCHLIST: "Nothing on your watchlist yet: w saves the movie you look at.",
         SEEN: "Nothing marked seen yet: v marks the movie you look at.",
         HIDDEN: "Nothing hidden yet: n says you are not interested in the movie you look at."}
NOUNS = {RATED: "rated", WATCHLIST: "on your watchlist", SEEN: "seen", HIDDEN: "hidden"}


class YourListPane(SearchPane[YourList]):
    """A movie picked or looked at here is posted as the movies list posts it: the screen
    treats both alike."""

    placeholder = "search this list (/)"
    noun = "movies"
    Picked: ClassVar = MoviesPane.Picked
    Highlighted: ClassVar = MoviesPane.Highlighted
    follows_changes = True

    def __init__(self, kind: str, *, id: str) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.order = ORDERS[0]  # how the list is sorted (o: the next)

    def identity(self, key: int) -> object:
        assert self.table is not None
        return self.table.rows[key].key  # the catalogue's movie

    def _label(self, key: int) -> tuple[str, str]:
        assert self.table is not None
        row, entry = self.table.rows[key], self.table.entry(key)
        if row.stars is None:
            stars = ""
        elif self.kind == RATED:
            stars = f"{row.stars:g}★"
        else:
            stars = f"avg {row.stars:.1f}"
        return entry.title, f"{entry.year or '':>4} {stars:>7} {row.day:>10}"

    def count(self, query: str, found: int, *, nearest: bool = False) -> str:
        """How many, in which order and what o does; what the catalogue lacks, if any."""
        assert self.table is not None
        table = self.table
        if not len(table) and not query:
            return EMPTY[self.kind]
        said = (f"{plural(len(table), 'movie')} {NOUNS[self.kind]}" if not query
                else super().count(query, found, nearest=nearest))
        order = f"{ORDER_NAMES[self.order]} (o: {ORDER_NAMES[next_order(self.order)]})"
        lacking = f", {table.missing:,} not in this catalogue" if table.missing else ""
        return f"{said}{lacking} · {order}"
