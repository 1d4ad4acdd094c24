import json
import os
import time
from pathlib import Path

import pytest

from tui_recsys.engine.cache import store as store_module
from tui_recsys.engine.cache.store import CACHEDIR_TAG, Store, entry_name

X = entry_name("x", "fp", {}, 1)
Y = entry_name("y", "fp", {}, 1)


def _write(text: str):
    def write(folder: Path) -> None:
        (folder / "a.json").write_text(text)
    return write


def _ours(root: Path) -> list[str]:
    """What the cache left, besides its tag."""
    return sorted(p.name for p in root.iterdir() if p.name != CACHEDIR_TAG)


def test_put_then_fetch(tmp_path: Path):
    store = Store(tmp_path / "c")
    store.put(X, _write("[1]"), {"kind": "x"})
    folder = store.fetch(X)
    assert folder is not None and json.loads((folder / "a.json").read_text()) == [1]
    assert [e.name for e in store.entries()] == [X]
    assert _ours(tmp_path / "c") == [X]


def test_a_new_cache_folder_is_tagged_as_a_cache(tmp_path: Path):
    Store(tmp_path / "c").put(X, _write("1"), {})
    assert (tmp_path / "c" / CACHEDIR_TAG).read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


def test_a_folder_that_holds_other_things_is_not_tagged(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine")
    Store(tmp_path).put(X, _write("1"), {})
    assert not (tmp_path / CACHEDIR_TAG).exists()
    assert (tmp_path / X).is_dir()


def test_damaged_entry_is_detected_and_removed(tmp_path: Path):
    store = Store(tmp_path / "c")
    store.put(X, _write("[1, 2, 3]"), {})
    (tmp_path / "c" / X / "a.json").write_text("[1, 2")  # truncated
    assert store.fetch(X) is None
    assert not (tmp_path / "c" / X).exists()
    assert "damaged" in store.warnings[0]


def test_a_file_is_hashed_again_only_once_changed(tmp_path: Path, monkeypatch):
    store = Store(tmp_path / "c")
    store.put(X, _write("[1, 2, 3]"), {})
    hashed = []
    real = store_module._sha256
    monkeypatch.setattr(store_module, "_sha256", lambda path: hashed.append(path) or real(path))
    assert store.fetch(X) is not None and hashed == []  # as written: trusted, not re-read
    path = tmp_path / "c" / X / "a.json"
    written = path.stat()
    time.sleep(0.01)
    path.write_text("[1, 2, 4]")  # the same size, another content
    os.utime(path, ns=(written.st_atime_ns, written.st_mtime_ns))  # its time set back
    assert store.fetch(X) is None and hashed == [path]
    assert "does not match its checksum" in store.warnings[0]


def test_a_file_touched_but_intact_is_still_served(tmp_path: Path):
    store = Store(tmp_path / "c")
    store.put(X, _write("[1]"), {})
    time.sleep(0.01)
    os.utime(tmp_path / "c" / X / "a.json")
    assert store.fetch(X) is not None and store.warnings == []


def test_missing_manifest_is_not_an_entry(tmp_path: Path):
    (tmp_path / "c" / X).mkdir(parents=True)
    assert Store(tmp_path / "c").fetch(X) is None


def test_a_folder_without_its_manifest_is_replaced(tmp_path: Path):
    (tmp_path / "c" / X).mkdir(parents=True)
    (tmp_path / "c" / X / "a.json").write_text("half")
    store = Store(tmp_path / "c")
    store.put(X, _write("[7]"), {})
    folder = store.fetch(X)
    assert folder is not None and (folder / "a.json").read_text() == "[7]"


def test_an_entry_name_that_is_a_link_is_replaced_and_its_target_kept(tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep me")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / X).symlink_to(elsewhere, target_is_directory=True)
    store = Store(tmp_path / "c")
    assert store.fetch(X) is None and not store.has(X)
    store.put(X, _write("[7]"), {})
    assert not (tmp_path / "c" / X).is_symlink()
    assert store.fetch(X) is not None
    assert (elsewhere / "precious.txt").read_text() == "keep me"


def test_an_intact_entry_is_kept_unless_replaced(tmp_path: Path):
    """`put` names the folder that holds the entry: its own, or the intact one it kept."""
    store = Store(tmp_path / "c")
    assert store.put(X, _write("[1]"), {}) == tmp_path / "c" / X
    assert store.put(X, _write("[2]"), {}) == tmp_path / "c" / X
    assert (store.fetch(X) / "a.json").read_text() == "[1]"
    assert store.put(X, _write("[3]"), {}, replace=True) == tmp_path / "c" / X
    assert (store.fetch(X) / "a.json").read_text() == "[3]"
    assert _ours(tmp_path / "c") == [X]


def test_a_failed_write_leaves_nothing(tmp_path: Path):
    store = Store(tmp_path / "c")

    def explode(folder: Path) -> None:
        (folder / "half").write_text("half")
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        store.put(X, explode, {})
    assert _ours(tmp_path / "c") == []


def test_unwritable_root_warns_once(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = Store(blocker / "cache")
    assert store.put(X, _write("1"), {}) is None
    assert store.put(Y, _write("2"), {}) is None
    assert store.fetch(X) is None
    assert len(store.warnings) == 1 and "not writable" in store.warnings[0]


def test_keys_change_with_data_params_and_version():
    base = entry_name("content", "fp", {"k": 1}, 1)
    assert base == entry_name("content", "fp", {"k": 1}, 1)
    assert len({base, entry_name("content", "fp2", {"k": 1}, 1),
                entry_name("content", "fp", {"k": 2}, 1),
                entry_name("content", "fp", {"k": 1}, 2)}) == 4


def test_clear(tmp_path: Path):
    store = Store(tmp_path / "c")
    store.put(X, _write("1"), {})
    store.put(Y, _write("1"), {})
    cleared = store.clear()
    assert (cleared.removed, cleared.skipped) == (2, [])
    assert store.entries() == []


def test_clear_removes_only_what_the_cache_wrote(tmp_path: Path):
    """A --cache-dir that also holds the user's data: only entries go, named as ours and
    carrying a manifest that names them back."""
    root = tmp_path / "mixed"
    (root / "my_notes").mkdir(parents=True)
    (root / "my_notes" / "todo.txt").write_text("mine")
    (root / "ratings.csv").write_text("userId,movieId,rating\n")
    lookalike = root / entry_name("catalog", "other", {}, 1)  # our naming, no manifest
    lookalike.mkdir()
    impostor = root / "catalog-0123456789abcdef"  # a manifest that names another entry
    impostor.mkdir()
    (impostor / "manifest.json").write_text(json.dumps({"name": "something-else"}))
    store = Store(root)
    store.put(X, _write("1"), {})
    cleared = store.clear()
    assert cleared.removed == 1
    assert sorted(cleared.skipped) == sorted([impostor.name, lookalike.name, "my_notes",
                                              "ratings.csv"])
    assert (root / "my_notes" / "todo.txt").read_text() == "mine"
    assert (root / "ratings.csv").exists() and lookalike.exists() and impostor.exists()
    assert not (root / X).exists()


def test_clear_through_a_linked_root_touches_only_entries(tmp_path: Path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "unrelated").mkdir()
    (real / "unrelated" / "keep.txt").write_text("keep")
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    store = Store(tmp_path / "link")
    store.put(X, _write("1"), {})
    assert store.clear().skipped == ["unrelated"]
    assert (real / "unrelated" / "keep.txt").read_text() == "keep"


def test_clear_never_follows_a_linked_entry(tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "manifest.json").write_text(json.dumps({"name": X}))
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / X).symlink_to(elsewhere, target_is_directory=True)
    assert Store(tmp_path / "c").clear().skipped == [X]
    assert (elsewhere / "manifest.json").exists()


def test_clear_sweeps_abandoned_staging_folders_only(tmp_path: Path):
    store = Store(tmp_path / "c")
    store.put(X, _write("1"), {})
    old = tmp_path / "c" / ".tui-recsys-tmp-old"
    fresh = tmp_path / "c" / ".tui-recsys-tmp-fresh"  # another process is writing it now
    old.mkdir()
    fresh.mkdir()
    hour_ago = time.time() - 7200
    os.utime(old, (hour_ago, hour_ago))
    assert store.clear().skipped == []
    assert not old.exists() and fresh.exists()


def test_a_full_disk_costs_the_entry_not_the_answer(tmp_path: Path):
    store = Store(tmp_path / "c")

    def disk_full(folder: Path) -> None:
        raise OSError(28, "No space left on device")

    assert store.put(X, disk_full, {}) is None
    assert store.fetch(X) is None
    assert "No space left on device" in store.warnings[0]
    assert str(tmp_path / "c" / X) in store.warnings[0]
    assert _ours(tmp_path / "c") == []


def test_a_file_named_as_the_cache_folder_is_said_to_be_one(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("mine")
    store = Store(blocker)
    assert store.put(X, _write("1"), {}) is None
    assert store.warnings == [f"cache folder {blocker} is a file, not a folder; running "
                              f"without a cache: pass --cache-dir or set TUI_RECSYS_CACHE_DIR"]
    assert blocker.read_text() == "mine"
