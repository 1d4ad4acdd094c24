"""A strategy's answer drawn as a question asks: filtered, without what you rated, saw or
hid (or with them, each saying which), k long when k exist, tuned, re-ranked for discovery,
a sequel said as one on a personal list, or left out where its series was begun and disliked
(`catalog.sequels`), your watchlist's picks flagged (or drawn from your watchlist alone; at a
movie night, everyone's there, each pick saying whose).

Asked for more, and four times as many again while what is filtered or left out leaves fewer
than k of a list that had more, so a list is k long when k exist (never the top k cut). Above
discovery 0, or tuned, DEPTH times as many (ten picks' worth at least) are drawn and
re-ranked; asked more of what fewer than k of those carry, the best k that carry it are drawn
too, wherever they rank, so that "more heist" on the chart lists its heist films, not the two
among its first hundred.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from tui_recsys.engine.answer import Answer, Recommendation
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.catalog.sequels import after_disliked, disliked_series, sequels_noted
from tui_recsys.engine.question import (
    YOU_MEMBER,
    Allowed,
    Ask,
    Member,
    MovieFilter,
    Need,
    counted_once,
    keys_of,
)
from tui_recsys.engine.strategies.strategy import Strategy
from tui_recsys.text import listed, plural


def drawn(strategy: Strategy, model: Any, ask: Ask, index: Callable[[], MovieIndex]) -> Answer:
    """`strategy`'s answer from `model` to `ask`, drawn as it asks; `index` gives the movie
    index, read only where filters, tuning, discovery or a personal list's sequels need it."""
    yours = strategy.leaves_out_yours
    left_out, flagged = (ask.left_out, ask.flagged) if yours else (frozenset(), frozenset())
    whose = _whose(counted_once(ask.group)[0])  # at a movie night, every watchlist there
    flagged |= frozenset(whose)
    only = yours and ask.only_flagged
    if only and not flagged:
        return Answer([], note=NO_WATCHLIST_THERE if ask.group else EMPTY_WATCHLIST)
    if only and strategy.needs is Need.PROFILE and not (ask.ratings or ask.seen):
        return _best_known(flagged - left_out, index(), ask)  # not a list to rate first
    movie_filter = strategy.unfiltered(ask.chart_filter)
    wanted = ask.k
    histories = None if only else strategy.histories(model, ask)  # None: not a personal list
    seen = None if histories is None else frozenset().union(*(h.seen for h in histories))
    if not (left_out or flagged or ask.noted or movie_filter.active or ask.discovery
            or ask.tuning.active or seen is not None):
        answer = strategy.answer(model, ask)  # the chart, filtered only by itself
        if not answer.items and ask.chart_filter.active:
            return replace(answer, note=_none_passes(ask, index()))
        return replace(answer, note=answer.note or answer.short)
    if ask.discovery or ask.tuning.active:
        from tui_recsys.engine.models.discovery import pool

        ask = replace(ask, k=pool(ask.k))
    movies = index() if movie_filter.active else None
    if movies is not None:
        ask = replace(ask, allowed=movies.allowed(movie_filter))
    if only:  # a model ranks among them all, not only among its best
        ask = replace(ask, allowed=_within(ask.allowed, flagged))

    # A sequel to a series someone here began and disliked is left out, unless it is on a
    # watchlist or is one of theirs shown again (`i`).
    disliking = tuple(history for history in histories or () if history.disliked)
    suspects = disliked_series(index(), disliking) if disliking else frozenset()
    spared = flagged | (seen or frozenset())

    def kept(item: Recommendation) -> bool:
        keys = keys_of([item])
        return not keys & left_out and (not only or bool(keys & flagged)) and (
            movies is None or movies.passes(item, movie_filter)) and not (
            keys & suspects and not keys & spared and after_disliked(item, index(), disliking))

    # Asked for a little more than k, not k plus everything left out: a profile of 2,000
    # ratings made For you explain 2,010 picks (half a second) to keep ten, and a model
    # mostly leaves a person's ratings out itself.
    answer, items = _kept(strategy, model, ask, kept, ask.k + min(len(left_out), ask.k))
    tuned_among = items[:ask.k]  # the candidates a tuning orders
    if ask.tuning.more and len(answer.items) >= ask.k:
        tuned_among += _carrying_more(strategy, model, ask, kept, tuned_among, index(), wanted)
    note = answer.note
    if not items and ask.chart_filter.active:  # the part a model applied itself, too
        note = _none_passes(ask, index())
    elif not items and only:
        note = (f"no movie on {'a watchlist there' if ask.group else 'your watchlist'} is "
                f"among its picks (what you rated, saw or hid is left out)")
    elif not items and answer.items:
        note = "every pick is a movie you rated, saw or are not interested in"
    relevance = None  # the model's scores; a tuned list's are its tuned values
    if ask.tuning.active:
        from tui_recsys.engine.catalog.tuning import tuned

        items, relevance, said = tuned(tuned_among, index(), ask.tuning)
        note = said or note
    if ask.discovery:
        from tui_recsys.engine.catalog.discovery import discovered

        items = discovered(items[:ask.k], index(), ask.discovery, wanted,
                           None if relevance is None else relevance[:ask.k])
    items = items[:wanted]
    if seen is not None and items and strategy.says_sequels:
        items = sequels_noted(items, index(), seen | left_out, in_order=bool(ask.group))
    if len(items) < wanted and not movie_filter.active:  # a filter says why itself
        note = note or answer.short
    if only and strategy.needs in (Need.PROFILE, Need.GROUP):
        note = "; ".join(filter(None, (note, _to_see_again(flagged & left_out, index(),
                                                            movie_filter, bool(ask.group)))))
    noted = dict(ask.noted)
    return replace(answer, note=note, items=[_flagged(item, flagged, whose, noted)
                                             for item in items])


def _kept(strategy: Strategy, model: Any, ask: Ask, kept: Callable[[Recommendation], bool],
          depth: int) -> tuple[Answer, list[Recommendation]]:
    """`strategy`'s answer drawn `depth` deep, and four times as deep again while fewer than
    `ask.k` of its picks are `kept` and it had more to give; with the picks kept."""
    while True:
        answer = strategy.answer(model, replace(ask, k=depth))
        items = [item for item in answer.items if kept(item)]
        if len(items) >= ask.k or len(answer.items) < depth:
            return answer, items
        depth *= 4


def _carrying_more(strategy: Strategy, model: Any, ask: Ask,
                   kept: Callable[[Recommendation], bool], candidates: list[Recommendation],
                   movies: MovieIndex, shown: int) -> list[Recommendation]:
    """Where fewer than the `shown` of a list's `candidates` carry what `ask.tuning` asks
    more of, the strategy's best films that do, wherever they rank (the chart's first
    hundred held two heist films; "more heist" listed one, then the chart as it was): asked
    of the strategy among them alone, as many as are shown, so that no more are explained,
    or at a discovery setting as many as the candidates, for it to choose among ("more
    heist" at 0.5 had ten, and filled the list with others)."""
    from tui_recsys.engine.catalog.tuning import carrying_anywhere, carrying_more

    if carrying_more(candidates, movies, ask.tuning) >= shown:
        return []
    carriers = carrying_anywhere(movies, ask.tuning)
    among, drawn = keys_of(candidates), ask.k if ask.discovery else shown
    _, found = _kept(strategy, model, replace(ask, k=drawn,
                                              allowed=_within(ask.allowed, carriers)),
                     lambda item: kept(item) and bool(keys_of([item]) & carriers), drawn)
    return [item for item in found if not keys_of([item]) & among]


def _flagged(item: Recommendation, flagged: frozenset[tuple[str, int]],
             whose: dict[tuple[str, int], list[str]],
             noted: dict[tuple[str, int], str]) -> Recommendation:
    """`item` marked as on a watchlist where it is one, and at a movie night, whose; and as
    one of yours where your rated, seen and hidden are shown again (`Ask.noted`)."""
    keys = keys_of([item])
    yours = next((noted[key] for key in keys if key in noted), "")
    if yours:
        item = replace(item, yours=yours)
    if not keys & flagged:
        return item
    owners = list(dict.fromkeys(name for key in keys for name in whose.get(key, ())))
    if not owners:
        return replace(item, on_watchlist=True)
    said = listed(["your" if name == YOU_MEMBER else f"{name}'s" for name in owners])
    return replace(item, on_watchlist=True, reason=f"{item.reason}; on {said} "
                                                   f"watchlist{'s' if len(owners) > 1 else ''}")


def _whose(group: tuple[Member, ...]) -> dict[tuple[str, int], list[str]]:
    """Each movie on a watchlist at a movie night, and the names of those it is on."""
    whose: dict[tuple[str, int], list[str]] = {}
    for member in group:
        for key in member.watchlist:
            whose.setdefault(key, []).append(member.name)
    return whose


EMPTY_WATCHLIST = "your watchlist is empty: w, or `tui-recsys watchlist add`, puts a movie on it"
NO_WATCHLIST_THERE = ("nobody at this movie night has a movie on their watchlist: w, or "
                      "`tui-recsys watchlist add`, puts one on yours")
BEST_KNOWN = ("your watchlist, the best known first: For you orders it from your ratings once "
              "you rate a few (the quick start asks about the likeliest seen)")


def _best_known(flagged: frozenset[tuple[str, int]], movies: MovieIndex, ask: Ask) -> Answer:
    """A newcomer's watchlist (no ratings for For you to order it by), the best known films
    first, as For you ranks for someone who has rated nothing: what to watch tonight all the
    same, and never a list to rate first, of films seen."""
    entries = {entry.key: entry for entry in (movies.by_key(kind, movie)
                                              for kind, movie in flagged) if entry is not None}
    items = []
    for key, entry in entries.items():
        details = movies.details(key)
        known = (plural(details.ml_ratings, "MovieLens rating") if details.ml_ratings
                 else plural(details.vote_count or 0, "TMDB vote"))
        item = Recommendation(entry.title, entry.year, movies.known_share(key),
                              f"well known: {known}", entry.tmdb_id, entry.ml_id,
                              on_watchlist=True)
        if movies.passes(item, ask.chart_filter):
            items.append(item)
    items.sort(key=lambda item: (-item.score, item.title))
    note = (BEST_KNOWN if items else _none_passes(ask, movies) if ask.chart_filter.active else
            "every movie on your watchlist is one you saw or are not interested in")
    return Answer(items[:ask.k], note=note)


def _to_see_again(again: frozenset[tuple[str, int]], movies: MovieIndex,
                  movie_filter: MovieFilter, group: bool = False) -> str:
    """What is said of the films on your watchlist you rated or saw, which For you's list of
    it leaves out (it learns from them, and never lists them), of those the filters let
    through: they were gone without a word, and `watchlist add` had called such a film one
    "to see again". At a movie night (`group`), of the films on the watchlists there that
    someone there rated, saw or hid, left out as the movie night leaves them out."""
    films = {entry.key: entry.title for kind, movie in again  # a film by both its ids: once
             if (entry := movies.by_key(kind, movie)) is not None
             and movies.passes(entry, movie_filter)}
    titles = sorted(films.values())
    if not titles:
        return ""
    named = listed([*titles[:3], *([f"{len(titles) - 3} more"] if len(titles) > 3 else [])])
    if group:
        return (f"left out, as one of you rated, saw or hid them: {len(titles)} on the "
                f"watchlists ({named})")
    return (f"not ranked, as you rated or saw them: {len(titles)} on your watchlist ({named}); "
            f"y, or `tui-recsys watchlist`, lists them all")


def _within(allowed: Allowed | None, flagged: frozenset[tuple[str, int]]) -> Allowed:
    """The movies `flagged` (by ("tmdb" or "movielens", id)) of those `allowed`."""
    chosen = [np.unique(np.array([movie for kind, movie in flagged if kind == catalogue],
                                 dtype=np.int64)) for catalogue in ("tmdb", "movielens")]
    if allowed is not None:
        chosen = [np.intersect1d(ids, within)
                  for ids, within in zip(chosen, (allowed.tmdb, allowed.movielens), strict=True)]
    return Allowed(*chosen)


def _none_passes(ask: Ask, movies: MovieIndex) -> str:
    """What is said when the filters leave nothing; of years after the data's last film too,
    as there is nothing to loosen toward but the years ("from 2030" found nothing, silently)."""
    start, last = ask.chart_filter.years[0], movies.last_year()
    beyond = (f"; the data's films end in {last}"
              if start is not None and last is not None and start > last else "")
    return f"no pick passes the filters ({ask.chart_filter.describe()}{beyond}): loosen them"
