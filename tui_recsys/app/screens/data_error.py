"""Shown instead of the app when the data cannot be loaded: what is wrong and what to do."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

HOW_TO = (
    "To use a local copy of the data, start it with\n\n"
    "    tui-recsys --data DIR        (or set TUI_RECSYS_DATA=DIR)\n\n"
    "Without either, the Hugging Face Hub datasets are used, which needs a network connection "
    "the first time. Press q to quit."
)


class DataErrorScreen(Screen[None]):
    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="data-error"):
            yield Static(Text("The data could not be loaded", style="bold"))
            yield Static(Text(self.message), id="data-error-message")
            yield Static(Text(HOW_TO))
        yield Footer()
