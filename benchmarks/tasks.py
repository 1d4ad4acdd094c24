"""One measurement per child process, so that each reports its own peak memory.

    python -m benchmarks.tasks TASK [--data DIR] [--cache DIR] [--size N] [--quick]

prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from benchmarks.timing import busy, latency_ms, peak_rss_mb, seconds

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tui_recsys.engine.engine import Engine

HEAVY = ("tensorflow", "keras", "sklearn", "datasets")


def _engine(data: Path, cache: Path):  # noqa: ANN202 - imported lazily, like the app does
    from tui_recsys.engine.cache.store import Store
    from tui_recsys.engine.engine import Engine

    return Engine(Store(cache), data)


def _ask(engine: Engine, name: str, **question: object) -> Callable[[], object]:
    from tui_recsys.engine.question import Ask

    strategy = engine.strategy(name)
    return lambda: engine.recommend(strategy, Ask(**question))


def ours_cold(args: argparse.Namespace) -> dict:
    """Empty cache to every strategy ready, step by step."""
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.building.similar_build import documents, vectorise

    engine = _engine(args.data, args.cache)
    started = time.perf_counter()
    catalog, parse = seconds(engine.catalog)
    _, lists = seconds(engine.index)
    _, sklearn_import = seconds(lambda: __import__("sklearn.feature_extraction.text"))
    _, chart = seconds(_ask(engine, "chart", k=10))
    content = [engine.strategy(name) for name in ("story", "cast")]
    builds = {s.name: seconds(lambda s=s: vectorise(
        documents(catalog.movies, s.config.text, s.config.soup_items), s.config.weighting,
        s.config.stop_words, BuildContext(), s.name))[1] for s in content}
    _, cached = seconds(lambda: [engine.model(s) for s in content])
    for_user = engine.strategy("for-user")
    model, collaborative = seconds(lambda: engine.model(for_user))
    return {"catalog_s": parse, "lists_s": lists, "chart_first_s": chart,
            "sklearn_import_s": sklearn_import,
            "overview_build_s": builds["story"], "metadata_build_s": builds["cast"],
            "content_build_and_cache_s": cached, "collaborative_train_s": collaborative,
            "epochs": model.factors.history.epochs_run,
            "cold_to_all_ready_s": time.perf_counter() - started, "memory": peak_rss_mb()}


def ours_warm(args: argparse.Namespace) -> dict:
    """Every query, on a warm cache, in a process that never loads a heavy library."""
    engine = _engine(args.data, args.cache)
    started = time.perf_counter()
    _, load = seconds(engine.index)
    overview, metadata, collaborative, neighbours = (
        engine.model(engine.strategy(name))
        for name in ("story", "cast", "for-user", "by-ratings"))
    ready = time.perf_counter() - started
    rng = np.random.default_rng(0)
    movies = len(overview.rows["id"])
    rows = rng.choice(movies, min(500, movies), replace=False)
    users = collaborative.factors.user_ids
    rated = rng.choice(neighbours.movie_ids, min(500, len(neighbours.movie_ids)), replace=False)
    with busy():  # two other programs on a two-core machine
        under_load = {
            "user_top10_busy": latency_ms(lambda u: collaborative.picks(int(u), 10), users),
            "similar_ratings_busy": latency_ms(lambda m: neighbours.similar(int(m), 10), rated),
        }
    for_you = engine.model(engine.strategy("for-you"))
    someone = [_profile_of(collaborative, position) for position in
               rng.choice(len(users), min(200, len(users)), replace=False)]
    return {
        "fold_in_top10": latency_ms(lambda r: _fold_in_top10(collaborative, *r), someone),
        "for_you": latency_ms(lambda r: for_you.answer(_as_rated(collaborative, *r), 10),
                              someone),
        # As the app and `recommend` ask it: drawn (what you rated left out, each sequel
        # whose series you have not begun said as one).
        "for_you_drawn": latency_ms(_ask_for_you(engine, collaborative), someone),
        # The app's twenty at discovery 0.5, re-ranked ten at a time.
        "for_you_discovery": latency_ms(_ask_for_you(engine, collaborative, k=20,
                                                     discovery=0.5), someone),
        # The app's twenty asked more of what few of their two hundred candidates carry:
        # For you asked again, among the films that carry it (`drawing._carrying_more`).
        "for_you_more_heist": latency_ms(_ask_for_you(engine, collaborative, k=20,
                                                      more=("heist",)), someone),
        "index_load_s": load, "all_ready_s": ready,
        "chart": latency_ms(lambda _: _ask(engine, "chart", k=10)(), range(300)),
        "overview_query": latency_ms(lambda r: overview.similar(r, 5), rows),
        "metadata_query": latency_ms(lambda r: metadata.similar(r, 5), rows),
        "user_top10": latency_ms(lambda u: collaborative.picks(int(u), 10), users),
        "similar_ratings": latency_ms(lambda m: neighbours.similar(int(m), 10), rated),
        "filtered_query": _filtered(engine, overview.rows["id"][:200], users[:200]),
        **under_load,
        "heavy_imports": [name for name in HEAVY if name in sys.modules],
        "memory": peak_rss_mb(),
    }


def _filtered(engine: Engine, movies: object, users: object) -> dict[str, float]:
    """Stories and users' picks through the Engine, filtered to dramas of the nineties that
    run 90 to 150 minutes: the filter drawn from the lists, the answer asked deeper until ten
    pass."""
    from tui_recsys.engine.question import Ask, MovieFilter

    only = MovieFilter("Drama", (1990, 1999), (90, 150))
    asks = [(engine.strategy("story"), Ask(k=10, movie_id=int(m), chart_filter=only))
            for m in movies]  # type: ignore[attr-defined]
    asks += [(engine.strategy("for-user"), Ask(k=10, user_id=int(u), chart_filter=only))
             for u in users]  # type: ignore[attr-defined]
    return latency_ms(lambda pair: engine.recommend(*pair), asks)


def _ask_for_you(engine: Engine, collaborative: object, k: int = 10,
                 discovery: float = 0.0,
                 more: tuple[str, ...] = ()) -> Callable[[tuple], object]:
    """For you asked through the Engine for a trained user's ratings, as a newcomer's."""
    from tui_recsys.data.profile_file import Rated
    from tui_recsys.engine.question import Ask, Tuning, keys_of

    strategy = engine.strategy("for-you")

    def ask(profile: tuple) -> object:
        ratings: tuple[Rated, ...] = tuple(_as_rated(collaborative, *profile))
        return engine.recommend(strategy, Ask(k=k, ratings=ratings, left_out=keys_of(ratings),
                                              discovery=discovery, tuning=Tuning(more=more)))

    return ask


def _profile_of(collaborative: object, position: int) -> tuple[np.ndarray, np.ndarray]:
    """A trained user's ratings, to be folded in as a newcomer's would be."""
    return collaborative.ratings.user(int(position))  # type: ignore[attr-defined]


def _as_rated(collaborative: object, rated: np.ndarray, stars: np.ndarray) -> list:
    from tui_recsys.data.profile_file import Rated

    ids, tmdb = collaborative.factors.movie_ids, collaborative.movies["tmdb_id"]  # type: ignore[attr-defined]
    return [Rated(int(ids[p]), tmdb[p], "", None, float(s)) for p, s in zip(rated, stars,
                                                                            strict=True)]


def _fold_in_top10(collaborative: object, rated: np.ndarray, stars: np.ndarray) -> object:
    """What "For you" asks of the collaborative models for a newcomer: rank scores from the
    ratings, the rating model's vector solved, the top ten, their stars and reasons."""
    from tui_recsys.engine.models.top_k import top_k

    model = collaborative
    user = model.fold(rated, stars)  # type: ignore[attr-defined]
    best = top_k(model.ranking_scores(user), 10, exclude=rated)  # type: ignore[attr-defined]
    model.folded_stars(rated, stars)(best)  # type: ignore[attr-defined]
    return model.because(user, rated, stars, best, "you")  # type: ignore[attr-defined]


def scale_fold_in(args: argparse.Namespace) -> dict:
    """Fold-in and top ten over `size` movies, with models of the shipped shapes (ranking: 200
    hidden; rating: 50 factors) filled at random: the cost depends on the shapes alone."""
    from tui_recsys.engine.models.for_user_model import (
        Factors,
        ForUserModel,
        TrainedModels,
        UserRatings,
    )
    from tui_recsys.engine.models.ranking_model import RankingModel

    movies, rng = args.size, np.random.default_rng(3)
    ids = np.arange(1, movies + 1)
    factors = Factors(np.array([1]), ids, rng.normal(size=(1, 50)).astype(np.float32),
                      rng.normal(size=(movies, 50)).astype(np.float32), np.zeros(1, np.float32),
                      np.zeros(movies, np.float32), 3.5)
    ranking = RankingModel(ids, rng.normal(size=(movies, 200)).astype(np.float32),
                           np.zeros(200, np.float32),
                           rng.normal(size=(200, movies)).astype(np.float32),
                           np.zeros(movies, np.float32), 2.0)
    model = ForUserModel(
        TrainedModels(factors, ranking, _shaped_items(movies, rng)),
        {"title": [str(i) for i in ids], "year": [None] * movies, "tmdb_id": [None] * movies},
        UserRatings(np.array([0, 0]), np.array([], np.int32), np.array([], np.float32)))
    people = [(np.sort(rng.choice(movies, 100, replace=False)),
               rng.choice(np.arange(1, 11) / 2, 100)) for _ in range(100)]
    return {"movies": movies, "fold_in_top10": latency_ms(
        lambda r: _fold_in_top10(model, *r), people), "memory": peak_rss_mb()}


def scale_quick_start(args: argparse.Namespace) -> dict:
    """The quick start's second round (people who answered alike) over `size` users of 20 to
    300 ratings each, among ml-32m's 87,000 movies, filled at random: its cost is one pass
    over the ratings of the users it reads (at most `MOST_USERS`)."""
    from tui_recsys.engine.models.answered_alike import AnsweredAlike
    from tui_recsys.engine.models.for_user_model import UserRatings

    movies, rng = 87_000, np.random.default_rng(5)
    counts = rng.integers(20, 300, args.size)
    starts = np.concatenate(([0], np.cumsum(counts)))
    chosen = (rng.zipf(1.3, int(starts[-1])) % movies).astype(np.int32)
    ratings = UserRatings(starts, chosen, np.full(len(chosen), 4.0, np.float32))
    alike, build = seconds(lambda: AnsweredAlike(ratings, movies))
    answers = [(rng.choice(200, 3, replace=False), rng.choice(200, 5, replace=False))
               for _ in range(30)]
    return {"users": args.size, "ratings": int(starts[-1]), "build_s": build,
            "round": latency_ms(lambda pair: alike.log_share(*pair), answers),
            "memory": peak_rss_mb()}


def ours_quality(args: argparse.Namespace) -> dict:
    """Training on the tutorial's split, to the held-out RMSE."""
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.evaluation.measure import predict_ratings, tutorial_split

    engine = _engine(args.data, args.cache)
    train, test = tutorial_split(engine.catalog().ratings)
    for_user = engine.strategy("for-user")
    trained, elapsed = seconds(lambda: for_user.train(train, engine.source(), BuildContext()))
    factors = trained.factors
    predicted = np.clip(predict_ratings(factors, test), 0.5, 5.0)
    rmse = float(np.sqrt(np.mean((predicted - test["rating"].to_numpy()) ** 2)))
    return {"train_s": elapsed, "rmse": rmse, "epochs": factors.history.epochs_run,
            "rating_train_s": factors.history.seconds,
            "ranking_train_s": trained.network.history.seconds,
            "memory": peak_rss_mb()}


def app_startup(args: argparse.Namespace) -> dict:
    """From process start (the runner passes its clock) to the first frame, to the lists and
    the chart on screen, and to all three strategies loaded from the cache (the app loads
    them in the background; whatever it has not loaded by then is loaded here and counted);
    then the CPU a key costs, once everything is loaded: a strategy switch (chart, story,
    cast), and a move between the movie list and the results (right, left)."""
    from tui_recsys import collector

    collector.pause()  # as the `tui-recsys` entry point does, before the same imports
    from textual.widgets import DataTable

    import tui_recsys.cli.main  # noqa: F401
    from tui_recsys.app.recsys_app import RecsysApp

    spawned = args.spawned
    engine = _engine(args.data, args.cache)
    marks: dict[str, float] = {}

    async def run() -> None:
        app = RecsysApp(engine)
        async with app.run_test(size=(120, 40)) as pilot:
            marks["first_paint_s"] = time.time() - spawned
            while app.main.index is None or not app.query_one("#results", DataTable).row_count:
                await asyncio.sleep(0.002)
            await pilot.pause()
            marks["lists_ready_s"] = time.time() - spawned
            await app.workers.wait_for_complete()
            for strategy in engine.strategies:
                engine.prepare(strategy)
            marks["all_ready_s"] = time.time() - spawned
            await pilot.press("down")  # a movie current, so that story and cast have one
            marks["switch_cpu_ms"] = await _cpu_per_key(pilot, "2", "3", "1")
            marks["move_cpu_ms"] = await _cpu_per_key(pilot, "right", "left")

    asyncio.run(run())
    return {**marks, "heavy_imports": [n for n in HEAVY if n in sys.modules],
            "memory": peak_rss_mb()}


async def _cpu_per_key(pilot: Pilot, *keys: str, rounds: int = 4) -> float:
    """The process's CPU per key, each key pressed and its work done (workers and screen),
    in milliseconds: the keys once first, unmeasured, so that caches are warm."""
    async def press_all() -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    await press_all()
    started = time.process_time()
    for _ in range(rounds):
        await press_all()
    return (time.process_time() - started) * 1000 / (rounds * len(keys))


def _similarity_pass(build: Callable, movies: object, rows: np.ndarray) -> tuple[float, dict]:
    """Build one N x N matrix, query it, and let it go before the next one."""
    from benchmarks import tutorial as method

    similarity, elapsed = seconds(lambda: build(movies))
    return elapsed, latency_ms(lambda row: method.recommend(similarity, row), rows)


def tutorial(args: argparse.Namespace) -> dict:
    """The tutorial's pipeline, timed the same way."""
    import pandas as pd

    from benchmarks import tutorial as method

    parquet = next(args.data.glob("**/tmdb_5000_movies.parquet"))
    movies, load = seconds(lambda: pd.read_parquet(parquet))
    result: dict = {"load_s": load}
    result["chart"] = latency_ms(lambda _: method.demographic(movies), range(30))
    rows = np.random.default_rng(0).choice(len(movies), min(100, len(movies)), replace=False)
    for name, build in (("overview", method.overview_similarity),
                        ("metadata", method.metadata_similarity)):
        result[f"{name}_build_s"], result[f"{name}_query"] = _similarity_pass(build, movies,
                                                                              rows)
    result["memory_without_training"] = peak_rss_mb()
    if not args.quick:
        from tui_recsys.data.catalog import load_catalog
        from tui_recsys.data.sources import LocalFolder

        ratings = load_catalog(LocalFolder(args.data)).ratings
        model = method.TutorialModel(ratings)
        _, result["collaborative_train_s"] = seconds(model.fit)
        result["rmse_batch_64"] = model.rmse(64)
        result["rmse_batch_4096"] = model.rmse(4096)
        ml = pd.read_csv(next(args.data.glob("**/movies.csv")))
        users = ratings["user_id"].unique()[:20]
        result["user_top10"] = latency_ms(lambda u: model.top_ten(int(u), ml), users)
    result["memory"] = peak_rss_mb()
    return result


def scale_content(args: argparse.Namespace) -> dict:
    from benchmarks.synthetic import overviews
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.building.similar_build import vectorise
    from tui_recsys.engine.strategies.story import Story

    movies, generate = seconds(lambda: overviews(args.size))
    config = Story.default
    model, build = seconds(lambda: vectorise(movies["overview"].tolist(), config.weighting,
                                             config.stop_words, BuildContext(), "story"))
    rows = np.random.default_rng(1).choice(args.size, 200, replace=False)
    from tui_recsys.engine.models.top_k import top_k


    def similar(row: int) -> np.ndarray:
        """As `SimilarModel.similar_to` asks: every movie's similarity, the movie's own set
        to nothing, the best five."""
        scores = model.scores(row)
        scores[row] = 0.0
        return top_k(scores, 5)

    query = latency_ms(similar, rows)
    matrix = model.matrix
    return {"movies": args.size, "generate_s": generate, "build_s": build, "query": query,
            "matrix_mb": (matrix.data.nbytes + matrix.indices.nbytes
                          + matrix.indptr.nbytes) / 2**20,
            "memory": peak_rss_mb()}


def scale_train(args: argparse.Namespace) -> dict:
    """One epoch of each model on synthetic ratings (movies capped at ml-32m's count)."""
    from benchmarks.synthetic import ML_32M, ratings
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.training.config import RankingParams, RatingParams

    frame = ratings(args.size, movies=min(args.size // 10, ML_32M[2]))
    from tui_recsys.engine.training.networks import train_factors, train_ranking

    _, rating = seconds(lambda: train_factors(frame, RatingParams(max_epochs=1),
                                              BuildContext()))
    _, ranking = seconds(lambda: train_ranking(frame, RankingParams(max_epochs=1),
                                               BuildContext()))
    return {"ratings": len(frame), "users": int(frame["user_id"].nunique()),
            "movies": int(frame["movie_id"].nunique()), "epoch_s": rating,
            "ranking_epoch_s": ranking, "memory": peak_rss_mb()}


def scale_search(args: argparse.Namespace) -> dict:
    """Typing a title a key at a time into one index, as the search box does."""
    from benchmarks.synthetic import titles
    from tui_recsys.data.titles import fold
    from tui_recsys.engine.catalog.search import SearchableTable, ranked_matches

    text = titles(args.size).map(fold).astype("str").tolist()  # as the index holds them
    index = SearchableTable(text)
    typed = [" ".join(text[i].split()[:2]) for i in (7, 70, 700)]
    keystrokes = [word[:n] for word in typed for n in range(1, len(word) + 1)]
    # Each typed title with two letters swapped, as a typo would: nothing matches, and the
    # nearest spellings are looked for (the whole search first, as the box runs it).
    titled = [" ".join(text[i].split()[:2]) for i in range(0, len(text), len(text) // 20)]
    typos = [word[:2] + word[3] + word[2] + word[4:] for word in titled if len(word) > 4]
    return {"titles": args.size,
            "keystroke": latency_ms(index.search, keystrokes),
            "fresh_query": latency_ms(lambda q: ranked_matches(text, q), typed),
            "typo": latency_ms(lambda q: (index.search(q), index.closest(q, 20)), typos),
            "memory": peak_rss_mb()}


def _shaped_models(ratings: object, config: object, ctx: object) -> object:
    """Both models with the shapes training would give (seeded random weights), for measuring
    what loading and answering cost at a size where training takes hours (`large_train`
    times the training itself)."""
    from tui_recsys.engine.models.for_user_model import Factors, TrainedModels
    from tui_recsys.engine.models.ranking_model import RankingModel

    rng = np.random.default_rng(0)
    users = np.unique(ratings["user_id"].to_numpy())  # type: ignore[index]
    movies = np.unique(ratings["movie_id"].to_numpy())  # type: ignore[index]
    size, hidden = config.rating.embedding_size, config.ranking.hidden  # type: ignore[attr-defined]

    def weights(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.1, shape).astype(np.float32)

    return TrainedModels(
        Factors(users, movies, weights(len(users), size), weights(len(movies), size),
                weights(len(users)), weights(len(movies)), 3.5),
        RankingModel(movies, weights(len(movies), hidden), weights(hidden),
                     weights(hidden, len(movies)), weights(len(movies)), 2.0),
        _shaped_items(len(movies), rng))


def _shaped_items(movies: int, rng: np.random.Generator) -> object:
    """EASE's item weights at the size training would give for `movies` (the most chosen
    that fit), filled at random."""
    from tui_recsys.engine.models.item_weights import ItemWeights
    from tui_recsys.engine.training.config import ItemParams

    params = ItemParams()
    covered = min(movies, params.most_chosen)
    return ItemWeights(np.arange(covered), rng.normal(0, 0.01, (covered, covered)).astype(
        np.float32), np.zeros(movies, np.float32), params.scale)


def large_data(args: argparse.Namespace) -> dict:
    """A MovieLens release of `--size` ratings, users and movies in ml-32m's proportions,
    written to `--data` (here, so that the runner's peak memory stays its own: a child
    process inherits its parent's peak)."""
    from benchmarks.synthetic import ML_32M, movielens_release

    count, users, movies = ML_32M
    _, written = seconds(lambda: movielens_release(
        args.data, args.size, round(users * args.size / count), round(movies * args.size / count)))
    return {"written_s": written, "memory": peak_rss_mb()}


def large_cold(args: argparse.Namespace) -> dict:
    """A MovieLens release of ml-32m's shape, beside TMDB 5000 when given: the catalogue read
    and validated from the CSV files, the lists, and every strategy's entry (the collaborative
    one with `_shaped_models`) written to the cache for `app_startup` to start warm from."""
    from tui_recsys.engine.cache.store import Store
    from tui_recsys.engine.engine import Engine
    from tui_recsys.engine.strategies import default_strategies

    engine = Engine(Store(args.cache), args.data,
                    strategies=default_strategies(trainer=_shaped_models))
    catalog, parse = seconds(engine.catalog)
    _, lists = seconds(engine.index)
    memory = peak_rss_mb()
    for strategy in engine.strategies:
        if engine.unavailable(strategy) is None:
            engine.prepare(strategy)
    return {"ratings": len(catalog.ratings), "users": int(catalog.ratings["user_id"].nunique()),
            "movies": len(catalog.ml_movies), "catalog_s": parse, "lists_s": lists,
            "memory_catalog_and_lists": memory, "memory": peak_rss_mb()}


def large_search(args: argparse.Namespace) -> dict:
    """Typing into the Users and Movies lists of a warm cache a key at a time, as the app's
    search boxes do: user ids, genres and titles."""
    engine = _engine(args.data, args.cache)
    index = engine.index()
    _, prepare = seconds(index.prepare_search)  # as the app does once the lists show
    users, movies = index.users, index.movies
    user_keys = [typed[:n] for typed in ("123456", "sci-fi", "77", "drama comedy")
                 for n in range(1, len(typed) + 1)]
    titles = [" ".join(movies.entry(min(key, len(movies) - 1)).title.split()[:2]).lower()
              for key in (5, 500, 5000)]  # a smaller release (a test's) has fewer
    movie_keys = [typed[:n] for typed in titles for n in range(1, len(typed) + 1)]

    def typing(table: object, keys: list[str]) -> dict[str, float]:
        return latency_ms(table.search, keys)  # type: ignore[attr-defined]

    return {"users": len(users), "movies": len(movies), "prepare_s": prepare,
            "user_keystroke": typing(users, user_keys),
            "movie_keystroke": typing(movies, movie_keys), "memory": peak_rss_mb()}


def large_train(args: argparse.Namespace) -> dict:
    """One epoch of each model on the cached catalogue's ratings, on one device or as one of
    the workers TF_CONFIG names."""
    import os

    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.training import distribution
    from tui_recsys.engine.training.config import RankingParams, RatingParams
    from tui_recsys.engine.training.networks import train_factors, train_ranking

    ratings = _engine(args.data, args.cache).catalog().ratings
    strategy = distribution.make_strategy("auto")
    _, rating_epoch = seconds(lambda: train_factors(
        ratings, RatingParams(max_epochs=1), BuildContext(), strategy))
    _, ranking_epoch = seconds(lambda: train_ranking(
        ratings, RankingParams(max_epochs=1), BuildContext(), strategy))
    return {"ratings": len(ratings), "users": int(ratings["user_id"].nunique()),
            "workers": len(json.loads(os.environ.get("TF_CONFIG") or "{}")
                           .get("cluster", {}).get("worker", [])) or 1,
            "rating_epoch_s": rating_epoch, "ranking_epoch_s": ranking_epoch,
            "memory": peak_rss_mb()}


def large_build(args: argparse.Namespace) -> dict:
    """"For this user" built as the app builds it (the training child, both models to their
    early stop, the cache written): the time a user waits on first pressing `4`. It replaces
    the shaped models `large_cold` cached, as the app's Rebuild (`r`) does."""
    from tui_recsys.engine.build_context import BuildContext

    engine = _engine(args.data, args.cache)
    engine.catalog()
    strategy = engine.strategy("for-user")
    _, elapsed = seconds(lambda: engine.rebuild(strategy, BuildContext()))
    trained = engine.model(strategy).trained
    rating, ranking = trained.factors.history, trained.network.history
    return {"build_s": elapsed,
            **{f"{name}_{key}": getattr(history, key) for name, history in (
                ("rating", rating), ("ranking", ranking))
               for key in ("epochs_run", "best_epoch", "seconds")},
            "ranking_validation_ndcg": list(ranking.validation_ndcg),
            "rating_validation_rmse": list(rating.validation_rmse), "memory": peak_rss_mb()}


TASKS: dict[str, Callable[[argparse.Namespace], dict]] = {
    task.__name__: task for task in (ours_cold, ours_warm, ours_quality, app_startup, tutorial,
                                     scale_content, scale_train, scale_search, scale_fold_in,
                                     scale_quick_start,
                                     large_data, large_cold, large_search, large_train,
                                     large_build)
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=sorted(TASKS))
    parser.add_argument("--data", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--size", type=int, default=0)
    parser.add_argument("--spawned", type=float, default=0.0)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(TASKS[args.task](args)))


if __name__ == "__main__":
    main()
