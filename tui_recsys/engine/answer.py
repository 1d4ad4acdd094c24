"""What every strategy answers with: recommended movies, and how the model that chose them
learnt. Plain values, light on purpose (no numpy): the command line and the app print them,
and the models below make them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from tui_recsys.data.spreadsheet import safe_cell
from tui_recsys.text import sparkline

PICK_COLUMNS = ("rank", "title", "year", "tmdb_id", "movielens_id", "score", "stars",
                "on_watchlist", "yours", "reason")
# An export written before "yours" was a column: still ours, to be replaced unasked.
EARLIER_PICK_COLUMNS = tuple(column for column in PICK_COLUMNS if column != "yours")


@dataclass(frozen=True)
class Answer:
    items: list[Recommendation]
    favourites: list[Recommendation] = field(default_factory=list)
    favourites_title: str = ""
    note: str = ""  # why the list is short or empty, when it is
    short: str = ""  # why the model has no more than these: said where fewer than asked remain
    training: TrainingHistory | None = None  # how the model answering learnt


NOT_INTERESTED = "not interested"  # a pick you hid, shown again (`Recommendation.yours`)
# For you's reason where what everyone watches counts for much of a pick's score.
POPULAR = "popular with everyone"


@dataclass(frozen=True)
class Recommendation:
    """One recommended movie, with its id in each catalogue that knows it (None where one
    does not): a TMDB strategy's picks may be in MovieLens too, and the other way round."""

    title: str
    year: int | None
    score: float
    reason: str
    tmdb_id: int | None
    movielens_id: int | None
    stars: float | None = None  # the rating model's prediction, where the list is ranked
    on_watchlist: bool = False
    # In a list that shows again what you rated, saw or hid (`Ask.noted`), which of those it
    # is: "rated 4.5", "seen" or NOT_INTERESTED; "" for any other movie.
    yours: str = ""

    def as_dict(self, rank: int) -> dict[str, object]:
        return {"rank": rank, **asdict(self)}


@dataclass(frozen=True)
class QuickRound:
    """A quick-start round; `models_missing` where For you's models were not built yet, so
    that it came from the movie list and read none of the answers so far."""

    items: list[Recommendation]
    models_missing: bool = False


SERIES = ("validation_rmse", "validation_ndcg", "training_loss")


@dataclass(frozen=True)
class TrainingHistory:
    epochs_run: int = 0
    best_epoch: int = 0  # counted from 1; the weights kept are this epoch's
    seconds: float = 0.0
    distribution: str = ""  # how training was spread (`training.distribution.describe`)
    validation_rmse: tuple[float, ...] = ()  # the rating model's check, by epoch
    validation_ndcg: tuple[float, ...] = ()  # the ranking model's check, by epoch
    training_loss: tuple[float, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """As JSON holds it: the series this model has, as lists."""
        return {name: list(value) if name in SERIES else value
                for name, value in asdict(self).items() if not (name in SERIES and not value)}

    @classmethod
    def from_dict(cls, data: object, what: str) -> TrainingHistory:
        """A history as `as_dict` wrote it; anything else raises ValueError naming `what`."""
        if not isinstance(data, dict):
            raise ValueError(f"{what} is not an object")
        unknown = set(data) - {field.name for field in fields(cls)}
        if unknown:
            raise ValueError(f"{what} holds {sorted(unknown)}, which no history has")
        distribution = data.get("distribution", "")
        if not isinstance(distribution, str):
            raise ValueError(f"{what}: distribution is not text")
        return cls(int(_number(data, "epochs_run", what)), int(_number(data, "best_epoch", what)),
                   _number(data, "seconds", what), distribution,
                   *(_series(data, name, what) for name in SERIES))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_dict()))

    @classmethod
    def load(cls, path: Path) -> TrainingHistory:
        return cls.from_dict(json.loads(path.read_text()), path.name)

    def curve(self) -> str:
        """The validation RMSE by epoch as one line, the best epoch named; empty for a model
        checked otherwise."""
        rmse = list(self.validation_rmse)
        if not rmse:
            return ""
        best = self.best_epoch or rmse.index(min(rmse)) + 1
        return (f"validation RMSE by epoch {sparkline(rmse)} (best {rmse[best - 1]:.3f} at "
                f"epoch {best} of {len(rmse)})")


def _number(data: dict[str, Any], name: str, what: str) -> float:
    value = data.get(name, 0)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ValueError(f"{what}: {name} is not a number")
    return float(value)


def _series(data: dict[str, Any], name: str, what: str) -> tuple[float, ...]:
    values = data.get(name, [])
    if not (isinstance(values, list) and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in values)):
        raise ValueError(f"{what}: {name} is not a list of numbers")
    return tuple(float(v) for v in values)


def picks_csv(items: Sequence[Recommendation]) -> str:
    """A list of picks as our own CSV, each cell safe in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PICK_COLUMNS)
    for rank, item in enumerate(items, 1):
        writer.writerow([rank, safe_cell(item.title), "" if item.year is None else item.year,
                         "" if item.tmdb_id is None else item.tmdb_id,
                         "" if item.movielens_id is None else item.movielens_id,
                         f"{item.score:.6g}", "" if item.stars is None else f"{item.stars:.1f}",
                         int(item.on_watchlist), item.yours, safe_cell(item.reason)])
    return out.getvalue()
