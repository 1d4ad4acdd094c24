"""The `s` prompt: how many stars for the movie on screen (0.5 to 5, half stars allowed), and
the day it was seen if not today ("4 friday"); or seen without stars, on a day ("seen friday"),
which `v` cannot say.

It opens once the keys typed before s are in, on the movie they reached ("down down s" over
SSH comes in one burst), and the keys typed after s are its text (`key_hold`). A value that is
not a rating keeps the prompt open and says why, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.screen import Screen
from textual.widgets import Input

from tui_recsys.app.key_hold import KeyHold
from tui_recsys.app.screens.box_prompt import BoxPrompt
from tui_recsys.app.widgets.text_box import TextBox
from tui_recsys.data.days import seen_on, stars_and_day
from tui_recsys.errors import DataError


@dataclass(frozen=True)
class Rating:
    """The movie the prompt rates, your stars for it now, what saves new ones, and what marks
    it seen without them."""

    title: str
    current: float | None
    rate: Callable[[float, int], object]  # the stars, and the moment of the day given (0: now)
    see: Callable[[int], object]  # the moment of the day it was seen (0: now)


def ask_stars(screen: Screen, rating: Callable[[], Rating | None], hold: KeyHold) -> None:
    """The prompt over `screen` on what `rating` reads once the keys typed before are in
    (None: nothing to rate, no prompt)."""
    hold.open_after_typed(screen, lambda: (chosen := rating()) and RatePrompt(chosen))


class RatePrompt(BoxPrompt[None]):
    def __init__(self, rating: Rating) -> None:
        now = f" (now {rating.current:g})" if rating.current is not None else ""
        super().__init__(Text(f"Rate {rating.title}{now}"),
                         TextBox(placeholder="0.5 to 5 stars: 4.5, 4.5 yesterday; or seen "
                                             "friday",
                                 compact=True),
                         "enter to save, escape to cancel")
        self.rating = rating

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            seen = seen_on(event.value)
            rated = stars_and_day(event.value) if seen is None else None
        except DataError as error:
            self.refuse(str(error).removeprefix("stars: "))
            return
        self.dismiss(None)
        if seen is not None:
            self.rating.see(seen)
        elif rated is not None:
            self.rating.rate(*rated)
