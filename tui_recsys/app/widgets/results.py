"""The right-hand pane: chart filters, build progress, the results and a user's favourites.

Everything here that can hold a title, a name or a path is shown literally: Statics are made
with markup off and table cells are Text, never a string Textual would parse as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, ProgressBar, Select, Static

from tui_recsys.engine.base import Recommendation

COLUMNS = (("#", 3), ("Title", 30), ("Year", 4), ("Score", 5), ("Why", None))


class ResultsPane(Vertical):
    def compose(self) -> ComposeResult:
        with Horizontal(id="chart-filters"):
            yield Select[str]([], prompt="All genres", id="genre", compact=True)
            yield Input(placeholder="years, e.g. 1990-1999", id="years", compact=True)
        yield Static("", id="results-title", markup=False)
        with Horizontal(id="build"):
            yield ProgressBar(total=100, show_eta=False, id="build-bar")
            yield Static("", id="build-status", markup=False)
        yield Static("", id="results-message", markup=False)
        yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
        yield Static("", id="favourites-title", markup=False)
        yield DataTable(id="favourites", cursor_type="row")
        yield Static("", id="favourites-line", markup=False)

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            for label, width in COLUMNS:
                table.add_column(label, width=width)
        self.set_class(False, "-building")
        self.show_favourites(None, "")

    def set_genres(self, genres: Sequence[str]) -> None:
        self.query_one("#genre", Select).set_options([(Text(g), g) for g in genres])

    def show_filters(self, visible: bool) -> None:
        self.query_one("#chart-filters").display = visible

    def show_title(self, title: str) -> None:
        self.query_one("#results-title", Static).update(title)

    def show_progress(self, message: str, fraction: float) -> None:
        self.set_class(True, "-building")
        self.query_one("#build-bar", ProgressBar).update(progress=round(fraction * 100))
        self.query_one("#build-status", Static).update(message)

    def hide_progress(self) -> None:
        self.set_class(False, "-building")

    def show_message(self, message: str) -> None:
        """A hint or an error instead of results."""
        self.query_one("#results-message", Static).update(message)
        self.set_class(bool(message), "-message")
        if message:
            self.query_one("#results", DataTable).clear()
            self.show_favourites(None, "")

    def clear(self) -> None:
        """Nothing to show yet (a build is running)."""
        self.show_message("")
        self.query_one("#results", DataTable).clear()
        self.show_favourites(None, "")

    def show_results(self, items: Sequence[Recommendation]) -> None:
        self.show_message("" if items else "No movies match.")
        self._fill(self.query_one("#results", DataTable), items)

    def show_favourites(self, items: Sequence[Recommendation] | None, title: str) -> None:
        table = self.query_one("#favourites", DataTable)
        self.set_class(items is not None, "-favourites")
        self.query_one("#favourites-title", Static).update(title)
        line = ", ".join(f"{item.title} {item.score:.1f}" for item in items or [])
        self.query_one("#favourites-line", Static).update(f"{title}: {line}" if line else "")
        self._fill(table, items or [])

    @staticmethod
    def _fill(table: DataTable, items: Sequence[Recommendation]) -> None:
        table.clear()
        for rank, item in enumerate(items, 1):
            table.add_row(str(rank), Text(item.title), str(item.year or ""),
                          f"{item.score:.2f}", Text(item.reason), key=str(rank - 1))
