"""Someone else's ratings, for a movie night (`recommend together --profile FILE`, the app's
`--friend FILE`): a file `profile export` wrote, or the ratings export a friend has at hand
(IMDb's, Letterboxd's CSV or its whole export, zip or folder), which the engine matches to the
catalogues as `profile import` would; and what they saw, hid or mean to see: the marks their
own tui-recsys keeps beside a profile, or a Letterboxd export's watched.csv and watchlist.csv.
Read only: it is not ours, so nothing here writes, repairs or keeps a copy of it; one that
cannot be read is one line."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from tui_recsys.data import user_files
from tui_recsys.data.letterboxd_export import (
    RATINGS,
    export_lists,
    export_part,
    export_zip,
    is_export,
)
from tui_recsys.data.marks_file import Marks, parse_marks
from tui_recsys.data.profile_file import Profile, parse_profile
from tui_recsys.data.rating_files import (
    RatingFile,
    films_without_ratings,
    holds_ratings,
    parse_list_file,
    parse_rating_file,
)
from tui_recsys.errors import DataError, NotOurs, UsageError
from tui_recsys.paths import marks_beside
from tui_recsys.text import clean, echo

# What a movie night calls you and a MovieLens user: a file's name is never read as either.
TAKEN = re.compile(r"you|user \d+", re.IGNORECASE)
# How Letterboxd names an export: letterboxd-USERNAME-2026-12-01-09-30-utc(.zip).
EXPORT_NAME = re.compile(r"letterboxd-(.+)-\d{4}(?:-\d{2}){4}-utc", re.IGNORECASE)
# A file kept beside an earlier one of the same person: sam-2026-12-05.csv is sam's
# (`keep_friend`), as a second of one day is sam-2026-12-05-2.csv.
DATED = re.compile(r"(.+?)-\d{4}-\d{2}-\d{2}(?:-\d+)?")
# The names an export gives everyone's file alike (Letterboxd's and IMDb's ratings.csv, our
# profile.csv): such a file says whose it is by its folder (friends/sam/ratings.csv is sam).
EVERYONES = frozenset({"ratings", "profile", "diary"})
# Folders that hold everyone's files, which name nobody: a friend's ratings.csv in Downloads
# is "ratings", not "Downloads".
NOBODYS = frozenset({"downloads", "desktop", "documents", "tmp", "temp", "tui-recsys", "friends"})


def guest_names(paths: Sequence[Path]) -> list[str]:
    """How a movie night names each file: by the file's name (sam), or by its folder's where
    every export has that name (sam/ratings.csv), or by its path where two share a name
    (sam.csv, ../b/sam.csv) or where the name is one a movie night gives others (you.csv,
    "user 42.csv"); a Letterboxd export by the username in its name; safe to show."""
    names = [_name(path) for path in paths]
    counted = Counter(names)
    return [clean(name if counted[name] == 1 and not TAKEN.fullmatch(name.strip())
                  else str(path)) for name, path in zip(names, paths, strict=True)]


def _name(path: Path) -> str:
    parent = path.absolute().parent
    folder = parent.name
    name = (folder if path.stem.casefold() in EVERYONES and folder
            and folder.casefold() not in NOBODYS and parent != Path.home() else path.stem)
    dated = DATED.fullmatch(name)  # first: a dated copy of an export is still the export's
    name = dated[1] if dated else name
    export = EXPORT_NAME.fullmatch(name)
    return export[1] if export else name


def kept_friends(folder: Path) -> tuple[list[Path], list[str]]:
    """The friends kept in `folder` (`paths.friends_folder`), each a friend at every start as
    `--friend FILE` is for one run: every CSV, zip or folder in it (a Letterboxd export as it
    downloads, or unzipped), not hidden, empty nor someone's marks (sam.marks.csv goes with
    sam.csv); of several that name one person (this week's export beside last week's), the
    newest, without a word: it is what dropping this week's beside last week's means. With a
    line where the folder cannot be read, and for a file whose name says nothing of whose it
    is (a ratings.csv dropped there: a friend "ratings", and a second friend's ratings.csv
    would be taken for a newer export of the first); none where there is none."""
    try:
        found = sorted(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    except OSError as error:
        return [], [f"{clean(str(folder))}: the friends kept there cannot be read "
                    f"({error.strerror or error})"]
    newest: dict[str, list[Path]] = {}
    for path in found:
        name = path.name.casefold()
        if name.startswith(".") or name == "marks.csv" or name.endswith(".marks.csv"):
            continue
        if path.is_dir() or (path.suffix.casefold() in (".csv", ".zip") and _holds_bytes(path)):
            newest.setdefault(_name(path).casefold(), []).append(path)
    kept = sorted(max(named, key=_changed) for named in newest.values())
    return kept, [f"{clean(str(path))} says nothing of whose it is: name it after your friend "
                  f"(sam{path.suffix})" for path in kept if names_no_one(path)]


def names_no_one(path: Path) -> bool:
    """Whether a friend's file says nothing of whose it is: everyone's ratings.csv, in a
    folder that names nobody (Downloads), which kept as it is would be a friend "ratings"."""
    return _name(path).casefold() in EVERYONES


FRIEND_NAME_LIMIT = 40


def friends_name(typed: str) -> str:
    """A name typed for a friend, as their kept file is named: one line, no folder, not a
    name a movie night gives others; a UsageError says why not."""
    name = " ".join(typed.split())
    if not name:
        raise UsageError("give their name, as the Users list will show it (sam)")
    if len(name) > FRIEND_NAME_LIMIT or not name.isprintable() or any(
            mark in name for mark in "/\\:") or name.startswith("."):
        raise UsageError(f"{echo(name)} cannot name a file: give a name of up to "
                         f"{FRIEND_NAME_LIMIT} letters, without / \\ : or a leading dot")
    if TAKEN.fullmatch(name):
        raise UsageError(f"{echo(name)} names someone else at movie night; give theirs")
    if name.casefold() in EVERYONES:
        raise UsageError(f"{echo(name)} is every export's name; give theirs")
    return name


def keep_friend(source: Path, folder: Path, name: str | None = None) -> tuple[Path, bool]:
    """A copy of a friend's file (a CSV, or a Letterboxd export: its zip, or the folder it
    unpacked to, kept as a zip of what is read from it) in `folder`, so that they are a friend
    at every start, named `name` (`friends_name`) or as a movie night names the file
    (sam/ratings.csv is sam.csv); and whether it was written now (False: a file of the same
    bytes is kept there already). Nothing there is replaced: a file of that name holding
    other bytes (sam sent a newer sam.csv) keeps its name, and the copy is named for today,
    sam-2026-12-05.csv, which still names sam and, newer, counts for them."""
    unpacked = source.is_dir()
    if not unpacked and source.suffix.casefold() not in (".csv", ".zip"):
        raise DataError(f"{source}: keep a friend's CSV, or their Letterboxd export (its zip "
                        f"or its folder)")
    read_guest(source)  # only what reads as someone's ratings (raises, naming it)
    read_guest_marks(marks_source(source))
    stem, ending = (source.name, ".zip") if unpacked else (source.stem, source.suffix)
    if name is not None or stem.casefold() in EVERYONES:
        stem = name or _name(source)
    try:
        content = export_zip(source) if unpacked else source.read_bytes()
        named = folder / f"{stem}{ending}"
        for there in sorted(folder.iterdir()) if folder.is_dir() else ():
            if (there.is_file() and there.stat().st_size == len(content)
                    and there.read_bytes() == content):
                return there, False
        today = f"{stem}-{date.today().isoformat()}"
        claimed = user_files.claim_names(folder, today if named.exists() else stem, (ending,))
    except OSError as error:
        raise DataError(f"{source} could not be kept in {folder} ({error.strerror or error}); "
                        f"nothing was changed") from None
    kept = folder / f"{claimed}{ending}"
    user_files.fill_claimed(kept, content)
    marks, beside = marks_source(source), marks_beside(kept)
    # What their own tui-recsys keeps beside their profile (seen, hidden) goes with it.
    if marks != source and marks.is_file() and user_files.claim(beside):
        user_files.fill_claimed(beside, marks.read_bytes())
    return kept, True


def friend_named(name: str, kept: Sequence[Path]) -> Path | None:
    """The one of the friends `kept` that the app's Users list names `name` (any case)."""
    return next((path for path, shown in zip(kept, guest_names(kept), strict=True)
                 if shown.casefold() == name.strip().casefold()), None)


def _holds_bytes(path: Path) -> bool:
    """Not empty: a file `keep_friend` has claimed is empty until it is filled whole (a start
    meanwhile, or after the copy was cut off, said it could not be read); and not gone."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _changed(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def others(paths: Sequence[Path], yours: Path) -> tuple[list[Path], Path | None]:
    """The distinct files among `paths` (one file named twice, by two paths or through a
    link, is one person), leaving out your own profile `yours`; and the path that named it."""
    kept: list[Path] = []
    own = None
    for path in paths:
        if user_files.same_file(path, yours):
            own = path
        elif not any(path == other or user_files.same_file(path, other) for other in kept):
            kept.append(path)
    return kept, own


def read_guest(path: Path) -> Profile | RatingFile:
    """Someone's profile, or their ratings export of another site, still to be matched to the
    catalogues (a friend sends what Letterboxd gave them, not our profile)."""
    if is_export(path):
        ratings = export_part(path, RATINGS)
        if ratings is None:
            raise DataError(f"{path}: a Letterboxd export without ratings.csv; name someone's "
                            f"ratings file, or their whole export")
        return parse_rating_file(ratings, f"{path}: ratings.csv")
    text = user_files.read_text(path, "someone's profile")
    if text is None:
        raise DataError(f"{path}: no such file; name someone's ratings file: `tui-recsys "
                        f"profile export` writes one, and Letterboxd's or IMDb's export is one")
    try:
        return parse_profile(text, path)
    except DataError:
        if films_without_ratings(text):  # a watchlist, a Netflix history
            raise DataError(f"{path}: a list of films without ratings, not someone's taste; "
                            f"name their ratings file, or their whole Letterboxd export") from None
        if not holds_ratings(text):
            raise
    return parse_rating_file(text, str(path))


def marks_source(guest: Path) -> Path:
    """Where what someone saw, hid or means to see is read from, for the ratings file
    `guest`: a Letterboxd export itself (its watched.csv and watchlist.csv), else the marks
    beside a profile (`paths.marks_beside`)."""
    return guest if is_export(guest) else marks_beside(guest)


def read_guest_marks(path: Path) -> Marks | list[tuple[str, RatingFile]]:
    """What someone saw, hid or means to see, from `path` (`marks_source`'s): a Letterboxd
    export's films logged and its watchlist, each with the list it goes on (SEEN, WATCHLIST),
    still to be matched to the catalogues; else the marks their own tui-recsys keeps beside
    their profile, none where there is no such file (an export from another site, a profile
    sent alone) or where the file there is not ours (its first row is another program's).
    Read only, as their profile is: one of ours that cannot be read is one line, which says
    how to go on without it."""
    if is_export(path):
        return [(kind, parse_list_file(text, f"{path}: {name}"))
                for name, text, kind in export_lists(path)]
    text = user_files.read_text(path, "someone's marks")
    if text is None:
        return Marks(path)
    try:
        return parse_marks(text, path)
    except NotOurs:
        return Marks(path)
    except DataError as error:
        raise DataError(f"{error} (someone's marks, read beside their profile: fix it, or move "
                        f"it away to go by their ratings alone)") from None
