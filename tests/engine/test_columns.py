from pathlib import Path

import numpy as np
import pytest

from tui_recsys.engine.columns import Kind, load_columns, save_columns

KINDS: dict[str, Kind] = {"title": "text", "year": "int?", "votes": "int", "mean": "float?",
                          "cast": "texts", "counts": "ints", "score": "float"}


def test_columns_come_back_as_saved_with_missing_numbers_as_none(tmp_path: Path):
    columns = {"title": ["Amélie", "[bold]x[/]"], "year": [np.int64(2001), None],
               "votes": [3, np.int32(4)], "mean": [np.float64("nan"), 4.5],
               "cast": [["A", "B"], []], "counts": [[1, 2], [np.int64(3)]], "score": [1, 2.5]}
    save_columns(tmp_path / "rows.json", KINDS, columns)
    loaded = load_columns(tmp_path / "rows.json", KINDS, rows=2)
    assert loaded == {"title": ["Amélie", "[bold]x[/]"], "year": [2001, None], "votes": [3, 4],
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
        load_columns(tmp_path / "rows.json", {"title": "text", "year": "int?"})


def test_a_list_of_the_wrong_items_is_refused(tmp_path: Path):
    (tmp_path / "rows.json").write_text('{"cast": [["a", 1]]}')
    with pytest.raises(ValueError, match="cast"):
        load_columns(tmp_path / "rows.json", {"cast": "texts"})


def test_a_column_count_other_than_asked_is_refused(tmp_path: Path):
    save_columns(tmp_path / "rows.json", {"title": "text"}, {"title": ["a", "b"]})
    with pytest.raises(ValueError, match="3"):
        load_columns(tmp_path / "rows.json", {"title": "text"}, rows=3)
