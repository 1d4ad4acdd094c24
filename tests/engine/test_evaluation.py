from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tui_recsys.engine.answer import TrainingHistory
from tui_recsys.engine.metrics import TOP_N, list_overlap, score_lists
from tui_recsys.engine.models.for_user_model import Factors
from tui_recsys.evaluation.measure import (
    bias_baseline,
    per_user_holdout,
    predict_ratings,
    tutorial_split,
)


def test_top_n_metrics_by_hand():
    lists = np.array([list(range(10)), list(range(10, 20))])
    relevant = [{0, 2, 50}, {99}]  # user 1: hits at ranks 1 and 3 of 3 relevant; user 2: none
    scores = score_lists(lists, relevant, catalogue=100)
    assert scores.users == 2
    assert scores.precision == pytest.approx((2 / 10 + 0) / 2)
    assert scores.recall == pytest.approx((2 / 3 + 0) / 2)
    ideal = 1 + 1 / np.log2(3) + 1 / np.log2(4)
    assert scores.ndcg == pytest.approx(((1 + 1 / np.log2(4)) / ideal) / 2)
    assert scores.hit_rate == 0.5
    assert scores.coverage == pytest.approx(20 / 100)


def test_users_without_relevant_items_are_not_scored():
    scores = score_lists(np.array([list(range(10))] * 2), [set(), {3}], catalogue=10)
    assert scores.users == 1 and scores.hit_rate == 1.0


def test_overlap():
    same = np.array([list(range(TOP_N))] * 3)
    assert list_overlap(same) == pytest.approx(1.0)
    apart = np.arange(3 * TOP_N).reshape(3, TOP_N)
    assert list_overlap(apart) == 0.0
    half = np.array([list(range(10)), list(range(5, 15))])
    assert list_overlap(half) == pytest.approx(0.5)


def test_predictions_fall_back_to_known_biases():
    factors = Factors(np.array([1, 2]), np.array([10, 20]), np.ones((2, 2), np.float32),
                      np.ones((2, 2), np.float32), np.array([0.5, -0.5], np.float32),
                      np.array([0.25, 0.0], np.float32), 3.0)
    pairs = pd.DataFrame({"user_id": [1, 1, 9, 9], "movie_id": [10, 99, 10, 99]})
    assert predict_ratings(factors, pairs).tolist() == pytest.approx(
        [3.0 + 0.5 + 0.25 + 2.0, 3.5, 3.25, 3.0])


def test_bias_baseline_is_damped():
    train = pd.DataFrame({"user_id": [1, 1, 2], "movie_id": [10, 20, 10],
                          "rating": [5.0, 5.0, 1.0]})
    prediction = bias_baseline(train, pd.DataFrame({"user_id": [3], "movie_id": [30]}))
    assert prediction.tolist() == pytest.approx([train["rating"].mean()])  # both unseen


def test_splits():
    ratings = pd.DataFrame({"user_id": np.repeat(np.arange(20), 10),
                            "movie_id": np.tile(np.arange(10), 20), "rating": 3.0})
    train, test = tutorial_split(ratings)
    assert (len(train), len(test)) == (180, 20)
    assert train.index.equals(ratings.sample(frac=1, random_state=42).index[:180])
    kept, held = per_user_holdout(ratings)
    assert (held.groupby("user_id").size() == 2).all() and len(kept) == 160


def test_another_draw_of_the_validation_split_holds_out_other_ratings_of_the_training_part():
    """Draw 0 is the split most settings were chosen on, as it always was; another draw reads
    whether a choice fitted to it holds beyond it, and never touches the test part."""
    from tui_recsys.evaluation.measure import validation_split

    ratings = pd.DataFrame({"user_id": np.repeat(np.arange(20), 10),
                            "movie_id": np.tile(np.arange(10), 20), "rating": 3.0})
    train, _test = per_user_holdout(ratings)
    first, second = validation_split(train), validation_split(train, draw=1)
    assert first[1].equals(per_user_holdout(train.reset_index(drop=True))[1])
    assert len(second[1]) == len(first[1]) and not second[1].index.equals(first[1].index)
    for fit, check in (first, second):
        assert len(fit) + len(check) == len(train)
        assert (check.groupby("user_id").size() == 2).all()  # a fifth of each user's eight


def test_the_report_draws_the_training_curve():
    from tui_recsys.evaluation.measure import EvaluationReport
    from tui_recsys.evaluation.report import report_text

    history = TrainingHistory(epochs_run=5, best_epoch=3,
                              validation_rmse=(0.99, 0.9, 0.85, 0.86, 0.87))
    assert history.curve() == ("validation RMSE by epoch █▄▁▂▂ (best 0.850 at epoch 3 "
                               "of 5)")
    report = EvaluationReport(split={"train": 9, "test": 1}, training=history)
    assert history.curve() in report_text(report)


def test_fold_in_leaves_out_a_seeded_fifth_of_the_users():
    from tui_recsys.evaluation.fold_in import fold_in_users

    ratings = pd.DataFrame({"user_id": np.repeat(np.arange(50), 3), "movie_id": 1,
                            "rating": 4.0})
    chosen = fold_in_users(ratings)
    assert len(chosen) == 10 and len(set(chosen)) == 10
    assert np.array_equal(chosen, fold_in_users(ratings.sample(frac=1, random_state=1)))


def test_evaluate_on_small_data_reports_every_row(tmp_path: Path, cache_dir: Path):
    """The whole procedure, with stand-in trainers: rating split, holdout and fold-in."""
    from tests.support import make_engine, planted_tastes, seeded_factors, write_dataset
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.evaluation.measure import EvaluationReport, evaluate
    from tui_recsys.evaluation.report import report_text

    data = write_dataset(tmp_path / "data", movielens=planted_tastes())
    report = evaluate(make_engine(data, cache_dir, trainer=seeded_factors), BuildContext())
    assert set(report.fold_in) == {"trained with them", "folded in", "For you (blend)",
                                   "most popular"}
    assert all(scores.users > 0 for scores in report.fold_in.values())
    assert "Fold-in:" in report_text(report)
    assert set(report.top_n) >= {"for-user", "chart", "most popular", "EASE", "EASE, liked x2"}
    assert all(scores.beyond is not None for scores in report.top_n.values())
    assert all(scores.beyond is not None for scores in report.fold_in.values())
    assert "beyond accuracy (genres are MovieLens')" in report_text(report)
    popular, ease = report.top_n["most popular"].beyond, report.top_n["EASE"].beyond
    assert popular.novelty < ease.novelty  # the most chosen movies tell the least
    assert set(report.cold_start) <= {3, 5, 10, 20, 50} and 3 in report.cold_start
    assert set(report.cold_start[3]) == {"For you (blend)", "folded in", "EASE folded in",
                                         "most popular"}
    assert "Cold start: the same users" in report_text(report)
    assert set(report.cold_start_stars) == set(report.cold_start)
    assert set(report.cold_start_stars[3]) == {"folded in", "the movie alone"}
    assert "their stars (RMSE" in report_text(report)
    assert "ranking network" in report.top_n  # For this user without EASE, beside it
    assert set(report.quick_start) == {1, 2, 3}
    assert "Quick start: the same" in report_text(report)
    # a benchmark reading `evaluate --json` prints the same text from it
    again = EvaluationReport.from_json(report.as_json())
    assert again == report and report_text(again) == report_text(report)


class _StarsOnly:
    """The rating model's side of ForUserModel over hand-made factors: no movie factors, so
    a folded-in user is their bias alone, and the stars can be worked out by hand."""

    def __init__(self, factors: Factors) -> None:
        self.factors = factors

    def positions(self, movielens_ids: np.ndarray) -> np.ndarray:
        from tui_recsys.engine.models.for_user_model import positions_in

        return positions_in(self.factors.movie_ids, np.asarray(movielens_ids))

    def folded_stars(self, *args):
        from tui_recsys.engine.models.for_user_model import ForUserModel

        return ForUserModel.folded_stars(self, *args)  # type: ignore[arg-type]


def test_the_cold_starts_stars_are_read_against_every_held_out_rating_by_hand():
    """A newcomer who gave three films 5 stars, where everyone's mean is 3: folded in with a
    penalty of 5 ratings' worth on the bias, their bias is 3 x 2 / (3 + 5) = 0.75, so 3.75
    stars for every film; held out, 4 and 3 stars (a film the model does not know is left
    out): RMSE sqrt((0.25^2 + 0.75^2) / 2); the movie alone (3 stars) sqrt((1 + 0) / 2)."""
    from tui_recsys.evaluation.fold_in import (
        FOLDED_STARS,
        MOVIE_ALONE,
        cold_start_stars,
        most_recent,
        star_readings,
    )

    movies = np.arange(1, 7)
    factors = Factors(np.array([1]), movies, np.zeros((1, 2), np.float32),
                      np.zeros((6, 2), np.float32), np.zeros(1, np.float32),
                      np.zeros(6, np.float32), 3.0)
    train = pd.DataFrame({"user_id": 7, "movie_id": [1, 2, 3], "rating": 5.0})
    test = pd.DataFrame({"user_id": 7, "movie_id": [4, 5, 99], "rating": [4.0, 3.0, 1.0]})
    recent = most_recent(train, np.array([7]), None)
    report = cold_start_stars([star_readings(_StarsOnly(factors), test, recent, (5.0, 3.0))])
    assert list(report) == [3]  # only 3 ratings: no user for 5 or more
    assert report[3][FOLDED_STARS].rmse == pytest.approx(np.sqrt((0.25**2 + 0.75**2) / 2))
    assert report[3][FOLDED_STARS].mae == pytest.approx(0.5)
    assert report[3][MOVIE_ALONE].rmse == pytest.approx(np.sqrt(0.5))


def test_the_cold_start_folds_in_the_most_recent_ratings_first():
    from tui_recsys.evaluation.fold_in import newest_first

    ratings = pd.DataFrame({"user_id": [2, 1, 1, 1], "movie_id": [7, 5, 6, 8],
                            "rating": 4.0})
    times = pd.DataFrame({"user_id": [1, 1, 1, 2], "movie_id": [5, 6, 8, 7],
                          "timestamp": [100, 300, 200, 50]})
    ordered = newest_first(ratings, times)
    pairs = zip(ordered["user_id"], ordered["movie_id"], strict=True)
    assert list(pairs) == [(1, 6), (1, 8), (1, 5), (2, 7)]
    assert list(ordered.columns) == ["user_id", "movie_id", "rating"]
    shuffled = newest_first(ratings, None)  # no times: a seeded order, each user together
    assert list(shuffled["user_id"]) == [1, 1, 1, 2]
    assert shuffled.equals(newest_first(ratings, None))


def test_evaluate_reads_for_user_at_every_discovery_setting(tmp_path: Path, cache_dir: Path):
    from tests.support import make_engine, planted_tastes, seeded_factors, write_dataset
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.evaluation.measure import evaluate
    from tui_recsys.evaluation.report import report_text

    data = write_dataset(tmp_path / "data", movielens=planted_tastes())
    report = evaluate(make_engine(data, cache_dir, trainer=seeded_factors), BuildContext())
    assert list(report.discovery) == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert report.discovery[0.0].ndcg == report.top_n["for-user"].ndcg  # 0: the model's order
    assert report.discovery[1.0].beyond.novelty >= report.discovery[0.0].beyond.novelty
    assert "the discovery setting, for-user re-ranked" in report_text(report)


def test_figures_pooled_over_groups_are_the_figures_over_every_user():
    """Each group of newcomers is read against its own models; put together, every mean over
    users is the one read over all of them at once, each user counting once (a group of one
    user does not weigh as much as a group of three)."""
    from tui_recsys.evaluation.pooled import pooled, pooled_tables

    lists = np.array([list(range(10)), list(range(10, 20)), list(range(5, 15)),
                      list(range(20, 30))])
    relevant = [{0, 2, 50}, {99}, {5, 14}, {29, 3}]
    every = score_lists(lists, relevant, catalogue=100)
    one = score_lists(lists[:1], relevant[:1], catalogue=100)
    three = score_lists(lists[1:], relevant[1:], catalogue=100)
    together = pooled([one, three])
    assert together.users == every.users == 4
    for figure in ("precision", "recall", "ndcg", "hit_rate"):
        assert getattr(together, figure) == pytest.approx(getattr(every, figure)), figure
    assert together.ndcg != pytest.approx((one.ndcg + three.ndcg) / 2)  # weighed by users
    # a count of ratings that only one group's users reach is read over that group alone
    table = pooled_tables([{3: {"ours": one}, 50: {"ours": three}}, {3: {"ours": three}}])
    assert list(table) == [3, 50]
    assert table[3]["ours"].ndcg == pytest.approx(every.ndcg) and table[50]["ours"] == three


def test_every_user_is_a_newcomer_once_in_seeded_groups():
    from tui_recsys.evaluation.fold_in import EVERY_USER, fold_in_users, newcomer_groups

    ratings = pd.DataFrame({"user_id": np.repeat(np.arange(1, 24), 3), "movie_id": 1,
                            "rating": 4.0})
    groups = newcomer_groups(ratings, EVERY_USER)
    assert len(groups) == 5 and sorted(len(group) for group in groups) == [4, 4, 5, 5, 5]
    assert sorted(np.concatenate(groups).tolist()) == list(range(1, 24))
    assert all(np.array_equal(group, np.sort(group)) for group in groups)
    again = newcomer_groups(ratings.sample(frac=1, random_state=3), EVERY_USER)
    assert all(np.array_equal(a, b) for a, b in zip(groups, again, strict=True))
    assert np.array_equal(newcomer_groups(ratings, 1)[0], fold_in_users(ratings))


def test_evaluate_reads_the_newcomers_tables_with_every_user_a_newcomer(tmp_path: Path,
                                                                          cache_dir: Path):
    """`evaluate --every-user`: the fold-in, the cold start, the stars and the quick start
    over all 40 users of the two taste groups, each group of 8 left out of a training of its
    own, where one seeded fifth reads 8 of them."""
    from tests.support import make_engine, planted_tastes, seeded_factors, write_dataset
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.evaluation.fold_in import EVERY_USER
    from tui_recsys.evaluation.measure import EvaluationReport, evaluate
    from tui_recsys.evaluation.report import report_text

    data = write_dataset(tmp_path / "data", movielens=planted_tastes())
    trainings = []

    def counted(ratings, params, ctx):
        trainings.append(ratings["user_id"].nunique())
        return seeded_factors(ratings, params, ctx)

    engine = make_engine(data, cache_dir, trainer=counted)
    one = evaluate(engine, BuildContext())
    assert trainings[2:] == [32]  # the holdout's 40, then without a fifth of them
    trainings.clear()
    every = evaluate(engine, BuildContext(), EVERY_USER)
    assert trainings[2:] == [32] * 5
    assert one.fold_in["For you (blend)"].users == 8
    assert {s.users for s in every.fold_in.values()} == {40}
    assert {s.users for s in every.cold_start[3].values()} == {40}
    assert {s.users for s in every.quick_start[2].values()} == {40}
    assert set(every.cold_start_stars) == set(every.cold_start)
    # For this user and the baselines read as before
    assert {n: s.ndcg for n, s in every.top_n.items()} == {n: s.ndcg for n, s in one.top_n.items()}
    text = report_text(every)
    assert "Fold-in: every user left out once (5 groups, each left out of a training" in text
    assert "scored on the 40 of them with a liked held-out movie;\nhere and below" in text
    assert "Quick start: the same 40 users" in text
    assert "Fold-in: 20% of users left out of a third training" in report_text(one)
    assert EvaluationReport.from_json(every.as_json()) == every


def test_stars_read_over_groups_count_every_held_out_star_once():
    """Errors of 1 in one group's one star, 0 and 2 in another's two: sqrt(5 / 3) over the
    three, not the mean of the groups' RMSEs."""
    from tui_recsys.evaluation.fold_in import FOLDED_STARS, MOVIE_ALONE, cold_start_stars

    one = {3: (np.array([4.0]), np.array([3.0]), np.array([5.0]))}
    two = {3: (np.array([2.0, 2.0]), np.array([3.0, 3.0]), np.array([2.0, 4.0])),
           5: (np.array([4.0]), np.array([4.0]), np.array([4.0]))}
    report = cold_start_stars([one, two])
    assert list(report) == [3, 5]
    assert report[3][FOLDED_STARS].rmse == pytest.approx(np.sqrt(5 / 3))
    assert report[3][MOVIE_ALONE].rmse == pytest.approx(np.sqrt((4 + 1 + 1) / 3))
    assert report[5][FOLDED_STARS].rmse == 0.0
