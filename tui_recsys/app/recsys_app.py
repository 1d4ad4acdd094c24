"""The app: keys, the command palette, themes and quitting. The main screen does the rest.

It talks to the recommenders only through the Engine, from the main screen's thread workers:
a build (which may train a model for seconds) reports progress and never blocks the screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui_recsys import collector
from tui_recsys.app import crash, palette
from tui_recsys.app.escape_keys import escape_then_key, read_escape_then_key
from tui_recsys.app.friends import Friends
from tui_recsys.app.key_hold import STARTING, KeyHold
from tui_recsys.app.notes import Notes
from tui_recsys.app.screens.data_error import DataErrorScreen
from tui_recsys.app.screens.help import HelpScreen
from tui_recsys.app.screens.main_screen import MainScreen
from tui_recsys.app.themes import THEMES
from tui_recsys.app.typed_order import after_typed
from tui_recsys.data.scale import DISLIKE, LIKE
from tui_recsys.engine.engine import Engine
from tui_recsys.engine.strategies import STRATEGIES
from tui_recsys.errors import INTERRUPTED, TERMINATED, RecsysError
from tui_recsys.text import clean, echo

STYLESHEET = files("tui_recsys.app") / "tui_recsys.tcss"


class RecsysApp(App[None]):
    CSS_PATH = str(STYLESHEET)
    TITLE = "tui-recsys"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (122, "-wide")]  # the stylesheet says why
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (18, "-short"), (24, "-tall"), (36, "-roomy")]
    # The one-key bindings are priority bindings: the app handles them in its own queue, in the
    # order they came, so a burst of keys (over SSH they arrive in bursts) reaches the widget
    # the key before chose. `check_action` hands them to any screen above. The strategies'
    # keys come from the registry.
    # Help and quit lead the footer, so a terminal too narrow for every key still shows them.
    BINDINGS = [
        Binding("question_mark", "help", "Help", priority=True),
        Binding("q", "quit", "Quit", priority=True),
        *(Binding(strategy.key, f"screen.strategy('{strategy.name}')", strategy.name,
                  show=False, priority=True) for strategy in STRATEGIES),
        Binding("slash", "screen.focus_search", "Search", priority=True),
        Binding("m", "screen.show_list('movies')", "Movies", priority=True),
        Binding("u", "screen.show_list('users')", "Users", priority=True),
        Binding("y", "screen.your_lists", "Your lists", show=False, priority=True),
        Binding("r", "screen.rebuild", "Rebuild", priority=True),
        Binding("s", "screen.ask_stars", "Rate", priority=True),
        Binding("plus", f"screen.rate({LIKE})", "Like", show=False, priority=True),
        Binding("minus", f"screen.rate({DISLIKE})", "Dislike", show=False, priority=True),
        Binding("x", "screen.rate(None)", "Unrate", show=False, priority=True),
        Binding("w", "screen.mark('watchlist')", "Watchlist", show=False, priority=True),
        Binding("v", "screen.mark('seen')", "Seen", show=False, priority=True),
        Binding("n", "screen.mark('hidden')", "Not interested", show=False, priority=True),
        Binding("i", "screen.include_seen", "Include seen", show=False, priority=True),
        Binding("W", "screen.only_watchlist", "Watchlist only", show=False, priority=True),
        Binding("d", "screen.discovery", "Discovery", show=False, priority=True),
        Binding("p", "screen.people", "People", show=False, priority=True),
        Binding("f", "screen.full_details", "Details", show=False, priority=True),
        Binding("e", "screen.export", "Export", show=False, priority=True),
        Binding("z", "screen.undo", "Undo", show=False, priority=True),
        Binding("o", "screen.sort", "Sort", show=False, priority=True),
        Binding("k", "screen.quick_start", "Quick start", show=False, priority=True),
        Binding("t", "screen.tune", "Tune", show=False, priority=True),
        Binding("c", "screen.clear_filters", "Clear filters", show=False, priority=True),
        Binding("backspace", "screen.back", "Back", show=False, priority=True),
        Binding("enter", "screen.submit_search", "Pick the first match", show=False,
                priority=True),
        Binding("escape", "screen.leave_search", "Leave the box", priority=True),
        Binding("down", "screen.search_down", show=False, priority=True),
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
        # As every program in a shell: to the shell, stopped, until `fg`.
        Binding("ctrl+z", "suspend_process", "Suspend", show=False, priority=True),
        # Tab moves the focus from the app's queue too, once the keys before it are in, and
        # holds the keys after it meanwhile, so they reach the widget it moved to (as a Screen
        # binding it ran only once the key had bubbled up, after the next keys had gone to the
        # widget before: "1990-1999" was lost): `_tab`.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
        # Not a priority: the users list binds g itself (`MarkingList`), in its own queue;
        # anywhere else this one says how to mark people (in a box, g is a letter).
        Binding("g", "screen.group", "Movie night", show=False),
    ]
    ONE_KEY_ACTIONS = frozenset({"help", "quit", "focus_next", "focus_previous"})

    def __init__(self, engine: Engine, *, theme: str | None = None, debug: bool = False,
                 profile: Path | None = None, friends: Friends | None = None,
                 notices: Iterable[str] = (), discovery: float = 0.0) -> None:
        """`notices`: what the command line has to say before the app takes the screen (a
        settings file it cannot read), shown in it: said on stderr, it was hidden until quit;
        `discovery`: the setting the lists open at (the one chosen last)."""
        super().__init__()
        # No animation unless asked for (TEXTUAL_ANIMATIONS=full): the strategy tabs' sliding
        # underline alone drew the screen twenty times a switch, a third of its CPU (255 ms
        # against 170 ms on the real data at 120x40), and each frame goes over SSH.
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"
        self._notices = tuple(notices)
        self.engine = engine
        self.show_tracebacks = debug
        self.crash: str | None = None  # the one line to print after an unhandled exception
        self._exit_code = 0  # what quitting returns: the data error's code on its screen
        self.key_hold = KeyHold(self)
        self.notes = Notes(self)
        read_escape_then_key()
        self.main = MainScreen(engine, profile, friends or Friends((), engine), discovery)
        if theme is not None:
            named = THEMES.get(theme, theme)
            if named in self.available_themes:
                self.theme = named
            else:  # remembered by another version, which had it
                self._notices += (f"The theme your settings name, {echo(named)}, is not one "
                                  f"this version has: the default instead (ctrl+p chooses "
                                  f"another).",)

    async def on_event(self, event: events.Event) -> None:
        """An alt+key is escape, then the key (`escape_keys`); keys wait while a hold lasts
        (`key_hold`)."""
        split = escape_then_key(event) if isinstance(event, events.Key) else None
        for one in split or (event,):
            if not self.key_hold.keeps(one):
                await self._typed(one)

    async def on_key_hold_released(self, _message: KeyHold.Released) -> None:
        while (key := self.key_hold.next()) is not None:
            await self._typed(key)

    async def _typed(self, event: events.Event) -> None:
        await super().on_event(event)
        if isinstance(event, events.Key) and self.screen is not self.main:
            self.key_hold.until_handled(self.screen)

    def get_default_screen(self) -> Screen:
        return self.main

    def on_load(self) -> None:
        self.main_is_up = self.key_hold.hold(STARTING)  # the main screen ends it, once mounted

    def on_mount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on every platform
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._terminated)
        self.app_resume_signal.subscribe(self, self._resumed)
        for notice in self._notices:
            self.notify(clean(notice), severity="warning", timeout=20, markup=False)

    def _resumed(self, _app: App) -> None:
        """Back from ctrl+z (`fg`): the terminal was the shell's meanwhile, so every cell is
        drawn again (Textual draws only what changed, and left the screen blank but a row)."""
        self.refresh(repaint=True, layout=True)

    def _terminated(self) -> None:
        """SIGTERM: stop builds (a training child and its files go with them) and close."""
        self.main.action_cancel_builds()
        self.exit(return_code=TERMINATED)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an unhandled exception, which ends the app with status 1: the
        traceback goes to a log file and one line is printed after the app closes (with
        --debug, Textual's own traceback is printed as well)."""
        super()._handle_exception(error)
        self.crash = crash.record(error)
        if not self.show_tracebacks:
            self._exit_renderables.clear()

    def on_main_screen_load_failed(self, message: MainScreen.LoadFailed) -> None:
        """The main screen's load failed (its message bubbles up here): the data error
        screen, and quitting from it returns the error's status."""
        collector.resume()
        error = message.error
        self._exit_code = error.exit_code if isinstance(error, RecsysError) else 1
        self.push_screen(DataErrorScreen(crash.explain(error), self.engine.data_dir))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On the data error screen only quitting makes sense. Elsewhere the app's own one-key
        actions give way while another screen is on top (help closes on q and ?); the keys
        bound to `screen.` actions need nothing here, since only the main screen has those.
        Printable keys need nothing either: Textual leaves out the bindings of keys a box takes
        as text."""
        if isinstance(self.screen, DataErrorScreen):
            return action in ("quit", "interrupt", "suspend_process")
        return not (action in self.ONE_KEY_ACTIONS and self.screen is not self.main)

    def action_focus_next(self) -> None:
        self._tab(forward=True)

    def action_focus_previous(self) -> None:
        self._tab(forward=False)

    def _tab(self, *, forward: bool) -> None:
        """Tab, once the keys typed before it are in (letters on their way to the genre list
        open it on the genre they find, which it keeps when tab leaves it), the keys typed
        after it held meanwhile, so that they reach the box it moves to."""
        end = self.key_hold.hold()

        def move() -> None:
            try:
                (self.screen.focus_next if forward else self.screen.focus_previous)()
            finally:
                end()

        after_typed(self.screen, move)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.engine.strategies))

    async def action_quit(self) -> None:
        self.main.action_cancel_builds()
        self.exit(return_code=self._exit_code)

    def action_interrupt(self) -> None:
        """Ctrl-C quits at once, with the status a shell expects of an interrupted program."""
        self.main.action_cancel_builds()
        self.exit(return_code=INTERRUPTED)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette.commands(self.main, self.action_help)
