"""How a list of yours (ratings, watchlist, seen, hidden) is sorted: one rule for the app's `o`
and the command line's `--sort`, so that `tui-recsys profile` lists what the Rated tab shows,
in its order. Newest first is the default (what you did lately is what you look for); ties go
to the one made later, then to the title, so a list never shuffles between two looks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from tui_recsys.data.titles import fold, without_article

T = TypeVar("T")

ORDERS = ("newest", "title", "stars")  # the first by default
NAMES = {"newest": "newest first", "title": "by title", "stars": "most stars first"}


def next_order(order: str) -> str:
    """The order after `order`, round again after the last."""
    return ORDERS[(ORDERS.index(order) + 1) % len(ORDERS)]


def in_order(order: str, movies: Sequence[T],
             described: Callable[[T], tuple[int, str, int | None, float | None]]) -> list[T]:
    """`movies` (in the order they were made, which breaks ties of whole seconds) sorted by
    `order`; `described` says of each when it was rated or marked (seconds, 0 where not
    known), its title (by its first word after an article, as a library shelves it), its year
    and its stars (None, where nobody gave any, last)."""
    def key(pair: tuple[int, T]) -> tuple[object, ...]:
        made, (when, title, year, stars) = pair[0], described(pair[1])
        newest = (-when, -made)
        by_title = (without_article(fold(title)), year or 0)  # The Matrix among the M's
        most_stars = -(stars if stars is not None else -1.0)
        return {"newest": (*newest, *by_title), "title": (*by_title, *newest),
                "stars": (most_stars, *newest, *by_title)}[order]

    return [movie for _, movie in sorted(enumerate(movies), key=key)]
