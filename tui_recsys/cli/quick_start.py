"""`tui-recsys quick-start`: the next round of eight movies to rate, chosen to teach the models
most about you (`models.quick_start`), on stdout; how to answer, on stderr. Each run adapts
to your ratings so far and leaves out what you rated, saw or hid, and what you said you have
not seen: `--skip ID` keeps that in your marks, as the app's quick start does, so no round
asks it again (`--ask-again` forgets every skip)."""

from __future__ import annotations

import argparse
import itertools
import sys
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.output import say, write_stdout
from tui_recsys.cli.parsing import positive
from tui_recsys.data.days import seen_on, stars_and_day
from tui_recsys.data.marks_file import NOT_SEEN, SEEN, Mark, Marks, load_marks, marks_lock
from tui_recsys.data.profile_file import Profile, day_of, load_profile
from tui_recsys.data.scale import DISLIKE, LIKE
from tui_recsys.errors import DataError, UsageError
from tui_recsys.text import as_stars, clean, plural

if TYPE_CHECKING:
    from pathlib import Path

    from tui_recsys.engine.answer import Recommendation
    from tui_recsys.engine.build_context import BuildContext
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
    quick.add_argument("--ask", action="store_true",
                       help="ask each movie in turn, round after round, each answer saved at "
                            "once: stars (4.5, or 4 yesterday), + like, - dislike, v seen (v "
                            "friday: on friday), enter: not seen (never asked again), q: stop")


def run(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.cli import output
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.catalog.your_ratings import seen_ids
    from tui_recsys.engine.models.quick_start import UNTIL
    from tui_recsys.engine.strategies.for_you import ForYou

    if args.ask and args.json:
        raise UsageError("--ask asks each movie here, --json prints the round: give one")
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
    if args.ask:
        _asked_rounds(profile, marks, args, engine, ctx)
        return
    items = _round(engine, profile, marks, ctx)
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


def _round(engine: Engine, profile: Profile, marks: Marks,
           ctx: BuildContext) -> list[Recommendation]:
    """The next round from your ratings and marks: what you rated, saw or skipped is left
    out."""
    from tui_recsys.engine.catalog.your_ratings import (
        hidden_keys,
        left_out,
        not_seen_ids,
        seen_ids,
    )

    return engine.quick_start(list(profile.ratings.values()), left_out(profile, marks),
                              not_seen_ids(profile, marks), ctx=ctx, seen=seen_ids(marks),
                              hidden=hidden_keys(marks)).items


def _asked_rounds(profile: Profile, marks: Marks, args: argparse.Namespace, engine: Engine,
                  ctx: BuildContext) -> None:
    """Each movie of a round asked in turn on stderr and answered on stdin, as the app's
    quick start asks them, each answer in your files at once (ctrl+c keeps what was
    answered); then the next round, adapted, until q, the end of the input, or nothing more
    to ask."""
    movies = engine.index(ctx).movies
    for round_number in itertools.count(1):
        if round_number > 1:
            profile = load_profile(paths.profile_path(args.profile))
            marks = load_marks(paths.marks_path(args.profile))
            say(f"{plural(len(profile), 'rating')} now; the next round, from your answers:")
        items = _round(engine, profile, marks, ctx)
        if not items:
            say("nothing more to ask: every movie a round would hold is answered")
            return
        say(f"quick start, round {round_number}: stars (4.5, or 4 yesterday), + like, - "
            f"dislike, v seen (v friday), enter: not seen, q: stop")
        for number, item in enumerate(items, 1):
            entry = movies.by_movielens(item.movielens_id) if item.movielens_id else None
            if entry is not None and not _asked(entry, f"{number}/{len(items)}", args):
                return


def _asked(entry: MovieEntry, where: str, args: argparse.Namespace) -> bool:
    """One movie asked until it is answered; False where the person stops (q, or no more
    input)."""
    from tui_recsys.cli.marks import save_mark
    from tui_recsys.cli.profile import save_rating

    movie = f"{entry.title} ({entry.year or 'no year'})"
    while True:
        sys.stderr.write(f"tui-recsys: {where} {clean(movie)}: ")
        sys.stderr.flush()
        line = sys.stdin.readline()
        typed = line.strip()
        if not sys.stdin.isatty():  # a terminal shows the answer typed; a pipe does not
            sys.stderr.write(f"{clean(typed)}\n")
        if not line or typed.casefold() in ("q", "quit"):
            say("stopped; every answer is kept: `tui-recsys quick-start --ask` goes on")
            return False
        try:
            seen = seen_on(typed)  # "v", or "seen friday"
            if seen is not None or not typed:
                kind = NOT_SEEN if seen is None else SEEN
                save_mark(paths.marks_path(args.profile), Mark(
                    kind, entry.ml_id, entry.tmdb_id, entry.title, entry.year, seen or 0))
                say("  not seen: never asked again" if seen is None
                    else "  seen" + (f" on {day_of(seen)}" if seen else ""))
                return True
            stars, on = ((LIKE, 0) if typed == "+" else (DISLIKE, 0) if typed == "-"
                         else stars_and_day(typed))
            save_rating(paths.profile_path(args.profile), paths.marks_path(args.profile),
                        entry, stars, on)
        except DataError as error:
            say(f"  {str(error).removeprefix('stars: ')}")
            continue
        say(f"  {as_stars(stars)}" + (f", seen on {day_of(on)}" if on else ""))
        return True


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
