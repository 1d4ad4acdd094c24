"""A prompt of one text box (the stars, a file to import): what it asks, the box, why what was
typed cannot be taken, said in place (the prompt stays open and nothing typed is lost), and
how to answer."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_recsys.app.screens.over_main import OverMain
from tui_recsys.app.widgets.text_box import TextBox

Answer = TypeVar("Answer")


class BoxPrompt(OverMain, ModalScreen[Answer]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    BoxPrompt { align: center middle; }
    BoxPrompt > #box-prompt { width: 60; max-width: 95%; height: auto; padding: 1 2;
                              border: thick $primary; background: $surface; }
    BoxPrompt #box-prompt-error { color: $error; height: auto; }
    """

    def __init__(self, asked: Text, box: TextBox, how: str) -> None:
        super().__init__()
        self._asked, self._box, self._how = asked, box, how

    def compose(self) -> ComposeResult:
        with Vertical(id="box-prompt"):
            yield Static(self._asked)
            yield self._box
            yield Static("", id="box-prompt-error", markup=False)
            yield Static(Text(self._how, style="dim"))

    def refuse(self, why: str) -> None:
        """Why what was typed cannot be taken, under the box."""
        self.query_one("#box-prompt-error", Static).update(why)
