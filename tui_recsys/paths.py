"""Where the cache and the data come from when the user does not say.

Flags win over environment variables, which win over the platform defaults, so a script or a
test can always pin both without touching the user's real cache.
"""

import os
from pathlib import Path

import platformdirs

APP_NAME = "tui-recsys"
CACHE_ENV = "TUI_RECSYS_CACHE_DIR"
DATA_ENV = "TUI_RECSYS_DATA"
PROFILE_ENV = "TUI_RECSYS_PROFILE"


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The artefact cache: --cache-dir, else $TUI_RECSYS_CACHE_DIR, else the platform cache."""
    chosen = override or os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir(APP_NAME)
    return Path(chosen).expanduser()


def data_dir(override: str | os.PathLike[str] | None = None) -> Path | None:
    """A local data folder (--data, else $TUI_RECSYS_DATA), or None to use the Hugging Face Hub."""
    chosen = override or os.environ.get(DATA_ENV)
    return Path(chosen).expanduser() if chosen else None


def profile_path(override: str | os.PathLike[str] | None = None) -> Path:
    """Your ratings: --profile, else $TUI_RECSYS_PROFILE, else profile.csv in the platform's
    user-data folder (never the cache, which `cache clear` empties)."""
    chosen = (override or os.environ.get(PROFILE_ENV)
              or Path(platformdirs.user_data_dir(APP_NAME)) / "profile.csv")
    return Path(chosen).expanduser()


def log_dir() -> Path:
    """Where the app writes the traceback of a crash: the platform's log folder."""
    return Path(platformdirs.user_log_dir(APP_NAME))
