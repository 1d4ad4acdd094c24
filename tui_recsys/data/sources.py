"""Where the raw tables come from: a local folder (CSV or parquet) or the Hugging Face Hub.

A source only finds and reads files; `schema` judges what they hold. Each source can say, cheaply,
a fingerprint of its inputs, which keys every cached artefact built from them.
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlparse

from tui_recsys.errors import DataError, SourceUnavailable
from tui_recsys.text import shorten

if TYPE_CHECKING:  # imported where tables are read: finding and fingerprinting need neither
    import pandas as pd

HUB_DATASETS = {
    "tmdb": "dieineb/tmdb_5000_movies",
    "ratings": "dieineb/movielens_user_ratings",
    "ml_movies": "dieineb/movielens_movies",
}
HUB_PROBE_SECONDS = 1.5
TMDB_FOLDERS = ("", "tmdb")
# MovieLens releases as they unpack: each is a folder of the same CSV files.
MOVIELENS_FOLDERS = ("", "ml-latest-small", "ml-latest", "ml-32m", "ml-25m", "ml-20m")
LAYOUT = (
    "tmdb_5000_movies.parquet (or tmdb_5000_movies.csv and tmdb_5000_credits.csv, optionally "
    ".gz), or MovieLens ratings.csv and movies.csv (links.csv optional), or both, at its top "
    "or in tmdb/ and a MovieLens release folder (ml-latest-small/, ml-latest/, ml-25m/ or "
    "ml-32m/)"
)
TMDB, MOVIELENS = "TMDB 5000", "MovieLens"  # the two catalogues; a folder may hold either


@dataclass(frozen=True)
class RawTables:
    """The tables as read, before validation; `files` names each table's origin for messages.
    A catalogue the source lacks is None: TMDB's `tmdb`, or MovieLens' `ratings` and
    `ml_movies`."""

    tmdb: pd.DataFrame | None
    credits: pd.DataFrame | None
    ratings: pd.DataFrame | None
    ml_movies: pd.DataFrame | None
    links: pd.DataFrame | None
    files: dict[str, str]


class Digests(Protocol):
    """Content digests remembered between runs (the cache keeps them), by what a file's
    status said when it was hashed."""

    def recalled(self, path: Path, status: os.stat_result) -> str | None: ...

    def remember(self, hashed: dict[Path, tuple[os.stat_result, str]]) -> None:
        """Each file's status and digest, kept for the next run (in one write)."""
        ...


class DataSource(Protocol):
    """Anything the Catalog can be built from."""

    def describe(self) -> str: ...

    def origin(self, role: str) -> str:
        """Where one table comes from ('ratings', 'tmdb', ...), for messages."""
        ...

    def fingerprint(self) -> str: ...

    def identity(self) -> str:
        """What names this source from run to run, whatever it holds: a cache entry built
        from an earlier content of it (another fingerprint) will never be asked for again."""
        ...

    def catalogues(self) -> frozenset[str]:
        """Which of TMDB and MovieLens it holds, known without reading a table."""
        ...

    def read(self) -> RawTables: ...


def _find(root: Path, folders: tuple[str, ...], name: str) -> Path | None:
    for folder in folders:
        for suffix in ("", ".gz"):
            candidate = root / folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return None


RATINGS_TYPES = {"userId": "int64", "movieId": "int64", "rating": "float32"}


def _read_ratings_with_arrow(path: Path) -> pd.DataFrame | None:
    """MovieLens ratings through Arrow's multi-threaded reader, typed as they are read and
    without the timestamps nobody uses (ml-32m: 32M rows). None when Arrow cannot: then pandas
    reads the file as it is, so that validation can name the row and column at fault."""
    import pyarrow as pa
    import pyarrow.csv as arrow_csv

    options = arrow_csv.ConvertOptions(
        column_types={name: getattr(pa, kind)() for name, kind in RATINGS_TYPES.items()},
        include_columns=list(RATINGS_TYPES))
    try:
        return arrow_csv.read_csv(path, convert_options=options).to_pandas()
    except (pa.ArrowException, OSError, EOFError, zlib.error, KeyError, ValueError):
        return None


def rating_times(source: DataSource) -> pd.DataFrame | None:
    """When each rating was made (user_id, movie_id, timestamp in seconds), or None where the
    source does not say. Read apart from the catalogue, which leaves the timestamps out: only
    `evaluate`'s cold start reads them, to fold in a person's most recent ratings."""
    import pandas as pd

    if isinstance(source, LocalFolder):
        path = source.paths.get("ratings")
        if path is None:
            return None
        try:
            frame = pd.read_csv(path, usecols=["userId", "movieId", "timestamp"])
        except (ValueError, OSError):
            return None
    elif isinstance(source, HubSource):
        frame = source.read().ratings
        if frame is None or "timestamp" not in frame.columns:
            return None
    else:
        return None
    times = pd.to_numeric(frame["timestamp"], errors="coerce")
    return pd.DataFrame({"user_id": frame["userId"], "movie_id": frame["movieId"],
                         "timestamp": times}).dropna()


def _read_table(path: Path, role: str) -> pd.DataFrame:
    import pandas as pd

    from tui_recsys.data.tables import read_frame

    try:
        if path.suffix == ".parquet":
            return read_frame(path)
        if role == "ratings":
            ratings = _read_ratings_with_arrow(path)
            if ratings is not None:
                return ratings
        return pd.read_csv(path)
    except (OSError, EOFError, zlib.error, ValueError, pd.errors.ParserError) as exc:
        # EOFError and zlib.error: a truncated or corrupt .gz; ParserError and
        # UnicodeDecodeError (a ValueError): not a CSV; ArrowInvalid (a ValueError): not parquet
        reason = shorten(str(exc).splitlines()[0], 120) if str(exc) else type(exc).__name__
        raise DataError(
            f"{path}: cannot be read ({reason}); replace it with an intact copy"
        ) from exc


class LocalFolder:
    """A folder laid out like ../shared/data, or with every file at its top. `digests`
    remembers its files' content digests between runs."""

    def __init__(self, root: Path, digests: Digests | None = None) -> None:
        self.root = root
        self.digests = digests
        self._fingerprint: str | None = None
        if not root.is_dir():
            what = "is a file, not a folder" if root.exists() else "does not exist"
            raise DataError(f"data folder {root} {what}; pass --data with a folder that "
                            f"holds {LAYOUT}")
        self.paths = self._locate()

    def _locate(self) -> dict[str, Path]:
        found: dict[str, Path] = {}
        parquet = _find(self.root, TMDB_FOLDERS, "tmdb_5000_movies.parquet")
        movies_csv = _find(self.root, TMDB_FOLDERS, "tmdb_5000_movies.csv")
        credits_csv = _find(self.root, TMDB_FOLDERS, "tmdb_5000_credits.csv")
        if parquet is not None:
            found["tmdb"] = parquet
        elif movies_csv is not None and credits_csv is not None:
            found["tmdb"], found["credits"] = movies_csv, credits_csv
        elif movies_csv is not None:
            raise DataError(f"{self.root}: found {movies_csv.name} but no tmdb_5000_credits.csv"
                            f"[.gz] beside it; add the credits file (cast and crew)")
        releases = [folder or "the top" for folder in MOVIELENS_FOLDERS
                    if _find(self.root, (folder,), "ratings.csv") is not None]
        if len(releases) > 1:
            raise DataError(f"{self.root}: holds {len(releases)} MovieLens releases "
                            f"({', '.join(releases)}); pass --data with a folder that holds "
                            f"one of them")
        for role, name in (("ratings", "ratings.csv"), ("ml_movies", "movies.csv")):
            path = _find(self.root, MOVIELENS_FOLDERS, name)
            if path is not None:
                found[role] = path
        if ("ratings" in found) != ("ml_movies" in found):
            have, lack = (("ratings.csv", "movies.csv") if "ratings" in found
                          else ("movies.csv", "ratings.csv"))
            raise DataError(f"{self.root}: found MovieLens {have} but no {lack} beside it; "
                            f"add it from the same release")
        if not found:
            raise DataError(f"{self.root}: no TMDB or MovieLens data found; the folder must "
                            f"hold {LAYOUT}")
        links = _find(self.root, MOVIELENS_FOLDERS, "links.csv")
        if links is not None:
            found["links"] = links
        return found

    def describe(self) -> str:
        return f"local folder {self.root}"

    def identity(self) -> str:
        return f"local folder {self.root.resolve()}"

    def origin(self, role: str) -> str:
        return str(self.paths[role])

    def catalogues(self) -> frozenset[str]:
        return frozenset({TMDB} if "tmdb" in self.paths else set()) | frozenset(
            {MOVIELENS} if "ratings" in self.paths else set())

    def fingerprint(self) -> str:
        """Each input's name and content. A file is hashed only when its status changed since
        `digests` last saw it, so a start where nothing moved reads no file (hashing every
        file cost seconds at ml-32m's 900 MB of ratings), and a copy with new times but the
        same content keys the same models (before, it rebuilt them all)."""
        if self._fingerprint is None:
            digest, hashed = hashlib.sha256(), {}
            for role in sorted(self.paths):
                path = self.paths[role]
                digest.update(f"{role}:{path.name}:{self._content(path, hashed)}:".encode())
            if hashed and self.digests is not None:
                self.digests.remember(hashed)
            self._fingerprint = digest.hexdigest()[:24]
        return self._fingerprint

    def _content(self, path: Path, hashed: dict[Path, tuple[os.stat_result, str]]) -> str:
        """The file's digest, as `digests` recalls it, else hashed now (and put in `hashed`)."""
        status = path.stat()
        known = self.digests.recalled(path, status) if self.digests is not None else None
        if known is not None:
            return known
        try:
            with path.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as exc:
            raise DataError(f"{path}: cannot be read ({exc.strerror or exc}); check its "
                            f"permissions") from exc
        hashed[path] = status, digest
        return digest

    def read(self) -> RawTables:
        tables = {role: _read_table(path, role) for role, path in self.paths.items()}
        return RawTables(
            tmdb=tables.get("tmdb"),
            credits=tables.get("credits"),
            ratings=tables.get("ratings"),
            ml_movies=tables.get("ml_movies"),
            links=tables.get("links"),
            files={role: self.origin(role) for role in self.paths},
        )


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def hub_reachable(timeout: float = HUB_PROBE_SECONDS) -> bool:
    """Whether the Hub answers a TCP connect within `timeout`, DNS included.

    `socket` timeouts do not cover name resolution, so the whole probe runs in a daemon thread
    that is abandoned when it takes too long.
    """
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    host, port = endpoint.hostname or "huggingface.co", endpoint.port or 443
    result: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                result.append(True)
        except OSError:
            result.append(False)

    worker = threading.Thread(target=probe, daemon=True)
    worker.start()
    worker.join(timeout)
    return bool(result and result[0])


class HubSource:
    """The tutorial's three Hugging Face datasets, through `datasets.load_dataset`.

    With no network the `datasets` library retries for tens of seconds; a short probe first
    switches it to offline mode instead, so a Hub copy already in the local datasets cache
    still loads and an uncached one fails at once with a message that points at --data.
    """

    def __init__(self, reachable: Callable[[], bool] = hub_reachable) -> None:
        self._reachable = reachable
        self._frames: dict[str, pd.DataFrame] | None = None
        self._fingerprint = ""

    def describe(self) -> str:
        return "Hugging Face Hub (" + ", ".join(HUB_DATASETS.values()) + ")"

    def origin(self, role: str) -> str:
        return f"hub:{HUB_DATASETS[role]}"

    def identity(self) -> str:
        return self.describe()

    def catalogues(self) -> frozenset[str]:
        return frozenset({TMDB, MOVIELENS})

    def _load(self) -> dict[str, pd.DataFrame]:
        if self._frames is not None:
            return self._frames
        offline = _env_flag("HF_HUB_OFFLINE") or _env_flag("HF_DATASETS_OFFLINE")
        if not offline and not self._reachable():
            offline = True
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["HF_DATASETS_OFFLINE"] = "1"
        import datasets
        import huggingface_hub.constants

        if offline:
            # The variables above are read when these libraries are imported; if something
            # imported them earlier, their runtime flags must be switched too.
            huggingface_hub.constants.HF_HUB_OFFLINE = True
            datasets.config.HF_HUB_OFFLINE = datasets.config.HF_DATASETS_OFFLINE = True

        frames: dict[str, pd.DataFrame] = {}
        digest = hashlib.sha256()
        for role, name in HUB_DATASETS.items():
            try:
                dataset = datasets.load_dataset(name, split="train")
            except Exception as exc:  # the library raises many types for one cause
                why = ("the Hub is unreachable and it is not in the local datasets cache"
                       if offline else str(exc).splitlines()[0])
                raise SourceUnavailable(
                    f"cannot load {name} from the Hugging Face Hub ({why}); pass --data DIR "
                    f"(or set TUI_RECSYS_DATA) with a local copy: a folder that holds {LAYOUT}"
                ) from exc
            frames[role] = dataset.to_pandas()
            digest.update(f"{role}:{dataset._fingerprint}:".encode())
        self._frames, self._fingerprint = frames, digest.hexdigest()[:24]
        return frames

    def fingerprint(self) -> str:
        self._load()
        return self._fingerprint

    def read(self) -> RawTables:
        frames = self._load()
        return RawTables(
            tmdb=frames["tmdb"],
            credits=None,
            ratings=frames["ratings"],
            ml_movies=frames["ml_movies"],
            links=None,
            files={role: self.origin(role) for role in HUB_DATASETS},
        )


def open_source(folder: Path | None, digests: Digests | None = None) -> DataSource:
    """The local folder when one is given, else the Hub."""
    return LocalFolder(folder, digests) if folder is not None else HubSource()
