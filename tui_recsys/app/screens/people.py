"""The `p` prompt: anyone's films, by a name typed (offered as it is typed) or chosen among the
current movie's director and cast."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_recsys.app.crash import explain
from tui_recsys.app.screens.offer_prompt import FRAME, OfferPrompt
from tui_recsys.app.widgets.text_box import OfferBox
from tui_recsys.errors import RecsysError
from tui_recsys.text import plural

Search = Callable[[str], list[tuple[str, int]]]  # who a name typed may be, with their films


class PeoplePrompt(OfferPrompt[str | None]):
    """Answers the chosen name, or None when dismissed. Typed, a name is offered as the
    people it may be, most films first; enter takes the one highlighted. Typed at once with
    the name ("fiennes" and enter in one burst), enter waits for the offers of the whole
    name and takes the first; where there is none, the words as typed (and the person
    strategy says whose name is close)."""

    def __init__(self, title: str | None, people: list[tuple[str, str]],
                 search: Search, *, typed: str = "") -> None:
        """`people`: the current movie's, each (name, role), director first; `title`: the
        movie's, None when there is none; `typed`: a name to start from, offered."""
        super().__init__()
        self.typed = typed
        self.movie_title = title
        self.people = people
        self.search = search
        self.offered: list[str] = [name for name, _ in people]
        self.offered_for = ""  # the text the offers are for
        self.entered: str | None = None  # enter was pressed on it before its offers came

    def compose(self) -> ComposeResult:
        with Vertical(id=FRAME):
            yield Static(Text(f"Whose films? {self.movie_title}" if self.movie_title
                              else "Whose films?"))
            yield OfferBox(placeholder="type a name, or choose below" if self.people
                           else "type a name", compact=True)
            offers = OptionList(*self._movie_people())
            offers.can_focus = False  # a key typed goes into the name
            offers.display = bool(self.people)  # no empty box under a name to type
            yield offers
            yield Static(Text("enter lists their films, escape cancels", style="dim"))

    def on_mount(self) -> None:
        if self.typed:
            self.query_one(OfferBox).insert_text_at_cursor(self.typed)  # offered as typed

    def _movie_people(self) -> list[Option]:
        return [Option(Text(f"{name} · {role}"), id=str(index))
                for index, (name, role) in enumerate(self.people)]

    def _offer(self, text: str, options: list[Option], names: list[str]) -> None:
        offers = self.query_one(OptionList)
        offers.clear_options()
        offers.add_options(options)
        offers.display = bool(options)
        offers.highlighted = 0 if names else None
        self.offered, self.offered_for = names, text

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self._offer("", self._movie_people(), [name for name, _ in self.people])
        else:
            self._look_up(text)

    @work(thread=True, exclusive=True, group="people")
    def _look_up(self, text: str) -> None:
        try:
            found: list[tuple[str, int]] | str = self.search(text)
        except RecsysError as error:  # no TMDB data here, say: said where the offers go
            found = explain(error)
        self.app.call_from_thread(self._found, text, found)

    def _found(self, text: str, found: list[tuple[str, int]] | str) -> None:
        if text != self.query_one(OfferBox).value.strip():
            return  # typed on since: its own look-up is on the way
        if isinstance(found, str) or not found:
            why = found or "no one here has a name like that"
            self._offer(text, [Option(Text(why, style="dim"), disabled=True)], [])
        else:
            self._offer(text, [Option(Text(f"{name} · {plural(films, 'film')}"),
                                      id=str(index)) for index, (name, films) in
                               enumerate(found)], [name for name, _ in found])
        if self.entered == text and not isinstance(found, str):
            self.dismiss(found[0][0] if found else text)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        highlighted = self.query_one(OptionList).highlighted
        if text == self.offered_for and highlighted is not None and self.offered:
            self.dismiss(self.offered[highlighted])
        elif text and text != self.offered_for:
            self.entered = text  # taken once its offers come (`_found`)
        elif text:
            self.dismiss(text)  # no one has it: the person strategy says who is close

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.offered[int(event.option_id or 0)])
