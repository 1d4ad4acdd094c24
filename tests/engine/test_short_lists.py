"""A short list is part of the long one: `-k 2 --more "time travel"` drew twenty
candidates where `-k 10` drew a hundred, and put another film second; `-k 3 --discovery 1`
re-ranked three, and showed a film `-k 10` put fourth. Tuned, it is the long one's start;
re-ranked for discovery, the first of its ten as they were chosen, in the same order."""

from __future__ import annotations

import pytest

from tests.support import RankedStrategy, tmdb_movie_index
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.drawing import drawn
from tui_recsys.engine.question import Ask, Tuning

GENRES = ("Drama", "Comedy", "Horror", "Western", "Documentary")
FILMS = [(90000 + n, f"Film {n}", f"{1950 + n}-01-01", "A film.",
          ("Drama",) if n < 10 else (GENRES[n % 5],),  # the likeliest alike: varied later
          ("time travel",) if n % 17 == 16 else ("film",), (f"Lead {n}", f"Second {n}"),
          f"Director {n}", 6.0, 50 + (n * 37) % 900) for n in range(60)]


@pytest.fixture(scope="module")
def movies(tmp_path_factory: pytest.TempPathFactory) -> MovieIndex:
    return tmdb_movie_index(tmp_path_factory.mktemp("films"), FILMS)


RANKED = [Recommendation(title, int(date[:4]), 1.0 - n / 100, "liked", tmdb_id, None,
                         stars=4.5 - n / 100)
          for n, (tmdb_id, title, date, *_) in enumerate(FILMS)]


@pytest.mark.parametrize("asked", [{"tuning": Tuning(more=("time travel",))},
                                   {"discovery": 1.0}, {"discovery": 0.5}])
def test_k_picks_are_k_of_ten_in_its_order(movies: MovieIndex, asked: dict):
    def titles(k: int) -> list[str]:
        answer = drawn(RankedStrategy(), RANKED, Ask(k=k, **asked), lambda: movies)
        return [item.title for item in answer.items]

    ten = titles(10)
    assert len(ten) == 10
    for k in (1, 2, 3):
        listed = titles(k)
        assert len(listed) == k and listed == [title for title in ten if title in listed], k
        assert listed == ten[:k] or "discovery" in asked
    assert titles(1) == ten[:1]


@pytest.mark.parametrize("level", [0.5, 1.0])
def test_twenty_picks_begin_with_the_ten_then_ten_more(movies: MovieIndex, level: float):
    """The app asks for twenty: re-ranked as one, its first ten were not `-k 10`'s, the list
    `evaluate` measures (better known: the setting did less on screen than measured)."""
    def titles(k: int) -> list[str]:
        answer = drawn(RankedStrategy(), RANKED, Ask(k=k, discovery=level), lambda: movies)
        return [item.title for item in answer.items]

    ten, twenty = titles(10), titles(20)
    assert twenty[:10] == ten and len(set(twenty)) == 20
    assert titles(25)[:20] == twenty
