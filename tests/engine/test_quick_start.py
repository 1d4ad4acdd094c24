"""The quick start's rounds: movies likely seen, never one asked or rated before, adapting to
the answers; and its simulation in `evaluate`, on newcomers answering from their ratings."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.support import make_engine, seeded_factors
from tui_recsys.data.profile_file import Rated
from tui_recsys.engine.models import quick_start
from tui_recsys.engine.models.answered_alike import AnsweredAlike
from tui_recsys.engine.models.for_user_model import UserRatings
from tui_recsys.engine.models.quick_start import QuickStart
from tui_recsys.evaluation.quick_start_sim import QUICK_START_ROUNDS, quick_start_report


@pytest.fixture
def engine(tiny: Path, cache_dir: Path):
    return make_engine(tiny, cache_dir, trainer=seeded_factors)


def _ids(asking) -> list[int]:
    return [item.movielens_id for item in asking.items]


def test_the_first_round_is_the_most_rated_films_then_never_the_same(engine):
    first = _ids(engine.quick_start([]))
    # tiny: 7 movies; 1, 4 and 5 are rated by two people, the rest by one: all fit in a round
    assert sorted(first) == [1, 2, 3, 4, 5, 6, 7] and set(first[:3]) == {1, 4, 5}
    second = _ids(engine.quick_start([Rated(1, 19995, "Avatar", 2009, 5.0)], skipped=[4, 5]))
    assert not {1, 4, 5} & set(second) and sorted(second) == [2, 3, 6, 7]


def test_rounds_before_the_models_are_built_come_from_the_movie_list(tiny: Path,
                                                                     cache_dir: Path):
    """A first round reads nothing the models learn: it is the models' first round, from the
    movie list, and nothing is trained for it. Later rounds wait for the models unless told
    not to; then they are the most rated movies not asked yet, and say the models are
    missing."""
    trained: list[int] = []

    def trainer(*args):
        trained.append(1)
        return seeded_factors(*args)

    engine = make_engine(tiny, cache_dir, trainer=trainer)
    first = engine.quick_start([])
    assert not trained and first.models_missing
    skipped = engine.quick_start([], skipped=[7], wait=False)
    assert not trained and skipped.models_missing and 7 not in _ids(skipped)
    avatar = [Rated(1, 19995, "Avatar", 2009, 5.0)]
    blind = engine.quick_start(avatar, frozenset({("movielens", 1)}), skipped=[4], wait=False)
    assert not trained and blind.models_missing
    assert _ids(blind) == _ids(engine.quick_start([], skipped=[1, 4], wait=False)) and not {
        1, 4} & set(_ids(blind))
    adapted = engine.quick_start(avatar, frozenset({("movielens", 1)}), skipped=[4])
    assert trained and not adapted.models_missing
    model_first = QuickStart(engine.model(engine.strategy("for-you"))).round([], set())
    assert [(i.movielens_id, i.title, i.year, i.tmdb_id, i.score) for i in model_first] == [
        (i.movielens_id, i.title, i.year, i.tmdb_id, i.score) for i in first.items]
    assert engine.quick_start([]).items == first.items and not engine.quick_start(
        []).models_missing


def test_a_movie_marked_seen_steers_the_next_round_as_a_rating_below_4_would(engine):
    """Seen is an answer too: the next round reads it as the choice it is, and never asks it."""
    quick = QuickStart(engine.model(engine.strategy("for-you")))
    blind = [item.movielens_id for item in quick.round([], set(), size=3)]
    seen = [item.movielens_id for item in quick.round([], set(), size=3, seen=[1])]
    rated = [item.movielens_id for item in quick.round(
        [Rated(1, 19995, "Avatar", 2009, 3.0)], set(), size=3)]
    assert seen == rated and 1 not in seen and 1 in blind
    through_engine = _ids(engine.quick_start([], seen=[1]))
    assert set(seen) <= set(through_engine) and 1 not in through_engine


def test_answers_change_what_is_asked_next(engine, monkeypatch):
    """Until a round's worth of movies is known of someone, the next round is what the
    people who answered alike rated; after that, what the ranking model says people with
    those answers chose."""
    model = engine.model(engine.strategy("for-you"))
    for_user = model.for_user
    ids = for_user.factors.movie_ids
    liked = [Rated(5, 278, "The Shawshank Redemption", 1994, 5.0)]
    monkeypatch.setattr(quick_start, "ROUND", 2)  # tiny has 7 movies: rounds of 2
    quick = QuickStart(model)
    early = [item.movielens_id for item in quick.round(liked, {4})]
    alike = quick.alike.log_share(for_user.positions(np.array([5])),
                                  for_user.positions(np.array([4])))
    assert early[0] == next(int(ids[i]) for i in np.argsort(-alike, kind="stable")
                        if ids[i] not in (4, 5)) and not {4, 5} & set(early)
    later = [item.movielens_id for item in quick.round(liked, {4, 6})]
    scores = for_user.ranking_scores(for_user.fold(for_user.positions(np.array([5])),
                                                   np.array([5.0])))
    likeliest = [int(ids[i]) for i in np.argsort(-scores, kind="stable")
                 if ids[i] not in (4, 5, 6)]
    assert later[0] == likeliest[0] and not {4, 5, 6} & set(later)


def test_people_who_answered_alike_count_by_how_their_ratings_agree():
    """Three people: one rated movies 0 and 1, one 0 and 2, one 1 and 2. Someone answered 0
    and skipped 1: the first counts exp(0.7 - 1), the second exp(0.7), the third exp(-1)."""
    ratings = UserRatings(np.array([0, 2, 4, 6]), np.array([0, 1, 0, 2, 1, 2]),
                          np.full(6, 4.0, dtype=np.float32))
    shares = np.exp(AnsweredAlike(ratings, 4).log_share(np.array([0]), np.array([1])))
    w = np.exp([0.7 - 1.0, 0.7, -1.0])
    expected = np.array([w[0] + w[1], w[0] + w[2], w[1] + w[2], 0.0]) / w.sum()
    np.testing.assert_allclose(shares[:3], expected[:3], rtol=1e-9)
    assert shares[3] < 1e-11  # nobody rated it: the floor


def test_the_simulation_answers_from_each_newcomers_own_ratings(engine, tiny: Path):
    model = engine.model(engine.strategy("for-you"))
    catalog = engine.catalog()
    train = pd.DataFrame([(1, 1, 4.0), (1, 4, 5.0), (2, 5, 4.0)],
                         columns=["user_id", "movie_id", "rating"])
    test = pd.DataFrame([(1, 6, 5.0), (2, 6, 4.5)], columns=["user_id", "movie_id", "rating"])
    report = quick_start_report(model, train, test, np.array([1, 2]), catalog.ml_movies)
    assert list(report) == list(range(1, QUICK_START_ROUNDS + 1))
    for scores in report.values():
        assert set(scores) == {"For you, quick start", "For you, popular", "most popular"}
        assert all(s.users == 2 and 0.0 <= s.ndcg <= 1.0 for s in scores.values())
