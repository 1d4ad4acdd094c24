"""The main screen's `e`: the list the keys are in, written as our CSV and as the CSV
Letterboxd's importer reads, beside your profile. One of your lists goes whole, as its file
keeps it; the results go as they are shown, or, asked for before they show ("6 e"), once they
do (`MainScreen` keeps that query and calls `_export_picks` again)."""

from __future__ import annotations

from collections.abc import Sequence

from tui_recsys.app.crash import explain
from tui_recsys.app.query import Query, export_name, missing
from tui_recsys.app.typed_order import in_typed_order
from tui_recsys.data.letterboxd import letterboxd_csv
from tui_recsys.data.marks_file import HIDDEN, SEEN, WATCHLIST, Mark
from tui_recsys.data.profile_file import Rated
from tui_recsys.engine.answer import Recommendation, picks_csv
from tui_recsys.engine.catalog.your_lists import LISTS, RATED
from tui_recsys.errors import RecsysError
from tui_recsys.text import plural

# Each of your lists, exported: its files' name, what its movies are, and what Letterboxd's
# importer makes of its CSV.
EXPORTED = {
    RATED: ("ratings", "rated", "for Letterboxd's importer: each film rated, logged on the day "
                                "you rated it, if known"),
    WATCHLIST: ("watchlist", "on your watchlist", "to import into your Letterboxd watchlist"),
    SEEN: ("seen", "seen", "for Letterboxd's importer: each film logged as watched on the day "
                           "you marked it, if known"),
    HIDDEN: ("not-interested", "hidden", "to import into a Letterboxd list")}


class Exports:
    """Mixed into `MainScreen`, whose files (`yours`), sidebar, results and query it reads."""

    _export_when_shown: Query | None  # e pressed before its list showed (set by MainScreen)

    def _export(self) -> None:
        """The list the keys are in: one of yours (your ratings, for Letterboxd's importer:
        e there exported the results beside it), else the results."""
        if self.sidebar.active in LISTS and self.sidebar.has_focus_within:
            self._export_yours(self.sidebar.active)
        else:
            self._export_picks()

    action_export = in_typed_order(_export)

    def _export_yours(self, kind: str) -> None:
        """One of your lists whole, as its file keeps it (not as searched or sorted on
        screen), as our CSV and as Letterboxd's: ratings with their days, for its importer."""
        try:
            rows, ours = self.yours.your_list(kind)
        except RecsysError as error:
            self.notify(explain(error), severity="error", markup=False, timeout=10)
            return
        name, what, how = EXPORTED[kind]
        self._write_export(name, rows, ours, f"{plural(len(rows), 'movie')} {what}", how)

    def _export_picks(self) -> None:
        """The results as they are, as our CSV and as the CSV Letterboxd's importer reads,
        beside your profile; the notice says where. The list the keys before e asked for:
        "6 e" exports For you's once it shows, not the list it replaces."""
        query, self._export_when_shown = self.query_now, None
        if self.shown_query != query and not (self.engine.unavailable(query.strategy)
                                              or missing(query, self._rated())):
            self._export_when_shown = query
            self.notify("Exported once the list shows.")
            return
        items = list(self.results.items)
        # For a list or the watchlist there: Letterboxd's main importer would log each as seen.
        self._write_export(f"picks-{export_name(query)}", items, picks_csv(items),
                           plural(len(items), "pick"),
                           "to import into a Letterboxd list or watchlist")

    def _write_export(self, name: str, rows: Sequence[Rated | Mark | Recommendation],
                      ours: str, said: str, how: str) -> None:
        """`rows` as our CSV (`ours`) and as Letterboxd's, beside your profile, and the notice
        that says where: `said`, what was exported, and `how`, what Letterboxd makes of it."""
        if not rows:
            self.notify("Nothing to export: the list is empty.", severity="warning")
            return
        try:
            written = self.yours.export(name, ours, letterboxd_csv(self.engine.films(rows)))
        except (RecsysError, OSError) as error:
            self.notify(explain(error), severity="error", markup=False, timeout=10)
            return
        self.notify(f"Exported {said} to {written}.csv (and -letterboxd.csv, {how})",
                    markup=False, timeout=8)
