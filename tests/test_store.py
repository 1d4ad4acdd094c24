import json
from pathlib import Path

import pytest

from tui_recsys.engine.store import Store, entry_name


def _write(text: str):
    def write(folder: Path) -> None:
        (folder / "a.json").write_text(text)
    return write


def test_put_then_fetch(tmp_path: Path):
    store = Store(tmp_path / "c")
    store.put("x-1", _write("[1]"), {"kind": "x"})
    folder = store.fetch("x-1")
    assert folder is not None and json.loads((folder / "a.json").read_text()) == [1]
    assert [e.name for e in store.entries()] == ["x-1"]
    assert not [p for p in (tmp_path / "c").iterdir() if p.name.startswith(".tmp-")]


def test_damaged_entry_is_detected_and_removed(tmp_path: Path):
    store = Store(tmp_path / "c")
    store.put("x-1", _write("[1, 2, 3]"), {})
    (tmp_path / "c" / "x-1" / "a.json").write_text("[1, 2")  # truncated
    assert store.fetch("x-1") is None
    assert not (tmp_path / "c" / "x-1").exists()
    assert "damaged" in store.warnings[0]


def test_missing_manifest_is_not_an_entry(tmp_path: Path):
    (tmp_path / "c" / "x-1").mkdir(parents=True)
    assert Store(tmp_path / "c").fetch("x-1") is None


def test_a_failed_write_leaves_nothing(tmp_path: Path):
    store = Store(tmp_path / "c")

    def explode(folder: Path) -> None:
        (folder / "half").write_text("half")
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        store.put("x-1", explode, {})
    assert list((tmp_path / "c").iterdir()) == []


def test_unwritable_root_warns_once(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = Store(blocker / "cache")
    store.put("x-1", _write("1"), {})
    store.put("x-2", _write("2"), {})
    assert store.fetch("x-1") is None
    assert len(store.warnings) == 1 and "not writable" in store.warnings[0]


def test_keys_change_with_data_params_and_version():
    base = entry_name("content", "fp", {"k": 1}, 1)
    assert base == entry_name("content", "fp", {"k": 1}, 1)
    assert len({base, entry_name("content", "fp2", {"k": 1}, 1),
                entry_name("content", "fp", {"k": 2}, 1),
                entry_name("content", "fp", {"k": 1}, 2)}) == 4


def test_clear(tmp_path: Path):
    store = Store(tmp_path / "c")
    store.put("x-1", _write("1"), {})
    store.put("y-1", _write("1"), {})
    assert store.clear() == 2
    assert store.entries() == []


def test_a_full_disk_costs_the_entry_not_the_answer(tmp_path: Path):
    store = Store(tmp_path / "c")

    def disk_full(folder: Path) -> None:
        raise OSError(28, "No space left on device")

    store.put("x-1", disk_full, {})
    assert store.fetch("x-1") is None
    assert "No space left on device" in store.warnings[0]
    assert [p for p in (tmp_path / "c").iterdir()] == []
