"""What a newcomer tripped over, each fixed and kept fixed."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from rich.text import Text
from textual import events
from textual._xterm_parser import XTermParser
from textual.widgets import DataTable, ProgressBar, Static, TabbedContent

from tests.support import (
    burst,
    hub_tmdb_frame,
    make_app,
    make_engine,
    screen_text,
    settle,
    write_dataset,
)
from tui_recsys.app.escape_keys import read_escape_then_key
from tui_recsys.app.labels import movie_links, movie_row, user_row
from tui_recsys.app.screens.help import HelpScreen
from tui_recsys.app.widgets.results import bar_scale, column_widths, score_bar
from tui_recsys.engine.catalog.entries import MovieEntry, UserEntry

LONG = "The Extraordinarily Long and Winding Title of a Film Nobody Can Remember Whole"


async def test_columns_size_to_the_terminal_and_cuts_end_with_an_ellipsis(tmp_path: Path):
    frame = hub_tmdb_frame()
    frame.loc[frame["id"] == 19995, "title"] = LONG
    app = make_app(write_dataset(tmp_path / "d", tmdb_frame=frame), tmp_path / "c")
    for width in (80, 170):
        async with app.run_test(size=(width, 40)) as pilot:
            await settle(pilot)
            table = app.query_one("#results", DataTable)
            title, why = (column.width for column in list(table.columns.values())[1::3])
            assert (title, why) == column_widths(app.main.results.size.width)
            cells = [table.get_row_at(0)[i] for i in (1, 4)]
            assert all(isinstance(cell, Text) for cell in cells)
            assert cells[0].plain.endswith("…") and len(cells[0].plain) == title
            assert cells[1].plain.endswith("…")  # the weighted-rating reason is long too
        app = make_app(write_dataset(tmp_path / "d", tmdb_frame=frame), tmp_path / "c")
    assert column_widths(170 - 56)[0] > 30  # wide terminals give the title the room


def test_a_users_row_names_them_and_counts_thousands_as_the_commands_do():
    friend = UserEntry(-2, 0, 2698, 3.5, [("Drama", 9)], [0] * 10, "sam")
    assert user_row(friend, 4) == ("sam   Drama", "2,698 rated")
    assert user_row(UserEntry(7, 42, 20, 3.5, [], [0] * 10), 4)[0].startswith("  42  ")
    wide = UserEntry(-3, 0, 1, 3.5, [("Drama", 1)], [0] * 10, "山田")  # two cells a letter
    assert user_row(wide, 6)[0] == "山田    Drama"


def test_years_line_up_whatever_the_catalogues():
    both = movie_row(MovieEntry(0, "The Godfather", 1972, 238, 858))[1]
    one = movie_row(MovieEntry(1, "Old Boy", 2003, None, 6711))[1]
    none = movie_row(MovieEntry(2, "Untitled", None, 5, None))[1]
    assert len(both) == len(one) == len(none)
    assert both.index("1972") == one.index("2003")


def test_a_film_s_pages_are_there_for_every_id_it_has(tiny: Path, cache_dir: Path):
    """The details linked TMDB 5000's page and MovieLens' only: none to IMDb, none to
    Letterboxd (where a movie lover logs it), and none to TMDB for a film TMDB 5000 lacks,
    though links.csv gives its id."""
    movies = make_engine(tiny, cache_dir).index().movies

    def pages(tmdb_id: int | None = None, ml_id: int | None = None) -> list[str]:
        entry = movies.by_tmdb(tmdb_id) if tmdb_id else movies.by_movielens(ml_id)
        return [f"{name} {url}" for name, url in movie_links(movies.details(entry.key))]

    assert pages(19995) == ["Letterboxd https://letterboxd.com/tmdb/19995/",
                            "IMDb https://www.imdb.com/title/tt0499549/",
                            "TMDB https://www.themoviedb.org/movie/19995",
                            "MovieLens https://movielens.org/movies/1"]
    assert pages(ml_id=6) == ["Letterboxd https://letterboxd.com/tmdb/194/",  # Amélie
                              "IMDb https://www.imdb.com/title/tt0211915/",
                              "TMDB https://www.themoviedb.org/movie/194",
                              "MovieLens https://movielens.org/movies/6"]
    assert pages(ml_id=7) == ["Letterboxd https://letterboxd.com/imdb/tt0000001/",
                              "IMDb https://www.imdb.com/title/tt0000001/",
                              "MovieLens https://movielens.org/movies/7"]
    assert pages(50357) == ["Letterboxd https://letterboxd.com/tmdb/50357/",  # TMDB's alone
                            "TMDB https://www.themoviedb.org/movie/50357"]


def test_score_bars_show_the_drop_from_the_first():
    assert score_bar(1.0) == "█████" and score_bar(0.0) == "     "
    assert score_bar(0.5).startswith("██▌")
    low, high = bar_scale([8.06, 7.9, 7.6])  # a tight chart: the last still shows half
    assert high == 8.06 and (7.6 - low) / (high - low) == 0.5
    assert bar_scale([0.5, 0.1]) == (0.0, 0.5)  # spread similarities start from zero


async def test_escape_and_a_key_at_once_is_escape_then_the_key(tiny: Path, cache_dir: Path):
    """`tmux send-keys Escape u`, or a slow SSH link: the terminal sends ESC u, which arrives
    as alt+u."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "/ava")
        app.post_message(events.Key("alt+u", "u"))
        await settle(pilot)
        assert app.main.pane("movies").box.value == "ava"
        assert app.query_one("#lists", TabbedContent).active == "users"
        burst(app, "/42")
        app.post_message(events.Key("alt+q", "q"))
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize(("typed", "keys"), [
    ("\x1b2", ["escape", "2"]),  # Textual alone: "™", the character Option-2 types on a Mac
    ("\x1b-", ["escape", "minus"]),  # alone: an en dash
    ("\x1b+", ["escape", "plus"]),  # alone: "+", the escape lost
    ("\x1bu", ["escape", "u"]),
    ("\x1bb", ["ctrl+left"]),  # Meta-b: a word back in a box, as in readline
    ("\x1b\x7f", ["ctrl+w"]),  # Meta-backspace: delete a word
    ("\x1b[A", ["up"]),
    ("£¡", ["pound_sign", "inverted_exclamation_mark"]),  # typed as they are: text
])
def test_the_terminal_s_escape_and_a_key_at_once_are_read_as_both(typed: str,
                                                                    keys: list[str]):
    read_escape_then_key()
    parser = XTermParser()
    read = list(parser.feed(typed))
    time.sleep(0.2)  # past Textual's wait for the rest of an escape sequence
    read += parser.tick()
    assert [event.key for event in read if isinstance(event, events.Key)] == keys


async def test_a_key_after_enter_in_one_burst_still_applies_to_the_pick(tiny: Path,
                                                                        cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r3")
        await settle(pilot)
        assert app.main.strategy.name == "cast"
        assert app.main.movie is not None and app.main.movie.title == "Avatar"
        assert app.main.results.items[0].title == "Clash of the Titans"


async def test_where_a_list_needs_a_pick_the_movie_keys_act_on_stays_on_screen(
        tiny: Path, cache_dir: Path):
    """"nolan" typed without p on the person strategy hid a film no one could see: the
    details had given its place to the hint "Pick a person". The results say what to pick;
    the details keep the current movie, which every movie key acts on and p offers the
    people of, without the reason the list that is gone gave it."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, hint in (("4", "Pick a user"), ("7", "Pick a person")):
            await pilot.press(key)
            await settle(pilot)
            message = str(app.query_one("#results-message", Static).render())
            details = str(app.query_one("#details-text", Static).render())
            assert message.startswith(hint)
            assert details.startswith("Avatar (2009)") and "Why:" not in details
            assert str(app.main.details.border_title).startswith("Current movie: Avatar")
        await pilot.press("n")
        await settle(pilot)
        assert any(n.message.startswith("Avatar (2009): not interested")
                   for n in app._notifications)


async def test_2_and_3_use_the_movie_on_screen(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main.results.items[0].title == "Avatar"  # the chart, Avatar highlighted
        await pilot.press("2")
        await settle(pilot)
        assert app.main.movie is not None and app.main.movie.title == "Avatar"
        assert app.main.results.items[0].title == "Apollo 18"


async def test_walk_from_film_to_film_and_back(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.select_movie(app.main.index.movies.by_tmdb(19995))
        await settle(pilot)
        app.query_one("#results", DataTable).focus()
        await pilot.press("enter")  # Apollo 18 becomes the movie
        await settle(pilot)
        assert app.main.movie.title == "Apollo 18"
        assert "Avatar" in [item.title for item in app.main.results.items]
        await pilot.press("3")
        await settle(pilot)
        assert (app.main.strategy.name, app.main.movie.title) == ("cast", "Apollo 18")
        await pilot.press("backspace")
        await settle(pilot)
        assert (app.main.strategy.name, app.main.movie.title) == ("story", "Apollo 18")
        await pilot.press("backspace")
        await settle(pilot)
        assert (app.main.strategy.name, app.main.movie.title) == ("story", "Avatar")
        assert app.main.results.items[0].title == "Apollo 18"
        await pilot.press("backspace", "backspace")  # to the chart, then nothing left
        await settle(pilot)
        assert app.main.strategy.name == "chart"
        assert any("Nothing to go back to" in n.message for n in app._notifications)


async def test_back_keeps_the_filters_the_bar_shows(tiny: Path, cache_dir: Path):
    """Filtered, then backspace: the list went back to before the filter while the bar still
    showed it (each letter typed in a box was a step back, too)."""
    from textual.widgets import Input

    from tests.support import burst
    from tui_recsys.engine.question import MovieFilter

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # story of the chart's first: the strategy to go back from
        await settle(pilot)
        years = app.main.query_one("#years", Input)
        app.main.set_focus(years)
        burst(app, "1990-1999\x1b")  # then escape, to the results
        await settle(pilot)
        assert app.main.query_now.movie_filter == MovieFilter(years=(1990, 1999))
        await pilot.press("backspace")
        await settle(pilot)
        assert app.main.strategy.name == "chart"  # one step back, past every letter typed
        assert app.main.query_now.movie_filter == MovieFilter(years=(1990, 1999))
        assert years.value == "1990-1999" and "1990-1999" in str(
            app.query_one("#results-title").render())


async def test_help_lines_wrap_within_their_column(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(app).splitlines()
        start = next(i for i, line in enumerate(lines) if "│ 2 " in line or " 2  " in line)
        wrapped = lines[start + 1]  # "Similar by story: cosine similarity of TF-IDF ..." wraps
        key_column = lines[start].index(" 2 ") + 1
        assert wrapped[key_column].isspace()  # the continuation is indented past the keys


async def test_no_match_says_what_to_do(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "/zzzqqq")
        await settle(pilot)
        count = str(app.main.pane("movies").query_one(".search-count", Static).render())
        assert count == "no movies match 'zzzqqq': try fewer letters, or escape"
        # Letters to no avail, or a link no film is read from, are said as such.
        for typed, said in (("!!!", "'!!!' holds no letter or digit to search by"),
                            ("https://boxd.it/2bmA", "'https://boxd.it/2bmA' is a short link")):
            app.main.pane("movies").box.value = ""
            burst(app, typed)
            await settle(pilot)
            count = str(app.main.pane("movies").query_one(".search-count", Static).render())
            assert count.startswith(said)
        # a typo lists the spellings nearest it, and enter takes the first
        app.main.pane("movies").box.value = ""
        burst(app, "forest gumq\r")
        await settle(pilot)
        count = str(app.main.pane("movies").query_one(".search-count", Static).render())
        assert count == "no movies match 'forest gumq'; the nearest spellings:"
        assert app.main.movie.title == "Forrest Gump"


async def test_loading_tensorflow_is_indeterminate_with_the_seconds(tiny: Path,
                                                                     cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main.results
        pane.show_progress("for-user: loading TensorFlow", None)
        await pilot.pause()
        assert app.query_one("#build-bar", ProgressBar).total is None

        def seconds() -> int:
            said = re.search(r"TensorFlow \((\d+) s\)$",
                             str(app.query_one("#build-status").render()))
            assert said is not None
            return int(said[1])

        # a second or more on a busy machine before the first look (CI saw "(1 s)")
        first = seconds()
        await pilot.pause(1.2)  # at least a second: the count moves on, however busy the machine
        assert seconds() >= first + 1
        pane.show_progress("training collaborative model, epoch 1/40", 0.025)
        await pilot.pause()
        assert app.query_one("#build-bar", ProgressBar).total == 100


async def test_a_user_is_pictured_and_a_trained_model_shows_its_curve(tiny: Path,
                                                                       cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.details.show_user(app.main.index.users.by_id(42), Path("friends"))
        await pilot.pause()
        text = str(app.query_one("#details-text", Static).render())
        assert "Stars given  " in text and "(½ to 5)" in text
        assert "Liked (4+ stars), by genre:" in text and "█" in text
        app.main.select_user(app.main.index.users.by_id(42))
        await settle(pilot)
        curve = str(app.query_one("#results-line", Static).render())
        assert curve.startswith("validation RMSE by epoch ") and "best 1.000 at epoch 1" in curve
        await pilot.press("1")
        await settle(pilot)
        line = str(app.query_one("#results-line", Static).render())
        assert "RMSE" not in line  # the chart has no training curve


async def test_a_phase_of_unknown_length_is_said_by_its_progress_not_its_words(
        tiny: Path, cache_dir: Path):
    """Any message without a fraction is indeterminate, whatever it says (the screen once
    searched the text for "loading TensorFlow"); one with a fraction is a bar."""
    from tui_recsys.app.screens.main_screen import MainScreen

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.query_one("#build-bar", ProgressBar)
        app.main.post_message(MainScreen.BuildProgress(None, "waiting for host-b:12345", None))
        await pilot.pause()
        assert bar.total is None
        app.main.post_message(MainScreen.BuildProgress(None, "loading TensorFlow, nearly", 0.5))
        await pilot.pause()
        assert bar.total == 100 and bar.progress == 50


def test_the_command_line_draws_a_phase_of_unknown_length(tmp_path: Path):
    import io

    from tui_recsys.cli.output import ProgressPrinter

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    ProgressPrinter(out)("for-user: loading TensorFlow", None)
    assert "   … for-user: loading TensorFlow" in out.getvalue()


def test_the_command_line_s_bar_keeps_to_one_row_of_the_terminal(monkeypatch):
    """At 80 columns each step of a long message wrapped, and was redrawn below the last."""
    import io
    import os

    from tui_recsys.cli import output

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            return 2

    monkeypatch.setattr(output.os, "get_terminal_size", lambda fd: os.terminal_size((40, 24)))
    out = Terminal()
    printer = output.ProgressPrinter(out)
    for epoch in range(1, 4):
        printer(f"training for-user model, epoch {epoch} of about 9 (validation loss)", 0.3)
    drawn = out.getvalue().split("\r\x1b[2K")[1:]
    assert len(drawn) == 3 and all(len(line) == 39 for line in drawn)
    assert drawn[0].startswith("[#######.................]  30% train")
