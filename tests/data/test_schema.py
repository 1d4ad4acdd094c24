from pathlib import Path

import pandas as pd
import pytest

from tests.support import hub_tmdb_frame, movielens_frames, write_dataset
from tui_recsys.cli.main import main
from tui_recsys.data.catalog import load_catalog
from tui_recsys.data.sources import LocalFolder
from tui_recsys.errors import DataError


def _catalog_error(root: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_catalog(LocalFolder(root))
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("column", ["genres", "keywords", "cast", "crew"])
def test_malformed_json_names_file_column_and_movie(tmp_path: Path, column: str):
    frame = hub_tmdb_frame()
    frame.loc[2, column] = '[{"name": "broken"'
    message = _catalog_error(write_dataset(tmp_path / "d", tmdb_frame=frame))
    assert "tmdb_5000_movies.parquet" in message
    assert f"column {column}" in message and f"id {frame.loc[2, 'id']}" in message


def test_json_that_is_not_a_list_of_objects(tmp_path: Path):
    frame = hub_tmdb_frame()
    frame.loc[0, "genres"] = '"Drama"'
    assert "not a JSON list" in _catalog_error(write_dataset(tmp_path / "d", tmdb_frame=frame))


def test_missing_column(tmp_path: Path):
    frame = hub_tmdb_frame().drop(columns="vote_count")
    message = _catalog_error(write_dataset(tmp_path / "d", tmdb_frame=frame))
    assert "missing column(s) vote_count" in message


def test_duplicate_tmdb_id(tmp_path: Path):
    frame = hub_tmdb_frame()
    frame.loc[1, "id"] = frame.loc[0, "id"]
    message = _catalog_error(write_dataset(tmp_path / "d", tmdb_frame=frame))
    assert f"id {frame.loc[0, 'id']} appears more than once" in message


def test_empty_table(tmp_path: Path):
    frame = hub_tmdb_frame().iloc[0:0]
    assert "has no rows" in _catalog_error(write_dataset(tmp_path / "d", tmdb_frame=frame))


def test_non_numeric_vote(tmp_path: Path):
    frame = hub_tmdb_frame().astype({"vote_average": str})
    frame.loc[3, "vote_average"] = "high"
    message = _catalog_error(write_dataset(tmp_path / "d", tmdb_frame=frame))
    assert "column vote_average has 'high'" in message


def test_a_runtime_of_0_minutes_is_unknown(tmp_path: Path):
    """TMDB writes 0 for 35 of its films: charted as "0 min", and "under 100" let them in."""
    frame = hub_tmdb_frame()
    frame.loc[0, "runtime"], frame.loc[1, "runtime"] = 0.0, None
    movies = load_catalog(LocalFolder(write_dataset(tmp_path / "d", tmdb_frame=frame))).movies
    assert movies["runtime"].iloc[:2].isna().all() and movies["runtime"].iloc[2:].gt(0).all()


def _movielens_with(table: str, change) -> dict[str, pd.DataFrame]:
    frames = movielens_frames()
    frames[table] = change(frames[table].copy())
    return frames


def _set(column: str, value: object):
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.astype({column: object})
        frame.loc[4, column] = value
        return frame
    return change


@pytest.mark.parametrize(("table", "change", "expected"), [
    ("ratings", _set("rating", "five"), "column rating has 'five' at data row 5"),
    ("ratings", _set("rating", 7.0), "rating 7.0 at data row 5 is outside 0.5-5.0"),
    ("ratings", _set("userId", "x"), "column userId has 'x'"),
    ("ratings", lambda f: pd.concat([f, f.iloc[[0]]]), "rates movie 1 more than once"),
    ("ratings", lambda f: f.iloc[0:0], "ratings.csv: the table has no rows"),
    ("movies", lambda f: pd.concat([f, f.iloc[[0]]]), "movieId 1 appears more than once"),
    ("movies", lambda f: f.drop(columns="genres"), "missing column(s) genres"),
    ("links", lambda f: f.drop(columns="tmdbId"), "links.csv: missing column(s) tmdbId"),
])
def test_bad_movielens_tables(tmp_path: Path, table: str, change, expected: str):
    root = write_dataset(tmp_path / "d", movielens=_movielens_with(table, change))
    assert expected in _catalog_error(root)


def test_cli_shows_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    frame = hub_tmdb_frame()
    frame.loc[0, "crew"] = "{not json"
    root = write_dataset(tmp_path / "d", tmdb_frame=frame)
    assert main(["recommend", "chart", "--data", str(root)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "column crew" in err[0] and "Traceback" not in err[0]
