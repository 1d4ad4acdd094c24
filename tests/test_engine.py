import hashlib
import json
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from tests.app_support import seeded_factors
from tests.tiny_data import movielens_frames, write_dataset
from tui_recsys.engine import engine as engine_module
from tui_recsys.engine.base import BuildContext
from tui_recsys.engine.content import ContentBy, ContentModel
from tui_recsys.engine.engine import Engine, Strategy
from tui_recsys.engine.store import Store
from tui_recsys.errors import Cancelled, DataError


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


def test_rebuild_replaces_the_model_only_when_it_succeeds(engine: Engine, cache_dir: Path,
                                                        build_calls):
    engine.prepare(Strategy.OVERVIEW)
    old = engine.content(ContentBy.OVERVIEW).model
    engine.rebuild(Strategy.OVERVIEW)
    assert build_calls == [ContentBy.OVERVIEW, ContentBy.OVERVIEW]
    assert engine.content(ContentBy.OVERVIEW).model is not old
    assert len(list(cache_dir.glob("content_overview-*"))) == 1
    assert Engine(Store(cache_dir), engine.data_dir).is_ready(Strategy.OVERVIEW)


@pytest.mark.parametrize("failure", [Cancelled("build cancelled"), RuntimeError("boom")])
def test_a_cancelled_or_failed_rebuild_keeps_the_model_in_use(
        engine: Engine, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception):
    expected = engine.similar(19995, ContentBy.OVERVIEW)
    old = engine.content(ContentBy.OVERVIEW).model
    [entry] = cache_dir.glob("content_overview-*")
    before = {p.name: p.read_bytes() for p in entry.iterdir()}

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(ContentModel, "build", fail)
    with pytest.raises(type(failure)):
        engine.rebuild(Strategy.OVERVIEW)
    assert engine.content(ContentBy.OVERVIEW).model is old
    assert {p.name: p.read_bytes() for p in entry.iterdir()} == before
    warm = Engine(Store(cache_dir), engine.data_dir)
    monkeypatch.setattr(ContentModel, "build", lambda *a: pytest.fail("rebuilt"))
    assert warm.similar(19995, ContentBy.OVERVIEW) == expected


def test_a_rebuild_never_blocks_answers_from_the_model_in_use(engine: Engine,
                                                              monkeypatch: pytest.MonkeyPatch):
    expected = engine.similar(19995, ContentBy.OVERVIEW)
    building, release = threading.Event(), threading.Event()
    original = ContentModel.build.__func__

    def slow(cls, movies, by, ctx):
        building.set()
        release.wait(10)
        return original(cls, movies, by, ctx)

    monkeypatch.setattr(ContentModel, "build", classmethod(slow))
    thread = threading.Thread(target=engine.rebuild, args=(Strategy.OVERVIEW,))
    thread.start()
    assert building.wait(10)
    assert engine.similar(19995, ContentBy.OVERVIEW) == expected
    release.set()
    thread.join(10)


def _rewrite_npz(path: Path, change) -> None:
    """Change the arrays of an entry and write a manifest that matches them, as an attacker or
    a buggy tool could: the checksum passes, only validation can tell."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    change(arrays)
    np.savez(path, **arrays)
    manifest_path = path.parent / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"][path.name]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest))


@pytest.mark.parametrize("change", [
    lambda a: a.update(extra=np.zeros(3)),
    lambda a: a.update(movie_bias=a["movie_bias"][:-1]),
    lambda a: a.update(user_factors=a["user_factors"][:, :2]),
    lambda a: a.update(user_ids=a["user_ids"].astype(np.float64)),
    lambda a: a.update(mean=np.zeros(2)),
], ids=["extra array", "truncated bias", "narrow factors", "float ids", "mean not scalar"])
def test_malformed_factors_are_rebuilt_with_one_warning(tiny: Path, cache_dir: Path, change):
    trained = []

    def trainer(ratings, params, ctx):
        trained.append(1)
        return seeded_factors(ratings, params, ctx)

    expected = Engine(Store(cache_dir), tiny, trainer=trainer).picks(42)
    [npz] = cache_dir.glob("collaborative-*/factors.npz")
    _rewrite_npz(npz, change)
    again = Engine(Store(cache_dir), tiny, trainer=trainer)
    assert again.picks(42) == expected
    assert trained == [1, 1]
    assert sum("unreadable" in w for w in again.warnings) == 1
    assert Engine(Store(cache_dir), tiny, trainer=trainer).picks(42) == expected
    assert trained == [1, 1]  # the repaired entry is used from then on


def test_a_content_matrix_of_the_wrong_shape_is_rebuilt(tiny: Path, cache_dir: Path,
                                                       build_calls):
    import scipy.sparse as sp

    expected = Engine(Store(cache_dir), tiny).similar(19995, ContentBy.OVERVIEW)
    [entry] = cache_dir.glob("content_overview-*")
    sp.save_npz(entry / "matrix.npz", sp.random(3, 3, density=0.5, format="csr"))
    manifest = json.loads((entry / "manifest.json").read_text())
    manifest["files"]["matrix.npz"]["sha256"] = hashlib.sha256(
        (entry / "matrix.npz").read_bytes()).hexdigest()
    (entry / "manifest.json").write_text(json.dumps(manifest))
    again = Engine(Store(cache_dir), tiny)
    assert again.similar(19995, ContentBy.OVERVIEW) == expected
    assert len(build_calls) == 2 and any("unreadable" in w for w in again.warnings)


def test_an_entry_without_its_manifest_is_rebuilt_once_then_used(tiny: Path, cache_dir: Path,
                                                                build_calls):
    Engine(Store(cache_dir), tiny).similar(19995, ContentBy.OVERVIEW)
    [entry] = cache_dir.glob("content_overview-*")
    (entry / "manifest.json").unlink()
    Engine(Store(cache_dir), tiny).similar(19995, ContentBy.OVERVIEW)
    Engine(Store(cache_dir), tiny).similar(19995, ContentBy.OVERVIEW)
    assert len(build_calls) == 2


def test_too_few_ratings_is_said_before_training_starts(tmp_path: Path, cache_dir: Path):
    frames = movielens_frames()
    frames["ratings"] = frames["ratings"].head(1)
    data = write_dataset(tmp_path / "one", movielens=frames)
    engine = Engine(Store(cache_dir), data, trainer=lambda *a: pytest.fail("trained"))
    with pytest.raises(DataError) as caught:
        engine.picks(1)
    message = str(caught.value)
    assert str(data / "ml-latest-small" / "ratings.csv") in message
    assert "at least 2 ratings" in message and "there are 1" in message


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
