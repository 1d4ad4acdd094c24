"""The `k` screen: a round of movies answered with one key each, written to your files as
the main screen's keys write them, and enter for the next round, adapted."""

import os
from datetime import date, timedelta
from pathlib import Path

from tests.support import (
    GatedTrainer,
    answers_shown,
    burst,
    make_app,
    open_quick_start,
    press_while_training,
    screen_text,
    settle,
)
from tui_recsys.app.screens.quick_start import QuickStartScreen
from tui_recsys.data.marks_file import NOT_SEEN, SEEN, load_marks
from tui_recsys.data.profile_file import load_profile
from tui_recsys.engine.catalog.your_ratings import not_seen_ids
from tui_recsys.paths import marks_path, profile_path


async def test_a_round_answered_with_one_key_each(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_quick_start(pilot)
        assert screen.round == 1
        first = [entry.ml_id for entry in screen.movies]
        await pilot.press("plus", "space", "v", "minus")
        await settle(pilot)
        assert answers_shown(screen) == {0: "4.5★", 1: "skipped", 2: "seen", 3: "1.5★"}
        profile = load_profile(Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys" / "profile.csv")
        assert {r.movielens_id: r.stars for r in profile.ratings.values()} == {
            first[0]: 4.5, first[3]: 1.5}
        marks = load_marks(Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys" / "marks.csv")
        assert [m.movielens_id for m in marks.of(SEEN)] == [first[2]]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.round == 2
        # never asked again: nothing of the first round (tiny has 7 movies: none left)
        assert not {entry.ml_id for entry in screen.movies} & set(first)
        assert "Nothing more to ask" in str(screen.query_one("#quick-title").render())
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, QuickStartScreen)


async def test_closed_over_the_chart_after_a_first_rating_it_shows_for_you(
        tiny: Path, cache_dir: Path):
    """The chart says "no ratings yet: k for a quick start, then 6 for your picks"; a newcomer
    who rated a round and closed it was left on the chart. Opened with ratings, or over
    another list, or closed without a rating, the list stays."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.main.strategy.name == "chart"
        await open_quick_start(pilot)
        await pilot.press("space", "escape")  # skipped only: nothing to pick from
        await settle(pilot)
        assert app.main.strategy.name == "chart"
        await open_quick_start(pilot)
        await pilot.press("plus", "escape")
        await settle(pilot)
        assert app.main.strategy.name == "for-you"
        await pilot.press("1")
        await settle(pilot)
        await open_quick_start(pilot)  # with a rating: the chart was asked for, and stays
        await pilot.press("minus", "escape")
        await settle(pilot)
        assert app.main.strategy.name == "chart"


def _title(screen: QuickStartScreen) -> str:
    return str(screen.query_one("#quick-title").render())


async def test_answers_show_on_their_rows_the_title_counts_them_and_z_undoes_the_last(
        tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    profile_file = Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys" / "profile.csv"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_quick_start(pilot)
        first = [entry.ml_id for entry in screen.movies]
        assert "(0 ratings so far" in _title(screen)
        toasts = len(app._notifications)
        await pilot.press("plus", "minus")
        await settle(pilot)
        assert "(2 ratings so far" in _title(screen)
        assert len(app._notifications) == toasts  # each answer shows on its row instead
        await pilot.press("z")
        await settle(pilot)
        assert answers_shown(screen) == {0: "4.5★"} and screen.options.highlighted == 1
        assert "(1 rating so far" in _title(screen)
        stars = {r.movielens_id: r.stars for r in load_profile(profile_file).ratings.values()}
        assert stars == {first[0]: 4.5}
        await pilot.press("v", "plus")  # a mark, then a rating of the next row
        await settle(pilot)
        await pilot.press("z")  # undoes the rating; the mark stays, as its row says
        await settle(pilot)
        assert answers_shown(screen) == {0: "4.5★", 1: "seen"} and screen.options.highlighted == 2
        assert "(1 rating so far" in _title(screen)
        marks = load_marks(Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys" / "marks.csv")
        assert [m.movielens_id for m in marks.of(SEEN)] == [first[1]]
        await pilot.press("z", "z")  # z again walks back: the mark, then the first rating
        await settle(pilot)
        assert answers_shown(screen) == {} and screen.options.highlighted == 0
        assert "(0 ratings so far" in _title(screen) and not load_profile(profile_file).ratings
        await pilot.press("z")  # nothing more
        await settle(pilot)
        assert app._notifications and list(app._notifications)[-1].message == "Nothing to undo."


async def test_a_row_holds_one_answer_the_last_in_your_files_as_on_screen(
        tiny: Path, cache_dir: Path):
    """Space after - on a row: the movie is skipped, not rated and skipped (the rating would
    have stayed, and counted, under "skipped"); one z puts the rating back, and the skip goes."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_quick_start(pilot)
        first = screen.movies[0].ml_id
        await pilot.press("minus", "up", "space")
        await settle(pilot)
        assert answers_shown(screen) == {0: "skipped"} and "(0 ratings so far" in _title(screen)
        assert not load_profile(profile_path()).ratings and _not_seen() == {first}
        await pilot.press("z")
        await settle(pilot)
        assert answers_shown(screen) == {0: "1.5★"} and "(1 rating so far" in _title(screen)
        assert [r.movielens_id for r in load_profile(profile_path()).ratings.values()] == [first]
        assert not load_marks(marks_path()).of(NOT_SEEN)
        await pilot.press("v", "up", "plus", "up", "plus")  # seen, then liked: one answer
        await settle(pilot)
        assert answers_shown(screen) == {0: "4.5★"} and not load_marks(marks_path()).of(SEEN)
        await pilot.press("z")  # the same answer twice changed nothing: z undoes the first
        await settle(pilot)
        assert answers_shown(screen) == {0: "seen"} and not load_profile(profile_path()).ratings
        assert [m.movielens_id for m in load_marks(marks_path()).of(SEEN)] == [first]


def _not_seen() -> frozenset[int]:
    return not_seen_ids(load_profile(profile_path()), load_marks(marks_path()))


async def test_a_skip_is_kept_in_your_marks_for_every_quick_start_and_for_you_after(
        tiny: Path, cache_dir: Path):
    """Skipped: you have not seen it. Neither For you's list to rate first nor any quick start
    after, in this session or the next, offers it again; rated after all, it is seen."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        main = app.screen
        offered = [item.movielens_id for item in main.results.items]
        screen = await open_quick_start(pilot)
        skipped = screen.movies[0].ml_id
        assert skipped in offered
        await pilot.press("space", "escape")
        await settle(pilot)
        assert _not_seen() == {skipped}
        assert skipped not in {item.movielens_id for item in main.results.items}
    app = make_app(tiny, cache_dir)  # the next session
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert skipped not in {item.movielens_id for item in app.main.results.items}
        again = await open_quick_start(pilot)
        rows = [entry.ml_id for entry in again.movies]
        assert skipped not in rows
        await pilot.press("space", "v")
        await settle(pilot)
        assert _not_seen() == {skipped, rows[0]}
        await pilot.press("up", "up", "plus")  # the first, rated after all
        await settle(pilot)
        assert _not_seen() == {skipped}
        await pilot.press("z")  # the rating undone: not seen again
        await settle(pilot)
        assert _not_seen() == {skipped, rows[0]} and answers_shown(again)[0] == "skipped"


async def test_rounds_come_at_once_while_the_models_build_under_them(
        tiny: Path, cache_dir: Path):
    """The first training takes minutes at ml-32m: a round does not wait for it. Until the
    models are ready a round is the most rated movies, and the build's progress shows under
    it; closing the screen keeps the build, for For you."""
    trainer = GatedTrainer()
    app = make_app(tiny, cache_dir, trainer=trainer)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_while_training(pilot, trainer, "k")
        screen = app.screen
        assert isinstance(screen, QuickStartScreen) and screen.round == 1 and screen.movies
        assert _title(screen).startswith("Quick start, round 1: movies you have likely seen")
        # The build's share before the step's words, which may hold a share of their own.
        assert _models(screen) == ("Getting the models ready (the first time only, 50% done): "
                                   "training collaborative model, epoch 1/2. Until then a "
                                   "round is the most rated movies.")
        await pilot.press("plus", "enter")  # answered, and the next round: still no models
        await pilot.pause(0.2)
        assert screen.round == 2 and not trainer.release.is_set()
        await pilot.press("escape")  # closed midway: the build goes on, for For you
        await pilot.pause()
        trainer.release.set()
        await settle(pilot)
        assert not isinstance(app.screen, QuickStartScreen)
        assert app.engine.is_ready(app.engine.strategy("for-you"))
        again = await open_quick_start(pilot)
        assert again.movies
        assert not again.query_one("#quick-models").display  # nothing to build


async def test_the_status_says_when_the_models_are_ready(tiny: Path, cache_dir: Path):
    trainer = GatedTrainer()
    app = make_app(tiny, cache_dir, trainer=trainer)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_while_training(pilot, trainer, "k")
        screen = app.screen
        trainer.release.set()
        await settle(pilot)
        assert app.screen is screen
        assert _models(screen) == "The models are ready: the next round adapts to your answers."


def _models(screen: QuickStartScreen) -> str:
    return str(screen.query_one("#quick-models").render())


async def test_space_and_enter_in_the_stars_prompt_are_text_and_submit_there(
        tiny: Path, cache_dir: Path):
    """The quick start's space and enter are priority keys; over its stars prompt they belong
    to the prompt's box: a space is a letter there, enter saves the stars."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_quick_start(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("space", "4", ".", "5")
        await settle(pilot)
        assert app.focused.value == " 4.5" and answers_shown(screen) == {}
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.round == 1 and answers_shown(screen) == {0: "4.5★"}
        await pilot.press("s")  # the next row: seen without stars, on a day
        await settle(pilot)
        burst(app, "seen yesterday\r")
        await settle(pilot)
        assert answers_shown(screen) == {0: "4.5★", 1: "seen"}
        seen = load_marks(marks_path()).of(SEEN)
        assert [(mark.title, mark.marked_on) for mark in seen] == [
            (screen.movies[1].title, (date.today() - timedelta(days=1)).isoformat())]


async def test_at_60_columns_each_answer_shows_on_its_movie_s_line(tiny: Path, cache_dir: Path):
    """The answer sits at the row's right edge at any width; a long title is cut short, not
    the answer, and no row wraps onto a second line."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = await open_quick_start(pilot)
        await pilot.press("plus", "space")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        for row, answer in ((0, "4.5★"), (1, "skipped")):
            title = screen.movies[row].title
            assert any(title in line and line.rstrip(" ▎█").endswith(answer)
                       for line in lines), (title, answer)


async def test_z_puts_a_row_back_after_a_hundred_changes_too(tiny: Path, cache_dir: Path):
    """Past the hundred changes z keeps, the count of them stops growing: an answer was not
    known as one, and z took it out of your files but left it on its row."""
    from tui_recsys.app.your_files import UNDO_DEPTH
    from tui_recsys.data.marks_file import HIDDEN

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        yours, someone = app.main.yours, app.main.index.movies.entry(0)
        for _ in range(UNDO_DEPTH + 1):
            yours.set_mark(someone, HIDDEN, None)
        assert yours.undo_count == UNDO_DEPTH
        screen = await open_quick_start(pilot)
        await pilot.press("plus")
        await settle(pilot)
        assert answers_shown(screen) == {0: "4.5★"}
        await pilot.press("z")
        await settle(pilot)
        assert answers_shown(screen) == {} and not load_profile(profile_path()).ratings
