"""Where the cache and the data come from when the user does not say.

Flags win over environment variables, which win over the platform defaults, so a script or a
test can always pin both without touching the user's real cache.
"""

import os
import shlex
from pathlib import Path

import platformdirs

from tui_recsys.errors import UsageError
from tui_recsys.text import echo

APP_NAME = "tui-recsys"
CACHE_ENV = "TUI_RECSYS_CACHE_DIR"
DATA_ENV = "TUI_RECSYS_DATA"
PROFILE_ENV = "TUI_RECSYS_PROFILE"
MARKS_ENV = "TUI_RECSYS_MARKS"


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The artefact cache: --cache-dir, else $TUI_RECSYS_CACHE_DIR, else the platform cache."""
    chosen = override or os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir(APP_NAME)
    return expand(chosen, "the cache folder")


def data_dir(override: str | os.PathLike[str] | None = None) -> Path | None:
    """A local data folder (--data, else $TUI_RECSYS_DATA), or None to use the Hugging Face Hub."""
    chosen = override or os.environ.get(DATA_ENV)
    return expand(chosen, "the data folder") if chosen else None


def profile_path(override: str | os.PathLike[str] | None = None) -> Path:
    """Your ratings: --profile, else $TUI_RECSYS_PROFILE, else profile.csv in the platform's
    user-data folder (never the cache, which `cache clear` empties)."""
    if override is not None and not str(override).strip():
        raise UsageError("--profile is empty; name a file, or leave the option out")
    chosen = override or os.environ.get(PROFILE_ENV) or _user_data() / "profile.csv"
    return expand(chosen, "your profile")


def marks_path(profile: str | os.PathLike[str] | None = None) -> Path:
    """Your watchlist, seen and not-interested marks: $TUI_RECSYS_MARKS, else those kept with
    your profile (`profile_path(profile)`, `marks_beside`)."""
    chosen = os.environ.get(MARKS_ENV, "").strip()
    if chosen:
        return expand(chosen, "your marks")
    return marks_beside(profile_path(profile))


def marks_beside(profile: Path) -> Path:
    """The marks kept with the ratings at `profile`: marks.csv beside a profile.csv (the
    default's name, in the platform's user-data folder), `alice.marks.csv` beside `alice.csv`.
    Two people with a profile each on one machine do not share a watchlist, a profile kept in
    a synced folder takes its marks along, and a movie night with a friend's profile finds
    what they saw or hid."""
    name = "marks.csv" if profile.name == "profile.csv" else f"{profile.stem}.marks.csv"
    return profile.parent / name


def friends_folder(profile: str | os.PathLike[str] | None = None) -> Path:
    """The friends kept for good (`guest_profiles.kept_friends`) with your profile
    (`profile_path(profile)`, `friends_beside`)."""
    return friends_beside(profile_path(profile))


def friends_beside(profile: Path) -> Path:
    """The friends kept with the ratings at `profile`, as its marks are: friends/ beside
    profile.csv, `alice.friends/` beside `alice.csv`."""
    return profile.parent / ("friends" if profile.name == "profile.csv"
                             else f"{profile.stem}.friends")


def marks_left_behind(profile: str | os.PathLike[str] | None = None) -> str | None:
    """Where the default profile's marks are, and the command that brings them to `profile`'s,
    while a named profile has none of its own yet (until named profiles kept theirs beside
    them, every profile's went there); None otherwise."""
    own, shared = marks_path(profile), _user_data() / "marks.csv"
    named = own.absolute() != shared.absolute() and not os.environ.get(MARKS_ENV, "").strip()
    if not named or own.exists() or not shared.exists():
        return None
    command = ["tui-recsys", *(["--profile", str(profile)] if profile else []), "import",
               str(shared)]
    return (f"the default profile's marks are in {shared}: `{shlex.join(command)}` brings them "
            f"to this profile")


def settings_path() -> Path:
    """What the app remembers (the theme): settings.json in the platform's user-data folder,
    with the default profile; one person's, whichever profile they open."""
    return _user_data() / "settings.json"


def _user_data() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def expand(path: str | os.PathLike[str], what: str) -> Path:
    """A path as given, `~` and `~user` expanded; a user there is none of is one line."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        raise UsageError(f"{echo(str(path))} ({what}) names a home folder that does not exist; "
                         f"give the path in full") from None


def log_dir() -> Path:
    """Where the app writes the traceback of a crash: the platform's log folder."""
    return Path(platformdirs.user_log_dir(APP_NAME))
