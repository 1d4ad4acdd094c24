"""How near a film's year is to the years of what a person watched: a signal of "For you".

A handful of ratings says little of a person's genres, but their films' years say which
decades they watch: on the validation split's cold start (docs/quality.md) it was worth about
a twentieth of nDCG from 3 to 10 ratings.
"""

from __future__ import annotations

import numpy as np


class Eras:
    """The movies' years, read once; `closeness` per person."""

    def __init__(self, years: np.ndarray) -> None:
        """`years`: each movie's, NaN where unknown (such a movie is near no one's years)."""
        self.years = np.asarray(years, dtype=np.float64)
        # The distinct years (about a hundred and thirty), so that a person's closeness is
        # computed per year, not per movie and film watched (11,000 x 2,700 for a long profile).
        self._distinct, self._of = np.unique(self.years, return_inverse=True)

    def closeness(self, watched: np.ndarray, spread: float) -> np.ndarray:
        """For each movie, the mean over the `watched` positions of exp(-years apart /
        spread): 1 for a film of the very year of all of them, 1/e for one `spread` years from
        all of them, 0 where a year is unknown."""
        theirs = self.years[watched]
        values, counts = np.unique(theirs[~np.isnan(theirs)], return_counts=True)
        if not len(values):
            return np.zeros(len(self.years))
        apart = np.abs(self._distinct[:, None] - values[None, :])
        near = np.exp(-apart / spread) @ counts / counts.sum()
        return np.nan_to_num(near, nan=0.0)[self._of]

    def decade(self, position: int) -> str:
        """"the 1990s", or "" where the year is unknown."""
        year = self.years[position]
        return "" if np.isnan(year) else f"the {int(year) // 10 * 10}s"
