"""Movie night: one list for several people, ordered by least misery or the average, each
pick with everyone's predicted stars, nothing anyone rated offered."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.support import make_engine, seeded_factors
from tui_recsys.data.profile_file import Rated
from tui_recsys.engine.question import Ask, GroupBy, Member, MovieFilter, counted_once
from tui_recsys.errors import UsageError


@pytest.fixture
def engine(tiny: Path, cache_dir: Path):
    return make_engine(tiny, cache_dir, trainer=seeded_factors)


def _together(engine, *members: Member, by: GroupBy = GroupBy.LEAST_MISERY, **asked):
    return engine.recommend(engine.strategy("together"),
                            Ask(k=10, group=members, group_by=by, **asked))


FRIEND = Member("friend", ratings=(Rated(6, 194, "Amélie", 2001, 5.0),
                                   Rated(None, 70001, "Only in TMDB", 1997, 1.0)))


def _predicted(engine, member: Member, movielens_ids: list[int]) -> np.ndarray:
    """What the rating model, folded in from the member's ratings, predicts: worked out here
    the long way, person by person."""
    model = engine.model(engine.strategy("for-user"))
    if member.user_id is not None:
        rated, stars = model.ratings.user(model.position(member.user_id))
    else:
        known = [r for r in member.ratings if r.movielens_id is not None]
        rated = model.positions(np.array([r.movielens_id for r in known]))
        stars = np.array([r.stars for r in known])
    found = model.folded_stars(rated, stars.astype(np.float64))(
        model.positions(np.array(movielens_ids)))
    return np.clip(found, 0.5, 5.0)


@pytest.mark.parametrize("by", list(GroupBy))
def test_the_order_is_by_the_lowest_or_the_average_of_everyones_stars(engine, by: GroupBy):
    members = (Member("user 1", user_id=1), Member("user 42", user_id=42), FRIEND)
    items = _together(engine, *members, by=by).items
    ids = [item.movielens_id for item in items]
    # what anyone rated is never offered: 1 rated 1, 3, 4; 42 rated 1, 5, 6, 7; friend 6
    assert ids and not {1, 3, 4, 5, 6, 7} & set(ids)
    everyone = np.array([_predicted(engine, member, ids) for member in members])
    group = everyone.min(axis=0) if by is GroupBy.LEAST_MISERY else everyone.mean(axis=0)
    assert np.allclose([item.stars for item in items], group, atol=1e-6)
    assert [item.stars for item in items] == sorted((item.stars for item in items),
                                                    reverse=True)
    for item, stars in zip(items, everyone.T, strict=True):
        said = {name: f"{star:.1f}" for name, star in
                zip(("user 1", "user 42", "friend"), stars, strict=True)}
        assert item.reason.startswith("would rate it: ")
        assert all(f"{name} {star}" in item.reason for name, star in said.items())
        if by is GroupBy.LEAST_MISERY:  # the least happy is named first
            assert item.reason.removeprefix("would rate it: ").startswith(
                min(said, key=lambda name: float(said[name])))


def test_two_people_who_rated_everything_between_them_get_an_empty_list_and_why(engine):
    everything = Member("all of it", ratings=tuple(
        Rated(movie, None, str(movie), None, 3.0) for movie in range(1, 8)))
    answer = _together(engine, Member("user 1", user_id=1), everything)
    assert answer.items == [] and "rated" in answer.note


def test_the_filter_bar_narrows_the_group_list(engine):
    members = (Member("user 1", user_id=1), Member("user 2", user_id=2))
    unfiltered = {item.movielens_id for item in _together(engine, *members).items}
    assert unfiltered == {6, 7}
    filtered = _together(engine, *members, chart_filter=MovieFilter(years=(2000, 2010)))
    assert [item.movielens_id for item in filtered.items] == [6]  # Amélie, 2001


def test_a_group_needs_two_people_and_someone_with_something_to_go_by(engine):
    """Someone with no rating of a movie the models know is at the movie night all the same
    (the app said so of a friend's empty file, then refused): the others' tastes order it."""
    with pytest.raises(UsageError, match="at least 2 people"):
        _together(engine, Member("user 1", user_id=1))
    only_tmdb = Member("stranger", ratings=(Rated(None, 70001, "Only in TMDB", 1997, 4.0),))
    answer = _together(engine, Member("user 1", user_id=1), only_tmdb, Member("newcomer"))
    assert answer.items and all(item.reason.startswith("would rate it: user 1 ")
                                for item in answer.items)
    assert answer.note == ("stranger: no ratings of MovieLens movies yet; newcomer: no ratings "
                           "yet, so the list goes by user 1's tastes")
    with pytest.raises(UsageError, match="stranger and newcomer: no ratings of MovieLens movies "
                                         "to go by"):
        _together(engine, only_tmdb, Member("newcomer"))
    with pytest.raises(UsageError, match="unknown user 999"):
        _together(engine, Member("user 1", user_id=1), Member("user 999", user_id=999))


def test_the_same_ratings_twice_are_one_person_whoever_brings_them(engine):
    """Your own export beside you, in the app as on the command line: one person, their
    watchlists joined; the same films with other stars, or nobody's ratings, are not."""
    copy = Member("copy", ratings=FRIEND.ratings, watchlist=frozenset({("movielens", 7)}))
    answer = _together(engine, FRIEND, Member("user 1", user_id=1), copy, by=GroupBy.AVERAGE)
    assert answer.note == "copy has the same ratings as friend, counted once"
    assert all(item.reason.count("friend ") == 1 and "copy" not in item.reason
               for item in answer.items)
    assert [item.movielens_id for item in answer.items if item.on_watchlist] == [7]
    hiding = replace(copy, hidden=frozenset({("movielens", 8)}))  # the films hidden too
    assert counted_once([FRIEND, hiding])[0] == [replace(
        FRIEND, watchlist=FRIEND.watchlist | hiding.watchlist, hidden=hiding.hidden)]
    with pytest.raises(UsageError, match="at least 2 different people, and copy has the same "
                                         "ratings as friend: add someone else"):
        _together(engine, FRIEND, copy)
    harsher = Member("harsher", ratings=(Rated(6, 194, "Amélie", 2001, 4.0),))
    assert _together(engine, FRIEND, harsher).items
    assert _together(engine, Member("user 1", user_id=1), Member("a"), Member("b")).items


def test_a_film_on_a_watchlist_that_someone_there_rated_is_named_where_the_list_is_drawn_from_them(
        engine):
    """Movie night from the watchlists (W): a film one of you rated was gone without a word,
    as For you's list of your watchlist names it."""
    you = Member("you", ratings=(Rated(1, 19995, "Avatar", 2009, 4.5),),
                 watchlist=frozenset({("movielens", 1), ("tmdb", 19995), ("movielens", 2)}))
    rated = frozenset({("movielens", 1), ("tmdb", 19995)})
    answer = _together(engine, you, Member("user 2", user_id=2), only_flagged=True,
                       left_out=rated)
    assert 1 not in {item.movielens_id for item in answer.items}
    assert answer.note.endswith("left out, as one of you rated, saw or hid them: 1 on the "
                                "watchlists (Avatar)")
    assert "left out" not in _together(engine, you, Member("user 2", user_id=2),
                                       left_out=rated).note  # drawn from every film
