"""Marks in the app: w, v and n put the current movie on your watchlist, seen or not
interested (again: off), z undoes, every list but a user's picks leaves out what you rated, saw
or hid, i shows it again, and the watchlist's picks are flagged."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from tests.support import burst, find, make_app, on_movie, screen_text, settle
from tui_recsys.data.marks_file import HIDDEN, SEEN, WATCHLIST, load_marks
from tui_recsys.data.profile_file import load_profile
from tui_recsys.engine.engine import Engine
from tui_recsys.paths import marks_path, profile_path


@pytest.fixture(autouse=True)
def _marks_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(tmp_path / "marks.csv"))


def _marked(kind: str) -> list[str]:
    return [mark.title for mark in load_marks(marks_path()).of(kind)]


def _titles(app) -> list[str]:
    return [item.title for item in app.main.results.items]


def _heading(app) -> str:
    return str(app.query_one("#results-title").render())


def _cells(app) -> str:
    table = app.query_one("#results", DataTable)
    return " ".join(str(cell) for row in range(table.row_count) for cell in table.get_row_at(row))


async def test_w_toggles_the_watchlist_flags_the_pick_and_z_undoes(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "matrix")
        await pilot.press("w")
        await settle(pilot)
        assert _marked(WATCHLIST) == ["The Matrix"]
        await find(pilot, "avatar")
        await pilot.press("2")  # the story of Avatar: The Matrix is among its picks
        await settle(pilot)
        assert "◆ The Matrix" in _cells(app)
        assert [i.title for i in app.main.results.items if i.on_watchlist] == ["The Matrix"]
        await find(pilot, "matrix")
        await pilot.press("w")  # again: off
        await settle(pilot)
        assert _marked(WATCHLIST) == []
        await pilot.press("z")
        await settle(pilot)
        assert _marked(WATCHLIST) == ["The Matrix"]
        said = [n.message for n in app._notifications]  # the last change's note, alone
        assert [m for m in said if "The Matrix" in m] == [
            "Undone: The Matrix (1999): on your watchlist"]


async def test_liked_or_seen_a_movie_leaves_the_watchlist_and_one_z_puts_it_back(
        tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await on_movie(pilot, "matrix", "w", "plus")
        assert _marked(WATCHLIST) == [] and app.main.yours.stars_of(app.main.current)
        said = [n.message for n in app._notifications]
        assert said[-1] == ("The Matrix (1999): 4.5 stars (1 rating); off your watchlist · z "
                            "undoes")
        assert not len(app.main.sidebar.your_list_pane(WATCHLIST).table)  # the list, too
        await pilot.press("z")
        await settle(pilot)
        assert _marked(WATCHLIST) == ["The Matrix"] and not app.main.yours.profile().ratings
        assert len(app.main.sidebar.your_list_pane(WATCHLIST).table) == 1
        await pilot.press("v")
        await settle(pilot)
        assert _marked(WATCHLIST) == [] and _marked(SEEN) == ["The Matrix"]
        await pilot.press("z", "n")  # not interested: no longer to watch either
        await settle(pilot)
        assert _marked(WATCHLIST) == [] and _marked(HIDDEN) == ["The Matrix"]
        await pilot.press("z")
        await settle(pilot)
        assert _marked(WATCHLIST) == ["The Matrix"] and _marked(HIDDEN) == []


async def test_seen_and_hidden_leave_the_lists_and_i_shows_them_again(tiny: Path,
                                                                     cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "avatar")
        await pilot.press("2")
        await settle(pilot)
        story = _titles(app)
        assert "The Matrix" in story
        await find(pilot, "matrix")
        await pilot.press("n")
        await settle(pilot)
        assert _marked(HIDDEN) == ["The Matrix"]
        await find(pilot, "avatar")
        await pilot.press("2")
        await settle(pilot)
        assert _titles(app) == [t for t in story if t != "The Matrix"]
        await pilot.press("i")
        await settle(pilot)
        assert _titles(app) == story
        assert list(app._notifications)[-1].message == ("Showing the movies you rated or saw "
                                                          "(✓) and hid (✕).")
        # Said where it stays on screen, and on the row: the note goes, the list does not.
        assert "story · like Avatar (2009) · yours shown (i)" in screen_text(app)
        assert "✕ The Matrix" in screen_text(app)
        await pilot.press("i", "6", "i")  # For you: says what it never lists
        await settle(pilot)
        assert list(app._notifications)[-1].message == (
            "Showing the movies you rated or saw (✓) and hid (✕). For you learns from what "
            "you rated or saw, and never lists it.")
        await pilot.press("i", "1")
        await settle(pilot)
        chart = _titles(app)
        assert chart
        app.query_one("#results", DataTable).focus()
        await settle(pilot)
        await pilot.press("v")  # the chart's first, highlighted in the results, seen
        await settle(pilot)
        # it keeps its row, marked, while the cursor is on it (`MainScreen._in_place`)
        assert _marked(SEEN) == [chart[0]] and _titles(app)[0] == chart[0]
        assert app.main.results.items[0].yours == "seen" and f"✓ {chart[0]}" in screen_text(app)
        await pilot.press("down", "2", "1")  # away from it, and the chart drawn again
        await settle(pilot)
        assert chart[0] not in _titles(app)


async def test_the_mark_keys_are_text_in_a_search_box(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/wvni")
        await settle(pilot)
        assert app.main.query_one("#movies Input").value == "wvni"
        assert not load_marks(marks_path())


async def test_the_details_say_which_of_your_lists_the_movie_is_on(tiny: Path,
                                                                  cache_dir: Path):
    """Found in the Movies list, a film on the watchlist looked like any other: only a pick in
    the results carried the ◆."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await on_movie(pilot, "matrix", "w")
        details = str(app.query_one("#details-text").render())
        assert "On your watchlist since 20" in details
        await pilot.press("v")  # seen: off the watchlist, and said so where it was said
        await settle(pilot)
        details = str(app.query_one("#details-text").render())
        assert "Seen on 20" in details and "On your watchlist" not in details
        await pilot.press("n")
        await settle(pilot)
        assert "Not interested (never recommended) since 20" in str(
            app.query_one("#details-text").render())


async def test_shift_w_draws_the_list_from_your_watchlist_alone(tiny: Path, cache_dir: Path):
    """What to watch tonight: W, on any list of yours, and W again for every movie."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/W\x1b")  # in a box, W is a letter
        await settle(pilot)
        assert not app.main.query_now.only_watchlist
        await on_movie(pilot, "avatar", "2")  # movies like Avatar by story
        everything = _titles(app)
        await pilot.press("W")
        await settle(pilot)
        assert app.main.results.items == [] and "your watchlist is empty" in screen_text(app)
        for title in ("matrix", "forrest gump"):
            await on_movie(pilot, title, "w")
        await find(pilot, "avatar")
        await pilot.press("2")
        await settle(pilot)
        assert "your watchlist (W)" in _heading(app)
        assert _titles(app) == [t for t in everything if t in {"The Matrix", "Forrest Gump"}]
        await pilot.press("W")
        await settle(pilot)
        assert _titles(app)[:len(everything)] == everything
        assert "your watchlist" not in _heading(app)


async def test_p_lists_the_films_of_a_person_of_the_current_movie(tiny: Path, cache_dir: Path):
    from tui_recsys.app.screens.people import PeoplePrompt

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert "Pick a person: press p and type a name" in str(
            app.query_one("#results-message").render())
        await find(pilot, "avatar")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PeoplePrompt)
        assert app.screen.people[:2] == [("James Cameron", "director"),
                                         ("Sam Worthington", "cast")]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.main.strategy.name == "person"
        assert _titles(app) == ["Avatar", "Clash of the Titans"]
        assert "the films of Sam Worthington in TMDB 5000" in str(
            app.query_one("#results-title").render())


async def test_a_movie_search_that_names_a_person_offers_their_films_on_p(
        tiny: Path, cache_dir: Path):
    """"nolan" in the movies' search listed the films whose letters it holds in order as its
    matches, and said nothing of Christopher Nolan."""
    from tui_recsys.app.screens.people import PeoplePrompt

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/worthington")
        await settle(pilot)
        assert ("escape, p: Sam Worthington's films (no title holds 'worthington')"
                in screen_text(app))
        burst(app, "\x1bp")
        await settle(pilot)
        assert isinstance(app.screen, PeoplePrompt)
        assert app.screen.query_one(Input).value == "worthington"
        assert app.screen.offered == ["Sam Worthington"]
        burst(app, "\r")
        await settle(pilot)
        assert "the films of Sam Worthington in TMDB 5000" in str(
            app.query_one("#results-title").render())
        burst(app, "/avatar\x1bp")  # a title found: p offers the current movie's people
        await settle(pilot)
        assert app.screen.query_one(Input).value == "" and app.screen.offered[0] == (
            "James Cameron")


async def test_a_person_whose_films_outshine_the_titles_holding_the_name_is_offered_on_p(
        tmp_path: Path):
    """"kubrick" found the documentary that holds the name, few rated, and nothing was said of
    his films."""
    from tests.support import named_in_titles_dataset
    from tui_recsys.app.screens.people import PeoplePrompt

    app = make_app(named_in_titles_dataset(tmp_path / "d"), tmp_path / "c")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/worthington")
        await settle(pilot)
        assert "escape, p: Sam Worthington's films · 1 of 15 movies" in screen_text(app)
        burst(app, "\x1bp")
        await settle(pilot)
        assert isinstance(app.screen, PeoplePrompt)
        assert app.screen.query_one(Input).value == "worthington"
        burst(app, "\x1b/\x7f" + "\x7f" * 11 + "saldana")  # a film named so: no one offered
        await settle(pilot)
        assert "1 of 15 movies" in screen_text(app) and "films ·" not in screen_text(app)


async def test_p_lists_the_films_of_anyone_by_a_name_typed(tiny: Path, cache_dir: Path):
    """Only the current movie's people could be chosen: Ralph Fiennes' films needed a movie
    of his found first. A name typed is offered as the people it may be, most films first;
    a key typed there is a letter, never a shortcut."""
    from tui_recsys.app.screens.people import PeoplePrompt

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PeoplePrompt)
        burst(app, "sam w")
        await settle(pilot)
        assert app.screen.offered == ["Sam Worthington"]
        assert "Sam Worthington · 2 films" in screen_text(app)
        burst(app, "\x7f" * 5 + "ralph fie\r")
        await settle(pilot)
        assert app.main.strategy.name == "person"
        assert "the films of Ralph Fiennes" in str(app.query_one("#results-title").render())
        assert _titles(app) == ["Clash of the Titans"]


async def test_a_name_typed_and_entered_at_once_is_the_name_typed(tiny: Path, cache_dir: Path):
    """Enter typed before the offers caught up with the letters takes the first offer for
    the whole name typed, never the movie's person highlighted before."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "avatar")
        burst(app, "pfiennes\r")
        await settle(pilot)
        assert "the films of Ralph Fiennes" in str(app.query_one("#results-title").render())


async def test_a_name_no_one_has_is_said_in_one_line(tiny: Path, cache_dir: Path):
    from textual.widgets import OptionList

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "u")  # the Users list: no current movie, so no one to choose among
        await settle(pilot)
        burst(app, "p")
        await settle(pilot)
        assert "type a name" in screen_text(app) and not app.screen.query_one(OptionList).display
        burst(app, "zzq")
        await settle(pilot)
        assert "no one here has a name like that" in screen_text(app)
        burst(app, "\r")
        await settle(pilot)
        assert "no one named 'zzq' in the catalogue" in screen_text(app)


async def test_e_exports_the_list_on_screen_for_a_spreadsheet_and_letterboxd(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await on_movie(pilot, "avatar", "2", "e")
        ours = sorted(tmp_path.glob("picks-story-*[0-9].csv"))
        theirs = sorted(tmp_path.glob("picks-story-*-letterboxd.csv"))
        assert len(ours) == len(theirs) == 1
        rows = list(csv.DictReader(io.StringIO(ours[0].read_text())))
        assert [row["title"] for row in rows] == _titles(app)
        films = list(csv.DictReader(io.StringIO(theirs[0].read_text())))
        assert [(f["Title"], f["tmdbID"]) for f in films] == [
            (item.title, str(item.tmdb_id)) for item in app.main.results.items]
        assert any(f"Exported {len(rows)} picks to" in n.message
                   and "to import into a Letterboxd list or watchlist" in n.message
                   for n in app._notifications)


async def test_e_in_one_of_your_lists_exports_that_list_whole_for_letterboxd(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    """e in the Rated list exported the results beside it: ratings made in the app reached
    Letterboxd only by the command line's `profile export`."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await on_movie(pilot, "avatar", "+")
        await on_movie(pilot, "the matrix", "w")
        burst(app, "y/zz")  # the Rated list, searched for nothing: the export is still whole
        await settle(pilot)
        burst(app, "\x1be")
        await settle(pilot)
        ours = sorted(tmp_path.glob("ratings-*[0-9].csv"))
        theirs = sorted(tmp_path.glob("ratings-*-letterboxd.csv"))
        assert len(ours) == len(theirs) == 1 and not list(tmp_path.glob("picks-*"))
        assert ours[0].read_text() == profile_path().read_text()  # the file's own columns
        (rating,) = load_profile(profile_path()).ratings.values()
        films = list(csv.DictReader(io.StringIO(theirs[0].read_text())))
        assert [(f["Title"], f["Rating"], f["WatchedDate"]) for f in films] == [
            ("Avatar", f"{rating.stars:g}", rating.rated_on)]
        assert any("Exported 1 movie rated to" in n.message and "on the day you rated it"
                   in n.message for n in app._notifications)
        burst(app, "ye")  # the watchlist
        await settle(pilot)
        (watchlist,) = tmp_path.glob("watchlist-*[0-9].csv")
        assert [row["title"] for row in csv.DictReader(io.StringIO(watchlist.read_text()))] == [
            "The Matrix"]
        burst(app, "ye")  # seen: nothing there
        await settle(pilot)
        assert app._notifications and list(app._notifications)[-1].message == (
            "Nothing to export: the list is empty.")
        await pilot.press("2", "right", "e")  # in the results beside it: the picks
        await settle(pilot)
        assert len(list(tmp_path.glob("picks-*[0-9].csv"))) == 1


async def test_e_right_after_a_strategy_key_exports_the_new_list(
        tiny: Path, cache_dir: Path, tmp_path: Path, monkeypatch):
    """"2 e" typed at once, the story list made slower than that: e exports the story list
    once it shows, never the chart it replaces under the story's name."""
    recommend = Engine.recommend

    def slow(engine: Engine, *args, **kwargs):
        time.sleep(0.3)
        return recommend(engine, *args, **kwargs)

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "avatar")
        burst(app, "1")
        await settle(pilot)
        monkeypatch.setattr(Engine, "recommend", slow)
        burst(app, "2e")
        await settle(pilot)
        assert app.main.strategy.name == "story"
        ours = sorted(tmp_path.glob("picks-story-*[0-9].csv"))
        assert len(ours) == 1 and not list(tmp_path.glob("picks-chart-*"))
        rows = list(csv.DictReader(io.StringIO(ours[0].read_text())))
        assert [row["title"] for row in rows] == _titles(app)


def test_an_export_never_takes_the_name_of_a_file_already_there(tmp_path: Path):
    from tui_recsys.data.user_files import claim_names

    endings = (".csv", "-letterboxd.csv")
    (tmp_path / "picks-letterboxd.csv").write_text("yours")
    assert claim_names(tmp_path, "picks", endings) == "picks-2"
    # The names taken are created there and then, so a second export in the same second
    # (another window) cannot take them too, and nothing is left of the refused name.
    assert claim_names(tmp_path, "picks", endings) == "picks-3"
    (tmp_path / "picks-4.csv").symlink_to(tmp_path / "nowhere")
    assert claim_names(tmp_path, "picks", endings) == "picks-5"
    assert not (tmp_path / "picks.csv").exists()
    assert (tmp_path / "picks-letterboxd.csv").read_text() == "yours"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "picks-2-letterboxd.csv", "picks-2.csv", "picks-3-letterboxd.csv", "picks-3.csv",
        "picks-4.csv", "picks-5-letterboxd.csv", "picks-5.csv", "picks-letterboxd.csv"]
