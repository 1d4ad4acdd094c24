"""The import prompt (the palette's "Import"): what you keep elsewhere, named by its path, as
`tui-recsys import PATH` takes it: a whole Letterboxd export (the zip it downloads as, or its
folder) or one CSV of ratings, films seen or a watchlist. A Letterboxd user who logs films
there brings them here each week without leaving the app. The path is completed as it is
typed, as a shell's tab completes it (→ or end takes the completion, and enter imports what
is shown): over SSH nobody remembers the export's dated name."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import on
from textual.suggester import Suggester
from textual.widgets import Input

from tui_recsys.app.screens.box_prompt import BoxPrompt
from tui_recsys.app.widgets.text_box import TextBox
from tui_recsys.errors import UsageError
from tui_recsys.paths import expand

IMPORTABLE = (".zip", ".csv")  # and folders: what a path is completed to


class PathSuggester(Suggester):
    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # the folder may change

    async def get_suggestion(self, value: str) -> str | None:
        return completed_path(value)


def completed_path(typed: str) -> str | None:
    """`typed` completed to the first folder, zip or CSV (by name) that its last part begins,
    a folder ending in "/"; a hidden one only where a dot is typed, and never one whose name
    holds a control character, which put into the box left its cursor where the text was
    not. None where none is."""
    if not typed.strip():
        return None
    try:
        path = expand(typed, "the file")
    except UsageError:  # "~nobody": no such home, nothing to complete
        return None
    folder, begun = (path, "") if typed.endswith(("/", os.sep)) else (path.parent, path.name)
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name + ("/" if entry.is_dir() else "") for entry in entries
                           if entry.name.startswith(begun)
                           and (begun.startswith(".") or not entry.name.startswith("."))
                           and entry.name.isprintable()
                           and (entry.is_dir() or entry.name.casefold().endswith(IMPORTABLE)))
    except OSError:  # no such folder, or not one we may read
        return None
    names = [name for name in names if name != begun]
    return typed + names[0][len(begun):] if names else None


class ImportPrompt(BoxPrompt[Path | None]):
    """A path, completed as typed: the file to import, or with `asked` and `does` another
    question of a file (a friend's export to keep)."""

    DEFAULT_CSS = "ImportPrompt > #box-prompt { width: 76; }"

    def __init__(self, asked: str = "Import your Letterboxd export (its zip or folder), or a "
                                     "CSV of ratings, films seen or a watchlist (IMDb, "
                                     "Netflix, MovieLens)",
                 does: str = "imports") -> None:
        super().__init__(
            Text(asked),
            TextBox(placeholder="~/Downloads/letterboxd-…-utc.zip", suggester=PathSuggester(),
                    compact=True),
            f"→ completes, enter {does} what is shown, escape cancels")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        try:
            path = expand(typed, "the file")
        except UsageError as error:
            self.refuse(str(error))
            return
        if typed and not path.exists() and (completed := completed_path(typed)) is not None:
            path = expand(completed, "the file")  # the completion shown
        if not typed or not path.exists():
            self.refuse(f"{typed}: no such file or folder" if typed
                        else "name the export's zip or folder, or a CSV")
            return
        self.dismiss(path)
