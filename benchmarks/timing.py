"""Small measuring tools shared by the benchmark tasks."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def seconds(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def latency_ms(action: Callable[[T], object], inputs: Iterable[T]) -> dict[str, float]:
    """p50 and p95 of one call per input, in milliseconds."""
    samples = []
    for value in inputs:
        start = time.perf_counter()
        action(value)
        samples.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": float(np.percentile(samples, 50)),
            "p95_ms": float(np.percentile(samples, 95)), "calls": len(samples)}


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process, and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self_mb": round(own, 1), "children_mb": round(children, 1)}
