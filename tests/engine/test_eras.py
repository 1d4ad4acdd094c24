"""The years a person watches, as For you reads them (`engine/models/eras.py`), and the
rating model's stars as a signal of For you's."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.support import make_engine, seeded_factors
from tui_recsys.data.profile_file import Rated
from tui_recsys.engine.models.eras import Eras


def test_closeness_is_the_mean_over_what_was_watched_of_exp_minus_years_apart_over_spread():
    eras = Eras(np.array([1990.0, 2000.0, np.nan, 1995.0, 1990.0]))
    assert eras.closeness(np.array([0]), 10.0) == pytest.approx(
        [1.0, np.exp(-1.0), 0.0, np.exp(-0.5), 1.0])
    # two films watched, of 1990 and 2000: each movie's mean over both
    assert eras.closeness(np.array([0, 1]), 10.0) == pytest.approx(
        [(1 + np.exp(-1)) / 2, (1 + np.exp(-1)) / 2, 0.0, np.exp(-0.5), (1 + np.exp(-1)) / 2])
    # the same film twice (rated, and a second copy) counts twice; a yearless one not at all
    assert eras.closeness(np.array([0, 4, 1, 2]), 10.0) == pytest.approx(
        [(2 + np.exp(-1)) / 3, (1 + 2 * np.exp(-1)) / 3, 0.0, np.exp(-0.5),
         (2 + np.exp(-1)) / 3])
    assert eras.closeness(np.array([0]), 5.0)[3] == pytest.approx(np.exp(-1.0))  # 5 apart
    assert eras.closeness(np.array([2]), 10.0).tolist() == [0.0] * 5  # no year to go by
    assert eras.closeness(np.array([], dtype=np.int64), 10.0).tolist() == [0.0] * 5


def test_a_films_decade_in_words():
    eras = Eras(np.array([1999.0, 2000.0, np.nan]))
    assert [eras.decade(position) for position in range(3)] == ["the 1990s", "the 2000s", ""]


@pytest.fixture
def for_you(tiny: Path, cache_dir: Path):
    engine = make_engine(tiny, cache_dir, trainer=seeded_factors)
    return engine.model(engine.strategy("for-you"))


GUMP = [Rated(4, 13, "Forrest Gump", 1994, 5.0)]


def test_where_the_years_weigh_most_the_films_nearest_yours_come_first_and_say_so(for_you):
    for_you.weights = replace(for_you.weights, era=100.0)
    picks, _ = for_you.answer(GUMP, 4)
    gaps = [abs(item.year - 1994) for item in picks]
    assert gaps == sorted(gaps) and gaps[0] == 0  # The Shawshank Redemption, 1994
    assert picks[0].title == "The Shawshank Redemption"
    assert "from the 1990s, like much of what you watched" in picks[0].reason.split("; ")
    # a friend's picks say whose years they are
    picks, _ = for_you.answer(GUMP, 1, rater="Sam")
    assert "from the 1990s, like much of what Sam watched" in picks[0].reason


def test_where_the_stars_weigh_most_the_films_expected_highest_come_first_and_say_so(for_you):
    for_you.weights = replace(for_you.weights, stars=1000.0)
    picks, _ = for_you.answer(GUMP, 4)
    stars = [item.stars for item in picks if item.stars is not None]
    assert len(stars) >= 3 and stars == sorted(stars, reverse=True)
    assert "you may rate it highly" in picks[0].reason.split("; ")

