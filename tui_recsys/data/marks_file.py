"""Your marks: the movies on your watchlist, those you have seen (without rating them), those
you are not interested in, and those a quick start asked about that you have not seen (never
asked again, still recommended), in one CSV beside your profile in the user-data folder.

Kept exactly as the profile is (`profile`): read only when it is a regular file, changed under
its lock (`marks_lock`, held by every read-change-write), replaced whole and atomically, safe to
open in a spreadsheet; one that cannot be read is named with its row and fix, a copy is kept
beside it, and it is never overwritten.
"""

from __future__ import annotations

import contextlib
import csv
import io
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tui_recsys.data import user_files
from tui_recsys.data.profile_file import (
    Rated,
    YourMovie,
    csv_rows,
    day_of,
    iso_time,
    optional_id,
    stamped_at,
)
from tui_recsys.data.spreadsheet import delimiter, plain_cell, safe_cell
from tui_recsys.errors import DataError
from tui_recsys.text import clean, echo

WATCHLIST, SEEN, HIDDEN, NOT_SEEN = "watchlist", "seen", "hidden", "not-seen"
KINDS = (WATCHLIST, SEEN, HIDDEN, NOT_SEEN)
COLUMNS = ("mark", "movielens_id", "tmdb_id", "title", "year", "marked_at")
WHAT = "your marks"
# The list a new mark takes a film off: seen or not interested, the watchlist (as Letterboxd
# takes a logged film off; a film not wanted is not to watch); to watch, not interested (a mind
# changed: left hidden, "only my watchlist" left it out unsaid).
DISPLACES = {SEEN: WATCHLIST, HIDDEN: WATCHLIST, WATCHLIST: HIDDEN}


@dataclass(frozen=True)
class Mark(YourMovie):
    """One movie on one of your lists, by its ids in each catalogue that knows it."""

    kind: str  # one of KINDS
    movielens_id: int | None
    tmdb_id: int | None
    title: str
    year: int | None
    marked_at: int = 0  # seconds since the epoch; 0 when not known

    @property
    def marked_on(self) -> str:
        """The day it was marked (`day_of`), or "" when not known."""
        return day_of(self.marked_at)


@dataclass
class Marks:
    """Your lists, each in the order its movies were marked."""

    path: Path
    lists: dict[str, dict[tuple[str, int], Mark]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS})
    delimiter: str = ","  # the file's, kept when it is replaced (`spreadsheet.delimiter`)
    _by_tmdb: dict[str, dict[int, tuple[str, int]]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS}, init=False, repr=False)

    def __len__(self) -> int:
        return sum(map(len, self.lists.values()))

    def of(self, kind: str) -> list[Mark]:
        return list(self.lists[kind].values())

    def find(self, kind: str, movielens_id: int | None, tmdb_id: int | None) -> Mark | None:
        """The movie's mark of `kind`, found by either id (either may be None)."""
        marked = self.lists[kind]
        key = ("movielens", movielens_id) if movielens_id is not None else None
        if key not in marked and tmdb_id is not None:
            key = self._by_tmdb[kind].get(tmdb_id)
        return marked.get(key) if key is not None else None

    def add(self, mark: Mark, *, redate: bool = False, as_then: bool = False) -> bool:
        """Mark the movie (found by either id); whether it was not marked so before, or (with
        `redate`: the person gave the day, `seen --on`) on another day. A mark of no moment is
        made now, one imported `as_then` left of no known moment (`Profile.rate`)."""
        old = self.find(mark.kind, mark.movielens_id, mark.tmdb_id)
        if old is not None and not (redate and old.marked_on != mark.marked_on):
            return False
        self.put(mark if as_then else replace(mark, marked_at=mark.marked_at or int(time.time())))
        return True

    def add_displacing(self, mark: Mark, *, redate: bool = False,
                       as_then: bool = False) -> tuple[bool, str | None]:
        """Mark the movie, and take it off the list that mark displaces (`DISPLACES`). Whether
        it was not so marked before (`add`), and the list it came off, if any. Marked again,
        it stays where it is (put back on the watchlist since a seen mark, to see again),
        unless on a day given: seen again since. A mark made `as_then` (an import's, at its
        moment) leaves a film put on that list after it there (`put_there_after`)."""
        new, other = self.add(mark, redate=redate, as_then=as_then), DISPLACES.get(mark.kind)
        if not new or other is None or (as_then and put_there_after(
                self.find(other, mark.movielens_id, mark.tmdb_id), mark.marked_at)):
            return new, None
        gone = self.remove(other, mark.movielens_id, mark.tmdb_id)
        return new, other if gone is not None else None

    def put(self, mark: Mark) -> None:
        """Keep `mark` as the movie's one mark of its kind, the latest."""
        self.remove(mark.kind, mark.movielens_id, mark.tmdb_id)
        self.lists[mark.kind][mark.key] = mark
        if mark.tmdb_id is not None:
            self._by_tmdb[mark.kind][mark.tmdb_id] = mark.key

    def remove(self, kind: str, movielens_id: int | None, tmdb_id: int | None) -> Mark | None:
        """Take the movie off the list; the mark it had, or None."""
        old = self.find(kind, movielens_id, tmdb_id)
        if old is not None:
            del self.lists[kind][old.key]
            if old.tmdb_id is not None:
                del self._by_tmdb[kind][old.tmdb_id]
        return old

    def to_csv(self, kinds: tuple[str, ...] = KINDS, delimiter: str = ",") -> str:
        """The marks of `kinds` (all, as the file holds them) as our CSV."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(COLUMNS)
        for kind in kinds:
            for m in self.lists[kind].values():
                writer.writerow([kind, "" if m.movielens_id is None else m.movielens_id,
                                 "" if m.tmdb_id is None else m.tmdb_id, safe_cell(m.title),
                                 "" if m.year is None else m.year, iso_time(m.marked_at)])
        return out.getvalue()

    def save(self) -> None:
        """Replace the file whole, atomically, separated as it was; call it under
        `marks_lock`, after reading the marks there."""
        user_files.replace_text(self.path, self.to_csv(delimiter=self.delimiter), WHAT,
                                keep_encoding=True)


@contextlib.contextmanager
def marks_lock(path: Path) -> Iterator[None]:
    """Held across a whole read-change-write of the marks: two commands at once, or the app
    and a command, never lose one."""
    with user_files.locked(path, WHAT):
        yield


def parse_marks(text: str, path: Path) -> Marks:
    """The marks in `text`; the first problem raises DataError naming the row."""
    marks = Marks(path, delimiter=delimiter(text))
    for where, row in csv_rows(text, path, COLUMNS, marks.delimiter):
        kind, movielens_id, tmdb_id, title, year, marked_at = row
        if kind not in KINDS:
            raise DataError(f"{where}: mark {echo(kind)} is not one of {', '.join(KINDS)}; fix "
                            f"or remove the row")
        mark = Mark(kind, optional_id(movielens_id, "movielens_id", where),
                    optional_id(tmdb_id, "tmdb_id", where), clean(plain_cell(title)),
                    optional_id(year, "year", where), stamped_at(marked_at, "marked_at", where))
        if mark.movielens_id is None and mark.tmdb_id is None:
            raise DataError(f"{where}: neither a movielens_id nor a tmdb_id; add one or "
                            f"remove the row")
        marks.put(mark)  # a later row for the movie wins
    return marks


def load_marks(path: Path) -> Marks:
    """The marks at `path` (none when there is no file yet). One that cannot be read raises
    DataError naming the row and the fix, after a copy of it is kept beside it."""
    return user_files.read_parsed(path, WHAT, parse_marks, Marks, "your marks are unchanged")


def put_there_after(mark: Mark | None, moment: int) -> bool:
    """Whether `mark` was made after `moment` (seconds, 0 for now), both known: a film put on
    the watchlist after it was rated or seen is to see again, and that rating, imported
    later, does not take it off. By the moment where both are ours to the second, else by
    the day (an import's dates are days: a rating of the day it was put there is of a film
    seen since). A rating or mark made now takes it off whatever day it gives: the person
    acts after they put it there."""
    if mark is None or not (mark.marked_at and moment):
        return False
    if mark.marked_at % 86_400 and moment % 86_400:  # neither a day alone (`day_of`)
        return mark.marked_at > moment
    return mark.marked_on > day_of(moment)


def watched(path: Path, movies: Iterable[Rated], *, as_then: bool = False) -> int:
    """`movies` off the watchlist in the marks at `path`, now that they were rated, as
    Letterboxd takes a logged film off; rated `as_then` (an import's ratings, at their
    moments), not those put there after they were rated (`put_there_after`: a backup of your
    ratings imported again took films you meant to see again off it); how many came off."""
    with marks_lock(path):
        marks = load_marks(path)
        off = sum(marks.remove(WATCHLIST, movie.movielens_id, movie.tmdb_id) is not None
                  for movie in movies if not as_then or not put_there_after(
                      marks.find(WATCHLIST, movie.movielens_id, movie.tmdb_id), movie.rated_at))
        if off:
            marks.save()
    return off
