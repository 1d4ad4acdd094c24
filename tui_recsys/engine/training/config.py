"""How each recommender is configured and what a chart is filtered by: plain frozen dataclasses
that key the cache, with no heavy import, so that the command line's parser, the models and the
strategies can all share them without importing one another."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from tui_recsys.errors import UsageError
from tui_recsys.text import echo

MIN_RATINGS = 2  # the collaborative model needs one to fit on and one to stop early on


@dataclass(frozen=True)
class RatingParams:
    """Training choices; all of them key the cache. The tutorial trained in batches of 64 for
    10 epochs with no early stopping; the docs/performance.md section compares the two."""

    embedding_size: int = 50
    batch_size: int = 1024
    max_epochs: int = 40
    learning_rate: float = 0.005
    l2: float = 0.1
    bias_l2: float = 0.01
    patience: int = 3
    min_delta: float = 0.001  # of validation RMSE, in stars: less is no improvement
    validation_fraction: float = 0.1
    seed: int = 42


@dataclass(frozen=True)
class RankingParams:
    """The ranking model (a multinomial autoencoder, see `models.ranking_model`): what it was
    chosen with, on a validation split carved out of the per-user holdout's training part
    (`benchmarks/validation.py`; docs/quality.md); every field keys the cache."""

    hidden: int = 200
    max_epochs: int = 50
    patience_steps: int = 1_000  # without a better validation nDCG@10 (`early_stopping`)
    min_patience: int = 2  # epochs, however many steps they hold
    min_delta: float = 0.001  # of validation nDCG@10: less is no improvement
    validation_fraction: float = 0.1  # of each validation user's choices, held out
    validation_user_share: float = 0.1  # so at most 1 % of all choices leave training
    validation_users: int = 5_000  # at most: the check costs seconds an epoch at ml-32m
    learning_rate: float = 0.003
    dropout: float = 0.7
    l2: float = 1e-5
    liked_weight: float = 2.0  # a movie rated 4+ counts twice in what the user chose
    # The softmax spans at most the `most_decoded` most chosen movies of those `min_choosers`
    # people chose (`most_chosen`); others are read as choices but never offered
    # (`networks.spread_decoder`). At ml-32m's 87,000 movies its product is most of an
    # epoch's work; ml-latest-small's 9,700 all fit, and there leaving out the movies one
    # person chose cost validation nDCG@10 (0.2139 against 0.2164 over three seeds).
    min_choosers: int = 1
    most_decoded: int = 20_000
    # A softmax fitted to choices favours what everyone chooses; this much of log(1 + choosers)
    # taken off each movie's score brings the lists' coverage level with the rating model's
    # (on the validation split, three seeds: coverage 0.090 -> 0.095, nDCG 0.198 -> 0.196).
    popularity_discount: float = 0.03
    batch_size: int = 128
    seed: int = 42


@dataclass(frozen=True)
class ItemParams:
    """EASE's item weights beside the ranking network (`models.item_weights`), a liked movie
    counting as the network counts it. Chosen on the validation split (`benchmarks.frontier`;
    docs/quality.md): ridge 400 was EASE's best alone; EASE plus a fifth of the network's
    logits, less 0.03 x log(1 + choosers), ranked best among the orders that keep coverage
    >= 0.06 and list overlap <= 0.10 (nDCG@10 0.218 against EASE's 0.214 and the network's
    0.196). Every field keys the cache."""

    ridge: float = 400.0
    scale: float = 5.0  # EASE's scores count five times the network's logits
    popularity_discount: float = 0.03  # x log(1 + choosers), off EASE's scores
    # Movies fewer people chose are left to the network: at 3 the validation nDCG@10 is the
    # same as at 2 (0.2186, 0.2189 on two seeds), and the inverse half the size (4,980 movies
    # at ml-latest-small against 6,278: a second less to fit and write).
    min_choosers: int = 3
    # At most this many movies, the most chosen, are covered: the inverse is of a covered x
    # covered matrix (12,000 take a minute and 576 MB cached; ml-32m's 87,000 would not fit).
    most_chosen: int = 12_000


@dataclass(frozen=True)
class ForUserConfig:
    """Every model of "For this user": picks ordered by the ranking network and EASE's item
    weights together, stars from the rating model."""

    rating: RatingParams = RatingParams()
    ranking: RankingParams = RankingParams()
    items: ItemParams = ItemParams()


DISTRIBUTE_VARIABLE = "TUI_RECSYS_DISTRIBUTE"
DISTRIBUTE_AUTO, DISTRIBUTE_MIRRORED, DISTRIBUTE_WORKERS = "auto", "mirrored", "multi-worker"
DISTRIBUTE_CHOICES = (DISTRIBUTE_AUTO, "default", DISTRIBUTE_MIRRORED, DISTRIBUTE_WORKERS)


TF_CONFIG_HELP = "see docs/performance.md, \"Training across machines\"; fix it or unset it"
ADDRESS = re.compile(r"[^\s:]+:[0-9]{1,5}")


def check_tf_config(config: str) -> None:
    """TF_CONFIG's shape, checked before TensorFlow starts (which says far less, seconds
    later): a cluster whose roles list "host:port" strings, and this task's type and index
    among them."""
    try:
        parsed = json.loads(config)
    except (ValueError, RecursionError):
        raise UsageError(f"TF_CONFIG is not JSON ({TF_CONFIG_HELP})") from None
    cluster = parsed.get("cluster") if isinstance(parsed, dict) else None
    if not isinstance(cluster, dict) or not cluster:
        raise UsageError(f"TF_CONFIG has no \"cluster\" object naming the workers "
                         f"({TF_CONFIG_HELP})")
    for role, addresses in cluster.items():
        if not (isinstance(addresses, list) and addresses
                and all(isinstance(a, str) and ADDRESS.fullmatch(a) for a in addresses)):
            raise UsageError(f"TF_CONFIG's cluster {echo(str(role))} is not a list of "
                             f"\"host:port\" strings ({TF_CONFIG_HELP})")
    task = parsed.get("task")
    if not isinstance(task, dict) or task.get("type") not in cluster:
        raise UsageError(f"TF_CONFIG has no \"task\" whose type is one of the cluster's "
                         f"({', '.join(map(str, cluster))}) ({TF_CONFIG_HELP})")
    index, count = task.get("index", 0), len(cluster[task["type"]])
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < count:
        raise UsageError(f"TF_CONFIG's task index {echo(str(index))} is not 0 to {count - 1}, "
                         f"one of the {count} {task['type']} addresses ({TF_CONFIG_HELP})")


def awaited_workers(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The other machines a multi-worker training waits for (TF_CONFIG already checked)."""
    config = environ.get("TF_CONFIG", "").strip()
    if not config:
        return []
    parsed = json.loads(config)
    task = parsed["task"]
    everyone = [address for addresses in parsed["cluster"].values() for address in addresses]
    mine = parsed["cluster"][task["type"]][task.get("index", 0)]
    return [address for address in everyone if address != mine]


def distribution_choice(environ: Mapping[str, str] = os.environ) -> str:
    """How training is spread (`distribution`), from TUI_RECSYS_DISTRIBUTE, checked where the
    build starts so that a typo is one line, not a TensorFlow traceback from the trainer. It
    does not key the cache: it changes how the models are trained, not what they are."""
    choice = environ.get(DISTRIBUTE_VARIABLE, "").strip().lower() or DISTRIBUTE_AUTO
    if choice not in DISTRIBUTE_CHOICES:
        raise UsageError(f"{DISTRIBUTE_VARIABLE}={echo(choice)} is not one of "
                         f"{', '.join(DISTRIBUTE_CHOICES)}")
    config = environ.get("TF_CONFIG", "").strip()
    if config:
        check_tf_config(config)
    elif choice == DISTRIBUTE_WORKERS:
        raise UsageError(f"{DISTRIBUTE_VARIABLE}={DISTRIBUTE_WORKERS} needs TF_CONFIG naming "
                         f"the workers (see docs/performance.md, \"Training across machines\")")
    return choice
