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
(`tell_parent`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget


def after_typed(screen: Screen, act: Callable[[], object]) -> None:
    """Run `act` once the keys typed before have been handled and their effects reached
    `screen`. A node closed on the way (the screen dismissed) is stepped over."""
    path: list[DOMNode] = []
    node: DOMNode | None = screen.focused
    while node is not None and node is not screen:
        path.append(node)
        node = node.parent
    steps = [*path, screen, screen.app, *path, screen]

    def hop(at: int) -> None:
        if at == len(steps):
            act()
        elif not steps[at].call_later(hop, at + 1):
            hop(at + 1)

    hop(0)


def tell_parent(widget: Widget, message: Message) -> None:
    """`message` on its way up from `widget`'s parent, as if it had bubbled from `widget`:
    not behind whatever waits in `widget`'s own queue (see the module's docstring)."""
    (widget.parent or widget).post_message(message)
