"""The app driven as a person would, with the Pilot."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, TabbedContent, Tabs

from tests.support import (
    MOVIES,
    BlockingTrainer,
    burst,
    make_app,
    notes_said,
    screen_text,
    settle,
    wait_for,
)
from tui_recsys.app.recsys_app import RecsysApp
from tui_recsys.app.screens.data_error import DataErrorScreen
from tui_recsys.app.screens.help import HelpScreen
from tui_recsys.app.widgets.results import FILTER_BOXES, ResultsPane
from tui_recsys.app.widgets.search_pane import SearchPane
from tui_recsys.engine.catalog.search import SearchableTable
from tui_recsys.engine.models.for_user_model import Factors
from tui_recsys.engine.models.similar_model import ContentVectors
from tui_recsys.engine.question import MovieFilter


def titles(app, table: str = "results") -> list[str]:
    """The titles the results (or the favourites) show, whole (the table may cut them)."""
    pane = app.main.results
    return [item.title for item in (pane.favourites if table == "favourites" else pane.items)]


async def test_search_pick_avatar_then_similar_by_story(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert titles(app)[0] == "Avatar"  # the chart: the only movie over m votes
        await pilot.press("slash", *"AVATAR")
        await settle(pilot)
        movies = app.query_one("#movie-search", SearchPane)
        assert [app.main.index.movies.entry(int(k)).title for k in movies.list.keys] == ["Avatar"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.movie is not None and app.main.movie.title == "Avatar"
        assert app.main.strategy.name == "story"
        assert titles(app)[0] == "Apollo 18"
        await pilot.press("3")
        await settle(pilot)
        assert app.query_one("#strategies", Tabs).active == "cast"
        assert titles(app)[0] == "Clash of the Titans"


async def test_enter_before_the_search_answers_picks_its_first_match(
        tiny: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    search = SearchableTable.search
    answer = threading.Event()

    def slow_search(self: SearchableTable, query: str):
        answer.wait(30)  # a fast typist: enter arrives before the matches
        return search(self, query)

    monkeypatch.setattr(SearchableTable, "search", slow_search)
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u", "slash", "4", "2", "enter")
        assert app.main.user is None  # still searching
        answer.set()
        await settle(pilot)
        assert app.main.user is not None and app.main.user.user_id == 42
        assert app.main.strategy.name == "for-user"


async def test_a_burst_of_keys_is_handled_in_order(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "u/42\r")
        await settle(pilot)
        assert app.query_one("#user-search", SearchPane).box.value == "42"
        assert app.main.user is not None and app.main.user.user_id == 42
        burst(app, "m/avatar\r")
        await settle(pilot)
        assert app.main.movie is not None and app.main.movie.title == "Avatar"
        burst(app, "3")
        await settle(pilot)
        assert app.main.strategy.name == "cast"
        burst(app, "/ava\x1bu")  # escape leaves the box, so u is a key, not a letter
        await settle(pilot)
        assert app.query_one("#movie-search", SearchPane).box.value == "ava"
        assert app.focused is app.query_one("#user-search", SearchPane).list
        burst(app, "?q")  # q closes the help screen, it does not quit
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, HelpScreen)


async def test_accents_and_fuzzy_search(tmp_path: Path, cache_dir: Path):
    from tests.support import write_dataset

    app = make_app(write_dataset(tmp_path / "d", links=False), cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"amelie")
        await settle(pilot)
        keys = app.query_one("#movie-search", SearchPane).list.keys
        assert app.main.index.movies.entry(int(keys[0])).title == "Amélie"
        assert app.main.index.movies.entry(int(keys[0])).tmdb_id is None
        await pilot.press("enter")  # only in MovieLens: "similar by ratings" can answer
        await settle(pilot)
        assert app.main.strategy.name == "by-ratings"
        assert app.main.results.items and all(
            item.movielens_id != 6 for item in app.main.results.items)
        await pilot.press("2")  # no story to compare: says so, and what to press instead
        await settle(pilot)
        message = str(app.query_one("#results-message").render())
        assert "only in MovieLens" in message and "Press 5" in message


async def test_user_42_gets_unrated_picks_and_favourites(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u", "slash", "4", "2")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert "MovieLens user 42" in str(app.query_one("#details-text").render())
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.strategy.name == "for-user" and app.main.user.user_id == 42
        ratings = app.engine.catalog().ratings
        rated = set(ratings.loc[ratings["user_id"] == 42, "movie_id"])
        picks = app.main.results.items
        assert picks and not rated & {p.movielens_id for p in picks}
        assert titles(app, "favourites")[0] == "The Shawshank Redemption"  # rated 5.0
        assert "Top picks for user 42" in str(app.query_one("#results-title").render())


async def test_escape_cancels_a_build_and_the_app_keeps_running(tiny: Path, cache_dir: Path):
    trainer = BlockingTrainer()
    app = make_app(tiny, cache_dir, trainer=trainer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.select_user(app.main.index.users.by_id(42))
        await wait_for(pilot, trainer.started)
        await pilot.pause()
        pane = app.query_one(ResultsPane)
        assert pane.query_one("#build").display
        assert "epoch" in str(app.query_one("#build-status").render())
        await pilot.press("escape")
        await settle(pilot)
        assert not pane.query_one("#build").display
        assert "Build cancelled" in str(app.query_one("#results-message").render())
        assert not app.engine.is_ready(app.engine.strategy("for-user"))
        # Stopped, it stays stopped: another user, or leaving and coming back, asks again
        # without building; r builds it.
        trainer.started.clear()
        app.main.select_user(app.main.index.users.by_id(1))
        await settle(pilot)
        await pilot.press("1", "4")
        await settle(pilot)
        assert not app.main.builds and not trainer.started.is_set()
        assert "Build cancelled" in str(app.query_one("#results-message").render())
        await pilot.press("1")
        await settle(pilot)
        burst(app, "4r")  # at once: r rebuilds the list 4 chose, not the chart
        await wait_for(pilot, trainer.started)
        await pilot.pause()
        assert pane.query_one("#build").display
        assert [s.name for s in app.main.builds] == ["for-user"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert titles(app)[0] == "Avatar"  # still usable


async def test_a_failed_build_is_shown_not_raised(tiny: Path, cache_dir: Path):
    def broken(*args):
        raise RuntimeError("disk on fire")

    app = make_app(tiny, cache_dir, trainer=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.select_user(app.main.index.users.by_id(1))
        await settle(pilot)
        assert "disk on fire" in str(app.query_one("#results-message").render())
        assert app.is_running


async def test_second_launch_shows_results_without_building(tiny: Path, cache_dir: Path):
    first = make_app(tiny, cache_dir)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first.main.select_movie(first.main.index.movies.by_tmdb(19995))
        await settle(pilot)
    second = make_app(tiny, cache_dir)
    builds = []
    second.main.start_build = builds.append
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        second.main.select_movie(second.main.index.movies.by_tmdb(19995))
        await settle(pilot)
        assert builds == []
        assert titles(second)[0] == "Apollo 18"


async def test_a_warm_start_loads_every_cached_model_before_it_is_asked(
        tiny: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    warm = make_app(tiny, cache_dir)
    for strategy in warm.engine.strategies:
        warm.engine.prepare(strategy)
    app = make_app(tiny, cache_dir)
    builds = []
    app.main.start_build = builds.append
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for loader in (ContentVectors, Factors):
            monkeypatch.setattr(loader, "load", lambda *a: pytest.fail("loaded on demand"))
        app.main.select_movie(app.main.index.movies.by_tmdb(19995))
        await settle(pilot)
        assert titles(app)[0] == "Apollo 18"
        app.main.action_strategy("cast")
        await settle(pilot)
        assert titles(app)
        app.main.select_user(app.main.index.users.by_id(42))
        await settle(pilot)
        assert titles(app)
        assert builds == []


async def test_bad_data_folder_shows_the_error_screen(tmp_path: Path, cache_dir: Path):
    app = make_app(tmp_path / "missing", cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DataErrorScreen)
        assert "does not exist" in app.screen.message
        # the command to type stands on its own line (a line break was made a space)
        lines = [line.strip() for line in screen_text(app).splitlines()]
        assert "tui-recsys --data DIR" in lines and "Press q to quit." in lines
        assert lines[-1] == "q Quit"  # no key of the main screen, which is not there
        await pilot.press("q")
    assert app.return_code == 2


async def test_chart_filters(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one("#genre", Select).value = "Drama"
        await settle(pilot)
        assert "Drama" in str(app.query_one("#results-title").render())
        drama = titles(app)
        assert drama and "Avatar" not in drama
        app.query_one("#years").focus()
        await pilot.press(*"1990-1994")
        await settle(pilot)
        assert titles(app) and set(titles(app)) <= {"Forrest Gump", "The Shawshank Redemption"}
        app.query_one("#genre", Select).focus()
        await pilot.press("enter", "u", "q")  # an open menu searches what is typed
        await settle(pilot)
        assert app.is_running and app.query_one("#lists", TabbedContent).active == "movies"
        assert app.query_one("#genre", Select).expanded
        await pilot.press("escape")
        await settle(pilot)
        assert not app.query_one("#genre", Select).expanded


async def test_the_filter_bar_filters_every_strategy(tiny: Path, cache_dir: Path):
    """Votes, runtime and language narrow "more like this" as they do the chart; a box that
    does not parse is marked, counts as empty, and enter says why."""
    votes = {title: count for (_, title, *_, count) in MOVIES}
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r")
        await settle(pilot)
        assert app.main.strategy.name == "story" and titles(app)
        assert any(votes[title] < 1000 for title in titles(app))
        app.main.set_focus(app.main.query_one("#votes"))
        burst(app, "1000")
        await settle(pilot)
        assert titles(app) and all(votes[title] >= 1000 for title in titles(app))
        assert "only 1,000+ votes" in str(app.query_one("#results-title").render())
        runtime = app.main.query_one("#runtime", Input)
        app.main.set_focus(runtime)
        burst(app, "-90")  # every movie here runs 100 minutes
        await settle(pilot)
        assert titles(app) == []
        assert "no pick passes the filters (up to 90 min, 1,000+ votes)" in screen_text(app)
        runtime.value = ""
        language = app.main.query_one("#language", Input)
        app.main.set_focus(language)
        burst(app, "frensh")
        await settle(pilot)
        assert language.has_class("-invalid") and app.main.query_now.movie_filter.language is None
        assert titles(app)
        burst(app, "\r")
        await settle(pilot)
        assert any("did you mean french (fr)?" in n.message for n in app._notifications)
        language.value = ""
        burst(app, "French\r")  # a language by its name: the box then shows its code
        await settle(pilot)
        assert not language.has_class("-invalid") and titles(app) == []
        assert language.value == "fr" and app.main.query_now.movie_filter.language == "fr"
        language.value = ""
        burst(app, "japanese\t")  # left by tab, as by enter: "japanese" showed as "nese"
        await settle(pilot)
        assert language.value == "ja" and app.focused is not language
        app.main.set_focus(app.main.query_one("#results"))
        await pilot.press("4")  # a user's picks take the same filter
        await settle(pilot)
        assert app.main.query_now.movie_filter.language == "ja"


async def test_keys_help_lists_and_quit(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, strategy in (("2", "story"), ("4", "for-user"), ("1", "chart")):
            await pilot.press(key)
            assert app.query_one("#strategies", Tabs).active == strategy
        await pilot.press("u")
        assert app.query_one("#lists").active == "users"
        await pilot.press("m")
        assert app.query_one("#lists").active == "movies"
        await pilot.press("slash")
        assert app.focused is app.query_one("#movie-search", SearchPane).box
        await pilot.press("q")  # typed into the search box, not quit
        assert app.is_running
        await pilot.press("escape")  # leaves the box
        assert app.focused is app.query_one("#movie-search", SearchPane).list
        await pilot.press("slash", "down")  # down from the box goes to the list too
        assert app.focused is app.query_one("#movie-search", SearchPane).list
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_command_palette_offers_every_action(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"chart (1)", "story (2)", "cast (3)", "for-user (4)", "by-ratings (5)",
                "for-you (6)", "Movies list (m)", "Users list (u)", "Search (/)",
                "Back (backspace)", "Rebuild (r)", "Help (?)"} <= set(titles)
        # every key of the main screen's, but the variants Rate's line names and the keys of
        # a search box, is a command that names its key
        shown = {"slash": "/", "question_mark": "?"}
        keys = {shown.get(b.key, b.key) for b in RecsysApp.BINDINGS
                if b.action.startswith("screen.")} - {"plus", "minus", "x", "enter", "escape",
                                                          "down"}
        assert {key for key in keys if not any(t.endswith(f"({key})") for t in titles)} == set()
        assert len(titles) == len(set(titles))  # Textual's "Keys" once, ours under "Help"
        assert "Cancel build (escape)" not in titles  # nothing builds


async def test_the_palette_offers_cancel_while_a_build_runs(tiny: Path, cache_dir: Path):
    trainer = BlockingTrainer()
    app = make_app(tiny, cache_dir, trainer=trainer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.select_user(app.main.index.users.by_id(42))
        await wait_for(pilot, trainer.started)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Cancel build (escape)" in titles
        await pilot.press("escape")
        await settle(pilot)


@pytest.mark.slow
def test_app_with_real_training_never_imports_tensorflow(tiny: Path, cache_dir: Path):
    """The collaborative build trains in a child process: the app's own process never loads
    TensorFlow, so nothing it prints can reach the screen."""
    script = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from tui_recsys.app.recsys_app import RecsysApp\n"
        "from tui_recsys.engine.engine import Engine\n"
        "from tui_recsys.engine.cache.store import Store\n"
        "from tests.support import settle\n"
        "async def main():\n"
        f"    app = RecsysApp(Engine(Store(Path({str(cache_dir)!r})), Path({str(tiny)!r})))\n"
        "    async with app.run_test() as pilot:\n"
        "        await settle(pilot)\n"
        "        app.main.select_user(app.main.index.users.by_id(42))\n"
        "        await settle(pilot)\n"
        "        print(len(app.main.results.items) > 0, 'tensorflow' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=300, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "False"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (130, 40)])
async def test_layouts(tiny: Path, cache_dir: Path, size):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        narrow = size[0] < 122
        assert app.screen.has_class("-narrow") is narrow
        sidebar, main = app.query_one("#sidebar"), app.query_one("#main")
        if narrow:
            assert sidebar.region.bottom <= main.region.y  # stacked
        else:
            assert sidebar.region.right <= main.region.x  # side by side
        assert app.query_one("#results", DataTable).region.height >= 5


async def test_an_unwritable_cache_is_announced_and_the_app_works(tiny: Path, tmp_path: Path):
    (tmp_path / "file").write_text("")
    app = make_app(tiny, tmp_path / "file" / "cache")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.select_movie(app.main.index.movies.by_tmdb(19995))
        await settle(pilot)
        assert titles(app)[0] == "Apollo 18"
        assert any("not writable" in n.message for n in app._notifications)


async def test_d_steps_through_the_discovery_settings(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r")
        await settle(pilot)
        assert not any("discovery" in item.reason for item in app.main.results.items)
        await pilot.press("d", "d")
        await settle(pilot)
        assert app.main.query_now.discovery == 0.5
        assert "discovery 0.5" in str(app.query_one("#results-title").render())
        # the two films like Avatar are the model's whole list: neither is a discovery
        assert titles(app) == ["Apollo 18", "The Matrix"]
        assert not any("discovery" in item.reason for item in app.main.results.items)
        await pilot.press("d")
        await settle(pilot)
        said = [note for note in notes_said(app) if note.startswith("Discovery")]
        assert len(said) == 1 and said[0].startswith(  # in place of 0.25's and 0.5's
            "Discovery 0.75: less known and more varied picks, each saying what it adds, in "
            "the order chosen")
        await pilot.press("d", "d")  # 1, then back to the model's order
        await settle(pilot)
        assert app.main.query_now.discovery == 0.0
        assert [note for note in notes_said(app) if note.startswith("Discovery")] == [
            "Discovery 0: the model's order."]


async def test_down_from_the_search_box_lands_on_the_first_match(tiny: Path, cache_dir: Path):
    """The box shows its first match under the list's cursor; down went to the list and on
    to the second match (the key reached the list's own binding once the list had the
    focus), so s then rated a film the search had not put first."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.query_one("#movie-search", SearchPane)
        await pilot.press("slash", *"the", "down")
        await settle(pilot)
        assert app.focused is pane.list
        first = pane.table.entry(int(pane.table.search("the")[0]))
        assert pane.entry_at_cursor() == first and app.main.current == first
        await pilot.press("down")
        assert pane.entry_at_cursor() != first  # in the list, down goes on


async def test_c_clears_every_filter_at_once(tiny: Path, cache_dir: Path):
    """Seeing the whole list again took a stop at every box and the genre's list."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r")
        await settle(pilot)
        whole = titles(app)
        app.query_one("#genre", Select).value = "Drama"
        app.main.set_focus(app.main.query_one("#votes"))
        burst(app, "1000")
        await settle(pilot)
        app.main.set_focus(app.main.query_one("#language"))
        burst(app, "frensc")  # it does not parse: still cleared
        await settle(pilot)
        assert titles(app) != whole
        assert "c" in app.main.query_one("#language", Input).value  # typed there, as text
        burst(app, "\x1bc")
        await settle(pilot)
        assert app.main.query_now.movie_filter == MovieFilter() and titles(app) == whole
        assert app.query_one("#genre", Select).value is Select.NULL
        assert [app.main.query_one(f"#{name}", Input).value for name in FILTER_BOXES] == [
            "", "", "", ""]
        burst(app, "c")
        await settle(pilot)
        assert "No filter is set" in list(app._notifications)[-1].message


async def test_tab_from_the_picks_goes_round_to_the_filters(tiny: Path, cache_dir: Path):
    """Tab from the results went on to the strategy tabs atop the screen, though the help
    says tab goes to the filters: "80s" typed for the years then chose a strategy (8) and
    opened the rating (s). The filters and the picks are one ring; the tabs are out of it."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        strategy = app.main.strategy
        burst(app, "\x1b[C\t\t2000s")  # right, into the results; tab, tab: the years
        await settle(pilot)
        assert app.query_one("#years", Input).value == "2000s"
        assert app.main.strategy is strategy and app.screen is app.main
        assert app.main.results.items  # still picks to go round to
        await pilot.press("shift+tab", "shift+tab")  # back round, to the picks
        assert app.focused is not None and app.focused.id == "results"
        # back from the list: its box, the lists' tabs, then round to the picks, past the
        # strategies' (a click still chooses one)
        await pilot.press("left", "shift+tab", "shift+tab", "shift+tab")
        assert app.focused is not None and app.focused.id == "results"
        await pilot.press("shift+tab")
        assert app.focused is not None and app.focused.id == "votes"
        app.query_one("#years", Input).value = "80s"  # years no film has: no picks
        await settle(pilot)
        assert not app.main.results.items and app.focused.id == "votes"
        await pilot.press("tab", "tab")  # no ring without picks: on to the lists' tabs
        assert app.focused is app.query_one("#movie-search", SearchPane).box
        await pilot.click("#story")
        await settle(pilot)
        assert app.main.strategy.name == "story"


@pytest.mark.parametrize("asked", [None, "full"])
async def test_nothing_animates_unless_asked_for(tiny: Path, cache_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 asked: str | None):
    """The strategy tabs' underline slid for a third of a second at every switch, the screen
    drawn again at each step (and sent over SSH): a third of a switch's CPU. It slides where
    TEXTUAL_ANIMATIONS asks for it."""
    if asked:
        monkeypatch.setenv("TEXTUAL_ANIMATIONS", asked)
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        underline = app.main.query_one("#strategies Underline")
        burst(app, "2")  # typed, not pressed: the Pilot's press waits for animations to end
        slid = False
        for _ in range(100):  # the slide takes 0.3 s once the key is in
            await pilot.pause(0.01)
            slid = slid or app.animator.is_being_animated(underline, "highlight_start")
        assert slid is bool(asked)
        await settle(pilot)
        assert app.main.strategy.name == "story"
