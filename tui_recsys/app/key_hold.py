"""Keys typed while a prompt is on its way to the screen, kept for it.

`s` names the movie it rates once the keys before it are in (`after_typed`): "down down s"
rates the row the arrows reached. Those arrows take effect only when they have bubbled back up
to the app, and they find their binding in the screen on top then: a prompt pushed at once
took them, and they were lost. So the prompt opens once the keys before are in, and the keys
typed after it (the stars, enter) are held by the app meanwhile and played to it once it is
open, in the order typed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual import events
from textual.message import Message
from textual.screen import Screen

from tui_recsys.app.typed_order import after_typed

Result = TypeVar("Result")
LONGEST = 3.0  # seconds: past this, held keys go on as typed, so a lost release never deafens


class KeyHold:
    """Keys typed (not yet forwarded anywhere) since `hold`, until `release`."""

    class Released(Message):
        """Behind every key queued before the release: when it comes, all are held."""

    def __init__(self) -> None:
        self._held: list[events.Key] | None = None

    def hold(self) -> None:
        if self._held is None:
            self._held = []

    def keeps(self, event: events.Event) -> bool:
        """Whether `event` is a key typed while holding: kept, to be played later."""
        if self._held is None or not isinstance(event, events.Key) or event.is_forwarded:
            return False
        self._held.append(event)
        return True

    def taken(self) -> list[events.Key]:
        """The keys held, in order; holding ends."""
        held, self._held = self._held or [], None
        return held


def open_after_typed(screen: Screen[Any], prompt: Callable[[], Screen[Result] | None],
                     hold: KeyHold, answered: Callable[[Result], object] | None = None) -> None:
    """The screen `prompt` makes (None: none), pushed over `screen` once the keys typed before
    have taken effect there, `answered` called with what it answers; the keys typed after are
    held until it is open, then played to it."""
    app = screen.app
    hold.hold()

    def release() -> None:
        app.post_message(KeyHold.Released())

    async def push() -> None:
        try:
            made = prompt()
            if made is not None:
                await app.push_screen(made, callback=answered)
        finally:
            release()

    timer = app.set_timer(LONGEST, release)

    def opened() -> Awaitable[None]:
        timer.stop()
        return push()

    after_typed(screen, lambda: screen.call_later(opened))
