"""A sequel said as one on a personal list: a movie night offered The Return of the King
second to two people who had seen none of the films before it (The Fellowship of the Ring
came tenth), For this user The Empire Strikes Back to people who never rated Star Wars,
because those who loved the first loved the rest. Where nobody the list is for has rated or
seen an earlier film of the series, the pick's reason names the film the series begins with
(and its place, where the list holds it too).

On a person's list it says so and moves nothing: putting the first film ahead of its sequel
lost 1.7 % of For this user's nDCG@10 on the validation split, as people log sequels without
the film before them (seen, not rated); a person reads the note and marks the first seen, or
watches it first. A movie night is one evening's choice for people none of whom began the
series, and no held-out list scores it: there the earlier films the list holds are moved up
to just ahead of the sequel, the first first (each passed everyone's bar to be listed).

A later film of a series someone the list is for began and disliked (every film of its
title's series made before it that they rated or saw, they rated 2 stars or fewer or hid; and
of the films whose title's series its names hold, a lead in common: The Matrix before The
Matrix Reloaded, `MovieIndex.made_before_in_line`) is left out, whatever its cast:
MovieLens raters who disliked every earlier film of a series they rated gave a sequel sharing
a lead 1.8 stars on average, 5 % of them liking it (4 stars or more, where 69 % of those who
liked one did), and a later film of the title's series with no lead in common (a prequel, a
reboot) 1.7, 2 % liking it. For you had offered The Empire Strikes Back sixth, at 3.7 stars,
to someone who had just rated Star Wars 1.5, and The Phantom Menace 25th. A film marked not
interested tells the models nothing (it is only left out), so without this the sequels of a
film hidden came as if it had never been seen. Not the other way: an earlier film after its
later ones were disliked read 2.6 stars, 18 % liking it. Nor does a quick start ask about
such a film (`later_than_disliked`)."""

from __future__ import annotations

from dataclasses import replace

from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.catalog.entries import MovieEntry
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.question import History, keys_of


def sequels_noted(items: list[Recommendation], movies: MovieIndex,
                  seen: frozenset[tuple[str, int]], *,
                  in_order: bool = False) -> list[Recommendation]:
    """`items`, each sequel none of whose earlier films is `seen` (rated, seen or hidden by
    anyone the list is for, by ("tmdb" or "movielens", id)) saying which film comes first;
    `in_order` (a movie night), after those earlier films the list holds. Only the earlier
    films are looked up in `seen`, not the other way: a profile of 2,698 ratings was turned
    into rows on every answer, sequel or none."""
    keys = [entry.key if (entry := movies.entry_of(item)) else None for item in items]
    unbegun = [_unbegun(key, movies, seen) for key in keys]
    if in_order:
        order, moved = _series_first(keys, unbegun)
        items = [replace(items[place], reason=(
            f"before {items[moved[place]].title} (#{order.index(moved[place]) + 1} here) in "
            f"its series; {items[place].reason}")) if place in moved else items[place]
            for place in order]
        keys, unbegun = [keys[place] for place in order], [unbegun[place] for place in order]
    noted = list(items)
    for place, films in enumerate(unbegun):
        if films:
            first = movies.entry(films[0])
            here = f", #{keys.index(films[0]) + 1} here" if films[0] in keys else ""
            # First, as discovery's news is: at 80 columns the Why column shows a reason's
            # start, and the details two lines of it.
            noted[place] = replace(items[place], reason=(
                f"a sequel: {first.title} ({first.year}{here}) comes first; "
                f"{items[place].reason}"))
    return noted


def after_disliked(item: Recommendation, movies: MovieIndex,
                   histories: tuple[History, ...]) -> bool:
    """Whether `item` is a later film of a series someone the list is for began and
    disliked: every film of it made before that they rated, saw or hid, they rated 2 stars or
    fewer or hid."""
    entry = movies.entry_of(item)
    return entry is not None and _begun_and_disliked(entry.key, movies, histories)


def disliked_series(movies: MovieIndex,
                    histories: tuple[History, ...]) -> frozenset[tuple[str, int]]:
    """The films, by their ids, that may follow a film someone the list is for disliked
    (`MovieIndex.in_line`): the only ones `after_disliked` can hold of. Found once a list,
    as looking up the series of each of a list's hundreds of candidates (at a discovery
    setting) made For you a quarter slower."""
    return keys_of(movies.entry(film) for film in _series_disliked(movies, histories))


def later_than_disliked(movies: MovieIndex, histories: tuple[History, ...]) -> list[MovieEntry]:
    """Every film `after_disliked` holds of: what a quick start never asks about, as a round
    asked after Star Wars was rated 1.5 held The Empire Strikes Back and Return of the Jedi,
    two of its eight questions whose answer was all but known."""
    return [movies.entry(film) for film in sorted(_series_disliked(movies, histories))
            if _begun_and_disliked(film, movies, histories)]


def _begun_and_disliked(key: int, movies: MovieIndex, histories: tuple[History, ...]) -> bool:
    films = [keys_of([movies.entry(film)]) for film in movies.made_before_in_line(key)]
    for history in histories:
        began = [keys for keys in films if keys & history.seen]
        if began and all(keys & history.disliked for keys in began):
            return True
    return False


def _series_disliked(movies: MovieIndex, histories: tuple[History, ...]) -> set[int]:
    disliked = {entry.key for history in histories for kind, movie in history.disliked
                if (entry := movies.by_key(kind, movie)) is not None}
    return {film for key in disliked for film in movies.in_line(key)}


def _unbegun(key: int | None, movies: MovieIndex, seen: frozenset[tuple[str, int]]) -> list[int]:
    """The earlier films of the movie's series (`earlier_in_series`), where none of them is
    `seen`; else none."""
    films = movies.earlier_in_series(key) if key is not None else []
    return [] if any(keys_of([movies.entry(film)]) & seen for film in films) else films


def _series_first(keys: list[int | None],
                  unbegun: list[list[int]]) -> tuple[list[int], dict[int, int]]:
    """The places in the order a movie night watches them: each sequel after the earlier
    films of its series that the list holds lower down, moved up to just ahead of it; and the
    place of each film moved, with its sequel's."""
    place_of = {key: place for place, key in enumerate(keys) if key is not None}
    order: list[int] = []
    moved: dict[int, int] = {}
    for place in range(len(keys)):
        if place in moved:
            continue
        for film in unbegun[place]:
            earlier = place_of.get(film, -1)
            if earlier > place and earlier not in moved:
                order.append(earlier)
                moved[earlier] = place
        order.append(place)
    return order, moved
