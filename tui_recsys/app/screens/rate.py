"""The `s` prompt: how many stars for the movie on screen (0.5 to 5, half stars allowed).

It answers the stars, or None when dismissed; a value that is not a rating keeps the prompt
open and says why, so nothing typed is lost.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui_recsys.app.widgets.text_box import TextBox
from tui_recsys.data.profile_file import parse_stars
from tui_recsys.errors import DataError


class RatePrompt(ModalScreen[float | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    RatePrompt { align: center middle; }
    RatePrompt > #rate { width: 60; max-width: 95%; height: auto; padding: 1 2;
                         border: thick $primary; background: $surface; }
    RatePrompt #rate-error { color: $error; height: auto; }
    """

    def __init__(self, title: str, current: float | None) -> None:
        super().__init__()
        self.movie_title = title
        self.current = current

    def compose(self) -> ComposeResult:
        now = f" (now {self.current:g})" if self.current is not None else ""
        with Vertical(id="rate"):
            yield Static(Text(f"Rate {self.movie_title}{now}"))
            yield TextBox(placeholder="0.5 to 5 stars, e.g. 4.5", compact=True, id="stars")
            yield Static("", id="rate-error", markup=False)
            yield Static(Text("enter to save, escape to cancel", style="dim"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            stars = parse_stars(event.value.strip(), "stars")
        except DataError as error:
            self.query_one("#rate-error", Static).update(str(error).removeprefix("stars: "))
            return
        self.dismiss(stars)
