"""A drop-down that jumps as you type, open or closed, and keeps every typed key as text.

Textual's Select searches its options only once open; closed, a typed letter passed it by and
reached the app's keys ("s" asked to rate a movie). Here a letter typed on the closed list
opens it at the first option that holds what was typed ("sci": Science Fiction), and, as in a
text box, no key typed into it, open or closed, ever acts as a shortcut. The arrows and enter
typed at once ("down down enter" over SSH) open it, move and choose in the order typed: in
Textual's, the arrows opened it only once they had bubbled up to the app, after the keys
behind them had reached the closed list and done nothing. Left open by tab, it keeps the
option it jumped to, as a browser's drop-down does ("sci", tab, "90s": science fiction of the
nineties); it closed on what it had, and the genre typed was lost unsaid.
"""

from __future__ import annotations

from textual import events, on
from textual.binding import Binding
from textual.widgets import OptionList, Select
from textual.widgets._select import SelectOverlay

from tui_recsys.app.widgets.text_box import TEXT_KEYS

OPENS = frozenset({"down", "up", "enter"})  # as Select binds them (space: a letter here)
MOVES = {binding.key: binding.action for binding in OptionList.BINDINGS
         if isinstance(binding, Binding) and "," not in binding.key}


class TypeAheadSelect(Select[str]):
    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return key in TEXT_KEYS or super().check_consume_key(key, character)

    @on(SelectOverlay.Dismiss)
    def _left(self, event: SelectOverlay.Dismiss) -> None:
        """Left open (tab, a click elsewhere), the list keeps the option typing or the arrows
        found, as a browser's drop-down keeps it on tab; escape, which closes it first (its
        focus then goes back to the list, and leaves the part that was open), keeps what it
        had. Select's own handler closes it after."""
        overlay = self.query_one(SelectOverlay)
        if event.lost_focus and self.expanded and overlay.highlighted is not None:
            self.value = self._options[overlay.highlighted][1]  # as Select reads its choice

    async def _on_key(self, event: events.Key) -> None:
        """Keys reach the list itself until its opened part takes the focus, which Textual
        moves later: until then each is handed to it here, in order, so "dra" typed at once
        finds Drama, not the first D, and "down down enter" chooses the second option."""
        overlay = self.query_one(SelectOverlay)
        key = event.key
        if overlay.has_focus or not (event.is_printable or key in OPENS or (
                self.expanded and key in MOVES)):
            return
        event.stop()
        event.prevent_default()
        if not self.expanded and key in OPENS:
            self.action_show_overlay()
        elif key == "enter":
            overlay.action_select()
        elif key in MOVES:
            await overlay.run_action(MOVES[key])
        else:
            self.expanded = True
            await overlay._on_key(event)
