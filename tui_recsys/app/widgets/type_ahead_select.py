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
        if not self.expanded and event.is_printable:
            event.stop()
            event.prevent_default()
            self.expanded = True
            await self.query_one(SelectOverlay)._on_key(event)
