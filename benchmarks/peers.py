"""Our "For this user" beside the public libraries people would pick instead, on the same
per-user holdout and the same rating split as `tui-recsys evaluate`, scored by the same code.

The splits are made here, with our functions, and written to a folder; each library's model is
fitted by `peer_fit.py` in its own process, under the interpreter that has the `peers` extra
(this one by default, `--peers-python` for another: lenskit brings PyTorch, which the app does
not need). Each returns its top-10 lists and rating predictions; they are scored here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from benchmarks.peer_fit import MODELS
from tui_recsys.data.catalog import load_catalog
from tui_recsys.data.sources import LocalFolder
from tui_recsys.engine.evaluation import (
    RatingScores,
    _accuracy,
    per_user_holdout,
    relevant_positions,
    tutorial_split,
)
from tui_recsys.engine.top_n import TopNScores, score_lists

PEER_FIT = Path(__file__).with_name("peer_fit.py")


def write_splits(data: Path, folder: Path) -> tuple[list[set[int]], int, np.ndarray]:
    """The holdout's training part as positions, and the rating split; returns what the lists
    are scored against: each user's relevant positions, the catalogue size, the test ratings."""
    ratings = load_catalog(LocalFolder(data)).ratings
    train, test = per_user_holdout(ratings)
    users = np.unique(train["user_id"].to_numpy())
    movies = np.unique(train["movie_id"].to_numpy())
    np.savez(folder / "holdout.npz", users=len(users), movies=len(movies),
             user=np.searchsorted(users, train["user_id"].to_numpy()),
             movie=np.searchsorted(movies, train["movie_id"].to_numpy()),
             rating=train["rating"].to_numpy())
    rating_train, rating_test = tutorial_split(ratings)
    np.savez(folder / "rating.npz",
             **{f"train_{name}": rating_train[column].to_numpy() for name, column
                in (("user", "user_id"), ("movie", "movie_id"), ("rating", "rating"))},
             test_user=rating_test["user_id"].to_numpy(),
             test_movie=rating_test["movie_id"].to_numpy())
    return (relevant_positions(test, users, movies), len(movies),
            rating_test["rating"].to_numpy(dtype=np.float64))


def fit_peer(name: str, folder: Path, python: str) -> dict:
    """One model's scores, or why it has none (a library that is not installed)."""
    result = subprocess.run([python, str(PEER_FIT), name, str(folder)], capture_output=True,
                            text=True, timeout=1800)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": last}
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(data: Path, python: str) -> dict[str, dict]:
    """Every peer's top-N scores (and rating accuracy where it predicts stars)."""
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        relevant, catalogue, actual = write_splits(data, folder)
        for name in MODELS:
            print(f"fitting {name}", file=sys.stderr, flush=True)
            fitted = fit_peer(name, folder, python)
            if "error" in fitted:
                results[name] = fitted
                continue
            with np.load(folder / f"{name}.npz") as arrays:
                top_n: TopNScores = score_lists(arrays["lists"], relevant, catalogue)
                top_n.fit_s = fitted["fit_s"]
                entry: dict[str, object] = {"top_n": top_n.__dict__}
                if "predictions" in arrays.files:
                    accuracy: RatingScores = _accuracy(arrays["predictions"], actual)
                    entry["rating"] = {**accuracy.__dict__, "fit_s": fitted["rating_fit_s"]}
            results[name] = entry
    return results


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
              f"{'overlap':>9}{'fit':>8}{'RMSE':>8}")
    lines = [header, "-" * len(header)]
    for name, s, rating in rows:
        rmse = f"{rating['rmse']:>8.4f}" if rating else f"{'-':>8}"
        lines.append(f"{name:<34}{s['ndcg']:>8.3f}{s['recall']:>8.3f}{s['hit_rate']:>7.3f}"
                     f"{s['coverage']:>10.3f}{s['list_overlap']:>9.3f}{s['fit_s']:>7.1f}s"
                     f"{rmse}")
    missing = [f"{name}: {entry['error']}" for name, entry in peers.items() if "error" in entry]
    if missing:
        lines += ["", "not measured (pip install -e '.[peers]'):", *missing]
    return "\n".join(lines)
