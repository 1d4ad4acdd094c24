"""Shown instead of the app when the data cannot be loaded: what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from tui_recsys.app.screens.over_main import OverMain
from tui_recsys.app.widgets.keys_footer import KeysFooter
from tui_recsys.text import clean


def advice(data_dir: Path | None) -> str:
    """What to do next, about the source that was actually tried: a data/ folder inside the
    one given (a checkout's, say) is most likely what was meant."""
    if data_dir is not None:
        inner = data_dir / "data"
        folder = str(inner) if inner.is_dir() else "DIR"
        hint = "It holds a data folder; perhaps that is the one:" if inner.is_dir() else (
            "Fix or replace what the message names, or start it with another folder:")
        return (f"tui-recsys read the local folder {data_dir} (from --data or "
                f"TUI_RECSYS_DATA). {hint}\n\n    tui-recsys --data {folder}\n\n"
                f"Press q to quit.")
    return ("tui-recsys tried the Hugging Face Hub datasets, which need a network connection "
            "the first time. To use a local copy of the data instead, start it with\n\n"
            "    tui-recsys --data DIR        (or set TUI_RECSYS_DATA=DIR)\n\nPress q to quit.")


class DataErrorScreen(OverMain, Screen[None]):
    BINDINGS = [Binding("q", "app.quit", "Quit"),
                Binding("escape", "app.quit", "Quit", show=False)]

    def __init__(self, message: str, data_dir: Path | None) -> None:
        super().__init__()
        self.message = message
        self.data_dir = data_dir

    def compose(self) -> ComposeResult:
        with Vertical(id="data-error"):
            yield Static(Text("The data could not be loaded", style="bold"))
            yield Static(Text(clean(self.message)), id="data-error-message")
            # Line by line: `clean` makes a line break a space, and the command to type next
            # stands on its own line.
            yield Static(Text("\n".join(clean(line)
                                        for line in advice(self.data_dir).split("\n"))))
        yield KeysFooter()
