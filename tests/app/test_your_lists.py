"""Your lists beside Movies and Users (Rated, Watchlist, Seen, Hidden): y shows each in turn,
o sorts, / searches, enter picks, every movie key acts on a row, and a change made on the
command line shows (within moments: tests/app/test_changed_elsewhere.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import burst, find, list_titles, make_app, screen_text, settle, unwrapped
from tui_recsys.data.marks_file import SEEN, WATCHLIST, Mark, load_marks, marks_lock
from tui_recsys.paths import marks_path


@pytest.fixture(autouse=True)
def _marks_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(tmp_path / "marks.csv"))


async def _on(pilot, title: str, *keys: str) -> None:
    """Find `title` in the movies list (it becomes the current movie), then press `keys`."""
    await pilot.press("m")
    await find(pilot, title)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def test_y_shows_each_list_o_sorts_it_and_keys_act_on_its_rows(tiny: Path,
                                                                     cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _on(pilot, "matrix", "minus")  # 1.5 stars
        await _on(pilot, "avatar", "plus")  # 4.5 stars, rated last
        await _on(pilot, "forrest", "w")
        await _on(pilot, "shawshank", "w")
        await pilot.press("y")
        await settle(pilot)
        assert app.main.sidebar.active == "rated"
        assert list_titles(app, "rated") == ["Avatar", "The Matrix"]  # newest first
        assert "2 movies rated · newest first (o: by title)" in screen_text(app)
        assert "4.5★" in screen_text(app) and "1.5★" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert list_titles(app, "rated") == ["Avatar", "The Matrix"]  # by title
        await pilot.press("o")
        await settle(pilot)
        assert list_titles(app, "rated") == ["Avatar", "The Matrix"]  # most stars first
        assert "most stars first (o: newest first)" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert app.main.sidebar.active == "watchlist"
        assert list_titles(app, "watchlist") == ["The Shawshank Redemption", "Forrest Gump"]
        assert app.main.current.title == "The Shawshank Redemption"  # the first row
        await pilot.press("o")  # by title: from the top, the top
        await settle(pilot)
        assert list_titles(app, "watchlist") == ["Forrest Gump", "The Shawshank Redemption"]
        assert app.main.pane("watchlist").list.cursor == 0
        assert app.main.current.title == "Forrest Gump"  # now under the cursor
        await pilot.press("down", "o")  # most stars first: elsewhere, it stays on its movie
        await settle(pilot)
        assert list_titles(app, "watchlist") == ["The Shawshank Redemption", "Forrest Gump"]
        assert app.main.pane("watchlist").list.cursor == 0
        assert app.main.current.title == "The Shawshank Redemption"
        await pilot.press("down", "v")  # Forrest Gump, seen: and so off the watchlist
        await settle(pilot)
        assert list_titles(app, "watchlist") == ["The Shawshank Redemption"]  # the list follows
        assert app.main.current.title == "The Shawshank Redemption"  # now under the cursor
        assert [m.title for m in load_marks(marks_path()).of(WATCHLIST)] == [
            "The Shawshank Redemption"]
        await pilot.press("y")
        await settle(pilot)
        assert app.main.sidebar.active == "seen" and list_titles(app, "seen") == ["Forrest Gump"]
        await pilot.press("y", "y")  # hidden, then round to rated
        await settle(pilot)
        assert app.main.sidebar.active == "rated"


async def test_a_list_is_searched_and_enter_asks_about_its_movie(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for title in ("matrix", "avatar"):
            await _on(pilot, title, "plus")
        await pilot.press("y")
        await settle(pilot)
        burst(app, "/matr")
        await settle(pilot)
        assert list_titles(app, "rated") == ["The Matrix"]
        assert "1 of 2 movies" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.movie is not None and app.main.movie.title == "The Matrix"
        assert app.main.strategy.needs.movie
        burst(app, "/zzzz")
        await settle(pilot)
        assert "no movies match 'zzzz'" in screen_text(app)


async def test_an_empty_list_says_how_to_fill_it(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y", "y")
        await settle(pilot)
        assert "Nothing on your watchlist yet: w saves the movie you look at." in (
            screen_text(app))


async def test_a_list_shows_what_the_command_line_changed(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with marks_lock(marks_path()):  # as `tui-recsys seen` would, the app running
            marks = load_marks(marks_path())
            marks.add(Mark(SEEN, 3, 603, "The Matrix", 1999))
            marks.save()
        await pilot.press("y", "y", "y")
        await settle(pilot)
        assert list_titles(app, "seen") == ["The Matrix"]


async def test_a_damaged_marks_file_is_named_in_the_lists(tiny: Path, cache_dir: Path):
    marks_path().write_text("mark,movielens_id,tmdb_id,title,year,marked_at\nlater,3,,X,,\n")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y", "y")
        await settle(pilot)
        expected = "marks.csv, row 2: mark 'later' is not one of watchlist, seen, hidden, not-seen"
        assert unwrapped(expected) in unwrapped(screen_text(app))
    assert "later" in marks_path().read_text()  # left as it was


async def test_enter_on_you_gives_your_own_picks(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _on(pilot, "matrix", "plus")
        await pilot.press("u")
        burst(app, "/you\r")
        await settle(pilot)
        assert app.main.strategy.name == "for-you"


async def test_a_tab_s_late_word_never_hides_the_list_that_has_the_focus(tiny: Path,
                                                                         cache_dir: Path):
    """"y y" in a burst over SSH: the Rated tab's message that its list had the focus came
    after the second y had shown the watchlist, showed Rated again, and the focus fell into a
    search box, where the next y was typed."""
    from textual.widgets import TabbedContent, TabPane

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sidebar = app.main.sidebar
        sidebar.show_list("watchlist")
        await settle(pilot)
        rated = sidebar.query_one("#rated", TabPane)
        sidebar.query_one(TabbedContent).post_message(TabPane.Focused(rated))  # late
        await settle(pilot)
        assert sidebar.active == "watchlist"
        assert app.focused is app.main.pane("watchlist").list
        burst(app, "y")
        await settle(pilot)
        assert sidebar.active == "seen" and not app.main.pane("watchlist").box.value
