"""The discovery setting: a list re-ranked from "obvious" (0, the model's order) to
"adventurous" (1), by maximal marginal relevance (Carbonell and Goldstein 1998) with a
popularity penalty. Each step takes the candidate with the best

    (1 - d) * relevance + d * (a * novelty - b * similarity to the picks already taken)

where relevance is the model's score and novelty the pick's self-information (-log2 of the
share of people who rated it), both scaled to 0-1 over the candidates, similarity the cosine
of genre vectors, and a and b the `Mix`. The same arrays serve the Engine (a list's
candidates) and `evaluate` (every user's, in the holdout's positions), so both mean one thing
by a setting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tui_recsys.engine.metrics import unit_rows

LEVELS = (0.0, 0.25, 0.5, 0.75, 1.0)  # what the app's key steps through
DEPTH = 5  # candidates drawn per pick to re-rank, at any setting above 0


@dataclass(frozen=True)
class Mix:
    """What a setting weighs against relevance: how much novelty counts, and how much
    similarity to the picks already taken costs. Chosen on the validation split
    (`benchmarks.discovery`, docs/quality.md): at 0.5, half the novelty and twice the
    similarity of an even mix cost a fifth of nDCG@10 for a fifth more diversity and a
    seventh more novelty, the best ratio of the mixes tried (the even one: a third of nDCG
    for +15 % and +32 %); none reached the issue's quarter of both for a tenth."""

    novelty: float = 0.5
    similarity: float = 2.0


MIX = Mix()


@dataclass(frozen=True)
class Pick:
    """A candidate's place, and what it brought when taken: less known than the list's
    average, or genres no pick before it had."""

    position: int
    less_known: bool
    new_genres: tuple[int, ...]


def _scaled(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    return (values - low) / (high - low) if high > low else np.zeros(len(values))


def rerank(scores: np.ndarray, genres: np.ndarray, shares: np.ndarray, k: int,
           level: float, mix: Mix = MIX) -> list[Pick]:
    """The order of `k` of the candidates (scores best first, genres 0/1 a row each, shares
    of people who rated each, 0-1) at discovery `level` (0-1)."""
    count = len(scores)
    if count == 0 or k <= 0:
        return []
    relevance = _scaled(np.asarray(scores, dtype=np.float64))
    information = -np.log2(np.clip(np.asarray(shares, dtype=np.float64), 1e-9, 1.0))
    novelty = _scaled(information)
    unit = unit_rows(genres)
    closest = np.zeros(count)  # each candidate's similarity to the nearest pick so far
    taken = np.zeros(count, dtype=bool)
    seen_genres = np.zeros(genres.shape[1], dtype=bool)
    average = float(information.mean())
    picks = []
    for _ in range(min(k, count)):
        value = (1 - level) * relevance + level * (mix.novelty * novelty
                                                   - mix.similarity * closest)
        value[taken] = -np.inf
        best = int(np.argmax(value))  # ties: the model's order
        taken[best] = True
        held = genres[best] > 0
        picks.append(Pick(best, bool(information[best] > average),
                          tuple(int(g) for g in np.flatnonzero(held & ~seen_genres))))
        seen_genres |= held
        closest = np.maximum(closest, unit @ unit[best])
    return picks
