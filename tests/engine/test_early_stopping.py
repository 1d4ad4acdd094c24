import numpy as np

from tui_recsys.engine.models.ranking_model import RankingModel
from tui_recsys.engine.training.early_stopping import (
    MIN_CHOICES,
    HeldOutChoices,
    KeepBest,
    hold_out,
)


def _choices(users: int, per_user: int, movies: int, seed: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    who = np.repeat(np.arange(users), per_user)
    what = np.concatenate([rng.choice(movies, per_user, replace=False) for _ in range(users)])
    liked = rng.random(len(who)) < 0.5
    return who, what, np.where(liked, 2.0, 1.0).astype(np.float32), liked


def test_a_seeded_tenth_of_a_tenth_of_the_users_choices_is_held_out():
    users, movies, weights, liked = _choices(users=200, per_user=30, movies=500)
    train, check = hold_out(users, movies, weights, liked, 0.1, most_users=20, seed=3)
    held = np.flatnonzero(~train)
    assert len(held) == 20 * 3  # 20 users, a tenth of their 30 choices each
    assert len(np.unique(users[held])) == 20
    assert len(check.liked) == 20
    assert sum(map(len, check.liked)) == int(liked[held].sum())  # only liked ones score
    assert len(check.kept_movies) == 20 * 27  # the rest of their choices fold them in
    again, _ = hold_out(users, movies, weights, liked, 0.1, most_users=20, seed=3)
    other, _ = hold_out(users, movies, weights, liked, 0.1, most_users=20, seed=4)
    assert np.array_equal(train, again)
    assert not np.array_equal(train, other)


def test_users_with_few_choices_keep_them_all():
    users = np.array([0] * (MIN_CHOICES - 1) + [1] * MIN_CHOICES)
    movies = np.arange(len(users))
    liked = np.ones(len(users), dtype=bool)
    train, check = hold_out(users, movies, np.ones(len(users), np.float32), liked, 0.1,
                            most_users=10, seed=0)
    assert train[users == 0].all()
    assert (~train[users == 1]).sum() == 1  # at least one, though a tenth rounds to none
    assert check.usable


def _one_user() -> tuple[HeldOutChoices, list[int], np.ndarray]:
    """The check on one validation user with liked held-out movies, and their kept movies."""
    users, movies, weights, liked = _choices(users=50, per_user=20, movies=100)
    _, check = hold_out(users, movies, weights, liked, 0.2, most_users=50, seed=1)
    target = next(i for i, wanted in enumerate(check.liked) if wanted)
    theirs = check.kept_users == target
    single = HeldOutChoices(check.kept_users[theirs] * 0, check.kept_movies[theirs],
                            check.kept_weights[theirs], [check.liked[target]])
    return single, sorted(check.liked[target]), check.kept_movies[theirs]


def _popularity(scores: np.ndarray) -> RankingModel:
    """A model whose picks are the same for everyone: `scores`, highest first."""
    hidden = 2
    return RankingModel(np.arange(len(scores)), np.zeros((len(scores), hidden), np.float32),
                        np.zeros(hidden, np.float32), np.zeros((hidden, len(scores)), np.float32),
                        scores.astype(np.float32), 2.0)


def test_held_out_choices_score_a_model_that_ranks_them_first():
    check, wanted, _ = _one_user()
    scores = np.zeros(100)
    scores[wanted] = 10.0
    assert check.ndcg(_popularity(scores)) == 1.0
    scores[wanted] = -10.0
    assert check.ndcg(_popularity(scores)) == 0.0


def test_movies_the_user_kept_are_not_picked_again():
    check, wanted, kept = _one_user()
    scores = np.zeros(100)
    scores[kept] = 10.0  # above everything: counted, they would fill the list
    scores[wanted] = 5.0
    assert check.ndcg(_popularity(scores)) == 1.0


def test_keep_best_stops_after_patience_and_keeps_the_best():
    keep = KeepBest[str](patience=2, lower_is_better=True, min_delta=0.0)
    assert keep.last_epoch() == 3  # the first epoch always sets the figure to beat
    assert not keep.observe(0.9, "one")
    assert not keep.observe(0.8, "two")
    assert keep.last_epoch() == 4
    assert not keep.observe(0.85, "three")
    assert keep.last_epoch() == 4
    assert keep.observe(0.81, "four")  # stopped where last_epoch said
    assert (keep.model, keep.best_epoch) == ("two", 2)


def test_keep_best_reaching_its_cap_keeps_the_best_too():
    keep = KeepBest[str](patience=10, lower_is_better=False, min_delta=0.0)
    for figure, name in ((0.10, "one"), (0.30, "two"), (0.25, "three")):
        assert not keep.observe(figure, name)
    assert (keep.model, keep.best_epoch) == ("two", 2)


def test_improvements_under_the_margin_do_not_reset_patience_but_are_kept():
    keep = KeepBest[str](patience=2, lower_is_better=True, min_delta=0.01)
    assert not keep.observe(0.90, "one")
    assert not keep.observe(0.80, "two")
    assert not keep.observe(0.795, "three")  # better, by less than the margin
    assert keep.observe(0.792, "four")  # two epochs since "two" beat "one" by the margin
    assert (keep.model, keep.best_epoch) == ("four", 4)
