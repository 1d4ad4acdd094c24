"""A question for any strategy: what the command line and the app ask with, light on purpose
(no numpy), since both build their forms from it at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from tui_recsys.data.languages import language_name
from tui_recsys.data.scale import DISLIKED_RATING
from tui_recsys.data.titles import name_key
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import numpy as np

    from tui_recsys.data.profile_file import Rated


class Need(StrEnum):
    """What a strategy must be given before it can answer."""

    NOTHING = "nothing"
    MOVIE = "movie"  # a TMDB movie, by id
    RATED_MOVIE = "rated movie"  # a MovieLens movie, by id: one people rated
    USER = "user"  # a MovieLens user, by id
    PROFILE = "profile"  # your own ratings
    PERSON = "person"  # someone of a film's cast or its director, by name
    GROUP = "group"  # several people: MovieLens users, you, other people's profile files

    @property
    def movie(self) -> bool:
        return self in (Need.MOVIE, Need.RATED_MOVIE)

    @property
    def catalogue(self) -> str:
        """Whose ids and titles a movie need is given in."""
        return "MovieLens" if self is Need.RATED_MOVIE else "TMDB"

    @property
    def collection(self) -> str:
        """The films a movie need must be among: TMDB's ids name many more than TMDB 5000
        holds (Heat's, 949, from MovieLens' links)."""
        return "MovieLens" if self is Need.RATED_MOVIE else "TMDB 5000"


# Movies by key ("tmdb" or "movielens", id), each with what was done with it ("seen").
Noted = tuple[tuple[tuple[str, int], str], ...]


@dataclass(frozen=True)
class MovieFilter:
    """Which movies a list may hold; every part is optional. The chart reads all but the
    votes itself (a genre's chart takes its own C and m); the Engine keeps the votes, and the
    whole filter for every other strategy."""

    genre: str | None = None  # TMDB's or MovieLens' name, in any case
    years: tuple[int | None, int | None] = (None, None)
    runtime: tuple[int | None, int | None] = (None, None)  # minutes
    language: str | None = None  # the original language's ISO 639-1 code: en, fr, ja
    min_votes: int | None = None  # TMDB votes
    # Genres no movie of the list may carry: no horror at a movie night with the children.
    without: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return self != MovieFilter()

    def describe(self) -> str:
        parts = [self.genre] if self.genre else []
        parts += [_span(self.years, "")] if self.years != (None, None) else []
        parts += [_span(self.runtime, " min")] if self.runtime != (None, None) else []
        parts += [f"in {language_name(self.language)}"] if self.language else []
        parts += [f"{self.min_votes:,}+ votes"] if self.min_votes else []
        parts += [f"without {' or '.join(self.without)}"] if self.without else []
        return ", ".join(parts)


def _span(span: tuple[int | None, int | None], unit: str) -> str:
    """In words, an open end too: "-99 min" read as minus 99 minutes."""
    low, high = span
    if low is None:
        return f"up to {high}{unit}"
    if high is None:
        return f"from {low}{unit}"
    return (f"{low}-{high}" if low != high else str(low)) + unit


def unknown_user(user_id: int, ids: Sequence[int]) -> UsageError:
    """What is said of a MovieLens user id no user has, with the ids there are."""
    span = f"{min(ids)}-{max(ids)}" if len(ids) else "none"
    return UsageError(f"unknown user {user_id}: MovieLens users are {span} ({len(ids)} users)")


class GroupBy(StrEnum):
    """How a group's predicted stars make one order (PolyLens' two)."""

    LEAST_MISERY = "least-misery"  # by the lowest: nobody is left with a film they dislike
    AVERAGE = "average"


@dataclass(frozen=True)
class Member:
    """One person of a movie night: a MovieLens user by id, or someone's ratings (yours, a
    friend's profile file), named as lists will name them; and the movies on their watchlist,
    by ("tmdb" or "movielens", id), which a movie night flags (or is drawn from alone), and
    those they are not interested in (a sequel to one is left out, as to a film disliked)."""

    name: str
    user_id: int | None = None
    ratings: tuple[Rated, ...] = ()
    watchlist: frozenset[tuple[str, int]] = frozenset()
    hidden: frozenset[tuple[str, int]] = frozenset()


MIN_GROUP = 2
YOU_MEMBER = "you"  # what a movie night calls the person at the keyboard


def counted_once(members: Sequence[Member]) -> tuple[list[Member], list[tuple[str, str]]]:
    """The group with anyone whose ratings are an earlier member's, film for film and star for
    star, taken as that member (their watchlists and hidden films joined): the same person
    twice (your own export beside you) would weigh double in an average and repeat their stars
    in every reason, whichever front end brought them. And who was taken as whom, by name."""
    kept: list[Member] = []
    tastes: list[dict[tuple[str, int], float]] = []  # each kept member's, stars by movie
    twins: list[tuple[str, str]] = []
    for member in members:
        taste = {rated.key: rated.stars for rated in member.ratings}
        if taste and taste in tastes:
            at = tastes.index(taste)
            twins.append((member.name, kept[at].name))
            kept[at] = replace(kept[at], watchlist=kept[at].watchlist | member.watchlist,
                               hidden=kept[at].hidden | member.hidden)
        else:
            kept.append(member)
            tastes.append(taste)
    return kept, twins


@dataclass(frozen=True)
class Tuning:
    """A list tuned: more of these genres or keywords, less of those (`models.tuning`)."""

    more: tuple[str, ...] = ()
    less: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.more or self.less)

    def describe(self) -> str:
        return ", ".join([*(f"more {name}" for name in self.more),
                          *(f"less {name}" for name in self.less)])

    def toggled(self, name: str, more: bool) -> Tuning:
        """`name` asked more of (or less of), or no longer if it already was; asking more of
        what was asked less of moves it across."""
        key = name_key(name)
        mine, other = (self.more, self.less) if more else (self.less, self.more)
        was = any(name_key(n) == key for n in mine)
        mine = tuple(n for n in mine if name_key(n) != key) + (() if was else (name,))
        other = tuple(n for n in other if name_key(n) != key)
        return Tuning(mine, other) if more else Tuning(other, mine)


@dataclass(frozen=True, eq=False)
class Allowed:
    """The movies a filter lets through, by their ids in each catalogue: sorted arrays, so a
    model can leave out the rest before its top k instead of after."""

    tmdb: np.ndarray
    movielens: np.ndarray


@dataclass(frozen=True)
class Ask:
    """A question for any strategy; each reads the part its `needs` names."""

    k: int = 10
    movie_id: int | None = None  # TMDB
    movielens_id: int | None = None
    user_id: int | None = None
    person: str | None = None  # a name, for a strategy that needs a person
    allowed: Allowed | None = None  # what a filter lets through, for a model to rank within
    chart_filter: MovieFilter = field(default_factory=MovieFilter)
    ratings: tuple[Rated, ...] = ()  # yours, for a strategy that needs a profile
    rater: str = "you"  # whose `ratings`, as reasons name them: "they" for a friend's file
    # Movies never answered (yours rated, seen or not wanted) and those flagged (your
    # watchlist), each by ("tmdb" or "movielens", id); a strategy that `leaves_out_yours`.
    left_out: frozenset[tuple[str, int]] = frozenset()
    flagged: frozenset[tuple[str, int]] = frozenset()
    only_flagged: bool = False  # the list drawn from the flagged alone: "what on my watchlist?"
    # Where what you rated, saw or hid is shown again (not `left_out`): each such movie by
    # key, and what you did ("rated 4.5", "seen", "not interested"), which its pick says.
    noted: Noted = ()
    # MovieLens ids of the movies you said you have not seen (the quick start's skips): a
    # list of movies to rate first never offers them.
    not_seen: frozenset[int] = frozenset()
    # MovieLens ids of the movies you marked seen without rating them: For you folds them in
    # as choices without stars.
    seen: tuple[int, ...] = ()
    # The movies you are not interested in, by ("tmdb" or "movielens", id): For you leaves out
    # a sequel to one, as to a film you disliked (`catalog.sequels`).
    hidden: frozenset[tuple[str, int]] = frozenset()
    discovery: float = 0.0  # 0 the model's order ("obvious") to 1 ("adventurous")
    group: tuple[Member, ...] = ()  # for a strategy that needs a group
    group_by: GroupBy = GroupBy.LEAST_MISERY
    tuning: Tuning = field(default_factory=Tuning)  # more of, less of (`models.tuning`)


class Identified(Protocol):
    """A movie named by its id in either catalogue (a rating, a mark, a pick)."""

    @property
    def movielens_id(self) -> int | None: ...

    @property
    def tmdb_id(self) -> int | None: ...


def keys_of(movies: Iterable[Identified]) -> frozenset[tuple[str, int]]:
    """Each movie by its id in each catalogue that knows it, as `Ask.left_out` holds them."""
    return frozenset(key for movie in movies for key in (
        ("movielens", movie.movielens_id), ("tmdb", movie.tmdb_id)) if key[1] is not None)


@dataclass(frozen=True)
class History:
    """One person a personal list is for, as its sequels are read (`catalog.sequels`): the
    movies they rated, saw or hid, and those of them they disliked (2 stars or fewer) or hid,
    each by ("tmdb" or "movielens", id)."""

    seen: frozenset[tuple[str, int]]
    disliked: frozenset[tuple[str, int]] = frozenset()


def history_of(ratings: Sequence[Rated], seen: Iterable[int] = (),
               hidden: frozenset[tuple[str, int]] = frozenset()) -> History:
    """The history of someone's `ratings`, of the movies they marked seen without stars
    (MovieLens ids: a choice, neither liked nor disliked) and of those they are not interested
    in (`hidden`: read as disliked, unless rated, when the stars say)."""
    rated = keys_of(ratings)
    return History(rated | {("movielens", movie) for movie in seen} | hidden,
                   keys_of(one for one in ratings if one.stars <= DISLIKED_RATING)
                   | (hidden - rated))
