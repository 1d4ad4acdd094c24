"""The main screen's changes to your files: a rating (s + - x), a mark (w v n), several made
as one (the quick start's answers), z, which walks them back, and an import (the palette's
"Import"). `YourFiles` (app/your_files.py) makes each under its lock (an import, as the
command line's, `import_files`); this tells of it and shows it wherever it shows: your lists,
You, the current movie's details, and the results that leave out or fold in your movies."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import work

from tui_recsys import paths
from tui_recsys.app.crash import explain
from tui_recsys.app.friends import Readers
from tui_recsys.app.labels import movie_label
from tui_recsys.app.notes import YOUR_CHANGES
from tui_recsys.app.screens.full_details import FullDetails
from tui_recsys.app.screens.import_prompt import ImportPrompt
from tui_recsys.app.screens.name_prompt import NamePrompt
from tui_recsys.app.screens.quick_start import QuickStartScreen
from tui_recsys.app.screens.rate import Rating, ask_stars
from tui_recsys.app.typed_order import in_typed_order
from tui_recsys.app.your_files import Change, ChangedSince
from tui_recsys.data.guest_profiles import keep_friend, names_no_one
from tui_recsys.data.marks_file import NOT_SEEN, SEEN
from tui_recsys.data.user_files import same_file
from tui_recsys.engine.catalog.entries import MovieEntry
from tui_recsys.engine.catalog.import_files import import_path
from tui_recsys.engine.catalog.your_lists import LISTS, RATED
from tui_recsys.engine.catalog.your_ratings import rated
from tui_recsys.engine.question import Need
from tui_recsys.errors import RecsysError
from tui_recsys.text import clean, plural


class YourChanges:
    """Mixed into `MainScreen`, whose files (`yours`), current movie, sidebar and results it
    uses."""

    _told_elsewhere = -math.inf  # when a change made elsewhere was last said (monotonic)

    # Your ratings, of the current movie.

    def action_ask_stars(self) -> None:
        ask_stars(self, self._rating, self.app.key_hold)

    def _rating(self) -> Rating | None:
        """The current movie, once the keys before s are in, and your stars for it now."""
        entry = self._current_movie()
        if entry is None:
            return None
        try:
            current = self.yours.stars_of(entry)
        except RecsysError as error:
            self.notify(explain(error), severity="error", markup=False, timeout=10)
            return None
        return Rating(movie_label(entry), current and current.stars,
                      partial(self.rate_movie, entry), partial(self.see_movie, entry))

    def _rate(self, stars: float | None) -> None:
        """Rate the current movie (None: remove your rating), once the keys before are in."""
        entry = self._current_movie()
        if entry is not None:
            self.rate_movie(entry, stars)

    action_rate = in_typed_order(_rate)

    def rate_movie(self, entry: MovieEntry, stars: float | None, on: int = 0, *,
                   quiet: bool = False) -> bool:
        """Rate `entry` (None: remove your rating), seen on the day of the moment `on` (0:
        today); whether it was done."""
        return self._apply(partial(self.yours.set_rating, entry,
                                   None if stars is None else rated(entry, stars, on)),
                           quiet=quiet)

    def change_movie(self, changes: Sequence[Callable[[], Change]], *,
                     quiet: bool = False) -> bool:
        """`changes` to your files (`yours.set_rating`, `yours.mark`, ...) made as one, which
        one z undoes; whether they were made."""
        return self._apply(partial(self.yours.together, changes), quiet=quiet)

    def undo(self, *, quiet: bool = False) -> bool:
        """Put back what the newest change of a rating or a mark not undone yet replaced (z
        again: the one before, and so on); whether it was."""
        if not self.yours.undo_count:
            self.notify("Nothing to undo.")
            return False
        return self._apply(self.yours.undo, quiet=quiet)

    action_undo = in_typed_order(undo)

    def _apply(self, change: Callable[[], Change], *, quiet: bool = False) -> bool:
        """Make a change to your files, say what it did (unless `quiet`: a screen that shows
        it itself), and show it wherever it shows: your list of its kind, You, the current
        movie's details, the results that leave out or fold in your movies. Whether the files
        are as asked now. A failure is always said."""
        try:
            done = change()
        except ChangedSince as since:  # not done, but the files are not as shown: show them
            self.notify(since.change.said, severity="warning", markup=False, timeout=10)
            # Said now, so not again by the watch a moment later ("Your lists changed...").
            elsewhere = self.yours.changed_elsewhere()
            self._show_files(since.change.kinds | elsewhere, since.change.entry)
            return False
        except (RecsysError, OSError) as error:
            self.notify(explain(error), severity="error", markup=False, timeout=10)
            return False
        if not quiet:
            self.app.notes.say(YOUR_CHANGES, done.said)
        self._show_change(done)
        return True

    def _show_change(self, done: Change) -> None:
        if done.changed:
            self._show_files(done.kinds, done.entry)

    def watch_files(self) -> None:
        """Your files as another window or a command changed them, shown wherever they show:
        a film rated in another terminal stayed in For you, and off the Rated list, until
        they were chosen again; a friend dropped into the friends folder, listed, and one whose
        file was saved over, shown anew (their picks, a movie night they are in). This
        window's import, and its friend being added, are shown when they are done."""
        busy = {worker.group for worker in self.workers if not worker.is_finished}
        if "friend" not in busy:
            self._watch_friends()
        if "import" in busy:
            return
        kinds = self.yours.changed_elsewhere()
        if not kinds:
            return
        if time.monotonic() - self._told_elsewhere > self.app.NOTIFICATION_TIMEOUT:
            # Said while it is on screen, not again for each answer of a `quick-start --ask`
            # in the next pane.
            self.notify("Your lists changed in another window or by a command: shown as they "
                        "are now.")
            self._told_elsewhere = time.monotonic()
        self._show_files(kinds, None)
        if isinstance(self.app.screen, QuickStartScreen):  # the round over the lists too
            self.app.screen.files_changed()

    def _watch_friends(self) -> None:
        """A friend saved into the friends folder or taken out, and one whose file was saved
        over: listed, and shown where their picks or a movie night with them are."""
        found, gone = self.friends.look_again(self.yours.profile_path)
        for path in found:
            self._friend_worker(path, found=True)
        rewritten = self.friends.rewritten()
        if gone or rewritten:
            self._show_people()
        if not rewritten:
            return
        names = " and ".join(friend.name for friend in rewritten)
        self.notify(clean(f"The ratings of {names} changed: shown as they are now."),
                    markup=False)
        query = self.query_now  # their picks, or a movie night they are in
        if {entry.key for entry in (query.friend, *query.group) if entry} & {
                friend.key for friend in rewritten}:
            self.refresh_results()

    def _show_files(self, kinds: frozenset[str], entry: MovieEntry | None) -> None:
        """Your files changed, in `kinds`, for `entry` (None: any movie, an import)."""
        lists = [kind for kind in LISTS if kind in kinds]  # not "not seen": no list
        if lists:
            self.sidebar.show_your_lists(*lists)
        if RATED in kinds:
            self._show_people()
        if self.current is not None and entry in (None, self.current):  # its details
            self._look_at(self.current, self._why)
        # A rating too (an undone one came back only when the list was next drawn): the
        # movie changed stays on its row, saying what you did (`MainScreen._in_place`).
        if self.strategy.needs is Need.PROFILE or (
                kinds - {NOT_SEEN} and self.strategy.leaves_out_yours):
            self.refresh_results()

    def _show_people(self) -> None:
        """You and your friends in the Users list, as their files hold them now, and in the
        details where one of them is shown ("5 ratings" stayed beside a list from thirteen)."""
        self.sidebar.show_people()
        shown = self.shown_user
        now = shown and next((person for person in self.sidebar.users.people
                              if person.key == shown.key), None)
        if now is not None and now != shown:
            self._show_user(now)

    # Your marks, of the current movie.

    def _mark(self, kind: str) -> None:
        """Put the current movie on the `kind` list, or take it off when it is there."""
        entry = self._current_movie()
        if entry is not None:
            self.mark_movie(entry, kind, None)

    action_mark = in_typed_order(_mark)

    def see_movie(self, entry: MovieEntry, on: int) -> bool:
        """`entry` seen, on the day of the moment `on` (0: today), as `v` marks it, off your
        watchlist too; seen already, on that day now."""
        return self._apply(partial(self.yours.set_mark, entry, SEEN, True, on))

    def mark_movie(self, entry: MovieEntry, kind: str, on: bool | None, *,
                   quiet: bool = False) -> bool:
        """`entry` on the `kind` list (None: on it if off, off if on); whether it was done."""
        return self._apply(partial(self.yours.set_mark, entry, kind, on), quiet=quiet)

    # An import: what you keep elsewhere (a Letterboxd export, a CSV), as `tui-recsys import`.

    def action_import_files(self) -> None:
        self.app.push_screen(ImportPrompt(), self._import_files)

    def _import_files(self, path: Path | None) -> None:
        if path is not None:
            self.notify(clean(f"Importing {path}…"), markup=False)
            self._import_worker(path, self.before_first_rating())

    # A friend kept for good: their file copied into the friends folder beside your profile.

    def action_add_friend(self) -> None:
        self.app.push_screen(ImportPrompt(
            "Add a friend for good: their ratings export (Letterboxd's zip or its folder, "
            "IMDb's CSV, a profile), kept in your friends folder for every start", "adds"),
            self._add_friend)

    def _add_friend(self, path: Path | None) -> None:
        if path is not None and same_file(path, self.yours.profile_path):
            self.notify("That is your own profile: You lead the Users list already.",
                        severity="error")
        elif path is not None and names_no_one(path):  # ratings.csv: "ratings" is no one
            self.app.push_screen(NamePrompt(path), partial(self._keep_named, path))
        elif path is not None:
            self._keep(path)

    def _keep_named(self, path: Path, name: str | None) -> None:
        if name is not None:  # None: the name prompt was cancelled
            self._keep(path, name)

    def _keep(self, path: Path, name: str | None = None) -> None:
        self.notify(clean(f"Reading {path}…"), markup=False)
        self._friend_worker(path, name=name)

    @work(thread=True, exit_on_error=False, group="friend")
    def _friend_worker(self, path: Path, *, found: bool = False,
                       name: str | None = None) -> None:
        """Off the screen's thread: the copy (kept only where the file reads as someone's
        ratings, `keep_friend`, under their `name` if given; a file `found` in the friends
        folder is kept already) is read as every start will read it, an export matched film
        by film."""
        try:
            kept, new = ((path, False) if found else keep_friend(
                path, paths.friends_beside(self.yours.profile_path), name))
            readers = self.friends.read(kept)
        except (RecsysError, OSError) as error:
            self.app.call_from_thread(self.notify, explain(error), severity="error",
                                      markup=False, timeout=10)
            return
        where = f"found in {kept}" if found else f"kept in {kept}" if new else (
            f"already kept, in {kept}")
        self.app.call_from_thread(self._friend_added, kept, where, readers)

    def _friend_added(self, kept: Path, where: str, readers: Readers) -> None:
        friend = self.friends.add(kept, readers)
        self._show_people()
        ratings = plural(len(readers[0]().ratings), "rating")
        self.notify(clean(f"{friend.name} ({ratings}) is among your friends at every start "
                          f"({where}): in the Users list, enter for their picks, g for movie "
                          f"night."), markup=False, timeout=12)

    @work(thread=True, exit_on_error=False, group="import")
    def _import_worker(self, path: Path, from_start: bool) -> None:
        """Off the screen's thread: a whole export is matched film by film. Its report is
        shown whole, as the command line prints it; a file that cannot be read is said, after
        what the parts before it brought in (an export's ratings, where its watchlist is
        damaged)."""
        told: list[str] = []
        try:
            import_path(path, self.yours.profile_path, self.yours.marks_path,
                        self.engine.index().movies, told.append)
        except (RecsysError, OSError) as error:
            if not told:
                self.app.call_from_thread(self.notify, explain(error), severity="error",
                                          markup=False, timeout=10)
                return
            told.append(explain(error))
        self.app.call_from_thread(self._imported, path, told, from_start)

    def _imported(self, path: Path, told: list[str], from_start: bool) -> None:
        """Your lists, You, the current movie's details and the results from the files as
        the import left them, and its report over them; `from_start`: imported over the
        chart before any rating, For you behind the report, as after a first quick start."""
        self.yours.reread()
        self._show_files(frozenset(LISTS), None)
        self.for_you_after_first_ratings(from_start)
        # What it tells holds file names, which a terminal must not act on (as `say` cleans)
        self.app.push_screen(FullDetails(Text(clean(f"Imported: {path}")),
                                         Text("\n\n".join(map(clean, told))), self.act))
