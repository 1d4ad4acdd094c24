"""The theme chosen in the app's palette is the one the next start opens in: it was chosen
again at every start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import make_app, settle
from tui_recsys.paths import settings_path


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The theme each run of the app opened in; a run picks "nord" in the palette."""
    from tui_recsys.app.recsys_app import RecsysApp

    themes: list[str] = []

    def run_app(app: RecsysApp) -> None:
        themes.append(app.theme)
        app.theme = "nord"

    monkeypatch.setattr(RecsysApp, "run", run_app)
    monkeypatch.setattr("tui_recsys.cli.main.has_terminal", lambda: True)
    return themes


def test_the_palette_s_theme_is_the_next_start_s(tiny: Path, capsys, started: list[str]):
    assert run(capsys, "--data", str(tiny)) == (0, "", "")
    assert json.loads(settings_path().read_text()) == {"theme": "nord"}
    run(capsys, "--data", str(tiny))
    run(capsys, "--data", str(tiny), "--theme", "light")  # the flag wins, for that start
    assert started == ["textual-dark", "nord", "textual-light"]


def test_settings_it_cannot_read_are_said_kept_and_never_replaced(tiny: Path, capsys,
                                                                  started: list[str]):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme = nord\n")  # a person's hand, in another format
    code, out, err = run(capsys, "--data", str(tiny))
    assert code == 0 and out == "" and err.splitlines() == [
        f"tui-recsys: warning: {path}: not settings as tui-recsys writes them (Expecting value, "
        f"line 1); fix or remove the file",
        f"tui-recsys: warning: the theme is not remembered: {path}: not settings as tui-recsys "
        f"writes them (Expecting value, line 1); fix or remove the file"]
    assert path.read_text() == "theme = nord\n" and started == ["textual-dark"]
    path.write_text('{"theme": "a-theme-of-a-later-version", "columns": 3}')
    code, _, err = run(capsys, "--data", str(tiny))
    assert code == 0 and err == (
        f"tui-recsys: warning: {path}: theme 'a-theme-of-a-later-version' is not one this "
        f"version has; the default theme instead (ctrl+p in the app chooses another)\n")
    assert json.loads(path.read_text()) == {"theme": "nord", "columns": 3}  # its own kept


async def test_the_palette_changes_the_theme(tiny: Path, cache_dir: Path):
    """What is remembered is what the palette's "Change theme" sets."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"theme")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"nord", "enter")
        await settle(pilot)
        assert app.theme == "nord"
