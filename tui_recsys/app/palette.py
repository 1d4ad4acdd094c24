"""The command palette's own commands (ctrl+p): every key's action, by name, for whoever does
not know the key yet; each says its key, so the palette teaches them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from textual.app import SystemCommand

from tui_recsys.app.screens.main_screen import MainScreen

# (title, what it does, the main screen's action); a name is an action without parameters.
COMMANDS: list[tuple[str, str, str | tuple[str, str]]] = [
    ("Movies list (m)", "Browse and search movies", ("show_list", "movies")),
    ("Users list (u)", "You, your friends and MovieLens users: enter lists their picks",
     ("show_list", "users")),
    ("Your lists (y)", "Rated, watchlist, seen, hidden: each in turn", "your_lists"),
    ("Sort (o)", "Your list in its next order: date, title, stars", "sort"),
    ("Search (/)", "Focus the search box", "focus_search"),
    ("Back (backspace)", "The previous movie, user or strategy", "back"),
    ("Rebuild (r)", "Rebuild the current strategy's model", "rebuild"),
    ("Rate (s)", "Your stars for the current movie (+ like, - dislike, x remove)",
     "ask_stars"),
    ("Watchlist (w)", "Save the current movie for later (again: off)", ("mark", "watchlist")),
    ("Seen (v)", "You have seen the current movie: left out of picks", ("mark", "seen")),
    ("Not interested (n)", "Never recommend the current movie", ("mark", "hidden")),
    ("Quick start (k)", "Rounds of eight movies to rate, to make For you good fast",
     "quick_start"),
    ("Tune (t)", "More of, or less of, a genre or keyword of the list on screen", "tune"),
    ("Discovery (d)", "From the model's order to less known, more varied picks: 0, 0.25, "
     "0.5, 0.75, 1", "discovery"),
    ("Movie night (g)", "Mark people in the Users list (You too), then 8: one list for all",
     "group"),
    ("Details (f)", "The current movie's details whole: overview, cast, links", "full_details"),
    ("People (p)", "A person's films: a name typed, or the current movie's director or cast",
     "people"),
    ("Export (e)", "The results, or the list of yours you are in (your ratings too), as "
                    "CSV, ours and Letterboxd's", "export"),
    ("Clear filters (c)", "Every genre, year, length, language and vote count again",
     "clear_filters"),
    ("Include seen (i)", "Show again what you rated, saw or hid", "include_seen"),
    ("Watchlist only (W)", "The list drawn from your watchlist alone: what to watch tonight",
     "only_watchlist"),
    ("Undo (z)", "Undo your last rating or mark change (again: the one before)", "undo"),
    ("Import", "Your Letterboxd export (zip or folder), or a CSV of ratings, films seen or a "
               "watchlist (IMDb, Netflix, MovieLens, a spreadsheet of your films)",
     "import_files"),
    ("Add a friend", "Their ratings export (Letterboxd's zip, IMDb's CSV), kept for every "
                     "start: their picks, and movie night", "add_friend"),
]


def commands(main: MainScreen, show_help: Callable[[], object]) -> Iterable[SystemCommand]:
    """Ours, after Textual's own: every strategy, every action, help, and cancel only while
    something builds."""
    for strategy in main.engine.strategies:
        yield SystemCommand(f"{strategy.name} ({strategy.key})", strategy.summary,
                            partial(main.action_strategy, strategy.name))
    for title, help_text, action in COMMANDS:
        name, *parameters = (action,) if isinstance(action, str) else action
        yield SystemCommand(title, help_text, partial(getattr(main, f"action_{name}"),
                                                      *parameters))
    yield SystemCommand("Help (?)", "Every key, and where the numbers come from", show_help)
    if main.builds:
        yield SystemCommand("Cancel build (escape)", "Stop a running build",
                            main.action_cancel_builds)
