"""A list that draws only the rows on screen.

Textual's OptionList and ListView build a widget or an option per row, which takes seconds at
10k rows; this one keeps an array of keys and renders each visible line on demand (the Line
API), so 10k or 1M rows cost the same per frame.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Label = Callable[[int], tuple[str, str]]
"""A row's key to (text on the left, dim text on the right)."""


class VirtualList(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES = {"virtual-list--cursor", "virtual-list--right"}
    DEFAULT_CSS = """
    VirtualList { height: 1fr; overflow-x: hidden; scrollbar-size-vertical: 1;
                  scrollbar-gutter: stable; scrollbar-background: $surface-lighten-1; }
    VirtualList > .virtual-list--cursor { background: $surface-lighten-2; }
    VirtualList:focus > .virtual-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    VirtualList > .virtual-list--right { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        def __init__(self, source: VirtualList, key: int) -> None:
            super().__init__()
            self.source, self.key = source, key

    class Selected(Message):
        def __init__(self, source: VirtualList, key: int) -> None:
            super().__init__()
            self.source, self.key = source, key

    def __init__(self, label: Label, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = label
        self.keys = np.empty(0, dtype=np.int64)

    def set_rows(self, keys: np.ndarray, *, announce: bool, at: int = 0) -> None:
        """Show these keys, the cursor on row `at` (or the last); with `announce`, say which
        row the cursor is on now (as a move does), else leave that to the next move."""
        self.keys = keys
        self.virtual_size = Size(self.size.width, len(keys))
        cursor = self._clamp(at)
        self.set_reactive(VirtualList.cursor, cursor)
        if cursor:
            self.scroll_to_region(Region(0, cursor, 1, 1), animate=False, immediate=True)
        else:
            self.scroll_to(y=0, animate=False)
        self.refresh()
        if announce and len(keys):
            self.post_message(self.Highlighted(self, int(keys[cursor])))

    @property
    def current(self) -> int | None:
        return int(self.keys[self.cursor]) if len(self.keys) else None

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.keys):
            return Strip.blank(width, base)
        left, right = self._label(int(self.keys[index]))
        style = base + self.get_component_rich_style("virtual-list--cursor") if (
            index == self.cursor) else base
        right_style = style + Style(dim=True) if index == self.cursor else (
            base + self.get_component_rich_style("virtual-list--right"))
        # Measured in cells, not characters: a name in Japanese takes two a letter.
        inner = width - 1  # a blank column between the text and the scrollbar
        room = max(0, inner - cell_len(right) - 2)
        if cell_len(left) > room:
            left = set_cell_size(left, max(0, room - 1)) + "…"
        gap = " " * max(1, inner - cell_len(left) - cell_len(right) - 1)
        segments = [Segment(f" {left}", style), Segment(gap, style), Segment(right, right_style),
                    Segment(" ", style)]
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, style)

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)
        self.refresh()
        if len(self.keys):
            self.post_message(self.Highlighted(self, int(self.keys[new])))

    def _clamp(self, index: int) -> int:
        return min(max(index, 0), max(len(self.keys) - 1, 0))

    def action_move(self, delta: int) -> None:
        self.cursor = self._clamp(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.cursor = self._clamp(self.cursor + direction * max(1, self.size.height - 1))

    def action_jump(self, index: int) -> None:
        self.cursor = self._clamp(index if index >= 0 else len(self.keys) - 1)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.keys):
            self.cursor = index
            self.action_select()

    def on_focus(self) -> None:
        if self.current is not None:
            self.post_message(self.Highlighted(self, self.current))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.keys))
