"""The footer of keys, rebuilt only when the keys it shows change.

Textual's footer builds a widget per key, each styled, and builds them all again whenever the
focused widget changes, because the focused widget's bindings are among those it reads. Moving
between the lists and the results (left, right) changes none of the keys shown, and
that rebuild was half of what such a move cost (20 moves on the test data at 80x24: 6.8 s of
CPU, 3.6 s without it)."""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class KeysFooter(Footer):
    _shown: tuple[Hashable, ...] | None = None

    async def recompose(self) -> None:
        if self.is_attached:  # else Textual's skips it (a screen closed before it ran)
            shown = self._keys_shown()
            if shown == self._shown:
                return
            self._shown = shown
        await super().recompose()

    def _keys_shown(self) -> tuple[Hashable, ...]:
        """What the footer's compose reads: each key shown (the palette's too) and whether
        it is enabled, with its tooltip, and the footer's own two settings."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return (self.compact, self.show_command_palette,
                *((binding, enabled, tooltip)
                  for _, binding, enabled, tooltip in self.screen.active_bindings.values()
                  if binding.show or binding.key == palette))
