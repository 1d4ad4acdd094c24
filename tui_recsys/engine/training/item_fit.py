"""Fitting EASE's item weights (`models.item_weights`) in the training child, beside the two
networks: a sparse Gram matrix of who chose what, and one inverse of it, in closed form.

The Gram matrix is built from the ratings as a sparse product (ml-32m's 32M ratings cost
seconds; a dense users x movies matrix there would be 70 GB), and inverted through its
Cholesky factor, which is a fraction of the work of a general inverse (numpy's took 10 s at
ml-latest-small's 6,300 movies, this 1.5 s).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.linalg
import scipy.sparse

from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.engine.models.item_weights import ItemWeights
from tui_recsys.engine.training.config import ItemParams
from tui_recsys.engine.training.most_chosen import most_chosen, places

DENSE_CELLS = 64_000_000  # users x movies, 256 MB of float32: up to this, `gram` is dense
GRAM_COLUMNS = 2_048  # of the sparse product at a time: its transient CSR stays ~300 MB


def gram(chosen: scipy.sparse.csr_matrix) -> np.ndarray:
    """X^T X for a users x movies matrix, in Fortran order (LAPACK's, so `ease_matrix` copies
    nothing), its upper triangle at least. While X fits densely, one BLAS rank-k update (syrk)
    is the fastest way (0.3 s at ml-latest-small, where the sparse product took 1.2 s);
    beyond that, the sparse product, whose work follows the ratings rather than users x
    movies (ml-32m's X would be 9.6 GB dense), a block of columns at a time: whole, its
    result held 1.2 GB of indices and values before becoming the 576 MB matrix."""
    users, movies = chosen.shape
    if not users * movies:  # BLAS calls an empty product illegal (and says so on stdout)
        return np.zeros((movies, movies), dtype=np.float32, order="F")
    if users * movies <= DENSE_CELLS:
        return scipy.linalg.blas.ssyrk(1.0, chosen.toarray(), trans=1, lower=0)
    product = np.empty((movies, movies), dtype=np.float32, order="F")
    rows, columns = chosen.T.tocsr(), chosen.tocsc()
    for start in range(0, movies, GRAM_COLUMNS):
        end = min(start + GRAM_COLUMNS, movies)
        product[:, start:end] = (rows @ columns[:, start:end]).toarray()
    return product


def ease_matrix(gram: np.ndarray, ridge: float) -> np.ndarray:
    """B = I - P / diag(P), P = (G + ridge I)^-1, its diagonal zero (Steck 2019), in float32:
    with the ridge the matrix is well conditioned (B within 1e-5 of float64's at
    ml-latest-small) and the inverse takes half the time. A float32 Fortran-ordered `gram`
    is overwritten, and only its upper triangle read; any other is read whole, through its
    transpose (it is symmetric). B comes back in C order, as it is cached and served: a
    person's scores read its rows. At ml-32m's size no 576 MB copy is made."""
    if not len(gram):  # LAPACK calls an empty inverse illegal (info -4)
        return np.zeros((0, 0), dtype=np.float32)
    gram = gram.astype(np.float32, copy=False)
    if not gram.flags.f_contiguous:
        gram = gram.T if gram.flags.c_contiguous else np.asfortranarray(gram)
    gram[np.diag_indices_from(gram)] += ridge
    factor, info = scipy.linalg.lapack.spotrf(gram, lower=False, overwrite_a=True, clean=False)
    if info == 0:
        inverse, info = scipy.linalg.lapack.spotri(factor, lower=False, overwrite_c=True)
    if info != 0:
        raise ArithmeticError(f"EASE's Gram matrix could not be inverted (LAPACK info {info})")
    _mirror_upper(inverse)
    weights = inverse.T  # the same symmetric P, now in C order
    weights /= -np.diag(weights).copy()  # each column by its diagonal
    weights[np.diag_indices_from(weights)] = 0.0
    return weights


def _mirror_upper(matrix: np.ndarray, block: int = 1024) -> None:
    """LAPACK leaves the inverse in the upper triangle; copied to the lower a block at a time
    (a whole transposed copy took longer than the inverse)."""
    size = len(matrix)
    for start in range(0, size, block):
        end = min(start + block, size)
        matrix[start:end, :start] = matrix[:start, start:end].T
        square = matrix[start:end, start:end]
        square[...] = np.triu(square) + np.triu(square, 1).T


def fit_item_weights(ratings: pd.DataFrame, movie_ids: np.ndarray, liked_weight: float,
                     params: ItemParams) -> ItemWeights:
    """EASE on `ratings`, over the models' `movie_ids` (sorted): every rating a choice, a
    liked one counting `liked_weight`."""
    _, users = np.unique(ratings["user_id"].to_numpy(), return_inverse=True)
    movies = np.searchsorted(movie_ids, ratings["movie_id"].to_numpy())
    chosen = np.where(ratings["rating"].to_numpy() >= LIKED_RATING, liked_weight, 1.0)
    choosers = np.bincount(movies, minlength=len(movie_ids))
    covered = most_chosen(choosers, params.min_choosers, params.most_chosen)
    column = places(covered, len(movie_ids))
    kept = column[movies] >= 0
    matrix = scipy.sparse.csr_matrix(
        (chosen[kept], (users[kept], column[movies[kept]])),
        shape=(int(users.max(initial=-1)) + 1, len(covered)), dtype=np.float32)
    weights = ease_matrix(gram(matrix), params.ridge)
    bias = (-params.popularity_discount * np.log1p(choosers)).astype(np.float32)
    return ItemWeights(covered, weights, bias, params.scale)
