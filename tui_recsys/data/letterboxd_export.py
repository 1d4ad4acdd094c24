"""A Letterboxd export as Letterboxd gives it (letterboxd.com/settings/data): a zip, or the
folder it unpacks to, of which three files are read, your ratings (ratings.csv), the films you
logged (watched.csv) and your watchlist (watchlist.csv). `tui-recsys import` brings them in as
yours, and counts the films you gave a heart (likes/films.csv), which it cannot; a friend's,
named for a movie night, is read for their ratings, the films they saw and the ones they mean
to see."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path, PurePosixPath

from tui_recsys.data import user_files
from tui_recsys.data.marks_file import SEEN, WATCHLIST
from tui_recsys.errors import DataError

RATINGS = "ratings"
LIKED = "liked"  # a heart: no stars, and no list of ours holds it (`liked_count` says so)
PARTS = {"ratings.csv": RATINGS, "watched.csv": SEEN, "watchlist.csv": WATCHLIST,
         "likes/films.csv": LIKED}  # by their paths in the export
READ = (RATINGS, SEEN, WATCHLIST)  # the parts brought in
MAX_MEMBER = user_files.MAX_BYTES  # a zip member read whole: a bound, not a limit


def is_export(path: Path) -> bool:
    """Whether `path` is a folder or a zip (a damaged one too, which reading then says is
    damaged): an export's, if it holds any of `PARTS`."""
    return path.is_dir() or user_files.is_zip(path)


def export_parts(path: Path) -> list[tuple[str, str, str]]:
    """The parts of the export at `path` (`is_export`): (name, text, what it holds), the
    ratings first; raises DataError where it holds none of them."""
    found = _read(path, set(READ))
    if not found:
        named = [name for name, kind in PARTS.items() if kind in READ]
        raise DataError(f"{path} holds none of {', '.join(named)}: not a Letterboxd export; "
                        f"name the CSV instead")
    return found


def export_part(path: Path, holds: str) -> str | None:
    """The text of the one part of the export at `path` that holds `holds` (RATINGS, SEEN),
    None where it has none: the others are not read."""
    return next((text for _, text, _ in _read(path, {holds})), None)


def liked_count(path: Path) -> int:
    """How many films the export at `path` has a heart for (likes/films.csv), 0 where it has
    none: an import says they are not read, as a heart gives no stars to count."""
    rows = sum(1 for row in csv.reader(io.StringIO(export_part(path, LIKED) or "")) if any(row))
    return max(rows - 1, 0)  # its header aside; an empty file has none


def export_lists(path: Path) -> list[tuple[str, str, str]]:
    """The films logged (watched.csv) and the watchlist (watchlist.csv) of the export at
    `path`, as `export_parts` gives them, whichever it has: what a friend saw and means to see,
    read for a movie night without their ratings."""
    return _read(path, {SEEN, WATCHLIST})


def export_zip(folder: Path) -> bytes:
    """The export unpacked in `folder` as a zip of the parts read from it, at its top: what
    Letterboxd gave, to keep as one file. The same bytes every time (no moment of writing in
    it), so that a second copy of one export is seen to be the first."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text, _ in export_parts(folder):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def _read(path: Path, kinds: set[str]) -> list[tuple[str, str, str]]:
    return _folder(path, kinds) if path.is_dir() else _zip(path, kinds)


def _folder(folder: Path, kinds: set[str]) -> list[tuple[str, str, str]]:
    found = []
    for name, kind in PARTS.items():
        if kind not in kinds:
            continue
        text = user_files.read_text(folder / name, "a file of the export")
        if text is not None:
            found.append((name, text, kind))
    return found


def _zip(path: Path, kinds: set[str]) -> list[tuple[str, str, str]]:
    """The export's parts at the zip's top, or in the one folder that holds all of it (a zip
    of the export's folder), read whole and bounded. Never from a folder beside them: an
    export keeps `deleted/` and `orphaned/` entries there, which are not yours to bring back."""
    found = []
    try:
        with zipfile.ZipFile(path) as archive:
            files = [(info, PurePosixPath(info.filename)) for info in archive.infolist()
                     if not info.is_dir()]
            tops = {name.parts[0] for _, name in files}
            wrapped = len(tops) == 1 and all(len(name.parts) > 1 for _, name in files)
            folder = tuple(tops) if wrapped else ()
            for info, name in files:
                within = "/".join(name.parts[len(folder):]).casefold()
                kind = PARTS.get(within) if name.parts[:len(folder)] == folder else None
                if kind not in kinds:
                    continue
                if info.file_size > MAX_MEMBER:
                    raise DataError(f"{path}: {info.filename} is {info.file_size:,} bytes, "
                                    f"more than an export's file can be")
                text = archive.read(info).decode("utf-8-sig")
                found.append((info.filename, text, kind))
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as exc:
        raise DataError(f"{path}: not a readable zip ({exc}); download the export again") \
            from None
    # In the folder's order, whatever the zip's: the ratings first, so that a film you rated
    # is not also marked seen.
    order = list(PARTS.values())
    return sorted(found, key=lambda part: order.index(part[2]))
