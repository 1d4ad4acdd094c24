"""The theme chosen in the app's palette, and the discovery setting chosen with d, are the ones
the next start opens in: they were chosen again at every start."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import make_app, settle
from tui_recsys.engine.engine import Engine
from tui_recsys.paths import settings_path


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[str, ...]]]:
    """The theme each run of the app opened in, and what it had to say at once; a run picks
    "nord" in the palette."""
    from tui_recsys.app.recsys_app import RecsysApp

    runs: list[tuple[str, tuple[str, ...]]] = []

    def run_app(app: RecsysApp) -> None:
        runs.append((app.theme, app._notices))
        app.theme = "nord"

    monkeypatch.setattr(RecsysApp, "run", run_app)
    monkeypatch.setattr("tui_recsys.cli.main.has_terminal", lambda: True)
    return runs


def test_the_palette_s_theme_is_the_next_start_s(tiny: Path, capsys, started: list):
    assert run(capsys, "--data", str(tiny)) == (0, "", "")
    assert json.loads(settings_path().read_text()) == {"theme": "nord"}
    run(capsys, "--data", str(tiny))
    run(capsys, "--data", str(tiny), "--theme", "light")  # the flag wins, for that start
    assert started == [("textual-dark", ()), ("nord", ()), ("textual-light", ())]


def test_any_theme_the_palette_offers_can_be_named_on_the_command_line(tiny: Path, capsys,
                                                                     started: list):
    """Only dark and light were accepted, though the palette offers nord and the next start
    opens in it."""
    for given in ("nord", "Rose Pine", "textual-light"):
        assert run(capsys, "--data", str(tiny), "--theme", given) == (0, "", "")
    assert [theme for theme, _ in started] == ["nord", "rose-pine", "textual-light"]
    code, out, err = run(capsys, "--data", str(tiny), "--theme", "nrod")
    assert (code, out) == (2, "") and len(started) == 3  # said before the app took the screen
    assert err.startswith("tui-recsys: unknown theme 'nrod'; did you mean nord? choose one "
                          "of: dark, light, ansi-dark, ") and err.count("\n") == 1


def test_settings_it_cannot_read_are_said_kept_and_never_replaced(tiny: Path, capsys,
                                                                  started: list):
    """Said in the app, where they are seen (on stderr before it took the screen, they were
    read only after quitting); the theme not remembered, after it, on stderr."""
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme = nord\n")  # a person's hand, in another format
    code, out, err = run(capsys, "--data", str(tiny))
    unreadable = (f"{path}: not settings as tui-recsys writes them (Expecting value, line 1); "
                  f"fix or remove the file")
    assert (code, out) == (0, "") and started == [("textual-dark", (unreadable,))]
    assert err == f"tui-recsys: warning: the theme is not remembered: {unreadable}\n"
    assert path.read_text() == "theme = nord\n"
    path.write_text('{"theme": "a-theme-of-a-later-version", "columns": 3}')
    code, _, err = run(capsys, "--data", str(tiny))
    assert code == 0 and err == "" and started[-1] == ("textual-dark", (
        "The theme your settings name, 'a-theme-of-a-later-version', is not one this version "
        "has: the default instead (ctrl+p chooses another).",))
    assert json.loads(path.read_text()) == {"theme": "nord", "columns": 3}  # its own kept


def test_the_discovery_setting_is_the_next_start_s_and_not_the_command_line_s(
        tiny: Path, capsys, monkeypatch: pytest.MonkeyPatch):
    """Set with d at every start, where a person keeps to "adventurous" week after week; a
    script's `recommend` stays as it was, whoever last ran the app."""
    from tui_recsys.app.recsys_app import RecsysApp

    opened: list[tuple[float, tuple[str, ...]]] = []
    themes: list[str] = []

    def run_app(app: RecsysApp) -> None:
        opened.append((app.main.query_now.discovery, app._notices))
        themes.append(app.theme)
        app.main.query_now = replace(app.main.query_now, discovery=0.75)  # as d sets it

    monkeypatch.setattr(RecsysApp, "run", run_app)
    monkeypatch.setattr("tui_recsys.cli.main.has_terminal", lambda: True)
    assert run(capsys, "--data", str(tiny)) == (0, "", "")
    path = settings_path()
    assert json.loads(path.read_text()) == {"discovery": 0.75}
    assert run(capsys, "--data", str(tiny), "--theme", "nord") == (0, "", "")
    assert opened == [(0.0, ()), (0.75, ())]
    asked: list[float] = []
    recommend = Engine.recommend
    monkeypatch.setattr(Engine, "recommend", lambda self, strategy, ask, ctx=None: (
        asked.append(ask.discovery), recommend(self, strategy, ask, ctx))[1])
    assert run(capsys, "recommend", "chart", "--data", str(tiny))[0] == 0 and asked == [0.0]
    path.write_text('{"discovery": "high", "theme": "nord"}')  # by hand: said in the app
    assert run(capsys, "--data", str(tiny))[0] == 0
    assert opened[-1] == (0.0, (f"{path}: discovery 'high' is not a setting from 0 to 1; fix "
                                f"or remove the file",))
    assert themes[-1] == "nord"  # the setting that can be read is kept
    # the one then chosen with d takes its place; the theme stays
    assert json.loads(path.read_text()) == {"discovery": 0.75, "theme": "nord"}


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


async def test_what_the_command_line_has_to_say_shows_in_the_app(tiny: Path, cache_dir: Path):
    from tests.support import make_engine
    from tui_recsys.app.friends import Friends
    from tui_recsys.app.recsys_app import RecsysApp

    engine = make_engine(tiny, cache_dir)
    app = RecsysApp(engine, friends=Friends((), engine), theme="a-theme-of-a-later-version",
                    notices=["settings.json: not settings as tui-recsys writes them"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = [notice.message for notice in app._notifications]
        assert said == ["settings.json: not settings as tui-recsys writes them",
                        "The theme your settings name, 'a-theme-of-a-later-version', is not one "
                        "this version has: the default instead (ctrl+p chooses another)."]
        assert app.theme == "textual-dark"
