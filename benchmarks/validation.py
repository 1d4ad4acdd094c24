"""The ranking model's settings, compared where choosing them is honest: on a validation split
carved out of the per-user holdout's *training* part. The holdout's test part, which
`tui-recsys evaluate` reports, is set aside unread.

    python -m benchmarks.validation [--data DIR] '[{"learning_rate": 0.003}, {"seed": 7}]'

Each JSON object overrides `RankingParams`' defaults ({} is the defaults); one line each:
nDCG@10, recall and coverage on the validation split, and the fit time.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def parser(doc: str | None) -> argparse.ArgumentParser:
    """A benchmark's arguments, with `--data` where the real copies are."""
    parsed = argparse.ArgumentParser(description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parsed.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parsed.add_argument("--draw", type=_draw, default=0,
                        help="the validation split held out with another seed (0: the one "
                             "most settings were chosen on), to read a choice on more draws")
    return parsed


def _draw(text: str) -> int:
    """A draw is a count from 0: a seed's offset, which a negative one would take below 0."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a draw: give 0, 1, 2, ...")
    return int(text)


def validation_parts(data: Path, draw: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(fit, check): the per-user holdout's training part split again. The test part, which
    `tui-recsys evaluate` reports, is never returned, so settings chosen here cannot see it."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from tui_recsys.data.catalog import load_catalog
    from tui_recsys.data.sources import LocalFolder
    from tui_recsys.evaluation.measure import per_user_holdout, validation_split

    train, _test = per_user_holdout(load_catalog(LocalFolder(data)).ratings)
    return validation_split(train, draw)


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("variants", type=json.loads)
    args = arguments.parse_args()
    fit, check = validation_parts(args.data, args.draw)
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.metrics import top_n_scores
    from tui_recsys.engine.training.config import RankingParams
    from tui_recsys.engine.training.networks import train_ranking
    from tui_recsys.evaluation.holdout import chosen_matrix, relevant_positions

    users = np.unique(fit["user_id"].to_numpy())
    for variant in args.variants:
        started = time.perf_counter()
        model = train_ranking(fit, replace(RankingParams(), **variant), BuildContext())
        chosen = chosen_matrix(fit, users, model)
        scores = top_n_scores(model.score_all(chosen), chosen,
                              relevant_positions(check, users, model.movie_ids))
        print(f"{json.dumps(variant)}  nDCG {scores.ndcg:.4f}  recall {scores.recall:.4f}  "
              f"coverage {scores.coverage:.3f}  {time.perf_counter() - started:.1f} s",
              flush=True)


if __name__ == "__main__":
    main()
