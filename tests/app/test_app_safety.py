"""The app under hostile data and careless keys: text from files is shown literally, a rebuild
that does not finish keeps the model in use, and every way out has the right exit status."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.support import (
    MOVIES,
    BlockingTrainer,
    burst,
    find,
    hub_tmdb_frame,
    make_app,
    make_engine,
    movielens_frames,
    picks,
    screen_text,
    seeded_factors,
    settle,
    wait_for,
    write_dataset,
)
from tui_recsys.app.screens.data_error import DataErrorScreen
from tui_recsys.app.widgets.search_pane import SearchPane
from tui_recsys.text import clean

CLICK_TO_QUIT = "[@click=app.quit]Avatar[/]"
BAD_TAG = "Pulp [/nope] Fiction"
STYLED = "[bold red]Loud[/] Matrix"
ESCAPED = "Clash\x1b]0;PWNED\x07 of the\x1b[31m Titans"
ML_BAD_TAG = "Band of [/] Brothers"


def hostile_dataset(root: Path) -> Path:
    frame = hub_tmdb_frame()
    titles = {19995: CLICK_TO_QUIT, 50357: BAD_TAG, 603: STYLED, 18823: ESCAPED}
    frame["title"] = [titles.get(i, t) for i, t in zip(frame["id"], frame["title"],
                                                      strict=True)]
    frame["original_title"] = frame["title"]
    frames = movielens_frames()
    frames["movies"].loc[6, "title"] = f"{ML_BAD_TAG} (2001)"
    return write_dataset(root, tmdb_frame=frame, movielens=frames)


def visible(app) -> str:
    text = screen_text(app)
    assert not any(c in text for c in "\x1b\x07\x9b"), "a control character reached the screen"
    return text


async def test_hostile_titles_are_literal_everywhere(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # short relative names: the header and notices never cut them
    data = hostile_dataset(Path("data[/]"))
    blocker = Path("cache[red]x[/]")
    blocker.parent.mkdir()  # the name holds a slash: "cache[red]x[", then "]"
    blocker.write_text("a file where the cache folder should be")
    app = make_app(data, blocker / "cache")
    async with app.run_test(size=(170, 50), notifications=True) as pilot:
        await settle(pilot)
        text = visible(app)
        assert CLICK_TO_QUIT in text and STYLED in text  # the movie list
        assert "data[/]" in text  # the header names the folder
        assert "cache[red]x[/]" in text  # the cache warning, a notification
        rows = app.query_one("#movie-search VirtualList").keys.tolist()
        row = rows.index(app.main.index.movies.by_tmdb(19995).key)
        await pilot.click("#movie-search VirtualList", offset=(3, row))  # click-to-quit title
        await settle(pilot)
        assert app.is_running and app.main.movie.tmdb_id == 19995
        text = visible(app)
        assert f"story · like {CLICK_TO_QUIT} (2009)" in text  # the results' title
        assert BAD_TAG in text  # a result
        assert f"{CLICK_TO_QUIT} (2009)" in text  # the details
        await pilot.press("3")
        await settle(pilot)
        assert clean(ESCAPED) in visible(app)  # a result of cast & crew
        app.main.select_user(app.main.index.users.by_id(42))
        await settle(pilot)
        assert ML_BAD_TAG in visible(app)  # the favourites
        favourites = app.query_one("#favourites", DataTable)
        assert any(str(favourites.get_row_at(i)[1]) == ML_BAD_TAG
                   for i in range(favourites.row_count))
        await pilot.click("#results", offset=(10, 1))
        await settle(pilot)
        assert app.is_running
        await pilot.press("k")  # the quick start's round: every title of tiny's MovieLens
        await settle(pilot)
        text = visible(app)
        assert "Quick start, round 1" in text and CLICK_TO_QUIT in text and STYLED in text
        assert ML_BAD_TAG in text
        await pilot.press("escape")
        await find(pilot, "loud")
        await pilot.press("s")  # the stars prompt names the movie
        await settle(pilot)
        assert f"Rate {STYLED} (1999)" in visible(app)
        await pilot.press("escape", "p")  # so does the people prompt
        await settle(pilot)
        assert f"Whose films? {STYLED} (1999)" in visible(app)
        await pilot.press("escape", "f")  # and the details whole, heading and text
        await settle(pilot)
        assert visible(app).count(f"{STYLED} (1999)") >= 3  # heading, text, the pane behind


async def test_a_friends_file_name_is_literal_everywhere(tiny: Path, cache_dir: Path,
                                                        tmp_path: Path):
    """A friend's file name is text from outside: the Users list, the heading, the stars'
    reasons, the details and the notice that they joined show it as it is."""
    name = "[red]evil[bold] [@click=app.quit]x\x1b[31m"
    friend = tmp_path / f"{name}.csv"
    friend.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n"
                      "6,,Amelie,2001,4.5,2026-01-01T00:00:00Z\n")
    app = make_app(tiny, cache_dir, friends=[friend])
    async with app.run_test(size=(170, 50), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "g", "down", "g", "8")
        await settle(pilot)
        text, shown = visible(app), clean(name)
        assert f"movie night for {shown}, user 1" in text  # the heading
        assert f"♥ {shown[:20]}" in text  # the Users list, its row cut short
        assert f"would rate it: {shown} " in text  # the reasons
        joined = [n for n in app._notifications if "joins movie night" in n.message]
        assert joined[0].message.startswith(f"User 1 joins movie night: {shown}, user 1.")
        assert not joined[0].markup
        assert app.is_running


async def test_progress_lines_show_paths_literally(tmp_path: Path):
    data = hostile_dataset(tmp_path / "[b]data[/b]")
    app = make_app(data, tmp_path / "cache", trainer=BlockingTrainer())
    async with app.run_test(size=(170, 50)) as pilot:
        await settle(pilot)
        app.main.results.show_progress(f"reading local folder {data}", 0.5)  # as a cold start does
        await pilot.pause()
        assert str(app.query_one("#build-status").render()) == f"reading local folder {data}"
        assert "reading local folder " in visible(app)  # wherever the temporary folder is


class TrainOnceThenFail:
    """The first build succeeds; every later one trains until cancelled, or fails."""

    def __init__(self, cancel: bool) -> None:
        self.blocking = BlockingTrainer() if cancel else None
        self.calls = 0

    def __call__(self, ratings, params, ctx):
        self.calls += 1
        if self.calls == 1:
            return seeded_factors(ratings, params, ctx)
        if self.blocking is None:
            raise RuntimeError("disk on fire")
        return self.blocking(ratings, params, ctx)


@pytest.mark.parametrize(("cancel", "said"), [
    (True, "rebuild cancelled; the previous model is still in use"),
    (False, "rebuild failed (Something went wrong: RuntimeError: disk on fire); the previous "
            "model is still in use"),
], ids=["r then escape", "failed rebuild"])
async def test_an_unfinished_rebuild_keeps_the_working_model(tiny: Path, cache_dir: Path,
                                                             cancel: bool, said: str):
    trainer = TrainOnceThenFail(cancel)
    app = make_app(tiny, cache_dir, trainer=trainer)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.select_user(app.main.index.users.by_id(42))
        await settle(pilot)
        before = [item.title for item in app.main.results.items]
        assert before
        await pilot.press("r")
        if trainer.blocking is not None:
            await wait_for(pilot, trainer.blocking.started)
            # still answering meanwhile
            assert [item.title for item in app.main.results.items] == before
            await pilot.press("escape")
        await settle(pilot)
        assert any(said in n.message for n in app._notifications)
        assert [item.title for item in app.main.results.items] == before
        assert app.engine.is_ready(app.engine.strategy("for-user"))
    again = make_engine(tiny, cache_dir, trainer=lambda *a: pytest.fail("trained again"))
    assert [item.title for item in picks(again, 42, 20).items] == before


@pytest.mark.parametrize("hub", [False, True], ids=["local folder", "hub"])
async def test_the_data_error_screen_says_what_was_tried_and_exits_2(
        tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, hub: bool):
    empty = tmp_path / "empty"
    empty.mkdir()
    if hub:
        monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    app = make_app(None if hub else empty, cache_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DataErrorScreen)
        text = " ".join(visible(app).split())
        if hub:
            assert "tried the Hugging Face Hub" in text
        else:
            assert f"read the local folder {empty}" in text
            assert "Hugging Face Hub datasets are used" not in text
        await pilot.press("q")
    assert app.return_code == (1 if hub else 2)


async def test_ctrl_c_quits_with_130(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir, trainer=BlockingTrainer())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "a")  # even from the search box
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 130


def _box(app) -> str:
    return app.query_one("#movie-search", SearchPane).box.value


async def test_ctrl_z_suspends_even_from_a_box_and_fg_draws_every_cell_again(
        tiny: Path, cache_dir: Path):
    """Over SSH ctrl+z did nothing, where every program in a shell stops; back from `fg`,
    the screen was blank but its first row."""
    app = make_app(tiny, cache_dir)
    suspended: list[str] = []
    app.action_suspend_process = lambda: suspended.append(_box(app))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "a", "ctrl+z")
        await settle(pilot)
        assert suspended == ["a"] and _box(app) == "a"
        drawn: list[dict] = []
        app.refresh = lambda **asked: drawn.append(asked)
        app.app_resume_signal.publish(app)
        await pilot.pause()
        assert drawn == [{"repaint": True, "layout": True}]


async def test_an_unhandled_exception_exits_1_with_its_traceback_in_a_log(
        tiny: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = make_app(tiny, cache_dir)

    def explode() -> None:
        raise ZeroDivisionError("the sky fell")

    app.action_help = explode
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await pilot.pause()
    assert app.return_code == 1
    assert app.crash is not None and "\n" not in app.crash
    assert app.crash.startswith("unexpected error: ZeroDivisionError: the sky fell")
    [log] = (tmp_path / "state").rglob("crash-*.log")
    assert str(log) in app.crash
    assert "Traceback" in log.read_text() and "the sky fell" in log.read_text()
    assert app._exit_renderables == []  # nothing more is printed on the terminal


async def test_a_hostile_name_in_the_search_hint_is_literal(tmp_path: Path):
    """The person a movie search names is said under the box, with their name from the data."""
    hostile = "[@click=app.quit]Stan[/] Kub\x1b[31mrick"
    rows = [(*row[:7], hostile, *row[8:]) if row[0] == 19995 else row for row in MOVIES]
    app = make_app(write_dataset(tmp_path / "data", tmdb_frame=hub_tmdb_frame(rows)),
                   tmp_path / "cache")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, "/stan")
        await settle(pilot)
        assert f"escape, p: {clean(hostile)}'s films" in visible(app)
        burst(app, "\x1bp")
        await settle(pilot)
        assert app.is_running and clean(hostile) in visible(app)  # offered in the prompt
