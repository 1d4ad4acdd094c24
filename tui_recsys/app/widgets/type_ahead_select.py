"""A drop-down that jumps as you type, open or closed, and keeps every typed key as text.

Textual's Select searches its options only once open; closed, a typed letter passed it by and
reached the app's keys ("s" asked to rate a movie). Here a letter typed on the closed list
opens it at the first option that holds what was typed ("sci": Science Fiction), and, as in a
text box, no key typed into it, open or closed, ever acts as a shortcut.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from tui_recsys.app.widgets.text_box import TEXT_KEYS


class TypeAheadSelect(Select[str]):
    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return key in TEXT_KEYS or super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        """Keys reach the list itself until its opened part takes the focus, which Textual
        moves later: until then each letter (and enter) is handed to it in order, so "dra"
        typed at once finds Drama, not the first D."""
        overlay = self.query_one(SelectOverlay)
        if overlay.has_focus or not (event.is_printable or (self.expanded
                                                            and event.key == "enter")):
            return
        event.stop()
        event.prevent_default()
        if event.key == "enter":
            overlay.action_select()
            return
        self.expanded = True
        await overlay._on_key(event)
