"""The `t` prompt: more of, or less of, a genre or keyword that the list on screen carries
(the ones that split it most evenly), or the list as the model made it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_recsys.engine.question import Tuning, dimension_key

CLEAR = "clear"


class TunePrompt(ModalScreen[Tuning | None]):
    """Answers the tuning chosen, or None when dismissed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    TunePrompt { align: center middle; }
    TunePrompt > #tune { width: 60; max-width: 95%; height: auto; max-height: 90%;
                         padding: 1 2; border: thick $primary; background: $surface; }
    TunePrompt OptionList { height: auto; max-height: 14; }
    """

    def __init__(self, tuning: Tuning, offered: list[str]) -> None:
        super().__init__()
        self.tuning = tuning
        asked = [*tuning.more, *tuning.less]
        known = {dimension_key(name) for name in offered}
        self.dimensions = [*offered, *(n for n in asked if dimension_key(n) not in known)]

    def _state(self, name: str) -> str:
        key = dimension_key(name)
        if any(dimension_key(n) == key for n in self.tuning.more):
            return " (now: more)"
        if any(dimension_key(n) == key for n in self.tuning.less):
            return " (now: less)"
        return ""

    def compose(self) -> ComposeResult:
        options = [Option(Text(f"{'more' if more else 'less'} {name}{self._state(name)}"),
                          id=f"{int(more)}{index}")
                   for index, name in enumerate(self.dimensions) for more in (True, False)]
        if self.tuning.active:
            options.insert(0, Option(Text(f"as the model made it (now: "
                                          f"{self.tuning.describe()})"), id=CLEAR))
        with Vertical(id="tune"):
            yield Static(Text("Tune the list: more of, or less of"))
            yield OptionList(*options)
            yield Static(Text("enter chooses (again: undoes it), escape cancels",
                              style="dim"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option_id or CLEAR
        if choice == CLEAR:
            self.dismiss(Tuning())
            return
        more, index = choice[0] == "1", int(choice[1:])
        self.dismiss(self.tuning.toggled(self.dimensions[index], more))
