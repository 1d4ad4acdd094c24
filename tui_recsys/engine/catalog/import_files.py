"""What you already keep elsewhere, brought into your files: a whole Letterboxd export (its
folder, or the zip it downloads as) brings your ratings (ratings.csv), the films you have seen
(watched.csv) and your watchlist (watchlist.csv) together; one CSV is told by its name and
header (an IMDb ratings or watchlist export too), or by what the caller says it holds. Each
part is merged under its file's lock, importing twice changes nothing, and what matches no film
is listed, with why, beside your profile. `tui-recsys import` and the app's import prompt both
come here, and each tells the report its own way (`tell`: a line at a time)."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from tui_recsys.data import user_files
from tui_recsys.data.letterboxd_export import (
    PARTS,
    RATINGS,
    export_parts,
    is_export,
    liked_count,
)
from tui_recsys.data.marks_file import (
    HIDDEN,
    KINDS,
    NOT_SEEN,
    SEEN,
    WATCHLIST,
    load_marks,
    marks_lock,
    watched,
)
from tui_recsys.data.profile_file import Profile, load_profile, profile_lock
from tui_recsys.data.rating_files import (
    RatingFile,
    holds_a_list,
    holds_ratings,
    holds_viewing_history,
    parse_list_file,
    parse_rating_file,
    unknown_file,
)
from tui_recsys.data.spreadsheet import safe_cell
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.catalog.your_ratings import ImportReport, import_marks, import_ratings
from tui_recsys.errors import DataError, UsageError
from tui_recsys.text import plural

Tell = Callable[[str], None]
COUNTED = {SEEN: "marked seen", WATCHLIST: "on your watchlist", HIDDEN: "not wanted",
           NOT_SEEN: "skipped as not seen by the quick start"}
LISTING_HEADER = ("row", "movie", "stars", "why")
EARLIER_HEADERS = {",".join(LISTING_HEADER), "row,movie,stars"}  # listings this tool wrote


def import_path(path: Path, profile: Path, marks: Path, movies: MovieIndex, tell: Tell, *,
                holds: str | None = None, user: int | None = None,
                piped: str | None = None) -> None:
    """Everything `path` holds (a Letterboxd export, or one CSV: what it holds is `holds`,
    RATINGS, SEEN or WATCHLIST, else told by its name and header) into the profile at
    `profile` and the marks at `marks`; `user`: one user's ratings of a MovieLens ratings.csv
    of many. `piped`: the CSV's text, read from stdin (`path` then names it)."""
    parts = _parts(path, holds) if piped is None else [_told(path, piped, holds)]
    load_marks(marks)  # damaged files are said before anything is matched
    for name, text, kind in parts:
        where = f"{path}" if len(parts) == 1 else f"{path}: {name}"
        stem = PurePosixPath(name).stem
        source = "file" if len(parts) == 1 else name  # which of an export's files this is
        if kind == RATINGS:
            ratings = parse_rating_file(text, where, user)
            import_rating_rows(profile, marks, ratings, stem, movies, tell, source)
            if holds is None and _watched_without_rating(ratings):
                _import_list(SEEN, _unrated(ratings, parse_list_file(text, where)),
                             f"{stem}-seen", movies, tell, f"{source}, rows without a rating",
                             load_profile(profile), marks)
        else:
            # read after the ratings part: a film seen that you rated is not marked seen,
            # nor a film you rated put on the watchlist (our own marks file excepted: it puts
            # back what was there)
            rows = parse_list_file(text, where)
            by_row = holds is None and any(row.listed for row in rows.rows)
            for listed_kind, listed in _lists(kind, rows, by_row):
                checked = listed_kind == SEEN or (listed_kind == WATCHLIST and not by_row)
                _import_list(listed_kind, listed, stem, movies, tell,
                             f"{source}, {listed_kind} rows" if by_row else source,
                             load_profile(profile) if checked else None, marks)
    liked = liked_count(path) if piped is None and is_export(path) else 0
    if liked:  # what a heart means has no place here: said, not guessed at
        tell(f"likes/films.csv ({plural(liked, 'film')} with a heart) is not read: a heart "
             f"gives no stars, so a film you did not rate counts as seen; rate the ones you "
             f"love (+ in the app) to count them as loved")


def import_rating_rows(path: Path, marks: Path, rows: RatingFile, stem: str, movies: MovieIndex,
                       tell: Tell, source: str = "file") -> None:
    """`rows` into the profile at `path`, under its lock (what you rated leaves the watchlist
    in `marks`); the report told (of `source`), the unmatched rows listed beside the profile
    (as unmatched-`stem`.csv)."""
    load_marks(marks)  # what you rated leaves your watchlist: said before, too
    with profile_lock(path):
        profile = load_profile(path)
        before = set(profile.ratings)
        report = import_ratings(profile, rows, movies)
        if report.new or report.changed:
            profile.save()
    tell(report.summary(source))
    off = watched(marks, [profile.ratings[key] for key in profile.ratings.keys() - before],
                  as_then=True)
    if off:
        tell(f"{plural(off, 'movie')} you rated now off your watchlist")
    if report.unrated and not (report.matched or report.unmatched):
        tell("none of its rows has a rating: if it lists films to watch or films seen, "
             "import it with --as watchlist or --as seen")
    _list_unmatched(report, profile.path.parent, stem, tell)
    tell(f"{plural(len(profile), 'rating')} in {profile.path}")


def _watched_without_rating(ratings: RatingFile) -> bool:
    """Whether a ratings file's rows without a rating are films seen: so in a Letterboxd file
    (a diary, or the CSV its importer reads, as `profile export --format letterboxd` writes
    your films seen beside your ratings, or a spreadsheet of one's films) that holds ratings
    too, as Letterboxd's importer logs such a row as watched. One with no ratings is not told
    from a watchlist in the same layout, so its rows are left to `--as`."""
    return ratings.kind.startswith("Letterboxd") and bool(ratings.rows and ratings.unrated)


def _unrated(ratings: RatingFile, listed: RatingFile) -> RatingFile:
    """The rows of the file read as a list (`listed`) that its ratings (`ratings`) skipped."""
    rated = {row.line for row in ratings.rows}
    return replace(listed, rows=[row for row in listed.rows if row.line not in rated])


def _lists(holds: str, rows: RatingFile, by_row: bool) -> list[tuple[str, RatingFile]]:
    """The lists `rows` go on: the one the file holds; `by_row` (our marks, no --as), the
    one each row names, so that a marks file brought from another machine puts every film
    back where it was."""
    if not by_row:
        return [(holds, rows)]
    return [(kind, replace(rows, rows=listed)) for kind in KINDS
            if (listed := [row for row in rows.rows if row.listed == kind])]


def _import_list(kind: str, rows: RatingFile, stem: str, movies: MovieIndex, tell: Tell,
                 source: str, profile: Profile | None, path: Path) -> None:
    with marks_lock(path):
        marks = load_marks(path)
        report = import_marks(marks, kind, rows, movies, profile)
        if report.new:  # and so what it took off the watchlist
            marks.save()
    rated = (f", {report.rated:,} you rated, so not marked" if report.rated else
             f", {report.seen:,} you rated, saw or hid, so not to watch" if report.seen else "")
    tell(f"{rows.kind} {source}: {report.matched + report.rated + report.seen:,} matched "
         f"({report.new:,} new, {report.unchanged:,} already there{rated}), "
         f"{len(report.unmatched):,} unmatched, "
         f"{plural(report.duplicates, 'duplicate')}")
    if rows.said:
        tell(f"{rows.kind} {source}: {rows.said}")
    if report.off_watchlist:
        tell(f"{plural(report.off_watchlist, 'movie')} you saw now off your watchlist")
    if report.unhidden:
        tell(f"{plural(report.unhidden, 'movie')} you had said you were not interested in, put "
             f"on the watchlist there since: recommended again")
    _list_unmatched(report, path.parent, stem, tell)
    tell(f"{plural(len(marks.of(kind)), 'movie')} {COUNTED[kind]}, in {path}")


def _parts(path: Path, holds: str | None) -> list[tuple[str, str, str]]:
    """The files to import: (name, text, what it holds)."""
    if is_export(path):
        if holds is not None:
            raise UsageError("--as is for one CSV; a Letterboxd export's files say what they "
                             "hold")
        return export_parts(path)
    text = user_files.read_text(path, "the file to import")
    if text is None:
        raise DataError(f"{path}: no such file; name the export's folder or zip, or a CSV")
    return [_told(path, text, holds)]


def _told(path: Path, text: str, holds: str | None) -> tuple[str, str, str]:
    """One CSV as a file to import: what it holds is `holds`, else told by its name and its
    header (a ratings file's, else a list: films seen or to watch)."""
    kind = holds or PARTS.get(path.name.casefold())
    if kind is None:
        if holds_ratings(text):
            kind = RATINGS
        elif holds_a_list(text):
            kind = SEEN if holds_viewing_history(text) else WATCHLIST
        else:
            raise unknown_file(text, str(path))
    return path.name, text, kind


def _list_unmatched(report: ImportReport, folder: Path, stem: str, tell: Tell) -> None:
    """An import's unmatched rows, each with why, in a listing beside your files."""
    if not report.unmatched:
        return
    listing = _listing(folder, stem)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LISTING_HEADER)
    writer.writerows((u.row.line, safe_cell(u.row.describe()),
                      f"{u.row.stars:g}" if u.row.stars else "", u.why)
                     for u in report.unmatched)
    user_files.replace_text(listing, out.getvalue(), "the listing")
    count = len(report.unmatched)
    tell(f"the {plural(count, 'unmatched row')} {'is' if count == 1 else 'are'} listed, "
         f"{'with' if count == 1 else 'each with'} why, in {listing}")


def _listing(folder: Path, stem: str) -> Path:
    """Where to list an import's unmatched rows: beside the profile, replacing only a listing
    an earlier import wrote, never a file of the user's that happens to have the name."""
    for number in itertools.count(1):
        path = folder / (f"unmatched-{stem}.csv" if number == 1
                         else f"unmatched-{stem}-{number}.csv")
        try:
            text = user_files.read_text(path, "the listing")
        except DataError:  # a folder, a FIFO, unreadable: not ours
            continue
        if text is None or text.partition("\n")[0] in EARLIER_HEADERS:
            return path
    raise AssertionError("unreachable")
