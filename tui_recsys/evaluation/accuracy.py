"""How close predicted stars come to the stars people gave: the one reading of it that the
tutorial's split, the cold start's folded-in stars and the public libraries share, so that
an RMSE means the same thing in every table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tui_recsys.data.scale import RATING_SCALE


@dataclass
class RatingScores:
    rmse: float
    mae: float


def rating_accuracy(predicted: np.ndarray, actual: np.ndarray) -> RatingScores:
    """RMSE and MAE of predictions kept within the scale, as a person could have rated (the
    app shows them so)."""
    error = np.clip(predicted, *RATING_SCALE) - actual
    return RatingScores(float(np.sqrt(np.mean(error**2))), float(np.mean(np.abs(error))))
