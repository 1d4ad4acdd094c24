"""The files a person keeps with us (the profile, and what is exported from it): read and
changed only as regular files, under a lock, read-change-replace.

- A lock beside the file (`.NAME.lock`, ours), held across a whole read-change-write: two
  commands at once, or the app and a command, never lose a change, as each reads what the
  other wrote before it changes anything.
- Only a regular file is read or replaced. A FIFO opened to read would hang, and replacing a
  device (`/dev/null`, as root) would replace the system's; either is one line instead.
- A link is followed: the file it points to is replaced, beside itself, so a dotfiles link
  stays a link. A read-only file is refused, never overwritten; a replaced file keeps its mode.
- A replacement is written whole to a temporary file beside the target and renamed over it,
  so a crash, a full disk or a file-size limit leaves the file as it was. A writer killed
  midway leaves its temporary file, which the next save there sweeps once its writer is gone.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import fcntl
import itertools
import os
import re
import shlex
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Generic, TypeVar

from tui_recsys.errors import DataError, NotOurs
from tui_recsys.processes import alive

MAX_BYTES = 64 * 1024 * 1024  # far more than any profile or export: a bound, not a limit
T = TypeVar("T")
_STAGING = re.compile(r"^\.tui-recsys-(\d+)-[A-Za-z0-9_]+\.tmp$")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _failed(path: Path, exc: OSError, doing: str, fix: str) -> DataError:
    return DataError(f"{path}: cannot {doing} ({exc.strerror or exc}); {fix}")


def target(path: Path) -> Path:
    """The file a path means: a link's target, followed to the end."""
    return Path(os.path.realpath(path))


def regular(path: Path, what: str) -> os.stat_result | None:
    """The file's status when it is a regular file, None when there is none; anything else
    (a folder, a FIFO, a device) is refused, naming it."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _failed(path, exc, "be read", "choose another file") from None
    if not stat.S_ISREG(status.st_mode):
        raise DataError(f"{path} is {_kind(status.st_mode)}, not a file; pass a file as {what}")
    return status


def read_text(path: Path, what: str) -> str | None:
    """A regular file's text, in the encoding it was written in (`_decoded`), None when there
    is none. Opened without waiting, so a FIFO put in its place is refused instead of
    hanging."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _failed(path, exc, "be read", "fix its permissions or choose another file") \
            from None
    status = os.fstat(handle)
    if not stat.S_ISREG(status.st_mode):
        os.close(handle)
        raise DataError(f"{path} is {_kind(status.st_mode)}, not a file; pass a file as {what}")
    with os.fdopen(handle, "rb") as file:
        if status.st_size > MAX_BYTES:
            raise DataError(f"{path} is {status.st_size:,} bytes, more than {what} could "
                            f"be; choose another file")
        try:
            data = file.read(MAX_BYTES + 1)
        except OSError as exc:
            raise _failed(path, exc, "be read", "choose another file") from None
    return _text(data, str(path))


STDIN = "-"  # a file named so is what is piped in: `... | tui-recsys import -`


def read_piped(stream: BinaryIO, what: str) -> str:
    """The text piped in on `stream` (stdin), decoded as a file is (`read_text`)."""
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DataError(f"stdin cannot be read ({exc.strerror or exc}); pass {what} as a "
                        f"file") from None
    if len(data) > MAX_BYTES:
        raise DataError(f"stdin holds more than {what} could be; pass a file")
    return _text(data, "stdin")


def _text(data: bytes, where: str) -> str:
    decoded = _decoded(data)
    if decoded is None:
        raise DataError(f"{where} cannot be read as UTF-8 text; save it as UTF-8, or choose "
                        f"another file")
    return decoded[0]


def _decoded(data: bytes) -> tuple[str, str] | None:
    """A file's text and the encoding it was in: UTF-16 where its byte-order mark says so
    (Excel's "Unicode Text"), else UTF-8 (its mark dropped), else the Windows-1252 Excel's
    plain "CSV" is written in on Windows; None when it is not text at all."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(codecs.BOM_UTF8)
                                          else "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if "\0" in text else (text, "cp1252")


@contextlib.contextmanager
def locked(path: Path, what: str) -> Iterator[None]:
    """Hold the file's lock (waiting for whoever holds it) for a whole read-change-write."""
    real = target(path)
    lock = real.parent / f".{real.name}.lock"[:255]  # a name's limit: a long one shares
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise _failed(real.parent, exc, f"hold the lock of {what} there",
                      "make the folder writable or choose another file") from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise DataError(f"{lock} is not a lock file of ours; move it away")
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def sweep(folder: Path) -> None:
    """Remove our temporary files there whose writer is gone (killed mid-save)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            found = _STAGING.match(entry.name)
            if found and entry.is_file(follow_symlinks=False) and not alive(int(found[1])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def replace_text(path: Path, text: str, what: str, *, keep_encoding: bool = False) -> None:
    """Replace the file (a link's target) whole and atomically with `text`, keeping its mode
    and, with `keep_encoding` (a file of yours, which a spreadsheet may have saved), the
    encoding it was in; else UTF-8, as the programs an export is for read it. A read-only
    file, or anything but a regular file, is refused. On any failure the file is as it was
    and no temporary file is left."""
    real = target(path)
    status = regular(real, what)
    # By its mode, not os.access: as root access() allows writing a file marked read-only.
    if status is not None and not status.st_mode & 0o222:
        raise DataError(f"{path} is read-only; make it writable to change it, or choose "
                        f"another file")
    mode = stat.S_IMODE(status.st_mode) if status is not None else 0o600
    _write_whole(real, _encoded(text, _written_in(real) if keep_encoding and status is not None
                                else "utf-8"), mode, path)


def claim(path: Path) -> bool:
    """`path` created empty, atomically (O_EXCL), for the caller to fill (`fill_claimed`);
    False where something is there already, which is left as it is."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600))
    except FileExistsError:
        return False
    return True


def fill_claimed(path: Path, data: bytes) -> None:
    """Fill the empty file `claim` (or `claim_names`) created at `path` with `data`, whole and
    atomically; on any failure, the claimed name is given up again (nothing else was there)."""
    try:
        _write_whole(path, data, 0o600, path)
    except BaseException:
        with contextlib.suppress(OSError):
            if path.stat().st_size == 0:
                path.unlink()
        raise


def _write_whole(real: Path, data: bytes, mode: int, path: Path) -> None:
    """`real` replaced by `data` through a temporary file beside it (`path`: as the user
    named it, for the error)."""
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        sweep(real.parent)
        handle, staging = tempfile.mkstemp(prefix=f".tui-recsys-{os.getpid()}-", suffix=".tmp",
                                           dir=real.parent)
    except OSError as exc:
        raise _failed(path, exc, "be saved", "nothing was changed; make its folder writable "
                                             "or choose another file") from None
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(staging, real)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise _failed(path, exc, "be saved", "nothing was changed; free some space or choose "
                                             "another file") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staging)
        raise


def _written_in(path: Path) -> str:
    """The encoding of the file being replaced, as `read_text` read it, kept: a spreadsheet
    that saved it in its own (Excel's Windows-1252, or its "Unicode Text") reads it so again;
    in UTF-8 it showed "Léon" as "LÃ©on", and saved back so, the title stayed garbled."""
    try:
        with path.open("rb") as file:
            decoded = _decoded(file.read(MAX_BYTES + 1))
    except OSError:
        return "utf-8"
    return "utf-8" if decoded is None else decoded[1]


def _encoded(text: str, encoding: str) -> bytes:
    """`text` in `encoding`; where it cannot hold a character (a Japanese title in a
    Windows-1252 file), UTF-8 with the mark by which a spreadsheet knows it."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8-sig")


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths are one file (device and inode): a hard link or a link is caught."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def keep_copy(path: Path, why: str = "damaged") -> Path:
    """Copy the file beside it, before anything may replace it; a copy of the same bytes
    kept earlier is reused, so repeated attempts do not pile copies up."""
    content = path.read_bytes()
    for earlier in sorted(path.parent.glob(f"{path.name}.{why}-*")):
        if earlier.read_bytes() == content:
            return earlier
    # Two copies in one second (a profile cleared twice) must not share a name: the first
    # may hold the only copy of your ratings.
    stem = claim_names(path.parent, f"{path.name}.{why}-{time.strftime('%Y%m%d-%H%M%S')}",
                       ("",))
    copy = path.with_name(stem)
    copy.write_bytes(content)
    shutil.copystat(path, copy)
    return copy


def claim_names(folder: Path, stem: str, endings: tuple[str, ...]) -> str:
    """`stem`, else stem-2, stem-3...: the first for which no file in `folder` has any of
    `endings`, each then created empty, atomically (O_EXCL), so that nothing
    another program or a second copy of us writes meanwhile is replaced, and no two of our
    writes share a name. The caller fills the files it now owns."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in itertools.count(1):
        chosen = stem if number == 1 else f"{stem}-{number}"
        taken: list[Path] = []
        for ending in endings:
            if not claim(folder / f"{chosen}{ending}"):
                break
            taken.append(folder / f"{chosen}{ending}")
        else:
            return chosen
        for ours in taken:
            with contextlib.suppress(OSError):
                ours.unlink()
    raise AssertionError("unreachable")


ZIP_SIGNATURE = b"PK\x03\x04"  # a zip's first bytes, whole or cut short


def is_zip(path: Path) -> bool:
    """Whether the regular file at `path` is a zip, whole or damaged (a download cut short),
    by its name, its first bytes or its contents: a damaged one is then said to be one, not
    read as text ("first row must be ..."). Only a regular file is opened to be told (a FIFO
    would wait for a writer for ever)."""
    if not path.is_file():
        return False
    if path.suffix.casefold() == ".zip" or zipfile.is_zipfile(path):
        return True
    try:
        with path.open("rb") as opened:
            return opened.read(len(ZIP_SIGNATURE)) == ZIP_SIGNATURE
    except OSError:
        return False


def _a_zip(path: Path, what: str, unchanged: str) -> NotOurs:
    return NotOurs(f"{path} is a zip: not {what}; if it is Letterboxd's export, "
                   f"`tui-recsys import {shlex.quote(str(path))}` brings it in ({unchanged})")


def read_parsed(path: Path, what: str, parse: Callable[[str, Path], T],
                empty: Callable[[Path], T], unchanged: str, fix: str = "") -> T:
    """The file at `path` parsed (`empty` when there is none yet). One that cannot be read
    raises DataError naming the row and the fix, after a copy of it is kept beside it, since
    whatever comes next may replace it. One whose first row is not ours is another program's
    file (Letterboxd's `ratings.csv` given as the profile): said, with the import that brings
    it in, and not copied (nothing replaces a file that does not read as ours); so is a zip
    (Letterboxd's whole export, given as the profile: it was "cannot be read as UTF-8")."""
    try:
        text = read_text(path, what)
    except DataError:  # only then told from a zip: a read that works opens the file once
        if is_zip(path):
            raise _a_zip(path, what, unchanged) from None
        raise
    if text is not None and text.startswith(ZIP_SIGNATURE.decode()):  # a zip cut short
        raise _a_zip(path, what, unchanged)
    if text is None:
        return empty(path)
    try:
        return parse(text, path)
    except NotOurs as exc:
        raise NotOurs(f"{exc}: not {what}; if it is another program's export, `tui-recsys "
                      f"import {shlex.quote(str(path))}` brings it in ({unchanged})") from None
    except (DataError, csv.Error) as exc:
        try:
            kept = f"and a copy is kept at {keep_copy(path)}"
        except OSError as failed:  # a folder we may not write to, such as /proc
            kept = f"and no copy could be kept beside it ({failed.strerror or failed})"
        raise DataError(f"{exc} ({unchanged}, {kept}{fix})") from None


Stamp = tuple[int, int, int]


def stamp(path: Path) -> Stamp | None:
    """What tells one state of the file at `path` from the next (a replace gives it a new
    inode, a write a new time or size); None where there is none, or it cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


class FreshRead(Generic[T]):
    """A file of yours, parsed again only when it changed (another program may write it
    meanwhile): a read that finds it as before costs a stat, not a parse."""

    def __init__(self, path: Path, load: Callable[[Path], T]) -> None:
        self.path, self.load = path, load
        self._read: tuple[Stamp, T] | None = None
        self._looked = stamp(path)  # the file as `changed` last saw it

    def __call__(self) -> T:
        now = stamp(self.path)
        if now is None:  # none yet, or unreadable: parse (or fail) as a first read does
            self._read = None
            return self.load(self.path)
        if self._read is None or self._read[0] != now:
            self._read = (now, self.load(self.path))
        return self._read[1]

    def forget(self) -> None:
        """Parse again next time (we changed it, within the stamp's resolution)."""
        self._read = None

    def changed(self) -> bool:
        """Whether the file changed since the last look (or since this was made), by another
        program: a friend's newer export saved over the old, which the folder it is in does
        not tell; your rating made in the next pane. Reads do not count, as a list drawn
        meanwhile read the new file but the rest of the screen did not."""
        now = stamp(self.path)
        looked, self._looked = self._looked, now
        return now != looked

    def wrote(self, found: Stamp | None) -> None:
        """We replaced the file, having found it as `found` under its lock: its new state is
        ours, not a change `changed` reports, unless another program's change came before
        ours, which is left for `changed` to find."""
        if self._looked == found:
            self.changed()
