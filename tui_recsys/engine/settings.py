"""How each recommender is configured and what a chart is filtered by: plain frozen dataclasses
that key the cache, with no heavy import, so that the command line's parser, the models and the
strategies can all share them without importing one another."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from tui_recsys.errors import UsageError
from tui_recsys.text import echo

MIN_RATINGS = 2  # the collaborative model needs one to fit on and one to stop early on


@dataclass(frozen=True)
class ChartFilter:
    genre: str | None = None
    years: tuple[int | None, int | None] = (None, None)

    @property
    def active(self) -> bool:
        return self.genre is not None or self.years != (None, None)

    def describe(self) -> str:
        parts = [self.genre] if self.genre else []
        low, high = self.years
        if low is not None or high is not None:
            parts.append(f"{low or ''}-{high or ''}" if low != high else str(low))
        return ", ".join(parts)


def parse_years(text: str) -> tuple[int | None, int | None]:
    """'1990-1999', '1990-', '-1979' or '1994' as an inclusive range."""
    low, sep, high = text.strip().partition("-")
    try:
        first = int(low) if low.strip() else None
        last = int(high) if high.strip() else None
    except ValueError:
        raise UsageError(f"years {echo(text)} is not a range like 1990-1999, 1990- or "
                         f"1994") from None
    if not sep:
        last = first
    if first is not None and last is not None and first > last:
        raise UsageError(f"years {echo(text)} runs backwards; write the earlier year first")
    return first, last


@dataclass(frozen=True)
class ChartConfig:
    quantile: float = 0.9  # m, the votes a movie needs, is this quantile of vote counts


@dataclass(frozen=True)
class ContentConfig:
    """What is compared and how; every field keys the cached model."""

    text: Literal["overview", "soup"]  # the plot, or keywords, cast, director and genres
    weighting: Literal["tfidf", "count"]
    stop_words: str = "english"
    soup_items: int = 3  # the tutorial keeps three keywords, cast members and genres


@dataclass(frozen=True)
class CollaborativeParams:
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
    """The ranking model (a multinomial autoencoder, see `ranking`): what it was chosen with,
    on a validation split carved out of the per-user holdout's training part
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
    # A softmax fitted to choices favours what everyone chooses; this much of log(1 + choosers)
    # taken off each movie's score brings the lists' coverage level with the rating model's
    # (on the validation split, three seeds: coverage 0.090 -> 0.095, nDCG 0.198 -> 0.196).
    popularity_discount: float = 0.03
    batch_size: int = 128
    seed: int = 42


@dataclass(frozen=True)
class ForUserConfig:
    """Both models of "For this user": picks ordered by the ranking model, stars from the
    rating model."""

    rating: CollaborativeParams = CollaborativeParams()
    ranking: RankingParams = RankingParams()


DISTRIBUTE_VARIABLE = "TUI_RECSYS_DISTRIBUTE"
DISTRIBUTE_AUTO, DISTRIBUTE_MIRRORED, DISTRIBUTE_WORKERS = "auto", "mirrored", "multi-worker"
DISTRIBUTE_CHOICES = (DISTRIBUTE_AUTO, "default", DISTRIBUTE_MIRRORED, DISTRIBUTE_WORKERS)


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
        try:
            cluster = json.loads(config)["cluster"]
            if not isinstance(cluster, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise UsageError("TF_CONFIG is not JSON with a \"cluster\" object (see "
                             "docs/performance.md, \"Training across machines\"); fix it or "
                             "unset it") from None
    elif choice == DISTRIBUTE_WORKERS:
        raise UsageError(f"{DISTRIBUTE_VARIABLE}={DISTRIBUTE_WORKERS} needs TF_CONFIG naming "
                         f"the workers (see docs/performance.md, \"Training across machines\")")
    return choice
