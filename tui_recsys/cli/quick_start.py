"""`tui-recsys quick-start`: the next round of eight movies to rate, chosen to teach the models
most about you (`models.quick_start`), on stdout; how to answer, on stderr. Each run adapts
to your ratings so far and leaves out what you rated, saw or hid, and what you said you have
not seen: `--skip ID` keeps that in your marks, as the app's quick start does, so no round
asks it again (`--ask-again` forgets every skip)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.output import say, write_stdout
from tui_recsys.cli.parsing import positive
from tui_recsys.data.marks_file import NOT_SEEN, Mark, Marks, load_marks, marks_lock
from tui_recsys.data.profile_file import load_profile
from tui_recsys.errors import UsageError
from tui_recsys.text import plural

if TYPE_CHECKING:
    from pathlib import Path

    from tui_recsys.engine.catalog.entries import MovieEntry
    from tui_recsys.engine.engine import Engine


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    quick = commands.add_parser(
        "quick-start", parents=[common],
        help="eight movies to rate next, chosen to learn your taste fast",
        description="Print the next round of eight movies to rate: ones you have most likely "
                    "seen, varied in genre and decade, adapting to your ratings so far.")
    quick.add_argument("--skip", type=positive, action="append", default=[], metavar="ID",
                       help="a MovieLens id of a movie you have not seen: kept in your marks, "
                            "never asked again (repeat it for each one)")
    quick.add_argument("--ask-again", action="store_true",
                       help="forget every movie skipped so far, here or in the app")
    quick.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.cli import output
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.catalog.your_ratings import left_out, not_seen_ids, seen_ids
    from tui_recsys.engine.models.quick_start import UNTIL
    from tui_recsys.engine.strategies.for_you import ForYou

    profile = load_profile(paths.profile_path(args.profile))
    before = load_marks(paths.marks_path(args.profile))  # damaged ones said before a build
    ctx = BuildContext(progress=output.ProgressPrinter(lines=False))
    why = engine.unavailable(engine.strategy(ForYou.name))  # the rounds are For you's
    if why is not None:
        raise UsageError(why)
    movies = engine.index(ctx).movies  # before a round is drawn, or its models built
    unknown = [movie_id for movie_id in args.skip if movies.by_movielens(movie_id) is None]
    if unknown:
        raise UsageError(f"--skip {unknown[0]}: no MovieLens movie has that id; skip the ids "
                         f"a round lists")
    skipped = [entry for movie_id in args.skip
               if (entry := movies.by_movielens(movie_id)) is not None]
    rated = {movie.movielens_id for movie in profile.ratings.values()}
    seen = set(seen_ids(before))
    for entry in skipped:
        movie = f"{entry.title} ({entry.year or 'no year'})"
        done = (f"rated {movie}" if entry.ml_id in rated
                else f"marked {movie} seen" if entry.ml_id in seen else None)
        if done is not None:
            raise UsageError(f"--skip {entry.ml_id}: you {done}; skip only a movie you have "
                             f"not seen")
    marks = _skipped(before.path, skipped, args.ask_again)
    items = engine.quick_start(list(profile.ratings.values()), left_out(profile, marks),
                               not_seen_ids(profile, marks), ctx=ctx,
                               seen=seen_ids(marks)).items
    count = len(profile)
    say(f"quick start, from your {plural(count, 'rating')}"
        + (f" ({UNTIL} make For you good)" if count < UNTIL else "")
        + ": rate each (tui-recsys rate --movielens-id ID STARS), or mark it seen "
          "(tui-recsys seen --movielens-id ID); run this again for the next round, with "
          "--skip ID for each one you have not seen (never asked again)")
    if args.json:
        write_stdout(output.recommendations_json(items))
    else:
        output.print_table(("#", "movielens_id", "title", "year"),
                           [(rank, item.movielens_id, item.title, item.year or "")
                            for rank, item in enumerate(items, 1)], right=(0, 1), wrap=(2,))


def _skipped(path: Path, entries: list[MovieEntry], ask_again: bool) -> Marks:
    """Your marks, with `entries` marked not seen (after every skip is forgotten, with
    `ask_again`) in the file at `path`, under their lock, read-change-replace; said on stderr."""
    entries = list(dict.fromkeys(entries))
    with marks_lock(path):
        marks = load_marks(path)
        forgotten = [marks.remove(NOT_SEEN, m.movielens_id, m.tmdb_id)
                     for m in marks.of(NOT_SEEN)] if ask_again else []
        added = sum(marks.add(Mark(NOT_SEEN, entry.ml_id, entry.tmdb_id, entry.title,
                                   entry.year)) for entry in entries)
        if forgotten or added:
            marks.save()
    if forgotten:
        say(f"forgot {plural(len(forgotten), 'skip')}: those movies may be asked again")
    if added:
        say(f"{plural(added, 'movie')} you have not seen, kept in {path}: never asked again")
    if len(entries) > added:
        say(f"{plural(len(entries) - added, 'movie')} skipped already: never asked again")
    return marks
