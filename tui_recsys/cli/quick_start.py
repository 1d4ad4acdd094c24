"""`tui-recsys quick-start`: the next round of eight movies to rate, chosen to teach the models
most about you (`models.quick_start`), on stdout; how to answer, on stderr. Each run adapts
to your ratings so far and leaves out what you rated, saw or hid, and what `--skip` names: the
command keeps no state, so a movie you have not seen is skipped by naming it, or it is asked
again."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.output import say
from tui_recsys.cli.parsing import positive
from tui_recsys.data.marks_file import load_marks
from tui_recsys.data.profile_file import load_profile
from tui_recsys.errors import UsageError
from tui_recsys.text import plural

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    quick = commands.add_parser(
        "quick-start", parents=[common],
        help="eight movies to rate next, chosen to learn your taste fast",
        description="Print the next round of eight movies to rate: ones you have most likely "
                    "seen, varied in genre and decade, adapting to your ratings so far.")
    quick.add_argument("--skip", type=positive, action="append", default=[], metavar="ID",
                       help="a MovieLens id of a movie you have not seen, left out of the "
                            "round (repeat it for each one)")
    quick.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.cli import output
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.catalog.your_ratings import left_out, seen_ids
    from tui_recsys.engine.models.quick_start import UNTIL
    from tui_recsys.engine.strategies.for_you import ForYou

    profile = load_profile(paths.profile_path(args.profile))
    marks = load_marks(paths.marks_path())
    ctx = BuildContext(progress=output.ProgressPrinter(lines=False))
    why = engine.unavailable(engine.strategy(ForYou.name))  # the rounds are For you's
    if why is not None:
        raise UsageError(why)
    movies = engine.index(ctx).movies  # before a round is drawn, or its models built
    unknown = [movie_id for movie_id in args.skip if movies.by_movielens(movie_id) is None]
    if unknown:
        raise UsageError(f"--skip {unknown[0]}: no MovieLens movie has that id; skip the ids "
                         f"a round lists")
    items = engine.quick_start(list(profile.ratings.values()), left_out(profile, marks),
                               args.skip, ctx=ctx, seen=seen_ids(marks)).items
    count = len(profile)
    say(f"quick start, from your {plural(count, 'rating')}"
        + (f" ({UNTIL} make For you good)" if count < UNTIL else "")
        + ": rate each (tui-recsys rate --movielens-id ID STARS), or mark it seen "
          "(tui-recsys seen --movielens-id ID); run this again for the next round, with "
          "--skip ID for each one you have not seen")
    if args.json:
        print(output.recommendations_json(items))
    else:
        print(output.table(("#", "movielens_id", "title", "year"),
                           [(rank, item.movielens_id, item.title, item.year or "")
                            for rank, item in enumerate(items, 1)], right=(0, 1)))
