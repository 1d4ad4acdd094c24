"""Tuning a list: more of, or less of, a genre or keyword that the listed movies carry, as
MovieLens' Movie Tuner let people ask for "like this, but less violent" (Vig, Sen and Riedl,
IUI 2011). The dimensions offered are the ones that split a list's candidates most evenly:
a keyword every candidate carries, or one carries, moves nothing.

A candidate's value is its relevance (the model's score, scaled 0-1 over the candidates) plus
PULL for every dimension asked more of that it carries, less PULL for every one asked less of:
with PULL above 1, more of X puts every candidate with X above every one without, in the
model's order among each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tui_recsys.data.titles import fold, name_key
from tui_recsys.engine.question import Tuning

OFFERED = 8  # dimensions offered for a list
PULL = 2.0


@dataclass(frozen=True)
class Tuned:
    position: int  # among the candidates
    moved_by: tuple[str, ...]  # "more X" / "less Y" that this candidate carries
    value: float  # what orders the tuned list: relevance plus the pulls


def varying(labels: Sequence[set[str]], count: int = OFFERED) -> list[str]:
    """The dimensions that split the candidates most evenly (share p carrying it, p(1 - p)
    highest; ties by name), each as the candidates spell it."""
    if not labels:
        return []
    spelled: dict[str, str] = {}
    carried: dict[str, int] = {}
    for these in labels:
        for name in these:
            key = name_key(name)
            spelled.setdefault(key, name)
            carried[key] = carried.get(key, 0) + 1
    share = {key: n / len(labels) for key, n in carried.items()}
    useful = [key for key in carried if 1 < carried[key] < len(labels)]  # one moves one
    useful.sort(key=lambda key: (-share[key] * (1 - share[key]), key))
    return [spelled[key] for key in useful[:count]]


def carriers(labels: Sequence[set[str]], name: str,
             keys: Sequence[set[str]] | None = None) -> np.ndarray:
    """Which candidates carry `name`: a dimension of that name, however spelled; where no
    candidate has one, a dimension holding it as a word or words ("space": "space marine",
    "outer space"), as a person asking for more space means (TMDB has no keyword "space").
    `keys`, each candidate's dimensions by `name_key`, where they were read already."""
    keys = _keys(labels) if keys is None else keys
    key = name_key(name)
    exact = np.array([key in these for these in keys], dtype=bool)
    if exact.any() or not key:
        return exact
    words = f" {fold(name)} "
    return np.array([any(words in f" {fold(label)} " for label in these) for these in labels],
                    dtype=bool)


def _keys(labels: Sequence[set[str]]) -> list[set[str]]:
    return [{name_key(label) for label in these} for these in labels]


def unmatched(labels: Sequence[set[str]], tuning: Tuning) -> list[str]:
    """What the tuning names that no candidate carries."""
    keys = _keys(labels)
    return [name for name in (*tuning.more, *tuning.less)
            if not carriers(labels, name, keys).any()]


def tune(scores: np.ndarray, labels: Sequence[set[str]], tuning: Tuning) -> list[Tuned]:
    """Every candidate (scores best first, each one's dimensions) in its tuned order."""
    count = len(scores)
    if count == 0:
        return []
    values = np.asarray(scores, dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    relevance = (values - low) / (high - low) if high > low else np.zeros(count)
    # Named as the candidates spell them ("science fiction" asked is "Science Fiction" said).
    spelled = {name_key(name): name for these in labels for name in these}
    keys = _keys(labels)
    more, less = ({name_key(n): (spelled.get(name_key(n), n), carriers(labels, n, keys))
                   for n in asked} for asked in (tuning.more, tuning.less))
    pull = (np.sum([carried for _, carried in more.values()], axis=0, initial=0, dtype=np.float64)
            - np.sum([carried for _, carried in less.values()], axis=0, initial=0,
                     dtype=np.float64))
    pull = np.broadcast_to(pull, (count,))
    values = relevance + PULL * pull
    order = np.argsort(-values, kind="stable")
    # What moved each: what it carries of "more" and of "less" (where they do not cancel
    # out); one that rose only because others sank, what it lacks of "less".
    return [Tuned(int(i), tuple(([f"more {name}" for name, carried in more.values() if carried[i]]
                                 + [f"less {name}" for name, carried in less.values()
                                    if carried[i]])
                                if pull[i] else
                                [f"no {name}" for name, _ in less.values()] if rank < i else []),
                  float(values[i]))
            for rank, i in enumerate(order)]
