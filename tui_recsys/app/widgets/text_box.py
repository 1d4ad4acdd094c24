"""A text box that keeps every typed key as text, and applies edits in the order keys came.

Textual leaves a binding out while a box has focus only when it can tell the binding's key is
a character, and for `minus`, `plus`, `slash`, `at`, `underscore` and `backslash` it cannot
(its reverse lookup asks Unicode for "MINUS", not "HYPHEN-MINUS"): typing `1990-1999` or
`spider-man` fired the app's `-` (dislike) binding. The box claims every key the terminal
driver names after a printable character, so no key typed into a box ever acts.

Textual's Input also inserts a letter as its key arrives, but deletes with backspace through a
binding that runs only once the key has bubbled up to the app. In a burst of keys (a paste, a
slow SSH link, `tmux send-keys`), the letters after a backspace were inserted first, and the
backspace then deleted the last of them: "9", backspace, "4.5" read "94.". Here backspace is
applied where letters are.
"""

from __future__ import annotations

import string

from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input

# Key names as the terminal driver gives them (`_character_to_key` is what it calls), for
# every printable ASCII character; other characters arrive with a name Textual can reverse.
TEXT_KEYS = frozenset(_character_to_key(c) for c in string.printable if c.isprintable())


class TextBox(Input):
    def check_consume_key(self, key: str, character: str | None) -> bool:
        return key in TEXT_KEYS or super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "backspace":
            event.stop()
            event.prevent_default()
            self._restart_blink()
            self.action_delete_left()
            return
        await super()._on_key(event)
