"""A question for any strategy: what the command line and the app ask with, light on purpose
(no numpy), since both build their forms from it at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from tui_recsys.errors import UsageError
from tui_recsys.text import echo

if TYPE_CHECKING:
    from tui_recsys.data.profile_file import Rated


class Need(StrEnum):
    """What a strategy must be given before it can answer."""

    NOTHING = "nothing"
    MOVIE = "movie"  # a TMDB movie, by id
    RATED_MOVIE = "rated movie"  # a MovieLens movie, by id: one people rated
    USER = "user"  # a MovieLens user, by id
    PROFILE = "profile"  # your own ratings
    PERSON = "person"  # someone of a film's cast or its director, by name

    @property
    def movie(self) -> bool:
        return self in (Need.MOVIE, Need.RATED_MOVIE)

    @property
    def catalogue(self) -> str:
        """Whose ids and titles a movie need is given in."""
        return "MovieLens" if self is Need.RATED_MOVIE else "TMDB"


@dataclass(frozen=True)
class ChartFilter:
    genre: str | None = None
    years: tuple[int | None, int | None] = (None, None)

    @property
    def active(self) -> bool:
        return self.genre is not None or self.years != (None, None)

    def describe(self) -> str:
        parts = [self.genre] if self.genre else []
        low, high = self.years
        if low is not None or high is not None:
            parts.append(f"{low or ''}-{high or ''}" if low != high else str(low))
        return ", ".join(parts)


def parse_years(text: str) -> tuple[int | None, int | None]:
    """'1990-1999', '1990-', '-1979' or '1994' as an inclusive range."""
    low, sep, high = text.strip().partition("-")
    if not (low.strip() or high.strip()):
        raise UsageError(f"years {echo(text)} names no year; write a range like 1990-1999, "
                         f"1990- or 1994")
    try:
        first = int(low) if low.strip() else None
        last = int(high) if high.strip() else None
    except ValueError:
        raise UsageError(f"years {echo(text)} is not a range like 1990-1999, 1990- or "
                         f"1994") from None
    if not sep:
        last = first
    if first is not None and last is not None and first > last:
        raise UsageError(f"years {echo(text)} runs backwards; write the earlier year first")
    return first, last


@dataclass(frozen=True)
class Ask:
    """A question for any strategy; each reads the part its `needs` names."""

    k: int = 10
    movie_id: int | None = None  # TMDB
    movielens_id: int | None = None
    user_id: int | None = None
    person: str | None = None  # a name, for a strategy that needs a person
    chart_filter: ChartFilter = field(default_factory=ChartFilter)
    ratings: tuple[Rated, ...] = ()  # yours, for a strategy that needs a profile
    # Movies never answered (yours rated, seen or not wanted) and those flagged (your
    # watchlist), each by ("tmdb" or "movielens", id); a strategy that `leaves_out_yours`.
    left_out: frozenset[tuple[str, int]] = frozenset()
    flagged: frozenset[tuple[str, int]] = frozenset()


