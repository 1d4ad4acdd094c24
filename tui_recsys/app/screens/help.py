"""The `?` screen: every key, and where the numbers come from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = (
    ("/", "focus the search box"),
    ("m / u", "the Movies / Users list"),
    ("1", "Top charts: IMDB weighted rating over TMDB 5000"),
    ("2", "Similar by story: TF-IDF of overviews"),
    ("3", "Similar by cast & crew: keywords, cast, director, genres"),
    ("4", "For this user: the collaborative model on MovieLens"),
    ("up / down, pgup / pgdn", "move in a list or in the results"),
    ("enter", "select the highlighted movie or user (walk from film to film)"),
    ("escape", "leave the search box; cancel a running build"),
    ("r", "rebuild the current strategy's model"),
    ("ctrl+p", "command palette (every action, and the theme)"),
    ("?", "this help"),
    ("q", "quit"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in KEYS)
        lines = [f"[b]{key.ljust(width)}[/b]  {what}" for key, what in KEYS]
        with VerticalScroll(id="help"):
            yield Static("[b]tui-recsys keys[/b]\n\n" + "\n".join(lines)
                         + "\n\nPress escape to close.", markup=True)
