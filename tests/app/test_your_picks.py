"""Rating in the app: three movies rated, and "For you" follows them."""

from __future__ import annotations

import os
from pathlib import Path

from textual import events
from textual.widgets import Input

from tests.support import (
    BlockingTrainer,
    GatedTrainer,
    burst,
    make_app,
    press_while_training,
    screen_text,
    settle,
    wait_for,
)
from tui_recsys.app.widgets.search_pane import SearchPane
from tui_recsys.data.marks_file import HIDDEN, WATCHLIST, load_marks
from tui_recsys.data.profile_file import load_profile
from tui_recsys.paths import profile_path


async def _find(pilot, title: str) -> None:
    """Search, and leave the box on the first match: the movie in the details pane."""
    burst(pilot.app, f"/{title}")
    await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)


def _notes(app) -> list[str]:
    said: list[str] = []
    notify = app.notify

    def record(message: str, **options: object) -> None:
        said.append(message)
        notify(message, **options)

    app.notify = record
    return said


async def _rate(pilot, title: str, stars: str) -> None:
    await _find(pilot, title)
    await pilot.press("s")
    await settle(pilot)
    for key in stars:
        await pilot.press("full_stop" if key == "." else key)
    await pilot.press("enter")
    await settle(pilot)


def _title(app) -> str:
    return str(app.query_one("#results-title").render())


async def test_rating_three_movies_changes_for_you(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # the chart a newcomer opens on offers it too, as nothing else on screen does
        assert _title(app) == "chart · no ratings yet: k for a quick start, then 6 for your picks"
        await pilot.press("6")
        await settle(pilot)
        starters = [item.title for item in app.main.results.items]
        assert starters and "rate it to start" in app.main.results.items[0].reason
        # the quick start is offered where a newcomer looks: its key is nowhere else
        assert _title(app) == "for-you · no ratings yet: k for a quick start (10 make For you good)"
        await _rate(pilot, "matrix", "5")
        await _rate(pilot, "avatar", "4.5")
        await _rate(pilot, "shawshank", "2")
        await pilot.press("6")
        await settle(pilot)
        assert _title(app) == "for-you · 3 ratings: k for a quick start (10 make For you good)"
        await pilot.press("d", "d")  # how it is drawn, whole at 80 columns, before the rest
        await settle(pilot)
        assert _title(app) == "for-you · 3 ratings: k for a quick start · discovery 0.5"
        await pilot.press("d", "d", "d")
        await settle(pilot)
        picks = [item.title for item in app.main.results.items]
        assert picks and picks != starters
        assert not {"The Matrix", "Avatar", "The Shawshank Redemption"} & set(picks)
        assert "Stars" in screen_text(app)  # predicted stars, a column of their own
        assert any(item.stars is not None for item in app.main.results.items)
        await pilot.press("1")
        await settle(pilot)
        assert _title(app).startswith("chart · the best-rated movies")  # rated: as it was
    profile = load_profile(profile_path())
    assert sorted((r.title, r.stars) for r in profile.ratings.values()) == [
        ("Avatar", 4.5), ("The Matrix", 5.0), ("The Shawshank Redemption", 2.0)]
    assert Path(os.environ["XDG_DATA_HOME"]) in profile.path.parents


async def test_like_dislike_remove_and_a_bad_value_keeps_the_prompt(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await _find(pilot, "matrix")
        await pilot.press("plus")
        await settle(pilot)
        assert load_profile(profile_path()).find(3, None).stars == 4.5
        await pilot.press("minus")
        await settle(pilot)
        assert load_profile(profile_path()).find(3, None).stars == 1.5
        await pilot.press("x")
        await settle(pilot)
        assert len(load_profile(profile_path())) == 0
        await pilot.press("s", "9", "enter")
        await settle(pilot)
        assert "0.5 to 5" in screen_text(app) and "Rate The Matrix" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert len(load_profile(profile_path())) == 0


async def test_rating_with_nothing_on_screen_says_what_to_do(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = _notes(app)
        app.main.current = None
        await pilot.press("plus")
        await settle(pilot)
        assert said == ["Highlight a movie first: in a list or in the results."]


async def test_you_lead_the_users_list_and_enter_gives_your_picks(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _rate(pilot, "matrix", "5")
        await _rate(pilot, "avatar", "3")
        await _rate(pilot, "host", "4")
        await pilot.press("u")
        await settle(pilot)
        assert "You  " in screen_text(app) and "3 rated" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.strategy.name == "for-you"
        assert "for-you · 3 ratings: k for a quick start" in screen_text(app)
        assert not {"The Matrix", "Avatar"} & {item.title for item in app.main.results.items}
        burst(app, "/42")
        await settle(pilot)
        assert "You  " not in screen_text(app)  # only "you" (or nothing) finds you


async def test_a_damaged_profile_is_said_and_left_as_it_is(tiny: Path, cache_dir: Path):
    damaged = "movielens_id,tmdb_id,title,year,rating,rated_at\n3,,The Matrix,1999,11,0\n"
    path = profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(damaged)
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # the chart cannot leave out what you rated, so it shows no first pick: the movie
        # list's row on screen is the current one, for s to act on
        first = app.query_one("#movie-search", SearchPane).entry_at_cursor()
        assert first is not None and app.main.current == first
        said = _notes(app)
        await _find(pilot, "avatar")
        await pilot.press("plus")
        await settle(pilot)
        assert len(said) == 1 and "row 2" in said[0] and "copy is kept" in said[0]
        await pilot.press("6")
        await settle(pilot)
        # For you says why it cannot answer (read from the message, not the screen, where a
        # long temporary path would wrap it at any place)
        assert "row 2" in str(app.query_one("#results-message").render())
    assert path.read_text() == damaged
    assert [p.read_text() for p in path.parent.glob("profile.csv.damaged-*")] == [damaged]


async def test_backspace_edits_a_box_in_order_even_in_a_burst(tiny: Path, cache_dir: Path):
    """In the search box and the rating prompt, backspace deletes the letter before it, also
    when the keys come at once (a paste, a slow SSH link), and never goes back instead."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "/matx\x7frix")
        await settle(pilot)
        assert app.focused.value == "matrix"
        await pilot.press("backspace")
        await settle(pilot)
        assert app.focused.value == "matri"
        await pilot.press("escape")
        await settle(pilot)
        burst(app, "s9\x7f4.5\r")
        await settle(pilot)
    assert load_profile(profile_path()).find(3, None).stars == 4.5


async def test_for_you_with_no_ratings_lists_movies_to_rate_while_the_models_train(
        tiny: Path, cache_dir: Path):
    trainer = GatedTrainer()
    app = make_app(tiny, cache_dir, trainer=trainer)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_while_training(pilot, trainer, "6")
        results = app.main.results
        assert results.query_one("#build").display  # the training goes on, shown
        listed = [item.title for item in results.items]
        assert listed and all("rate it to start" in item.reason for item in results.items)
        trainer.release.set()
        await settle(pilot)
        assert not results.query_one("#build").display
        assert [item.title for item in results.items] == listed
        assert app.engine.is_ready(app.engine.strategy("for-you"))


async def test_a_cancelled_first_training_leaves_the_list_to_rate_first(tiny: Path,
                                                                        cache_dir: Path):
    trainer = BlockingTrainer()
    app = make_app(tiny, cache_dir, trainer=trainer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await wait_for(pilot, trainer.started)
        listed = [item.title for item in app.main.results.items]
        await pilot.press("escape")
        await settle(pilot)
        assert [item.title for item in app.main.results.items] == listed and listed
        assert not app.main.results.query_one("#build").display
        assert "Build cancelled" in list(app._notifications)[-1].message


async def test_marking_a_movie_seen_moves_for_you_as_a_choice(tiny: Path, cache_dir: Path):
    """Seen, not rated: For you reads it as a choice, and its list to rate first gives way to
    picks that say so."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        results = app.main.results
        assert all("rate it to start" in item.reason for item in results.items)
        marked = app.main.current
        assert marked is not None
        await pilot.press("v")
        await settle(pilot)
        assert results.items and not any("rate it to start" in item.reason
                                         for item in results.items)
        assert marked.title not in {item.title for item in results.items}
        assert any("which you saw" in item.reason for item in results.items)


async def test_the_arrows_home_and_delete_edit_a_box_in_order_even_in_a_burst(
        tiny: Path, cache_dir: Path):
    """"1990", left, left, right, "x" read "1990x": the letters were inserted as they came,
    the arrows once their keys had bubbled up to the app."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        years = app.main.query_one("#years", Input)
        app.main.set_focus(years)
        keys = [*"1990", "left", "left", "right", "x", "home", "delete", "end", "0"]
        for key in keys:  # at once, as a paste or a slow SSH link delivers them
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert years.value == "99x00"


async def test_with_ten_ratings_for_you_says_what_it_is_again(tiny: Path, cache_dir: Path):
    profile = profile_path()
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n" + "".join(
        f"{movie},,Movie {movie},2000,4,2026-01-01T00:00:00Z\n" for movie in range(1, 11)))
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert _title(app).startswith("for-you · your ratings folded in")


async def test_a_profile_named_keeps_its_marks_beside_it(tiny: Path, cache_dir: Path,
                                                          tmp_path: Path, monkeypatch):
    """`--profile alice.csv` (or $TUI_RECSYS_PROFILE) in the app marks films in alice.marks.csv,
    not in the marks every other profile on the machine reads; a film hidden, then put on the
    watchlist, is hidden no more (it stayed so, and left out of "only my watchlist")."""
    monkeypatch.setenv("TUI_RECSYS_PROFILE", str(tmp_path / "alice.csv"))
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _find(pilot, "matrix")
        await pilot.press("n", "w")  # not interested; on second thoughts, to watch
        await settle(pilot)
        marks = load_marks(tmp_path / "alice.marks.csv")
        assert [m.title for m in marks.of(WATCHLIST)] == ["The Matrix"] and not marks.of(HIDDEN)
        said = [n.message for n in app._notifications]
        assert any("The Matrix (1999): on your watchlist; recommended again · z undoes" in m
                   for m in said), said
        await pilot.press("z")  # one z: hidden again, and off the watchlist
        await settle(pilot)
    marks = load_marks(tmp_path / "alice.marks.csv")
    assert [m.title for m in marks.of(HIDDEN)] == ["The Matrix"] and not marks.of(WATCHLIST)
    assert not (Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys" / "marks.csv").exists()


async def test_a_profile_named_before_its_marks_were_kept_beside_it_is_told_where_they_are(
        tiny: Path, cache_dir: Path, tmp_path: Path, monkeypatch):
    """Someone who used --profile when every profile's marks went to the default's found an
    empty watchlist and no word why: the app says where they are and the import that brings
    them, until the profile has marks of its own."""
    folder = Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys"
    folder.mkdir(parents=True)
    (folder / "marks.csv").write_text("mark,movielens_id,tmdb_id,title,year,marked_at\n"
                                      "watchlist,3,603,The Matrix,1999,0\n")
    monkeypatch.setenv("TUI_RECSYS_PROFILE", str(tmp_path / "alice.csv"))
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = " ".join(n.message for n in app._notifications)
        assert (f"The default profile's marks are in {folder / 'marks.csv'}: `tui-recsys "
                f"--profile {tmp_path / 'alice.csv'} import {folder / 'marks.csv'}` brings "
                f"them to this profile.") in said
        await _find(pilot, "avatar")
        await pilot.press("w")
        await settle(pilot)
    again = make_app(tiny, cache_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not any("default profile" in n.message for n in again._notifications)


async def test_with_ratings_the_app_opens_on_for_you_once_its_models_are_cached(
        tiny: Path, cache_dir: Path):
    """A weekly visit opened on the chart, the same every week: your picks were a key away.
    Until For you's models are cached the chart opens, and nothing trains unasked."""
    profile = profile_path()
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n"
                       "1,,Movie 1,2000,4,2026-01-01T00:00:00Z\n")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for_you = app.main.engine.strategy("for-you")
        assert app.main.strategy.name == "chart" and not app.main.builds
        assert not app.main.engine.is_ready(for_you)
        app.main.engine.prepare(for_you)
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.main.strategy.name == "for-you"
        assert _title(app).startswith("for-you · 1 rating")
        assert app.main.results.items
    profile.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:  # no rating: the chart
        await settle(pilot)
        assert app.main.strategy.name == "chart"
