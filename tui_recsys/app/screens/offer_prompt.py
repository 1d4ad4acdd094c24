"""A prompt of a text box with offers under it (whose films, what to tune the list by): the
box keeps every key typed, the offers follow it, and under 24 rows, and again under 18, the
offers shrink so that the hint under them still shows."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

from tui_recsys.app.screens.over_main import OverMain

Answer = TypeVar("Answer")

FRAME = "offer-prompt"  # the id of the Vertical a prompt composes its box and offers in


class OfferPrompt(OverMain, ModalScreen[Answer]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    OfferPrompt { align: center middle; }
    OfferPrompt > #offer-prompt { width: 60; max-width: 95%; height: auto; max-height: 90%;
                                  padding: 1 2; border: thick $primary; background: $surface; }
    OfferPrompt OptionList { height: auto; max-height: 12; }
    OfferPrompt.-short OptionList { max-height: 9; }
    OfferPrompt.-tiny OptionList { max-height: 5; }
    OfferPrompt.-tiny > #offer-prompt { padding: 0 2; }
    """
