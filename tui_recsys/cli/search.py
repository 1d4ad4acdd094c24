"""`tui-recsys search TITLE`: the app's movie search on the command line, each match with its
ids, so that a title several films share ("Heat", "Dune") or a guess can be turned into the
`--tmdb-id` or `--movielens-id` the other commands take."""

from __future__ import annotations

import argparse
import json
import shlex
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.output import print_table, say, write_stdout
from tui_recsys.cli.parsing import count_option
from tui_recsys.errors import UsageError
from tui_recsys.text import echo, plural

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    search = commands.add_parser(
        "search", parents=[common], aliases=["find"],
        help="find a movie by title, with its TMDB and MovieLens ids",
        description="List the movies the app's search finds for a title (any case, accents or "
                    "script; prefix and word matches first, a long title by its initials "
                    "(lotr), then fuzzy ones) or a link, the "
                    "best known first, each with its ids; where none matches, the "
                    "nearest spellings (godfahter).")
    search.add_argument("words", nargs="+", metavar="TITLE",
                        help="words of the title, or an IMDb, TMDB or Letterboxd link")
    count_option(search)
    search.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.data.marks_file import load_marks
    from tui_recsys.data.profile_file import load_profile
    from tui_recsys.engine.catalog.finding import check_letters
    from tui_recsys.engine.catalog.your_ratings import yours_of

    query = " ".join(args.words).strip()
    check_letters(query)
    movies = engine.index().movies
    keys, nearest = movies.search_or_nearest(query, args.k)
    found = [movies.entry(int(key)) for key in keys[:args.k]]
    if (person := engine.person_meant(query, keys, nearest)) is not None:  # nolan, kubrick
        say((f"no title holds {echo(query)}; " if nearest else "") + f"{person}'s films: "
            f"tui-recsys recommend person {shlex.quote(query)}")
    if nearest and found:  # a typo, "godfahter": said as such, even with --json
        say(f"no movie matches {echo(query)}; the nearest spellings, the likest first:")
    elif found and not args.json:
        say(f"{plural(len(found), 'movie')} for {echo(query)}, the closest first:")
    if not found:
        raise UsageError(f"no movie matches {echo(query)}; try fewer letters")
    profile = load_profile(paths.profile_path(args.profile))
    marks = load_marks(paths.marks_path(args.profile))
    rows = [{"title": entry.title, "year": entry.year, "tmdb_id": entry.tmdb_id,
             "movielens_id": entry.ml_id, "yours": yours, "on_watchlist": listed}
            for entry in found for yours, listed in [yours_of(entry, profile, marks)]]
    if args.json:
        write_stdout(json.dumps(rows, indent=2))
        return
    print_table(("#", "title", "year", "tmdb_id", "movielens_id", "yours"), [
        (rank, row["title"], row["year"] or "", "" if row["tmdb_id"] is None else row["tmdb_id"],
         "" if row["movielens_id"] is None else row["movielens_id"],
         "; ".join(filter(None, (row["yours"], "on your watchlist" if row["on_watchlist"]
                                 else ""))))
        for rank, row in enumerate(rows, 1)], right=(0, 3, 4), wrap=(1,))
