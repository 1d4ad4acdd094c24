"""Snapshots of the main screen for each strategy, narrow and wide.

Update after an intended change with `python -m pytest tests/test_snapshots.py
--snapshot-update`, then look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import make_app, settle, write_dataset


async def _pick(pilot, strategy: str) -> None:
    await settle(pilot)
    app = pilot.app
    if strategy in ("2", "3", "5"):
        app.main.select_movie(app.main.index.movies.by_tmdb(19995))
    elif strategy == "4":
        app.main.select_user(app.main.index.users.by_id(42))
    await settle(pilot)
    await pilot.press(strategy)
    await settle(pilot)
    await pilot.wait_for_scheduled_animations()  # the tabs' underline, on its way to the key


@pytest.mark.parametrize("size", [(80, 24), (130, 40)], ids=["80x24", "130x40"])
@pytest.mark.parametrize("strategy", ["1", "2", "3", "4", "5", "6"],
                         ids=["charts", "story", "cast", "user", "ratings", "for-you"])
def test_main_screen(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     strategy: str, size: tuple[int, int]):
    monkeypatch.chdir(tmp_path)  # the header names the data folder: keep it the same
    write_dataset(Path("data"))
    app = make_app(Path("data"), tmp_path / "cache")
    assert snap_compare(app, terminal_size=size,
                        run_before=lambda pilot: _pick(pilot, strategy))


async def _watchlist(pilot) -> None:
    """The watchlist shown and sorted by title; story filtered by votes."""
    await settle(pilot)
    main = pilot.app.main
    main.select_movie(main.index.movies.by_tmdb(13))
    main.query_one("#votes").value = "1000"
    await pilot.press("y", "y", "o")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (130, 40)], ids=["80x24", "130x40"])
def test_your_watchlist_and_the_filter_bar(snap_compare, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           size: tuple[int, int]):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(tmp_path / "marks.csv"))
    (tmp_path / "marks.csv").write_text(  # marked on fixed days: the snapshot stays the same
        "mark,movielens_id,tmdb_id,title,year,marked_at\n"
        "watchlist,3,603,The Matrix,1999,2024-05-01T20:00:00Z\n"
        "watchlist,4,13,Forrest Gump,1994,2024-06-01T20:00:00Z\n")
    write_dataset(Path("data"))
    app = make_app(Path("data"), tmp_path / "cache")
    assert snap_compare(app, terminal_size=size, run_before=_watchlist)


async def _full_details(pilot) -> None:
    """Avatar's details whole, over the chart (`f`)."""
    await _pick(pilot, "1")
    pilot.app.main.select_movie(pilot.app.main.index.movies.by_tmdb(19995))
    await settle(pilot)
    # Choosing Avatar moves the tabs' underline from chart to story: in one full run the
    # picture caught it on its way.
    await pilot.wait_for_scheduled_animations()
    await pilot.press("f")
    await settle(pilot)


def test_the_details_whole_at_80x24(snap_compare, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    write_dataset(Path("data"))
    app = make_app(Path("data"), tmp_path / "cache")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_full_details)
