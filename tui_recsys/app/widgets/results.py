"""The right-hand pane: the filters, build progress, the results and a user's favourites.

Everything here that can hold a title, a name or a path is shown literally: Statics are made
with markup off and table cells are Text, never a string Textual would parse as markup. The
pane owns its inner events: the filters become a FilterChanged, a row a ResultHighlighted or a
ResultPicked, so the screen never reads a widget's id.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, Input, ProgressBar, Select, Static

from tui_recsys.app.typed_order import tell_parent
from tui_recsys.app.widgets.text_box import TextBox
from tui_recsys.app.widgets.type_ahead_select import TypeAheadSelect
from tui_recsys.engine.answer import NOT_INTERESTED, Answer, Recommendation
from tui_recsys.engine.question import MovieFilter
from tui_recsys.engine.typed_filters import (
    parse_language,
    parse_min_votes,
    parse_runtime,
    parse_years,
)
from tui_recsys.errors import RecsysError
from tui_recsys.text import bar, clean

# Each box of the filter bar: the label before it (it stays when the box is filled), an example
# shown in it while it has focus and is empty, and what reads its text (a UsageError if it
# cannot). An empty box without focus reads UNSET: its example there looked like a filter set
# ("years 1990-1999" over a chart of every year). The genre is a list to choose from, before them.
FILTER_BOXES: dict[str, tuple[str, str, Callable[[str], Any]]] = {
    "years": ("years", "1990-1999", parse_years), "runtime": ("mins", "90-120", parse_runtime),
    "language": ("lang", "fr", parse_language), "votes": ("votes≥", "100", parse_min_votes)}
UNSET = "any"
NO = "no "  # a genre's option that leaves it out ("no Horror"), after those that keep to one
# The columns the filter bar takes on one row; a narrower pane (a phone over SSH, a split
# window) puts the boxes after the years on a second row, where the last had gone off screen.
FILTERS_WIDTH = 80
BAR_WIDTH = 5
FIXED = (("#", 3), ("Year", 4), ("Score", 5 + 1 + BAR_WIDTH))
STARS = ("Stars", 5)  # predicted stars, beside the score that orders a ranked list
TITLE_SHARE = 0.55  # of the room left after the fixed columns; the reason gets the rest
MIN_TITLE, MIN_WHY = 16, 12
PADDING = 2  # DataTable pads every cell by one on each side


def score_bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, in eighths, padded to `width`: readable without colour."""
    return bar(fraction, width).ljust(width)


def bar_scale(scores: Sequence[float]) -> tuple[float, float]:
    """Where a bar starts and ends: from zero when the scores spread widely (similarities of
    0.1 to 0.5), else from below the lowest, so that the last of a tight list (weighted ratings
    of 7.6 to 8.1) still shows half a bar and the drop from the first is visible."""
    if not scores:
        return 0.0, 0.0
    low, high = min(scores), max(scores)
    return (max(0.0, 2 * low - high) if low >= 0 else 2 * low - high), high


def cut(text: str, width: int) -> Text:
    """`text` in at most `width` cells, ending in an ellipsis when cut."""
    cell = Text(text, no_wrap=True, overflow="ellipsis")
    cell.truncate(max(width, 1), overflow="ellipsis")
    return cell


def column_widths(total: int, fixed: Sequence[tuple[str, int]] = FIXED,
                  longest: int | None = None) -> tuple[int, int]:
    """Title and reason widths that fill `total` cells beside the fixed columns; the title
    takes no more than the `longest` title needs, and the reason the rest."""
    room = total - sum(width for _, width in fixed) - PADDING * (len(fixed) + 2) - 2
    title = max(MIN_TITLE, round(room * TITLE_SHARE))
    if longest is not None:
        title = max(MIN_TITLE, min(title, longest))
    return title, max(MIN_WHY, room - title)


class ResultsTable(DataTable[Any]):
    """A table of picks, its rows whole (nothing to scroll sideways), so left goes back to
    the list beside it, as right came from there.

    Its cursor is hidden while no row of it is the current movie (a list drawn for a film it
    does not hold, "like" that film): every movie key acts on the current movie, and a
    highlighted first row said otherwise (`w` there saved the film the list was like, and
    enter walked to the highlighted one). The first key that moves in the table, enter, or a
    click shows the cursor, on the first row (a click: on its row), which becomes current."""

    BINDINGS = [Binding("left", "screen.focus_sidebar", "To the list", show=False),
                *(Binding(key, f"move('{action}')", show=False) for key, action in (
                    ("up", "cursor_up"), ("down", "cursor_down"), ("pageup", "page_up"),
                    ("pagedown", "page_down"), ("ctrl+home", "scroll_top"),
                    ("ctrl+end", "scroll_bottom"), ("enter", "select_cursor")))]

    @dataclass
    class Shown(Message):
        """The hidden cursor shown (on the first row, or the row clicked)."""

        table: ResultsTable

    def reveal(self, row: int = 0) -> bool:
        """Show a hidden cursor on `row`; whether it was hidden."""
        if self.show_cursor or not 0 <= row < self.row_count:
            return False
        self.show_cursor = True
        self.move_cursor(row=row, animate=False)
        self.post_message(self.Shown(self))
        return True

    def action_move(self, action: str) -> None:
        """A key that moves in the table (or enter): shows a hidden cursor, else moves."""
        if not self.reveal():
            getattr(super(), f"action_{action}")()

    async def _on_click(self, event: events.Click) -> None:
        """A click on a row shows a hidden cursor there (it would have chosen the row the
        hidden cursor was on, as a second click does)."""
        row = event.style.meta.get("row")
        if isinstance(row, int) and self.reveal(row):
            event.stop()
        else:
            await super()._on_click(event)


class ResultsPane(Vertical):
    @dataclass
    class Picked(Message):
        """A result chosen (enter): its movie becomes the one asked about."""

        item: Recommendation

    @dataclass
    class Highlighted(Message):
        """A result looked at: its movie, and why it was recommended, in the details."""

        item: Recommendation

    @dataclass
    class FilterChanged(Message):
        movie_filter: MovieFilter

    # What comes and goes (a build's progress, the line under the title, a message, the
    # favourites) is shown by the widget's own class or display, never by a class on the pane:
    # a class on the pane restyled its thirty widgets, 35 ms each time, three times a list.
    DEFAULT_CSS = """
    ResultsPane { height: 3fr; }
    ResultsPane > #results-title { height: 1; padding: 0 1; text-style: bold; color: $accent;
                                   text-wrap: nowrap; text-overflow: ellipsis; }
    ResultsPane > #filters { height: 1; padding: 0 1; }
    ResultsPane #filters > .filter-group { width: auto; height: 1; }
    ResultsPane.-slim > #filters { layout: vertical; height: 2; }
    ResultsPane #filters .filter-label { width: auto; margin: 0 1 0 2; color: $text-muted; }
    ResultsPane #filters TextBox.-invalid { color: $error; text-style: underline; }
    ResultsPane > #results-line { height: auto; max-height: 2; padding: 0 1; color: $text-muted;
                                display: none; text-overflow: ellipsis; }
    ResultsPane > #results-line.-shown { display: block; }
    ResultsPane #genre { width: 20; }
    ResultsPane #years { width: 10; }  /* "1990-1999" and the cursor after it */
    ResultsPane #runtime { width: 8; }  /* "100-180" and the cursor */
    ResultsPane #language { width: 4; }
    ResultsPane #votes { width: 6; }
    ResultsPane > #build { height: 1; display: none; padding: 0 1; }
    ResultsPane #build-bar { width: 26; }
    ResultsPane #build-status { width: 1fr; margin-left: 1; color: $warning;
                                text-wrap: nowrap; text-overflow: ellipsis; }
    ResultsPane > #results-message { display: none; padding: 1 2; color: $text-muted; }
    ResultsPane > #results { height: 1fr; overflow-x: hidden; }
    ResultsPane > #favourites { overflow-x: hidden; }
    ResultsPane > #favourites-title, ResultsPane > #favourites { display: none; }
    ResultsPane > #favourites-title.-shown { display: block; height: 1; padding: 0 1; }
    ResultsPane > #favourites.-shown { display: block; height: 7; }
    ResultsPane > #favourites-line { display: none; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Recommendation] = []
        self.favourites: list[Recommendation] = []
        self._indeterminate: tuple[str, float] | None = None  # its message, since when
        # Per table, the RowHighlighted events its fills will post (DataTable posts one for
        # row 0 as a fill adds its first row): those are not the user moving.
        self._fills: dict[str | None, int] = {}
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        boxes = iter(FILTER_BOXES.items())
        with Horizontal(id="filters"):
            with Horizontal(classes="filter-group"):
                yield TypeAheadSelect([], prompt="All genres", id="genre", compact=True)
                yield from self._filter_box(*next(boxes))
            with Horizontal(classes="filter-group"):
                for name, entry in boxes:
                    yield from self._filter_box(name, entry)
        yield Static("", id="results-title", markup=False)
        yield Static("", id="results-line", markup=False)
        with Horizontal(id="build"):
            yield ProgressBar(total=100, show_eta=False, id="build-bar")
            yield Static("", id="build-status", markup=False)
        yield Static("", id="results-message", markup=False)
        yield ResultsTable(id="results", cursor_type="row", zebra_stripes=True)
        yield Static("", id="favourites-title", markup=False)
        yield ResultsTable(id="favourites", cursor_type="row")
        yield Static("", id="favourites-line", markup=False)

    @staticmethod
    def _filter_box(name: str, entry: tuple[str, str, Callable[[str], Any]]) -> ComposeResult:
        yield Static(entry[0], classes="filter-label", markup=False)
        yield TextBox(placeholder=UNSET, id=name, compact=True)

    def enter(self) -> bool:
        """Focus the picks (the first row-holding table); whether there were any."""
        for table in self.query(ResultsTable):
            if table.display and table.row_count:
                self.screen.set_focus(table)  # at once: "→ ↓" typed together moves in it
                # A hidden cursor (on the first row) shown at once too, so the ↓ moves from
                # it; `_entered` makes its row current, once (`reveal` would tell it again).
                table.show_cursor = True
                return True
        return False

    def round_to(self, focused: Widget | None, chain: list[Widget], step: int) -> bool:
        """Tab (`step` 1) from the last of the picks goes round to the filters above them, as
        the help says tab does, and shift+tab (-1) from the first filter back to the picks:
        the filters and the picks are one ring (left leaves it for the lists, as right
        enters it). Tab went on to the tabs atop the screen, where "80s", typed for the
        years, chose a strategy (8) and opened the rating (s). `chain`: the screen's focus
        order; whether the focus moved here."""
        mine = [widget for widget in chain if self in widget.ancestors]
        if (len(mine) < 2 or not isinstance(mine[-1], ResultsTable)  # no picks: no ring
                or focused is not (mine[-1] if step > 0 else mine[0])):
            return False
        self.screen.set_focus(mine[0] if step > 0 else mine[-1])
        return True

    def on_mount(self) -> None:
        self.show_favourites([], "")

    def on_resize(self) -> None:
        """The columns fitted to the new width, each cursor kept on its row: filled again,
        a table's cursor went back to the first row (a terminal resized over SSH left it
        there while the movie it had been on stayed current)."""
        self.set_class(self.size.width < FILTERS_WIDTH, "-slim")
        for name, items in (("#results", self.items), ("#favourites", self.favourites)):
            table = self.query_one(name, DataTable)
            row = table.cursor_row
            self._fill(table, items)
            if row and row < len(items):
                table.move_cursor(row=row, animate=False)

    # The filters, above every strategy's results.

    def set_genres(self, genres: Sequence[str]) -> None:
        options = [*genres, *(f"{NO}{genre}" for genre in genres)]
        self.query_one("#genre", Select).set_options([(Text(g), g) for g in options])

    def is_filter_box(self, widget: Widget | None) -> bool:
        """A box of the filter bar, or its genre list while closed (open, escape closes it)."""
        return (isinstance(widget, (Input, Select))
                and self.query_one("#filters") in widget.ancestors)

    def movie_filter(self) -> MovieFilter:
        """The filters as set; a box whose text does not parse (still being typed) counts as
        empty, and is shown so."""
        genre = self.query_one("#genre", Select).value
        parts: dict[str, Any] = {}
        for name, (*_, parse) in FILTER_BOXES.items():
            box = self.query_one(f"#{name}", Input)
            try:
                parts[name] = parse(box.value) if box.value.strip() else None
            except RecsysError:
                parts[name] = None
                box.add_class("-invalid")
            else:
                box.remove_class("-invalid")
        unbounded = (None, None)
        chosen = "" if genre is Select.NULL else str(genre)
        left_out = chosen.removeprefix(NO) if chosen.startswith(NO) else ""
        return MovieFilter(chosen if chosen and not left_out else None,
                           parts["years"] or unbounded, parts["runtime"] or unbounded,
                           parts["language"], parts["votes"], (left_out,) if left_out else ())

    def clear_filters(self) -> bool:
        """Every filter back to any, said as one change (the list asked once, not once a
        box); whether any was set, a box of text that does not parse too."""
        genre = self.query_one("#genre", Select)
        boxes = [self.query_one(f"#{name}", Input) for name in FILTER_BOXES]
        if genre.value is Select.NULL and not any(box.value for box in boxes):
            return False
        with self.prevent(Select.Changed, Input.Changed):
            genre.clear()
            for box in boxes:
                box.value = ""
        self.post_message(self.FilterChanged(self.movie_filter()))
        return True

    @on(Select.Changed, "#genre")
    @on(Input.Changed, "#filters TextBox")
    def _filter_changed(self, event: Select.Changed | Input.Changed) -> None:
        event.stop()
        self.post_message(self.FilterChanged(self.movie_filter()))

    @on(events.DescendantFocus, "#filters TextBox")
    @on(events.DescendantBlur, "#filters TextBox")
    def _filter_focus(self, event: events.DescendantFocus | events.DescendantBlur) -> None:
        """A box's example while it has the focus; left, it shows its value as read from its
        start: tab out of "french" left "nch" in the narrow box."""
        box = event.widget
        if isinstance(box, Input) and box.id in FILTER_BOXES:
            focused = isinstance(event, events.DescendantFocus)
            box.placeholder = FILTER_BOXES[box.id][1] if focused else UNSET
            if not focused:
                with contextlib.suppress(RecsysError):  # underlined, and said on enter
                    _as_read(box)
                box.cursor_position = 0

    @on(Input.Submitted, "#filters TextBox")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter in a box that does not parse says why; one that does shows its value as
        read (`_as_read`)."""
        event.stop()
        try:
            _as_read(event.input)
        except RecsysError as error:
            self.notify(clean(str(error)), severity="error", markup=False)

    # Build progress.

    def show_progress(self, message: str, fraction: float | None) -> None:
        """A build's progress; `fraction` None is a phase of unknown length (loading
        TensorFlow), shown as an indeterminate bar with the seconds it has taken so far."""
        self.query_one("#build").display = True
        bar = self.query_one("#build-bar", ProgressBar)
        if fraction is None:
            since = self._indeterminate[1] if self._indeterminate else time.monotonic()
            self._indeterminate = (message, since)
            bar.update(total=None)
            if self._ticker is None:
                self._ticker = self.set_interval(1, self._tick)
            self._tick()
            return
        self._stop_ticking()
        bar.update(total=100, progress=round(fraction * 100))
        self.query_one("#build-status", Static).update(message)

    def _tick(self) -> None:
        if self._indeterminate is not None:
            message, since = self._indeterminate
            self.query_one("#build-status", Static).update(
                f"{message} ({time.monotonic() - since:.0f} s)")

    def _stop_ticking(self) -> None:
        self._indeterminate = None
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    def hide_progress(self) -> None:
        self._stop_ticking()
        self.query_one("#build").display = False

    # Results.

    def show_title(self, title: str) -> None:
        self.query_one("#results-title", Static).update(title)
        # No line until an answer says how it was made.
        self.query_one("#results-line").set_class(False, "-shown")

    def show_message(self, message: str) -> None:
        """A hint or an error instead of results, cleaned here: some name files or folders
        (a data folder's name can hold a terminal's escape sequence)."""
        shown = self.query_one("#results-message", Static)
        shown.update(clean(message))
        shown.display = bool(message)
        self.query_one("#results").display = not message
        if message:
            self.items = []
            self.query_one("#results", DataTable).clear()
            self.show_favourites([], "")

    def clear(self) -> None:
        """Nothing to show yet (a build is running)."""
        self.show_message("")
        self.items = []
        self.query_one("#results", DataTable).clear()
        self.show_favourites([], "")

    def show_answer(self, answer: Answer, cursor: int | None) -> None:
        """`answer` in the table, its cursor on the row `cursor` (the current movie's), or
        hidden (None: no row is; `ResultsTable`)."""
        self.show_message("" if answer.items else answer.note or "No movies match.")
        # Under the title: how the model learnt, else what the list says of itself (whose
        # tastes a movie night went by, why a chart is short), as the command line says it.
        line = answer.training.curve() if answer.training else answer.note if answer.items else ""
        shown = self.query_one("#results-line", Static)
        shown.update(clean(line))
        shown.set_class(bool(line), "-shown")
        self.items = list(answer.items)
        table = self.query_one("#results", DataTable)
        self._fill(table, self.items)
        self.show_favourites(answer.favourites, answer.favourites_title)
        table.show_cursor = cursor is not None and cursor < len(self.items)
        if table.show_cursor:
            table.move_cursor(row=cursor, animate=False)

    def focused_row(self) -> int | None:
        """The results' row under the cursor while you are in them; None elsewhere."""
        table = self.query_one("#results", DataTable)
        return (table.cursor_row if table.row_count and table.has_focus and table.show_cursor
                else None)

    def show_favourites(self, items: Sequence[Recommendation], title: str) -> None:
        self.favourites = list(items)
        for part in ("#favourites-title", "#favourites", "#favourites-line"):
            self.query_one(part).set_class(bool(items), "-shown")
        self.query_one("#favourites-title", Static).update(title)
        line = ", ".join(f"{item.title} {item.score:.1f}" for item in items)
        self.query_one("#favourites-line", Static).update(f"{title}: {line}" if line else "")
        self._fill(self.query_one("#favourites", DataTable), self.favourites)

    def _fill(self, table: DataTable, items: Sequence[Recommendation]) -> None:
        predicted = any(item.stars is not None for item in items)
        fixed = (*FIXED, STARS) if predicted else FIXED
        longest = max((cell_len(item.title) for item in items), default=None)
        title_width, why_width = column_widths(self.size.width or 80, fixed, longest)
        table.clear(columns=True)
        if items:
            self._fills[table.id] = self._fills.get(table.id, 0) + 1
        for label, width in (fixed[0], ("Title", title_width), *fixed[1:],
                             ("Why", why_width)):
            table.add_column(label, width=width)
        low, high = bar_scale([item.score for item in items])
        for rank, item in enumerate(items, 1):
            share = (item.score - low) / (high - low) if high > low else 1.0
            stars = [] if not predicted else [
                "" if item.stars is None else f"{item.stars:>4.1f}★"]
            title = f"{_marked(item)}{item.title}"
            table.add_row(str(rank), cut(title, title_width), str(item.year or ""),
                          f"{item.score:>5.2f} {score_bar(share)}", *stars,
                          cut(item.reason, why_width), key=str(rank - 1))

    def _item(self, event: DataTable.RowHighlighted | DataTable.RowSelected) -> (
            Recommendation | None):
        items = self.favourites if event.data_table.id == "favourites" else self.items
        index = int(event.row_key.value or 0)
        return items[index] if index < len(items) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        """A row the user moves to is the current movie; a table merely filled (its cursor
        on the first row) leaves the current movie where it was, so a key never acts on a
        movie the user did not choose."""
        event.stop()
        table = event.data_table
        if self._fills.get(table.id) and event.cursor_row == 0:
            self._fills[table.id] -= 1
            return
        if table.has_focus and (item := self._item(event)) is not None:
            tell_parent(self, self.Highlighted(item))

    @on(events.DescendantFocus)
    def _entered(self, event: events.DescendantFocus) -> None:
        """Moving into a table makes the row under its cursor the current movie (a hidden
        cursor shown on the first)."""
        table = event.widget
        if isinstance(table, ResultsTable) and not table.reveal():
            self._current_at_cursor(table)

    @on(ResultsTable.Shown)
    def _cursor_shown(self, event: ResultsTable.Shown) -> None:
        event.stop()
        self._current_at_cursor(event.table)

    def _current_at_cursor(self, table: ResultsTable) -> None:
        items = self.favourites if table.id == "favourites" else self.items
        if table.row_count and table.cursor_row < len(items):
            tell_parent(self, self.Highlighted(items[table.cursor_row]))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if (item := self._item(event)) is not None:
            tell_parent(self, self.Picked(item))


def _as_read(box: Input) -> None:
    """A filter box whose value reads as text shows it as read, which the narrow box holds (a
    language by its name: "french", fr); a `RecsysError` where it does not parse."""
    if box.value.strip() and box.id in FILTER_BOXES:
        parsed = FILTER_BOXES[box.id][2](box.value)
        if isinstance(parsed, str) and parsed != box.value:
            box.value = parsed


def _marked(item: Recommendation) -> str:
    """What a row's title starts with: ✓ a film you rated or saw and ✕ one you hid, where `i`
    shows them again, ◆ one on your watchlist."""
    if item.yours:
        return "✕ " if item.yours.endswith(NOT_INTERESTED) else "✓ "
    return "◆ " if item.on_watchlist else ""
