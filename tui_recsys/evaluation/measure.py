"""How good the collaborative model is, measured the way the tutorial split its data.

Rating accuracy: ratings shuffled with random_state=42, the first 90 % to train (its own
validation slice for early stopping is carved out of those), the last 10 % to test, never seen in
training or tuning. Top-N quality: a seeded 20 % of each user's ratings held out; a movie is
relevant when the user rated it 4 or more. Both against simple baselines, so the numbers mean
something.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tui_recsys.data.sources import rating_times
from tui_recsys.engine.answer import TrainingHistory
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.building.for_user_build import serving_model
from tui_recsys.engine.metrics import BeyondAccuracy, TopNScores, top_lists
from tui_recsys.engine.models.chart_model import ChartModel
from tui_recsys.engine.models.for_user_model import Factors, TrainedModels
from tui_recsys.engine.models.for_you_model import ForYouModel
from tui_recsys.engine.strategies.cast import Cast
from tui_recsys.engine.strategies.chart import Chart
from tui_recsys.engine.strategies.for_user import ForUser
from tui_recsys.engine.strategies.story import Story
from tui_recsys.evaluation import baselines
from tui_recsys.evaluation.accuracy import RatingScores, rating_accuracy
from tui_recsys.evaluation.fold_in import (
    cold_start_report,
    cold_start_stars,
    fold_in_report,
    most_recent,
    newcomer_groups,
    star_readings,
)
from tui_recsys.evaluation.holdout import (
    SPLIT_SEED,
    chosen_matrix,
    genre_matrix,
    positions,
    relevant_positions,
    scored_lists,
)
from tui_recsys.evaluation.pooled import pooled_scorers, pooled_tables
from tui_recsys.evaluation.quick_start_sim import quick_start_report
from tui_recsys.evaluation.tradeoff import discovery_tradeoff

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine

TRAIN_FRACTION = 0.9
HOLDOUT_FRACTION = 0.2
BIAS_SHRINKAGE = (25.0, 10.0)  # movie, user: damping for the bias baseline


@dataclass
class EvaluationReport:
    split: dict[str, int]
    rating: dict[str, RatingScores] = field(default_factory=dict)
    top_n: dict[str, TopNScores] = field(default_factory=dict)
    fold_in: dict[str, TopNScores] = field(default_factory=dict)  # users left out, folded in
    # the same users, only their most recent few ratings folded in, by how many
    cold_start: dict[int, dict[str, TopNScores]] = field(default_factory=dict)
    cold_start_by: str = "date"  # how "most recent" was read: "date", or "random order"
    # the fold-in, cold start and quick start: read over one seeded share of the users, or
    # over every user, in this many groups each left out of a training of its own
    newcomer_groups: int = 1
    # the stars shown beside those lists, against the held-out stars, by how many
    cold_start_stars: dict[int, dict[str, RatingScores]] = field(default_factory=dict)
    quick_start: dict[int, dict[str, TopNScores]] = field(default_factory=dict)  # by rounds
    discovery: dict[float, TopNScores] = field(default_factory=dict)  # For this user, by setting
    training: TrainingHistory = field(default_factory=TrainingHistory)

    def as_json(self) -> str:
        return json.dumps({**asdict(self), "training": self.training.as_dict()}, indent=2)

    @classmethod
    def from_json(cls, text: str) -> EvaluationReport:
        """A report as `as_json` wrote it (a benchmark that ran `evaluate --json` prints its
        text too, from one reading of the test part)."""
        data = json.loads(text)

        def scores(s: dict) -> TopNScores:
            beyond = s.get("beyond")
            return TopNScores(**{**s, "beyond": BeyondAccuracy(**beyond) if beyond else None})

        def table(rows: dict[str, dict]) -> dict[str, TopNScores]:
            return {name: scores(s) for name, s in rows.items()}

        return cls(split=data["split"],
                   rating={name: RatingScores(**s) for name, s in data["rating"].items()},
                   top_n=table(data["top_n"]), fold_in=table(data["fold_in"]),
                   cold_start={int(n): table(t) for n, t in data["cold_start"].items()},
                   cold_start_by=data["cold_start_by"],
                   newcomer_groups=data["newcomer_groups"],
                   cold_start_stars={int(n): {name: RatingScores(**s) for name, s in t.items()}
                                     for n, t in data["cold_start_stars"].items()},
                   quick_start={int(n): table(t) for n, t in data["quick_start"].items()},
                   discovery={float(level): scores(s) for level, s in data["discovery"].items()},
                   training=TrainingHistory.from_dict(data["training"], "training"))


def tutorial_split(ratings: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    shuffled = ratings.sample(frac=1, random_state=SPLIT_SEED)
    cut = int(TRAIN_FRACTION * len(shuffled))
    return shuffled.iloc[:cut], shuffled.iloc[cut:]


def per_user_holdout(ratings: pd.DataFrame, seed: int = SPLIT_SEED,
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    held = np.zeros(len(ratings), dtype=bool)
    for rows in ratings.groupby("user_id").indices.values():
        count = max(1, round(len(rows) * HOLDOUT_FRACTION))
        if len(rows) > count:
            held[rng.choice(rows, size=count, replace=False)] = True
    return ratings[~held], ratings[held]


def validation_split(train: pd.DataFrame, draw: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The holdout's training part split again the same way: where settings are chosen, ours
    (`benchmarks.validation`) and the public libraries' (`benchmarks.peers`) alike, so that
    the test part is never read to choose them. Draw 0 is the split most settings were chosen
    on; another draw holds out other ratings, to read whether a choice fitted to the first
    holds beyond it (For you's latest weight was chosen on the mean of draws 0 to 2)."""
    return per_user_holdout(train.reset_index(drop=True), SPLIT_SEED + draw)


def predict_ratings(factors: Factors, pairs: pd.DataFrame) -> np.ndarray:
    """Predictions for (user_id, movie_id) pairs; an unseen user or movie falls back to the
    biases that are known."""
    users = positions(pairs["user_id"].to_numpy(), factors.user_ids)
    movies = positions(pairs["movie_id"].to_numpy(), factors.movie_ids)
    both = (users >= 0) & (movies >= 0)
    predicted = np.full(len(pairs), factors.mean, dtype=np.float64)
    predicted[both] = factors.predict(users[both], movies[both])
    only_user = (users >= 0) & (movies < 0)
    predicted[only_user] += factors.user_bias[users[only_user]]
    only_movie = (users < 0) & (movies >= 0)
    predicted[only_movie] += factors.movie_bias[movies[only_movie]]
    return predicted


def bias_baseline(train: pd.DataFrame, pairs: pd.DataFrame) -> np.ndarray:
    """Mean + damped movie bias + damped user bias (Koren's baseline predictor)."""
    mean = train["rating"].mean()
    movie_shrink, user_shrink = BIAS_SHRINKAGE
    residual = train["rating"] - mean
    by_movie = train.assign(r=residual).groupby("movie_id")["r"]
    movie_bias = by_movie.sum() / (by_movie.count() + movie_shrink)
    residual = residual - train["movie_id"].map(movie_bias)
    by_user = train.assign(r=residual).groupby("user_id")["r"]
    user_bias = by_user.sum() / (by_user.count() + user_shrink)
    return (mean + pairs["movie_id"].map(movie_bias).fillna(0).to_numpy()
            + pairs["user_id"].map(user_bias).fillna(0).to_numpy())


def top_n_report(trained: TrainedModels, train: pd.DataFrame, test: pd.DataFrame,
                 chart: ChartModel, ctx: BuildContext | None = None,
                 fit_s: float = 0.0, genres: np.ndarray | None = None,
                 ) -> tuple[dict[str, TopNScores], dict[float, TopNScores]]:
    """Every scorer's top-N on the per-user holdout, and "For this user" at every discovery
    setting; `fit_s` is both models' training time; `genres` (the movies' as `genre_matrix`
    gives them) adds the beyond-accuracy figures and the settings."""
    ctx = ctx or BuildContext()
    factors, ranking = trained.factors, trained.ranking
    users, movies = factors.user_ids, factors.movie_ids
    chosen = chosen_matrix(train, users, ranking)  # the others need only whether one was
    interactions = (chosen > 0).astype(np.float32)
    relevant = relevant_positions(test, users, movies)
    fitted: dict[str, tuple[np.ndarray, float]] = {
        "for-user": (ranking.score_all(chosen), fit_s),  # the strategies by their names
        "ranking network": (trained.network.score_all(chosen), fit_s),  # for-user without EASE
        "rating model": (factors.all_scores(), fit_s),
        "most popular": (interactions.sum(axis=0), 0.0),
        "chart": (_chart_scores(chart, movies), 0.0)}
    fits: dict[str, Callable[[], np.ndarray]] = {
        "EASE": lambda: baselines.ease_scores(interactions),
        # The same weighting as the ranking model's: the stronger baseline (`baselines`).
        f"EASE, liked x{ranking.liked_weight:g}": lambda: baselines.ease_scores(
            chosen, baselines.EASE_LIKED_LAMBDA),
        "item-kNN": lambda: baselines.item_knn_scores(interactions)}
    count = int(interactions.sum())
    for name, fit in fits.items():
        ctx.report(f"evaluate: fitting {name} on {count:,} ratings", 0.9)
        started = time.perf_counter()
        fitted[name] = (fit(), time.perf_counter() - started)
    seen = [np.flatnonzero(row) for row in interactions]
    table = {name: replace(scored_lists(top_lists(np.broadcast_to(scores, interactions.shape),
                                                  seen), interactions, relevant, genres),
                           fit_s=seconds)
             for name, (scores, seconds) in fitted.items()}
    settings = ({} if genres is None else
                discovery_tradeoff(fitted["for-user"][0], interactions, relevant, genres,
                                   fitted["rating model"][0]))
    return table, settings


def _chart_scores(chart: ChartModel, movie_ids: np.ndarray) -> np.ndarray:
    """The demographic chart as a score per MovieLens movie (linked ones; others rank last)."""
    ranked = chart.chart(k=len(chart.rows["id"]))
    score = {r.movielens_id: len(ranked) - i for i, r in enumerate(ranked)}
    return np.array([score.get(int(movie), 0) for movie in movie_ids], dtype=np.float64)


def evaluate(engine: Engine, ctx: BuildContext, groups: int = 1) -> EvaluationReport:
    """Train the rating model on the tutorial's split for its RMSE, then both models on the
    per-user holdout, and again without its newcomers to fold them in; each read beside the
    baselines. `groups`: of newcomers, each left out of a training of its own (`EVERY_USER`
    makes every user a newcomer once)."""
    catalog = engine.catalog(ctx)
    for_user, chart = engine.strategy(ForUser.name), engine.strategy(Chart.name)
    assert isinstance(for_user, ForUser)

    def fit(ratings: pd.DataFrame) -> TrainedModels:
        return for_user.train(ratings, engine.source(), ctx)

    train, test = tutorial_split(catalog.ratings)
    report = EvaluationReport(split={"train": len(train), "test": len(test)},
                              newcomer_groups=groups)
    ctx.report("evaluate: training the rating model on the tutorial's split", 0.05)
    factors = for_user.train_stars(train, engine.source(), ctx)
    actual = test["rating"].to_numpy(dtype=np.float64)
    report.rating = {
        "model": rating_accuracy(predict_ratings(factors, test), actual),
        "user+movie bias": rating_accuracy(bias_baseline(train, test), actual),
        "global mean": rating_accuracy(np.full(len(test), train["rating"].mean()), actual),
    }
    report.training = factors.history
    holdout_train, holdout_test = per_user_holdout(catalog.ratings)
    ctx.report("evaluate: training both models on the per-user holdout's training part", 0.5)
    started = time.perf_counter()
    holdout_models = fit(holdout_train)
    holdout_fit_s = time.perf_counter() - started
    chart_model = engine.model(chart, ctx)
    report.top_n, report.discovery = top_n_report(holdout_models, holdout_train, holdout_test,
                                chart_model, ctx, holdout_fit_s,
                                genre_matrix(catalog.ml_movies,
                                             holdout_models.factors.movie_ids))
    story, cast = (engine.model(engine.strategy(name), ctx) for name in (Story.name, Cast.name))
    times = rating_times(engine.source())
    report.cold_start_by = "date" if times is not None else "random order"
    fold_in, cold_start, stars, quick_start = [], [], [], []
    chosen = newcomer_groups(holdout_train, groups)

    def say(what: str, number: int, part: float) -> None:
        """Progress through the groups, from 80 % to 98 %, saying which group when several."""
        which = f" ({number + 1} of {len(chosen)})" if len(chosen) > 1 else ""
        ctx.report(f"evaluate: {what}{which}", 0.8 + 0.18 * (number + part) / len(chosen))

    for number, newcomers in enumerate(chosen):
        say(f"training again without {len(newcomers)} users, to fold them in", number, 0.0)
        without = holdout_train[~holdout_train["user_id"].isin(newcomers)]
        blend = ForYouModel(for_user=serving_model(fit(without), catalog, without),
                            story=story, cast=cast, chart=chart_model)
        fold_in.append(fold_in_report(holdout_models, blend, holdout_train, holdout_test,
                                      newcomers, catalog.ml_movies))
        say("the cold start, 3 to 50 ratings folded in", number, 0.5)
        recent = most_recent(holdout_train, newcomers, times)
        cold_start.append(cold_start_report(blend, without, holdout_test, recent,
                                            catalog.ml_movies))
        stars.append(star_readings(blend.for_user, holdout_test, recent))
        say("the quick start, 1 to 3 rounds answered", number, 0.75)
        quick_start.append(quick_start_report(blend, holdout_train, holdout_test, newcomers,
                                              catalog.ml_movies))
    report.fold_in = pooled_scorers(fold_in)
    report.cold_start = pooled_tables(cold_start)
    report.cold_start_stars = cold_start_stars(stars)
    report.quick_start = pooled_tables(quick_start)
    return report
