"""`tui-recsys import PATH`: what you already keep elsewhere, in one command. A whole Letterboxd
export (its folder, or the zip it downloads as) brings your ratings (ratings.csv), the films you
have seen (watched.csv) and your watchlist (watchlist.csv) together; one CSV is told by its name
and header (an IMDb ratings or watchlist export too), or by --as. Each part has the report,
idempotence and unmatched listing of `profile import`."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.output import say
from tui_recsys.cli.parsing import an_id
from tui_recsys.cli.profile import import_ratings, list_unmatched
from tui_recsys.data import user_files
from tui_recsys.data.letterboxd_export import PARTS, RATINGS, export_parts, is_export
from tui_recsys.data.marks_file import (
    HIDDEN,
    KINDS,
    NOT_SEEN,
    SEEN,
    WATCHLIST,
    load_marks,
    marks_lock,
)
from tui_recsys.data.profile_file import Profile, load_profile
from tui_recsys.data.rating_files import (
    holds_a_list,
    holds_ratings,
    holds_viewing_history,
    parse_list_file,
    parse_rating_file,
    unknown_file,
)
from tui_recsys.errors import DataError, UsageError
from tui_recsys.text import plural

if TYPE_CHECKING:
    from tui_recsys.data.rating_files import RatingFile
    from tui_recsys.engine.engine import Engine

CHOICES = {"ratings": RATINGS, "seen": SEEN, "watchlist": WATCHLIST}
COUNTED = {SEEN: "marked seen", WATCHLIST: "on your watchlist", HIDDEN: "not wanted",
           NOT_SEEN: "skipped as not seen by the quick start"}


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "import", parents=[common],
        help="your Letterboxd export (folder or zip: ratings, watched, watchlist), or one CSV",
        description="Bring in what you keep elsewhere: Letterboxd's whole export (its zip or "
                    "folder: ratings, films watched, watchlist), or one CSV, told by its "
                    "header: IMDb's ratings or watchlist, Letterboxd's ratings, watched, "
                    "watchlist or a list, Netflix's viewing history (films seen), a MovieLens "
                    "ratings.csv (one user's, --user), or an export of ours. Importing twice "
                    "changes nothing; what matches no film is listed, with why, beside your "
                    "profile.")
    parser.add_argument("path", type=Path, help="the export's folder or zip, or one CSV")
    parser.add_argument("--as", dest="holds", choices=sorted(CHOICES),
                        help="what one CSV holds (by default told by its name and header)")
    parser.add_argument("--user", type=an_id, metavar="ID",
                        help="one user's ratings, of a MovieLens ratings.csv of many users")


def run(args: argparse.Namespace, engine: Engine) -> None:
    parts = _parts(args.path, args.holds)
    profile, marks = paths.profile_path(args.profile), paths.marks_path(args.profile)
    load_marks(marks)  # damaged files are said before anything is matched
    for name, text, holds in parts:
        where = f"{args.path}" if len(parts) == 1 else f"{args.path}: {name}"
        stem = PurePosixPath(name).stem
        source = "file" if len(parts) == 1 else name  # which of an export's files this is
        if holds == RATINGS:
            ratings = parse_rating_file(text, where, args.user)
            import_ratings(profile, ratings, stem, engine, source)
            if args.holds is None and _watched_without_rating(ratings, text):
                _import_list(SEEN, _unrated(ratings, parse_list_file(text, where)),
                             f"{stem}-seen", engine, f"{source}, rows without a rating",
                             load_profile(profile), marks)
        else:
            # read after the ratings part: a film seen that you rated is not marked seen,
            # nor a film you rated put on the watchlist (our own marks file excepted: it puts
            # back what was there)
            rows = parse_list_file(text, where)
            by_row = args.holds is None and any(row.listed for row in rows.rows)
            for kind, listed in _lists(holds, rows, by_row):
                checked = kind == SEEN or (kind == WATCHLIST and not by_row)
                _import_list(kind, listed, stem, engine,
                             f"{source}, {kind} rows" if by_row else source,
                             load_profile(profile) if checked else None, marks)


def _watched_without_rating(ratings: RatingFile, text: str) -> bool:
    """Whether a ratings file's rows without a rating are films seen: so in a Letterboxd file
    (a diary, or the CSV its importer reads, as `profile export --format letterboxd` writes
    your films seen beside your ratings) that holds ratings too, in a layout a list of films
    has. One with no ratings is not told from a watchlist in the same layout, so its rows are
    left to `--as`."""
    return (ratings.kind.startswith("Letterboxd") and bool(ratings.rows and ratings.unrated)
            and holds_a_list(text))


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


def _import_list(kind: str, rows: RatingFile, stem: str, engine: Engine, source: str,
                 profile: Profile | None, path: Path) -> None:
    engine.index()  # read (or built) before the marks are locked
    with marks_lock(path):
        marks = load_marks(path)
        report = engine.import_marks(marks, kind, rows, profile)
        if report.new:  # and so what it took off the watchlist
            marks.save()
    rated = (f", {report.rated:,} you rated, so not marked" if report.rated else
             f", {report.seen:,} you rated, saw or hid, so not to watch" if report.seen else "")
    say(f"{rows.kind} {source}: {report.matched + report.rated + report.seen:,} matched "
        f"({report.new:,} new, {report.unchanged:,} already there{rated}), "
        f"{len(report.unmatched):,} unmatched, "
        f"{plural(report.duplicates, 'duplicate')}")
    if rows.said:
        say(f"{rows.kind} {source}: {rows.said}")
    if report.off_watchlist:
        say(f"{plural(report.off_watchlist, 'movie')} you saw now off your watchlist")
    if report.unhidden:
        say(f"{plural(report.unhidden, 'movie')} you had said you were not interested in, put "
            f"on the watchlist there since: recommended again")
    list_unmatched(report, path.parent, stem)
    say(f"{plural(len(marks.of(kind)), 'movie')} {COUNTED[kind]}, in {path}")


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
    kind = CHOICES[holds] if holds else PARTS.get(path.name.casefold())
    if kind is None:  # told by its header: a ratings file's, else a list (to watch)
        if holds_ratings(text):
            kind = RATINGS
        elif holds_a_list(text):
            kind = SEEN if holds_viewing_history(text) else WATCHLIST
        else:
            raise unknown_file(text, str(path))
    return [(path.name, text, kind)]
