"""The benchmark code runs (on tiny inputs); the figures themselves are not tested."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import benchmarks.__main__ as runner
from benchmarks import peers_cold_start
from benchmarks.__main__ import comparison, render
from benchmarks.synthetic import overviews, ratings, titles
from tests.support import chart, make_engine, seeded_factors

ROOT = Path(__file__).resolve().parents[1]


def task(*argv: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "benchmarks.tasks", *argv],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_tutorial_baseline_runs(tiny: Path):
    figures = task("tutorial", "--data", str(tiny), "--quick")
    assert figures["chart"]["calls"] == 30 and figures["overview_build_s"] > 0
    assert "collaborative_train_s" not in figures  # --quick


def test_tutorial_chart_equals_ours(charted):
    from benchmarks import tutorial as method

    movies = charted.catalog().movies
    theirs = method.demographic(movies)
    assert len(theirs) == 4  # several, and a tie between two of them
    assert list(theirs["id"]) == [r.tmdb_id for r in chart(charted, k=len(theirs))]


def test_warm_app_start_task_loads_everything_and_no_heavy_library(tiny: Path, cache_dir: Path):
    warm = make_engine(tiny, cache_dir, trainer=seeded_factors)
    for strategy in warm.strategies:
        warm.prepare(strategy)
    warm.index()
    figures = task("app_startup", "--data", str(tiny), "--cache", str(cache_dir),
                   "--spawned", str(time.time()))
    assert 0 < figures["first_paint_s"] <= figures["lists_ready_s"] <= figures["all_ready_s"]
    assert figures["switch_cpu_ms"] > 0 and figures["move_cpu_ms"] > 0
    assert figures["heavy_imports"] == []  # no tensorflow, keras, sklearn, datasets


def test_warm_query_task_times_every_query_with_no_heavy_library(tiny: Path, cache_dir: Path):
    """It had fallen behind a signature (`because` gained who chose), and `--quick` failed."""
    warm = make_engine(tiny, cache_dir, trainer=seeded_factors)
    for strategy in warm.strategies:
        warm.prepare(strategy)
    figures = task("ours_warm", "--data", str(tiny), "--cache", str(cache_dir))
    assert figures["fold_in_top10"]["p95_ms"] > 0 and figures["for_you"]["p95_ms"] > 0
    assert figures["for_you_drawn"]["p95_ms"] > 0 and figures["for_you_discovery"]["p95_ms"] > 0
    assert figures["for_you_more_heist"]["p95_ms"] > 0
    assert figures["heavy_imports"] == []


@pytest.mark.slow
def test_the_large_runs_go_end_to_end_on_a_small_release(tmp_path: Path):
    """`--large` (ml-32m's shape, half an hour) in miniature: every task it runs, in its
    order, so that none falls behind the code unseen (`large_search` read titles by place,
    past the end of a smaller release)."""
    task("large_data", "--data", str(tmp_path / "data" / "ml-latest"), "--size", "100000")
    where = ("--data", str(tmp_path / "data"), "--cache", str(tmp_path / "cache"))
    assert task("large_cold", *where)["ratings"] == 100_000
    assert task("large_search", *where)["movie_keystroke"]["calls"] > 0
    assert task("large_train", *where)["ranking_epoch_s"] > 0
    built = task("large_build", *where)
    assert built["ranking_epochs_run"] >= 1 and built["rating_epochs_run"] >= 1


@pytest.mark.parametrize(("name", "size"), [("scale_content", 300), ("scale_search", 2000),
                                             ("scale_quick_start", 500), ("scale_fold_in", 300)])
def test_scale_tasks(name: str, size: int):
    figures = task(name, "--size", str(size))
    assert figures["memory"]["self_mb"] > 0


def test_synthetic_data_is_seeded_and_shaped():
    assert overviews(50).equals(overviews(50))
    frame = ratings(20_000)
    assert len(frame) == 20_000
    counts = frame["movie_id"].value_counts()
    # a few movies get most ratings (less so since taste groups spread the choices: 16x)
    assert counts.iloc[0] > 10 * counts.median()
    assert not frame.duplicated(["user_id", "movie_id"]).any()
    assert titles(10).str.match(r".+ \d{4}$").all()
    with pytest.raises(ValueError, match="30,000 distinct ratings cannot come from 188 users"):
        ratings(30_000, 188, 82)  # drew for ever: `--size 30000` in ml-32m's proportions


def test_training_is_read_as_the_median_of_several_runs(monkeypatch):
    runs = iter([{"train_s": 17.9, "rating_train_s": 2.0, "ranking_train_s": 10.0, "rmse": 0.856},
                 {"train_s": 25.9, "rating_train_s": 2.4, "ranking_train_s": 9.0, "rmse": 0.856},
                 {"train_s": 17.3, "rating_train_s": 1.9, "ranking_train_s": 11.0, "rmse": 0.856}])
    asked = []
    monkeypatch.setattr(runner, "run_task", lambda name, *where: asked.append(name) or next(runs))
    figures = runner.training(["--data", "d"], runs=3)
    assert asked == ["ours_quality"] * 3
    assert (figures["train_s"], figures["rating_train_s"], figures["ranking_train_s"]) == (
        17.9, 2.0, 10.0)
    assert figures["rmse"] == 0.856 and len(figures["launches"]) == 3


def test_comparison_table():
    ours = {
        "cold": {"catalog_s": 2.0, "lists_s": 0.1, "overview_build_s": 0.2, "metadata_build_s": 0.1,
                 "memory": {"self_mb": 300}, "cold_to_all_ready_s": 12},
        "warm": {"chart": {"p95_ms": 1}, "overview_query": {"p95_ms": 0.3},
                 "metadata_query": {"p95_ms": 0.4}, "user_top10": {"p95_ms": 0.5},
                 "user_top10_busy": {"p95_ms": 0.9}, "similar_ratings": {"p95_ms": 0.2},
                 "similar_ratings_busy": {"p95_ms": 0.6}, "fold_in_top10": {"p95_ms": 1.0},
                 "for_you": {"p95_ms": 5.0}, "for_you_drawn": {"p95_ms": 5.5},
                 "for_you_discovery": {"p95_ms": 9.0}, "for_you_more_heist": {"p95_ms": 30.0},
                 "filtered_query": {"p95_ms": 2.5}, "memory": {"self_mb": 200}},
        "quality": {"train_s": 9, "rmse": 0.85},
        "app": {"first_paint_s": 0.8, "lists_ready_s": 1.2, "all_ready_s": 1.4,
                "switch_cpu_ms": 90.0, "move_cpu_ms": 60.0},
        "cli": {"help_s": 0.05, "usage_error_s": 0.06, "recommend_chart_s": 0.1,
                "recommend_story_s": 0.2, "recommend_cast_s": 0.5,
                "recommend_for-user_s": 0.3, "recommend_by-ratings_s": 0.2,
                "recommend_for-you_s": 0.2, "import_s": 0.4, "tab_title_s": 0.15},
    }
    tutorial = {"chart": {"p95_ms": 10}, "overview_build_s": 1, "metadata_build_s": 8,
                "overview_query": {"p95_ms": 2}, "metadata_query": {"p95_ms": 4},
                "memory_without_training": {"self_mb": 800}}
    rows = {row[0]: row for row in comparison(ours, tutorial)}
    assert rows["demographic chart"][1:4] == ("1.00 ms", "10.00 ms", "0.1x")
    assert rows["content query p95"][1:3] == ("0.40 ms", "4.00 ms")
    assert rows["metadata from the raw files"][1] == "2.10 s"
    assert rows["filtered query p95 (story, for-user)"][1::3] == ("2.50 ms", "<= 20 ms")
    assert rows["For you p95, drawn as the app asks it"][1::3] == ("5.50 ms", "<= 50 ms")
    assert rows["For you p95, twenty at discovery 0.5"][1::3] == ("9.00 ms", "<= 50 ms")
    assert rows["For you p95, twenty, more heist"][1::3] == ("30.00 ms", "<= 100 ms")
    assert rows["collaborative training"][2:4] == ("-", "-")  # --quick: no baseline
    assert rows["tui-recsys --help"][1] == "0.05 s" and rows["tui-recsys --help"][4] == "<= 0.15 s"
    assert rows["recommend, warm (slowest strategy)"][1] == "0.50 s"
    assert rows["import 2,000 IMDb ratings"][1:] == ("0.40 s", "-", "-", "<= 1 s")
    assert rows["a TAB completing a title"][1:] == ("0.15 s", "-", "-", "<= 0.3 s")
    assert rows["a move between the lists and the results, CPU per key"][1] == "60.00 ms"
    assert "ours/tutorial" in render(("step", "ours", "tutorial", "ours/tutorial", "target"),
                                     list(rows.values()))


def test_peers_are_scored_on_our_splits_and_a_missing_library_is_named(tiny: Path,
                                                                      tmp_path: Path):
    from benchmarks import peers

    splits = peers.write_splits(tiny, tmp_path)
    with np.load(tmp_path / "holdout.npz") as holdout, np.load(tmp_path / "tuning.npz") as fit:
        assert int(holdout["users"]) == len(splits.relevant) == len(splits.validation)
        assert int(holdout["movies"]) == int(fit["movies"]) == splits.catalogue
        assert holdout["movie"].max() < splits.catalogue
        trained = set(zip(holdout["user"].tolist(), holdout["movie"].tolist(), strict=True))
        tuned_on = set(zip(fit["user"].tolist(), fit["movie"].tolist(), strict=True))
        assert tuned_on < trained  # the validation split is carved out of the training part
        held = {(user, movie) for user, movies in enumerate(splits.validation)
                for movie in movies}
        assert held and held <= trained - tuned_on
    with np.load(tmp_path / "rating.npz") as rating:
        assert len(rating["test_user"]) == len(splits.actual)
    fitted = peers.fit_peer("implicit-als", tmp_path, _python_without(tmp_path, "implicit"))
    assert "implicit" in fitted["error"]


def _python_without(folder: Path, library: str) -> str:
    """This Python, with `library` made impossible to import: whether or not it is
    installed here, the peer sees it missing."""
    blocked = folder / "blocked"
    blocked.mkdir()
    (blocked / "sitecustomize.py").write_text(f"import sys\nsys.modules[{library!r}] = None\n")
    python = folder / "python"
    python.write_text(f"#!/bin/sh\nPYTHONPATH={blocked} exec {sys.executable} \"$@\"\n")
    python.chmod(0o755)
    return str(python)


def test_a_peer_is_tuned_on_the_validation_split_and_scored_once_on_test(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from benchmarks import peers

    grid = [{"factors": 8}, {"factors": 16}, {"factors": 32}]
    monkeypatch.setitem(peers.TUNING, "fake", grid)
    genres = np.zeros((40, 2))
    genres[:20, 0] = genres[20:, 1] = 1  # movies 0-19 one genre, 20-39 the other
    splits = peers.Splits(relevant=[{1}, {2}], validation=[{3}, {4}], catalogue=40,
                          actual=np.zeros(0), chosen=np.eye(2, 40), genres=genres,
                          newcomers=newcomers_of(genres),
                          tuning_newcomers=newcomers_of(genres))
    calls: list[tuple[str, ...]] = []

    def fake_fit(name: str, folder: Path, python: str, *arguments: str) -> dict:
        calls.append(arguments)
        lists = np.arange(20).reshape(2, 10) + 20  # finds nothing
        if arguments == ("--tune",):
            assert json.loads((folder / "fake-grid.json").read_text()) == grid
            right = np.array([[3, *range(20, 29)], [4, *range(20, 29)]])
            np.savez(folder / "fake-tuning.npz", lists=np.stack([lists, right, lists]))
            return {"fit_s": [1.0, 1.0, 1.0]}
        np.savez(folder / "fake.npz", lists=np.array([[1, *range(20, 29)], lists[1]]))
        return {"fit_s": 2.0}

    monkeypatch.setattr(peers, "fit_peer", fake_fit)
    entry = peers.tuned("fake", tmp_path, sys.executable, splits)
    assert calls == [("--tune",), ('{"factors": 16}',)]  # the validation's best, fitted once
    assert entry["settings"] == {"factors": 16} and entry["validation_ndcg"] == 1.0
    assert entry["top_n"]["hit_rate"] == 0.5 and entry["top_n"]["fit_s"] == 2.0
    # one list holds movie 1 and nine of the other genre: 1 - 72 similar pairs of 90
    assert entry["top_n"]["beyond"]["diversity"] == pytest.approx((0.2 + 0.0) / 2)
    table = peers.table({"fake, tuned": entry}, {"top_n": {}, "rating": {"model": {"rmse": 1}}})
    assert table.splitlines()[-1] == "fake, tuned: factors=16 (validation nDCG@10 1.000)"


def newcomers_of(genres: np.ndarray) -> peers_cold_start.Newcomers:
    """Two newcomers over `genres`' movies after 3 ratings: the first folded in movies 0-2 and
    liked 3 in the held-out part, the second folded in 5 and liked 6; movie 0 is the most
    rated in the fit, then 1, 2..."""
    chosen = np.zeros((2, len(genres)), dtype=np.float32)
    chosen[0, :3] = chosen[1, 5] = 1
    return peers_cold_start.Newcomers({3: chosen}, {3: [{3}, {6}]}, genres,
                                      len(genres) - np.arange(len(genres)))


def test_a_peer_is_tuned_on_the_validation_cold_start_and_read_against_most_popular(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from benchmarks import peers

    genres = np.zeros((40, 2))
    genres[:20, 0] = genres[20:, 1] = 1
    newcomers = newcomers_of(genres)
    splits = peers.Splits(relevant=[], validation=[], catalogue=40, actual=np.zeros(0),
                          chosen=np.zeros((0, 40)), genres=genres, newcomers=newcomers,
                          tuning_newcomers=newcomers)
    grid = [{"factors": 8}, {"factors": 16}]
    monkeypatch.setitem(peers.TUNING, "implicit-als", grid)
    calls: list[tuple[str, ...]] = []
    hits_first = np.array([[3, *range(20, 29)], [*range(20, 30)]])  # the first hits at once
    misses = np.arange(20, 40).reshape(2, 10)

    def fake_fit(name: str, folder: Path, python: str, *arguments: str) -> dict:
        calls.append((name, *arguments))
        if name != "implicit-als":
            return {"error": "ModuleNotFoundError: No module named 'lenskit'"}
        if arguments == ("--cold-tune",):
            assert json.loads((folder / f"{name}-grid.json").read_text()) == grid
            np.savez(folder / f"{name}-cold-tuning.npz", lists_3=np.stack([misses, hits_first]))
            return {"settings": 2}
        np.savez(folder / f"{name}-cold.npz", lists_3=hits_first)
        return {"fit_s": 1.0}

    monkeypatch.setattr(peers, "fit_peer", fake_fit)
    figures = peers.cold_start(tmp_path, sys.executable, splits)
    # tuned on the validation cold start, the best setting fitted once for the test part
    assert calls[:2] == [("implicit-als", "--cold-tune"),
                         ("implicit-als", "--cold", '{"factors": 16}')]
    assert ("lenskit-implicit-mf", "--cold", "{}") in calls  # no grid: its defaults
    assert set(figures) == {"implicit-als, tuned", "most popular, this split"}
    als = figures["implicit-als, tuned"]
    assert als["settings"] == {"factors": 16} and als["by_count"][3]["hit_rate"] == 0.5
    # most popular leaves out what each folded in: 3, 4 ... for the first (a hit at once) and
    # 0, 1, 2, 3, 4, 6 ... for the second
    popular = figures["most popular, this split"]["by_count"][3]
    assert popular["hit_rate"] == 1.0 and popular["ndcg"] == pytest.approx(
        (1 + 1 / np.log2(7)) / 2)
    ours = {"3": {"For you (blend)": {"ndcg": popular["ndcg"] * 1.5}}}
    lines = peers_cold_start.cold_start_table(figures, ours).splitlines()
    assert lines[3].split() == ["For", "you", "(blend)", "(tui-recsys)",
                                f"{popular['ndcg'] * 1.5:.3f}"]
    assert lines[4].split() == ["1.50x"]
    assert lines[7].startswith("most popular, this split") and lines[8].split() == ["1.00x"]
    assert lines[-1] == "implicit-als, tuned: factors=16"


def test_the_cold_split_leaves_the_newcomers_out_and_folds_in_their_latest(
        tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from benchmarks import peers
    from tui_recsys.evaluation import fold_in

    monkeypatch.setattr(fold_in, "FOLD_IN_SHARE", 0.5)
    monkeypatch.setattr(fold_in, "COLD_START_COUNTS", (1, 2))
    splits = peers.write_splits(tiny, tmp_path)
    with np.load(tmp_path / "cold-tuning.npz") as cold:  # the validation split's, alike
        assert cold["counts"].tolist() == sorted(splits.tuning_newcomers.chosen)
    with np.load(tmp_path / "cold.npz") as cold:
        assert cold["counts"].tolist() == sorted(splits.newcomers.chosen) == [1, 2]
        for count in (1, 2):
            rows = np.bincount(cold[f"user_{count}"], minlength=int(cold[f"newcomers_{count}"]))
            assert rows.max() <= count  # at most that many each (a movie the fit lacks drops)
            chosen = splits.newcomers.chosen[count]
            assert chosen.sum() == len(cold[f"movie_{count}"]) and chosen.shape[1] == int(
                cold["movies"])
        assert int(cold["users"]) + int(cold["newcomers_1"]) == len(splits.relevant)
        assert splits.newcomers.raters.sum() == len(cold["movie"])


def test_peers_table_puts_ours_among_theirs_best_first():
    from benchmarks import peers

    def scores(ndcg: float) -> dict:
        return {"ndcg": ndcg, "recall": 0.1, "hit_rate": 0.5, "coverage": 0.05,
                "list_overlap": 0.1, "fit_s": 1.0}

    ours = {"top_n": {"for-user": scores(0.28), "rating model": scores(0.07)},
            "rating": {"model": {"rmse": 0.8578}}}
    theirs = {"implicit-als": {"top_n": scores(0.2)},
              "surprise-svd": {"top_n": scores(0.07), "rating": {"rmse": 0.88}},
              "lenskit-item-knn": {"error": "ModuleNotFoundError: No module named 'lenskit'"}}
    lines = peers.table(theirs, ours).splitlines()
    assert lines[2].startswith("for-user (tui-recsys)")
    assert lines[3].startswith("implicit-als")
    assert any("rating model (tui-recsys)" in line and "0.8578" in line for line in lines)
    assert lines[-1] == "lenskit-item-knn: ModuleNotFoundError: No module named 'lenskit'"
    assert "miscal" in lines[0] and lines[2].split()[-5:-2] == ["-", "-", "-"]  # none given


def on_planted_tastes(tmp_path: Path, module: str, settings: str, *more: str) -> str:
    """What `python -m module` prints for data in two taste groups, with quick settings."""
    from tests.support import planted_tastes, write_dataset

    data = write_dataset(tmp_path / "data", movielens=planted_tastes())
    result = subprocess.run([sys.executable, "-m", module, "--data", str(data), settings,
                             *more],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_a_benchmark_reads_another_draw_of_the_validation_split_when_asked(tmp_path: Path):
    """`--draw 1`: a choice fitted to the split settings are chosen on, read on other held-out
    ratings of the same training part before it is taken."""
    from benchmarks.validation import parser, validation_parts
    from tests.support import planted_tastes, write_dataset

    data = write_dataset(tmp_path / "data", movielens=planted_tastes())
    args = parser(None).parse_args(["--data", str(data), "--draw", "1"])
    (fit, check), (first_fit, first_check) = (validation_parts(args.data, args.draw),
                                              validation_parts(data))
    assert len(check) == len(first_check) and len(fit) == len(first_fit)
    assert not check.index.equals(first_check.index)
    with pytest.raises(SystemExit):  # argparse's one line, "'-1' is not a draw: give 0, ..."
        parser(None).parse_args(["--draw", "-1"])


def test_settings_are_compared_on_a_validation_split(tmp_path: Path):
    printed = on_planted_tastes(tmp_path, "benchmarks.validation",
                                '[{"max_epochs": 1, "hidden": 4}]')
    assert printed.startswith('{"max_epochs": 1, "hidden": 4}  nDCG ')


@pytest.mark.slow
def test_for_you_is_read_with_every_user_a_newcomer_once(tmp_path: Path):
    """`benchmarks.cold_start --folds 2`: each half of the users left out of a training of
    its own and folded in, so that each count, and each round of the quick start, reads every
    user with that many ratings."""
    lines = on_planted_tastes(tmp_path, "benchmarks.cold_start", '[{"era": 0}, {}]',
                              "--folds", "2").splitlines()
    assert [line.split("  ")[0] for line in lines[::2]] == ['{"era": 0}', "{}"]
    # all 40 users of the two taste groups, each with 3 ratings and more in the split, read
    # on the 39 of them whose held-out part has a movie they liked, each counting once
    assert re.search(r"  3: [0-9.]+ \([0-9.]+x popular, EASE folded in [0-9.]+x, 39 users\)  5: ",
                     lines[2])
    # and every one of them with all of their ratings in the split folded in
    assert re.search(r"  all: [0-9.]+ \([0-9.]+x popular, 39 users\)$", lines[2])
    # and every one of them answering the quick start's three rounds
    rounds = r"  ".join(rf"{done}: [0-9.]+ \([0-9.]+x popular, 39 users\)" for done in (1, 2, 3))
    assert re.fullmatch(rf"  quick start, after rounds: {rounds}", lines[3])


def test_the_frontier_picks_the_best_within_the_other_targets():
    from benchmarks.frontier import Point, best_within
    from tui_recsys.engine.metrics import TopNScores

    def point(name: str, ndcg: float, coverage: float, overlap: float) -> Point:
        return Point(name, TopNScores(0.0, 0.0, ndcg, 0.0, 1, overlap, coverage))

    points = [point("narrow", 0.30, 0.05, 0.05), point("samey", 0.25, 0.20, 0.12),
              point("fits", 0.20, 0.10, 0.10), point("worse", 0.10, 0.20, 0.01)]
    assert best_within(points, coverage_floor=0.09, overlap_cap=0.10).name == "fits"
    assert best_within(points).name == "narrow"
    assert best_within(points, coverage_floor=0.5) is None


@pytest.mark.slow
def test_the_frontier_runs_on_the_validation_split(tmp_path: Path):
    lines = on_planted_tastes(tmp_path, "benchmarks.frontier",
                              '{"max_epochs": 1, "hidden": 4}').splitlines()
    assert lines[0].startswith("most popular") and "(1.000x most popular)" in lines[0]
    assert any(line.startswith("EASE, liked x2, ridge 400, discount 0.03 ") for line in lines)
    assert lines[-1].startswith("best with no limit: ")


def test_for_yous_discovery_is_read_at_every_setting_for_the_newcomers(tiny: Path,
                                                                        cache_dir: Path):
    """`benchmarks.cold_start --discovery`, where For you's popularity at a setting was
    chosen: each setting against 0, for each count's newcomers."""
    import pandas as pd

    from benchmarks.cold_start import discovery_lines
    from tests.support import make_engine, seeded_factors
    from tui_recsys.evaluation.fold_in import most_recent

    engine = make_engine(tiny, cache_dir, trainer=seeded_factors)
    train = pd.DataFrame({"user_id": 1, "movie_id": [1, 3, 4], "rating": [4.0, 5.0, 3.5]})
    check = pd.DataFrame({"user_id": [1], "movie_id": [5], "rating": [5.0]})
    lines = discovery_lines(engine.model(engine.strategy("for-you")),
                            most_recent(train, np.array([1]), None), check,
                            engine.catalog().ml_movies)
    assert len(lines) == 1 and lines[0].startswith("  discovery, 3 ratings: 0: nDCG ")
    assert all(f"{level}: nDCG" in lines[0] for level in ("0.25", "0.5", "0.75", "1"))
