"""The commands for your marks: `watchlist add|remove|show`, `seen`, and `hide`/`unhide` (not
interested). Each names a movie as `rate` does: an exact title, or an id; `seen` and `hide`
with none list theirs, as `watchlist` alone does (and as `git tag` does), so that what was
hidden can be found to be given back. Marks live beside your profile (`paths.marks_path`),
and every change is made under their lock, read-change-replace."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.exports import (
    export_as_options,
    export_options,
    export_target,
    stdout_format,
    write_export,
)
from tui_recsys.cli.output import say, then
from tui_recsys.cli.parsing import SHOW
from tui_recsys.cli.profile import (
    movie_entry,
    movie_options,
    on_day,
    on_option,
    sort_option,
    sorted_as,
    with_also,
)
from tui_recsys.data.marks_file import (
    HIDDEN,
    SEEN,
    WATCHLIST,
    Mark,
    load_marks,
    marks_lock,
)
from tui_recsys.data.profile_file import load_profile
from tui_recsys.errors import UsageError
from tui_recsys.text import as_stars, clean, plural

if TYPE_CHECKING:
    from pathlib import Path

    from tui_recsys.data.marks_file import Marks
    from tui_recsys.engine.catalog.entries import MovieEntry
    from tui_recsys.engine.engine import Engine

NAMES = {WATCHLIST: "your watchlist", SEEN: "the movies you have seen",
         HIDDEN: "the movies you are not interested in"}
ON = {WATCHLIST: "on", SEEN: "among", HIDDEN: "among"}  # "already on your watchlist"
OFF = {WATCHLIST: "off", SEEN: "from", HIDDEN: "from"}
DAY = {WATCHLIST: "added on", SEEN: "seen on", HIDDEN: "hidden on"}  # each list's day column
ORDERS = ("newest", "title")  # a mark has no stars of yours (the app's o sorts by people's)


def _movie(parser: argparse.ArgumentParser, alone: str = "") -> None:
    parser.add_argument("words", nargs="*", metavar="TITLE",
                        help=f"the title (quoted, or as several words), or an IMDb, TMDB or "
                             f"Letterboxd link{alone}")
    movie_options(parser)


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    watchlist = commands.add_parser("watchlist", parents=[common], implied="add",
                                    help="save movies for later, or list them",
                                    description="Save movies for later, or list them: alone it "
                                                "lists them, and a title alone adds it "
                                                "(watchlist \"Heat (1995)\").")
    # Alone, it shows them: the one action that changes nothing; with a title, it adds it.
    actions = watchlist.add_subparsers(dest="action", metavar="ACTION")
    watchlist.set_defaults(action="show")
    _movie(actions.add_parser("add", parents=[common], help="save a movie for later"))
    _movie(actions.add_parser("remove", parents=[common], help="take a movie off"))
    sort_option(ORDERS, watchlist, actions.add_parser(SHOW[0], parents=[common],
                                                      aliases=SHOW[1:],
                                                      help="list your watchlist"))
    export_options(actions.add_parser("export", parents=[common],
                                      help="write your watchlist (CSV, Letterboxd's CSV, JSON)"))
    seen = commands.add_parser("seen", parents=[common],
                               help="a movie you have seen, without rating it (left out of "
                                    "recommendations)",
                               description="Mark a movie you have seen without rating it: "
                                           "For you learns from it, and every list leaves it "
                                           "out (--remove unmarks it). Alone, or as `seen "
                                           "show`, it lists them; --export writes them.")
    _movie(seen, "; none (or show) lists them")
    seen.add_argument("--remove", action="store_true", help="unmark it instead")
    on_option(seen)
    sort_option(ORDERS, seen)
    export_as_options(seen, "the list (no title named)")
    hide = commands.add_parser("hide", parents=[common],
                               help="not interested: never recommend this movie",
                               description="Not interested: no list recommends this movie "
                                           "again (`unhide` puts it back). Alone, or as `hide "
                                           "show`, it lists them; --export writes them.")
    _movie(hide, "; none (or show) lists them")
    sort_option(ORDERS, hide)
    export_as_options(hide, "the list (no title named)")
    _movie(commands.add_parser("unhide", parents=[common], help="recommend it again",
                               description="Recommend a movie you hid again."))


def run_watchlist(args: argparse.Namespace, engine: Engine) -> None:
    if args.action in SHOW:
        _show(args, WATCHLIST)
    elif args.action == "export":
        _export(args, engine, WATCHLIST)
    else:
        _change(args, engine, WATCHLIST, add=args.action == "add")


def _export(args: argparse.Namespace, engine: Engine, kind: str) -> None:
    marks = load_marks(paths.marks_path(args.profile))
    listed = marks.of(kind)
    write_export(args, lambda: marks.to_csv((kind,)), lambda: engine.films(listed),
                 lambda: [asdict(mark) for mark in listed], plural(len(listed), "movie"))


def _listed(args: argparse.Namespace, engine: Engine, kind: str) -> None:
    """`seen` or `hide` alone: the list, as a table, and with `--export FILE` or `--format`
    written as `watchlist export` writes its own (the app's e exports them alone; the
    command line had no way but `profile export`, whose Letterboxd CSV carries the seen)."""
    stdout_format(args)
    if args.file is not None:
        export_target(args)  # refused before anything is said
        _export(args, engine, kind)
        if args.file == "-":
            return
    _show(args, kind)


def _no_export(args: argparse.Namespace) -> None:
    if args.file is not None or args.format is not None:
        raise UsageError("--export and --format write the list: name no film")
    if args.sort is not None:
        raise UsageError("--sort orders the list: name no film")


def run_seen(args: argparse.Namespace, engine: Engine) -> None:
    if args.on and (args.remove or _listing(args)):
        raise UsageError("--on gives the day you saw a film: name it, and not with --remove")
    if _listing(args) and not args.remove:
        _listed(args, engine, SEEN)
    else:
        _no_export(args)
        _change(args, engine, SEEN, add=not args.remove, on=args.on)


def run_hide(args: argparse.Namespace, engine: Engine) -> None:
    if _listing(args):
        _listed(args, engine, HIDDEN)
    else:
        _no_export(args)
        _change(args, engine, HIDDEN, add=True)


def run_unhide(args: argparse.Namespace, engine: Engine) -> None:
    if _unnamed(args):
        raise UsageError("name the movie to recommend again: a title, --tmdb-id or "
                         "--movielens-id; `tui-recsys hide` lists the ones hidden")
    _change(args, engine, HIDDEN, add=False)


def _unnamed(args: argparse.Namespace) -> bool:
    """No title, not even an empty one, and no id."""
    return not args.words and args.tmdb_id is None and args.movielens_id is None


def _listing(args: argparse.Namespace) -> bool:
    """Nothing named, or `show` (or `list`) alone, as `watchlist show` and `profile show` list
    theirs: `seen show` answered "no movie is titled exactly 'show'"."""
    return _unnamed(args) or (args.tmdb_id is None and args.movielens_id is None
                              and len(args.words) == 1 and args.words[0].casefold() in SHOW)


def _change(args: argparse.Namespace, engine: Engine, kind: str, *, add: bool,
            on: int = 0) -> None:
    """Mark the movie named (`add`) or unmark it; `on`: the moment of the day given
    (`seen --on`), 0 for now."""
    title_asked = " ".join(args.words).strip() or None
    named = args.tmdb_id is not None or args.movielens_id is not None
    if named == (title_asked is not None):
        raise UsageError("name the movie once: a title, --tmdb-id or --movielens-id")
    path = paths.marks_path(args.profile)
    load_marks(path)  # damaged marks are said before any title is looked up
    entry, also = movie_entry(args, title_asked, engine)
    title = f"{entry.title} ({entry.year or 'no year'})"
    marks, changed, was, off = save_mark(
        path, Mark(kind, entry.ml_id, entry.tmdb_id, entry.title, entry.year, on), add=add)
    where, count = NAMES[kind], plural(len(marks.of(kind)), "movie")
    if not add and not changed:
        raise with_also(f"{title} is not {ON[kind]} {where}", also)
    said = (f"took {title} {OFF[kind]} {where}" if not add
            else f"added {title} to {where}{on_day(on)}" if changed and not was
            else f"{title} is {ON[kind]} {where}, now{on_day(on)}" if changed
            else f"{title} is already {ON[kind]} {where}{on_day(on)}")
    then(f"{said}; {count} there" + (f"; off {NAMES[off]} now" if off else "")
         + (_to_see_again(args, entry) if kind == WATCHLIST and add and changed else ""), also)


def save_mark(path: Path, mark: Mark, *, add: bool = True
              ) -> tuple[Marks, bool, bool, str | None]:
    """`mark` added to (or taken off) your marks at `path`, under their lock,
    read-change-replace, a mark of another day a change (`seen --on`); the marks, whether they
    changed, whether the movie was there, and the list it came off (seen takes it off your
    watchlist)."""
    with marks_lock(path):
        marks = load_marks(path)
        was = marks.find(mark.kind, mark.movielens_id, mark.tmdb_id) is not None
        off = None
        if add:
            changed, off = marks.add_displacing(mark, redate=bool(mark.marked_at))
        else:
            changed = marks.remove(mark.kind, mark.movielens_id, mark.tmdb_id) is not None
        if changed:
            marks.save()
    return marks, changed, was, off


def _to_see_again(args: argparse.Namespace, entry: MovieEntry) -> str:
    """A film you rated, put on your watchlist: said, as a rewatch or a slip of the title."""
    rated = load_profile(paths.profile_path(args.profile)).find(entry.ml_id, entry.tmdb_id)
    return "" if rated is None else f" (you rated it {as_stars(rated.stars)}: to see again)"


def _show(args: argparse.Namespace, kind: str) -> None:
    from tui_recsys.cli import output

    marks = load_marks(paths.marks_path(args.profile))
    listed, order = sorted_as(args, marks.of(kind), lambda mark: mark.marked_at)
    say(f"{NAMES[kind]}: {plural(len(listed), 'movie')}{order}, in {marks.path}")
    left_behind = paths.marks_left_behind(args.profile)
    if left_behind is not None:
        say(clean(left_behind))
    if listed:
        output.print_table(("title", "year", DAY[kind]),
                           [(m.title, m.year or "", m.marked_on) for m in listed], wrap=(0,))
