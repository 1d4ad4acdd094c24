"""The `f` screen: the details pane's whole text. At 80x24 the pane shows three lines (a
watchlist mark and the reason fill them) and cannot take the focus, so the overview, the cast,
the director and the links were out of reach by keyboard; under 18 rows the pane is gone."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui_recsys.app.screens.over_main import OverMain


class FullDetails(OverMain, ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f", "dismiss", "Close")]
    DEFAULT_CSS = """
    FullDetails { align: center middle; }
    FullDetails > #full-details { width: 76; max-width: 95%; height: auto; max-height: 90%;
                                  padding: 0 2; border: thick $primary; background: $surface;
                                  border-title-align: left; border-title-color: $accent; }
    """

    def __init__(self, title: Text | None, text: Text) -> None:
        """`title` and `text` as the pane shows them: a copy, which closing forgets."""
        super().__init__()
        self.heading, self.text = title, text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="full-details") as pane:
            pane.border_title = self.heading
            yield Static(self.text, markup=False)
        yield Footer()
