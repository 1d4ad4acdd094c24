"""Your ratings and marks as the app changes them, apart from the screen that shows them: each
change is made under its file's lock on the file read afresh (the command line may have
changed it meanwhile), said in one line, and can be undone; reading is a stat when the file
has not changed. Nothing here draws: the screen tells and refreshes."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tui_recsys.app.labels import movie_label
from tui_recsys.data import user_files
from tui_recsys.data.marks_file import (
    DISPLACES,
    HIDDEN,
    NOT_SEEN,
    SEEN,
    WATCHLIST,
    Mark,
    Marks,
    load_marks,
    marks_lock,
)
from tui_recsys.data.profile_file import Profile, Rated, day_of, load_profile, profile_lock
from tui_recsys.engine.catalog.entries import MovieEntry
from tui_recsys.engine.catalog.your_lists import RATED
from tui_recsys.errors import RecsysError
from tui_recsys.text import as_stars, plural

UNDO_DEPTH = 100  # changes z can walk back, the newest first
MARKED = {WATCHLIST: ("on your watchlist", "off your watchlist"), SEEN: ("seen", "not seen"),
          HIDDEN: ("not interested", "recommended again"),
          NOT_SEEN: ("not seen: never asked again", "asked again")}  # a state, on and off


@dataclass(frozen=True)
class Change:
    """What a change did: which lists (RATED, a mark's kind), of which movie, whether
    anything changed (not: it already was so), and the line that says so."""

    kinds: frozenset[str]
    entry: MovieEntry
    changed: bool
    said: str


class ChangedSince(RecsysError):
    """What a change left was changed again since, by another window or a command: putting
    back what it replaced would lose that later change. `change` is that later one, for the
    screen to show."""

    def __init__(self, change: Change) -> None:
        super().__init__(change.said)
        self.change = change


@dataclass(frozen=True)
class _Undo:
    """A change's way back, and the check that the files still hold what the change left
    (None; else the later change that replaced it)."""

    put_back: Callable[[], Change]
    changed_since: Callable[[], Change | None] = lambda: None


class YourFiles:
    def __init__(self, profile: Path, marks: Path) -> None:
        self.profile_path, self.marks_path = profile, marks
        self.profile = user_files.FreshRead[Profile](profile, load_profile)
        self.marks = user_files.FreshRead[Marks](marks, load_marks)
        # What each change replaced, the newest last: z puts them back one by one.
        self._undos: list[_Undo] = []
        self._grouping = 0  # inside `together`, whose changes are undone as one

    @property
    def undo_count(self) -> int:
        """How many changes z can still put back."""
        return len(self._undos)

    @property
    def next_undo(self) -> object | None:
        """What z puts back next, as a token that says whether a change was remembered since
        (the count stops growing at `UNDO_DEPTH`)."""
        return self._undos[-1] if self._undos else None

    def undo(self) -> Change:
        """Put back what the newest change not undone yet replaced (`undo_count` > 0); if
        that fails, it can be tried again. Raises ChangedSince, and forgets the change, when
        what it left was changed since: never to be put back then."""
        undo = self._undos.pop()
        if (since := undo.changed_since()) is not None:
            raise ChangedSince(since)
        try:
            return undo.put_back()
        except BaseException:
            self._undos.append(undo)
            raise

    def _remember(self, undo: _Undo) -> None:
        self._undos.append(undo)
        if not self._grouping:
            del self._undos[:-UNDO_DEPTH]

    def changed_elsewhere(self) -> frozenset[str]:
        """What another window or a command changed in your files since this window last
        changed them or asked: RATED, the marks' kinds, or nothing."""
        kinds: set[str] = set()
        if self.profile.changed():
            kinds.add(RATED)
        if self.marks.changed():
            kinds.update(MARKED)
        return frozenset(kinds)

    def reread(self) -> None:
        """Your files as they are now, changed by this window without `rate` or `mark` (an
        import)."""
        for read in (self.profile, self.marks):
            read.forget()
            read.changed()

    def stars_of(self, entry: MovieEntry) -> Rated | None:
        """Your rating of `entry` in the file as it is now."""
        return self.profile().find(entry.ml_id, entry.tmdb_id)

    def rate(self, entry: MovieEntry, rating: Rated | None, *, undoing: bool = False) -> Change:
        """Set `rating` of `entry` (None: remove yours). Raises RecsysError or OSError when
        the profile cannot be read or written; it is then left as it was."""
        try:
            with profile_lock(self.profile_path):
                found = user_files.stamp(self.profile_path)
                profile = load_profile(self.profile_path)
                before = profile.find(entry.ml_id, entry.tmdb_id)
                if rating is None:
                    changed = profile.remove(entry.ml_id, entry.tmdb_id)
                elif undoing:
                    changed = before != rating
                    profile.put(rating)
                else:  # a day given ("4 yesterday") changes the day of the same stars too
                    changed = profile.rate(rating, redate=bool(rating.rated_at))
                if changed:
                    profile.save()
                    self.profile.wrote(found)  # this window's state, unless another's came first
        finally:
            self.profile.forget()
        now = profile.find(entry.ml_id, entry.tmdb_id)
        dated = rating is not None and rating.rated_at and not undoing  # "4 yesterday"
        state = (as_stars(now.stars) + (f", seen on {now.rated_on}" if dated else "")
                 if now else "not rated")
        if not changed:
            return Change(frozenset({RATED}), entry, False,
                          f"{movie_label(entry)}: already {state}.")
        if not undoing:
            self._remember(_Undo(partial(self.rate, entry, before, undoing=True),
                                 partial(self._rated_since, entry, now)))
        return Change(frozenset({RATED}), entry, True, _said(f"{movie_label(entry)}: {state} "
                                                f"({plural(len(profile), 'rating')})", undoing))

    def mark(self, entry: MovieEntry, kind: str, now: bool, *, day: int = 0,
             undoing: bool = False, restore: Mark | None = None) -> Change:
        """Mark `entry` (on the `day` given, a moment: "seen friday", which a mark of another
        day takes; `now`: as `restore`, where an undo puts back a mark with its day), or unmark
        it. Raises as `rate`."""
        with marks_lock(self.marks_path):
            found = user_files.stamp(self.marks_path)
            marks = load_marks(self.marks_path)
            old = marks.find(kind, entry.ml_id, entry.tmdb_id)
            was = old is not None
            if now and restore is not None:
                changed = old != restore
                marks.put(restore)
            elif now:
                changed = marks.add(Mark(kind, entry.ml_id, entry.tmdb_id, entry.title,
                                         entry.year, day), redate=bool(day))
            else:
                changed = marks.remove(kind, entry.ml_id, entry.tmdb_id) is not None
            if changed:
                marks.save()
                self.marks.wrote(found)
        self.marks.forget()
        state = MARKED[kind][0 if now else 1] + (f" on {day_of(day)}" if day and now else "")
        if not changed:
            return Change(frozenset({kind}), entry, False,
                          f"{movie_label(entry)}: already {state}.")
        if not undoing:  # a mark is on or off: put back over a later change, it changes nothing
            self._remember(_Undo(partial(self.mark, entry, kind, was, undoing=True,
                                         restore=old)))
        return Change(frozenset({kind}), entry, True,
                      _said(f"{movie_label(entry)}: {state}", undoing))

    def together(self, changes: Sequence[Callable[[], Change]], *,
                 undoing: bool = False) -> Change:
        """`changes` (of one movie, each a `rate` or `mark`) made as one: one z undoes them
        all, the last first. One that fails leaves those before it made, and z undoes those."""
        done: list[Change] = []
        depth = len(self._undos)
        self._grouping += 1
        try:
            for change in changes:
                done.append(change())
        finally:
            self._grouping -= 1
            undos = self._undos[depth:]
            del self._undos[depth:]
            if undos and not undoing:
                self._remember(_Undo(
                    partial(self.together, [undo.put_back for undo in undos[::-1]],
                            undoing=True),
                    partial(_first_changed_since, undos)))
        made = [change for change in done if change.changed]
        entry = done[-1].entry
        said = _said("; ".join(_bare(change.said, entry, first=i == 0)
                               for i, change in enumerate(made)), undoing) if made else (
            done[0].said)  # nothing changed: said of the change asked, not of its companions
        return Change(frozenset().union(*(change.kinds for change in done)), entry, bool(made),
                      said)

    def _rated_since(self, entry: MovieEntry, left: Rated | None) -> Change | None:
        """The later change of `entry`'s rating, when a change that left `left` is not to be
        undone (None: the rating is still `left`)."""
        now = self.stars_of(entry)
        if _when_and_stars(now) == _when_and_stars(left):  # a title is as its file reads
            return None
        state = f"now {as_stars(now.stars)}" if now else "now not rated"
        return Change(frozenset({RATED}), entry, True, f"{movie_label(entry)}: {state}, "
                      "changed since in another window or by a command; z leaves it so.")

    # What the keys do: a rating also takes the movie off your watchlist, as Letterboxd takes
    # a film off once it is logged, and a mark takes it off the list it displaces (seen or not
    # interested, the watchlist; to watch, not interested: `DISPLACES`); one z undoes both.

    def set_rating(self, entry: MovieEntry, rating: Rated | None) -> Change:
        """Rate `entry` (None: remove your rating)."""
        change = partial(self.rate, entry, rating)
        return change() if rating is None else self._also_off(entry, change, WATCHLIST)

    def set_mark(self, entry: MovieEntry, kind: str, on: bool | None, day: int = 0) -> Change:
        """Mark `entry` (on the `day` given: `mark`), unmark it, or (None) turn its mark
        over."""
        if on is None:
            on = self.marks().find(kind, entry.ml_id, entry.tmdb_id) is None
        change, other = partial(self.mark, entry, kind, on, day=day), DISPLACES.get(kind)
        return self._also_off(entry, change, other) if on and other else change()

    def _also_off(self, entry: MovieEntry, change: Callable[[], Change], kind: str) -> Change:
        return self.together([change, partial(self.mark, entry, kind, False)])

    def your_list(self, kind: str) -> tuple[list[Rated] | list[Mark], str]:
        """One of your lists (LISTS) whole, as its file keeps it, and as our CSV of that file:
        what exporting it writes."""
        if kind == RATED:
            profile = self.profile()
            return list(profile.ratings.values()), profile.to_csv()
        marks = self.marks()
        return marks.of(kind), marks.to_csv((kind,))

    def export(self, name: str, ours: str, letterboxd: str) -> Path:
        """A list as our CSV and Letterboxd's, beside your files, under a name no file there
        had (`name` and the time, taken atomically); the path they share, less their
        endings."""
        folder = self.marks_path.parent
        written = {".csv": ours, "-letterboxd.csv": letterboxd}
        stem = user_files.claim_names(folder, f"{name}-{time.strftime('%Y%m%d-%H%M%S')}",
                                      tuple(written))
        try:
            for ending, text in written.items():
                user_files.replace_text(folder / f"{stem}{ending}", text, "the export")
        except BaseException:  # the names are ours, taken above: no empty export is left
            for ending in written:
                with contextlib.suppress(OSError):
                    (folder / f"{stem}{ending}").unlink()
            raise
        return folder / stem


UNDONE, UNDOES = "Undone: ", " · z undoes"


def _when_and_stars(rated: Rated | None) -> tuple[int, float] | None:
    return rated and (rated.rated_at, rated.stars)


def _first_changed_since(undos: Sequence[_Undo]) -> Change | None:
    """A change made of several is put back whole or not at all."""
    return next((since for undo in undos if (since := undo.changed_since()) is not None),
                None)


def _said(what: str, undoing: bool) -> str:
    return f"{UNDONE}{what}" if undoing else f"{what}{UNDOES}"


def _bare(said: str, entry: MovieEntry, *, first: bool) -> str:
    """One change's line within several of one movie: without the undo's words, said once for
    all, and without the movie's name but in the first."""
    bare = said.removeprefix(UNDONE).removesuffix(UNDOES)
    return bare if first else bare.removeprefix(f"{movie_label(entry)}: ")
