"""Each built thing once per process: from memory, else its cache entry, else built and cached
by whichever thread asks first, while the others wait for that one build and serve it.

A fresh build is served as its entry reads back, as a warm start serves it (memory-mapped
where the model maps its arrays), and the built value goes first, so the two are never in
memory together: that was a cold build's peak.
"""

from __future__ import annotations

import contextlib
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from tui_recsys.engine.build_context import ProgressFn
from tui_recsys.engine.cache.store import Store
from tui_recsys.memory import release_freed_memory
from tui_recsys.text import shorten

T = TypeVar("T")
LOAD_FAILURES = (OSError, ValueError, KeyError, TypeError, IndexError, zipfile.BadZipFile)
"""What a damaged or foreign cache entry raises while it loads (BadZipFile: an array whose
CRC-32 does not match): it is rebuilt, never trusted."""


@dataclass(frozen=True)
class Artefact(Generic[T]):
    """One built thing: its entry's name, how to build it, and (when cached) load and save.
    `formats` are the format numbers its entry's name was made from (the catalogue's, its
    own): an entry of the same kind from lower ones is one no run of this code asks for."""

    name: str
    build: Callable[[], T]
    load: Callable[[Path], T] | None = None
    save: Callable[[T, Path], None] | None = None
    formats: tuple[int, ...] = ()
    # Told when another thread is building it already, before this one waits for that build;
    # then told that build's progress (`relayed`) until the wait is over.
    waiting: Callable[[], None] | None = None
    follow: ProgressFn | None = None


class Artefacts:
    """What has been built or loaded in this process, over the `store`; `data` names the
    data every entry was built from and `source` where it came from, in its manifest."""

    def __init__(self, store: Store, data: Callable[[], str], source: Callable[[], str]) -> None:
        self.store, self._data, self._source = store, data, source
        self._memory: dict[str, object] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._followers: dict[str, list[ProgressFn]] = {}  # waiting, by the name built
        self._guard = threading.Lock()

    def has(self, name: str) -> bool:
        """Whether the artefact named so serves without a build."""
        return name in self._memory or self.store.has(name)

    def built(self, artefact: Artefact[T]) -> T:
        value = self.get(artefact, build=True)
        assert value is not None  # built when not found
        return value

    def get(self, artefact: Artefact[T], *, build: bool = True) -> T | None:
        """The artefact from memory, the cache, or built and cached; None only where `build`
        is False and it would have had to be built."""
        name = artefact.name
        with self._holding(artefact):
            if name in self._memory:
                return self._memory[name]  # type: ignore[return-value]
            value: T | None = None
            folder = self.store.fetch(name) if artefact.load is not None else None
            if folder is not None and artefact.load is not None:
                try:
                    value = artefact.load(folder)
                except LOAD_FAILURES as exc:
                    self.store.discard(name, f"cache entry {name} is unreadable "
                                             f"({shorten(str(exc), 160)}); rebuilding it")
            if value is None:
                if not build:
                    return None
                value = self._build_and_serve(artefact)
                release_freed_memory()  # what the build held, now that the entry serves
            self._memory[name] = value
            return value

    def replace(self, artefact: Artefact[T], value: T) -> None:
        """`value` in place of what the artefact was, in memory and in the cache (a rebuild
        that finished), served as its entry reads back."""
        with self._lock(artefact.name):
            folder = self._put(artefact, value, replace=True)
            self._memory[artefact.name] = (value if folder is None else
                                           self._read_back(artefact, folder, lambda: value))

    def forget(self, name: str) -> None:
        """Computed again when next asked (what it was derived from was rebuilt)."""
        self._memory.pop(name, None)

    def _lock(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())

    def relayed(self, name: str, progress: ProgressFn) -> ProgressFn:
        """`progress` for the build of `name`, also told to the threads waiting for it: the
        quick start waiting for the first training For you started sees its epochs, not a
        still line for twenty minutes at ml-32m's shape."""

        def told(message: str, fraction: float | None) -> None:
            progress(message, fraction)
            with self._guard:
                followers = list(self._followers.get(name, ()))
            for follower in followers:
                with contextlib.suppress(Exception):  # a follower's failure is not the build's
                    follower(message, fraction)

        return told

    @contextmanager
    def _holding(self, artefact: Artefact[T]) -> Iterator[None]:
        """The artefact's lock. When another thread holds it (a build of the same model,
        which this one then serves instead of building it twice), `waiting` is told, and
        `follow` that build's progress while this one waits."""
        lock = self._lock(artefact.name)
        if not lock.acquire(blocking=False):
            if artefact.waiting is not None:
                artefact.waiting()
            with self._following(artefact.name, artefact.follow):
                lock.acquire()
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _following(self, name: str, follow: ProgressFn | None) -> Iterator[None]:
        """`follow` told the progress of `name`'s build (`relayed`) meanwhile."""
        if follow is None:
            yield
            return
        with self._guard:
            self._followers.setdefault(name, []).append(follow)
        try:
            yield
        finally:
            with self._guard:
                followers = self._followers[name]
                followers.remove(follow)
                if not followers:
                    del self._followers[name]

    def _build_and_serve(self, artefact: Artefact[T]) -> T:
        """Build and cache `artefact`, and serve it as its entry reads back. Where a fresh
        entry does not read back, it is built again and served as built."""
        built = artefact.build()
        release_freed_memory()  # the build's intermediates, before the next build
        folder = self._put(artefact, built)
        if folder is None:
            return built
        del built
        release_freed_memory()
        return self._read_back(artefact, folder, otherwise=artefact.build)

    def _put(self, artefact: Artefact[T], value: T, *, replace: bool = False) -> Path | None:
        """Cache `value`; the entry's folder to read it back from, None where the cache is
        unwritable or the artefact is not cached."""
        if artefact.save is None or artefact.load is None:
            return None
        save = artefact.save
        return self.store.put(
            artefact.name, lambda target: save(value, target),
            {"kind": artefact.name.rsplit("-", 1)[0], "data": self._data(),
             "source": self._source(), "formats": list(artefact.formats)}, replace=replace)

    @staticmethod
    def _read_back(artefact: Artefact[T], folder: Path, otherwise: Callable[[], T]) -> T:
        """The artefact as its fresh entry reads back, else `otherwise()`."""
        assert artefact.load is not None  # `_put` gives a folder only then
        try:
            return artefact.load(folder)
        except LOAD_FAILURES:
            return otherwise()
