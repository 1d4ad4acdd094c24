"""The collector is paused through start-up and always comes back on."""

from __future__ import annotations

import gc
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import make_app, settle
from tui_recsys import collector
from tui_recsys.cli.main import main


@pytest.fixture
def paused():
    collector.pause()
    assert not gc.isenabled()
    yield
    collector.resume()
    gc.unfreeze()  # the rest of the test session collects as usual
    gc.enable()


async def test_the_app_resumes_collection_once_its_lists_are_loaded(paused, tiny: Path,
                                                                    cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main.index is not None
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0


async def test_a_failed_load_resumes_it_too(paused, tmp_path: Path, cache_dir: Path):
    app = make_app(tmp_path / "missing", cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main.index is None
        assert gc.isenabled()


def test_commands_resume_it_before_they_start(paused, tiny: Path, capsys):
    assert main(["recommend", "chart", "-k", "1", "--data", str(tiny)]) == 0
    assert gc.isenabled()


def test_resume_without_pause_changes_nothing():
    gc.disable()
    try:
        collector.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_installed_command_runs_through_the_entry(tiny: Path):
    command = shutil.which("tui-recsys")
    assert command is not None, "tui-recsys is not on PATH: install the project first"
    assert "tui_recsys.startup" in Path(command).read_text()
    result = subprocess.run([command, "recommend", "chart", "-k", "1", "--data",
                             str(tiny)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "1  Avatar  2009" in result.stdout


async def test_keys_typed_before_the_screen_is_up_wait_for_it(tiny: Path, cache_dir: Path):
    """"/alien" typed as the app started (a user who types at once, or keys queued over SSH)
    ended it: "unexpected error: NoMatches: No nodes match 'TabbedContent'", the search key
    reaching a screen whose lists were not there yet. The keys wait for the screen now."""
    from tests.support import burst, make_engine, seeded_factors
    from tui_recsys.app.recsys_app import RecsysApp

    class TypedAtOnce(RecsysApp):
        def on_load(self) -> None:  # after RecsysApp's (Textual calls each class's handler)
            burst(self, "/alien")  # keys queued before the main screen is mounted

    app = TypedAtOnce(make_engine(tiny, cache_dir, trainer=seeded_factors))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.crash is None and app.is_running
        assert app.main.pane("movies").box.value == "alien"
        assert app.focused is app.main.pane("movies").box
