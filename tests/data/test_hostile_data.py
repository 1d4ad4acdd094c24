"""Data files are untrusted: hostile cells must become clean text or a one-line error that
names the file, never a wrapped number, a traceback or a terminal command."""

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from tests.support import hub_tmdb_frame, movielens_frames, write_dataset
from tui_recsys.cli.main import main
from tui_recsys.data.catalog import load_catalog
from tui_recsys.data.sources import LocalFolder
from tui_recsys.errors import DataError
from tui_recsys.text import REPLACEMENT, clean, echo

HOSTILE = {
    "markup": "[@click=app.quit]Inception[/]",
    "bad tag": "Pulp [/nope] Fiction",
    "osc": "Alien\x1b]0;PWNED\x07",
    "csi": "\x1b[31mRed\x1b[0m Dawn",
    "newline": "Two\nLines",
    "bidi": "abc\u202edcba",
    "c1": "Bell\x9b2J",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_clean_leaves_nothing_a_terminal_acts_on(text: str):
    cleaned = clean(text)
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f or c in "\u202e\u2066"
                   for c in cleaned)
    assert clean(cleaned) == cleaned


def test_markup_is_kept_as_text_and_line_breaks_become_spaces():
    assert clean("[bold]x[/]") == "[bold]x[/]"
    assert clean("Two\nLines\tTab") == "Two Lines Tab"
    assert clean("a\x1bb") == f"a{REPLACEMENT}b"


def test_echo_cuts_and_escapes():
    assert echo("x" * 131_000) == repr("x" * 59 + "…")
    assert echo("a\x1b]0;t\x07") == repr("a\x1b]0;t\x07")
    assert "\x1b" not in echo("a\x1b")


def _catalog(root: Path):
    return load_catalog(LocalFolder(root))


def test_control_characters_are_neutralised_in_every_text_column(tmp_path: Path):
    frame = hub_tmdb_frame()
    frame.loc[0, "title"] = HOSTILE["osc"]
    frame.loc[0, "overview"] = "Line one\nline two\x1b[2J"
    frame.loc[1, "genres"] = json.dumps([{"id": 1, "name": "Dra\x1bma"}])
    frame.loc[1, "cast"] = json.dumps([{"name": "Evil\u202eName", "order": 0}])
    frames = movielens_frames()
    frames["movies"].loc[0, "title"] = "Band of \x1b[5mBrothers (2001)"
    frames["movies"].loc[0, "genres"] = "Drama|Wa\x07r"
    catalog = _catalog(write_dataset(tmp_path / "d", tmdb_frame=frame, movielens=frames))
    texts = [*catalog.movies["title"], *catalog.movies["overview"], *catalog.ml_movies["title"],
             *(g for gs in catalog.movies["genres"] for g in gs),
             *(c for cs in catalog.movies["cast"] for c in cs),
             *(g for gs in catalog.ml_movies["genres"] for g in gs)]
    assert all(text == clean(text) for text in texts)
    assert f"Alien{REPLACEMENT}]0;PWNED{REPLACEMENT}" in set(catalog.movies["title"])
    assert "Line one line two" in catalog.movies["overview"].iloc[0]
    assert f"Band of {REPLACEMENT}[5mBrothers" in set(catalog.ml_movies["title"])


def test_markup_in_titles_is_kept_literally(tmp_path: Path):
    frame = hub_tmdb_frame()
    frame.loc[0, "title"] = HOSTILE["markup"]
    catalog = _catalog(write_dataset(tmp_path / "d", tmdb_frame=frame))
    assert HOSTILE["markup"] in set(catalog.movies["title"])


def _one_line_error(root: Path) -> str:
    with pytest.raises(DataError) as caught:
        _catalog(root)
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("value", ["99999999999999999999999", "18446744073709551615",
                                   "-99999999999999999999"])
def test_a_user_id_int64_cannot_hold_is_refused_not_wrapped(tmp_path: Path, value: str):
    root = write_dataset(tmp_path / "d")
    ratings = root / "ml-latest-small" / "ratings.csv"
    ratings.write_text(ratings.read_text() + f"{value},1,4.0,964982703\n")
    message = _one_line_error(root)
    assert "ratings.csv: column userId has" in message and "too large" in message
    assert "data row 11" in message


def test_a_tmdb_id_int64_cannot_hold_is_refused(tmp_path: Path):
    root = write_dataset(tmp_path / "d", tmdb="csv")
    movies = root / "tmdb" / "tmdb_5000_movies.csv"
    frame = pd.read_csv(movies, dtype=str)
    frame.loc[2, "id"] = "99999999999999999999999"
    frame.to_csv(movies, index=False)
    message = _one_line_error(root)
    assert "tmdb_5000_movies.csv: column id has" in message and "too large" in message


def test_deeply_nested_json_is_a_data_error(tmp_path: Path):
    frame = hub_tmdb_frame()
    frame.loc[3, "genres"] = "[" * 100_000 + "]" * 100_000
    message = _one_line_error(write_dataset(tmp_path / "d", tmdb_frame=frame))
    assert "tmdb_5000_movies.parquet: column genres" in message and "too deeply" in message
    assert f", id {frame.loc[3, 'id']} " in message  # the row it is in


@pytest.mark.parametrize(("column", "cell", "said"), [
    ("crew", '[{"name": "A", "job": "Director"', "is not valid JSON"),
    ("cast", '[{"name": "A"}, {"character": "B"}]', "has an entry without a 'name'"),
    ("keywords", '{"name": "space"}', "is not a JSON list of objects"),
])
def test_a_bad_json_cell_is_named_by_its_row(tmp_path: Path, column: str, cell: str,
                                             said: str):
    """The row is named only when something is wrong with it (a label made for every row
    was a third of building the real catalogue), and it is the right row."""
    frame = hub_tmdb_frame()
    frame.loc[5, column] = cell
    message = _one_line_error(write_dataset(tmp_path / "d", tmdb_frame=frame))
    position = sorted(frame["id"]).index(frame.loc[5, "id"])
    assert (f"column {column} at data row {position + 1}, id {frame.loc[5, 'id']} {said}"
            in message), message


def test_a_truncated_gzip_is_named(tmp_path: Path):
    root = write_dataset(tmp_path / "d", tmdb="csv.gz")
    credits = root / "tmdb" / "tmdb_5000_credits.csv.gz"
    credits.write_bytes(credits.read_bytes()[: len(credits.read_bytes()) // 2])
    message = _one_line_error(root)
    assert str(credits) in message and "intact copy" in message


def test_a_corrupt_gzip_is_named(tmp_path: Path):
    root = write_dataset(tmp_path / "d", tmdb="csv.gz")
    credits = root / "tmdb" / "tmdb_5000_credits.csv.gz"
    data = bytearray(gzip.compress(b"movie_id,title,cast,crew\n" * 1000))
    data[40:60] = b"\xff" * 20
    credits.write_bytes(bytes(data))
    assert str(credits) in _one_line_error(root)


@pytest.mark.parametrize("case", ["nested", "truncated"])
def test_the_cli_exits_2_naming_the_file(tmp_path: Path, capsys, case: str):
    if case == "nested":
        frame = hub_tmdb_frame()
        frame.loc[3, "genres"] = "[" * 100_000 + "]" * 100_000
        root = write_dataset(tmp_path / "d", tmdb_frame=frame)
        named = "tmdb_5000_movies.parquet"
    else:
        root = write_dataset(tmp_path / "d", tmdb="csv.gz")
        credits = root / "tmdb" / "tmdb_5000_credits.csv.gz"
        credits.write_bytes(credits.read_bytes()[:200])
        named = "tmdb_5000_credits.csv.gz"
    assert main(["recommend", "chart", "--data", str(root)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and named in err[0] and "unexpected" not in err[0]


def test_cli_rows_stay_one_line_and_carry_no_escapes(tmp_path: Path, capsys):
    frame = hub_tmdb_frame()
    frame.loc[frame["id"] == 19995, "title"] = "Ava\ntar\x1b]0;PWNED\x07 [bold]x[/]"
    root = write_dataset(tmp_path / "d", tmdb_frame=frame)
    assert main(["recommend", "chart", "-k", "3", "--data", str(root)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    [row] = [line for line in out.splitlines() if "Ava tar" in line]
    assert row.split()[:2] == ["1", "Ava"] and "[bold]x[/]" in row
    assert main(["recommend", "chart", "-k", "3", "--json", "--data", str(root)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == clean(
        "Ava\ntar\x1b]0;PWNED\x07 [bold]x[/]")
