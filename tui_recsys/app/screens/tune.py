"""The `t` prompt: more of, or less of, a genre or keyword that the list on screen carries
(the ones that split it most evenly), or the list as the model made it."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_recsys.app.crash import explain
from tui_recsys.app.screens.over_main import OverMain
from tui_recsys.data.titles import name_key
from tui_recsys.engine.question import Tuning

CLEAR = "clear"


class TunePrompt(OverMain, ModalScreen[Tuning | None]):
    """Answers the tuning chosen, or None when dismissed.

    It opens before the list's dimensions are read (`read`, off the UI thread), so that the
    keys typed right after t are its keys: kept until the choices are there (`offer`), then
    played to them in order. Escape closes it meanwhile.
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    TunePrompt { align: center middle; }
    TunePrompt > #tune { width: 60; max-width: 95%; height: auto; max-height: 90%;
                         padding: 1 2; border: thick $primary; background: $surface; }
    TunePrompt OptionList { height: auto; max-height: 14; }
    /* under 24 rows (and under 18): the hint still shows */
    TunePrompt.-short OptionList { max-height: 9; }
    TunePrompt.-tiny OptionList { max-height: 5; }
    """

    def __init__(self, tuning: Tuning, read: Callable[[], list[str]]) -> None:
        super().__init__()
        self.tuning = tuning
        self.read = read
        self.dimensions: list[str] = []
        self._typed: list[str] | None = []  # keys kept; None once the choices are there

    def _state(self, name: str) -> str:
        key = name_key(name)
        if any(name_key(n) == key for n in self.tuning.more):
            return " (now: more)"
        if any(name_key(n) == key for n in self.tuning.less):
            return " (now: less)"
        return ""

    def compose(self) -> ComposeResult:
        with Vertical(id="tune"):
            yield Static(Text("Tune the list: more of, or less of"))
            yield OptionList()
            yield Static(Text("reading the list…", style="dim"), id="tune-hint")

    def on_mount(self) -> None:
        self.set_focus(None)  # keys come to this screen (`on_key`) until the choices do
        self._read()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _read(self) -> None:
        try:
            offered = self.read()
        except Exception as error:  # said, and the prompt closes: never stuck on "reading"
            self.app.call_from_thread(self._failed, explain(error))
            return
        self.app.call_from_thread(self.offer, offered)

    def _failed(self, said: str, severity: SeverityLevel = "error") -> None:
        self.app.notify(said, severity=severity, markup=False)
        if self.is_attached:
            self.dismiss(None)

    def offer(self, offered: list[str]) -> None:
        """The choices: more or less of each of `offered` (and of what is tuned now), then
        the keys typed meanwhile, in order."""
        if not self.is_attached:  # escape came first
            return
        asked = [*self.tuning.more, *self.tuning.less]
        known = {name_key(name) for name in offered}
        self.dimensions = [*offered, *(n for n in asked if name_key(n) not in known)]
        if not self.dimensions:
            self._failed("Nothing to tune: no genre or keyword sets this list's movies apart.",
                         "information")
            return
        options = [Option(Text(f"{'more' if more else 'less'} {name}{self._state(name)}"),
                          id=f"{int(more)}{index}")
                   for index, name in enumerate(self.dimensions) for more in (True, False)]
        if self.tuning.active:
            options.insert(0, Option(Text(f"as the model made it (now: "
                                          f"{self.tuning.describe()})"), id=CLEAR))
        choices = self.query_one(OptionList)
        choices.add_options(options)
        choices.highlighted = 0 if options else None
        self.query_one("#tune-hint", Static).update(
            Text("enter chooses (again: undoes it), escape cancels", style="dim"))
        self.set_focus(choices)
        typed, self._typed = self._typed or [], None
        self.call_later(self._replay, typed)

    async def _replay(self, keys: list[str]) -> None:
        """The keys typed while the choices were read, in order, as the choices' own keys
        (moves and enter); any other key did nothing there either."""
        choices = self.query_one(OptionList)
        actions = {binding.key: binding.action for binding in OptionList.BINDINGS
                   if isinstance(binding, Binding)}
        for key in keys:
            if key in actions and self.is_attached:
                await choices.run_action(actions[key])

    def on_key(self, event: events.Key) -> None:
        if self._typed is not None and event.key != "escape":
            event.stop()
            event.prevent_default()
            self._typed.append(event.key)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option_id or CLEAR
        if choice == CLEAR:
            self.dismiss(Tuning())
            return
        more, index = choice[0] == "1", int(choice[1:])
        self.dismiss(self.tuning.toggled(self.dimensions[index], more))
