import gc
import hashlib
import json
import os
import shutil
import threading
import time
import weakref
from pathlib import Path

import numpy as np
import pytest

from tests.support import (
    GatedTrainer,
    chart,
    make_engine,
    movielens_frames,
    picks,
    seeded_factors,
    similar,
    write_dataset,
)
from tui_recsys.engine import engine as engine_module
from tui_recsys.engine.answer import Answer, Recommendation
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.building import similar_build
from tui_recsys.engine.cache.artefacts import Artefact
from tui_recsys.engine.cache.store import Store
from tui_recsys.engine.engine import Engine
from tui_recsys.engine.models.similar_model import ContentVectors
from tui_recsys.engine.question import Ask
from tui_recsys.errors import Cancelled, DataError, UsageError


@pytest.fixture
def build_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What each content build compared: "overview" or "soup" (cast, crew, keywords)."""
    calls: list[str] = []
    original = similar_build.vectorise

    def counting(texts, weighting, stop_words, ctx, label):
        calls.append({"story": "overview", "cast": "soup"}[label])
        time.sleep(0.2)
        return original(texts, weighting, stop_words, ctx, label)

    monkeypatch.setattr(similar_build, "vectorise", counting)
    return calls


def test_two_threads_build_once(engine: Engine, build_calls):
    results = []
    threads = [threading.Thread(target=lambda: results.append(
        similar(engine, 19995, "story"))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert build_calls == ["overview"]
    assert results[0] == results[1]


class _ReportingAfterRelease(GatedTrainer):
    """A first training caught midway, which reports its last epoch once released."""

    def __call__(self, ratings, params, ctx: BuildContext):
        models = super().__call__(ratings, params, ctx)
        ctx.progress("training collaborative model, epoch 2/2", 1.0)
        return models


def test_a_thread_that_waits_for_anothers_build_says_so_and_follows_it(tiny: Path,
                                                                         cache_dir: Path):
    """The quick start asks for the models a build started by For you is already making: it
    waits for that build, its progress says why, and then tells that build's progress (at
    ml-32m's shape a first training takes twenty minutes, not a still line)."""
    trainer = _ReportingAfterRelease()
    engine = make_engine(tiny, cache_dir, trainer=trainer)
    for_user = engine.strategy("for-user")
    engine.prepare(engine.strategy("chart"))
    first = threading.Thread(target=engine.prepare, args=(for_user,))
    first.start()
    assert trainer.started.wait(30)
    said: list[str] = []
    waiting = threading.Event()

    def progress(message: str, _fraction: float | None) -> None:
        said.append(message)
        waiting.set()

    second: list[object] = []
    other = threading.Thread(target=lambda: second.append(
        engine.model(for_user, BuildContext(progress=progress))))
    other.start()
    assert waiting.wait(30)
    trainer.release.set()
    first.join()
    other.join()
    assert said[0] == "waiting for the for-user build already under way"
    assert said[-1] == "training collaborative model, epoch 2/2"  # the first build's progress
    assert second == [engine.model(for_user)]  # the one build's model, served to both


def test_second_engine_is_served_from_cache(tiny: Path, cache_dir: Path, build_calls,
                                            monkeypatch: pytest.MonkeyPatch):
    first = similar(Engine(Store(cache_dir), tiny), 19995, "cast")
    monkeypatch.setattr(engine_module, "load_catalog",
                        lambda source: pytest.fail("catalog rebuilt"))
    second = Engine(Store(cache_dir), tiny)
    assert second.is_ready(second.strategy("cast"))
    assert similar(second, 19995, "cast") == first
    assert build_calls == ["soup"]


def test_changed_data_is_never_served_stale(tiny: Path, cache_dir: Path, build_calls):
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    similar(Engine(Store(cache_dir), tiny), 19995, "story")  # files untouched: same key
    assert build_calls == ["overview"]
    ratings = tiny / "ml-latest-small" / "ratings.csv"
    ratings.write_text(ratings.read_text() + "3,2,4.0,964982703\n")
    fresh = make_engine(tiny, cache_dir)
    assert not fresh.is_ready(fresh.strategy("story"))


def test_entries_of_an_earlier_content_of_the_same_data_go_when_it_is_rebuilt(
        tiny: Path, tmp_path: Path, cache_dir: Path):
    """Refreshed data made every model again beside the old ones, which no run would ask
    for: the cache grew by every model's size at each refresh. Another folder's stay."""
    other = write_dataset(tmp_path / "other")
    other_ratings = other / "ml-latest-small" / "ratings.csv"
    other_ratings.write_text(other_ratings.read_text() + "3,2,2.0,964982703\n")
    similar(Engine(Store(cache_dir), other), 19995, "story")
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    before = {path.name for path in cache_dir.glob("story-*")}
    assert len(before) == 2
    ratings = tiny / "ml-latest-small" / "ratings.csv"
    ratings.write_text(ratings.read_text() + "3,2,4.0,964982703\n")
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    after = {path.name for path in cache_dir.glob("story-*")}
    assert len(after) == 2 and len(after & before) == 1  # the other folder's, and the new
    assert len(list(cache_dir.glob("catalog-*"))) == 2  # the catalogue it came from too

def test_entries_of_an_earlier_format_go_when_an_upgrade_builds_their_kind(
        tiny: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """An upgrade that raised a model's format built it beside the old one, which no run
    would ask for again: the cache grew by a model's size at every such upgrade. An entry of
    a later format (a newer copy of tui-recsys sharing the cache) is not this code's to
    remove."""
    from tui_recsys.engine.strategies.story import Story

    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    first = {path.name for path in cache_dir.glob("story-*")}
    monkeypatch.setattr(Story, "format", Story.format + 1)
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    upgraded = {path.name for path in cache_dir.glob("story-*")}
    assert len(first) == len(upgraded) == 1 and first != upgraded
    monkeypatch.setattr(Story, "format", Story.format - 2)  # an older copy, run since
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    assert upgraded < {path.name for path in cache_dir.glob("story-*")}
    assert len(list(cache_dir.glob("catalog-*"))) == 1


def test_an_entry_written_before_manifests_named_formats_goes_once_its_kind_is_built(
        tiny: Path, cache_dir: Path):
    """The caches people have now: every entry was written without its formats, and is of
    an earlier one than any upgrade that builds its kind again."""
    engine = Engine(Store(cache_dir), tiny)
    similar(engine, 19995, "story")
    (old,) = cache_dir.glob("story-*")
    manifest = json.loads((old / "manifest.json").read_text())
    del manifest["meta"]["formats"]
    renamed = old.with_name("story-0123456789abcdef")
    manifest["name"] = renamed.name
    (old / "manifest.json").write_text(json.dumps(manifest))
    old.rename(renamed)
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    assert {path.name for path in cache_dir.glob("story-*")} == {old.name}



def test_a_copy_of_the_data_with_new_times_keys_the_same_models(
        tiny: Path, tmp_path: Path, cache_dir: Path, build_calls):
    """Copied without its times (cp -r, a zip unpacked again), the same data built every
    model again: twenty minutes at ml-32m's shape. The content keys them now; an edit that
    keeps the size and puts the old time back does not fool it."""
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    copy = tmp_path / "copy"
    shutil.copytree(tiny, copy, copy_function=shutil.copyfile)  # new times
    similar(Engine(Store(cache_dir), copy), 19995, "story")
    assert build_calls == ["overview"]
    ratings = copy / "ml-latest-small" / "ratings.csv"
    before = ratings.stat()
    ratings.write_text(ratings.read_text().replace("4.0", "3.0", 1))
    os.utime(ratings, ns=(before.st_atime_ns, before.st_mtime_ns))
    similar(Engine(Store(cache_dir), copy), 19995, "story")
    assert build_calls == ["overview", "overview"]


def test_a_start_where_no_data_file_moved_hashes_none(
        tiny: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    monkeypatch.setattr(hashlib, "file_digest", lambda *_: pytest.fail("a file was hashed"))
    assert Engine(Store(cache_dir), tiny).fingerprint()


def test_the_digests_memo_is_the_caches_own(tiny: Path, tmp_path: Path, cache_dir: Path):
    """Cleared with the cache; and a file of its name the cache did not write is neither
    read nor replaced."""
    store = Store(cache_dir)
    Engine(store, tiny).fingerprint()
    assert (cache_dir / ".tui-recsys-digests.json").is_file()
    assert (cache_dir / "CACHEDIR.TAG").is_file()  # the memo did not come first
    store.clear()
    assert sorted(path.name for path in cache_dir.iterdir()) == ["CACHEDIR.TAG"]
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / ".tui-recsys-digests.json").write_text('{"files": "mine"}')
    Engine(Store(theirs), tiny).fingerprint()
    assert (theirs / ".tui-recsys-digests.json").read_text() == '{"files": "mine"}'


def test_corrupt_entry_is_rebuilt(tiny: Path, cache_dir: Path, build_calls):
    expected = similar(Engine(Store(cache_dir), tiny), 19995, "story")
    [matrix] = cache_dir.glob("story-*/matrix.npz")
    matrix.write_bytes(matrix.read_bytes()[:100])
    again = Engine(Store(cache_dir), tiny)
    assert similar(again, 19995, "story") == expected
    assert len(build_calls) == 2
    assert any("damaged" in w for w in again.warnings)


def test_cancelled_build_leaves_no_entry(engine: Engine, cache_dir: Path):
    engine.catalog()
    ctx = BuildContext()
    ctx.cancel.set()
    with pytest.raises(Cancelled):
        engine.model(engine.strategy("story"), ctx)
    assert not list(cache_dir.glob("story-*"))
    assert not engine.is_ready(engine.strategy("story"))


def test_progress_is_reported(engine: Engine):
    seen = []
    strategy = engine.strategy("cast")
    engine.prepare(strategy, BuildContext(progress=lambda m, f: seen.append((m, f))))
    assert seen and all(0 <= f <= 1 for _, f in seen)
    assert any(m.startswith("cast: ") for m, _ in seen)


def test_unwritable_cache_still_answers(tiny: Path, tmp_path: Path):
    (tmp_path / "file").write_text("")
    engine = Engine(Store(tmp_path / "file" / "cache"), tiny)
    assert chart(engine, k=3)
    assert any("not writable" in w for w in engine.warnings)


def test_rebuild_replaces_the_model_only_when_it_succeeds(engine: Engine, cache_dir: Path,
                                                        build_calls):
    engine.prepare(engine.strategy("story"))
    old = engine.model(engine.strategy("story")).model
    engine.rebuild(engine.strategy("story"))
    assert build_calls == ["overview", "overview"]
    assert engine.model(engine.strategy("story")).model is not old
    assert len(list(cache_dir.glob("story-*"))) == 1
    assert Engine(Store(cache_dir), engine.data_dir).is_ready(engine.strategy("story"))


@pytest.mark.parametrize("failure", [Cancelled("build cancelled"), RuntimeError("boom")])
def test_a_cancelled_or_failed_rebuild_keeps_the_model_in_use(
        engine: Engine, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception):
    expected = similar(engine, 19995, "story")
    old = engine.model(engine.strategy("story")).model
    [entry] = cache_dir.glob("story-*")
    before = {p.name: p.read_bytes() for p in entry.iterdir()}

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(similar_build, "vectorise", fail)
    with pytest.raises(type(failure)):
        engine.rebuild(engine.strategy("story"))
    assert engine.model(engine.strategy("story")).model is old
    assert {p.name: p.read_bytes() for p in entry.iterdir()} == before
    warm = Engine(Store(cache_dir), engine.data_dir)
    monkeypatch.setattr(similar_build, "vectorise", lambda *a: pytest.fail("rebuilt"))
    assert similar(warm, 19995, "story") == expected


def test_a_rebuild_never_blocks_answers_from_the_model_in_use(engine: Engine,
                                                              monkeypatch: pytest.MonkeyPatch):
    expected = similar(engine, 19995, "story")
    building, release = threading.Event(), threading.Event()
    original = similar_build.vectorise

    def slow(*args):
        building.set()
        release.wait(10)
        return original(*args)

    monkeypatch.setattr(similar_build, "vectorise", slow)
    thread = threading.Thread(target=engine.rebuild, args=(engine.strategy("story"),))
    thread.start()
    assert building.wait(10)
    assert similar(engine, 19995, "story") == expected
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
    manifest["files"][path.name] = {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                                     "bytes": path.stat().st_size}
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

    expected = picks(make_engine(tiny, cache_dir, trainer=trainer), 42)
    [npz] = cache_dir.glob("for-user-*/factors.npz")
    _rewrite_npz(npz, change)
    again = make_engine(tiny, cache_dir, trainer=trainer)
    assert picks(again, 42) == expected
    assert trained == [1, 1]
    assert sum("unreadable" in w for w in again.warnings) == 1
    assert picks(make_engine(tiny, cache_dir, trainer=trainer), 42) == expected
    assert trained == [1, 1]  # the repaired entry is used from then on


def test_a_content_matrix_of_the_wrong_shape_is_rebuilt(tiny: Path, cache_dir: Path,
                                                       build_calls):
    import scipy.sparse as sp

    expected = similar(Engine(Store(cache_dir), tiny), 19995, "story")
    [entry] = cache_dir.glob("story-*")
    sp.save_npz(entry / "matrix.npz", sp.random(3, 3, density=0.5, format="csr"))
    manifest = json.loads((entry / "manifest.json").read_text())
    manifest["files"]["matrix.npz"] = {
        "sha256": hashlib.sha256((entry / "matrix.npz").read_bytes()).hexdigest(),
        "bytes": (entry / "matrix.npz").stat().st_size}
    (entry / "manifest.json").write_text(json.dumps(manifest))
    again = Engine(Store(cache_dir), tiny)
    assert similar(again, 19995, "story") == expected
    assert len(build_calls) == 2 and any("unreadable" in w for w in again.warnings)


def test_an_entry_without_its_manifest_is_rebuilt_once_then_used(tiny: Path, cache_dir: Path,
                                                                build_calls):
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    [entry] = cache_dir.glob("story-*")
    (entry / "manifest.json").unlink()
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    similar(Engine(Store(cache_dir), tiny), 19995, "story")
    assert len(build_calls) == 2


def test_too_few_ratings_is_said_before_training_starts(tmp_path: Path, cache_dir: Path):
    frames = movielens_frames()
    frames["ratings"] = frames["ratings"].head(1)
    data = write_dataset(tmp_path / "one", movielens=frames)
    engine = make_engine(data, cache_dir, trainer=lambda *a: pytest.fail("trained"))
    with pytest.raises(DataError) as caught:
        picks(engine, 1)
    message = str(caught.value)
    assert str(data / "ml-latest-small" / "ratings.csv") in message
    assert "at least 2 ratings" in message and "there are 1" in message


def test_an_unknown_user_is_said_before_training_starts(tiny: Path, cache_dir: Path):
    """Every front end's question: the engine says it from the users list, not the model."""
    engine = make_engine(tiny, cache_dir, trainer=lambda *a: pytest.fail("trained"))
    with pytest.raises(UsageError, match="unknown user 999: MovieLens users are"):
        picks(engine, 999)


def test_load_cached_loads_what_the_cache_holds_and_builds_nothing(
        tiny: Path, cache_dir: Path, build_calls, monkeypatch: pytest.MonkeyPatch):
    fresh = make_engine(tiny, cache_dir, trainer=lambda *a: pytest.fail("trained"))
    assert not fresh.load_cached(fresh.strategy("story"))
    assert not fresh.load_cached(fresh.strategy("for-user"))
    assert build_calls == []
    expected = similar(fresh, 19995, "story")
    warm = Engine(Store(cache_dir), tiny)
    assert warm.load_cached(warm.strategy("story"))
    monkeypatch.setattr(ContentVectors, "load", lambda *a: pytest.fail("read twice"))
    assert similar(warm, 19995, "story") == expected
    assert build_calls == ["overview"]


def test_load_cached_leaves_a_damaged_entry_to_the_next_real_use(tiny: Path, cache_dir: Path,
                                                                 build_calls):
    expected = similar(Engine(Store(cache_dir), tiny), 19995, "cast")
    [matrix] = cache_dir.glob("cast-*/matrix.npz")
    matrix.write_bytes(b"not a matrix")
    again = Engine(Store(cache_dir), tiny)
    assert not again.load_cached(again.strategy("cast"))
    assert build_calls == ["soup"]
    assert any("damaged" in w for w in again.warnings)
    assert similar(again, 19995, "cast") == expected
    assert build_calls == ["soup", "soup"]


def test_an_array_flipped_in_place_is_caught_by_its_crc_and_rebuilt(tiny: Path,
                                                                     cache_dir: Path,
                                                                     build_calls):
    """Arrays are not hashed when an entry is read (a size check, then the CRC-32 numpy's
    read checks): a byte changed in place, same size, still never reaches an answer."""
    expected = similar(Engine(Store(cache_dir), tiny), 19995, "story")
    [matrix] = cache_dir.glob("story-*/matrix.npz")
    data = bytearray(matrix.read_bytes())
    data[len(data) // 3] ^= 0xFF
    matrix.write_bytes(bytes(data))
    again = Engine(Store(cache_dir), tiny)
    assert similar(again, 19995, "story") == expected
    assert len(build_calls) == 2
    assert any("unreadable" in w for w in again.warnings)


def test_a_filter_is_applied_before_the_top_k_where_a_model_can(charted: Engine,
                                                                monkeypatch: pytest.MonkeyPatch):
    """The story model ranks only the movies the filter lets through, so one answer is
    enough: no deeper asks, no reasons made for movies thrown away."""
    from tui_recsys.engine.question import Ask, MovieFilter

    story = charted.strategy("story")
    asked: list[int] = []
    original = type(story).answer

    def counting(self, model, ask):
        asked.append(ask.k)
        return original(self, model, ask)

    monkeypatch.setattr(type(story), "answer", counting)
    answer = charted.recommend(story, Ask(k=1, movie_id=70001,
                                          chart_filter=MovieFilter(years=(1992, 1992))))
    assert [item.title for item in answer.items] == ["Charted Last"] and asked == [1]


def test_what_is_left_out_is_made_up_by_asking_deeper_not_by_asking_for_all_of_it(
        engine: Engine, monkeypatch):
    chart = engine.strategy("chart")
    listed = [Recommendation(f"Movie {n}", 2000, 1 - n / 100, "", n, None) for n in range(1, 51)]
    asked: list[int] = []

    def answer(self, model, ask: Ask) -> Answer:
        asked.append(ask.k)
        return Answer(listed[:ask.k])

    monkeypatch.setattr(type(chart), "answer", answer)
    yours = frozenset(("tmdb", n) for n in range(1, 16))  # the first fifteen rated
    kept = engine.recommend(chart, Ask(k=3, left_out=yours))
    assert [item.tmdb_id for item in kept.items] == [16, 17, 18]
    assert asked == [6, 24]  # k and as many again, then four times that: never k + all left out
    asked.clear()
    assert [item.tmdb_id for item in engine.recommend(chart, Ask(k=3, left_out=frozenset(
        ("tmdb", n) for n in range(1, 50)))).items] == [50]  # fewer than k exist: all of them
    assert asked == [6, 24, 96]


class _Value:
    """A built thing whose lifetime a test can watch."""


def _watched(loads: list[bool], *, reads_back: bool = True
             ) -> tuple[list[weakref.ref], Artefact]:
    """An artefact whose load records whether the last value built is still alive, and fails
    as a damaged entry does unless it `reads_back`."""
    built: list[weakref.ref] = []

    def build() -> _Value:
        value = _Value()
        built.append(weakref.ref(value))
        return value

    def load(folder: Path) -> _Value:
        gc.collect()
        loads.append(built[-1]() is not None)
        if not reads_back or (folder / "value.txt").read_text() != "saved":
            raise ValueError("not as saved")
        return _Value()

    def save(_value: _Value, folder: Path) -> None:
        (folder / "value.txt").write_text("saved")

    return built, Artefact("watched-0123456789abcdef", build, load, save)


def test_a_fresh_build_is_gone_before_its_entry_is_read_back(engine: Engine):
    """The cold build's peak was the built value and its read-back held at once."""
    loads: list[bool] = []
    built, artefact = _watched(loads)
    served = engine.artefacts.get(artefact)
    assert loads == [False] and len(built) == 1
    assert isinstance(served, _Value) and built[0]() is not served


def test_a_fresh_entry_that_does_not_read_back_is_built_again_and_served(
        engine: Engine):
    loads: list[bool] = []
    built, artefact = _watched(loads, reads_back=False)
    served = engine.artefacts.get(artefact)
    assert loads == [False] and len(built) == 2 and built[1]() is served


def test_a_catalogue_change_in_columns_a_model_does_not_read_keeps_its_entry(
        tiny: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """Raising the catalogue's format for the billing (cast kept to fifteen names) built
    every model again, For this user's training too, which reads no cast: twenty minutes at
    ml-32m's shape. A format that names the columns it changed rebuilds their readers only,
    and the readers' old entries go as an upgrade's do."""
    from tui_recsys.data import catalog

    engine = make_engine(tiny, cache_dir, trainer=seeded_factors)
    names = ("chart", "story", "cast", "person", "for-user")
    for name in names:
        engine.prepare(engine.strategy(name))
    before = {name: {path.name for path in cache_dir.glob(f"{name}-*")} for name in names}
    monkeypatch.setattr(catalog, "CATALOG_FORMAT", catalog.CATALOG_FORMAT + 1)
    monkeypatch.setattr(engine_module, "CATALOG_FORMAT", catalog.CATALOG_FORMAT)
    monkeypatch.setattr(catalog, "CHANGED", {**catalog.CHANGED,
                                             catalog.CATALOG_FORMAT: frozenset({"movies.cast"})})
    def never(*_args: object) -> None:
        raise AssertionError("For this user was trained again")

    upgraded = make_engine(tiny, cache_dir, trainer=never)
    kept = {name for name in names if upgraded.is_ready(upgraded.strategy(name))}
    assert kept == {"chart", "story", "for-user"}  # cast and person read the billing
    for name in names:
        upgraded.prepare(upgraded.strategy(name))
    after = {name: {path.name for path in cache_dir.glob(f"{name}-*")} for name in names}
    assert {name for name in names if after[name] == before[name]} == kept
    assert all(len(after[name]) == 1 for name in names)  # the replaced entries went
    assert len(list(cache_dir.glob("catalog-*"))) == 1  # the catalogue read it afresh


@pytest.mark.parametrize("name", ["chart", "story", "cast", "person", "for-user"])
def test_each_model_is_built_from_the_columns_it_declares(tiny: Path, cache_dir: Path,
                                                          name: str):
    """What keeps a model's entry across a catalogue change (above) is the columns it says it
    reads: a build that read another would be kept while stale."""
    from dataclasses import replace

    from tui_recsys.data.catalog import ALL_COLUMNS, CATALOG_FORMAT, CHANGED

    engine = make_engine(tiny, cache_dir, trainer=seeded_factors)
    strategy = engine.strategy(name)
    reads = strategy.reads()
    assert reads < ALL_COLUMNS
    assert all(columns <= ALL_COLUMNS and version <= CATALOG_FORMAT  # a misspelt column
               for version, columns in CHANGED.items())  # would rebuild nothing
    whole = engine.catalog()
    only = replace(whole, **{table: getattr(whole, table)[[
        column for column in getattr(whole, table).columns if f"{table}.{column}" in reads]]
        for table in ("movies", "ml_movies", "ratings")})
    built = strategy.build(only, engine.source(), BuildContext())
    assert built is not None
