"""One public library's model, fitted on the splits `benchmarks.peers` wrote: run in its own
process, by whatever interpreter has the `peers` extra, and needing nothing of tui_recsys.

    python benchmarks/peer_fit.py MODEL FOLDER [SETTINGS]
    python benchmarks/peer_fit.py MODEL FOLDER --tune
    python benchmarks/peer_fit.py MODEL FOLDER --cold [SETTINGS]
    python benchmarks/peer_fit.py MODEL FOLDER --cold-tune

reads FOLDER/holdout.npz (the per-user holdout's training part, as user and movie positions)
and FOLDER/rating.npz (the tutorial's rating split), writes FOLDER/MODEL.npz (`lists`: each
user's top 10 movie positions, unseen ones only; `predictions`: the rating split's test
ratings, for the models that predict stars) and prints the fit times as JSON. SETTINGS, a JSON
object, goes to the ranking model's constructor; without it the library's defaults are used.

With --tune, each of the settings in FOLDER/MODEL-grid.json is fitted on FOLDER/tuning.npz
instead (a validation split carved out of the holdout's training part, in the same positions)
and their lists go to FOLDER/MODEL-tuning.npz, `lists` stacked in the grid's order: the caller
scores them and fits the best on the holdout. The holdout's test part is never seen here.

With --cold, the model is fitted on FOLDER/cold.npz (the training part without the newcomers)
and each newcomer's choices there are folded in, per count: FOLDER/MODEL-cold.npz
(`peers_cold_start`). With --cold-tune, each setting of the grid does the same on the
validation split's cold start instead (FOLDER/cold-tuning.npz).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import scipy.sparse as sp

if TYPE_CHECKING:
    from lenskit import Dataset, Pipeline

TOP_N = 10
Fitted = TypeVar("Fitted")


def top_lists(scores: np.ndarray, seen: sp.csr_matrix) -> np.ndarray:
    scores = np.array(scores, dtype=np.float64)
    rows, columns = seen.nonzero()
    scores[rows, columns] = -np.inf
    best = np.argpartition(-scores, TOP_N, axis=1)[:, :TOP_N]
    order = np.argsort(-np.take_along_axis(scores, best, axis=1), axis=1, kind="stable")
    return np.take_along_axis(best, order, axis=1)


class Holdout:
    def __init__(self, path: Path) -> None:
        with np.load(path) as data:
            self.users, self.movies = int(data["users"]), int(data["movies"])
            self.user, self.movie = data["user"], data["movie"]
            self.rating = data["rating"].astype(np.float32)
        self.seen = sp.csr_matrix((np.ones(len(self.user), np.float32), (self.user, self.movie)),
                                  shape=(self.users, self.movies))


class RatingSplit:
    def __init__(self, folder: Path) -> None:
        with np.load(folder / "rating.npz") as data:
            self.train = {name: data[f"train_{name}"] for name in ("user", "movie", "rating")}
            self.test = {name: data[f"test_{name}"] for name in ("user", "movie")}


def _timed(fit: Callable[[], Fitted]) -> tuple[Fitted, float]:
    started = time.perf_counter()
    result = fit()
    return result, time.perf_counter() - started


Settings = dict[str, object]
Fit = Callable[[Holdout, RatingSplit, Settings], dict]


def implicit_model(kind: str) -> Fit:
    def run(holdout: Holdout, _: RatingSplit, settings: Settings) -> dict:
        from implicit.als import AlternatingLeastSquares
        from implicit.bpr import BayesianPersonalizedRanking

        model = (AlternatingLeastSquares(random_state=0, **settings) if kind == "als"
                 else BayesianPersonalizedRanking(random_state=0, **settings))
        _, fit_s = _timed(lambda: model.fit(holdout.seen, show_progress=False))
        scores = model.user_factors @ model.item_factors.T
        return {"lists": top_lists(np.asarray(scores), holdout.seen), "fit_s": fit_s}

    return run


def _lenskit_data(user: np.ndarray, movie: np.ndarray,
                  rating: np.ndarray | None = None) -> Dataset:
    import pandas as pd
    from lenskit.data import from_interactions_df

    frame = pd.DataFrame({"user_id": user, "item_id": movie})
    if rating is not None:
        frame["rating"] = rating
    return from_interactions_df(frame)


def _seeded_train(pipe: Pipeline, data: Dataset) -> None:
    """Trained from a fixed seed, as implicit's models are (`random_state=0`): unseeded,
    lenskit's implicit MF read nDCG 0.157, 0.163 and 0.172 in three runs."""
    from lenskit.training import TrainingOptions

    pipe.train(data, TrainingOptions(rng=0))


def _lenskit_lists(pipe: Pipeline, users: int) -> np.ndarray:
    """Each user's top 10 from a top-N pipeline (which leaves out what they rated)."""
    from lenskit import recommend

    lists = np.full((users, TOP_N), -1, dtype=np.int64)
    for user in range(users):
        ids = recommend(pipe, user, n=TOP_N).ids()
        lists[user, : len(ids)] = ids
    return lists


def _lenskit_top_n(kind: str, holdout: Holdout, settings: Settings) -> tuple[Pipeline, float]:
    """A top-N pipeline around one of lenskit's implicit-feedback scorers, trained."""
    from lenskit import topn_pipeline
    from lenskit.als import ImplicitMFScorer
    from lenskit.knn import ItemKNNScorer, UserKNNScorer

    scorers = {"item-knn": lambda: ItemKNNScorer(feedback="implicit", **settings),
               "user-knn": lambda: UserKNNScorer(feedback="implicit", **settings),
               "implicit-mf": lambda: ImplicitMFScorer(**settings)}
    pipe = topn_pipeline(scorers[kind](), n=TOP_N)
    data = _lenskit_data(holdout.user, holdout.movie)
    _, fit_s = _timed(lambda: _seeded_train(pipe, data))
    return pipe, fit_s


def lenskit_ranker(kind: str) -> Fit:
    def run(holdout: Holdout, _: RatingSplit, settings: Settings) -> dict:
        pipe, fit_s = _lenskit_top_n(kind, holdout, settings)
        return {"lists": _lenskit_lists(pipe, holdout.users), "fit_s": fit_s}

    return run


def lenskit_biased_mf(holdout: Holdout, split: RatingSplit, _: Settings) -> dict:
    from lenskit import predict, topn_pipeline
    from lenskit.als import BiasedMFScorer
    from lenskit.pipeline import predict_pipeline

    rater = predict_pipeline(BiasedMFScorer())
    rating_data = _lenskit_data(split.train["user"], split.train["movie"], split.train["rating"])
    _, rating_fit_s = _timed(lambda: _seeded_train(rater, rating_data))
    test_user, test_movie = split.test["user"], split.test["movie"]
    predictions = np.empty(len(test_user))
    for user in np.unique(test_user):
        rows = np.flatnonzero(test_user == user)
        scored = predict(rater, int(user), test_movie[rows].tolist())
        by_id = dict(zip(scored.ids().tolist(), scored.scores(), strict=True))
        predictions[rows] = [by_id[int(movie)] for movie in test_movie[rows]]
    ranker = topn_pipeline(BiasedMFScorer(), n=TOP_N)
    data = _lenskit_data(holdout.user, holdout.movie, holdout.rating)
    _, fit_s = _timed(lambda: _seeded_train(ranker, data))
    return {"lists": _lenskit_lists(ranker, holdout.users), "fit_s": fit_s,
            "predictions": predictions, "rating_fit_s": rating_fit_s}


def surprise_svd(holdout: Holdout, split: RatingSplit, _: Settings) -> dict:
    import pandas as pd
    from surprise import SVD, Reader
    from surprise import Dataset as SurpriseData

    reader = Reader(rating_scale=(0.5, 5.0))

    def fit(user: np.ndarray, movie: np.ndarray, rating: np.ndarray) -> SVD:
        frame = pd.DataFrame({"user": user, "movie": movie, "rating": rating})
        model = SVD(random_state=0)
        model.fit(SurpriseData.load_from_df(frame, reader).build_full_trainset())
        return model

    model, rating_fit_s = _timed(lambda: fit(split.train["user"], split.train["movie"],
                                             split.train["rating"]))
    predictions = np.array([model.predict(int(u), int(m)).est for u, m
                            in zip(split.test["user"], split.test["movie"], strict=True)])
    ranker, fit_s = _timed(lambda: fit(holdout.user, holdout.movie, holdout.rating))
    trainset = ranker.trainset
    users = np.array([trainset.to_inner_uid(u) for u in range(holdout.users)])
    movies = np.array([trainset.to_inner_iid(m) for m in range(holdout.movies)])
    scores = (trainset.global_mean + ranker.bu[users][:, None] + ranker.bi[movies][None, :]
              + ranker.pu[users] @ ranker.qi[movies].T)
    return {"lists": top_lists(scores, holdout.seen), "fit_s": fit_s,
            "predictions": predictions, "rating_fit_s": rating_fit_s}


MODELS: dict[str, Fit] = {
    "implicit-als": implicit_model("als"),
    "implicit-bpr": implicit_model("bpr"),
    "lenskit-item-knn": lenskit_ranker("item-knn"),
    "lenskit-user-knn": lenskit_ranker("user-knn"),
    "lenskit-implicit-mf": lenskit_ranker("implicit-mf"),
    "lenskit-biased-mf": lenskit_biased_mf,
    "surprise-svd": surprise_svd,
}


# Newcomers' choices, per count of ratings folded in: a newcomers x movies 0/1 matrix each.
Folded = dict[int, sp.csr_matrix]
FoldIn = Callable[[Holdout, Folded, Settings], dict[int, np.ndarray]]


def implicit_als_fold_in(fit: Holdout, folded: Folded, settings: Settings) -> dict[int, np.ndarray]:
    """ALS's own fold-in: each newcomer's factors solved from their choices, items fixed."""
    from implicit.als import AlternatingLeastSquares

    model = AlternatingLeastSquares(random_state=0, **settings)
    model.fit(fit.seen, show_progress=False)
    return {count: model.recommend(np.arange(choices.shape[0]), choices, N=TOP_N,
                                   recalculate_user=True, filter_already_liked_items=True)[0]
            for count, choices in folded.items()}


def lenskit_fold_in(kind: str) -> FoldIn:
    """lenskit's scorers take a person the model never saw as a query of their history."""
    def run(fit: Holdout, folded: Folded, settings: Settings) -> dict[int, np.ndarray]:
        from lenskit import recommend
        from lenskit.data import ItemList, RecQuery

        pipe, _ = _lenskit_top_n(kind, fit, settings)
        lists = {}
        for count, choices in folded.items():
            lists[count] = np.full((choices.shape[0], TOP_N), -1, dtype=np.int64)
            for row in range(choices.shape[0]):
                query = RecQuery(history_items=ItemList(item_ids=choices[row].indices))
                ids = recommend(pipe, query, n=TOP_N).ids()
                lists[count][row, : len(ids)] = ids
        return lists

    return run


FOLD_INS: dict[str, FoldIn] = {
    "implicit-als": implicit_als_fold_in,
    "lenskit-user-knn": lenskit_fold_in("user-knn"),
    "lenskit-item-knn": lenskit_fold_in("item-knn"),
    "lenskit-implicit-mf": lenskit_fold_in("implicit-mf"),
}


def _cold_split(path: Path) -> tuple[Holdout, Folded]:
    """A cold split: what the model is fitted on, and per count what the newcomers fold in."""
    fit = Holdout(path)
    with np.load(path) as data:
        folded = {int(count): sp.csr_matrix(
            (np.ones(len(data[f"user_{count}"]), np.float32),
             (data[f"user_{count}"], data[f"movie_{count}"])),
            shape=(int(data[f"newcomers_{count}"]), fit.movies)) for count in data["counts"]}
    return fit, folded


def cold_start(name: str, folder: Path, settings: Settings) -> None:
    """Fitted without the newcomers, their choices folded in: FOLDER/MODEL-cold.npz."""
    fit, folded = _cold_split(folder / "cold.npz")
    lists, fit_s = _timed(lambda: FOLD_INS[name](fit, folded, settings))
    np.savez(folder / f"{name}-cold.npz",
             **{f"lists_{count}": top for count, top in lists.items()})
    print(json.dumps({"fit_s": fit_s}))


def cold_tune(name: str, folder: Path) -> None:
    """Each setting of FOLDER/MODEL-grid.json on the validation split's cold start
    (cold-tuning.npz): FOLDER/MODEL-cold-tuning.npz, `lists_COUNT` stacked in the grid's
    order."""
    grid = json.loads((folder / f"{name}-grid.json").read_text())
    fit, folded = _cold_split(folder / "cold-tuning.npz")
    fitted = [FOLD_INS[name](fit, folded, settings) for settings in grid]
    np.savez(folder / f"{name}-cold-tuning.npz",
             **{f"lists_{count}": np.stack([lists[count] for lists in fitted])
                for count in folded})
    print(json.dumps({"settings": len(grid)}))


def tune(name: str, folder: Path) -> None:
    grid = json.loads((folder / f"{name}-grid.json").read_text())
    holdout, split = Holdout(folder / "tuning.npz"), RatingSplit(folder)
    fitted = [MODELS[name](holdout, split, settings) for settings in grid]
    np.savez(folder / f"{name}-tuning.npz", lists=np.stack([f["lists"] for f in fitted]))
    print(json.dumps({"fit_s": [f["fit_s"] for f in fitted]}))


def main() -> None:
    name, where, *rest = sys.argv[1:]
    folder = Path(where)
    if rest == ["--tune"]:
        tune(name, folder)
        return
    if rest == ["--cold-tune"]:
        cold_tune(name, folder)
        return
    if rest[:1] == ["--cold"]:
        cold_start(name, folder, json.loads(rest[1]) if rest[1:] else {})
        return
    settings = json.loads(rest[0]) if rest else {}
    result = MODELS[name](Holdout(folder / "holdout.npz"), RatingSplit(folder), settings)
    arrays = {key: result.pop(key) for key in ("lists", "predictions") if key in result}
    np.savez(folder / f"{name}.npz", **arrays)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
