"""Our "For this user" beside the public libraries people would pick instead, on the same
per-user holdout and the same rating split as `tui-recsys evaluate`, scored by the same code.

The splits are made here, with our functions, and written to a folder; each library's model is
fitted by `peer_fit.py` in its own process, under the interpreter that has the `peers` extra
(this one by default, `--peers-python` for another: lenskit brings PyTorch, which the app does
not need). Each returns its top-10 lists and rating predictions; they are scored here.

Every library runs at its defaults, and the ranking models in `TUNING` run a second time,
tuned: each setting of a small grid is fitted on a validation split carved out of the
holdout's training part (as `benchmarks.validation` does for ours), the best by nDCG@10 there
is fitted on the whole training part and scored once on the test part.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from benchmarks.peer_fit import MODELS
from benchmarks.peers_cold_start import FOLDING_PEERS, Newcomers, write_cold_start
from tui_recsys.data.catalog import load_catalog
from tui_recsys.data.sources import LocalFolder, rating_times
from tui_recsys.engine.metrics import TopNScores, score_lists
from tui_recsys.evaluation.accuracy import RatingScores, rating_accuracy
from tui_recsys.evaluation.holdout import genre_matrix, relevant_positions, scored_lists
from tui_recsys.evaluation.measure import (
    per_user_holdout,
    tutorial_split,
    validation_split,
)

if TYPE_CHECKING:
    import pandas as pd

PEER_FIT = Path(__file__).with_name("peer_fit.py")


def _grid(**values: list[object]) -> list[dict[str, object]]:
    return [dict(zip(values, combination, strict=True))
            for combination in itertools.product(*values.values())]


# The knobs each library's documentation names first. ALS's best lies far from its defaults
# (100 factors, regularization 0.01, alpha 1): wider grids searched on the validation split
# put it at 400, 30 and 4, inside this one but for its factors (600 scored lower).
TUNING: dict[str, list[dict[str, object]]] = {
    "implicit-als": _grid(factors=[100, 200, 400], regularization=[1.0, 10.0, 30.0, 100.0],
                          alpha=[1.0, 4.0, 16.0]),
    "implicit-bpr": _grid(factors=[100, 200], learning_rate=[0.01, 0.05],
                          regularization=[0.001, 0.01], iterations=[100, 300]),
    "lenskit-user-knn": _grid(max_nbrs=[10, 20, 40, 80, 160]),
    "lenskit-item-knn": _grid(max_nbrs=[10, 20, 40, 80, 160]),
}


def _positions(frame: pd.DataFrame, users: np.ndarray, movies: np.ndarray) -> dict:
    return {"users": len(users), "movies": len(movies),
            "user": np.searchsorted(users, frame["user_id"].to_numpy()),
            "movie": np.searchsorted(movies, frame["movie_id"].to_numpy()),
            "rating": frame["rating"].to_numpy()}


@dataclass
class Splits:
    """What the lists are scored against: each user's relevant positions on the test part and
    on the validation split, the catalogue size, the rating split's test ratings, and for the
    beyond-accuracy figures what each user chose in training and the movies' genres."""

    relevant: list[set[int]]
    validation: list[set[int]]
    catalogue: int
    actual: np.ndarray
    chosen: np.ndarray  # users x movies, 1: rated in the holdout's training part
    genres: np.ndarray  # movies x genres, 0/1
    newcomers: Newcomers  # the cold start's (`peers_cold_start`), on the test part
    tuning_newcomers: Newcomers  # the same on the validation split, where settings are chosen


def write_splits(data: Path, folder: Path) -> Splits:
    """The holdout's training part as positions, the validation split carved out of it in the
    same positions, and the rating split."""
    catalog = load_catalog(LocalFolder(data))
    ratings = catalog.ratings
    train, test = per_user_holdout(ratings)
    users = np.unique(train["user_id"].to_numpy())
    movies = np.unique(train["movie_id"].to_numpy())
    held = _positions(train, users, movies)
    np.savez(folder / "holdout.npz", **held)
    chosen = np.zeros((len(users), len(movies)), dtype=np.float32)
    chosen[held["user"], held["movie"]] = 1.0
    fit, check = validation_split(train)
    np.savez(folder / "tuning.npz", **_positions(fit, users, movies))
    rating_train, rating_test = tutorial_split(ratings)
    np.savez(folder / "rating.npz",
             **{f"train_{name}": rating_train[column].to_numpy() for name, column
                in (("user", "user_id"), ("movie", "movie_id"), ("rating", "rating"))},
             test_user=rating_test["user_id"].to_numpy(),
             test_movie=rating_test["movie_id"].to_numpy())
    times = rating_times(LocalFolder(data))
    return Splits(relevant_positions(test, users, movies),
                  relevant_positions(check, users, movies), len(movies),
                  rating_test["rating"].to_numpy(dtype=np.float64), chosen,
                  genre_matrix(catalog.ml_movies, movies),
                  write_cold_start(train, test, catalog.ml_movies, times, folder / "cold.npz"),
                  write_cold_start(fit, check, catalog.ml_movies, times,
                                   folder / "cold-tuning.npz"))


def fit_peer(name: str, folder: Path, python: str, *arguments: str) -> dict:
    """One model's fit (see `peer_fit`), or why it has none (a library that is not
    installed)."""
    result = subprocess.run([python, str(PEER_FIT), name, str(folder), *arguments],
                            capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": last}
    return json.loads(result.stdout.strip().splitlines()[-1])


def scored(name: str, folder: Path, splits: Splits, fitted: dict) -> dict:
    """A fit's lists scored on the test part (and its stars, where it predicts them)."""
    with np.load(folder / f"{name}.npz") as arrays:
        top_n: TopNScores = scored_lists(arrays["lists"], splits.chosen, splits.relevant,
                                         splits.genres)
        top_n.fit_s = fitted["fit_s"]
        entry: dict[str, object] = {"top_n": asdict(top_n)}
        if "predictions" in arrays.files:
            accuracy: RatingScores = rating_accuracy(arrays["predictions"], splits.actual)
            entry["rating"] = {**accuracy.__dict__, "fit_s": fitted["rating_fit_s"]}
    return entry


def tuned(name: str, folder: Path, python: str, splits: Splits) -> dict:
    """The grid's best setting on the validation split, fitted on the training part and
    scored on the test part, once."""
    grid = TUNING[name]
    (folder / f"{name}-grid.json").write_text(json.dumps(grid))
    tried = fit_peer(name, folder, python, "--tune")
    if "error" in tried:
        return tried
    with np.load(folder / f"{name}-tuning.npz") as arrays:
        figures = [score_lists(lists, splits.validation, splits.catalogue).ndcg
                   for lists in arrays["lists"]]
    best = grid[int(np.argmax(figures))]
    fitted = fit_peer(name, folder, python, json.dumps(best))
    if "error" in fitted:
        return fitted
    return {**scored(name, folder, splits, fitted), "settings": best,
            "validation_ndcg": max(figures)}


def cold_settings(name: str, folder: Path, python: str, splits: Splits) -> dict | None:
    """The grid's setting whose newcomers score best on the validation split's cold start
    (nDCG@10, the mean over the counts), or None where the library is missing."""
    grid = TUNING[name]
    (folder / f"{name}-grid.json").write_text(json.dumps(grid))
    if "error" in fit_peer(name, folder, python, "--cold-tune"):
        return None
    newcomers = splits.tuning_newcomers
    with np.load(folder / f"{name}-cold-tuning.npz") as arrays:
        figures = [np.mean([newcomers.scored(count, arrays[f"lists_{count}"][setting]).ndcg
                            for count in newcomers.chosen]) for setting in range(len(grid))]
    return grid[int(np.argmax(figures))]


def cold_start(folder: Path, python: str, splits: Splits) -> dict[str, dict]:
    """The peers that fold in a new person, each at the setting of its grid that did best on
    the validation split's cold start (`settings`), and their figures by count (`by_count`);
    most popular's on the same split last."""
    figures: dict[str, dict] = {}
    for name in FOLDING_PEERS:
        print(f"folding newcomers into {name}", file=sys.stderr, flush=True)
        settings = cold_settings(name, folder, python, splits) if name in TUNING else {}
        if settings is None or "error" in fit_peer(name, folder, python, "--cold",
                                                   json.dumps(settings)):
            continue
        with np.load(folder / f"{name}-cold.npz") as arrays:
            figures[f"{name}, tuned" if settings else name] = {
                "settings": settings,
                "by_count": {count: asdict(splits.newcomers.scored(
                    count, arrays[f"lists_{count}"])) for count in splits.newcomers.chosen}}
    figures["most popular, this split"] = {"by_count": {
        count: asdict(scores) for count, scores in splits.newcomers.most_popular().items()}}
    return figures


def run(data: Path, python: str) -> tuple[dict[str, dict], dict[str, dict[int, dict]]]:
    """Every peer's top-N scores (and rating accuracy where it predicts stars), at its
    defaults and, for those in `TUNING`, tuned; then the cold start of those that fold in."""
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        splits = write_splits(data, folder)
        for name in MODELS:
            print(f"fitting {name}", file=sys.stderr, flush=True)
            fitted = fit_peer(name, folder, python)
            results[name] = fitted if "error" in fitted else scored(name, folder, splits, fitted)
            if name in TUNING and "error" not in fitted:
                print(f"tuning {name} on the validation split ({len(TUNING[name])} settings)",
                      file=sys.stderr, flush=True)
                results[f"{name}, tuned"] = tuned(name, folder, python, splits)
        return results, cold_start(folder, python, splits)


def table(peers: dict[str, dict], ours: dict[str, dict]) -> str:
    """Ours (`evaluate`'s report) and theirs in one table, best nDCG first; the rating model's
    RMSE is on the tutorial's split, as theirs is."""
    stars = {"rating model": ours["rating"]["model"]}
    rows = [(f"{name} (tui-recsys)", scores, stars.get(name))
            for name, scores in ours["top_n"].items()]
    rows += [(name, entry["top_n"], entry.get("rating")) for name, entry in peers.items()
             if "top_n" in entry]
    rows.sort(key=lambda row: -row[1]["ndcg"])
    header = (f"{'model':<34}{'nDCG@10':>8}{'recall':>8}{'hit':>7}{'coverage':>10}"
              f"{'overlap':>9}{'div':>6}{'nov':>6}{'miscal':>7}{'fit':>8}{'RMSE':>8}")
    lines = [header, "-" * len(header)]
    for name, s, rating in rows:
        rmse = f"{rating['rmse']:>8.4f}" if rating else f"{'-':>8}"
        b = s.get("beyond")
        beyond = (f"{b['diversity']:>6.3f}{b['novelty']:>6.2f}{b['miscalibration']:>7.3f}"
                  if b else f"{'-':>6}{'-':>6}{'-':>7}")
        lines.append(f"{name:<34}{s['ndcg']:>8.3f}{s['recall']:>8.3f}{s['hit_rate']:>7.3f}"
                     f"{s['coverage']:>10.3f}{s['list_overlap']:>9.3f}{beyond}"
                     f"{s['fit_s']:>7.1f}s{rmse}")
    chosen = [f"{name}: {', '.join(f'{k}={v}' for k, v in entry['settings'].items())} "
              f"(validation nDCG@10 {entry['validation_ndcg']:.3f})"
              for name, entry in peers.items() if "settings" in entry]
    lines += ["", "div: 1 - mean genre similarity of a list's pairs; nov: mean bits of -log2(share"
              " of users who chose a pick); miscal: KL(user's genre mix || list's), Steck 2018"]
    if chosen:
        lines += ["", "tuned: the best of a grid on a validation split of the training part",
                  *chosen]
    missing = [f"{name}: {entry['error']}" for name, entry in peers.items() if "error" in entry]
    if missing:
        lines += ["", "not measured (pip install -e '.[peers]'):", *missing]
    return "\n".join(lines)
