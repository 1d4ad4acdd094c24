from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import textual._wait

from benchmarks.bytecode import write_bytecode
from tests.support import CHARTED, hub_tmdb_frame, write_dataset
from tui_recsys.engine.cache.store import Store
from tui_recsys.engine.engine import Engine

REAL_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_configure(config: pytest.Config) -> None:
    """Our modules' bytecode, written once, so that the hundreds of commands the tests start
    do not each compile them (`benchmarks.bytecode`); by the main process alone, before
    pytest-xdist starts its workers. tests/cli took 163 s without it, 123 s with it."""
    if not hasattr(config, "workerinput"):
        write_bytecode()


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the user's real cache, logs, data setting or Hugging Face cache."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TUI_RECSYS_CACHE_DIR", str(cache))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("user-data")))
    monkeypatch.delenv("TUI_RECSYS_DATA", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path_factory.mktemp("hf")))
    monkeypatch.delenv("TEXTUAL_ANIMATIONS", raising=False)  # the app's own: none
    # The Pilot waits after every key and pause until the process has been idle for a whole
    # window of 20 ms: two fifths of an app test's time was such windows. Windows of 5 ms, idle
    # below the same twentieth of them, wait for the same thing sooner.
    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 1 / 200)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", 1 / 200 / 20)
    return cache


@pytest.fixture
def time_zone() -> Iterator[Callable[[str], None]]:
    """Where the test's person is (`time_zone("America/New_York")`): the local time zone,
    set for the process and put back after."""
    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def cache_dir(isolated_dirs: Path) -> Path:
    return isolated_dirs


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data")


@pytest.fixture
def engine(tiny: Path, cache_dir: Path) -> Engine:
    return Engine(Store(cache_dir), tiny)


@pytest.fixture
def charted(tmp_path: Path, cache_dir: Path) -> Engine:
    """The tiny data with four more movies, so that charts hold several and a tie."""
    return Engine(Store(cache_dir), write_dataset(tmp_path / "charted",
                                                  tmdb_frame=hub_tmdb_frame(CHARTED)))


@pytest.fixture(scope="session")
def real_data() -> Path:
    """../shared/data beside the project: skipped where it is absent, but a failure in CI,
    which has it, so that a missing copy never passes as a green run."""
    if not (REAL_DATA / "tmdb" / "tmdb_5000_movies.parquet").is_file():
        missing = f"real data not found at {REAL_DATA} (../shared/data beside the project)"
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    return REAL_DATA


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that reads the real data carries the `real_data` marker (-m real_data), and
    the slow ones run first: collected in file order they came last, and under `-n auto` one
    worker was left training the real models alone for minutes after the other had finished."""
    for item in items:
        if "real_data" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.real_data)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
