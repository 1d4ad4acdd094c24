"""A text box that keeps every typed key as text, and applies edits in the order keys came.

Textual leaves a binding out while a box has focus only when it can tell the binding's key is
a character, and for `minus`, `plus`, `slash`, `at`, `underscore` and `backslash` it cannot
(its reverse lookup asks Unicode for "MINUS", not "HYPHEN-MINUS"): typing `1990-1999` or
`spider-man` fired the app's `-` (dislike) binding. The box claims every key the terminal
driver names after a printable character, so no key typed into a box ever acts.

Textual's Input also inserts a letter as its key arrives, but edits with its other keys
(backspace, the arrows, home, end, delete) through bindings that run only once the key has
bubbled up to the app. In a burst of keys (a paste, a slow SSH link, `tmux send-keys`), the
letters after such a key were inserted first: "9", backspace, "4.5" read "94."; "1990", left,
left, right, "x" read "1990x", not "199x0". Here every key the Input binds itself is applied
where letters are, in the order the keys came.
"""

from __future__ import annotations

import re
import string

from textual import events
from textual.binding import Binding
from textual.keys import _character_to_key
from textual.widget import Widget
from textual.widgets import Input, OptionList

# Key names as the terminal driver gives them (`_character_to_key` is what it calls), for
# every printable ASCII character; other characters arrive with a name Textual can reverse.
TEXT_KEYS = frozenset(_character_to_key(c) for c in string.printable if c.isprintable())
# The Input's own editing keys and their actions ("left": cursor_left, "home": home, ...).
EDITING = {key.strip(): binding.action for binding in Input.BINDINGS
           if isinstance(binding, Binding) for key in binding.key.split(",")}
# The keys that move in a list of offers under a box (`OfferBox`).
MOVES = {"down": "cursor_down", "up": "cursor_up", "pagedown": "page_down",
         "pageup": "page_up"}


# What a terminal copies with coloured text: a CSI sequence ("\x1b[31m") or a two-character
# escape; taken out of a paste whole, so that its letters alone go in.
ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")


def pasted_line(text: str) -> str:
    """A paste's first line, without what a terminal acts on (a tab is a space): a title
    copied from a coloured terminal went in with its escape codes and found nothing. A line
    ends at a carriage return too, which terminals and tmux paste line breaks as: "blade" and
    "runner" on two lines went in as "blade runner"."""
    letters = ESCAPE_SEQUENCE.sub("", next(iter(text.splitlines()), ""))
    return "".join(c if c.isprintable() else " " if c.isspace() else "" for c in letters)


class TextBox(Input):
    def _on_paste(self, event: events.Paste) -> None:
        """A paste goes in as its `pasted_line`."""
        event.stop()
        event.prevent_default()  # the Input's own handler would insert the paste as it is
        super()._on_paste(events.Paste(pasted_line(event.text)))

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return key in TEXT_KEYS or super().check_consume_key(key, character)

    def keyed_action(self, key: str) -> tuple[Widget, str] | None:
        """The widget and action a key acts with here, in the order keys came; None: the
        Input's own handling (a letter)."""
        action = EDITING.get(key)
        return None if action is None else (self, action)

    async def _on_key(self, event: events.Key) -> None:
        if self.keyed_action(event.key) is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self._restart_blink()
        await self.play(event)

    async def play(self, key: events.Key) -> None:
        """`key` as this box takes it when typed, played later (a prompt keeps the keys
        typed before its box could take them)."""
        keyed = self.keyed_action(key.key)
        if keyed is not None:
            widget, action = keyed
            await widget.run_action(action)
        elif key.character is not None and key.character.isprintable():
            self.insert_text_at_cursor(key.character)


class OfferBox(TextBox):
    """A box over the offers for what is typed in it (its screen's OptionList): the arrows
    move in the offers, in the order the keys came with the letters ("p down enter" chooses
    the second offer, as when the list had the focus), and every other key is text.

    It never selects its text when it takes the focus: the keys typed while its prompt read
    the offers are played into it as the focus comes (`play`), and the focus, handled after,
    selected the first of them for the next to replace ("tless" read "ess")."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(select_on_focus=False, **kwargs)  # type: ignore[arg-type]

    def keyed_action(self, key: str) -> tuple[Widget, str] | None:
        if key in MOVES:
            return self.screen.query_one(OptionList), MOVES[key]
        return super().keyed_action(key)
