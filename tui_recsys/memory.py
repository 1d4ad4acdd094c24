"""Handing freed memory back to the system after a build.

A build (parsing the raw files, vectorising, grouping ratings) frees most of what it allocated
once it ends, but glibc's allocator keeps those pages in its arenas, so the process's resident
size stays at the build's high-water mark and the next build piles on top of it. Trimming after
each build returns them: 20-40 MB per build on ml-latest-small (docs/performance.md). Where
the C library has no `malloc_trim` (macOS, musl), this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


@functools.cache
def _trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


def release_freed_memory() -> None:
    trim = _trim()
    if trim is not None:
        trim(0)
