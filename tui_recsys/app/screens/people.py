"""The `p` prompt: the current movie's director and cast, to pick one and list their films."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_recsys.app.screens.over_main import OverMain


class PeoplePrompt(OverMain, ModalScreen[str | None]):
    """Answers the chosen name, or None when dismissed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    PeoplePrompt { align: center middle; }
    PeoplePrompt > #people { width: 60; max-width: 95%; height: auto; max-height: 90%;
                             padding: 1 2; border: thick $primary; background: $surface; }
    PeoplePrompt OptionList { height: auto; max-height: 14; }
    """

    def __init__(self, title: str, people: list[tuple[str, str]]) -> None:
        """`people`: each (name, role), director first."""
        super().__init__()
        self.movie_title = title
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical(id="people"):
            yield Static(Text(f"Whose films? {self.movie_title}"))
            yield OptionList(*(Option(Text(f"{name} · {role}"), id=str(index))
                               for index, (name, role) in enumerate(self.people)))
            yield Static(Text("enter lists their films, escape cancels", style="dim"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.people[int(event.option_id or 0)][0])
