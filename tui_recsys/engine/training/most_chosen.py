"""Which movies a model spends its size on: a dense items x items inverse (EASE) or a softmax
over movies (the ranking network) costs the square or the product of their count, and a movie
one person chose teaches either next to nothing."""

from __future__ import annotations

import numpy as np


def most_chosen(choosers: np.ndarray, least: int, most: int) -> np.ndarray:
    """Sorted positions of the `most` most chosen movies among those at least `least` people
    chose; `choosers` counts each movie's."""
    eligible = np.flatnonzero(choosers >= least)
    order = np.argsort(-choosers[eligible], kind="stable")[:most]
    return np.sort(eligible[order])


def places(chosen: np.ndarray, movies: int) -> np.ndarray:
    """Each of `movies` positions' place among the sorted `chosen` ones, or -1: where a movie
    sits in the smaller matrix (EASE's inverse, the network's softmax) that covers only them."""
    place = np.full(movies, -1, dtype=np.int64)
    place[chosen] = np.arange(len(chosen))
    return place
