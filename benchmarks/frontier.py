"""Where issue 11's targets meet on this data: each strong scorer's nDCG@10, as a multiple of
most popular's, beside its coverage and mean list overlap, on the validation split carved out
of the per-user holdout's training part (the test part, which `tui-recsys evaluate` reports,
stays unread).

    python -m benchmarks.frontier [--data DIR] ['{"max_epochs": 20, "items": {"ridge": 300}}']

The optional JSON object overrides `RankingParams` for ours; under its key "items", an object
overrides `ItemParams` for the served blend. Scorers: the ranking network
(ours), "For this user" as served (the network plus EASE's item weights, `ItemParams`), the
rating model, EASE on who rated what and EASE with a liked movie counting twice (the weighting
ours trains with), each at several ridges and popularity discounts, and blends of the best
weighted EASE with ours, which is where the served blend's settings were chosen. The last two
lines: the best scorer that keeps coverage >= 0.06 and overlap <= 0.10 (issue 25's limits),
and the best with no limit. Takes about a minute and a half on ml-latest-small.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import numpy as np

from benchmarks.validation import parser, validation_parts
from tui_recsys.engine.metrics import TopNScores

EASE_LAMBDAS = (200.0, 400.0, 800.0)
DISCOUNTS = (0.0, 0.01, 0.02, 0.03, 0.04, 0.06)  # x log(1 + choosers), off each movie's score
BLEND_WEIGHTS = (0.05, 0.1, 0.2, 0.5, 1.0)  # of ours' scores, added to weighted EASE's
OVERLAP_CAP = 0.10
COVERAGE_FLOOR = 0.06


@dataclass(frozen=True)
class Point:
    name: str
    scores: TopNScores


def best_within(points: list[Point], coverage_floor: float = 0.0,
                overlap_cap: float = 1.0) -> Point | None:
    """The highest nDCG@10 among points with coverage >= floor and overlap <= cap."""
    fitting = [point for point in points if point.scores.coverage >= coverage_floor
               and point.scores.list_overlap <= overlap_cap]
    return max(fitting, key=lambda point: point.scores.ndcg, default=None)


def line(point: Point, popular: float) -> str:
    scores = point.scores
    return (f"{point.name:<44} nDCG {scores.ndcg:.4f} ({scores.ndcg / popular:.3f}x most "
            f"popular)  coverage {scores.coverage:.3f}  overlap {scores.list_overlap:.3f}")


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("ranking", type=json.loads, nargs="?", default={})
    args = arguments.parse_args()
    fit, check = validation_parts(args.data, args.draw)
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.metrics import top_n_scores
    from tui_recsys.engine.training.config import ForUserConfig, ItemParams, RankingParams
    from tui_recsys.engine.training.networks import train_both
    from tui_recsys.evaluation.baselines import ease_scores
    from tui_recsys.evaluation.holdout import chosen_matrix, relevant_positions

    users = np.unique(fit["user_id"].to_numpy())
    items = args.ranking.pop("items", {})
    config = ForUserConfig(ranking=replace(RankingParams(), **args.ranking),
                           items=replace(ItemParams(), **items))
    trained = train_both(fit, config, BuildContext())
    weighted = chosen_matrix(fit, users, trained.ranking)  # liked movies weighted as ours
    liked = f"liked x{config.ranking.liked_weight:g}"
    chosen = (weighted > 0).astype(np.float32)
    relevant = relevant_positions(check, users, trained.ranking.movie_ids)
    ours = trained.network.score_all(weighted)  # the network alone, which the blends add
    popularity = chosen.sum(axis=0)
    discount = np.log1p(popularity)

    popular = Point("most popular", top_n_scores(popularity, chosen, relevant))
    print(line(popular, popular.scores.ndcg), flush=True)

    def point(name: str, rows: np.ndarray) -> Point:
        found = Point(name, top_n_scores(rows, chosen, relevant))
        print(line(found, popular.scores.ndcg), flush=True)
        return found

    point("rating model", trained.factors.all_scores())
    points = [point("ranking network (ours)", ours),
              point("For this user (served: network + EASE)", trained.ranking.score_all(weighted))]
    best_ease, best_ndcg = ours, -1.0
    for label, matrix in (("EASE", chosen), (f"EASE, {liked}", weighted)):
        for lam in EASE_LAMBDAS:
            ease = ease_scores(matrix, lam)
            swept = [point(f"{label}, ridge {lam:.0f}, discount {amount}",
                           ease - amount * discount) for amount in DISCOUNTS]
            points += swept
            if matrix is weighted and swept[0].scores.ndcg > best_ndcg:
                best_ease, best_ndcg = ease, swept[0].scores.ndcg
    for share in BLEND_WEIGHTS:
        points += [point(f"best EASE, {liked} + {share} ours, discount {amount}",
                         best_ease - amount * discount + share * ours) for amount in DISCOUNTS]
    limited = best_within(points, COVERAGE_FLOOR, OVERLAP_CAP)
    print(f"\nmost popular: nDCG {popular.scores.ndcg:.4f}; 2x is {2 * popular.scores.ndcg:.4f}")
    print(f"best with coverage >= {COVERAGE_FLOOR} and overlap <= {OVERLAP_CAP}: "
          + (line(limited, popular.scores.ndcg) if limited else "none"))
    unlimited = best_within(points)
    assert unlimited is not None
    print("best with no limit: " + line(unlimited, popular.scores.ndcg))


if __name__ == "__main__":
    main()
