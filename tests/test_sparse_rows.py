import numpy as np
import pytest
import scipy.sparse as sp

from tui_recsys.engine.sparse_rows import SparseRows


@pytest.fixture
def dense() -> np.ndarray:
    rng = np.random.default_rng(3)
    values = rng.random((7, 11))
    values[values < 0.7] = 0.0
    values[4] = 0.0  # an empty row
    return values


def test_rows_transpose_and_weighted_sums_match_dense(dense):
    matrix = SparseRows.from_csr(sp.csr_matrix(dense))
    assert matrix.shape == dense.shape
    columns, values = matrix.row(2)
    assert np.array_equal(dense[2, columns], values)
    assert np.count_nonzero(dense[2]) == len(columns)
    by_column = matrix.transpose()
    assert by_column.shape == (11, 7)
    assert np.allclose(sp.csr_matrix((by_column.data, by_column.indices, by_column.indptr),
                                     shape=by_column.shape).toarray(), dense.T)
    for row in range(dense.shape[0]):
        terms, weights = matrix.row(row)
        assert np.allclose(by_column.weighted_sum(terms, weights), dense @ dense[row])
    assert np.array_equal(by_column.weighted_sum(np.array([], dtype=int), np.array([])),
                          np.zeros(7))


def test_save_load_round_trip_and_damage(dense, tmp_path):
    matrix = SparseRows.from_csr(sp.csr_matrix(dense))
    matrix.save(tmp_path / "m.npz")
    loaded = SparseRows.load(tmp_path / "m.npz")
    assert loaded.n_columns == 11
    for name in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(loaded, name), getattr(matrix, name))
    SparseRows(matrix.data, matrix.indices + 20, matrix.indptr, 11).save(tmp_path / "bad.npz")
    with pytest.raises(ValueError, match=r"bad\.npz is not a consistent sparse matrix"):
        SparseRows.load(tmp_path / "bad.npz")
