"""Your files changed while the app is open, by `tui-recsys rate` in another terminal or by a
second window: the app shows it within moments, wherever it shows (For you, your lists, the
current movie's details), and says so once; its own changes, an import too, are not said to
come from elsewhere."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.support import (
    answers_shown,
    find,
    friend_file,
    letterboxd_export,
    list_titles,
    make_app,
    notes_said,
    open_quick_start,
    screen_text,
    settle,
)
from tui_recsys.app.screens import main_screen, your_changes
from tui_recsys.cli.main import main
from tui_recsys.paths import friends_folder

ELSEWHERE = "Your lists changed in another window or by a command: shown as they are now."


@pytest.fixture(autouse=True)
def _watch_often(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main_screen, "WATCH_SECONDS", 0.05)


def _titles(app) -> list[str]:
    return [item.title for item in app.main.results.items]


async def _watched(pilot) -> None:
    """Time for the app to look at your files again, and to show what it found."""
    await pilot.pause(0.3)
    await settle(pilot)


async def test_a_film_rated_in_another_terminal_leaves_for_you_at_once(tiny: Path,
                                                                       cache_dir: Path):
    """It stayed in For you, and out of Rated, until the list was chosen again."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        first = _titles(app)[0]
        assert all("rate it to start" in item.reason for item in app.main.results.items)
        await _watched(pilot)
        assert ELSEWHERE not in notes_said(app)  # nothing changed yet
        assert main(["rate", first, "4", "--data", str(tiny)]) == 0
        assert main(["watchlist", "add", "Avatar", "--data", str(tiny)]) == 0
        await _watched(pilot)
        assert notes_said(app).count(ELSEWHERE) == 1
        assert list_titles(app, "rated") == [first] and list_titles(app, "watchlist") == ["Avatar"]
        assert first not in _titles(app)
        assert not any("rate it to start" in item.reason for item in app.main.results.items)
        await _watched(pilot)
        assert notes_said(app).count(ELSEWHERE) == 1  # said of each change once
        assert main(["hide", "Forrest Gump", "--data", str(tiny)]) == 0  # the next answer
        await _watched(pilot)
        assert list_titles(app, "hidden") == ["Forrest Gump"]  # shown, not said again meanwhile
        assert notes_said(app).count(ELSEWHERE) == 1


async def test_the_current_movie_rated_elsewhere_says_so_in_its_details(tiny: Path,
                                                                         cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await find(pilot, "matrix")
        assert main(["rate", "The Matrix", "2.5", "--data", str(tiny)]) == 0
        await _watched(pilot)
        assert "You rated it 2.5 stars" in str(app.query_one("#details-text").render())


async def test_a_rating_made_elsewhere_leaves_the_users_list_where_it_was(tiny: Path,
                                                                          cache_dir: Path):
    """The list, filled again for You's new count, put its cursor back on You while the
    details still showed user 2: enter then opened For you."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "down")
        await settle(pilot)
        assert "MovieLens user 2" in screen_text(app)
        assert main(["rate", "The Matrix", "2.5", "--data", str(tiny)]) == 0
        await _watched(pilot)
        assert "1 rated" in screen_text(app)  # You's count, shown
        await pilot.press("enter")
        await settle(pilot)
        assert "Top picks for user 2" in screen_text(app)


async def test_the_window_s_own_changes_are_not_said_to_come_from_elsewhere(
        tiny: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A rating and a mark made here, and an import, which writes from a worker while the
    app keeps looking: what it does is said as itself."""
    brought_in = your_changes.import_path

    def slow_import(*args: object) -> None:
        brought_in(*args)
        time.sleep(0.3)  # written, not yet shown: the app looks meanwhile

    monkeypatch.setattr(your_changes, "import_path", slow_import)
    export = tmp_path / "ratings.csv"
    export.write_text("Date,Name,Year,Letterboxd URI,Rating\n"
                      "2024-01-02,Avatar,2009,https://boxd.it/1,4.5\n")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "matrix")
        for key in ("plus", "w", "v"):
            await pilot.press(key)
            await _watched(pilot)
        app.main._import_worker(export, False)
        await _watched(pilot)
        assert list_titles(app, "rated") == ["The Matrix", "Avatar"]  # newest first
        assert ELSEWHERE not in notes_said(app)


async def test_a_change_made_elsewhere_just_before_one_here_is_still_shown(
        tiny: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """Seen, by a command, then a film put on the watchlist here before the app looked: the
    watchlist's change showed its own lists, and the film seen was never shown."""
    monkeypatch.setattr(main_screen, "WATCH_SECONDS", 3600)  # looked at when the test says
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "matrix")
        assert main(["seen", "Avatar", "--data", str(tiny)]) == 0
        await pilot.press("w")
        await settle(pilot)
        assert list_titles(app, "watchlist") == ["The Matrix"] and list_titles(app, "seen") == []
        app.main.watch_files()
        await settle(pilot)
        assert list_titles(app, "seen") == ["Avatar"] and notes_said(app).count(ELSEWHERE) == 1


async def test_the_quick_start_shows_an_answer_given_elsewhere(tiny: Path, cache_dir: Path):
    """Its round's movies rated in the next pane (one answered here first): the count, and the
    answers beside the movies, as the files hold them."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_quick_start(pilot)
        await pilot.press("plus")  # the first row, answered here
        await settle(pilot)
        first, second, third = screen.movies[:3]
        assert main(["rate", "--movielens-id", str(first.ml_id), "2", "--data", str(tiny)]) == 0
        assert main(["rate", "--movielens-id", str(second.ml_id), "3.5", "--data",
                     str(tiny)]) == 0
        assert main(["seen", "--movielens-id", str(third.ml_id), "--data", str(tiny)]) == 0
        await _watched(pilot)
        assert answers_shown(screen) == {0: "2★", 1: "3.5★", 2: "seen"}
        assert "2 ratings so far" in str(screen.query_one("#quick-title").render())


async def test_a_friend_dropped_into_the_friends_folder_is_listed(tiny: Path, cache_dir: Path):
    """Sam's export of this week saved into the friends folder while the app runs: listed
    within moments, as at the next start, and a newer one of the same person replaces it."""
    folder = friends_folder()
    folder.mkdir(parents=True)
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _watched(pilot)
        letterboxd_export(folder / "letterboxd-sam-2026-12-01-09-30-utc.zip",
                          [("Avatar", 2009, 4.5)], [])
        await _watched(pilot)
        assert [(friend.name, friend.path.name) for friend in app.main.friends.people] == [
            ("sam", "letterboxd-sam-2026-12-01-09-30-utc.zip")]
        assert any(note.startswith("sam (1 rating) is among your friends at every start "
                                   "(found in ") for note in notes_said(app))
        newer = folder / "letterboxd-sam-2026-12-06-09-30-utc.zip"
        letterboxd_export(newer, [("Avatar", 2009, 4.5), ("The Matrix", 1999, 4.0)], [])
        os.utime(newer, (time.time() + 60, time.time() + 60))
        (folder / "notes.txt").write_text("not a friend")  # the folder changes again
        await _watched(pilot)
        assert [(friend.name, friend.path) for friend in app.main.friends.people] == [
            ("sam", newer)]
        assert len(app.main.friends.ratings(app.main.friends.people[0].key)) == 2
        await pilot.press("u")
        await settle(pilot)
        assert "sam" in screen_text(app)
        newer.unlink()  # and the one of last week too: sam is no longer kept
        (folder / "letterboxd-sam-2026-12-01-09-30-utc.zip").unlink()
        await _watched(pilot)
        assert app.main.friends.people == [] and "sam" not in screen_text(app)


async def test_a_friend_s_file_saved_over_is_shown_anew(tiny: Path, cache_dir: Path,
                                                        tmp_path: Path):
    """Sam's newer export copied over the old while their picks, or a movie night with them,
    were on screen: the list, the Users list and their details stayed as they were until a
    key asked again (the friends folder, which is watched, does not change when a file in it
    is written over)."""
    sam = friend_file(tmp_path / "sam.csv", 6)
    app = make_app(tiny, cache_dir, friends=[sam])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "enter")
        await settle(pilot)
        assert "sam's picks, from their 1 rating" in screen_text(app)
        await pilot.press("u", "up", "down")  # sam in the details
        await _watched(pilot)
        assert not any("sam" in note for note in notes_said(app))  # nothing changed yet
        friend_file(sam, 6, 5)
        await _watched(pilot)
        assert "sam's picks, from their 2 ratings" in screen_text(app)
        assert "2 rated" in screen_text(app)
        assert "2 ratings, 4.50 stars on average" in str(  # their details too
            app.query_one("#details-text").render())
        assert not {5, 6} & {item.movielens_id for item in app.main.results.items}
        assert "The ratings of sam changed: shown as they are now." in notes_said(app)
        await pilot.press("g", "down", "g", "8")  # movie night: sam and user 1
        await settle(pilot)
        assert "movie night for sam, user 1" in screen_text(app)
        first = app.main.results.items[0].movielens_id
        friend_file(sam, 6, 5, first)
        await _watched(pilot)
        assert first not in {item.movielens_id for item in app.main.results.items}
        # the Users list filled again keeps its cursor (it went back to You)
        assert app.main.sidebar.users.entry_at_cursor().user_id == 1
