"""A search box over a VirtualList: one for movies, one for users."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui_recsys.app.widgets.virtual_list import Label, VirtualList

Search = Callable[[str], np.ndarray]


class SearchPane(Vertical):
    """Filters as you type, off the UI thread; only the newest query's answer is shown.

    Enter picks the first match of what was typed, even when it is pressed before that search
    has answered (a fast typist, or a list still loading): the pick waits for the answer.
    """

    def __init__(self, placeholder: str, noun: str, *, id: str) -> None:
        super().__init__(id=id)
        self._placeholder = placeholder
        self._noun = noun
        self._search: Search | None = None
        self._label: Label | None = None
        self._total = 0
        self._shown: str | None = None  # the query whose matches the list shows
        self._pick_when_shown = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self._placeholder, classes="search-box", compact=True)
        yield Static("loading…", classes="search-count")
        yield VirtualList(self._label_placeholder)

    @staticmethod
    def _label_placeholder(key: int) -> tuple[str, str]:
        return str(key), ""

    @property
    def list(self) -> VirtualList:
        return self.query_one(VirtualList)

    @property
    def box(self) -> Input:
        return self.query_one(Input)

    def configure(self, search: Search, label: Label, total: int) -> None:
        self._search, self._label, self._total = search, label, total
        if self.box.value:
            self.run_search(self.box.value)
        else:  # every row, in order: nothing to compute, so no worker round trip
            self._show("", np.arange(total))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._pick_when_shown = False
        if self._search is not None:
            self.run_search(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.set_focus(self.list)  # at once: see RecsysApp on focus and bursts of keys
        if self._shown == self.box.value:
            self._pick()
        else:
            self._pick_when_shown = True

    def _pick(self) -> None:
        self._pick_when_shown = False
        # Posted from the list's own message loop: a message created here would name this pane
        # as its sender, and Textual stops such a message from bubbling past its sender.
        self.list.call_later(self.list.action_select)

    def key_down(self) -> None:
        if self.box.has_focus:
            self.screen.set_focus(self.list)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        assert self._search is not None
        keys = self._search(query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, keys)

    def _show(self, query: str, keys: np.ndarray) -> None:
        if query != self.box.value:
            return
        count = f"{len(keys):,} of {self._total:,} {self._noun}" if query else (
            f"{self._total:,} {self._noun}")
        self.query_one(".search-count", Static).update(count)
        self.list.set_rows(keys, self._label)
        self._shown = query
        if self._pick_when_shown:
            self._pick()
