"""The app's colours by name: dark and light (Textual's own two), or any theme its palette
offers. Apart from the app, so that `--theme` is checked, and a shell's TAB offers the names,
without the app's imports."""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES

from tui_recsys.data.titles import named_among

THEMES = {"dark": "textual-dark", "light": "textual-light"}


def theme_names() -> list[str]:
    """Every name `--theme` takes: dark and light, then the palette's, A to Z."""
    return [*THEMES, *sorted(BUILTIN_THEMES)]


def theme_named(name: str) -> str:
    """The theme `--theme` names: dark, light, or any the palette offers, in any case or
    spacing ("Nord", "rose pine"); otherwise a UsageError naming them, said before the app
    takes the screen (only dark and light were accepted, though the palette offers "nord"
    and keeps it for the next start)."""
    found = named_among(name, theme_names(), "theme")
    return THEMES.get(found, found)
