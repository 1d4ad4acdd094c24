"""What the app remembers between runs that is neither a rating nor a mark: the theme chosen
in the command palette (ctrl+p, "Change theme") and the discovery setting (d), which a person
otherwise chose again at every start. One JSON object kept with the profile in the platform's
user-data folder, changed as the profile is (`user_files`: under a lock, read-change-replace);
what it holds that this version does not know (a later version's settings) is kept as it
is. The command line reads none of it: a script's `recommend` is the same whoever ran the app
last."""

from __future__ import annotations

import json
from pathlib import Path

from tui_recsys.data.user_files import locked, read_text, replace_text
from tui_recsys.errors import DataError
from tui_recsys.text import echo

WHAT = "the settings"
THEME = "theme"
DISCOVERY = "discovery"


def read_settings(path: Path) -> dict[str, object]:
    """The settings saved at `path`, none where there is no file; a file that is not a JSON
    object is refused, naming it, and so never replaced."""
    text = read_text(path, WHAT)
    if text is None:
        return {}
    try:
        settings = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not settings as tui-recsys writes them ({exc.msg}, line "
                        f"{exc.lineno}); fix or remove the file") from None
    if not isinstance(settings, dict):
        raise DataError(f"{path}: not settings as tui-recsys writes them (no JSON object); "
                        f"fix or remove the file")
    return settings


def theme_in(settings: dict[str, object], path: Path) -> str | None:
    """The theme chosen last in the app, of the `settings` read from `path`; None where none
    was."""
    theme = settings.get(THEME)
    if theme is not None and not isinstance(theme, str):
        raise DataError(f"{path}: theme {echo(str(theme))} is not a theme's name; fix or remove "
                        f"the file")
    return theme


def discovery_in(settings: dict[str, object], path: Path) -> float | None:
    """The discovery setting chosen last in the app (0 to 1), of the `settings` read from
    `path`; None where none was."""
    level = settings.get(DISCOVERY)
    if level is not None and (isinstance(level, bool) or not isinstance(level, int | float)
                              or not 0 <= level <= 1):
        raise DataError(f"{path}: discovery {echo(str(level))} is not a setting from 0 to 1; "
                        f"fix or remove the file")
    return None if level is None else float(level)


def save_settings(path: Path, changed: dict[str, object]) -> None:
    """The settings `changed` saved, beside the others the file holds."""
    with locked(path, WHAT):
        settings = read_settings(path)
        settings.update(changed)
        replace_text(path, json.dumps(settings, indent=2, ensure_ascii=False) + "\n", WHAT)
