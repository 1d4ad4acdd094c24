"""One subject for every movie key: the current movie, named atop the details pane. Your rating
of it shows there, each change says which movie changed, and z undoes the last one."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual import events
from textual.widgets import DataTable, Input

from tests.support import (
    CHARTED,
    burst,
    find,
    hub_tmdb_frame,
    make_app,
    notes_said,
    on_movie,
    screen_text,
    settle,
    write_dataset,
)
from tui_recsys.app.screens.full_details import FullDetails
from tui_recsys.app.screens.rate import RatePrompt
from tui_recsys.data.marks_file import SEEN, WATCHLIST, load_marks
from tui_recsys.data.profile_file import load_profile
from tui_recsys.paths import marks_path, profile_path


def _heading(app) -> str:
    """The details pane's heading, without the hint to `f` its border adds."""
    heading = app.main.details.heading
    return "" if heading is None else heading.plain


def _details(app) -> str:
    return str(app.query_one("#details-text").render())


def _stars() -> dict[str, float]:
    return {r.title: r.stars for r in load_profile(profile_path()).ratings.values()}


async def test_the_current_movie_is_named_and_a_filled_list_does_not_move_it(tiny: Path,
                                                                            cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "matrix")
        assert _heading(app) == "Current movie: The Matrix (1999)"
        await pilot.press("1")  # the chart fills, with Shawshank on its first row
        await settle(pilot)
        assert app.main.results.items and app.main.results.items[0].title != "The Matrix"
        assert _heading(app) == "Current movie: The Matrix (1999)"
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, RatePrompt) and app.screen.rating.title == "The Matrix (1999)"
        await pilot.press("escape", "2")  # a movie key: story of the current movie
        await settle(pilot)
        assert (app.main.strategy.name, app.main.movie.title) == ("story", "The Matrix")
        app.query_one("#results", DataTable).focus()  # into the results: its row is current
        await settle(pilot)
        first = app.main.results.items[0].title
        assert _heading(app).startswith(f"Current movie: {first}")
        await pilot.press("plus")
        await settle(pilot)
        assert _stars() == {first: 4.5}
        await pilot.press("5")
        await settle(pilot)
        assert app.main.movie.title == first


async def test_a_day_after_the_stars_is_the_day_you_saw_it(tiny: Path, cache_dir: Path):
    """Seen on Friday and rated in the app on Sunday, a film was Sunday's in Letterboxd's diary
    (the day your ratings are exported with): the prompt took stars alone."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await on_movie(pilot, "matrix", "s")
        burst(app, "4 2999-01-01\r")  # a day to come: said, and the prompt stays open
        await settle(pilot)
        assert isinstance(app.screen, RatePrompt) and "is after today" in screen_text(app)
        burst(app, "\x7f" * 10 + "2026-11-27\r")
        await settle(pilot)
        assert app.screen is app.main and "The Matrix (1999): 4 stars, seen on 2026-11-27" in (
            notes_said(app)[-1])
        assert "You rated it 4 stars, on 2026-11-27" in _details(app)
        await pilot.press("s")
        await settle(pilot)
        burst(app, "4 yesterday\r")  # the same stars, another day: a change too
        await settle(pilot)
        yesterday = (date.today() - timedelta(days=1)).isoformat()
        assert [r.rated_on for r in load_profile(profile_path()).ratings.values()] == [yesterday]
        await pilot.press("s")
        await settle(pilot)
        burst(app, "4 1/2 3 days ago\r")  # a day of several words, after stars of two
        await settle(pilot)
        assert [(r.stars, r.rated_on) for r in load_profile(profile_path()).ratings.values()
                ] == [(4.5, (date.today() - timedelta(days=3)).isoformat())]
        await pilot.press("z")
        await settle(pilot)
        await pilot.press("z")  # undone: the day before comes back with the stars
        await settle(pilot)
        assert [r.rated_on for r in load_profile(profile_path()).ratings.values()] == [
            "2026-11-27"]


async def test_seen_without_stars_on_a_day_is_typed_in_the_rate_prompt(tiny: Path,
                                                                        cache_dir: Path):
    """`v` marks a film seen today, and the app had no way to say it was Friday (the command
    line has `seen --on`): Letterboxd's diary logged it on the day it was marked. The prompt
    takes "seen friday" (or "v friday"), off the watchlist as `v` takes it, no stars given; a
    day given again moves it, and z puts back the day before."""
    def seen_on() -> list[str]:
        return [mark.marked_on for mark in load_marks(marks_path()).of(SEEN)]

    def ago(days: int) -> str:
        return (date.today() - timedelta(days=days)).isoformat()

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await on_movie(pilot, "matrix", "w", "s")
        burst(app, "seen frday\r")  # not a day: said, and the prompt stays open
        await settle(pilot)
        assert isinstance(app.screen, RatePrompt) and "'frday' is not a day" in screen_text(app)
        burst(app, "\x7f" * 5 + "3 days ago\r")
        await settle(pilot)
        assert app.screen is app.main and seen_on() == [ago(3)]
        assert not load_marks(marks_path()).of(WATCHLIST) and not profile_path().exists()
        assert f"The Matrix (1999): seen on {ago(3)}" in "".join(notes_said(app)[-1:])
        await pilot.press("s")
        await settle(pilot)
        burst(app, "V yesterday\r")  # seen again since
        await settle(pilot)
        assert seen_on() == [ago(1)]
        await pilot.press("z")
        await settle(pilot)
        assert seen_on() == [ago(3)]


async def test_a_user_in_the_details_leaves_no_movie_for_the_keys(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await on_movie(pilot, "avatar", "u", "down")
        assert _heading(app).startswith("MovieLens user")
        await pilot.press("plus", "minus", "x")
        await settle(pilot)
        assert not profile_path().exists()
        assert "Highlight a movie first: in a list or in the results." in notes_said(app)


async def test_enter_in_a_users_details_whole_gives_their_picks(tiny: Path, cache_dir: Path):
    """They end "Press enter for this user's top picks", and enter did nothing there."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "f")
        await settle(pilot)
        assert isinstance(app.screen, FullDetails)
        user = app.main.shown_user
        assert user is not None and "Press enter for this user's top picks." in screen_text(app)
        await pilot.press("g")  # a friend's say "g to bring them to movie night"
        await settle(pilot)
        assert app.screen is app.main and app.main.query_now.group == (user,)
        await pilot.press("f", "enter")
        await settle(pilot)
        assert app.screen is app.main and app.main.strategy.name == "for-user"
        assert app.main.user is user


async def test_each_change_names_its_movie_shows_your_stars_and_z_undoes_it(tiny: Path,
                                                                         cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await find(pilot, "avatar")
        await pilot.press("s", *"4", "enter")
        await settle(pilot)
        assert notes_said(app)[-1] == "Avatar (2009): 4 stars (1 rating) · z undoes"
        assert "You rated it 4 stars, on 20" in _details(app)
        await pilot.press("plus")
        await settle(pilot)
        assert _stars() == {"Avatar": 4.5} and "You rated it 4.5 stars" in _details(app)
        assert notes_said(app) == ["Avatar (2009): 4.5 stars (1 rating) · z undoes"]  # alone
        await pilot.press("z")
        await settle(pilot)
        assert _stars() == {"Avatar": 4.0}
        assert notes_said(app)[-1].startswith("Undone: Avatar (2009)")
        await pilot.press("x", "z")  # removed, then put back
        await settle(pilot)
        assert _stars() == {"Avatar": 4.0}
        await pilot.press("z")  # an undo is not itself undone: the first rating is, next
        await settle(pilot)
        assert _stars() == {}
        assert notes_said(app)[-1] == "Undone: Avatar (2009): not rated (0 ratings)"
        await pilot.press("z")
        await settle(pilot)
        assert notes_said(app)[-2:] == ["Undone: Avatar (2009): not rated (0 ratings)",
                                        "Nothing to undo."]  # a note of another kind stays


async def test_movie_keys_work_on_your_ratings(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for title in ("matrix", "avatar"):
            await find(pilot, title)
            await pilot.press("plus")
            await settle(pilot)
        await pilot.press("y")  # your lists, Rated first
        await settle(pilot)
        rated = app.main.pane("rated")
        assert [rated.table.entry(k).title for k in rated.list.keys] == ["Avatar", "The Matrix"]
        await pilot.press("down", "x")  # The Matrix, the second row
        await settle(pilot)
        assert _stars() == {"Avatar": 4.5}
        assert [rated.table.entry(k).title for k in rated.list.keys] == ["Avatar"]


async def test_a_rating_made_on_the_command_line_shows_in_the_running_app(tiny: Path,
                                                                         cache_dir: Path,
                                                                         capsys):
    from tui_recsys.cli.main import main

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await find(pilot, "matrix")
        assert "You rated it" not in _details(app)
        assert main(["rate", "The Matrix", "4", "--data", str(tiny)]) == 0  # meanwhile
        await find(pilot, "avatar")
        await find(pilot, "matrix")
        assert "You rated it 4 stars" in _details(app)


async def test_z_leaves_a_rating_changed_on_the_command_line_since_and_shows_it(
        tiny: Path, cache_dir: Path, capsys):
    """Rated 4 here, then 2 by `tui-recsys rate` in another terminal: z removed the rating,
    the command's with it, and the details still said 4."""
    from tui_recsys.cli.main import main

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await on_movie(pilot, "matrix", "plus")
        assert main(["rate", "The Matrix", "2", "--data", str(tiny)]) == 0  # meanwhile
        await pilot.press("z")
        await settle(pilot)
        app.main.watch_files()  # as the watch does, a moment later: the change is said already
        await settle(pilot)
        assert _stars() == {"The Matrix": 2.0}
        assert notes_said(app)[-1] == ("The Matrix (1999): now 2 stars, changed since in another "
                                  "window or by a command; z leaves it so.")
        assert "You rated it 2 stars" in _details(app)
        await pilot.press("z")
        await settle(pilot)
        assert notes_said(app)[-1] == "Nothing to undo." and _stars() == {"The Matrix": 2.0}


async def test_the_reason_shown_is_the_list_on_screen_s_or_none(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")  # the chart: its first row becomes current, with its reason
        await settle(pilot)
        chart_reason = app.main.results.items[0].reason
        assert f"Why: {chart_reason}" in _details(app)
        await pilot.press("2")  # movies like it by story: it is not among them
        await settle(pilot)
        assert app.main.results.items and "Why:" not in _details(app)
        await pilot.press("1")  # the chart again, and its reason with it
        await settle(pilot)
        assert f"Why: {chart_reason}" in _details(app)


async def test_4_lists_the_picks_of_the_user_in_the_details(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "down")  # past You, to the second MovieLens user
        await settle(pilot)
        shown = app.main.shown_user
        assert shown is not None and _heading(app) == f"MovieLens user {shown.user_id}"
        await pilot.press("4")  # as a movie key acts on the current movie, without enter
        await settle(pilot)
        assert app.main.strategy.name == "for-user" and app.main.user == shown
        assert app.main.results.items
        await find(pilot, "matrix")  # a movie in the details: 4 keeps the user it had
        await pilot.press("1", "4")
        await settle(pilot)
        assert app.main.user == shown and app.main.shown_user is None


async def test_right_moves_from_the_list_into_the_results_and_left_back(tiny: Path,
                                                                       cache_dir: Path):
    """No key led to the results but tab, past five filter boxes."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1", "down", "right")
        await settle(pilot)
        results = app.query_one("#results", DataTable)
        assert app.focused is results
        first = app.main.results.items[0].title
        assert _heading(app).startswith(f"Current movie: {first}")
        await pilot.press("down", "left", "down")
        await settle(pilot)
        assert app.focused is app.main.pane("movies").list
        assert app.main.pane("movies").list.cursor == 2
        await pilot.press("slash", "right")  # in the search box, right moves the caret
        assert app.focused is app.main.pane("movies").box


async def test_right_and_down_typed_at_once_move_in_the_results(tiny: Path, cache_dir: Path):
    """As over SSH: the focus moves at once, so the key after right is the results'."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r")
        await settle(pilot)
        results = app.query_one("#results", DataTable)
        assert app.main.strategy.name == "story" and results.row_count >= 2
        app.main.set_focus(app.main.pane("movies").list)
        for key in ("right", "down"):
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert app.focused is results and results.cursor_row == 1
        assert _heading(app).startswith(f"Current movie: {app.main.results.items[1].title}")


async def test_right_says_so_when_there_are_no_results_to_move_into(tiny: Path,
                                                                   cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("8")  # movie night with nobody marked: a hint, no table
        await settle(pilot)
        movies = app.main.pane("movies").list
        assert app.focused is movies
        await pilot.press("right")
        assert app.focused is movies and "No results to move into yet." in notes_said(app)


async def test_f_shows_the_details_whole_where_the_pane_has_three_lines(tiny: Path,
                                                                       cache_dir: Path):
    """At 80x24 the pane shows three lines and takes no focus: with a watchlist mark and a
    reason, the genres, the director, the cast, the overview and the links were out of reach
    by keyboard."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await on_movie(pilot, "avatar", "w")
        assert "Current movie: Avatar (2009)  f: more" in screen_text(app)
        assert "Director: James Cameron" not in screen_text(app)  # below the pane's lines
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FullDetails)
        shown = screen_text(app)
        assert "Director: James Cameron" in shown and "moon Pandora" in shown
        assert app.screen.heading is not None
        assert app.screen.heading.plain == "Current movie: Avatar (2009)"
        await pilot.press("f")  # f, q or escape closes it
        await settle(pilot)
        assert app.screen is app.main
        burst(app, "/f")  # in a box, f is a letter
        await settle(pilot)
        assert app.screen is app.main and app.main.pane("movies").box.value == "f"


async def test_a_movie_key_in_the_details_whole_closes_them_and_acts_on_the_movie(
        tiny: Path, cache_dir: Path):
    """What they show invites it ("and 10 more (p)"), and the movie keys did nothing there."""
    from tui_recsys.data.marks_file import WATCHLIST, load_marks
    from tui_recsys.paths import marks_path

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "avatar")
        await pilot.press("f", "w")
        await settle(pilot)
        assert app.screen is app.main
        assert [m.title for m in load_marks(marks_path()).of(WATCHLIST)] == ["Avatar"]
        await pilot.press("f", "plus")
        await settle(pilot)
        assert app.screen is app.main and _stars() == {"Avatar": 4.5}
        await pilot.press("f", "2")
        await settle(pilot)
        assert (app.main.strategy.name, app.main.movie.title) == ("story", "Avatar")
        await pilot.press("f", "enter")  # as enter on it in its list: walk to it
        await settle(pilot)
        assert app.screen is app.main and app.main.movie.title == "Avatar"
        await pilot.press("f", "m")  # not a movie key: the details stay
        await settle(pilot)
        assert isinstance(app.screen, FullDetails)


async def test_a_key_in_the_results_keeps_the_cursor_where_it_acted(tmp_path: Path,
                                                                     cache_dir: Path):
    """The chart drawn again after w put the cursor back on its first row while the marked
    movie stayed current: down then landed on that movie again, and v marked it seen, not
    the next. A movie rated, seen or hidden there vanished and the cursor went to the top."""
    app = make_app(write_dataset(tmp_path / "data", tmdb_frame=hub_tmdb_frame(CHARTED)),
                   cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1", "right")
        await settle(pilot)
        chart = [item.title for item in app.main.results.items]
        table = app.main.query_one("#results", DataTable)

        def rows() -> list[tuple[str, str]]:
            return [(item.title, item.yours) for item in app.main.results.items]

        await pilot.press("down", "w", "down", "v")  # the second on the watchlist, the third seen
        await settle(pilot)
        marks = load_marks(marks_path())
        assert [m.title for m in marks.of(WATCHLIST)] == [chart[1]]
        assert [m.title for m in marks.of(SEEN)] == [chart[2]]
        # the seen one keeps its row, marked, under the cursor, and is still what keys act on
        assert rows() == [(chart[0], ""), (chart[1], ""), (chart[2], "seen"), (chart[3], "")]
        assert table.cursor_row == 2 and f"✓ {chart[2]}" in screen_text(app)
        assert _heading(app).startswith(f"Current movie: {chart[2]}")
        await pilot.press("z", "z", "up", "up")  # undone: back, unmarked, in place
        await settle(pilot)
        assert rows() == [(title, "") for title in chart] and table.cursor_row == 0
        await pilot.press("plus", "down", "n")  # the first rated, then the second hidden: the
        await settle(pilot)  # first leaves the list, and the third is still the next down
        assert _stars() == {chart[0]: 4.5}
        assert rows() == [(chart[1], "not interested"), (chart[2], ""), (chart[3], "")]
        await pilot.press("down", "plus")
        await settle(pilot)
        assert _stars() == {chart[0]: 4.5, chart[2]: 4.5}
        assert rows() == [(chart[2], "rated 4.5"), (chart[3], "")] and table.cursor_row == 0
        await pilot.press("down", "w", "W", "w")  # from the list drawn from the watchlist
        await settle(pilot)
        assert rows() == [(chart[3], "")] and not load_marks(marks_path()).of(WATCHLIST)
        assert app.main.results.items[0].reason.startswith("off your watchlist: ")


async def test_back_puts_the_cursor_on_the_current_movies_row(tmp_path: Path,
                                                              cache_dir: Path):
    """Back from a film walked to (enter on a pick), the list came back with its cursor on
    the first row while the film walked to stayed current: s then rated the film named atop
    the details, not the one under the cursor."""
    app = make_app(write_dataset(tmp_path / "data", tmdb_frame=hub_tmdb_frame(CHARTED)),
                   cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = [item.title for item in app.main.results.items]
        await pilot.press("right", "down", "enter")  # the chart's second film, walked to
        await settle(pilot)
        assert app.main.strategy.name != "chart" and app.main.current.title == chart[1]
        await pilot.press("backspace")
        await settle(pilot)
        table = app.query_one("#results", DataTable)
        assert app.main.strategy.name == "chart" and table.has_focus
        assert table.cursor_row == 1 and app.main.current.title == chart[1]
        await pilot.press("down")  # on from there
        assert app.main.current.title == chart[2]


async def test_the_same_list_drawn_another_way_keeps_the_cursor_on_the_current_movie(
        tmp_path: Path, cache_dir: Path):
    """A filter typed, d or t drew the list again with the cursor on its first row while
    the film it had been on stayed current (named atop the details): the key after acted on
    a film the cursor was not on."""
    app = make_app(write_dataset(tmp_path / "data", tmdb_frame=hub_tmdb_frame(CHARTED)),
                   cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = [item.title for item in app.main.results.items]
        await pilot.press("right", "down", "down")
        await settle(pilot)
        assert app.main.current.title == chart[2]
        app.query_one("#votes", Input).value = "10"  # every film of the chart has more
        await settle(pilot)
        table = app.query_one("#results", DataTable)
        assert "10" in str(app.query_one("#results-title").render())  # drawn again
        assert table.cursor_row == 2 and app.main.current.title == chart[2]
        # filled again to fit a resized terminal, the table put its cursor on the first row
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert table.cursor_row == 2 and app.main.current.title == chart[2]
        await pilot.press("2")  # another list: from its top, the film still current
        await settle(pilot)
        assert table.cursor_row == 0 and app.main.current.title == chart[2]


async def test_a_list_that_lacks_the_current_movie_shows_no_cursor_until_one_moves(
        tmp_path: Path, cache_dir: Path):
    """2 on a pick drew films like it with the cursor, focused, on the first of them, while
    the film they are like stayed current (named atop the details, as every movie key acts
    on it): w saved the film the list was like, and enter walked to the highlighted one. No
    row is highlighted now until a key moves in the table, which shows the cursor on the
    first row and makes it current."""
    app = make_app(write_dataset(tmp_path / "data", tmdb_frame=hub_tmdb_frame(CHARTED)),
                   cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = [item.title for item in app.main.results.items]
        await pilot.press("right", "down", "2")  # films like the chart's second
        await settle(pilot)
        table = app.query_one("#results", DataTable)
        story = [item.title for item in app.main.results.items]
        assert app.main.strategy.name == "story" and chart[1] not in story
        assert table.has_focus and not table.show_cursor
        assert app.main.current.title == chart[1]
        await pilot.press("enter")  # shows the cursor; does not walk
        await settle(pilot)
        assert app.main.strategy.name == "story" and app.main.movie.title == chart[1]
        assert table.show_cursor and table.cursor_row == 0
        assert app.main.current.title == story[0]
        await pilot.press("down")
        assert table.cursor_row == 1 and app.main.current.title == story[1]
        await pilot.press("backspace")  # back to the chart: on story[1] if it is there
        await settle(pilot)
        assert app.main.strategy.name == "chart"
        assert table.show_cursor == (story[1] in chart)
        await pilot.press("3")  # from the sidebar's view too: the cast list of story[1]
        await settle(pilot)
        await pilot.press("left", "right")  # into the results: the first row shows
        assert table.show_cursor and table.cursor_row == 0
        assert app.main.current.title == app.main.results.items[0].title


async def test_a_click_shows_a_hidden_cursor_on_its_row_and_a_second_walks(
        tmp_path: Path, cache_dir: Path):
    app = make_app(write_dataset(tmp_path / "data", tmdb_frame=hub_tmdb_frame(CHARTED)),
                   cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right", "down", "2")
        await settle(pilot)
        table = app.query_one("#results", DataTable)
        story = [item.title for item in app.main.results.items]
        assert not table.show_cursor
        await pilot.click("#results", offset=(10, 2))  # the second row (the header is 0)
        await settle(pilot)
        assert table.show_cursor and table.cursor_row == 1
        assert app.main.strategy.name == "story" and app.main.current.title == story[1]
        await pilot.click("#results", offset=(10, 2))  # again: walks to it
        await settle(pilot)
        assert app.main.movie is not None and app.main.movie.title == story[1]

