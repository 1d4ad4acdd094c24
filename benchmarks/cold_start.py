"""How "For you" serves a newcomer after 3, 5, 10, 20 and 50 ratings, on the validation split
carved out of the per-user holdout's training part (the test part, which `tui-recsys
evaluate` reports, stays unread): where For you's weights (`for_you_model.Weights`) were
chosen.

    python -m benchmarks.cold_start [--data DIR] '[{}, {"temperature": 4}]'
    python -m benchmarks.cold_start --stars '[[1, 1], [5, 3]]' '[]'

The models are trained once without a fifth of the users; each JSON object overrides the
weights ({} is the defaults) and prints, per count, For you's nDCG@10 beside the served
ranking's fold-in, EASE folded in and most popular; then the quick start's simulation (after
1, 2 and 3 rounds), where the quick start's settings were checked. Takes about a minute,
plus a minute a variant, on ml-latest-small. `--stars` lists the fold-in's penalties (on the
bias, on the vector) to read the stars shown beside the picks by (RMSE on the newcomers'
held-out ratings, `for_user_model.FOLD_IN_PENALTIES` chosen so), the served ones first.
`--discovery` also prints, per variant and count, For you at each discovery setting re-ranked
as the app re-ranks it: nDCG@10, genre diversity and novelty, each as a change from the
setting 0 (`Weights.popular_by_discovery` was chosen so, with '[{}, {"popular_by_discovery":
0}]').

`--folds 5` reads the cold start alone over every user of the split as a newcomer once, in five
groups each left out of its own training (about 610 newcomers instead of 122, so that a
difference of a hundredth of nDCG is not noise; the stars and the years of For you were chosen
so, with '[{"era": 0, "stars": 0}, {}]'): five trainings, then about half a minute a variant.
Each variant's line ends with "all", the same newcomers with every rating of theirs folded in:
the weekly user, whom a change for the first ratings must not cost; the next line is the quick
start's simulation over them all (about 610 answering its rounds instead of 122), half a minute
more a variant.

`--draw 1` (or 2, ...) reads the same on another draw of the validation split, other held-out
ratings of the same training part: For you's weights were fitted to draw 0 over many sessions,
and at 5 ratings the blend of then read 1.31x most popular there, 1.19x and 1.16x on draws 1
and 2 (docs/quality.md), so a choice is made on the mean of draws 0, 1 and 2, as the content
weight that follows the count was.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from benchmarks.validation import parser, validation_parts

if TYPE_CHECKING:
    import pandas as pd

    from tui_recsys.engine.metrics import TopNScores
    from tui_recsys.engine.models.for_user_model import ForUserModel
    from tui_recsys.engine.models.for_you_model import ForYouModel
    from tui_recsys.evaluation.fold_in import Recent


class LeftOut(NamedTuple):
    """A group of users left out of a training: the ratings without them, the models trained
    on those, the group's most recent ratings at each count, and the group."""

    without: pd.DataFrame
    served: ForUserModel
    recent: Recent
    users: np.ndarray


class Models:
    """What every variant's For you is blended from but the trained models: the content
    models and the chart, built once."""

    def __init__(self, data: Path, cache: Path) -> None:
        from tui_recsys.data.sources import rating_times
        from tui_recsys.engine.build_context import BuildContext
        from tui_recsys.engine.cache.store import Store
        from tui_recsys.engine.engine import Engine
        from tui_recsys.engine.strategies.cast import Cast
        from tui_recsys.engine.strategies.chart import Chart
        from tui_recsys.engine.strategies.story import Story

        self.ctx = BuildContext()
        engine = Engine(Store(cache), data)
        self.catalog = engine.catalog(self.ctx)
        self.story, self.cast, self.chart = (engine.model(engine.strategy(name), self.ctx)
                                             for name in (Story.name, Cast.name, Chart.name))
        self.times = rating_times(engine.source())

    def left_out(self, fit: pd.DataFrame, newcomers: np.ndarray) -> LeftOut:
        from tui_recsys.engine.building.for_user_build import serving_model
        from tui_recsys.engine.training.config import ForUserConfig
        from tui_recsys.engine.training.networks import train_both
        from tui_recsys.evaluation.fold_in import most_recent

        without = fit[~fit["user_id"].isin(newcomers)]
        served = serving_model(train_both(without, ForUserConfig(), self.ctx), self.catalog,
                               without)
        return LeftOut(without, served, most_recent(fit, newcomers, self.times), newcomers)

    def blend(self, served: ForUserModel, variant: dict) -> ForYouModel:
        from tui_recsys.engine.models.for_you_model import ForYouModel, Weights

        return ForYouModel(for_user=served, story=self.story, cast=self.cast,
                           chart=self.chart, weights=replace(Weights(), **variant))


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("variants", type=json.loads)
    arguments.add_argument("--stars", type=json.loads, default=[])
    arguments.add_argument("--discovery", action="store_true")
    arguments.add_argument("--folds", type=int, default=1)
    args = arguments.parse_args()
    fit, check = validation_parts(args.data, args.draw)
    from tui_recsys.engine.models.for_user_model import FOLD_IN_PENALTIES
    from tui_recsys.evaluation.fold_in import (
        FOLDED_STARS,
        MOVIE_ALONE,
        cold_start_report,
        cold_start_stars,
        fold_in_users,
        star_readings,
    )
    from tui_recsys.evaluation.quick_start_sim import quick_start_report

    with tempfile.TemporaryDirectory() as cache:
        models = Models(args.data, Path(cache))
        if args.folds > 1:
            every_newcomer(models, fit, check, args.variants, args.folds)
            return
        newcomers = fold_in_users(fit)
        without, served, recent, _ = models.left_out(fit, newcomers)
        ml_movies = models.catalog.ml_movies
        for penalties in [list(FOLD_IN_PENALTIES), *args.stars]:
            stars = cold_start_stars([star_readings(served, check, recent,
                                                    tuple(penalties))])
            print(f"stars, penalties {penalties}: " + "  ".join(
                f"{count}: RMSE {scores[FOLDED_STARS].rmse:.4f} (the movie alone "
                f"{scores[MOVIE_ALONE].rmse:.4f})" for count, scores in stars.items()),
                  flush=True)
        for variant in args.variants:
            blend = models.blend(served, variant)
            report = cold_start_report(blend, without, check, recent, ml_movies)
            figures = []
            for count, scores in report.items():
                mine, popular = scores["For you (blend)"].ndcg, scores["most popular"].ndcg
                figures.append(f"{count}: {mine:.3f} ({mine / popular:.2f}x popular, fold-in "
                               f"{scores['folded in'].ndcg:.3f}, EASE "
                               f"{scores['EASE folded in'].ndcg:.3f})")
            print(f"{json.dumps(variant)}  " + "  ".join(figures), flush=True)
            rounds = quick_start_report(blend, fit, check, newcomers, ml_movies)
            print("  quick start, after rounds: " + "  ".join(
                f"{done}: " + ", ".join(f"{name} {s.ndcg:.3f}" for name, s in scores.items())
                for done, scores in rounds.items()), flush=True)
            if args.discovery:
                for line in discovery_lines(blend, recent, check, ml_movies):
                    print(line, flush=True)


def every_newcomer(models: Models, fit: pd.DataFrame, check: pd.DataFrame,
                   variants: list[dict], folds: int) -> None:
    """For each variant, For you's nDCG@10 per count over every user of the split as a
    newcomer once (`folds` groups, each left out of a training of its own), against most
    popular's and EASE folded in's over the same users; then with all of each newcomer's
    ratings folded in, the weekly user's list, which a change for the first ratings must not
    cost (a temperature of 2 helped from 3 to 50 ratings and cost there, docs/quality.md);
    and the quick start's simulation over the same newcomers, after 1, 2 and 3 rounds, which a
    weight of For you moves too."""
    from tui_recsys.evaluation.fold_in import (
        Newcomers,
        cold_start_report,
        folded_in_report,
        newcomer_groups,
    )
    from tui_recsys.evaluation.pooled import pooled_scorers, pooled_tables
    from tui_recsys.evaluation.quick_start_sim import quick_start_report

    ml_movies = models.catalog.ml_movies
    groups = [models.left_out(fit, users) for users in newcomer_groups(fit, folds)]
    for variant in variants:
        cold, everyone, quick = [], [], []
        for without, served, recent, newcomers in groups:
            blend = models.blend(served, variant)
            cold.append(cold_start_report(blend, without, check, recent, ml_movies))
            everyone.append(folded_in_report(blend, Newcomers(
                newcomers, fit[fit["user_id"].isin(newcomers)], check, ml_movies)))
            quick.append(quick_start_report(blend, fit, check, newcomers, ml_movies))
        read: dict[int | str, dict[str, TopNScores]] = {**pooled_tables(cold),
                                                        "all": pooled_scorers(everyone)}
        print(f"{json.dumps(variant)}  " + "  ".join(
            f"{count}: {_against_popular(scores, 'For you (blend)', 'EASE folded in')}"
            for count, scores in read.items()), flush=True)
        print("  quick start, after rounds: " + "  ".join(
            f"{done}: {_against_popular(scores, 'For you, quick start')}"
            for done, scores in pooled_tables(quick).items()), flush=True)


def _against_popular(scores: dict[str, TopNScores], ours: str, *others: str) -> str:
    """Ours' nDCG, then it and `others` (those read) as multiples of most popular's, and the
    users read: "0.0926 (1.265x popular, EASE folded in 0.962x, 610 users)"."""
    mine, popular = scores[ours].ndcg, scores["most popular"].ndcg
    beside = "".join(f", {name} {scores[name].ndcg / popular:.3f}x" for name in others
                     if name in scores)
    return f"{mine:.4f} ({mine / popular:.3f}x popular{beside}, {scores[ours].users} users)"


def discovery_lines(blend: ForYouModel, recent: Recent, check: pd.DataFrame,
                    ml_movies: pd.DataFrame) -> list[str]:
    """For you at every discovery setting for the newcomers of each count, drawn as the app
    draws it (ten times as many asked for, those it expects below the floor left out, then
    re-ranked with MovieLens' genres and the share of trained users who rated each), each
    setting's nDCG@10, diversity and novelty (bits of the trained users' shares) against 0."""
    from tui_recsys.data.profile_file import Rated
    from tui_recsys.data.tables import optional_ints
    from tui_recsys.engine.metrics import TOP_N
    from tui_recsys.engine.models.discovery import DEPTH, LEVELS, shown
    from tui_recsys.evaluation.fold_in import Newcomers, most_popular
    from tui_recsys.evaluation.holdout import genre_matrix

    served = blend.for_user
    genres = genre_matrix(ml_movies, served.trained.ranking.movie_ids)
    shares = most_popular(served) / len(served.factors.user_ids)
    bits = -np.log2(np.clip(shares, 1e-9, 1.0))
    tmdb = dict(zip(ml_movies["movie_id"], optional_ints(ml_movies["tmdb_id"]), strict=True))
    lines = []
    for count, (users, latest) in recent.items():
        reading = Newcomers(users, latest, check, ml_movies).against(served.trained, genres)
        by_user = dict(iter(latest.groupby("user_id", sort=True)))
        figures = {}
        for level in LEVELS:
            lists = np.full((len(users), TOP_N), -1, dtype=np.int64)
            for row, user in enumerate(users):
                rows = by_user[user]
                ratings = [Rated(int(m), tmdb.get(m), "", None, float(r))
                           for m, r in zip(rows["movie_id"], rows["rating"], strict=True)]
                items = [item for item in blend.answer(
                    ratings, TOP_N * DEPTH if level else TOP_N, discovery=level)[0]
                    if item.movielens_id is not None]
                found = served.positions(np.array([i.movielens_id for i in items], np.int64))
                known = found >= 0
                order = found[known]
                if level:
                    scores = np.array([i.score for i in items])[known]
                    stars = np.array([np.nan if i.stars is None else i.stars for i in items])
                    order = order[shown(scores, genres[order], shares[order], stars[known],
                                        TOP_N, level)]
                lists[row, :min(len(order), TOP_N)] = order[:TOP_N]
            scored = reading.scored(lists)
            assert scored.beyond is not None  # the reading has the genres
            novelty = float(np.mean([bits[row[row >= 0]].mean() for row in lists]))
            figures[level] = (scored.ndcg, scored.beyond.diversity, novelty)
        base = figures[0.0]
        lines.append(f"  discovery, {count} ratings: " + "  ".join(
            f"{level:g}: nDCG {n:.4f} ({_change(n, base[0])}), diversity "
            f"{_change(d, base[1])}, novelty {_change(v, base[2])}"
            for level, (n, d, v) in figures.items()))
    return lines


def _change(value: float, base: float) -> str:
    return f"{value / base - 1:+.0%}" if base else "n/a"


if __name__ == "__main__":
    main()
