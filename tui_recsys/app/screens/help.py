"""The `?` screen: every key, and where the numbers come from."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_recsys.app.screens.over_main import OverMain
from tui_recsys.app.widgets.keys_footer import KeysFooter
from tui_recsys.app.widgets.steady_scroll import SteadyScroll
from tui_recsys.engine.strategies.strategy import Strategy

KEYS_BEFORE = (
    ("/", "focus the search box; a paste goes there too"),
    ("m / u", "the Movies / Users list"),
    ("y", "your lists in turn: Rated, Watchlist, Seen, Hidden; each searchable, and every "
          "movie key acts on its rows"),
    ("o", "sort your list: newest first, by title, most stars first; on a movie night, "
          "order it by least misery or by the average"),
    ("g", "movie night: the highlighted user (You and --friend FILEs too) joins or leaves "
          "(♥ in the Users list); key 8 lists films for all of them, with everyone's stars"),
)
KEYS_AFTER = (
    ("up / down, pgup / pgdn", "move in a list or in the results"),
    ("right / left", "from the lists into the results, and back"),
    ("enter", "select the highlighted movie or user (walk from film to film); a strategy's "
              "key acts on the one highlighted too"),
    ("backspace", "back to the previous movie, user or strategy, the filters kept as they "
                  "are (in a box: delete)"),
    ("escape", "leave the search box (for its list) or a filter (for the results); cancel "
               "a running build"),
    ("r", "rebuild the current strategy's model (the old one answers meanwhile)"),
    ("s", "rate the current movie (named atop the details), 0.5 to 5 stars; seen before "
          "today: the day after them, 4 yesterday, 4 friday, 4 last friday; seen, without "
          "stars: seen friday (v: today)"),
    ("+ / - / x", "like it (4.5 stars) / dislike it (1.5) / remove your rating"),
    ("w / v / n", "the current movie on your watchlist (◆ in the results) / seen (For you "
                  "counts it as a choice) / not interested (again: off); what you rated, saw "
                  "or hid is left out of every list but a user's"),
    ("i", "show what you rated, saw or hid again, marked ✓ rated or seen, ✕ hidden (i again: "
          "leave it out)"),
    ("W", "the list from your watchlist alone, best first: For you's, a chart's; a movie "
          "night's from everyone's watchlist there (W again: from every movie)"),
    ("k", "quick start: rounds of eight movies you have likely seen, to rate with one key "
          "each (+ - s, v seen, space not seen: never asked again, z undo; enter: the "
          "next round, adapted to your answers); your first, from the chart, closes on For "
          "you"),
    ("d", "discovery: 0 (the model's order), 0.25, 0.5, 0.75, 1 (less known, more varied "
          "picks, none predicted below 3 stars, each saying what it adds); the next start "
          "opens at the one chosen"),
    ("t", "tune the list: more of, or less of, a genre or keyword its movies carry (the ones "
          "that vary most among them, or type a word: \"space\" finds \"outer space\" too); "
          "each moved pick says what moved it"),
    ("f", "the current movie's details whole (the overview, the cast, links), or a "
          "user's; up / down scroll, escape or f closes, a movie key (s + - x w v n p z, "
          "1 to 8) closes and acts on the movie; enter picks what they show, g brings a user "
          "to movie night"),
    ("p", "a person's films (key 7): type a name, or choose the current movie's director "
          "or cast"),
    ("e", "export the results, or in one of your lists (y) that list whole (your ratings, "
          "for Letterboxd's importer): our CSV and Letterboxd's, beside your profile"),
    ("z", "undo your last rating or mark change; z again, the one before (up to 100)"),
    ("enter on You", "your own picks (You lead the Users list): For you; on a --friend "
                     "FILE, theirs"),
    ("tab", "to the filters above the results, for every strategy: a genre (type \"sci\" "
            "to jump to Science Fiction), years (1990-1999, 1990-, 1994, 1990s, 90s, before "
            "1980), minutes (90-120, -100, under 100, 1h30-2h), original language (fr, fra or "
            "french) and least TMDB votes (100, 1k)"),
    ("c", "clear the filters: every genre, year, length, language and vote count again"),
    ("ctrl+p", "command palette (every action; Import, your Letterboxd export or a CSV; "
               "Add a friend, their export kept for every start; and the theme, which the "
               "next start opens in)"),
    ("?", "this help"),
    ("q", "quit (ctrl+c too)"),
    ("ctrl+z", "to the shell, stopped, as any program there; fg brings it back"),
)


def keys_table(strategies: Sequence[Strategy]) -> Table:
    """Keys on the left, what they do on the right; a long line wraps within its column."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    # The widest key ("up / down, pgup / pgdn") wraps: kept whole, it took a third of 60
    # columns from every row's description.
    table.add_column(style="bold", max_width=12)
    table.add_column(ratio=1)
    rows = [*KEYS_BEFORE,
            *((s.key, f"{s.name}: {s.summary}") for s in strategies),
            *KEYS_AFTER]
    for key, what in rows:
        table.add_row(Text(key), Text(what))
    return table


class HelpScreen(OverMain, ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help { width: 76; max-width: 95%; height: auto; max-height: 90%;
                         padding: 1 2; border: thick $primary; background: $surface; }
    """

    def __init__(self, strategies: Sequence[Strategy]) -> None:
        super().__init__()
        self.strategies = strategies

    def compose(self) -> ComposeResult:
        with SteadyScroll(id="help"):
            yield Static(Text.assemble(("tui-recsys keys", "bold"),
                                       ("  ·  escape, q or ? closes this", "dim")))
            yield Static(keys_table(self.strategies))
        yield KeysFooter()
