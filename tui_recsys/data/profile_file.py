"""Your ratings: the profile file, in the platform's user-data folder (never the cache, which
`cache clear` empties), a CSV a person can read and edit, and safe to open in a spreadsheet.

It is read and replaced as `user_files` keeps a person's files: a regular file only, changed
under its lock (`profile_lock`, held by every read-change-write), replaced whole and atomically.
One that cannot be read is never overwritten: loading it fails with the file, row and fix, and
a copy is kept beside it before anything may replace it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from tui_recsys.data import user_files
from tui_recsys.data.scale import RATING_SCALE
from tui_recsys.data.spreadsheet import decimal, delimiter, number, plain_cell, safe_cell
from tui_recsys.errors import DataError, NotOurs
from tui_recsys.text import clean, echo

COLUMNS = ("movielens_id", "tmdb_id", "title", "year", "rating", "rated_at")
STEP = 0.5  # ratings are whole or half stars
WHAT = "your profile"
LARGEST_ID = 2**63 - 1  # what the catalogues' int64 columns can hold


def parse_stars(text: str, where: str, typed: str | None = None) -> float:
    """A rating as a file holds it (4, 3.5, 4.0, 4,5); anything else names the fix, and what
    was `typed` where that was read otherwise."""
    low, high = RATING_SCALE
    stars = number(text)
    if not low <= stars <= high or (stars / STEP) % 1:
        below = (stars // STEP) * STEP  # between two steps: the two ("3.7": 3.5 or 4)
        near = f", such as {below:g} or {below + STEP:g}" if low < stars < high else ""
        raise DataError(f"{where}: {echo(text if typed is None else typed)} is not a rating; "
                        f"use {low:g} to {high:g} stars in steps of {STEP:g}{near}")
    return stars


TRAILING_STARS = re.compile(r"\s*(?:stars?|★|\*)\s*$", re.IGNORECASE)  # "4.5 stars", "4 ★", "4*"
AND_A_HALF = re.compile(r"(\d)\s+1\s*/\s*2")  # "4 1/2", as a half is written without ½
GLYPHS = re.compile(r"([★*]+)\s*(½?)")  # "★★★½" as Letterboxd shows it, "****" as reviews do
OUT_OF = re.compile(r"(\d+(?:[.,]\d+)?)\s*/\s*(5|10)")  # "4/5"; "7/10" as IMDb rates


def parse_typed_stars(text: str) -> float:
    """Stars as a person types them at a prompt or on the command line, which may be as a
    European writes a decimal (4,5), as Letterboxd shows a half (3½) or a rating (★★★½), as
    a half is written without its glyph (4 1/2), out of 5 or 10 (7/10), or with a word or a
    star after (4.5 stars, 4*); `parse_stars` then checks the value."""
    typed = text.strip()
    glyphs, out_of = GLYPHS.fullmatch(typed), OUT_OF.fullmatch(typed)
    half = AND_A_HALF.fullmatch(TRAILING_STARS.sub("", typed))
    if half:
        return parse_stars(f"{half[1]}.5", "stars", typed)
    if glyphs:
        return parse_stars(f"{len(glyphs[1]) + (0.5 if glyphs[2] else 0):g}", "stars", typed)
    if out_of:
        stars = number(out_of[1]) * 5 / int(out_of[2])
        return parse_stars(f"{stars:g}", "stars", typed)
    words = TRAILING_STARS.sub("", typed).replace(",", ".")
    if words.endswith("½"):
        whole = words[:-1].strip() or "0"
        words = f"{whole}.5" if whole.isdigit() else typed
    return parse_stars(words, "stars", typed)


def movie_key(movielens_id: int | None, tmdb_id: int | None) -> tuple[str, int]:
    """What identifies a movie of yours: its MovieLens id, else its TMDB id (one is known)."""
    if movielens_id is not None:
        return ("movielens", movielens_id)
    assert tmdb_id is not None
    return ("tmdb", tmdb_id)


class YourMovie:
    """A movie of yours (rated or marked), known by its id in each catalogue that knows it,
    at least one."""

    movielens_id: int | None
    tmdb_id: int | None

    @property
    def key(self) -> tuple[str, int]:
        return movie_key(self.movielens_id, self.tmdb_id)


@dataclass(frozen=True)
class Rated(YourMovie):
    """One movie you rated."""

    movielens_id: int | None
    tmdb_id: int | None
    title: str
    year: int | None
    stars: float
    rated_at: int = 0  # seconds since the epoch; 0 when not known

    @property
    def rated_on(self) -> str:
        """The day it was rated (`day_of`), or "" when not known."""
        return day_of(self.rated_at)


@dataclass
class Profile:
    """Your ratings, most recent last, at most one per movie."""

    path: Path
    ratings: dict[tuple[str, int], Rated] = field(default_factory=dict)
    delimiter: str = ","  # the file's, kept when it is replaced (`spreadsheet.delimiter`)
    _by_tmdb: dict[int, tuple[str, int]] = field(default_factory=dict, init=False, repr=False)

    def __len__(self) -> int:
        return len(self.ratings)

    def rate(self, rated: Rated, *, redate: bool = False, as_then: bool = False) -> bool:
        """Set a rating, replacing the movie's earlier one (found by either id, so a row a
        person wrote with one id is not rated twice); whether anything changed. The same stars
        again change nothing (an import's older or newer day of them neither), unless
        `redate`: the person gave the day they watched it (`rate --on`). A rating of no moment
        is made now, but one imported `as_then` keeps a moment its file did not give unknown:
        dated the day of the import, a spreadsheet's films went to Letterboxd's diary as all
        watched that day."""
        old = self.find(rated.movielens_id, rated.tmdb_id)
        if old is not None and old.stars == rated.stars and not (
                redate and day_of(old.rated_at) != day_of(rated.rated_at)):
            return False
        self.put(rated if as_then else replace(rated, rated_at=rated.rated_at or int(time.time())))
        return True

    def since(self, day: str) -> Profile:
        """The ratings of `day` (ISO, "2026-11-27") or later, as a profile of their own, in
        order: what to export to a site that has the rest. One of no known day is left out."""
        kept = Profile(self.path, delimiter=self.delimiter)
        for rated in self.ratings.values():
            if rated.rated_on >= day:
                kept.put(rated)
        return kept

    def put(self, rated: Rated) -> None:
        """Keep `rated` as the movie's one rating, the latest."""
        self.remove(rated.movielens_id, rated.tmdb_id)
        self.ratings[rated.key] = rated
        if rated.tmdb_id is not None:
            self._by_tmdb[rated.tmdb_id] = rated.key

    def remove(self, movielens_id: int | None, tmdb_id: int | None) -> bool:
        old = self.find(movielens_id, tmdb_id)
        if old is None:
            return False
        del self.ratings[old.key]
        if old.tmdb_id is not None:
            del self._by_tmdb[old.tmdb_id]
        return True

    def find(self, movielens_id: int | None, tmdb_id: int | None) -> Rated | None:
        """Your rating of the movie with either of these ids (either may be None)."""
        key = ("movielens", movielens_id) if movielens_id is not None else None
        if key not in self.ratings and tmdb_id is not None:
            key = self._by_tmdb.get(tmdb_id)
        return self.ratings.get(key) if key is not None else None

    def to_csv(self, delimiter: str = ",") -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in self.ratings.values():
            writer.writerow(["" if r.movielens_id is None else r.movielens_id,
                             "" if r.tmdb_id is None else r.tmdb_id, safe_cell(r.title),
                             "" if r.year is None else r.year, decimal(r.stars, delimiter),
                             iso_time(r.rated_at)])
        return out.getvalue()

    def save(self) -> None:
        """Replace the file whole, atomically (a link's target, its mode kept), separated and
        encoded as it was (a spreadsheet saved it with semicolons, in Windows-1252: so it
        stays); call it under `profile_lock`, after reading the profile there."""
        user_files.replace_text(self.path, self.to_csv(self.delimiter), WHAT, keep_encoding=True)


@contextlib.contextmanager
def profile_lock(path: Path) -> Iterator[None]:
    """Held across a whole read-change-write of the profile, so that two commands at once, or
    the app and a command, never lose a rating."""
    with user_files.locked(path, WHAT):
        yield


def optional_id(text: str, column: str, where: str, *, positive: bool = True) -> int | None:
    if not text.strip():
        return None
    if not text.strip().lstrip("-").isascii() or not text.strip().lstrip("-").isdigit():
        raise DataError(f"{where}: {column} {echo(text)} is not a whole number; fix or remove "
                        f"the row")
    value = int(text)
    if abs(value) > LARGEST_ID:
        raise DataError(f"{where}: {column} {echo(text)} is too large for an id; fix or remove "
                        f"the row")
    if positive and value <= 0:
        raise DataError(f"{where}: {column} {value} is not an id; fix or remove the row")
    return value


def iso_time(seconds: int) -> str:
    """A moment as ISO 8601 in UTC ("2026-12-02T15:06:32Z"), or "" for 0 (not known)."""
    if not seconds:
        return ""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_of(seconds: int) -> str:
    """The day a moment fell on where you are ("2026-12-03"), or "" for 0 (not known): a film
    watched in the evening in New York is rated on that day, which UTC already calls the next,
    and Letterboxd's diary takes the day as you lived it. A moment at midnight UTC exactly is a
    day an import gave without a time (Letterboxd's and IMDb's dates, read as that midnight):
    it is that day, wherever you are."""
    if not seconds:
        return ""
    if seconds % 86_400 == 0:
        return datetime.fromtimestamp(seconds, UTC).date().isoformat()
    return datetime.fromtimestamp(seconds).date().isoformat()  # the local time zone's


def parse_moment(text: str) -> int | None:
    """Seconds since the epoch from an ISO date or date and time (a date alone is its
    midnight, UTC; a time with no zone is UTC); None when `text` is neither."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def stamped_at(text: str, column: str, where: str) -> int:
    """When a row was made: ISO 8601, or seconds since the epoch as profiles before 0.2 wrote
    it, or nothing (0)."""
    if not text.strip():
        return 0
    if text.strip().lstrip("-").isdigit():
        return optional_id(text, column, where, positive=False) or 0
    seconds = parse_moment(text)
    if seconds is None:
        raise DataError(f"{where}: {column} {echo(text)} is not a date such as 2026-12-02; fix "
                        f"or empty it")
    return seconds


def csv_rows(text: str, path: Path, columns: tuple[str, ...],
             separator: str) -> Iterator[tuple[str, list[str]]]:
    """Each row of one of our CSVs, its cells `separator`-separated (`spreadsheet.delimiter`
    told it), with where it is ("FILE, row N"), after a header that must be `columns`; a row
    of another length raises DataError naming it. No header: no rows. A row of empty cells
    is no row: a spreadsheet saves one where a person emptied a row's cells instead of
    deleting the row."""
    rows = csv.reader(io.StringIO(text), delimiter=separator)
    header = next(rows, None)
    if header is None:
        return
    if tuple(header) != columns:
        raise NotOurs(f"{path}: the first row must be {','.join(columns)}; it is "
                      f"{echo(','.join(header))}")
    for line, row in enumerate(rows, start=2):
        where = f"{path}, row {line}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            raise DataError(f"{where}: {len(row)} fields where the header has {len(columns)}; "
                            f"fix or remove the row")
        yield where, row


def parse_profile(text: str, path: Path) -> Profile:
    """The profile in `text`; the first problem raises DataError naming the row. A movie rated
    twice (two devices' files merged, rows pasted in) keeps its latest rating: the later row,
    but where both rows are dated, the later day's, as an import keeps a newer rating."""
    profile = Profile(path, delimiter=delimiter(text))
    for where, row in csv_rows(text, path, COLUMNS, profile.delimiter):
        movielens_id, tmdb_id, title, year, stars, rated_at = row
        rated = Rated(optional_id(movielens_id, "movielens_id", where),
                      optional_id(tmdb_id, "tmdb_id", where), clean(plain_cell(title)),
                      optional_id(year, "year", where), parse_stars(stars, where),
                      stamped_at(rated_at, "rated_at", where))
        if rated.movielens_id is None and rated.tmdb_id is None:
            raise DataError(f"{where}: neither a movielens_id nor a tmdb_id; add one or "
                            f"remove the row")
        earlier = profile.find(rated.movielens_id, rated.tmdb_id)
        if earlier is None or replaces(rated.rated_at, earlier.rated_at):
            profile.put(rated)
    return profile


def replaces(later_row: int, earlier_row: int) -> bool:
    """Whether a later row of a file, dated `later_row` (seconds, 0 when not known), replaces
    an earlier row's for the same movie, dated `earlier_row`: the later row does, unless both
    are dated and it is dated earlier (two devices' files merged, the newer first; Netflix
    listing the newest first; a diary's film rated again). One rule for your profile and
    every import."""
    return not (later_row and earlier_row > later_row)


def load_profile(path: Path) -> Profile:
    """The profile at `path` (empty when there is none yet). One that cannot be read raises
    DataError naming the row and the fix, after a copy of it is kept beside it."""
    return user_files.read_parsed(path, WHAT, parse_profile, Profile,
                                  "your profile is unchanged",
                                  "; `tui-recsys profile clear` starts afresh")
