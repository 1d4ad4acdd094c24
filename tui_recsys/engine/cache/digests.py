"""The data files' content digests, remembered in the cache folder by what each file's status
said when it was hashed.

A data folder copied without its times (`cp -r`, a zip unpacked again, a fresh checkout) has
the same content and new modification times: keyed by size and time alone, every model was
built again (twenty minutes at ml-32m's shape) from data that had not changed. Keyed by
content, a file is hashed once after its status changes (under a second for ml-32m's 900 MB of
ratings) and never at a start where nothing moved. The status includes the inode's
status-change time, which no program can set back, so a file edited and given its old
modification time is hashed again too.

The memo is one JSON file of ours at the top of the cache folder. Where one of that name is not
ours, or the folder cannot be written, nothing is remembered and each start hashes.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

MEMO = ".tui-recsys-digests.json"
MARK = "tui-recsys content digests"


def _status_key(status: os.stat_result) -> str:
    return (f"{status.st_dev}:{status.st_ino}:{status.st_size}:{status.st_mtime_ns}:"
            f"{status.st_ctime_ns}")


class FileDigests:
    """Digests by a file's resolved path and status, in the memo at the top of the cache
    folder `root`; `write(name, text)` replaces a file of the cache's own there (the Store's
    `write_own`, which marks a new cache folder as one first)."""

    def __init__(self, root: Path, write: Callable[[str, str], None]) -> None:
        self.memo = root / MEMO
        self._write = write
        self._known: dict[str, dict[str, str]] | None = None

    def _read(self) -> dict[str, dict[str, str]]:
        if self._known is None:
            self._known = {}
            memo = ours(self.memo)
            if memo is not None:
                files = memo.get("files")
                if isinstance(files, dict):
                    self._known = {path: entry for path, entry in files.items()
                                   if isinstance(entry, dict)}
        return self._known

    def recalled(self, path: Path, status: os.stat_result) -> str | None:
        entry = self._read().get(str(path.resolve()))
        if entry is None or entry.get("status") != _status_key(status):
            return None
        digest = entry.get("digest")
        return digest if isinstance(digest, str) else None

    def remember(self, hashed: dict[Path, tuple[os.stat_result, str]]) -> None:
        """Kept for the next start, in one write (with the other files' that are still
        there); silently not where the memo cannot be written or its name is taken by
        anything not ours."""
        known = self._read()
        for path, (status, digest) in hashed.items():
            known[str(path.resolve())] = {"status": _status_key(status), "digest": digest}
        if os.path.lexists(self.memo) and ours(self.memo) is None:
            return
        kept = {name: entry for name, entry in known.items() if os.path.exists(name)}
        self._write(MEMO, json.dumps({"format": MARK, "files": kept}))


def ours(memo: Path) -> dict[str, object] | None:
    """The memo's content if `memo` is a regular file this cache wrote, else None."""
    try:
        if not stat.S_ISREG(memo.lstat().st_mode):
            return None
        content = json.loads(memo.read_text())
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) and content.get("format") == MARK else None
