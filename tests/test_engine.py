import threading
import time
from pathlib import Path

import pytest

from tui_recsys.engine import engine as engine_module
from tui_recsys.engine.base import BuildContext
from tui_recsys.engine.content import ContentBy, ContentModel
from tui_recsys.engine.engine import Engine, Strategy
from tui_recsys.engine.store import Store
from tui_recsys.errors import Cancelled


@pytest.fixture
def build_calls(monkeypatch: pytest.MonkeyPatch) -> list[ContentBy]:
    calls: list[ContentBy] = []
    original = ContentModel.build.__func__

    def counting(cls, movies, by, ctx):
        calls.append(by)
        time.sleep(0.2)
        return original(cls, movies, by, ctx)

    monkeypatch.setattr(ContentModel, "build", classmethod(counting))
    return calls


def test_two_threads_build_once(engine: Engine, build_calls):
    results = []
    threads = [threading.Thread(target=lambda: results.append(
        engine.similar(19995, ContentBy.OVERVIEW))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert build_calls == [ContentBy.OVERVIEW]
    assert results[0] == results[1]


def test_second_engine_is_served_from_cache(tiny: Path, cache_dir: Path, build_calls,
                                            monkeypatch: pytest.MonkeyPatch):
    first = Engine(Store(cache_dir), tiny).similar(19995, ContentBy.METADATA)
    monkeypatch.setattr(engine_module, "load_catalog",
                        lambda source: pytest.fail("catalog rebuilt"))
    second = Engine(Store(cache_dir), tiny)
    assert second.is_ready(Strategy.METADATA)
    assert second.similar(19995, ContentBy.METADATA) == first
    assert build_calls == [ContentBy.METADATA]


def test_changed_data_is_never_served_stale(tiny: Path, cache_dir: Path, build_calls):
    Engine(Store(cache_dir), tiny).similar(19995, ContentBy.OVERVIEW)
    overview = tiny / "tmdb" / "tmdb_5000_movies.parquet"
    overview.write_bytes(overview.read_bytes())  # same bytes: same key
    Engine(Store(cache_dir), tiny).similar(19995, ContentBy.OVERVIEW)
    assert build_calls == [ContentBy.OVERVIEW]
    ratings = tiny / "ml-latest-small" / "ratings.csv"
    ratings.write_text(ratings.read_text() + "3,2,4.0,964982703\n")
    assert not Engine(Store(cache_dir), tiny).is_ready(Strategy.OVERVIEW)


def test_corrupt_entry_is_rebuilt(tiny: Path, cache_dir: Path, build_calls):
    expected = Engine(Store(cache_dir), tiny).similar(19995, ContentBy.OVERVIEW)
    [matrix] = cache_dir.glob("content_overview-*/matrix.npz")
    matrix.write_bytes(matrix.read_bytes()[:100])
    again = Engine(Store(cache_dir), tiny)
    assert again.similar(19995, ContentBy.OVERVIEW) == expected
    assert len(build_calls) == 2
    assert any("damaged" in w for w in again.warnings)


def test_cancelled_build_leaves_no_entry(engine: Engine, cache_dir: Path):
    engine.catalog()
    ctx = BuildContext()
    ctx.cancel.set()
    with pytest.raises(Cancelled):
        engine.content(ContentBy.OVERVIEW, ctx)
    assert not list(cache_dir.glob("content_overview-*"))
    assert not engine.is_ready(Strategy.OVERVIEW)


def test_progress_is_reported(engine: Engine):
    seen = []
    engine.prepare(Strategy.METADATA, BuildContext(progress=lambda m, f: seen.append((m, f))))
    assert seen and all(0 <= f <= 1 for _, f in seen)
    assert any("metadata" in m for m, _ in seen)


def test_unwritable_cache_still_answers(tiny: Path, tmp_path: Path):
    (tmp_path / "file").write_text("")
    engine = Engine(Store(tmp_path / "file" / "cache"), tiny)
    assert engine.chart(k=3)
    assert any("not writable" in w for w in engine.warnings)


def test_forget_rebuilds(engine: Engine, build_calls):
    engine.prepare(Strategy.OVERVIEW)
    engine.forget(Strategy.OVERVIEW)
    assert not engine.is_ready(Strategy.OVERVIEW)
    engine.prepare(Strategy.OVERVIEW)
    assert build_calls == [ContentBy.OVERVIEW, ContentBy.OVERVIEW]


def test_load_cached_loads_what_the_cache_holds_and_builds_nothing(
        tiny: Path, cache_dir: Path, build_calls, monkeypatch: pytest.MonkeyPatch):
    fresh = Engine(Store(cache_dir), tiny, trainer=lambda *a: pytest.fail("trained"))
    assert not fresh.load_cached(Strategy.OVERVIEW)
    assert not fresh.load_cached(Strategy.COLLABORATIVE)
    assert build_calls == []
    expected = fresh.similar(19995, ContentBy.OVERVIEW)
    warm = Engine(Store(cache_dir), tiny)
    assert warm.load_cached(Strategy.OVERVIEW)
    monkeypatch.setattr(ContentModel, "load", lambda *a: pytest.fail("read twice"))
    assert warm.similar(19995, ContentBy.OVERVIEW) == expected
    assert build_calls == [ContentBy.OVERVIEW]


def test_load_cached_leaves_a_damaged_entry_to_the_next_real_use(tiny: Path, cache_dir: Path,
                                                                 build_calls):
    expected = Engine(Store(cache_dir), tiny).similar(19995, ContentBy.METADATA)
    [matrix] = cache_dir.glob("content_metadata-*/matrix.npz")
    matrix.write_bytes(b"not a matrix")
    again = Engine(Store(cache_dir), tiny)
    assert not again.load_cached(Strategy.METADATA)
    assert build_calls == [ContentBy.METADATA]
    assert any("damaged" in w for w in again.warnings)
    assert again.similar(19995, ContentBy.METADATA) == expected
    assert build_calls == [ContentBy.METADATA, ContentBy.METADATA]
