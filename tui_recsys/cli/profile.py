"""The commands for your own ratings: `rate`, and `profile show|import|export|clear`.

Your ratings live in the profile file (`paths.profile_path`), never in the cache. As with every
command, data goes to stdout and commentary to stderr; numpy and the catalogue are imported
only by the commands that look movies up.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shlex
from collections.abc import Callable, Iterable
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tui_recsys import paths
from tui_recsys.cli.exports import chosen_format, export_options, write_export
from tui_recsys.cli.output import say, then
from tui_recsys.cli.parsing import SHOW, a_day, a_watched_day, an_id
from tui_recsys.data import user_files
from tui_recsys.data.list_orders import NAMES as ORDER_NAMES
from tui_recsys.data.list_orders import ORDERS, in_order
from tui_recsys.data.marks_file import Mark, load_marks, watched
from tui_recsys.data.profile_file import (
    COLUMNS,
    WHAT,
    Profile,
    Rated,
    day_of,
    load_profile,
    parse_typed_stars,
    profile_lock,
)
from tui_recsys.errors import DataError, UsageError
from tui_recsys.text import as_stars, clean, echo, plural

if TYPE_CHECKING:
    from tui_recsys.engine.catalog.entries import MovieEntry
    from tui_recsys.engine.engine import Engine

YEAR = re.compile(r"(?:18|19|20)\d\d")  # typed where the stars go: the title's year
# The stars' second word, unquoted: `rate alien 4 stars`, `rate alien 4 1/2`, `rate alien 3 ½`.
STARS_WORD = re.compile(r"stars?|★|½|1/2", re.IGNORECASE)
NUMBER = re.compile(r"\d(?:[.,]\d)?")
REMOVE_WORDS = frozenset({"x", "remove", "delete", "del", "none", "clear", "unrate"})

# Said when a rating or a seen mark took the movie off your watchlist (`marks_file.watched`).
OFF_WATCHLIST = "; off your watchlist now"


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rate = commands.add_parser(
        "rate", parents=[common], help="rate a movie (your profile)",
        usage="%(prog)s TITLE STARS [--on DAY] [--first]\n"
              "       %(prog)s --tmdb-id ID STARS | --movielens-id ID STARS [--on DAY]\n"
              "       %(prog)s TITLE --remove",
        description="Rate a movie, 0.5 to 5 stars in half stars, or remove your rating of it. "
                    "The title must be exact (any case, accents or leading article; add "
                    "\"(1979)\" for a year); else the candidates are listed and nothing "
                    "changes, unless --first takes the best match.")
    rate.add_argument("words", nargs="*", metavar="TITLE STARS",
                      help="the title (quoted, or as several words) or a link to the film, "
                           "then the stars")
    which = movie_options(rate)
    which.add_argument("--movie", metavar="TITLE", help=argparse.SUPPRESS)  # the old form
    which.add_argument("--movie-id", type=an_id, metavar="ID", help=argparse.SUPPRESS)  # old
    rate.add_argument("--remove", action="store_true", help="remove your rating instead")
    on_option(rate)

    profile = commands.add_parser("profile", parents=[common],
                                  help="show, import, export or clear your ratings")
    # Alone, it shows them: the one action that changes nothing.
    actions = profile.add_subparsers(dest="action", metavar="ACTION")
    profile.set_defaults(action="show")
    sort_option(ORDERS, profile, actions.add_parser(SHOW[0], parents=[common], aliases=SHOW[1:],
                                                    help="list your ratings and where they live"))
    source = actions.add_parser("import", parents=[common],
                                help="add ratings from an IMDb, Letterboxd or MovieLens CSV, or a "
                                     "spreadsheet of your films")
    source.add_argument("file", type=Path, help="the CSV to import (- reads it from stdin)")
    source.add_argument("--user", type=an_id, metavar="ID",
                        help="one user's ratings, of a MovieLens ratings.csv of many users")
    export = actions.add_parser(
        "export", parents=[common],
        help="write your ratings (CSV or JSON; Letterboxd's CSV holds the films you saw "
             "without rating too)")
    export_options(export)
    export.add_argument("--since", type=a_day, metavar="DAY",
                        help="only what you rated (or saw) on DAY or later: 2026-11-27, or 7d "
                             "for the last week; what you logged elsewhere before stays out")
    export.add_argument("--undated", action="store_true",
                        help="Letterboxd's CSV without the days: each film marked watched (and "
                             "rated) there, none logged in its diary on the day you rated it "
                             "here (the quick start's answers, films seen long ago)")
    actions.add_parser("clear", parents=[common],
                       help="start afresh (the old file is kept beside it)")


def sort_option(orders: tuple[str, ...], *parsers: argparse.ArgumentParser) -> None:
    """--sort on a command that lists (`profile`, `seen`) and on its `show`: given to either,
    it counts (the first's default is None, the newest first; a subcommand's own default would
    overwrite what the command was given)."""
    said = {"newest": "newest (first: the default)", "title": "title (A to Z)",
            "stars": "stars (the most first)"}
    for parser in parsers:
        parser.add_argument("--sort", choices=orders,
                            default=None if parser is parsers[0] else argparse.SUPPRESS,
                            help=f"the list's order: {', '.join(said[o] for o in orders)}")


M = TypeVar("M", Rated, Mark)


def sorted_as(args: argparse.Namespace, movies: Iterable[M], when: Callable[[M], int],
              stars: Callable[[M], float | None] = lambda _: None) -> tuple[list[M], str]:
    """Your `movies` in the order --sort asks (`list_orders.in_order`, as the app's o sorts
    its lists), and that order said (", newest first"), where there are two to order."""
    order = args.sort or ORDERS[0]
    listed = in_order(order, list(movies), lambda movie: (when(movie), movie.title, movie.year,
                                                           stars(movie)))
    return listed, f", {ORDER_NAMES[order]}" if len(listed) > 1 else ""


def on_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", type=a_watched_day, default=0, metavar="DAY",
                        help='the day you watched it: 2026-11-28, yesterday, friday, "last friday" '
                             "or 3d (default today), the day Letterboxd's diary logs it on when "
                             "you export")


def on_day(moment: int) -> str:
    """The day `--on` gave, as a command says it after the change."""
    return f" on {day_of(moment)}" if moment else ""


def movie_options(parser: argparse.ArgumentParser) -> argparse._MutuallyExclusiveGroup:
    """A movie named by a title (in `words`) or an id, as every command on your files takes
    it; the group of ids, for a command to add its old forms to."""
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--tmdb-id", type=an_id, metavar="ID", help="a TMDB id instead of a title")
    which.add_argument("--movielens-id", type=an_id, metavar="ID",
                       help="a MovieLens id instead of a title")
    parser.add_argument("--first", action="store_true",
                        help="an inexact title takes the search's best match")
    return which


def _stars_words(words: list[str]) -> str:
    """The stars typed last, taken off `words`: the last word, or the last two where they are
    one rating unquoted (`4 stars`, `4 1/2`, `3 ½`); "Ocean's 8 ½" stays a title and half a
    star."""
    stars = words.pop()
    if STARS_WORD.fullmatch(stars) and words and NUMBER.fullmatch(words[-1]):
        glued = f"{words[-1]}{'' if stars == '½' else ' '}{stars}"
        with contextlib.suppress(DataError):
            parse_typed_stars(glued)
            words.pop()
            return glued
    return stars


def _rate_question(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The title (None when an id names the movie) and the stars (None with --remove)."""
    if args.movie_id is not None:
        say("--movie-id is now --movielens-id")
        args.movielens_id = args.movie_id
    words = list(args.words)
    named = args.movie is not None or args.tmdb_id is not None or args.movielens_id is not None
    wanted = 0 if args.remove else 1  # the stars, after the title
    if len(words) < wanted + (not named):
        raise UsageError("give the title and the stars, `tui-recsys rate TITLE 4.5` (or "
                         "--remove)" if not named else "give the stars, 0.5 to 5 (or --remove)")
    stars = _stars_words(words) if wanted else None
    if stars is not None and words and YEAR.fullmatch(stars.strip("()")):  # "rate alien 1979"
        raise UsageError(f"{stars} is a year, not stars: give the stars after it, "
                         f"`tui-recsys rate {shlex.join([*words, stars])} 4.5`")
    if stars is not None and stars.strip().lower() in REMOVE_WORDS:  # the app's x removes
        movie = (shlex.join(words) if words else f"--tmdb-id {args.tmdb_id}"
                 if args.tmdb_id is not None else f"--movielens-id {args.movielens_id}"
                 if args.movielens_id is not None else "TITLE")
        raise UsageError(f"{echo(stars)} is not a rating; --remove takes yours off: "
                         f"`tui-recsys rate {movie} --remove`")
    if named and words:
        raise UsageError("name the movie once: a title, --tmdb-id or --movielens-id")
    title = args.movie if args.movie is not None else None if named else " ".join(words)
    if title is not None and not title.strip():
        raise UsageError("the title is empty: name the movie, `tui-recsys rate TITLE 4.5`")
    return title and title.strip(), stars


def movie_entry(args: argparse.Namespace, title: str | None,
                engine: Engine) -> tuple[MovieEntry, str | None]:
    """The movie a command names, by `title` (exact, else --first's best match) or an id; and
    what else the title may have meant (`finding.also_meant`), for the command to say after
    what it did, or in the one line of its error."""
    from tui_recsys.engine.catalog import finding

    movies = engine.index().movies
    if title is None:
        return finding.movie_entry(movies, tmdb_id=args.tmdb_id,
                                   movielens_id=args.movielens_id), None
    entry = finding.find_any_movie(movies, title, first=args.first)
    return entry, finding.also_meant(movies, title, entry)


def with_also(error: str, also: str | None) -> UsageError:
    """A command's mistake in one line, with what else the title may have meant."""
    return UsageError(error if also is None else f"{error}; {also}")


def run_rate(args: argparse.Namespace, engine: Engine) -> None:
    title_asked, stars_text = _rate_question(args)
    if stars_text is None and args.on:
        raise UsageError("--on gives the day of a rating: give the stars, not --remove")
    stars = None if stars_text is None else parse_typed_stars(stars_text)
    path = paths.profile_path(args.profile)
    load_profile(path)  # damaged files are said before any title is looked up
    if stars is not None:
        load_marks(paths.marks_path(args.profile))  # a rating takes the movie off your watchlist
    entry, also = movie_entry(args, title_asked, engine)
    title = f"{entry.title} ({entry.year or 'no year'})"
    if stars is None:
        with profile_lock(path):
            profile = load_profile(path)
            if not profile.remove(entry.ml_id, entry.tmdb_id):
                raise with_also(f"you have not rated {title}", also)
            profile.save()
        then(f"removed your rating of {title}; {plural(len(profile), 'rating')} in {path}", also)
        return
    changed, profile, off = save_rating(path, paths.marks_path(args.profile), entry, stars,
                                        args.on)
    then(f"{'rated' if changed else 'already rated'} {title} {as_stars(stars)}"
         f"{on_day(args.on)}; "
         f"{plural(len(profile), 'rating')} in {path}" + (OFF_WATCHLIST if off else ""), also)


def save_rating(path: Path, marks: Path, entry: MovieEntry, stars: float,
                on: int = 0) -> tuple[bool, Profile, int]:
    """Your `stars` for `entry` in the profile at `path`, under its lock, read-change-replace
    (`on`: the moment of the day you saw it, 0 for now), then the film off your watchlist in
    `marks`; whether the profile changed, the profile, and how many came off the watchlist."""
    from tui_recsys.engine.catalog.your_ratings import rated

    with profile_lock(path):
        profile = load_profile(path)
        rating = rated(entry, stars, on)
        changed = profile.rate(rating, redate=bool(on))
        if changed:
            profile.save()
    return changed, profile, watched(marks, [rating])


def run_profile(args: argparse.Namespace, engine: Engine) -> None:
    path = paths.profile_path(args.profile)
    if args.action == "clear":
        _clear(path, args.profile)
    elif args.action == "import":
        load_profile(path)  # a damaged profile is said before the file is matched
        _import(path, args.file, engine, args.user)
    elif args.action in SHOW:
        _show(load_profile(path), args)
    else:
        from tui_recsys.engine.catalog.your_ratings import seen_unrated

        if args.undated and chosen_format(args) != "letterboxd":
            raise UsageError("--undated is for --format letterboxd (its importer logs a dated "
                             "film in the diary); the other formats keep your days")
        profile = load_profile(path)
        # Letterboxd's importer logs a film without a rating as watched: there, your films
        # are the ones you rated and the ones you saw without rating them (a film both rated
        # and marked seen is its rating's row alone: logged twice, it would be two entries).
        seen = (seen_unrated(profile, load_marks(paths.marks_path(args.profile)))
                if chosen_format(args) == "letterboxd" else [])
        if args.since is not None:  # this week's, for a site that has the rest
            profile = profile.since(args.since)
            seen = [mark for mark in seen if mark.marked_on >= args.since]
        ratings = list(profile.ratings.values())
        since = f" of {args.since} or later" if args.since is not None else ""
        write_export(args, profile.to_csv,
                     lambda: [replace(film, watched="") if args.undated else film
                              for film in engine.films([*ratings, *seen])],
                     lambda: [asdict(rating) for rating in ratings],
                     plural(len(ratings), "rating") + (
                         f" and {plural(len(seen), 'film')} seen without one" if seen else "")
                     + since)


def _clear(path: Path, named: str | None) -> None:
    """Start afresh: the file becomes an empty profile, a copy of the old one kept beside it,
    and the command that brings it back said (`named`: the --profile given). Only a profile is
    cleared (its first row says so): never a file that merely has its name, and nothing is
    deleted."""
    with profile_lock(path):
        text = user_files.read_text(path, WHAT)
        if text is None:
            say(f"no profile at {path}: nothing to clear")
            return
        if text.partition("\n")[0].strip() not in ("", ",".join(COLUMNS)):
            raise UsageError(f"{path} is not a tui-recsys profile (its first row is not "
                             f"{','.join(COLUMNS)}); nothing was cleared")
        if not text.partition("\n")[2].strip():
            say(f"your profile at {path} is already empty: nothing to clear")
            return
        kept = user_files.keep_copy(path, "cleared")
        Profile(path).save()
    back = ["tui-recsys", *(["--profile", named] if named else []), "import", str(kept)]
    say(f"cleared your ratings; the old file is kept at {kept} (`{shlex.join(back)}` brings "
        f"them back)")


def _show(profile: Profile, args: argparse.Namespace) -> None:
    from tui_recsys.cli import output

    say(f"profile: {profile.path}")
    say(f"friends: {paths.friends_beside(profile.path)} (each ratings export there is a "
        f"friend in the app and for `recommend together --friend NAME`)")
    if not profile.ratings:
        say("no ratings yet: `tui-recsys rate TITLE STARS`, or `tui-recsys profile "
            "import FILE`")
        return
    ratings, order = sorted_as(args, profile.ratings.values(), lambda r: r.rated_at,
                               lambda r: r.stars)
    rows = [(clean(r.title), str(r.year or ""), f"{r.stars:g}", r.rated_on,
             "" if r.movielens_id is None else str(r.movielens_id),
             "" if r.tmdb_id is None else str(r.tmdb_id)) for r in ratings]
    output.print_table(("title", "year", "stars", "rated on", "movielens_id", "tmdb_id"),
                       rows, right=(2, 4, 5), wrap=(0,))
    say(plural(len(profile), "rating") + order)


def _import(path: Path, file: Path, engine: Engine, user: int | None) -> None:
    from tui_recsys.cli.imports import piped_text
    from tui_recsys.data.rating_files import parse_rating_file, read_rating_file
    from tui_recsys.engine.catalog.import_files import import_rating_rows

    piped = piped_text(file, "the CSV to import")
    rows = (read_rating_file(file, user) if piped is None
            else parse_rating_file(piped, "stdin", user))
    movies = engine.index().movies  # read (or built) before the profile is locked
    import_rating_rows(path, paths.marks_path(path), rows,
                       "stdin" if piped is not None else file.stem, movies, say)
