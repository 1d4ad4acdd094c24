"""Keys that change your files act in the order they were typed.

The one-key bindings are priority bindings, handled in the app's own queue as they come (so a
key that moves the focus takes effect before the next keys are sent on). An arrow key is not:
the app sends it to the focused list's queue, it bubbles up through every container's queue
back to the app, which runs the list's binding then; the row it highlights reaches the screen
as a message, up the same containers again. Over SSH keys arrive in bursts: "down down +"
would rate the movie highlighted before the arrows moved. So an action on the current movie
waits (`after_typed`) until every key before it has gone that whole way, and no key after it:
a step through each queue on the way up to the app, then up to the screen again, each step
queued behind what is there, and what comes later queued behind it. That holds while no one
on the way answers a message by posting one to its own queue, behind the step: a pane that
turns its list's highlighted row into its highlighted movie passes it to its parent
(`tell_parent`). A search is work off the UI thread: "/matrix, enter, +" rates the movie the
search finds, once it has answered and its pick has gone that way too (`Answering`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget


class Answering:
    """A node where a key can take effect only once work off the UI thread answers: enter in
    a search box picks the first match of what was typed, when its search has answered; a key
    in the quick start answers a row of the round being chosen. A plain base class, not a
    Protocol: `after_typed` looks for these among a screen's widgets on every key it defers,
    and a Protocol's isinstance made that 1 ms, not 0.06."""

    passed_on = 0  # how many answers it has passed on so far
    _awaited: list[Callable[[], object]] | None = None  # None: no answer is owed

    def awaiting(self) -> None:
        """An answer is owed from now: keys typed meanwhile wait for it."""
        self._awaited = self._awaited or []

    def after_answer(self, then: Callable[[], object]) -> bool:
        """False when no answer is owed; else `then` runs once it has been passed on (and so
        must follow it up the same way)."""
        if self._awaited is None:
            return False
        self._awaited.append(then)
        return True

    def answered(self) -> None:
        """The answer owed has been passed on: what waited for it runs."""
        self.passed_on += 1
        awaited, self._awaited = self._awaited or [], None
        for then in awaited:
            then()


def after_typed(screen: Screen, act: Callable[[], object]) -> None:
    """Run `act` once the keys typed before have been handled and their effects reached
    `screen`, a search they started included (`Answering`). A node closed on the way (the
    screen dismissed) is stepped over."""
    answering = [node for node in (screen, *screen.walk_children(Widget))
                 if isinstance(node, Answering)]
    answers = [node.passed_on for node in answering]
    path: list[DOMNode] = []
    node: DOMNode | None = screen.focused
    while node is not None and node is not screen:
        path.append(node)
        node = node.parent
    steps = [*path, screen, screen.app, *path, screen]

    def hop(at: int) -> None:
        if at == len(steps):
            _after_answers(screen, act, answering, answers)
        elif not steps[at].call_later(hop, at + 1):
            hop(at + 1)

    hop(0)


def in_typed_order(method: Callable[..., object]) -> Callable[..., None]:
    """`method` as a screen's action that runs once the keys typed before are in
    (`after_typed`): `action_sort = in_typed_order(_sort)`."""

    def deferred(screen: Screen, *args: object) -> None:
        after_typed(screen, partial(method, screen, *args))

    deferred.__doc__ = method.__doc__
    return deferred


def _after_answers(screen: Screen, act: Callable[[], object], answering: list[Answering],
                   answers: list[int]) -> None:
    """`act`, unless an answer is awaited (then after it), or one was passed on while the
    steps went up (then after it has gone the same way: once more up every queue)."""
    again = partial(after_typed, screen, act)
    if any(node.after_answer(again) for node in answering):
        return
    if [node.passed_on for node in answering] != answers:
        again()
        return
    act()


def tell_parent(widget: Widget, message: Message) -> None:
    """`message` on its way up from `widget`'s parent, as if it had bubbled from `widget`:
    not behind whatever waits in `widget`'s own queue (see the module's docstring)."""
    (widget.parent or widget).post_message(message)
