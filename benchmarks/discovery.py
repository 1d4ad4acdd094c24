"""The discovery setting's trade-off on the validation split carved out of the per-user
holdout's training part (the test part, which `tui-recsys evaluate` reports, stays unread):
where its mix (`discovery.Mix`) and depth were chosen.

    python -m benchmarks.discovery [--data DIR] '[{}, {"similarity": 2, "depth": 3}]'

"For this user" is trained once; each JSON object overrides the mix's fields and `depth`
(candidates drawn per pick) and prints, at every setting, nDCG@10, genre diversity and
novelty as changes from the model's order. The issue's target: at 0.5, diversity and novelty
up by a quarter for at most a tenth of nDCG. About a minute, plus a few seconds a variant.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np

from benchmarks.validation import parser, validation_parts


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("variants", type=json.loads)
    args = arguments.parse_args()
    fit, check = validation_parts(args.data, args.draw)
    from tui_recsys.data.catalog import load_catalog
    from tui_recsys.data.sources import LocalFolder
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.models.discovery import DEPTH, Mix
    from tui_recsys.engine.training.config import ForUserConfig
    from tui_recsys.engine.training.networks import train_both
    from tui_recsys.evaluation.holdout import chosen_matrix, genre_matrix, relevant_positions
    from tui_recsys.evaluation.tradeoff import discovery_tradeoff

    trained = train_both(fit, ForUserConfig(), BuildContext())
    users = np.unique(fit["user_id"].to_numpy())
    chosen = chosen_matrix(fit, users, trained.ranking)
    interactions = (chosen > 0).astype(np.float32)
    relevant = relevant_positions(check, users, trained.ranking.movie_ids)
    genres = genre_matrix(load_catalog(LocalFolder(args.data)).ml_movies,
                          trained.ranking.movie_ids)
    scores = trained.ranking.score_all(chosen)
    factors = trained.factors  # the same users and movies, in the same order, as `evaluate`
    assert np.array_equal(factors.user_ids, users)
    assert np.array_equal(factors.movie_ids, trained.ranking.movie_ids)
    stars = factors.all_scores()
    for variant in args.variants:
        depth = variant.pop("depth", DEPTH)
        report = discovery_tradeoff(scores, interactions, relevant, genres, stars,
                                    replace(Mix(), **variant), depth)
        base = report[0.0]
        assert base.beyond is not None
        parts = []
        for level, s in report.items():
            assert s.beyond is not None
            parts.append(f"{level:g}: nDCG {s.ndcg / base.ndcg - 1:+.0%} div "
                         f"{s.beyond.diversity / base.beyond.diversity - 1:+.0%} nov "
                         f"{s.beyond.novelty / base.beyond.novelty - 1:+.0%}")
        print(f"{json.dumps({**variant, 'depth': depth})}  " + "  ".join(parts), flush=True)


if __name__ == "__main__":
    main()
