"""Exports, shared by `profile export`, `watchlist export`, `recommend --export`, and `seen`
and `hide` alone with `--export`: our CSV, the CSV Letterboxd's importer reads, or JSON; to
stdout, or to a file replaced whole and atomically, which is never your profile or marks and
never a file of yours that is not an earlier export (unless `--force`)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.output import say, write_stdout
from tui_recsys.data import user_files
from tui_recsys.data.profile_file import COLUMNS
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    from tui_recsys.data.letterboxd import Film

FORMATS = ("csv", "letterboxd", "json")


class _ExportFile(argparse.Action):
    """FILE, or `-o FILE` as other tools take it: one file, however it is named (argparse
    would let the one read last win, and FILE left out would put stdout back over -o's)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        if values is None:  # FILE left out
            return
        if getattr(namespace, self.dest) is not None:
            raise argparse.ArgumentError(self, "name the file once: as FILE or with -o FILE")
        setattr(namespace, self.dest, values)


def export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default=None, action=_ExportFile,
                        help="where to write them (- or none: stdout, for a pipe or > file)")
    parser.add_argument("-o", "--output", dest="file", metavar="FILE", action=_ExportFile,
                        help="FILE, as other tools take it")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="csv (ours, the default), letterboxd (its importer's CSV) or json; "
                             "by default told by the file's extension")
    force_option(parser)


def export_as_options(parser: argparse.ArgumentParser, what: str) -> None:
    """`--export FILE` and `--format` of a command that prints a list (`recommend`, and `seen`
    and `hide` alone): `what` it writes, "the list"."""
    parser.add_argument("--export", "-o", metavar="FILE", dest="file",
                        help=f"also write {what} to FILE (- for stdout): csv, letterboxd or "
                             f"json, as --format says or the extension tells")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help=f"{what} as csv (ours), letterboxd (its importer's CSV) or json: "
                             f"on stdout, or to --export FILE")
    force_option(parser)


def stdout_format(args: argparse.Namespace) -> None:
    """`--format csv` alone prints the list as CSV (it was ignored: a table came out)."""
    if args.format is not None and args.file is None:
        args.file = "-"


def force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace FILE even if it is not an export of ours")


def _an_export(path: Path) -> bool:
    """Whether the file at `path` is missing, empty, or an export this tool writes (told by
    its CSV header, or by its JSON's keys): the only files an export may replace unasked. A
    typo must not cost someone the ratings file they were about to import."""
    from tui_recsys.data.letterboxd import COLUMNS as LETTERBOXD
    from tui_recsys.data.marks_file import COLUMNS as MARKS
    from tui_recsys.data.marks_file import Mark
    from tui_recsys.data.profile_file import Rated
    from tui_recsys.engine.answer import EARLIER_PICK_COLUMNS, PICK_COLUMNS

    text = user_files.read_text(path, "the export file")
    if not text or text.isspace():
        return True
    if text.partition("\n")[0].rstrip("\r") in {",".join(columns) for columns in (
            COLUMNS, MARKS, LETTERBOXD, PICK_COLUMNS, EARLIER_PICK_COLUMNS)}:
        return True
    try:
        rows = json.loads(text)
    except ValueError:
        return False
    ours = [{field.name for field in fields(kind)} for kind in (Rated, Mark)] + [
        set(PICK_COLUMNS), set(EARLIER_PICK_COLUMNS)]
    return isinstance(rows, list) and all(isinstance(row, dict) and set(row) in ours
                                          for row in rows)


def export_target(args: argparse.Namespace) -> Path | None:
    """The file an export may write (None: stdout), checked before any work is done for it."""
    if args.file in (None, "-"):
        return None
    target = paths.expand(args.file, "the export file")
    for yours, named in ((paths.profile_path(args.profile), "your profile"),
                         (paths.marks_path(args.profile), "your marks file")):
        if user_files.same_file(target, yours):
            raise UsageError(f"{target} is {named} itself; export to another file")
    if not args.force and not _an_export(target):
        raise UsageError(f"{target} exists and is not an export of ours; choose another "
                         f"file, or add --force to replace it")
    return target


def chosen_format(args: argparse.Namespace) -> str:
    """`--format`, else told by the file's extension: JSON for .json, else our CSV."""
    return args.format or ("json" if (args.file or "").endswith(".json") else "csv")


def write_export(args: argparse.Namespace, ours: Callable[[], str],
                 films: Callable[[], list[Film]], as_json: Callable[[], list[dict]],
                 what: str) -> None:
    """An export in the chosen format, to stdout or to a file replaced whole and atomically
    (a failed export leaves it as it was), never to your profile or marks themselves, however
    they are reached (a hard link, a link), and over another file only if it is an earlier
    export or `--force` says so: checked here, just before writing, even where the command
    checked first (`recommend`, before its model is built, which a file may come during)."""
    from tui_recsys.data.letterboxd import letterboxd_csv

    target = export_target(args)
    chosen = chosen_format(args)
    text = {"csv": ours, "letterboxd": lambda: letterboxd_csv(films()),
            "json": lambda: json.dumps(as_json(), indent=2) + "\n"}[chosen]()
    if target is None:
        write_stdout(text)
        return
    user_files.replace_text(target, text, "the export file")
    say(f"wrote {what} to {target}" + (" (Letterboxd's import format)"
                                       if chosen == "letterboxd" else ""))
