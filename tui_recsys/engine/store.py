"""The artefact cache: one folder per entry, verified on every read, written atomically.

An entry's name hashes its kind, the data fingerprint, its parameters and a format version, so
changed data or code never reuses a stale model. Entries are built in a temporary folder and
renamed into place, so a crash or two running copies never leave a half-written one, and each
carries a manifest of sha256 sums, so a damaged one is detected and rebuilt rather than trusted.
Nothing is ever unpickled: entries hold .npz (allow_pickle=False), .json and parquet.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"
TEMP_PREFIX = ".tmp-"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def entry_name(kind: str, fingerprint: str, params: Mapping[str, object], version: int) -> str:
    payload = json.dumps({"kind": kind, "data": fingerprint, "params": params, "v": version},
                         sort_keys=True)
    return f"{kind}-{hashlib.sha256(payload.encode()).hexdigest()[:16]}"


@dataclass(frozen=True)
class EntryInfo:
    name: str
    kind: str
    bytes: int
    created: float
    meta: dict[str, object]


class Store:
    """A cache folder. If it cannot be written, everything still works, uncached, with a
    warning in `warnings` for the caller to show."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.warnings: list[str] = []
        self._writable = True

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def fetch(self, name: str) -> Path | None:
        """The entry's folder if present and intact; a damaged entry is removed."""
        folder = self.root / name
        manifest_path = folder / MANIFEST
        if not manifest_path.is_file():
            return None
        try:
            manifest = json.loads(manifest_path.read_text())
            for file_name, expected in manifest["files"].items():
                if _sha256(folder / file_name) != expected["sha256"]:
                    raise ValueError(f"{file_name} does not match its checksum")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self.discard(name, f"cache entry {name} was damaged ({exc}); rebuilding it")
            return None
        return folder

    def has(self, name: str) -> bool:
        """Whether an entry is present (not yet verified: `fetch` does that)."""
        return (self.root / name / MANIFEST).is_file()

    def discard(self, name: str, reason: str = "") -> None:
        """Remove an entry if present; a non-empty `reason` becomes a warning."""
        if reason:
            self._warn(reason)
        if (self.root / name).exists():
            self._remove(self.root / name)

    def _remove(self, folder: Path) -> None:
        # Rename first so a reader never sees a half-deleted entry.
        try:
            doomed = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=self.root)) / "x"
            folder.rename(doomed)
            shutil.rmtree(doomed.parent, ignore_errors=True)
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)

    def put(self, name: str, write: Callable[[Path], None], meta: Mapping[str, object]) -> None:
        """Write an entry with `write(folder)`; silently skipped once the cache is unwritable."""
        if not self._writable:
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=self.root))
        except OSError as exc:
            self._writable = False
            self._warn(f"cache folder {self.root} is not writable ({exc.strerror}); running "
                       f"without a cache: pass --cache-dir or set TUI_RECSYS_CACHE_DIR")
            return
        try:
            write(staging)
            files = {
                path.name: {"sha256": _sha256(path), "bytes": path.stat().st_size}
                for path in sorted(staging.iterdir())
            }
            manifest = {"name": name, "created": time.time(), "files": files, "meta": dict(meta)}
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1))
            target = self.root / name
            if target.exists():
                self.fetch(name)  # removes a damaged entry so that ours can take its place
            try:
                os.rename(staging, target)
            except OSError:
                # Another process put the same entry first; theirs is as good as ours.
                shutil.rmtree(staging, ignore_errors=True)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            self._warn(f"could not write cache entry {name} ({exc.strerror or exc}); it will be "
                       f"built again next time")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    def entries(self) -> list[EntryInfo]:
        found = []
        if not self.root.is_dir():
            return found
        for folder in sorted(self.root.iterdir()):
            manifest_path = folder / MANIFEST
            if folder.name.startswith(TEMP_PREFIX) or not manifest_path.is_file():
                continue
            try:
                manifest = json.loads(manifest_path.read_text())
            except (OSError, ValueError):
                continue
            size = sum(int(entry["bytes"]) for entry in manifest.get("files", {}).values())
            meta = manifest.get("meta", {})
            found.append(EntryInfo(folder.name, str(meta.get("kind", "?")), size,
                                   float(manifest.get("created", 0)), meta))
        return found

    def clear(self) -> int:
        """Remove every entry (and stale temporary folders); returns how many entries went."""
        if not self.root.is_dir():
            return 0
        removed = 0
        for folder in list(self.root.iterdir()):
            if not folder.is_dir():
                continue
            if (folder / MANIFEST).is_file():
                removed += 1
            with contextlib.suppress(OSError):
                self._remove(folder)
        return removed
