from pathlib import Path

import numpy as np
import pytest

from tui_recsys.engine.cache.column_files import Kind, load_columns, save_columns

COLUMNS: dict[str, Kind] = {"title": "text", "year": "int?", "votes": "int", "mean": "float?",
                          "cast": "texts", "counts": "ints", "score": "float"}


def test_columns_come_back_as_saved_with_missing_numbers_as_none(tmp_path: Path):
    columns = {"title": ["Amélie", "[bold]x[/]"], "year": [np.int64(2001), None],
               "votes": [3, np.int32(4)], "mean": [np.float64("nan"), 4.5],
               "cast": [["A", "B"], []], "counts": [[1, 2], [np.int64(3)]], "score": [1, 2.5]}
    save_columns(tmp_path / "rows", COLUMNS, columns)
    loaded = load_columns(tmp_path / "rows", COLUMNS, rows=2)
    assert _plainly(loaded) == {
        "title": ["Amélie", "[bold]x[/]"], "year": [2001, None], "votes": [3, 4],
        "mean": [None, 4.5], "cast": [["A", "B"], []], "counts": [[1, 2], [3]],
        "score": [1, 2.5]}
    assert type(loaded["year"][0]) is int


@pytest.mark.parametrize("text", [
    '[1, 2]',  # not columns
    '{"title": ["a"]}',  # a column missing
    '{"title": ["a"], "year": [1, 2]}',  # lengths differ
    '{"title": [1], "year": [1]}',  # a number for a text
    '{"title": ["a"], "year": [true]}',  # a boolean is not a year
    '{"title": ["a"], "year": [1.5]}',  # nor a fraction
    '{"title": null, "year": [1]}',  # not a list
])
def test_columns_of_another_shape_are_refused(tmp_path: Path, text: str):
    (tmp_path / "rows.json").write_text(text)
    with pytest.raises(ValueError):
        load_columns(tmp_path / "rows", {"title": "text", "year": "int?"})


def test_a_list_of_the_wrong_items_is_refused(tmp_path: Path):
    (tmp_path / "rows.json").write_text('{"cast": [["a", 1]]}')
    with pytest.raises(ValueError, match="cast"):
        load_columns(tmp_path / "rows", {"cast": "texts"})


def test_a_column_count_other_than_asked_is_refused(tmp_path: Path):
    save_columns(tmp_path / "rows", {"title": "text"}, {"title": ["a", "b"]})
    with pytest.raises(ValueError, match="3"):
        load_columns(tmp_path / "rows", {"title": "text"}, rows=3)


def _plainly(columns: dict) -> dict:
    return {name: [list(cell) if isinstance(cell, list) else cell for cell in column]
            for name, column in columns.items()}


def test_every_column_is_arrays_and_rows_are_made_when_read(tmp_path: Path):
    columns = {"title": ["a", "Amélie", ""], "year": [1999, None, 3], "votes": [3, 4, 5],
               "mean": [None, 4.5, 1.0], "cast": [["A"], [], ["Zoë", "B"]],
               "counts": [[], [7, 8], [9]], "score": [1.0, 2.5, 0.0]}
    save_columns(tmp_path / "rows", COLUMNS, columns)
    assert not (tmp_path / "rows.json").exists()
    with np.load(tmp_path / "rows.npz") as saved:
        assert saved["votes"].tolist() == [3, 4, 5]
        assert saved["year__missing"].tolist() == [False, True, False]
    loaded = load_columns(tmp_path / "rows", COLUMNS)
    assert loaded["title"][1] == "Amélie" and loaded["cast"][-1] == ["Zoë", "B"]
    assert loaded["counts"][1:] == [[7, 8], [9]]
    with pytest.raises(IndexError):
        loaded["title"][3]
    assert _plainly(loaded) == columns
    # What search scans: each title as UTF-8 bytes.
    assert loaded["title"].of_text and not loaded["cast"].of_text
    assert loaded["title"].utf8_rows() == [b"a", "Amélie".encode(), b""]
    with pytest.raises(TypeError):
        loaded["cast"].utf8_rows()


def test_an_entry_written_as_json_still_loads(tmp_path: Path):
    (tmp_path / "rows.json").write_text('{"title": ["a"], "year": [null]}')
    assert load_columns(tmp_path / "rows", {"title": "text", "year": "int?"}) == {
        "title": ["a"], "year": [None]}


@pytest.mark.parametrize("damage", [
    {"year": np.array([1.5])},  # a fraction for a year
    {"year__missing": np.array([1, 0])},  # a mask that does not fit
    {"counts__offsets": np.array([0, 5])},  # offsets past the values
    {"title": np.frombuffer(b"\xff", dtype=np.uint8)},  # not UTF-8
    {"title__offsets": np.array([0, 2])},  # past the text
    {"extra": np.array([1])},  # an array nobody wrote
])
def test_damaged_arrays_are_refused(tmp_path: Path, damage: dict):
    kinds: dict[str, Kind] = {"title": "text", "year": "int?", "counts": "ints"}
    save_columns(tmp_path / "rows", kinds, {"title": ["a"], "year": [2000],
                                                   "counts": [[1, 2]]})
    with np.load(tmp_path / "rows.npz") as saved:
        arrays = {name: saved[name] for name in saved.files}
    np.savez(tmp_path / "rows.npz", **{**arrays, **damage})
    with pytest.raises(ValueError):
        load_columns(tmp_path / "rows", kinds)
