import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from tests.support import write_dataset
from tui_recsys.data.catalog import load_catalog
from tui_recsys.data.sources import HubSource, LocalFolder, open_source
from tui_recsys.errors import DataError, SourceUnavailable


@pytest.mark.parametrize("tmdb", ["parquet", "csv", "csv.gz"])
@pytest.mark.parametrize("nested", [True, False])
def test_every_layout_gives_the_same_catalog(tmp_path: Path, tmdb: str, nested: bool):
    reference = load_catalog(LocalFolder(write_dataset(tmp_path / "ref")))
    catalog = load_catalog(LocalFolder(write_dataset(tmp_path / "d", tmdb=tmdb, nested=nested)))
    assert catalog.movies.drop(columns="popularity").equals(
        reference.movies.drop(columns="popularity"))
    assert list(catalog.movies["id"]) == sorted(catalog.movies["id"])


def test_fingerprint_is_stable_and_follows_the_content(tmp_path: Path):
    root = write_dataset(tmp_path / "d")
    first = LocalFolder(root).fingerprint()
    assert LocalFolder(root).fingerprint() == first
    ratings = root / "ml-latest-small" / "ratings.csv"
    ratings.write_text(ratings.read_text().replace("4.5", "3.5", 1))
    assert LocalFolder(root).fingerprint() != first


@pytest.mark.parametrize("release", ["ml-latest", "ml-25m", "ml-32m"])
def test_a_movielens_release_folder_as_it_unpacks(tmp_path: Path, release: str):
    root = write_dataset(tmp_path / "d")
    (root / "ml-latest-small").rename(root / release)
    source = LocalFolder(root)
    assert source.origin("ratings") == str(root / release / "ratings.csv")
    assert len(load_catalog(source).ratings) > 0


def test_two_movielens_releases_in_one_folder_are_named(tmp_path: Path):
    root = write_dataset(tmp_path / "d")
    shutil.copytree(root / "ml-latest-small", root / "ml-32m")
    with pytest.raises(DataError, match=r"2 MovieLens releases \(ml-latest-small, ml-32m\)"):
        LocalFolder(root)


def test_fingerprint_follows_the_content_not_the_times(tmp_path: Path):
    root = write_dataset(tmp_path / "d")
    first = LocalFolder(root).fingerprint()
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, copy_function=shutil.copyfile)  # the same files, new times
    assert LocalFolder(copy).fingerprint() == first
    ratings = copy / "ml-latest-small" / "ratings.csv"
    status = ratings.stat()
    ratings.write_text(ratings.read_text().replace("4.0", "3.0", 1))  # the same size
    os.utime(ratings, ns=(status.st_atime_ns, status.st_mtime_ns))  # and time
    assert LocalFolder(copy).fingerprint() != first


def test_missing_folder_names_it(tmp_path: Path):
    with pytest.raises(DataError, match="does not exist"):
        LocalFolder(tmp_path / "nowhere")
    # `--data README.md` (a file of the data folder) said the file did not exist
    (tmp_path / "README.md").write_text("the data's notes")
    with pytest.raises(DataError, match=r"README\.md is a file, not a folder; pass --data"):
        LocalFolder(tmp_path / "README.md")


def test_movies_csv_without_credits(tmp_path: Path):
    root = write_dataset(tmp_path / "d", tmdb="csv")
    (root / "tmdb" / "tmdb_5000_credits.csv").unlink()
    with pytest.raises(DataError, match=r"no tmdb_5000_credits\.csv"):
        LocalFolder(root)


@pytest.mark.parametrize(("name", "other"), [("ratings.csv", "movies.csv"),
                                           ("movies.csv", "ratings.csv")])
def test_half_a_movielens_release_is_named(tmp_path: Path, name: str, other: str):
    root = write_dataset(tmp_path / "d")
    (root / "ml-latest-small" / name).unlink()
    with pytest.raises(DataError, match=re.escape(f"found MovieLens {other} but no {name}")):
        LocalFolder(root)


@pytest.mark.parametrize("nested", [True, False])
def test_movielens_alone(tmp_path: Path, nested: bool):
    source = LocalFolder(write_dataset(tmp_path / "d", tmdb=None, nested=nested))
    assert source.catalogues() == {"MovieLens"}
    catalog = load_catalog(source)
    assert catalog.movies.empty and not catalog.has_tmdb
    assert not catalog.ratings.empty and catalog.ml_movies["tmdb_id"].isna().all()


@pytest.mark.parametrize("tmdb", ["parquet", "csv.gz"])
def test_tmdb_alone(tmp_path: Path, tmdb: str):
    source = LocalFolder(write_dataset(tmp_path / "d", tmdb=tmdb, with_movielens=False))
    assert source.catalogues() == {"TMDB 5000"}
    catalog = load_catalog(source)
    assert catalog.has_tmdb and catalog.ratings.empty
    assert catalog.ml_movies.empty and list(catalog.ratings.columns) == [
        "user_id", "movie_id", "rating"]


def test_a_folder_with_neither_says_what_it_needs(tmp_path: Path):
    (tmp_path / "d").mkdir()
    with pytest.raises(DataError, match="no TMDB or MovieLens data found"):
        LocalFolder(tmp_path / "d")


def test_unreadable_file_is_named(tmp_path: Path):
    root = write_dataset(tmp_path / "d")
    (root / "tmdb" / "tmdb_5000_movies.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(DataError, match=r"tmdb_5000_movies\.parquet: cannot be read"):
        LocalFolder(root).read()


def test_no_folder_means_the_hub():
    assert isinstance(open_source(None), HubSource)


@pytest.mark.parametrize("imported_first", [True, False])
def test_hub_unreachable_fails_at_once_pointing_at_data(tmp_path: Path, imported_first: bool):
    """With no network, the real `datasets` path must fail at its first check, not after
    retrying (~23 s of them once), and say how to use --data, whether or not `datasets` was
    imported before (its offline switches are read at import). The child has no network
    whatever this machine has: every connection is refused and counted; the one attempt is
    the reachability probe. Run in a child so HF_* settings are fresh."""
    script = textwrap.dedent(f"""
        import socket
        attempts = []

        def refused(*args, **kwargs):
            attempts.append(args)
            raise OSError("no network in this test")

        socket.create_connection = refused
        socket.socket.connect = lambda self, *a: refused(*a)
        socket.socket.connect_ex = lambda self, *a: refused(*a)
        {"import datasets" if imported_first else ""}
        from tui_recsys.data.sources import HubSource
        from tui_recsys.errors import SourceUnavailable
        try:
            HubSource().read()
        except SourceUnavailable as exc:
            print(len(attempts))
            print(exc)
    """)
    env = {"PATH": "/usr/bin:/bin", "HF_HOME": str(tmp_path / "hf"),
           "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=120, check=True)
    attempts, message = result.stdout.strip().splitlines()
    assert int(attempts) == 1, "the Hub path tried the network again instead of failing"
    assert "dieineb/tmdb_5000_movies" in message and "--data" in message


def test_hub_errors_become_one_line(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(SourceUnavailable) as caught:
        HubSource(reachable=lambda: False).read()
    assert "\n" not in str(caught.value)


def test_ratings_are_read_typed_by_arrow_and_by_pandas_when_arrow_cannot(tmp_path: Path):
    """Arrow's reader types the columns and skips the timestamps; a file it cannot type is
    read by pandas as it is, so that validation names the row at fault."""
    root = write_dataset(tmp_path / "d")
    ratings = LocalFolder(root).read().ratings
    assert ratings is not None and list(ratings.columns) == ["userId", "movieId", "rating"]
    assert str(ratings["rating"].dtype) == "float32"
    path = root / "ml-latest-small" / "ratings.csv"
    path.write_text(path.read_text().replace("4.5", "four", 1))
    raw = LocalFolder(root).read().ratings
    assert raw is not None and "timestamp" in raw.columns  # pandas, as the file is
    with pytest.raises(DataError, match=r"ratings\.csv: column rating has 'four'"):
        load_catalog(LocalFolder(root))


def test_rating_times_are_read_apart_and_only_where_the_file_has_them(tmp_path: Path):
    from tui_recsys.data.sources import rating_times

    root = write_dataset(tmp_path / "data")
    times = rating_times(LocalFolder(root))
    assert times is not None and list(times.columns) == ["user_id", "movie_id", "timestamp"]
    assert len(times) == len(pd.read_csv(next(root.rglob("ratings.csv"))))
    ratings = next(root.rglob("ratings.csv"))
    pd.read_csv(ratings).drop(columns="timestamp").to_csv(ratings, index=False)
    assert rating_times(LocalFolder(root)) is None
