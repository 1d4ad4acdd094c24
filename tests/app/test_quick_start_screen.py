"""The `k` screen: a round of movies answered with one key each, written to your files as
the main screen's keys write them, and enter for the next round, adapted."""

import os
from pathlib import Path

from tests.support import make_app, settle
from tui_recsys.app.screens.quick_start import QuickStartScreen
from tui_recsys.data.marks_file import SEEN, load_marks
from tui_recsys.data.profile_file import load_profile


async def test_a_round_answered_with_one_key_each(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuickStartScreen) and screen.round == 1
        first = [entry.ml_id for entry in screen.movies]
        await pilot.press("plus", "space", "v", "minus")
        await settle(pilot)
        assert [screen.answers.get(row) for row in range(4)] == ["4.5★", "skipped", "seen",
                                                                  "1.5★"]
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
