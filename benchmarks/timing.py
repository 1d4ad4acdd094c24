"""Small measuring tools shared by the benchmark tasks."""

from __future__ import annotations

import contextlib
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
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


@contextlib.contextmanager
def busy(processes: int = 2, seconds: float = 120.0) -> Iterator[None]:
    """Other programs keeping every core busy meanwhile (each stops by itself after
    `seconds` at the latest, and is stopped when the block ends)."""
    spin = f"import time\nend = time.time() + {seconds}\nwhile time.time() < end: pass\n"
    spinners = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(processes)]
    try:
        time.sleep(0.2)  # let them start
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process, and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self_mb": round(own, 1), "children_mb": round(children, 1)}
