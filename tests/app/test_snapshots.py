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


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("strategy", ["1", "2", "3", "4", "5", "6"],
                         ids=["charts", "story", "cast", "user", "ratings", "for-you"])
def test_main_screen(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     strategy: str, size: tuple[int, int]):
    monkeypatch.chdir(tmp_path)  # the header names the data folder: keep it the same
    write_dataset(Path("data"))
    app = make_app(Path("data"), tmp_path / "cache")
    assert snap_compare(app, terminal_size=size,
                        run_before=lambda pilot: _pick(pilot, strategy))
