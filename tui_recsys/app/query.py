"""What the results on screen answer: a strategy and what it is asked about. An answer to an
older query is dropped, so a slow answer never replaces a newer one. Here too: a query in words
(the results' heading, or why it cannot be answered yet) and as the engine's `Ask`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tui_recsys.app import movie_night
from tui_recsys.app.labels import movie_label
from tui_recsys.data.titles import fold
from tui_recsys.engine.catalog.entries import MovieEntry, UserEntry
from tui_recsys.engine.catalog.your_ratings import (
    for_you_asked,
    left_out,
    noted,
    yours_asked,
)
from tui_recsys.engine.models.quick_start import UNTIL
from tui_recsys.engine.question import MIN_GROUP, Ask, GroupBy, MovieFilter, Need, Tuning
from tui_recsys.engine.strategies.person import films_of
from tui_recsys.engine.strategies.strategy import Strategy
from tui_recsys.text import plural

if TYPE_CHECKING:
    from tui_recsys.app.friends import Friends
    from tui_recsys.app.your_files import YourFiles


@dataclass(frozen=True)
class Query:
    """Everything the results depend on; an answer to an older query is dropped."""

    strategy: Strategy
    movie: MovieEntry | None
    user: UserEntry | None
    movie_filter: MovieFilter
    person: str | None = None  # whose films, for a strategy that needs a person
    discovery: float = 0.0  # 0 the model's order ("obvious") to 1 ("adventurous")
    group: tuple[UserEntry, ...] = ()  # a movie night's people, in the order marked
    group_by: GroupBy = GroupBy.LEAST_MISERY
    tuning: Tuning = field(default_factory=Tuning)  # more of, less of a genre or keyword
    only_watchlist: bool = False  # W: the list drawn from your watchlist alone
    # For you asked for a friend (`--friend FILE`, enter on them) instead of you: their file's
    # ratings folded in, what they rated left out. Any other strategy chosen drops it.
    friend: UserEntry | None = None


def redrawn(before: Query | None, now: Query) -> bool:
    """Whether `now` is the list `before` drawn another way (its filters, discovery, tuning,
    a movie night's order, from the watchlist alone): the same strategy for the same movie,
    user, person and people."""
    return before is not None and replace(
        before, movie_filter=now.movie_filter, discovery=now.discovery, group_by=now.group_by,
        tuning=now.tuning, only_watchlist=now.only_watchlist) == now


def heading(query: Query, rated: int | None = None, *, yours_shown: bool = False) -> str:
    """What the results are, then how they were drawn (what you rated, saw or hid shown
    again, `yours_shown`; discovery, tuning, filters): with any
    of those, a strategy's summary is left out, so that they fit at 80 columns. For you, while
    `rated` (your ratings, or the friend's it is for) is under what makes it good, offers the
    quick start instead of its summary: the key is nowhere else on the screen a newcomer sees;
    so does the chart, where they start, until they have rated a film."""
    strategy = query.strategy
    group = strategy.needs is Need.GROUP
    whose = "watchlists" if group else "your watchlist"  # 80 columns
    shown = "all" if group else "theirs" if query.friend else "yours"  # 80 columns too
    extras = [*([f"{whose} (W)"] if watchlist_only(query) else []),
              *([f"{shown} shown (i)"] if yours_shown else []),
              *_drawn(query)]
    summary = "" if extras else f": {strategy.summary}"
    if strategy.needs is Need.PROFILE and query.friend is not None:
        ratings = plural(query.friend.ratings if rated is None else rated, "rating")
        said = f"{strategy.name} · {query.friend.name}'s picks, from their {ratings}"
    elif strategy.needs is Need.PROFILE and rated is not None and rated < UNTIL:
        # How many make it good, where it fits beside how the list was drawn: a newcomer's
        # "discovery 0.5", which the next start opens at, was cut to "discovery 0…".
        said = (f"{strategy.name} · {'no ratings yet' if not rated else plural(rated, 'rating')}"
                f": k for a quick start{'' if extras else f' ({UNTIL} make For you good)'}")
    elif strategy.needs.movie and query.movie is not None:
        said = f"{strategy.name} · like {movie_label(query.movie)}{summary}"
    elif strategy.needs is Need.USER and query.user is not None:
        user = query.user
        likes = f"; likes {', '.join(user.genres)}" if user.genres else ""
        said = f"Top picks for user {user.user_id} ({plural(user.ratings, 'rating')}{likes})"
    elif strategy.needs is Need.PERSON and query.person is not None:
        said = f"{strategy.name} · {films_of(query.person)}, best rated first"
    elif strategy.needs is Need.GROUP:
        said = (f"{strategy.name} · movie night for "
                f"{movie_night.names(query.group, most=movie_night.NAMED)} · "
                f"{movie_night.ORDER_NAMES[query.group_by]} (o)")
    elif rated == 0 and not extras and strategy.needs is Need.NOTHING:  # where they start
        said = f"{strategy.name} · no ratings yet: k for a quick start, then 6 for your picks"
    else:
        said = strategy.name if extras else f"{strategy.name} · {strategy.summary}"
    return " · ".join([said, *extras])


def _drawn(query: Query) -> list[str]:
    """How the list was drawn, beyond its strategy and what it is about: discovery, tuning,
    filters."""
    scope = query.movie_filter.describe()
    keeps = replace(query.movie_filter, without=()).active  # "only Drama"; "without Horror"
    return [*([f"discovery {query.discovery:g}"] if query.discovery else []),
            *([query.tuning.describe()] if query.tuning.active else []),
            *([f"only {scope}" if keeps else scope] if scope else [])]


def watchlist_only(query: Query) -> bool:
    """Whether the list is drawn from your watchlist alone (at a movie night, from everyone's
    there): asked (W), and a list of yours (not a MovieLens user's picks, nor a friend's)."""
    strategy, needs = query.strategy, query.strategy.needs
    return query.only_watchlist and strategy.leaves_out_yours and (
        needs is not Need.PROFILE or query.friend is None)


def export_name(query: Query) -> str:
    """What an export of the list is named after: its strategy, and what or whose the list is
    (story-alien-1979, for-user-42, for-you-sam, person-keanu-reeves, together-you-sam): a
    week's exports of "more like this" were all "story"; how it was drawn, as its heading
    says (for-you-discovery-0-5-less-drama): a tuned list was named as the list it tuned;
    and "watchlist" where it is drawn from your watchlist alone; in letters any file system
    keeps."""
    strategy = query.strategy
    needs = strategy.needs
    about = None
    if needs is Need.USER and query.user is not None:
        about = str(query.user.user_id)
    elif needs is Need.PROFILE and query.friend is not None:
        about = _slug(query.friend.name) or "friend"
    elif needs.movie and query.movie is not None:
        about = _slug(f"{query.movie.title} {query.movie.year or ''}")
    elif needs is Need.PERSON and query.person is not None:
        about = _slug(query.person)
    elif needs is Need.GROUP and query.group:
        about = _slug(movie_night.names(query.group, most=movie_night.NAMED))
    name = "-".join([strategy.name, *([about] if about else []),
                     *filter(None, map(_slug, _drawn(query)))])
    return f"{name}-watchlist" if watchlist_only(query) else name


def _slug(words: str) -> str:
    return "-".join(fold(words).split())[:40].strip("-")


def answerable(strategy: Strategy, movie: MovieEntry) -> bool:
    """Whether the catalogue `strategy` compares in knows `movie`."""
    return (movie.tmdb_id if strategy.needs is Need.MOVIE else movie.ml_id) is not None


def missing(query: Query, rated: int | None = None) -> str | None:
    """Why the query cannot be answered yet, in words, or None; `rated` as `heading` reads
    it (a friend's ratings as their file holds them now)."""
    needs, movie = query.strategy.needs, query.movie
    if needs.movie and movie is None:
        return "Pick a movie: press / to search, then enter."
    if needs is Need.MOVIE and movie is not None and movie.tmdb_id is None:
        return (f"{movie_label(movie)} is only in MovieLens, so it has no story or cast to "
                f"compare. Press 5 for movies rated alike, or pick another movie.")
    if needs is Need.RATED_MOVIE and movie is not None and movie.ml_id is None:
        return (f"{movie_label(movie)} is only in TMDB 5000, so nobody here rated it. Press 2 "
                f"or 3 for movies like it by story or cast, or pick another movie.")
    if needs is Need.PROFILE and query.friend is not None and not (
            query.friend.ratings if rated is None else rated):
        return (f"{query.friend.name}'s file holds no ratings yet: nothing to pick from. g "
                f"brings them to movie night all the same.")
    if needs is Need.USER and query.user is None:
        return "Pick a user: press u, search by id, genre or name, then enter."
    if needs is Need.PERSON and query.person is None:
        return ("Pick a person: press p and type a name, or choose the current movie's "
                "director or cast there.")
    if needs is Need.GROUP and len(query.group) < MIN_GROUP:
        return (f"Pick at least {MIN_GROUP} people for movie night: press u, then g on each "
                f"(You too); g again takes one out.")
    return None


def engine_ask(query: Query, k: int, yours: YourFiles, friends: Friends, *,
               include_seen: bool) -> Ask:
    """What `query` asks the engine, your files read afresh (the command line may have
    changed them): your ratings for For you, the group for movie night, and what you rated,
    saw or hid to leave out (unless `include_seen`), and what the friends at it saw or hid.
    For you for a friend reads their files as yours are read (their ratings, and the marks
    kept beside them), and leaves out what they rated, saw or hid instead."""
    ask = Ask(k=k, chart_filter=query.movie_filter,
              movie_id=query.movie.tmdb_id if query.movie else None,
              movielens_id=query.movie.ml_id if query.movie else None,
              user_id=query.user.user_id if query.user else None, person=query.person,
              discovery=query.discovery, group_by=query.group_by, tuning=query.tuning)
    needs = query.strategy.needs
    if needs is Need.PROFILE and query.friend is not None:
        theirs, marked = friends.profile(query.friend.key), friends.marks(query.friend.key)
        return replace(for_you_asked(ask, theirs, marked), rater="they",
                       left_out=frozenset() if include_seen else left_out(theirs, marked),
                       noted=noted(theirs, marked) if include_seen else ())
    group = needs is Need.GROUP
    you_in = group and movie_night.includes_you(query.group)
    leaves_out = query.strategy.leaves_out_yours and (not group or you_in)
    # Each file read once, so that the parts of one question agree with each other.
    profile = yours.profile() if needs is Need.PROFILE or you_in or leaves_out else None
    marks = yours.marks() if needs is Need.PROFILE or leaves_out else None
    if needs is Need.PROFILE:
        assert profile is not None and marks is not None
        ask = for_you_asked(ask, profile, marks)
    if leaves_out:
        assert marks is not None and profile is not None
        ask = yours_asked(ask, marks, profile, only_watchlist=watchlist_only(query),
                          include_seen=include_seen)
    if group:
        yours_read = (profile, marks) if profile is not None and marks is not None else None
        ask = replace(ask, group=movie_night.members(query.group, yours_read, friends),
                      only_flagged=watchlist_only(query))  # anyone's watchlist there
    if group and include_seen:
        ask = replace(ask, noted=movie_night.noted(query.group, ask.noted, friends))
    elif group:
        ask = replace(ask, left_out=ask.left_out | movie_night.seen_or_hidden(query.group,
                                                                              friends))
    return ask
