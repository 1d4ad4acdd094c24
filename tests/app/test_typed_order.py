"""Keys that change your files act in the order they were typed, arrow keys included: over
SSH a burst such as "down down +" rates the movie the arrows moved to, not the one before."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Static, Tabs

from tests.support import answers_shown, find, make_app, open_quick_start, settle
from tests.support import burst as type_fast
from tui_recsys.app.labels import movie_label
from tui_recsys.app.widgets.virtual_list import VirtualList
from tui_recsys.data.marks_file import SEEN, load_marks
from tui_recsys.data.profile_file import load_profile
from tui_recsys.engine.catalog.entries import MovieEntry
from tui_recsys.engine.catalog.index import MovieIndex, UserIndex
from tui_recsys.engine.engine import Engine

NAMES = {"+": "plus", "-": "minus", " ": "space", "v": "v", "z": "z"}


def burst(app, *keys: str) -> None:
    """Every key queued at once, as a terminal over SSH delivers them."""
    for key in keys:
        app.post_message(events.Key(NAMES.get(key, key), key if len(key) == 1 else None))


def _slow_searches(monkeypatch, table: type[MovieIndex | UserIndex]) -> None:
    """Every search of `table` answers 0.3 s late: after the keys typed right after it."""
    search = table.search

    def slow(index: MovieIndex | UserIndex, query: str):
        time.sleep(0.3)
        return search(index, query)

    monkeypatch.setattr(table, "search", slow)


def _yours() -> tuple[dict[int | None, float], list[int | None]]:
    folder = Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys"
    ratings = {r.tmdb_id: r.stars for r in load_profile(folder / "profile.csv").ratings.values()}
    return ratings, [m.tmdb_id for m in load_marks(folder / "marks.csv").of(SEEN)]


async def _movie_list(pilot) -> tuple[VirtualList, list[MovieEntry]]:
    """The movie list, shown, and its first movies, its cursor on the first."""
    await pilot.press("m")
    await settle(pilot)
    listed = pilot.app.main.pane("movies").list
    assert listed.cursor == 0
    return listed, [pilot.app.main.index.movies.entry(int(key)) for key in listed.keys[:5]]


async def test_a_burst_in_the_movie_list_rates_and_marks_the_rows_the_arrows_reached(
        tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listed, entries = await _movie_list(pilot)
        burst(app, "down", "down", "+", "down", "v")
        await settle(pilot)
        assert listed.cursor == 3
        assert _yours() == ({entries[2].tmdb_id: 4.5}, [entries[3].tmdb_id])
        assert app.main.current == entries[3]


async def test_a_burst_in_the_results_rates_the_row_the_arrows_reached(tiny: Path,
                                                                       cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")  # For you, with no ratings: six movies to rate first
        await settle(pilot)
        table = app.query_one("#results", DataTable)
        table.focus()
        await settle(pilot)
        listed = [item.tmdb_id for item in app.main.results.items]
        burst(app, "down", "down", "-")
        await settle(pilot)
        assert _yours() == ({listed[2]: 1.5}, [])


async def test_a_burst_in_the_quick_start_answers_the_rows_in_order(tiny: Path,
                                                                    cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_quick_start(pilot)
        burst(app, "down", "down", "+", " ", "-")
        await settle(pilot)
        assert answers_shown(screen) == {2: "4.5★", 3: "skipped", 4: "1.5★"}
        burst(app, "up", "v", "enter")
        await settle(pilot)
        assert screen.round == 2


def _prompt_title(app) -> str:
    return str(app.screen.query(Static).first().render())


async def test_stars_typed_in_a_burst_rate_the_row_the_arrows_reached(tiny: Path,
                                                                     cache_dir: Path):
    """s opens its prompt at once (the stars after it are its text), and names the movie once
    the arrows before it have moved: the one it rates."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, entries = await _movie_list(pilot)
        burst(app, "down", "down", "s", "4", "enter")
        await settle(pilot)
        assert app.screen is app.main
        burst(app, "down", "s")
        await settle(pilot)
        assert _prompt_title(app) == f"Rate {movie_label(entries[3])}"
        burst(app, "2", "enter")
        await settle(pilot)
        assert _yours() == ({entries[2].tmdb_id: 4.0, entries[3].tmdb_id: 2.0}, [])


async def test_stars_typed_in_a_burst_in_the_quick_start_rate_the_row_answers_reached(
        tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_quick_start(pilot)
        burst(app, "+", " ", "s")
        await settle(pilot)
        assert _prompt_title(app) == f"Rate {movie_label(screen.movies[2])}"
        burst(app, "3", "enter")
        await settle(pilot)
        burst(app, "s", "2", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert answers_shown(screen) == {0: "4.5★", 1: "skipped", 2: "3★", 3: "2★"}


async def test_people_typed_in_a_burst_are_the_row_the_arrows_reached(tiny: Path,
                                                                     cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, entries = await _movie_list(pilot)
        burst(app, "down", "down", "p", "down", "enter")
        await settle(pilot)
        first_cast = app.main.index.movies.details(entries[2].key).cast[0]
        assert (app.main.strategy.name, app.main.query_now.person) == ("person", first_cast)


async def test_the_details_typed_in_a_burst_are_the_row_the_arrows_reached(
        tiny: Path, cache_dir: Path):
    """`f` opens over the movie the arrows before it reached, and the keys after it reach the
    details it opened ("down down f escape")."""
    from tui_recsys.app.screens.full_details import FullDetails

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, entries = await _movie_list(pilot)
        burst(app, "down", "down", "f")
        await settle(pilot)
        assert isinstance(app.screen, FullDetails)
        assert app.screen.heading is not None
        assert app.screen.heading.plain == f"Current movie: {movie_label(entries[2])}"
        burst(app, "escape", "down", "f", "escape")
        await settle(pilot)
        assert app.screen is app.main and app.main.current == entries[3]


async def test_tune_after_a_strategy_key_offers_the_new_list(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "avatar")
        burst(app, "2")  # by story: a list too short here to tune
        await settle(pilot)
        story = app.main.engine.dimensions(app.main.strategy, app.main._ask(app.main.query_now))
        burst(app, "3", "t")
        await settle(pilot)
        assert app.main.strategy.name == "cast"
        cast = app.main.engine.dimensions(app.main.strategy, app.main._ask(app.main.query_now))
        assert not story.offered and cast.offered and app.screen.dimensions == cast


async def test_keys_after_a_prompt_closes_reach_the_screen_beneath(tiny: Path,
                                                                  cache_dir: Path):
    """Escape or enter closes a prompt from the prompt's own queue: the keys typed after them
    wait for that, and go to the main screen, not to the closing prompt."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "avatar")
        burst(app, "s", "4", "enter", "v")
        await settle(pilot)
        assert app.screen is app.main and _yours() == ({19995: 4.0}, [19995])
        burst(app, "p", "escape", "3")
        await settle(pilot)
        assert app.screen is app.main and app.main.strategy.name == "cast"
        burst(app, "p", "down", "enter", "2")  # the first of the cast's films, then by story
        await settle(pilot)
        assert app.main.strategy.name == "story"
        assert app.main.history[-1].strategy.name == "person"


async def test_keys_typed_while_a_round_is_chosen_answer_it(tiny: Path, cache_dir: Path,
                                                            monkeypatch):
    """The quick start's rounds are chosen off the UI thread: the keys typed meanwhile answer
    the round once it is shown, the first row first."""
    choose = Engine.quick_start

    def slow(engine: Engine, *args, **kwargs):
        time.sleep(0.3)
        return choose(engine, *args, **kwargs)

    monkeypatch.setattr(Engine, "quick_start", slow)
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "k", "+", " ", "-")
        await settle(pilot)
        screen = app.screen
        assert answers_shown(screen) == {0: "4.5★", 1: "skipped", 2: "1.5★"}


async def test_a_round_that_fails_says_so_and_the_keys_go_on(tiny: Path, cache_dir: Path,
                                                             monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(Engine, "quick_start", broken)
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "k", "+")
        await settle(pilot)
        title = str(app.screen.query_one("#quick-title").render())
        assert title == "Something went wrong: RuntimeError: boom"
        burst(app, "escape", "2")
        await settle(pilot)
        assert app.screen is app.main and app.main.strategy.name == "story"


@pytest.mark.parametrize(("typed", "yours"), [
    ("/matrix\r+", ({603: 4.5}, [])),  # enter picks The Matrix; + waits for the pick
    ("/matrix\x1bv", ({}, [603])),  # escape looks at it; v waits for the look
    ("/matrix\rs2\r", ({603: 2.0}, [])),  # s names The Matrix once the search has answered
])
async def test_a_burst_that_searches_acts_on_the_movie_it_found(
        tiny: Path, cache_dir: Path, monkeypatch, typed: str, yours: tuple):
    """A search typed faster than it answers: the key after it acts on what it finds, not
    on the movie highlighted before."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert app.main.current is not None and app.main.current.tmdb_id != 603
        _slow_searches(monkeypatch, MovieIndex)
        type_fast(app, typed)
        await settle(pilot)
        assert _yours() == yours
        assert app.main.current.tmdb_id == 603


async def test_strategy_keys_typed_at_once_end_on_the_last_one(tiny: Path, cache_dir: Path):
    """"4 2" in one burst: each strategy's tab, once shown, no longer answers by choosing its
    strategy again, which had the two tabs choosing each other for ever."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "4", "2", "5", "3")
        await asyncio.wait_for(settle(pilot), timeout=30)
        assert app.main.strategy.name == "cast"
        assert app.query_one("#strategies", Tabs).active == "cast"
        assert [query.strategy.name for query in app.main.history][-3:] == [
            "for-user", "story", "by-ratings"]


async def test_a_strategy_tab_clicked_chooses_its_strategy(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#strategies #for-you")
        await settle(pilot)
        assert app.main.strategy.name == "for-you"
        await pilot.press("backspace")
        await settle(pilot)
        assert app.main.strategy.name == "chart"
        assert app.query_one("#strategies", Tabs).active == "chart"


async def test_a_strategy_key_after_a_search_comes_after_its_pick(
        tiny: Path, cache_dir: Path, monkeypatch):
    """"u /42 enter 5": user 42 picked (their top picks), then 5 (by-ratings), in that order,
    even when the search answers after the 5."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _slow_searches(monkeypatch, UserIndex)
        type_fast(app, "u/42\r5")
        await settle(pilot)
        assert app.main.strategy.name == "by-ratings"
        assert [query.strategy.name for query in app.main.history][-1] == "for-user"


async def test_down_from_a_search_box_in_a_burst_then_a_key_acts_on_the_first_match(
        tiny: Path, cache_dir: Path, monkeypatch):
    """"heat", down, s typed at once over SSH: down reached the list only once it had bubbled
    up from the box, after the s had gone into the box ("heats"). A key after down acts on
    the first match, also when the search answers after it."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        _slow_searches(monkeypatch, MovieIndex)
        type_fast(app, "/matrix")
        burst(app, "down", "+")
        await settle(pilot)
        assert app.main.pane("movies").box.value == "matrix"
        assert _yours() == ({603: 4.5}, [])
        assert app.focused is app.main.pane("movies").list
