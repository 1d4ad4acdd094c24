"""The footer of keys: built again when the keys it shows change, and only then."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import make_app, screen_text, settle
from tui_recsys.app.screens.help import HelpScreen
from tui_recsys.app.widgets.keys_footer import KeysFooter


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[KeysFooter]:
    """Each footer, once per time its keys are built."""
    built: list[KeysFooter] = []
    compose = KeysFooter.compose

    def counted(self: KeysFooter) -> Iterator:
        built.append(self)
        yield from compose(self)

    monkeypatch.setattr(KeysFooter, "compose", counted)
    return built


async def test_moving_between_the_lists_and_the_results_leaves_the_footer_be(
        tiny: Path, cache_dir: Path, builds: list[KeysFooter]):
    """Textual's footer built its keys again at every move of the focus, though they were the
    same: half of what a move between the lists and the results cost."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.main.query_one(KeysFooter)
        before = builds.count(footer)
        await pilot.press("down", "right", "left", "right", "left", "u", "m")
        await settle(pilot)
        assert builds.count(footer) == before
        assert "q Quit" in screen_text(app).splitlines()[-1]
        await pilot.press("slash")  # in a text box: only escape (and the palette) are keys
        await settle(pilot)
        assert builds.count(footer) == before + 1
        assert "q Quit" not in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await settle(pilot)
        assert builds.count(footer) == before + 2
        assert "q Quit" in screen_text(app).splitlines()[-1]


async def test_a_footer_whose_screen_closed_is_left_alone(tiny: Path, cache_dir: Path):
    """A footer is built again after the screen refreshes: "?q" typed at once closed help
    first, and reading the keys of a screen no longer there ended the app."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        footer = help_screen.query_one(KeysFooter)
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is app.main and not footer.is_attached
        await footer.recompose()
        await settle(pilot)
        assert app.is_running
