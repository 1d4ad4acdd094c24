"""The k best of a model's scores, ties as the tutorial's stable sort keeps them, and the
threading a served model's products run with."""

from __future__ import annotations

import numpy as np

TIE_TOLERANCE = 1e-9


class _Blas:
    limited = False


def serve_on_one_blas_thread() -> None:
    """Queries' small products run on one BLAS thread, for the rest of the process. Fanned
    out over threads that contend with anything else running (a build, another program), a
    product of microseconds waits milliseconds for them. Set once, not around each query:
    switching back and forth leaves OpenBLAS's idle threads spinning, which is as bad (the
    README's benchmark measures both under load). Called where a model starts to serve; a
    process that fits big matrices (evaluate's EASE) never loads one."""
    if not _Blas.limited:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
        _Blas.limited = True


def top_k(scores: np.ndarray, k: int, exclude: np.ndarray | None = None) -> np.ndarray:
    """Positions of the k best scores, best first, ties in row order, with a partial sort.

    Scores are compared at 12 decimals so that mathematically equal similarities tie exactly,
    as the tutorial's stable sort treats them; only the few candidates near the k-th best are
    rounded, so the cost stays one partition of the scores. The partition runs on the negated
    scores: numpy's selection slows down tenfold and more when a long run of equal values lies
    below the k-th best (docs/performance.md), and here such runs (similarity 0, -inf for
    excluded rows) always do.
    """
    scores = np.asarray(scores, dtype=np.float64)
    if exclude is not None and len(exclude):
        scores = scores.copy()
        scores[exclude] = -np.inf
    k = min(k, len(scores))
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    negated = np.negative(scores)  # a fresh copy, partitioned in place
    negated.partition(k - 1)
    kth = -negated[k - 1]
    candidates = np.flatnonzero(scores >= kth - TIE_TOLERANCE)
    candidates = candidates[np.isfinite(scores[candidates])]
    rounded = np.round(scores[candidates], 12)
    return candidates[np.lexsort((candidates, -rounded))][:k]
