"""The `t` prompt: more of, or less of, a genre or keyword that the list on screen carries
(the ones that split it most evenly, or any its movies carry, typed), or the list as the
model made it."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.notifications import SeverityLevel
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_recsys.app.crash import explain
from tui_recsys.app.screens.offer_prompt import FRAME, OfferPrompt
from tui_recsys.app.widgets.text_box import OfferBox
from tui_recsys.data.titles import name_key
from tui_recsys.engine.models.tuning import Dimensions
from tui_recsys.engine.question import Tuning
from tui_recsys.text import echo, plural

CLEAR = "clear"
# A direction typed before the words, as the choices read ("less viol", "more heist"), or as
# a sign ("-drama", "+space").
DIRECTIONS = {"more ": True, "less ": False, "fewer ": False, "+": True, "-": False}


class TunePrompt(OfferPrompt[Tuning | None]):
    """Answers the tuning chosen, or None when dismissed. Offered first: the dimensions that
    split the list most evenly; a word typed offers what its movies carry of it ("heist",
    "space": every keyword holding the word), each with how many of them it would move.

    It opens before the list's dimensions are read (`read`, off the UI thread), so that the
    keys typed right after t are its keys: kept until the choices are there (`offer`), then
    typed again, in order. Escape closes it meanwhile.
    """

    AUTO_FOCUS = ""  # nothing: the box, once the choices are there (`offer`)
    DEFAULT_CSS = """
    TunePrompt OptionList { max-height: 14; }  /* more room for a list's dimensions */
    """

    def __init__(self, tuning: Tuning, read: Callable[[], Dimensions]) -> None:
        super().__init__()
        self.tuning = tuning
        self.read = read
        self.dimensions = Dimensions()
        self.shown: list[str] = []  # what the choices are more or less of, in order
        self._shown_for: str | None = None  # the text they are for
        self._typed: list[events.Key] | None = []  # keys kept; None once the choices are there

    def _state(self, name: str) -> str:
        key = name_key(name)
        if any(name_key(n) == key for n in self.tuning.more):
            return " (now: more)"
        if any(name_key(n) == key for n in self.tuning.less):
            return " (now: less)"
        return ""

    def compose(self) -> ComposeResult:
        with Vertical(id=FRAME):
            yield Static(Text("Tune the list: more of, or less of"))
            yield OfferBox(placeholder="type a keyword or genre (less war), or choose below",
                           compact=True)
            choices = OptionList()
            choices.can_focus = False  # a key typed goes into the box
            yield choices
            yield Static(Text("reading the list…", style="dim"), id="tune-hint")

    def on_mount(self) -> None:
        self._read()  # keys come to this screen (`on_key`) until the choices do

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

    def offer(self, dimensions: Dimensions) -> None:
        """The choices: more or less of each dimension offered (and of what is tuned now),
        then the keys typed meanwhile, in order, as if typed now."""
        if not self.is_attached:  # escape came first
            return
        self.dimensions = dimensions
        if not self._untyped():
            self._failed("Nothing to tune: no genre or keyword sets this list's movies apart.",
                         "information")
            return
        self._show("")
        self.query_one("#tune-hint", Static).update(
            Text("enter chooses (again: undoes it), escape cancels", style="dim"))
        self.set_focus(self.query_one(OfferBox))
        typed, self._typed = self._typed or [], None
        if typed:
            # Played here, in order, while the keys typed since wait (they were posted to
            # the app again at first, behind the keys it still held: "t down down enter"
            # under load chose "less Adventure", its enter before the second down).
            self.call_later(self._replay, typed, self.app.key_hold.hold())

    async def _replay(self, keys: list[events.Key], end: Callable[[], None]) -> None:
        """The keys typed while the choices were read, as the box takes them: a letter is
        text (and the choices follow it), an arrow moves in the choices, enter chooses."""
        box = self.query_one(OfferBox)
        try:
            for key in keys:
                if not self.is_attached:
                    return
                if key.key == "enter":  # at once: its message would come after the rest
                    self._choose_highlighted()
                    return
                await box.play(key)
                self._show(box.value)
        finally:
            end()

    def _untyped(self) -> list[str]:
        """Offered with nothing typed: the dimensions that vary most, and what is tuned now."""
        known = {name_key(name) for name in self.dimensions.offered}
        asked = [*self.tuning.more, *self.tuning.less]
        return [*self.dimensions.offered, *(n for n in asked if name_key(n) not in known)]

    def _show(self, typed: str) -> None:
        if typed == self._shown_for:
            return  # the box says again what it said (a key played before its message came)
        self._shown_for = typed
        direction, typed = _direction(typed)
        self.shown = self.dimensions.matching(typed) if typed.strip() else self._untyped()
        options = [Option(Text(f"{'more' if more else 'less'} {name}{self._state(name)}"
                               f" · {self._moving(name, more)}"), id=f"{int(more)}{index}")
                   for index, name in enumerate(self.shown) for more in (True, False)
                   if direction in (None, more) and (more or self.dimensions.carrying(name))]
        if not typed.strip() and direction is None and self.tuning.active:
            options.insert(0, Option(Text(f"as the model made it (now: "
                                          f"{self.tuning.describe()})"), id=CLEAR))
        if not options:
            where = "this list" if self.dimensions.beyond is None else "the catalogue"
            options = [Option(Text(f"no movie in {where} carries {echo(typed.strip())}",
                                   style="dim"), disabled=True)]
        choices = self.query_one(OptionList)
        choices.clear_options()
        choices.add_options(options)
        choices.highlighted = None if options[0].disabled else 0

    def _moving(self, name: str, more: bool) -> str:
        moving = self.dimensions.moving(name, more)
        if self.dimensions.reaches_beyond(name, more):
            return f"{moving:,} in the catalogue" if moving else "none in the catalogue"
        return plural(moving, "film") if moving else "none here"

    async def on_key(self, event: events.Key) -> None:
        """Keys typed before the choices are there are kept (`offer` plays them). A key
        handed to this screen while nothing had the focus, and handled here once the box had
        it, is played into the box: under load the first letter of "tless sci" was lost."""
        if event.key == "escape":
            return
        box = self.query_one(OfferBox)
        if self._typed is not None:
            self._typed.append(event)
        elif self.focused is box and (box.check_consume_key(event.key, event.character)
                                      or box.keyed_action(event.key) is not None):
            await box.play(event)
        else:
            return
        event.stop()
        event.prevent_default()

    @on(Input.Changed)
    def _typed_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._typed is None:  # what the box holds now: keys played since may have changed it
            self._show(self.query_one(OfferBox).value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose_highlighted()

    def _choose_highlighted(self) -> None:
        choices = self.query_one(OptionList)
        if choices.highlighted is not None:
            choices.action_select()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option_id or CLEAR
        if choice == CLEAR:
            self.dismiss(Tuning())
            return
        more, index = choice[0] == "1", int(choice[1:])
        self.dismiss(self.tuning.toggled(self.shown[index], more))


def _direction(typed: str) -> tuple[bool | None, str]:
    """More (True), less (False) or either (None), and the words typed after it: "less viol"
    answered that no movie carried 'less viol'."""
    start = typed.lstrip()
    for word, more in DIRECTIONS.items():
        if start.casefold().startswith(word):
            return more, start[len(word):]
    return None, typed
