"""`tui-recsys import PATH`: what you already keep elsewhere, in one command (a whole Letterboxd
export, or one CSV), as `engine.catalog.import_files` brings it in; its report on stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.output import say
from tui_recsys.cli.parsing import an_id
from tui_recsys.data.letterboxd_export import RATINGS
from tui_recsys.data.marks_file import SEEN, WATCHLIST
from tui_recsys.data.user_files import STDIN, read_piped

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine

def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "import", parents=[common],
        help="your Letterboxd export (folder or zip: ratings, watched, watchlist), or one CSV",
        description="Bring in what you keep elsewhere: Letterboxd's whole export (its zip or "
                    "folder: ratings, films watched, watchlist), or one CSV, told by its "
                    "header: IMDb's ratings or watchlist, Letterboxd's ratings, watched, "
                    "watchlist or a list, Netflix's viewing history (films seen), a MovieLens "
                    "ratings.csv (one user's, --user), an export of ours, or any CSV as "
                    "Letterboxd's importer reads one (Title, tmdbID, imdbID or "
                    "LetterboxdURI; Rating 0.5-5 or Rating10 1-10: a spreadsheet of your "
                    "films). Importing twice changes nothing; what matches no film is listed, "
                    "with why, beside your profile.")
    parser.add_argument("path", type=Path,
                        help="the export's folder or zip, or one CSV (- reads it from stdin)")
    parser.add_argument("--as", dest="holds", choices=(RATINGS, SEEN, WATCHLIST),
                        help="what one CSV holds (by default told by its name and header)")
    parser.add_argument("--user", type=an_id, metavar="ID",
                        help="one user's ratings, of a MovieLens ratings.csv of many users")


def run(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.engine.catalog.import_files import import_path

    piped = piped_text(args.path, "the CSV to import")
    movies = engine.index().movies  # read (or built) before your files are locked
    import_path(Path("stdin") if piped is not None else args.path,
                paths.profile_path(args.profile), paths.marks_path(args.profile), movies, say,
                holds=args.holds, user=args.user, piped=piped)


def piped_text(path: Path, what: str) -> str | None:
    """What is piped in on stdin where `path` is "-" (`... | tui-recsys import -`), else
    None; typed at a terminal, it says how to end."""
    if str(path) != STDIN:
        return None
    if sys.stdin.isatty():
        say("reading the CSV typed here: end it with Ctrl-D")
    return read_piped(sys.stdin.buffer, what)
