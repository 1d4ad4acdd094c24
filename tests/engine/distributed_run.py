"""One training of the ranking model on a seeded fixture, as `test_distribution` runs it in
child processes: alone, as one of two workers named by TF_CONFIG, or over two logical CPU
devices. Prints the top-10 quality on a per-user holdout and a checksum of the weights.

    python tests/engine/distributed_run.py [--logical-cpus N]
"""

from __future__ import annotations

import argparse
import json

import numpy as np
import pandas as pd

GROUPS, USERS, MOVIES, RATED = 4, 240, 120, 24


def fixture() -> pd.DataFrame:
    """Users in four taste groups, each rating mostly movies of their own group: a structure
    a ranking model can learn and popularity cannot."""
    rng = np.random.default_rng(11)
    rows = []
    for user in range(USERS):
        group = user % GROUPS
        own = np.arange(group, MOVIES, GROUPS)
        picks = np.concatenate([rng.choice(own, RATED - 4, replace=False),
                                rng.choice(MOVIES, 4, replace=False)])
        for movie in np.unique(picks):
            liked = movie % GROUPS == group
            rows.append((user + 1, movie + 1, float(rng.choice([4.0, 5.0]) if liked else 2.0)))
    return pd.DataFrame(rows, columns=["user_id", "movie_id", "rating"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logical-cpus", type=int, default=0)
    args = parser.parse_args()
    import tensorflow as tf

    if args.logical_cpus:
        tf.config.set_logical_device_configuration(
            tf.config.list_physical_devices("CPU")[0],
            [tf.config.LogicalDeviceConfiguration()] * args.logical_cpus)
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.metrics import top_n_scores
    from tui_recsys.engine.training import distribution
    from tui_recsys.engine.training.config import RankingParams, distribution_choice
    from tui_recsys.engine.training.networks import train_ranking
    from tui_recsys.evaluation.holdout import chosen_matrix, relevant_positions
    from tui_recsys.evaluation.measure import per_user_holdout

    strategy = distribution.make_strategy(distribution_choice())
    train, test = per_user_holdout(fixture())
    params = RankingParams(hidden=16, max_epochs=40, batch_size=32, dropout=0.3, seed=5)
    model = train_ranking(train, params, BuildContext(), strategy)
    users = np.unique(train["user_id"].to_numpy())
    chosen = chosen_matrix(train, users, model)
    relevant = relevant_positions(test, users, model.movie_ids)
    print(json.dumps({
        "ndcg": top_n_scores(model.score_all(chosen), chosen, relevant).ndcg,
        "most_popular_ndcg": top_n_scores((chosen > 0).sum(axis=0), chosen, relevant).ndcg,
        "distribution": model.history.distribution,
        "checksum": float(np.abs(model.decoder).sum()),
    }))


if __name__ == "__main__":
    main()
