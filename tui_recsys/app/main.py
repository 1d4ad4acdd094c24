"""The app: keys, the command palette, themes and quitting. The main screen does the rest.

It talks to the recommenders only through the Engine, from the main screen's thread workers:
a build (which may train a model for seconds) reports progress and never blocks the screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from functools import partial
from importlib.resources import files
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from tui_recsys import collector
from tui_recsys.app import crash
from tui_recsys.app.messages import LoadFailed
from tui_recsys.app.screens.data_error import DataErrorScreen
from tui_recsys.app.screens.help import HelpScreen
from tui_recsys.app.screens.main_screen import MainScreen, explain
from tui_recsys.engine.engine import Engine
from tui_recsys.engine.strategies import STRATEGIES
from tui_recsys.errors import INTERRUPTED, TERMINATED, RecsysError

STYLESHEET = files("tui_recsys.app") / "tui_recsys.tcss"
THEMES = {"dark": "textual-dark", "light": "textual-light"}
LIKE, DISLIKE = 4.5, 1.5  # the stars of + and -


def _escape_then_key(event: events.Key) -> tuple[events.Key, events.Key] | None:
    character = event.character or ""
    if not event.key.startswith("alt+") or len(character) != 1 or not character.isprintable():
        return None
    return events.Key("escape", "\x1b"), events.Key(event.key.removeprefix("alt+"), character)


class RecsysApp(App[None]):
    CSS_PATH = str(STYLESHEET)
    TITLE = "tui-recsys"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    # The one-key bindings are priority bindings: the app handles them in its own queue, in the
    # order they came, so a burst of keys (over SSH they arrive in bursts) reaches the widget
    # the key before chose. `check_action` hands them to any screen above. The strategies'
    # keys come from the registry.
    # Help and quit lead the footer, so a terminal too narrow for every key still shows them.
    BINDINGS = [
        Binding("question_mark", "help", "Help", priority=True),
        Binding("q", "quit", "Quit", priority=True),
        *(Binding(kind.key, f"strategy('{kind.name}')", kind.name, show=False, priority=True)
          for kind in STRATEGIES),
        Binding("slash", "focus_search", "Search", priority=True),
        Binding("m", "show_list('movies')", "Movies", priority=True),
        Binding("u", "show_list('users')", "Users", priority=True),
        Binding("r", "rebuild", "Rebuild", priority=True),
        Binding("s", "ask_stars", "Rate", priority=True),
        Binding("plus", f"rate({LIKE})", "Like", show=False, priority=True),
        Binding("minus", f"rate({DISLIKE})", "Dislike", show=False, priority=True),
        Binding("x", "rate(None)", "Unrate", show=False, priority=True),
        Binding("z", "undo", "Undo", show=False, priority=True),
        Binding("o", "sort_yours", "Sort", show=False, priority=True),
        Binding("backspace", "back", "Back", show=False, priority=True),
        Binding("enter", "submit_search", "Pick the first match", show=False, priority=True),
        Binding("escape", "leave_search", "Back to the list", show=False, priority=True),
        Binding("escape", "cancel_builds", "Cancel", show=False),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
        # Tab moves the focus in the app's queue too, so keys typed right after it reach the
        # widget it moved to (as a Screen binding it ran only once the key had bubbled up,
        # after the next keys had gone to the widget before: "1990-1999" was lost).
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]
    ONE_KEY_ACTIONS = frozenset({"focus_search", "show_list", "rebuild", "back", "help", "quit",
                                 "strategy", "ask_stars", "rate", "undo", "sort_yours",
                                 "focus_next", "focus_previous"})

    def __init__(self, engine: Engine, *, theme: str | None = None, debug: bool = False,
                 profile: Path | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.show_tracebacks = debug
        self.crash: str | None = None  # the one line to print after an unhandled exception
        self._exit_code = 0  # what quitting returns: the data error's code on its screen
        self.main = MainScreen(engine, profile)
        if theme is not None:
            self.theme = THEMES.get(theme, theme)

    async def on_event(self, event: events.Event) -> None:
        """Escape and a key typed at once reach a terminal app as one "alt+key" (ESC is also
        the Meta prefix): `tmux send-keys Escape q`, a slow SSH link or a fast typist. The app
        binds no alt key, so such a key is what it was meant to be, escape and then the key,
        handled in order right here."""
        if isinstance(event, events.Key) and (keys := _escape_then_key(event)) is not None:
            for key in keys:
                await super().on_event(key)
            return
        await super().on_event(event)

    def get_default_screen(self) -> Screen:
        return self.main

    def on_mount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on every platform
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._terminated)

    def _terminated(self) -> None:
        """SIGTERM: stop builds (a training child and its files go with them) and close."""
        self.main.cancel_builds()
        self.exit(return_code=TERMINATED)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an unhandled exception, which ends the app with status 1: the
        traceback goes to a log file and one line is printed after the app closes (with
        --debug, Textual's own traceback is printed as well)."""
        super()._handle_exception(error)
        self.crash = crash.record(error)
        if not self.show_tracebacks:
            self._exit_renderables.clear()

    def on_load_failed(self, message: LoadFailed) -> None:
        """The main screen's load failed (its message bubbles up here): the data error
        screen, and quitting from it returns the error's status."""
        collector.resume()
        error = message.error
        self._exit_code = error.exit_code if isinstance(error, RecsysError) else 1
        self.push_screen(DataErrorScreen(explain(error), self.engine.data_dir))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On the data error screen only quitting makes sense. Elsewhere a one-key action gives
        way while another screen is on top (help closes on q and ?, the rating prompt takes
        digits), and backspace edits the text in a box instead of going back. Printable keys
        need nothing here: Textual leaves out the bindings of keys a box takes as text."""
        if isinstance(self.screen, DataErrorScreen):
            return action in ("quit", "interrupt")
        if action in ("leave_search", "submit_search"):  # else the key goes on as usual
            return self.screen is self.main and self.main.search_box_focused() is not None
        if action in self.ONE_KEY_ACTIONS and self.screen is not self.main:
            return False
        return not (action == "back" and isinstance(self.focused, Input))

    # Each action asks the main screen; focus moves at once there (Screen.set_focus), for the
    # same bursts of keys.

    def action_strategy(self, name: str) -> None:
        self.main.select_strategy(name)

    def action_show_list(self, name: str) -> None:
        self.main.show_list(name)

    def action_focus_search(self) -> None:
        self.main.focus_search()

    def action_submit_search(self) -> None:
        self.main.submit_search()

    def action_leave_search(self) -> None:
        self.main.leave_search()

    def action_cancel_builds(self) -> None:
        self.main.cancel_builds()

    def action_rebuild(self) -> None:
        self.main.rebuild()

    def action_ask_stars(self) -> None:
        self.main.ask_stars()

    def action_rate(self, stars: float | None) -> None:
        self.main.rate(stars)

    def action_undo(self) -> None:
        self.main.undo()

    def action_sort_yours(self) -> None:
        self.main.sort_yours()

    def action_back(self) -> None:
        if not self.main.go_back():
            self.notify("Nothing to go back to.")

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.engine.strategies))

    async def action_quit(self) -> None:
        self.main.cancel_builds()
        self.exit(return_code=self._exit_code)

    def action_interrupt(self) -> None:
        """Ctrl-C quits at once, with the status a shell expects of an interrupted program."""
        self.main.cancel_builds()
        self.exit(return_code=INTERRUPTED)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands (themes, keys, quit), then ours: every action, and cancel
        only while something builds."""
        yield from super().get_system_commands(screen)
        for strategy in self.engine.strategies:
            yield SystemCommand(f"{strategy.name} ({strategy.key})", strategy.summary,
                                partial(self.action_strategy, strategy.name))
        yield SystemCommand("Movies list (m)", "Browse and search movies",
                            partial(self.action_show_list, "movies"))
        yield SystemCommand("Users list (u)", "Browse and search MovieLens users",
                            partial(self.action_show_list, "users"))
        yield SystemCommand("Search (/)", "Focus the search box", self.action_focus_search)
        yield SystemCommand("Back (backspace)", "The previous movie, user or strategy",
                            self.action_back)
        yield SystemCommand("Rebuild (r)", "Rebuild the current strategy's model",
                            self.action_rebuild)
        yield SystemCommand("Rate (s)", "Your stars for the current movie (+ like, - dislike, "
                            "x remove)", self.action_ask_stars)
        yield SystemCommand("Undo (z)", "Undo your last rating change", self.action_undo)
        yield SystemCommand("Help (?)", "Every key, and where the numbers come from",
                            self.action_help)
        if self.main.builds:
            yield SystemCommand("Cancel build (escape)", "Stop a running build",
                                self.action_cancel_builds)
