"""Matrices kept in .npy files of their own and read through a memory map (EASE's weights, the
ranking network's two matrices): loading one costs nothing, a query reads only the rows it
needs, and a fresh build caches a matrix still mapped from the training child's file by
copying that file, without reading a byte of it into the serving process (EASE's weights are
576 MB at ml-32m's shape, the network's matrices 70 MB each)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np


def save_mapped(matrix: np.ndarray, path: Path) -> None:
    """`matrix` as the .npy file `path`: a copy of the file it maps whole, else written."""
    whole = _whole_file(matrix)
    if whole is not None:
        shutil.copyfile(whole, path)
    else:
        np.save(path, np.ascontiguousarray(matrix))


def load_mapped(path: Path) -> np.ndarray:
    """The .npy file `path`, memory-mapped (never unpickled)."""
    return np.load(path, mmap_mode="r", allow_pickle=False)


def _whole_file(matrix: np.ndarray) -> Path | None:
    """The .npy file `matrix` maps whole (not a view of part of it), or None."""
    if not isinstance(matrix, np.memmap) or matrix.filename is None:
        return None
    path = Path(matrix.filename)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    whole = matrix.flags.c_contiguous and matrix.offset + matrix.nbytes == size
    return path if whole else None
