"""Your lists as the sidebar shows them: the catalogue's movies in the order chosen, searched
within, what the catalogue lacks counted, a mark's stars the catalogue's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_recsys.data.list_orders import ORDERS, next_order
from tui_recsys.data.marks_file import SEEN, WATCHLIST, Mark, Marks
from tui_recsys.data.profile_file import Profile, Rated
from tui_recsys.engine.catalog.your_lists import RATED, your_list
from tui_recsys.engine.engine import Engine

DAY = 86_400


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    profile = Profile(tmp_path / "profile.csv")
    for rating in (Rated(3, 603, "Matrix, The", 1999, 4.0, 10 * DAY),
                   Rated(None, 19995, "Avatar", 2009, 5.0, 12 * DAY),
                   Rated(5, None, "Shawshank", 1994, 4.0, 12 * DAY),  # same second: made later
                   Rated(999, None, "Gone From The Data", 2001, 3.0, 11 * DAY)):
        profile.put(rating)
    return profile


def _titles(listed) -> list[str]:
    return [listed.entry(position).title for position in range(len(listed))]


def test_ratings_sort_by_date_title_and_stars(engine: Engine, profile: Profile, tmp_path: Path):
    movies = engine.index().movies
    marks = Marks(tmp_path / "marks.csv")
    by = {order: your_list(RATED, order, profile, marks, movies) for order in ORDERS}
    assert _titles(by["newest"]) == ["The Shawshank Redemption", "Avatar", "The Matrix"]
    assert _titles(by["title"]) == ["Avatar", "The Matrix", "The Shawshank Redemption"]
    # most stars first; a tie goes to the newest
    assert _titles(by["stars"]) == ["Avatar", "The Shawshank Redemption", "The Matrix"]
    assert by["newest"].missing == 1  # rated in other data: counted, not listed
    assert [row.day for row in by["newest"].rows] == ["1970-01-13", "1970-01-13", "1970-01-11"]
    assert [row.stars for row in by["stars"].rows] == [5.0, 4.0, 4.0]
    assert [next_order(order) for order in ORDERS] == ["title", "stars", "newest"]


def test_a_lists_search_keeps_its_order_and_finds_only_its_movies(engine: Engine,
                                                                  profile: Profile,
                                                                  tmp_path: Path):
    listed = your_list(RATED, "newest", profile, Marks(tmp_path / "marks.csv"),
                       engine.index().movies)
    assert [listed.entry(int(p)).title for p in listed.search("the")] == [
        "The Shawshank Redemption", "The Matrix"]
    assert list(listed.search("host")) == []  # in the catalogue, not in the list


def test_a_search_in_a_sorted_list_keeps_the_lists_order_over_where_the_words_start(
        engine: Engine, profile: Profile, tmp_path: Path):
    """Newest first, "a" finds The Shawshank Redemption before Avatar, as the list says,
    where the movie list would put the title that starts with it first."""
    listed = your_list(RATED, "newest", profile, Marks(tmp_path / "marks.csv"),
                       engine.index().movies)
    assert [listed.entry(int(p)).title for p in listed.search("a")] == [
        "The Shawshank Redemption", "Avatar", "The Matrix"]
    fuzzy = listed.search("mtx")  # its letters in order, with gaps: still found
    assert [listed.entry(int(p)).title for p in fuzzy] == ["The Matrix"]


def test_a_marks_stars_are_what_people_gave_it(engine: Engine, profile: Profile,
                                               tmp_path: Path):
    movies = engine.index().movies
    marks = Marks(tmp_path / "marks.csv")
    marks.add(Mark(WATCHLIST, None, 9087, "The American President", 1995, 5 * DAY))
    marks.add(Mark(WATCHLIST, 3, 603, "The Matrix", 1999, 6 * DAY))
    marks.add(Mark(SEEN, 5, 278, "Shawshank", 1994, 7 * DAY))
    watchlist = your_list(WATCHLIST, "stars", profile, marks, movies)
    # The Matrix: MovieLens' mean of its one rating, 5.0; The American President: 4.5 there
    assert [(r.stars) for r in watchlist.rows] == [5.0, 4.5]
    assert _titles(your_list(WATCHLIST, "newest", profile, marks, movies)) == [
        "The Matrix", "The American President"]
    assert _titles(your_list(SEEN, "newest", profile, marks, movies)) == [
        "The Shawshank Redemption"]
