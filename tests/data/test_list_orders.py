"""One order for your lists, in the app (o) and on the command line (--sort)."""

from __future__ import annotations

from tui_recsys.data.list_orders import ORDERS, in_order, next_order

# (title, year, when, stars), in the order made
MOVIES = [("The Matrix", 1999, 300, 4.0), ("Psycho", 1960, 100, None),
          ("Avatar", 2009, 300, 4.0), ("A Beautiful Mind", 2001, 200, 5.0)]


def _sorted(order: str) -> list[str]:
    ordered = in_order(order, MOVIES, lambda movie: (movie[2], movie[0], movie[1], movie[3]))
    return [movie[0] for movie in ordered]


def test_newest_first_a_tie_of_seconds_to_the_one_made_later():
    assert _sorted("newest") == ["Avatar", "The Matrix", "A Beautiful Mind", "Psycho"]


def test_by_title_as_a_library_shelves_it_past_a_leading_article():
    assert _sorted("title") == ["Avatar", "A Beautiful Mind", "The Matrix", "Psycho"]


def test_most_stars_first_ties_to_the_newest_and_none_last():
    assert _sorted("stars") == ["A Beautiful Mind", "Avatar", "The Matrix", "Psycho"]


def test_o_goes_round_the_orders():
    assert [next_order(order) for order in ORDERS] == ["title", "stars", "newest"]
