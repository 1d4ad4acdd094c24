"""EASE's item weights (Steck 2019), the half of "For this user"'s order that is not the
ranking network: a closed-form linear model in which a movie's score is the sum, over the
movies a person chose, of how strongly each predicts it. On the validation split its order,
with a liked movie counting twice, ranks above the network's, and the two together above
either (docs/quality.md), so the served order is their sum (`blended_ranking`).

The weights are one covered x covered float32 matrix, read through a memory map once cached:
a person's scores need only the rows of the movies they rated, so loading costs nothing and
answering reads a few megabytes, whatever the catalogue's size. Movies it does not cover (too
few choosers, or past the most chosen that fit) score only their popularity discount here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tui_recsys.engine.models.mapped_files import load_mapped, save_mapped

WEIGHTS_FILE, OTHERS_FILE = "items.npy", "items.npz"


@dataclass(frozen=True)
class ItemWeights:
    covered: np.ndarray  # sorted positions, in the models' movie order, of the movies scored
    weights: np.ndarray  # covered x covered, B with a zero diagonal
    bias: np.ndarray  # every movie's: minus the popularity discount
    scale: float  # what EASE's scores are multiplied by to sit beside the network's logits
    # What keeps a mapped matrix's file in place while it is in use (the training folder it
    # was written to, which goes when these weights do), or None.
    keeps: object = field(default=None, compare=False, repr=False)

    def save(self, folder: Path) -> None:
        """A matrix mapped whole from its file is copied as that file, by the kernel: a fresh
        build caches it without reading a byte into this process (100 MB at ml-latest-small,
        576 MB at ml-32m's shape)."""
        save_mapped(self.weights.astype(np.float32, copy=False), folder / WEIGHTS_FILE)
        np.savez(folder / OTHERS_FILE, covered=self.covered, bias=self.bias,
                 scale=np.float64(self.scale))

    @classmethod
    def load(cls, folder: Path, movies: int) -> ItemWeights:
        """The weights memory-mapped; shapes checked against the models' `movies`, so that a
        damaged entry fails here and not as a broadcast error in a query."""
        weights = load_mapped(folder / WEIGHTS_FILE)
        with np.load(folder / OTHERS_FILE, allow_pickle=False) as data:
            if set(data.files) != {"covered", "bias", "scale"}:
                raise ValueError(f"{OTHERS_FILE} holds {sorted(data.files)}")
            covered, bias, scale = data["covered"], data["bias"], float(data["scale"])
        count = len(covered)
        if (covered.ndim != 1 or covered.dtype.kind not in "iu" or bias.shape != (movies,)
                or weights.shape != (count, count) or weights.dtype != np.float32
                or (count and (covered[0] < 0 or covered[-1] >= movies
                               or np.any(np.diff(covered) <= 0)))):
            raise ValueError(f"{WEIGHTS_FILE} and {OTHERS_FILE} do not match the models' "
                             f"{movies} movies")
        return cls(covered, weights, bias, scale)

    def rows(self, positions: np.ndarray) -> np.ndarray:
        """Each movie position's row in the weights, or -1 where it is not covered."""
        positions = np.asarray(positions)
        if not len(self.covered):  # too little data for any movie to be covered
            return np.full(positions.shape, -1, dtype=np.intp)
        found = np.minimum(np.searchsorted(self.covered, positions), len(self.covered) - 1)
        return np.where(self.covered[found] == positions, found, -1)

    def scores(self, positions: np.ndarray, chosen: np.ndarray) -> np.ndarray:
        """Every movie's score, in the network's units, for someone who chose the movies at
        `positions` with weights `chosen`."""
        rows = self.rows(positions)
        known = rows >= 0
        scores = self.bias.astype(np.float32)
        scores[self.covered] += _weighted_rows(self.weights, rows[known], chosen[known])
        return self.scale * scores

    def score_all(self, chosen: np.ndarray) -> np.ndarray:
        """`scores` for many people at once; `chosen` is people x movies (0 where unrated)."""
        scores = np.broadcast_to(self.bias.astype(np.float32), chosen.shape).copy()
        scores[:, self.covered] += (chosen[:, self.covered].astype(np.float32)
                                    @ self.weights)
        return self.scale * scores

    def contributions(self, positions: np.ndarray, chosen: np.ndarray,
                      picks: np.ndarray) -> np.ndarray:
        """How much each chosen movie adds to each pick's score, chosen x picks: exactly, as
        the model is linear."""
        rows, columns = self.rows(positions), self.rows(picks)
        added = np.zeros((len(positions), len(picks)), dtype=np.float32)
        known, scored = np.flatnonzero(rows >= 0), np.flatnonzero(columns >= 0)
        # Only the picks' columns of the chosen rows are read (a heavy rater's whole rows were
        # 50 MB at ml-latest-small).
        block = self.weights[rows[known][:, None], columns[scored]]
        added[np.ix_(known, scored)] = chosen[known, None] * block
        return self.scale * added


PART_BYTES = 1 << 20  # of the weights, copied out of the map at a time


def _weighted_rows(weights: np.ndarray, rows: np.ndarray, by: np.ndarray) -> np.ndarray:
    """The sum of `weights[rows]`, each row times `by`, a part at a time: a person who rated
    2,700 movies would otherwise copy 54 MB of rows out of the map before multiplying. A part
    of a megabyte stays in the processor's cache between the copy and the product, where one
    of 5 MB did not: the heaviest rater's sum took 3.5 ms rather than 5.6."""
    total = np.zeros(weights.shape[1], dtype=np.float32)
    at_once = max(1, PART_BYTES // max(1, weights.shape[1] * weights.itemsize))
    for start in range(0, len(rows), at_once):
        part = slice(start, start + at_once)
        total += by[part].astype(np.float32) @ weights[rows[part]]
    return total
