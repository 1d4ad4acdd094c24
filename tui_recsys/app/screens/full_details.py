"""The `f` screen: the details pane's whole text. At 80x24 the pane shows three lines (a
watchlist mark and the reason fill them) and cannot take the focus, so the overview, the cast,
the director and the links were out of reach by keyboard; under 18 rows the pane is gone.
The keys that act on the current movie, the one shown, close it and act: what it says invites
them ("and 10 more (p)"), and they did nothing there. An import's report is shown whole here
too."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_recsys.app.screens.over_main import OverMain
from tui_recsys.app.widgets.keys_footer import KeysFooter
from tui_recsys.app.widgets.steady_scroll import SteadyScroll


class FullDetails(OverMain, ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f", "dismiss", "Close"),
                Binding("enter", "pick", "Pick", show=False),
                # The app's g is no priority (the users list binds its own), and a modal
                # screen sees only the app's priority keys.
                Binding("g", "group", "Movie night", show=False)]
    DEFAULT_CSS = """
    FullDetails { align: center middle; }
    FullDetails > #full-details { width: 76; max-width: 95%; height: auto; max-height: 90%;
                                  padding: 0 2; border: thick $primary; background: $surface;
                                  border-title-align: left; border-title-color: $accent; }
    """

    def __init__(self, title: Text | None, text: Text, act: Callable[..., object]) -> None:
        """`title` and `text` as the pane shows them: a copy, which closing forgets; `act`
        runs one of the main screen's actions by its name, with its parameters."""
        super().__init__()
        self.heading, self.text, self._act = title, text, act

    # The movie keys (the app binds them to the screen on top): rate, mark, people, a
    # strategy for the movie, undo.
    def action_ask_stars(self) -> None:
        self._then("ask_stars")

    def action_rate(self, stars: float | None) -> None:
        self._then("rate", stars)

    def action_mark(self, kind: str) -> None:
        self._then("mark", kind)

    def action_people(self) -> None:
        self._then("people")

    def action_strategy(self, name: str) -> None:
        self._then("strategy", name)

    def action_undo(self) -> None:
        self._then("undo")

    def action_group(self) -> None:
        """g: a user's details say "g to bring them to movie night"."""
        self._then("group_shown")

    def action_pick(self) -> None:
        """Enter, as on the movie or user in its list ("Press enter for their picks")."""
        self._then("pick_shown")

    def _then(self, action: str, *parameters: object) -> None:
        self.dismiss()
        self._act(action, *parameters)

    def compose(self) -> ComposeResult:
        with SteadyScroll(id="full-details") as pane:
            pane.border_title = self.heading
            yield Static(self.text, markup=False)
        yield KeysFooter()
