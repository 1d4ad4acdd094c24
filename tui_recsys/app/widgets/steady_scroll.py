"""A scroll whose every key moves it, however fast the keys come.

Textual's scroll by a key animates toward a target it records only after the next refresh, so
each key of a burst (a held arrow, or keys queued over SSH) read the same target: ten downs
moved the help three lines. Here each key moves from where the last one was going, at once."""

from __future__ import annotations

from textual.actions import SkipAction
from textual.containers import VerticalScroll


class SteadyScroll(VerticalScroll):
    def _by(self, lines: float) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction
        self.scroll_to(y=self.scroll_target_y + lines, animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self._by(1)

    def action_scroll_up(self) -> None:
        self._by(-1)

    def action_page_down(self) -> None:
        self._by(self.scrollable_content_region.height)

    def action_page_up(self) -> None:
        self._by(-self.scrollable_content_region.height)
