"""A text box whose edits happen in the order the keys came.

Textual's Input inserts a letter as its key arrives, but deletes with backspace through a
binding that runs only once the key has bubbled up to the app. In a burst of keys (a paste, a
slow SSH link, `tmux send-keys`), the letters after a backspace were inserted first, and the
backspace then deleted the last of them: "9", backspace, "4.5" read "94.". Here backspace is
applied where letters are.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TextBox(Input):
    async def _on_key(self, event: events.Key) -> None:
        if event.key == "backspace":
            event.stop()
            event.prevent_default()
            self._restart_blink()
            self.action_delete_left()
            return
        await super()._on_key(event)
