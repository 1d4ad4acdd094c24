"""The `k` screen: a quick start, rounds of eight movies to rate (`models.quick_start`), each
answered with one key: + like, - dislike, s stars, v seen, space skip, z undo; enter asks the
next round, adapted to the answers. Ratings and marks go to your files as the main screen's keys
put them there (it makes every change), so For you behind this screen follows each answer. Each
answer shows beside its movie, and the title counts your ratings, so no toast covers the round."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_recsys.app.crash import explain
from tui_recsys.app.labels import movie_label
from tui_recsys.app.screens.over_main import OverMain
from tui_recsys.app.screens.rate import Rating, ask_stars
from tui_recsys.app.typed_order import Answering, in_typed_order
from tui_recsys.data.marks_file import HIDDEN, NOT_SEEN, SEEN, WATCHLIST
from tui_recsys.engine.answer import QuickRound
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.catalog.entries import MovieEntry
from tui_recsys.engine.catalog.your_lists import RATED
from tui_recsys.engine.catalog.your_ratings import (
    hidden_keys,
    left_out,
    not_seen_ids,
    rated,
    seen_ids,
)
from tui_recsys.engine.models.quick_start import UNTIL
from tui_recsys.errors import RecsysError
from tui_recsys.text import plural

if TYPE_CHECKING:
    from tui_recsys.app.your_files import Change, YourFiles
    from tui_recsys.engine.catalog.index import CatalogIndex
    from tui_recsys.engine.engine import Engine


class Beneath(Protocol):
    """What the quick start needs of the screen under it (the main screen): the engine, the
    catalogue, your files, and the changes its keys make, so that every change is made and
    told in one place."""

    engine: Engine
    index: CatalogIndex | None
    yours: YourFiles

    def change_movie(self, changes: Sequence[Callable[[], Change]], *,
                     quiet: bool = False) -> bool: ...

    def undo(self, *, quiet: bool = False) -> bool: ...

# A mark's answer, as it shows beside its movie.
SHOWN = {SEEN: "seen", NOT_SEEN: "skipped", WATCHLIST: "watchlist", HIDDEN: "hidden"}
ANSWER_WIDTH = 1 + max(map(len, SHOWN.values()))  # a space, then the longest answer
HELP = ("+ like · - dislike · s stars · v seen · space skip · z undo · enter next round · "
        "escape close")


class QuickStartScreen(OverMain, ModalScreen[None], Answering):
    """Keys typed while a round is chosen (off the UI thread) answer its rows once it is
    shown (`Answering`): "k + + -" in one burst answers the first three."""

    # Space and enter act in the order keys came, as the app's one-key answers do
    # (`typed_order`): a priority binding, deferred until the keys before are in.
    BINDINGS = [Binding("escape", "dismiss(None)", "Close"),
                Binding("space", "skip", "Skip", priority=True),
                Binding("enter", "next", "Next round", priority=True)]
    DEFAULT_CSS = """
    QuickStartScreen { align: center middle; }
    QuickStartScreen > #quick { width: 72; max-width: 100%; height: auto; max-height: 100%;
                                padding: 0 1; border: thick $primary; background: $surface; }
    QuickStartScreen OptionList { height: auto; max-height: 10; }
    /* under 18 rows: the rows scroll, so that the keys' hint still shows */
    QuickStartScreen.-tiny OptionList { max-height: 6; }
    QuickStartScreen #quick-models { display: none; color: $text-muted; }
    """

    def __init__(self, main: Beneath) -> None:
        super().__init__()
        self.main = main
        self.round = 0
        self.movies: list[MovieEntry] = []
        # A row's answer: the list it put the movie on (RATED, or a mark's kind: SHOWN) and
        # what shows beside it.
        self.answers: dict[int, tuple[str, str]] = {}
        # MovieLens ids of every round so far: never asked again (nor what you skipped in
        # any quick start before, which your marks keep as not seen).
        self.asked: set[int] = set()
        self.rated = 0  # your ratings, as the title counts them
        # Each answer that changed your files: its row, the row's answer before, and its
        # change's undo in your files. z puts back the newest of them while it is your files'
        # next undo too, row and files alike.
        self.undoable: list[tuple[int, tuple[str, str] | None, object]] = []
        self.awaiting()  # the first round: keys typed before the screen is mounted wait too

    def compose(self) -> ComposeResult:
        with Vertical(id="quick"):
            yield Static("", id="quick-title", markup=False)
            yield OptionList()
            yield Static("", id="quick-models", markup=False)
            yield Static(Text(HELP, style="dim"))

    def on_mount(self) -> None:
        self.next_round()

    @property
    def options(self) -> OptionList:
        return self.query_one(OptionList)

    def _title(self, text: str) -> None:
        self.query_one("#quick-title", Static).update(text)

    def next_round(self) -> None:
        self.asked |= {entry.ml_id for entry in self.movies if entry.ml_id is not None}
        self._title("Choosing the next round…")
        self.options.clear_options()
        self.awaiting()
        self._load(frozenset(self.asked))

    action_next = in_typed_order(next_round)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self, asked: frozenset[int]) -> None:
        """The next round, at once. While For you's models are not built (the first time: a
        minute at ml-latest-small, twenty at ml-32m), it is the most rated movies, from the
        movie list, and the models are built next, their progress under the round, so that
        the rounds after adapt to the answers. The app is held from the start: a screen closed
        meanwhile no longer reaches it, and its build goes on, for For you."""
        app, engine = self.app, self.main.engine
        try:
            profile, marks = self.main.yours.profile(), self.main.yours.marks()
            ratings = list(profile.ratings.values())
            asking = engine.quick_start(ratings, left_out(profile, marks),
                                        asked | not_seen_ids(profile, marks),
                                        seen=seen_ids(marks), wait=False,
                                        hidden=hidden_keys(marks))
        except Exception as error:  # said; and the keys waiting for the round go on
            app.call_from_thread(self._if_open, self._failed, explain(error))
            return
        app.call_from_thread(self._if_open, self._show, asking, len(ratings))
        if not asking.models_missing:
            return

        def building(message: str, fraction: float | None) -> None:
            # The whole build's share before the step's words, which may hold their own
            # ("epoch 6 of about 8 (36%)"): two shares side by side read as one contradicting
            # the other.
            done = "" if fraction is None else f", {fraction:.0%} done"
            app.call_from_thread(self._if_open, self._models,
                                 f"Getting the models ready (the first time only{done}): "
                                 f"{message}. Until then a round is the most rated movies.")

        try:
            engine.prepare_quick_start(BuildContext(progress=building))
        except Exception as error:  # said under the round; the rounds go on without them
            app.call_from_thread(self._if_open, self._models,
                                 f"The models are not ready: {explain(error)}")
            return
        app.call_from_thread(self._if_open, self._models,
                             "The models are ready: the next round adapts to your answers.")

    def _models(self, text: str) -> None:
        models = self.query_one("#quick-models", Static)
        models.update(text)
        models.display = bool(text)

    def _if_open(self, show: Callable[..., None], *args: object) -> None:
        """`show`, unless this screen was closed meanwhile: a build it started goes on (its
        model is cached for For you), and what it reports lands nowhere."""
        if self.is_attached:
            show(*args)

    def _failed(self, said: str) -> None:
        self._title(said)
        self.answered()

    def on_unmount(self) -> None:
        self.answered()  # closed while a round was chosen: nothing waits for it any more

    def _show(self, asking: QuickRound, rated: int) -> None:
        assert self.main.index is not None
        movies = self.main.index.movies
        self.round += 1
        self.movies = [entry for item in asking.items if item.movielens_id is not None
                       and (entry := movies.by_movielens(item.movielens_id)) is not None]
        self.answers, self.rated = {}, rated
        self.undoable.clear()  # rows of a round gone: z undoes them as the main screen does
        if not asking.models_missing:
            self._models("")  # said once, under the round before
        if not self.movies:
            self._title(f"Nothing more to ask: every movie likely seen was asked "
                        f"({self._ready()}). Escape returns.")
        else:
            self._retitle()
            self.options.add_options([Option(self._prompt(row))
                                      for row in range(len(self.movies))])
            self.options.highlighted = 0
            self.set_focus(self.options)
        self.answered()

    def _ready(self) -> str:
        rated = self.rated
        return (f"you have {rated} ratings: For you knows you well now" if rated >= UNTIL
                else f"{plural(rated, 'rating')} so far; {UNTIL} make For you good")

    def _retitle(self) -> None:
        self._title(f"Quick start, round {self.round}: movies you have likely seen "
                    f"({self._ready()})")

    def _prompt(self, row: int) -> Table:
        """The movie, and its answer at the right edge, on one line at any width: a long
        title is cut short (…), never the answer."""
        line = Table.grid(expand=True, padding=(0, 0, 0, 1))
        line.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        line.add_column(width=ANSWER_WIDTH, no_wrap=True)
        _, shown = self.answers.get(row, ("", ""))
        line.add_row(Text(movie_label(self.movies[row])), Text(shown))
        return line

    def _row(self) -> int | None:
        row = self.options.highlighted
        return row if row is not None and row < len(self.movies) else None

    def _answer(self, row: int, answer: tuple[str, str],
                change: Callable[[], Change]) -> None:
        """`row` answered by `change` to your files, which replaces the row's answer before:
        a row holds one answer, the last key's, in your files as beside the movie (space
        after + takes the rating back, and the movie is skipped, not rated and skipped). One
        z undoes both. Shown, counted, and the cursor on the next row still to answer."""
        before, yours = self.answers.get(row), self.main.yours
        changes = [change]
        if before is not None and before[0] != answer[0]:
            entry = self.movies[row]
            changes.append(partial(yours.rate, entry, None) if before[0] == RATED else
                           partial(yours.mark, entry, before[0], False))
        undo = yours.next_undo
        if not self.main.change_movie(changes, quiet=True):
            return
        if yours.next_undo is not undo:  # the same answer again changed nothing: z undoes what did
            self.undoable.append((row, before, yours.next_undo))
        self._show_answer(row, answer)
        later = [r for r in range(row + 1, len(self.movies)) if r not in self.answers]
        if later:
            self.options.highlighted = later[0]
        self._recount()

    def _show_answer(self, row: int, answer: tuple[str, str] | None) -> None:
        if answer:
            self.answers[row] = answer
        else:
            self.answers.pop(row, None)
        self.options.replace_option_prompt_at_index(row, self._prompt(row))

    def files_changed(self) -> None:
        """Your files as another window or a command left them: the count, and each movie's
        answer as they hold it now, as if given here: "0 ratings so far" stayed over a round
        whose Pulp Fiction had been rated in the next pane."""
        try:
            profile, marks = self.main.yours.profile(), self.main.yours.marks()
        except RecsysError:
            return  # said by the lists behind
        for row, entry in enumerate(self.movies):
            stars = profile.find(entry.ml_id, entry.tmdb_id)
            kind = next((kind for kind in SHOWN if marks.find(kind, entry.ml_id, entry.tmdb_id)),
                        None)
            self._show_answer(row, _rated(stars.stars) if stars else kind and (kind, SHOWN[kind]))
        self._recount()

    def _recount(self) -> None:
        try:
            self.rated = len(self.main.yours.profile().ratings)
        except RecsysError:
            return  # the change itself said what is wrong with the file
        self._retitle()

    # The app's keys, on this screen: its bindings call these by their `screen.` names.

    def _rate(self, stars: float | None) -> None:
        row = self._row()
        if row is not None and stars is not None:
            self._rate_row(row, stars)

    action_rate = in_typed_order(_rate)

    def _rate_row(self, row: int, stars: float, on: int = 0) -> None:
        entry = self.movies[row]
        self._answer(row, _rated(stars),
                     partial(self.main.yours.set_rating, entry, rated(entry, stars, on)))

    def action_ask_stars(self) -> None:
        ask_stars(self, self._rating, self.app.key_hold)

    def _rating(self) -> Rating | None:
        """The row the keys before s reached."""
        row = self._row()
        if row is None:
            return None
        return Rating(movie_label(self.movies[row]), None, partial(self._rate_row, row),
                      partial(self._mark_row, row, SEEN))

    def _mark(self, kind: str) -> None:
        row = self._row()
        if row is not None:
            self._mark_row(row, kind)

    def _mark_row(self, row: int, kind: str, day: int = 0) -> None:
        self._answer(row, (kind, SHOWN[kind]),
                     partial(self.main.yours.set_mark, self.movies[row], kind, True, day))

    action_mark = in_typed_order(_mark)

    def _undo(self) -> None:
        """The newest answer that changed your files, put back in them and beside its movie,
        the cursor on it to answer again; z again, the one before. A change made before this
        screen (or in a round before this one) is undone as the main screen undoes it, and
        said."""
        if not self.undoable or self.undoable[-1][2] is not self.main.yours.next_undo:
            self.main.undo()
            return
        row, before, _ = self.undoable[-1]
        if self.main.undo(quiet=True):
            self.undoable.pop()
            self._show_answer(row, before)
            self.options.highlighted = row
            self._recount()

    action_undo = in_typed_order(_undo)

    def _skip(self) -> None:
        """Not seen: kept in your marks, so no quick start asks it again."""
        self._mark(NOT_SEEN)

    action_skip = in_typed_order(_skip)

    @on(OptionList.OptionSelected)
    def _enter(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.next_round()


def _rated(stars: float) -> tuple[str, str]:
    """A rating's answer, as it shows beside its movie."""
    return RATED, f"{stars:g}★"
