"""Keys typed while the screen they belong to is on its way, held by the app meanwhile.

The app reads every key in its own queue and hands it to the screen on top *then*. Over SSH keys
come in bursts, and some change which screen is on top only once they have been handled
further down: escape or enter in a prompt close it from the prompt's own queue, and an arrow
key finds its binding once it has bubbled back up. So:

- a key handed to a screen over the main one (a prompt, the quick start, help) holds the keys
  after it until it has been handled there (`after_typed`): "p down enter 3" lists the
  person's films, then 3 chooses a strategy on the main screen, where the prompt took it before;
- `s`, `p` and `t` open their prompt once the keys before them are in, on the movie or list
  they reached ("down down s" rates the row the arrows reached: a prompt pushed at once took
  the arrows, and they were lost), and hold the keys typed after until it is open.

- keys typed as the app starts (at once, or queued over SSH before the first frame) wait for the
  main screen's widgets: "/" handed to it before its lists were there ended the app.

Held keys are played, in the order typed, once no hold is left; a hold ends by itself after
`LONGEST`, so a hold never released never deafens the app.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.message import Message
from textual.screen import Screen

from tui_recsys.app.typed_order import after_typed

Result = TypeVar("Result")
LONGEST = 3.0  # seconds
STARTING = 30.0  # seconds: the main screen is up in well under one, even on a loaded machine


class KeyHold:
    """Keys typed (not yet handed anywhere) while a hold lasts, and after, until played."""

    class Released(Message):
        """The last hold ended: play the keys held. Queued behind every key typed before,
        which are held on the way."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._holds = 0
        self._held: deque[events.Key] = deque()

    def hold(self, longest: float = LONGEST) -> Callable[[], None]:
        """Hold keys from now; what ends this hold (the first call counts), or `longest`
        seconds."""
        self._holds += 1
        ended = False

        def end() -> None:
            nonlocal ended
            if ended:
                return
            ended = True
            timer.stop()
            self._holds -= 1
            if self._holds == 0:
                self._app.post_message(KeyHold.Released())

        timer = self._app.set_timer(longest, end)
        return end

    def keeps(self, event: events.Event) -> bool:
        """Whether `event` is a key typed while holding, or behind keys held: kept for later."""
        if not isinstance(event, events.Key) or event.is_forwarded or not (
                self._holds or self._held):
            return False
        self._held.append(event)
        return True

    def next(self) -> events.Key | None:
        """The next key held, to play now; None while a hold lasts (a key played may start
        one) or when none is left."""
        return None if self._holds or not self._held else self._held.popleft()

    def until_handled(self, screen: Screen[Any]) -> None:
        """Hold the keys after the one just handed to `screen` until it has been handled there."""
        after_typed(screen, self.hold())

    def open_after_typed(self, screen: Screen[Any], prompt: Callable[[], Screen[Result] | None],
                         answered: Callable[[Result], object] | None = None) -> None:
        """The screen `prompt` makes (None: none), pushed over `screen` once the keys typed
        before have taken effect there, `answered` called with what it answers; the keys typed
        after are held until it is open."""
        end = self.hold()

        async def push() -> None:
            try:
                made = prompt()
                if made is not None:
                    await self._app.push_screen(made, callback=answered)
            finally:
                end()

        after_typed(screen, lambda: screen.call_later(push))
