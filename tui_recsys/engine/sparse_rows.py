"""A compressed sparse row matrix as three plain numpy arrays.

A cached content model answers with these instead of scipy.sparse, because importing
scipy.sparse costs about 90 ms (its array-API shim pulls in numpy.f2py and numpy.testing), and
a warm start should not pay for it: a query is only a gather and a bincount.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np


class CsrLike(Protocol):
    """What is read from a scipy CSR matrix, so this module never imports scipy."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]


@dataclass(frozen=True)
class SparseRows:
    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    n_columns: int

    @classmethod
    def from_csr(cls, matrix: CsrLike) -> SparseRows:
        return cls(matrix.data, matrix.indices, matrix.indptr, int(matrix.shape[1]))

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.indptr) - 1, self.n_columns

    @property
    def nbytes(self) -> int:
        return self.data.nbytes + self.indices.nbytes + self.indptr.nbytes

    def row(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """The column positions and values stored in one row."""
        start, end = self.indptr[row], self.indptr[row + 1]
        return self.indices[start:end], self.data[start:end]

    def transpose(self) -> SparseRows:
        """The same matrix stored by column (CSR of the transpose), in one stable sort."""
        n_rows = self.shape[0]
        rows = np.repeat(np.arange(n_rows, dtype=self.indices.dtype), np.diff(self.indptr))
        order = np.argsort(self.indices, kind="stable")
        indptr = np.zeros(self.n_columns + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.indices, minlength=self.n_columns), out=indptr[1:])
        return SparseRows(self.data[order], rows[order], indptr, n_rows)

    def weighted_sum(self, rows: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """sum(weights[i] * self[rows[i]]) as a dense vector, touching only those rows."""
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        lengths = ends - starts
        before = np.cumsum(lengths) - lengths
        positions = np.arange(lengths.sum()) + np.repeat(starts - before, lengths)
        return np.bincount(self.indices[positions],
                           weights=self.data[positions] * np.repeat(weights, lengths),
                           minlength=self.n_columns)

    def save(self, path: Path) -> None:
        np.savez(path, data=self.data, indices=self.indices, indptr=self.indptr,
                 n_columns=np.int64(self.n_columns))

    @classmethod
    def load(cls, path: Path) -> SparseRows:
        with np.load(path, allow_pickle=False) as arrays:
            matrix = cls(arrays["data"], arrays["indices"], arrays["indptr"],
                         int(arrays["n_columns"]))
        if (matrix.indptr[0] != 0 or matrix.indptr[-1] != len(matrix.data)
                or len(matrix.indices) != len(matrix.data)
                or (len(matrix.indices) and not 0 <= matrix.indices.min()
                    <= matrix.indices.max() < matrix.n_columns)):
            raise ValueError(f"{path.name} is not a consistent sparse matrix")
        return matrix
