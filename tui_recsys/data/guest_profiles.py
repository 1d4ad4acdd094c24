"""Someone else's profile, for a movie night (`recommend together --profile FILE`, the app's
`--friend FILE`): a file `profile export` wrote, read only. It is not ours, so nothing here
writes, repairs or keeps a copy of it; one that cannot be read is one line, and a ratings export
of another kind (Letterboxd's, IMDb's) says how to make a profile of it."""

from __future__ import annotations

import re
import shlex
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from tui_recsys.data import user_files
from tui_recsys.data.profile_file import Profile, parse_profile
from tui_recsys.data.rating_files import holds_ratings
from tui_recsys.errors import DataError
from tui_recsys.text import clean

# What a movie night calls you and a MovieLens user: a file's name is never read as either.
TAKEN = re.compile(r"you|user \d+", re.IGNORECASE)


def guest_names(paths: Sequence[Path]) -> list[str]:
    """How a movie night names each file: by the file's name (sam), or by its path where two
    share a name (sam.csv, ../b/sam.csv) or where the name is one a movie night gives others
    (you.csv, "user 42.csv"); safe to show."""
    stems = Counter(path.stem for path in paths)
    return [clean(path.stem if stems[path.stem] == 1 and not TAKEN.fullmatch(path.stem.strip())
                  else str(path)) for path in paths]


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


def load_guest_profile(path: Path) -> Profile:
    text = user_files.read_text(path, "someone's profile")
    if text is None:
        raise DataError(f"{path}: no such file; name someone's ratings file, as `tui-recsys "
                        f"profile export` writes it")
    try:
        return parse_profile(text, path)
    except DataError:
        if not holds_ratings(text):
            raise
    made = shlex.quote(clean(str(path.with_name(f"{path.stem}-profile.csv"))))
    raise DataError(f"{path} is a ratings export, not a profile: `tui-recsys --profile {made} "
                    f"profile import {shlex.quote(clean(str(path)))}` makes one of it, matched "
                    f"to the catalogues")
