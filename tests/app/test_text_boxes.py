"""A key typed into a text box is text there and nothing else: every key the app binds to a
character, typed into every box (the two searches, the chart's years, the rating prompt), one
key at a time and in a burst (the burst after a title and years a person would type; key by
key the bound characters alone, each a keystroke the Pilot waits on)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from textual.keys import _character_to_key
from textual.widgets import Input, Select

from tests.support import burst, make_app, screen_text, settle
from tui_recsys.app.recsys_app import RecsysApp
from tui_recsys.app.screens.people import PeoplePrompt
from tui_recsys.app.screens.rate import RatePrompt
from tui_recsys.app.screens.tune import TunePrompt
from tui_recsys.app.widgets.results import FILTER_BOXES
from tui_recsys.paths import marks_path, profile_path

CHARACTERS = {_character_to_key(c): c for c in string.printable if c.isprintable()}


def bound_characters() -> str:
    """Every character some binding of the app or its main screen is bound to."""
    from tui_recsys.app.screens.main_screen import MainScreen

    keys = {key.strip() for binding in [*RecsysApp.BINDINGS, *MainScreen.BINDINGS]
            for key in binding.key.split(",")}
    return "".join(sorted(CHARACTERS[key] for key in keys if key in CHARACTERS))


TYPED = "spider-man 1990-1999 " + bound_characters()


def test_the_typed_text_holds_every_bound_character():
    assert set("+-/sxq?123456") <= set(TYPED)


async def _type(pilot, slowly: bool) -> str:
    """What was typed."""
    typed = bound_characters() if slowly else TYPED
    if slowly:
        await pilot.press(*typed)
    else:
        burst(pilot.app, typed)
    await settle(pilot)
    return typed


def _unchanged(app: RecsysApp, strategy: str) -> None:
    assert app.is_running and app.return_code is None
    assert app.main.strategy.name == strategy
    assert not profile_path().exists()  # nothing was rated
    assert not marks_path().exists()  # nor marked
    assert app.main.query_now.discovery == 0.0  # nor d taken as the discovery key


@pytest.mark.parametrize("slowly", [True, False], ids=["key by key", "burst"])
@pytest.mark.parametrize("box", ["movies", "users", "watchlist", "years", "runtime",
                                 "language", "votes"])
async def test_every_bound_key_is_text_in_a_box(tiny: Path, cache_dir: Path, box: str,
                                                 slowly: bool):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # a movie on screen: a stray - or + would rate it
        await settle(pilot)
        assert app.main.current is not None
        if box in FILTER_BOXES:
            target = app.main.query_one(f"#{box}", Input)
            app.main.set_focus(target)
        else:
            await pilot.press({"users": "u", "watchlist": "y"}.get(box, "m"))
            if box == "watchlist":
                await pilot.press("y")  # Rated, then Watchlist
            await pilot.press("slash")
            target = app.main.pane(box).box
        await settle(pilot)
        assert app.focused is target
        strategy = app.main.strategy.name
        typed = await _type(pilot, slowly)
        assert target.value == typed
        _unchanged(app, strategy)


@pytest.mark.parametrize("slowly", [True, False], ids=["key by key", "burst"])
async def test_every_bound_key_is_text_in_the_genre_list(tiny: Path, cache_dir: Path,
                                                         slowly: bool):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        genre = app.main.query_one("#genre", Select)
        app.main.set_focus(genre)
        await settle(pilot)
        await _type(pilot, slowly)  # the first letter opens the list; all search it
        assert genre.expanded
        await pilot.press("escape")
        await settle(pilot)
        _unchanged(app, "chart")


@pytest.mark.parametrize("slowly", [True, False], ids=["key by key", "burst"])
@pytest.mark.parametrize("key", ["s", "t", "p"], ids=["rate", "tune", "people"])
async def test_every_bound_key_is_text_in_a_prompt(tiny: Path, cache_dir: Path, key: str,
                                                   slowly: bool):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r3")  # a list to tune: more like Avatar, by cast & crew
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, {"s": RatePrompt, "t": TunePrompt, "p": PeoplePrompt}[key])
        typed = await _type(pilot, slowly)
        assert app.screen.query_one(Input).value == typed
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main
        _unchanged(app, "cast")


async def test_a_paste_copied_from_a_coloured_terminal_is_its_letters(tiny: Path,
                                                                      cache_dir: Path):
    """A title copied from a coloured terminal carries its escape codes: pasted into the
    search box, they went in with it and it found nothing; only its letters go in."""
    from textual import events

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        box = app.main.pane("movies").box
        box.post_message(events.Paste("the\tmat\x1b[31mrix\x1b[0m\x07\nsecond line"))
        await settle(pilot)
        assert box.value == "the matrix" and box.cursor_position == len("the matrix")
        assert "1 of " in screen_text(app)  # The Matrix found
        box.value = ""
        box.post_message(events.Paste("avatar\rsecond line"))  # as tmux and terminals paste
        await settle(pilot)
        assert box.value == "avatar"


async def test_a_paste_outside_a_text_box_searches_the_list_on_show(tiny: Path,
                                                                    cache_dir: Path):
    """A title copied from a web page, pasted while a list or the results had the focus, went
    nowhere: it is searched afresh in the list on show, its letters as a paste into the box
    takes them, and no letter of it is a key."""
    from textual import events

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.main.pane("movies").box
        box.value = "heat"  # searched before
        await pilot.press("m", "right")  # the results
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "results"
        app.post_message(events.Paste("the mat\x1b[31mrix\nsecond line"))
        await settle(pilot)
        assert app.focused is box and box.value == "the matrix"
        assert "1 of " in screen_text(app)  # The Matrix found
        _unchanged(app, "chart")  # "t", "m", "r" and the rest were not keys
        await pilot.press("down", "u")  # into the list found, then the Users list
        await settle(pilot)
        assert app.focused is app.main.pane("users").list
        app.post_message(events.Paste("42"))  # the Users list: found by id
        await settle(pilot)
        assert app.focused is app.main.pane("users").box
        assert app.main.pane("users").box.value == "42"
