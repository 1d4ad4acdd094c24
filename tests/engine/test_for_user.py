import json
import subprocess
import sys
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.support import make_engine, picks, planted_tastes, seeded_factors, write_dataset
from tui_recsys.cli.main import main
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.engine import Engine
from tui_recsys.engine.metrics import list_overlap
from tui_recsys.engine.question import Ask
from tui_recsys.engine.training.config import ForUserConfig, RankingParams, RatingParams
from tui_recsys.errors import Cancelled, UsageError

FAST = RatingParams(batch_size=64, learning_rate=0.03, max_epochs=80, patience=8)
GROUP = 20


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = write_dataset(tmp_path_factory.mktemp("planted"), movielens=planted_tastes())
    return root, tmp_path_factory.mktemp("planted-cache")


@pytest.fixture(scope="module")
def planted_engine(planted) -> Engine:
    root, cache = planted
    engine = make_engine(root, cache, rating=FAST)
    engine.prepare(engine.strategy("for-user"))
    return engine


def _group(movie_id: int) -> str:
    return "A" if movie_id < 200 else "B"


def test_picks_stay_within_the_users_taste_group(planted_engine: Engine):
    right = total = 0
    for user in range(1, 2 * GROUP + 1):
        mine = "A" if user <= GROUP else "B"
        items = picks(planted_engine, user, k=5).items
        right += sum(_group(p.movielens_id) == mine for p in items)
        total += len(items)
    assert right / total >= 0.9


def test_the_tutorials_tensordot_could_not(planted_engine: Engine):
    """Scored the tutorial's way, one scalar for the whole batch is added to every row, so the
    order within a batch is by movie bias alone: about a coin toss between the groups."""
    factors = planted_engine.model(planted_engine.strategy("for-user")).factors
    right = total = 0
    for user in range(2 * GROUP):
        mine = "A" if user < GROUP else "B"
        batch_dot = float(np.tensordot(np.repeat(factors.user_factors[[user]],
                                                 len(factors.movie_ids), axis=0),
                                       factors.movie_factors, 2))
        scores = batch_dot + factors.user_bias[user] + factors.movie_bias
        best = np.argsort(-scores)[:5]
        right += sum(_group(int(factors.movie_ids[i])) == mine for i in best)
        total += 5
    assert right / total < 0.75


def test_picks_exclude_rated_and_show_favourites(planted_engine: Engine):
    ratings = planted_engine.catalog().ratings
    rated = set(ratings.loc[ratings["user_id"] == 3, "movie_id"])
    result = picks(planted_engine, 3, k=8)
    assert not rated & {p.movielens_id for p in result.items}
    assert len(result.favourites) == 5
    assert all(f.movielens_id in rated and f.score >= 4.5 for f in result.favourites)
    assert result.items[0].reason.endswith(", which they rated")  # a MovieLens user's
    assert all(item.stars is not None for item in result.items)
    scores = [item.score for item in result.items]
    assert scores == sorted(scores, reverse=True)  # the score shown is what orders the list


def test_different_users_get_different_lists(planted_engine: Engine):
    lists = np.array([[p.movielens_id for p in picks(planted_engine, u, k=5).items]
                      for u in (1, 2, GROUP + 1, GROUP + 2)])
    assert list_overlap(lists) < 0.7
    assert set(lists[0]).isdisjoint(lists[2])


def test_unknown_user_lists_the_valid_range(planted_engine: Engine):
    with pytest.raises(UsageError, match=r"unknown user 999: MovieLens users are 1-40"):
        picks(planted_engine, 999)


def test_cli_json_and_exit_codes(planted, tmp_path: Path, capsys):
    root, _ = planted
    argv = ["recommend", "for-user", "--data", str(root), "--cache-dir", str(tmp_path)]
    assert main([*argv, "--user", "1", "--json", "-k", "3"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["rank"] for row in rows] == [1, 2, 3]
    assert set(rows[0]) == {"rank", "title", "year", "score", "reason", "tmdb_id",
                            "movielens_id", "stars", "on_watchlist", "yours"}
    assert all(row["tmdb_id"] is None for row in rows)  # the planted films are MovieLens-only
    assert main([*argv, "--user", "999"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "unknown user 999" in err and "1-40" in err
    assert main([*argv, "--user", "2"]) == 0
    out, err = capsys.readouterr()
    assert "User 2 rated highest:" in err and "top 10 picks:" in err  # commentary
    assert out.splitlines()[0].split() == ["#", "title", "year", "score", "stars", "reason"]
    assert len(out.splitlines()) == 12  # the picks alone: data


def test_a_prediction_depends_on_its_own_pair_only():
    """The tutorial's defect: tensordot over the batch made a row's score depend on the rest
    of its batch. The fixed model scores a row the same alone or among others."""
    from tui_recsys.engine.training.networks import RecommenderNet

    model = RecommenderNet(5, 7, 3.5, RatingParams(embedding_size=4))
    pairs = np.array([[0, 1], [2, 3], [4, 6], [1, 5]], dtype=np.int32)
    together = np.asarray(model(pairs))
    alone = np.array([float(np.asarray(model(pairs[i:i + 1]))[0]) for i in range(4)])
    assert np.allclose(together, alone, atol=1e-6)
    assert len(set(np.round(together, 6))) == 4


def _python(script: str) -> subprocess.CompletedProcess[str]:
    """`script` run by a fresh interpreter from the project's root, which must succeed."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
    return result


def test_warm_start_never_imports_tensorflow(planted, planted_engine: Engine):
    root, cache = planted
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tests.support import make_engine, picks\n"
        "from tests.engine.test_for_user import FAST\n"
        f"engine = make_engine(Path({str(root)!r}), Path({str(cache)!r}), "
        "rating=FAST, trainer=lambda *a: sys.exit('trained again'))\n"
        "print(len(picks(engine, 1).items), 'tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    result = _python(script)
    assert result.stdout.split() == ["10", "False", "False"]


def test_the_training_child_loads_tensorflow_without_scikit_learn():
    script = (
        "import sys\n"
        "from tui_recsys.engine.training.child import _networks\n"
        "networks = _networks()\n"
        "print(hasattr(networks, 'train_both'), 'sklearn' in sys.modules)\n"
        "import sklearn\n"  # and it can still be imported afterwards
        "print('sklearn' in sys.modules)\n"
    )
    result = _python(script)
    assert result.stdout.split() == ["True", "False", "True"]


def test_the_training_childs_reports_are_alone_on_its_stdout():
    """A native library writing to fd 1 (BLAS did, on an empty product) once broke the parent's
    reading of the reports; it goes to stderr, with the child's log."""
    script = (
        "import os\n"
        "from tui_recsys.engine.training.child import report_channel, reporter\n"
        "report = reporter(report_channel())\n"
        "os.write(1, b' ** On entry to SSYRK parameter number 10 had an illegal value\\n')\n"
        "print('a stray print')\n"
        "report('training', 0.5)\n"
    )
    result = _python(script)
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"message": "training", "fraction": 0.5}]
    assert "SSYRK" in result.stderr and "a stray print" in result.stderr


def test_cancel_stops_training_and_caches_nothing(planted, tmp_path: Path):
    root, _ = planted
    cache = tmp_path / "cache"
    engine = make_engine(root, cache, rating=RatingParams(
        batch_size=8, max_epochs=1000, patience=1000))
    ctx = BuildContext()
    started = threading.Event()

    def progress(message: str, fraction: float) -> None:
        if "epoch" in message:
            started.set()

    ctx.progress = progress
    outcome: list[BaseException] = []

    def build() -> None:
        try:
            engine.prepare(engine.strategy("for-user"), ctx)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=build)
    thread.start()
    assert started.wait(120), "training never reported an epoch"
    ctx.cancel.set()
    thread.join(30)
    assert not thread.is_alive()
    assert outcome and isinstance(outcome[0], Cancelled)
    assert not list(cache.glob("for-user-*"))
    assert not engine.is_ready(engine.strategy("for-user"))


def test_a_fresh_build_serves_its_cache_entry_and_leaves_no_training_folder(
        planted, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """EASE's weights are cached as the child's file and then mapped from the cache entry, as
    a warm start maps them: the training folder they came from goes once they are cached."""
    root, _ = planted
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    cache = tmp_path / "cache"
    engine = make_engine(root, cache, rating=FAST)
    weights = engine.model(engine.strategy("for-user")).trained.items.weights
    assert isinstance(weights, np.memmap)
    [entry] = cache.glob("for-user-*")
    assert Path(weights.filename).parent == entry
    assert list(temp.iterdir()) == []


def test_the_stars_alone_train_without_the_ranking_models(
        planted_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Evaluation's RMSE split reads the rating model alone, so it trains alone: the ranking
    network and EASE were two thirds of each training there. The same seed and ratings give
    the rating model the full training gave, and its folder goes."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    for_user = planted_engine.strategy("for-user")
    said: list[str] = []
    stars = for_user.train_stars(planted_engine.catalog().ratings, planted_engine.source(),
                                 BuildContext(progress=lambda message, _: said.append(message)))
    full = planted_engine.model(for_user).factors
    assert np.array_equal(stars.user_ids, full.user_ids)
    assert np.array_equal(stars.movie_ids, full.movie_ids)
    assert np.allclose(stars.movie_factors, full.movie_factors, atol=1e-5)
    assert np.allclose(stars.movie_bias, full.movie_bias, atol=1e-5)
    assert any("for-user model, epoch" in message for message in said)
    assert not any("ranking" in message or "EASE" in message for message in said)
    assert list(temp.iterdir()) == []


def test_training_failure_is_one_readable_line():
    """A failure inside the training process reaches the caller as one line naming it."""
    from tui_recsys.engine.training.process import train_in_child

    nothing = pd.DataFrame({"user_id": np.array([], dtype=np.int64),
                            "movie_id": np.array([], dtype=np.int64),
                            "rating": np.array([], dtype=np.float32)})
    with pytest.raises(Exception) as caught:
        train_in_child(nothing, ForUserConfig(), BuildContext())
    assert str(caught.value).startswith("training the collaborative model failed: ")
    assert "\n" not in str(caught.value)
    assert "needs at least 2 ratings, got 0" in str(caught.value)


def test_similar_by_ratings_finds_the_movies_the_same_people_chose(planted_engine: Engine):
    strategy = planted_engine.strategy("by-ratings")
    for movie in (101, 205):
        items = planted_engine.recommend(strategy, Ask(k=5, movielens_id=movie)).items
        assert len(items) == 5 and movie not in {item.movielens_id for item in items}
        assert sum(_group(item.movielens_id) == _group(movie) for item in items) >= 4
        assert items[0].reason.startswith(f"chosen by the same people as {_group(movie)} film")
    with pytest.raises(UsageError, match="MovieLens movie 999 has no ratings"):
        planted_engine.recommend(strategy, Ask(movielens_id=999))


def test_similar_by_ratings_follows_a_rebuilt_model(tiny: Path, cache_dir: Path):
    engine = make_engine(tiny, cache_dir, trainer=seeded_factors)
    strategy = engine.strategy("by-ratings")
    assert engine.is_ready(strategy) is False
    before = engine.model(strategy)
    assert engine.is_ready(strategy)
    engine.rebuild(strategy)  # rebuilds the model it derives from
    assert engine.model(strategy) is not before
    assert engine.model(strategy).recommender is engine.model(engine.strategy("for-user"))


def test_cli_similar_ratings_takes_a_movielens_title_or_id(planted, tmp_path: Path, capsys):
    root, _ = planted
    argv = ["recommend", "by-ratings", "--data", str(root), "--cache-dir", str(tmp_path),
            "--json", "-k", "3"]
    assert main([*argv, "--movie", "A film 101"]) == 0
    out, err = capsys.readouterr()
    assert "by-ratings: like A film 101 (2000, MovieLens id 101)" in err
    rows = json.loads(out)
    assert len(rows) == 3 and all(row["movielens_id"] != 101 for row in rows)
    assert main([*argv, "--movie-id", "101"]) == 0
    assert json.loads(capsys.readouterr().out) == rows


def test_a_neighbour_few_people_rated_is_ranked_down_by_its_support():
    """Movie 3's embedding sits nearest movie 0's, but one person rated it: movies 1 and 2,
    nearly as close and rated by many, come first; the reason says how many rated each."""
    from types import SimpleNamespace

    from tui_recsys.engine.answer import Recommendation
    from tui_recsys.engine.models.by_ratings_model import ByRatingsModel
    from tui_recsys.engine.models.for_user_model import UserRatings

    encoder = np.array([[1.0, 0.0], [0.9, 0.2], [0.8, 0.3], [1.0, 0.01]])
    raters = np.repeat([0, 1, 2, 3], [50, 40, 60, 1]).astype(np.int32)
    recommender = SimpleNamespace(
        trained=SimpleNamespace(network=SimpleNamespace(movie_ids=np.arange(4),
                                                        encoder=encoder)),
        ratings=UserRatings(np.array([0, len(raters)]), raters,
                            np.full(len(raters), 4.0, dtype=np.float32)),
        title=lambda position: f"movie {position}",
        movie=lambda position, score, reason: Recommendation(
            f"movie {position}", None, score, reason, None, position))
    found = ByRatingsModel(recommender).similar(0, 3)  # type: ignore[arg-type]
    assert {found[0].movielens_id, found[1].movielens_id} == {1, 2}
    assert found[2].movielens_id == 3
    assert found[2].reason.endswith("(similarity 1.00, 1 rated it)")


def test_the_ranking_model_stops_once_held_out_choices_stop_improving():
    from tui_recsys.engine.training.networks import train_ranking

    ratings = planted_tastes(users_per_group=40)["ratings"].rename(
        columns={"userId": "user_id", "movieId": "movie_id"})
    patient = RankingParams(hidden=8, batch_size=16, max_epochs=60, patience_steps=10,
                            min_patience=1)
    said: list[tuple[str, float]] = []
    history = train_ranking(ratings, patient, BuildContext(
        progress=lambda message, fraction: said.append((message, fraction)))).history
    figures = history.validation_ndcg
    assert len(figures) == history.epochs_run < 60  # stopped early, by its check
    assert history.best_epoch == int(np.argmax(figures)) + 1  # the best epoch was kept
    assert history.epochs_run - history.best_epoch == 2  # 10 steps: two 5-step epochs
    # The bar counted toward that stop, not toward 60 epochs, and filled as training ended.
    epochs = history.epochs_run
    assert said[-1] == (f"training ranking model, epoch {epochs} of about {epochs} "
                        f"(validation nDCG@10 {figures[-1]:.3f})", 1.0)
    assert [fraction for _, fraction in said] == sorted(fraction for _, fraction in said)


def test_the_popularity_discount_lowers_each_movie_by_its_choosers():
    from tui_recsys.engine.training.networks import train_ranking

    ratings = planted_tastes(users_per_group=10)["ratings"].rename(
        columns={"userId": "user_id", "movieId": "movie_id"})
    quick = RankingParams(hidden=8, batch_size=16, max_epochs=2, popularity_discount=0.0)
    plain = train_ranking(ratings, quick, BuildContext())
    discounted = train_ranking(ratings, replace(quick, popularity_discount=0.5), BuildContext())
    choosers = ratings.groupby("movie_id")["user_id"].nunique().reindex(plain.movie_ids)
    np.testing.assert_allclose(plain.decoder_bias - discounted.decoder_bias,
                               0.5 * np.log1p(choosers.to_numpy()), rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(plain.encoder, discounted.encoder)  # the training is the same


def test_a_movie_outside_the_softmax_is_read_but_ranked_under_every_decoded_one():
    from tui_recsys.engine.training.networks import train_ranking

    ratings = planted_tastes(users_per_group=10)["ratings"].rename(
        columns={"userId": "user_id", "movieId": "movie_id"})
    lonely = pd.DataFrame({"user_id": ratings["user_id"].unique()[:3],
                           "movie_id": [9001, 9002, 9003], "rating": [5.0, 4.0, 3.0]})
    ratings = pd.concat([ratings, lonely], ignore_index=True)
    params = RankingParams(hidden=8, batch_size=16, max_epochs=2, min_choosers=2)
    model = train_ranking(ratings, params, BuildContext())
    outside = np.searchsorted(model.movie_ids, [9001, 9002, 9003])
    assert np.all(model.decoder[:, outside] == 0.0)
    inside = np.setdiff1d(np.arange(len(model.movie_ids)), outside)
    # However a user reads, even one who chose only the three movies outside.
    chosen = np.zeros((2, len(model.movie_ids)), dtype=np.float32)
    chosen[0, outside] = 1.0
    chosen[1, inside[:5]] = 2.0
    scores = model.score_all(chosen)
    assert np.all(scores[:, outside].max(axis=1) < scores[:, inside].min(axis=1))
    assert np.all(np.isfinite(scores))


def test_the_encoder_learns_densely_only_while_its_table_is_small():
    import tensorflow as tf

    from tui_recsys.engine.training.networks import dense_gradients

    one = tf.distribute.get_strategy()
    assert dense_gradients(one, movies=9_700, touched=20_000.0)  # ml-latest-small
    assert not dense_gradients(one, movies=87_000, touched=20_000.0)  # ml-32m


def test_the_softmax_spans_only_the_most_chosen_movies_when_capped():
    from tui_recsys.engine.training.networks import train_ranking

    ratings = planted_tastes(users_per_group=10)["ratings"].rename(
        columns={"userId": "user_id", "movieId": "movie_id"})
    params = RankingParams(hidden=8, batch_size=16, max_epochs=1, most_decoded=3)
    model = train_ranking(ratings, params, BuildContext())
    choosers = ratings.groupby("movie_id")["user_id"].nunique().reindex(model.movie_ids)
    decoded = np.flatnonzero(np.abs(model.decoder).sum(axis=0) > 0)
    assert len(decoded) == 3
    assert choosers.to_numpy()[decoded].min() >= np.sort(choosers.to_numpy())[-3]
