"""The artefact cache: one folder per entry, verified on every read, written atomically.

An entry's name hashes its kind, the data fingerprint, its parameters and a format version, so
changed data or code never reuses a stale model. Entries are built in a temporary folder and
renamed into place, so a crash or two running copies never leave a half-written one, and each
carries a manifest of sha256 sums, so a damaged one is detected and rebuilt rather than trusted.
A file is hashed again only when its inode says it was changed after its sum was taken (its
status-change time, which every write, truncation, `touch` or replacement moves and no
program can set back): re-hashing EASE's weights at each start cost 55 ms at ml-latest-small
and a third of a second at ml-32m's shape, in every command and app start that used them.
Nothing is ever unpickled: entries hold .npz (allow_pickle=False), .json and parquet.

The cache only ever removes what it provably wrote: entry folders named as it names them whose
manifest names them back, and its own staging folders. A cache folder it creates is marked with
the standard CACHEDIR.TAG (so backup tools skip it); a --cache-dir that also holds other files
keeps them, and `clear` says what it left.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tui_recsys.engine.cache.digests import MEMO, ours

MANIFEST = "manifest.json"
TEMP_PREFIX = ".tui-recsys-tmp-"
CACHEDIR_TAG = "CACHEDIR.TAG"
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by tui-recsys.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
ENTRY_NAME = re.compile(r"[a-z][a-z0-9_-]*-[0-9a-f]{16}")
STALE_STAGING_SECONDS = 3600  # a staging folder lives seconds; an hour-old one was abandoned


def _regular(path: Path) -> bool:
    """A regular file, not a link, FIFO or device: the only kind an entry holds."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


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


def _manifest(folder: Path) -> dict[str, object] | None:
    """The entry's manifest if `folder` is an entry this cache wrote: a real folder (never a
    link), named as entries are, whose manifest names it back."""
    if folder.is_symlink() or not ENTRY_NAME.fullmatch(folder.name):
        return None
    if not _regular(folder / MANIFEST):
        return None
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("name") != folder.name:
        return None
    return manifest


def _is_stale_staging(path: Path) -> bool:
    try:
        return (path.name.startswith(TEMP_PREFIX) and path.is_dir() and not path.is_symlink()
                and time.time() - path.stat().st_mtime > STALE_STAGING_SECONDS)
    except OSError:
        return False


def _earlier(formats: object, than: object) -> bool:
    """Whether an entry's format numbers are earlier than `than`'s: none of them later and
    one earlier. An entry written before its manifest carried them is earlier than any."""
    if not isinstance(than, list) or not than:
        return False
    if formats is None:
        return True
    return (isinstance(formats, list) and len(formats) == len(than) and formats != than
            and all(isinstance(old, int) and old <= new
                    for old, new in zip(formats, than, strict=True)))


@dataclass(frozen=True)
class EntryInfo:
    name: str
    kind: str
    bytes: int
    created: float
    meta: dict[str, object]


@dataclass(frozen=True)
class Cleared:
    """What `clear` removed, and the names it left because the cache did not write them."""

    removed: int
    skipped: list[str]
    failed: int = 0  # entries of ours it could not remove (a read-only folder)


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
        """The entry's folder if present and intact; a damaged entry is removed. An `.npz`
        is checked by size here, not hashed: each array in it carries a CRC-32 that numpy's
        read checks (a mismatch raises while the entry loads, and it is rebuilt), and hashing
        the arrays first read them twice (a good part of a warm start at ml-32m's size). Any
        other file is hashed when it was changed since the manifest was written."""
        folder = self.root / name
        if not self.has(name):
            return None
        try:
            manifest = json.loads((folder / MANIFEST).read_text())
            if manifest["name"] != name:
                raise ValueError(f"its manifest names {manifest['name']!r}")
            for file_name, expected in manifest["files"].items():
                path = folder / file_name
                status = path.lstat()
                if not stat.S_ISREG(status.st_mode):  # a FIFO would block its reader for ever
                    raise ValueError(f"{file_name} is not a regular file")
                if status.st_size != expected["bytes"]:
                    raise ValueError(f"{file_name} is not the size it was written")
                if (path.suffix != ".npz" and status.st_ctime_ns != expected.get("changed_ns")
                        and _sha256(path) != expected["sha256"]):
                    raise ValueError(f"{file_name} does not match its checksum")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self.discard(name, f"cache entry {name} was damaged ({exc}); rebuilding it")
            return None
        return folder

    def has(self, name: str) -> bool:
        """Whether an entry is present (not yet verified: `fetch` does that)."""
        folder = self.root / name
        return not folder.is_symlink() and _regular(folder / MANIFEST)

    def holds(self, kind: str) -> bool:
        """Whether an entry of `kind` is present, of any data: where none is, none can serve,
        and the data's fingerprint, which names one, need not be computed (nor remembered
        here, in a folder it would make)."""
        return self.root.is_dir() and any(self.has(folder.name)
                                          for folder in self.root.glob(f"{kind}-*"))

    def discard(self, name: str, reason: str = "") -> None:
        """Remove an entry if present; a non-empty `reason` becomes a warning."""
        if reason:
            self._warn(reason)
        folder = self.root / name
        if folder.exists() or folder.is_symlink():
            self._remove(folder)

    def _remove(self, path: Path) -> None:
        """Move `path` into a staging folder, then delete that: a reader never sees a
        half-deleted entry, and a link is removed as a link, never followed."""
        doomed: Path | None = None
        try:
            doomed = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=self.root))
            path.rename(doomed / "x")
        except OSError:
            if path.is_symlink():
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path, ignore_errors=True)
        finally:
            if doomed is not None:
                shutil.rmtree(doomed, ignore_errors=True)

    def _make_root(self) -> None:
        """Create the cache folder; mark it with CACHEDIR.TAG when it is ours alone (new or
        empty), never a folder the user keeps other things in."""
        self.root.mkdir(parents=True, exist_ok=True)
        tag = self.root / CACHEDIR_TAG
        if not tag.exists() and not any(self.root.iterdir()):
            tag.write_text(TAG_TEXT)

    def write_own(self, name: str, text: str) -> None:
        """A file of the cache's own at its top, replaced whole; silently not written where
        the cache cannot be."""
        if not self._writable:
            return
        staging: str | None = None
        try:
            self._make_root()
            handle, staging = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=self.root)
            with os.fdopen(handle, "w") as out:
                out.write(text)
            os.replace(staging, self.root / name)
        except OSError:
            if staging is not None:
                Path(staging).unlink(missing_ok=True)

    def put(self, name: str, write: Callable[[Path], None], meta: Mapping[str, object], *,
            replace: bool = False) -> Path | None:
        """Write an entry with `write(folder)`, and return its folder; silently skipped (None)
        once the cache is unwritable, or when the write fails.

        An intact entry of the same name is kept (another process wrote the same thing first)
        unless `replace`; anything else in its place (a damaged entry, a folder without its
        manifest, a link) is replaced."""
        if not self._writable:
            return None
        try:
            self._make_root()
            staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=self.root))
        except OSError as exc:
            self._writable = False
            why = ("a file, not a folder" if self.root.is_file()
                   else f"not writable ({exc.strerror or exc})")
            self._warn(f"cache folder {self.root} is {why}; running without a cache: pass "
                       f"--cache-dir or set TUI_RECSYS_CACHE_DIR")
            return None
        target = self.root / name
        try:
            write(staging)
            files = {}
            for path in sorted(staging.iterdir()):
                status = path.lstat()
                files[path.name] = {"sha256": _sha256(path), "bytes": status.st_size,
                                    "changed_ns": status.st_ctime_ns}
            manifest = {"name": name, "created": time.time(), "files": files, "meta": dict(meta)}
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=1))
            if not replace and self.fetch(name) is not None:
                shutil.rmtree(staging, ignore_errors=True)  # another process's, as good
                return target
            if target.exists() or target.is_symlink():
                self._remove(target)
            os.rename(staging, target)
            self._supersede(meta)
            return target
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if self.has(name):
                return target  # another process put the same entry between our check and rename
            self._warn(f"could not write cache entry {target} ({exc.strerror or exc}); it "
                       f"will be built again next time")
            return None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    def _supersede(self, meta: Mapping[str, object]) -> None:
        """Remove the entries of the same kind from the same source that no run of this code
        will ask for again: those built from an earlier content of it (its files changed
        since), and those of an earlier format (an upgrade raised it). Without this the cache
        grew by every model's size (130 MB at ml-latest-small, gigabytes at ml-32m) at each
        refresh of the data and each upgrade. Entries from other sources, with no source in
        their manifest, or of a later format (a newer copy of tui-recsys sharing the cache)
        stay."""
        if not meta.get("source"):
            return
        for entry in self.entries():
            if (entry.kind == meta.get("kind") and entry.meta.get("source") == meta["source"]
                    and (entry.meta.get("data") != meta.get("data")
                         or _earlier(entry.meta.get("formats"), meta.get("formats")))):
                self._remove(self.root / entry.name)

    def entries(self) -> list[EntryInfo]:
        found = []
        if not self.root.is_dir():
            return found
        for folder in sorted(self.root.iterdir()):
            manifest = _manifest(folder)
            if manifest is None:
                continue
            files = manifest.get("files", {})
            size = sum(int(entry.get("bytes", 0)) for entry in files.values()
                       if isinstance(entry, dict)) if isinstance(files, dict) else 0
            meta = manifest.get("meta", {})
            meta = meta if isinstance(meta, dict) else {}
            created = manifest.get("created", 0)
            found.append(EntryInfo(folder.name, str(meta.get("kind", "?")), size,
                                   float(created) if isinstance(created, int | float) else 0.0,
                                   meta))
        return found

    def clear(self) -> Cleared:
        """Remove every entry this cache wrote and its abandoned staging folders; anything
        else in the folder is left where it is and named in the answer."""
        if not self.root.is_dir():
            return Cleared(0, [])
        removed, failed, skipped = 0, 0, []
        for path in sorted(self.root.iterdir()):
            if _manifest(path) is not None:
                self._remove(path)
                gone = not (path.exists() or path.is_symlink())
                removed, failed = removed + gone, failed + (not gone)
            elif _is_stale_staging(path) or (path.name == MEMO and ours(path) is not None):
                self._remove(path)
            elif path.name != CACHEDIR_TAG and not path.name.startswith(TEMP_PREFIX):
                skipped.append(path.name)
        return Cleared(removed, skipped, failed)
