import json
import os
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import make_engine, seeded_factors


@pytest.fixture
def trained(tiny: Path, cache_dir: Path) -> Path:
    """The models "For you" folds into, cached as the command line would find them."""
    engine = make_engine(tiny, cache_dir, trainer=seeded_factors)
    for name in ("for-user", "story", "cast", "chart"):
        engine.prepare(engine.strategy(name))
    return tiny


def test_ratings_live_in_the_user_data_folder_and_survive_cache_clear(trained: Path, capsys):
    code, out, err = run(capsys, "rate", "--movie", "matrix", "4.5", "--data", str(trained))
    assert code == 0 and out == "" and "rated The Matrix (1999) 4.5 stars" in err
    profile = Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys" / "profile.csv"
    assert profile.is_file()
    assert run(capsys, "cache", "clear")[0] == 0
    code, out, err = run(capsys, "profile", "show")
    assert code == 0 and "The Matrix" in out and "4.5" in out and str(profile) in err


def test_rate_again_remove_and_bad_stars(trained: Path, tmp_path: Path, capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    assert run(capsys, "rate", "--tmdb-id", "19995", "4", *where)[0] == 0
    assert "already rated" in run(capsys, "rate", "--tmdb-id", "19995", "4", *where)[2]
    code, _, err = run(capsys, "rate", "--movielens-id", "1", "4.2", *where)
    assert code == 2 and "0.5 to 5" in err
    assert run(capsys, "rate", "--movielens-id", "1", "--remove", *where)[0] == 0
    code, _, err = run(capsys, "rate", "--movielens-id", "1", "--remove", *where)
    assert code == 2 and "have not rated" in err
    code, _, err = run(capsys, "rate", "--movielens-id", "999", "3", *where)
    assert code == 2 and "no MovieLens movie has id 999" in err


def test_for_you_from_the_command_line_follows_the_profile(trained: Path, tmp_path: Path,
                                                          capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    code, out, err = run(capsys, "recommend", "for-you", "-k", "3", "--json", *where)
    assert code == 0 and "rate a few" in err
    starters = json.loads(out)
    assert run(capsys, "rate", "--movie", "The Matrix", "5", *where)[0] == 0
    code, out, _ = run(capsys, "recommend", "for-you", "-k", "3", "--json", *where)
    picks = json.loads(out)
    assert code == 0 and picks != starters and all(p["movielens_id"] != 3 for p in picks)


def test_import_export_round_trip_and_unmatched_listing(trained: Path, tmp_path: Path, capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "p" / "mine.csv")]
    letterboxd = tmp_path / "letterboxd.csv"
    letterboxd.write_text("Date,Name,Year,Letterboxd URI,Rating\nx,Avatar,2009,u,4\n"
                          "x,Nowhere Film,2020,u,3\n")
    code, _, err = run(capsys, "profile", "import", str(letterboxd), *where)
    assert code == 0 and "1 matched (1 new" in err and "1 unmatched" in err
    listing = tmp_path / "p" / "unmatched-letterboxd.csv"
    assert "Nowhere Film (2020)" in listing.read_text()
    exported = tmp_path / "export.csv"
    assert run(capsys, "profile", "export", str(exported), *where)[0] == 0
    code, _, err = run(capsys, "profile", "import", str(exported), *where)
    assert code == 0 and "0 new, 0 changed, 1 unchanged" in err
    code, out, _ = run(capsys, "profile", "export", "-", *where)
    assert out.splitlines()[1].startswith("1,19995,Avatar,2009,4,")


def test_clear_keeps_the_old_file_and_a_damaged_profile_is_never_overwritten(
        trained: Path, tmp_path: Path, capsys):
    profile = tmp_path / "mine.csv"
    where = ["--data", str(trained), "--profile", str(profile)]
    profile.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n1,,Avatar,2009,9,0\n")
    code, _, err = run(capsys, "rate", "--movielens-id", "3", "4", *where)
    assert code == 2 and "row 2" in err and "copy is kept" in err and len(err.splitlines()) == 1
    assert profile.read_text().endswith("9,0\n")  # untouched
    code, _, err = run(capsys, "profile", "clear", *where)
    assert code == 0 and not profile.exists()
    kept = list(tmp_path.glob("mine.csv.cleared-*"))
    assert len(kept) == 1 and kept[0].read_text().endswith("9,0\n")
    assert run(capsys, "rate", "--movielens-id", "3", "4", *where)[0] == 0


def test_an_import_never_overwrites_a_file_it_did_not_write(trained: Path, tmp_path: Path,
                                                            capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    letterboxd = tmp_path / "letterboxd.csv"
    letterboxd.write_text("Date,Name,Year,Letterboxd URI,Rating\nx,Nowhere Film,2020,u,3\n")
    theirs = tmp_path / "unmatched-letterboxd.csv"
    theirs.write_text("my own notes\n")
    code, _, err = run(capsys, "profile", "import", str(letterboxd), *where)
    assert code == 0 and theirs.read_text() == "my own notes\n"
    ours = tmp_path / "unmatched-letterboxd-2.csv"
    assert "Nowhere Film" in ours.read_text() and str(ours) in err
    assert run(capsys, "profile", "import", str(letterboxd), *where)[0] == 0
    assert not (tmp_path / "unmatched-letterboxd-3.csv").exists()  # its own listing replaced


def test_rate_takes_a_title_and_stars_and_never_guesses(trained: Path, tmp_path: Path, capsys):
    profile = tmp_path / "mine.csv"
    where = ["--data", str(trained), "--profile", str(profile)]
    code, out, err = run(capsys, "rate", "The Matrix", "4.5", *where)
    assert code == 0 and out == "" and "rated The Matrix (1999) 4.5 stars" in err
    code, _, err = run(capsys, "rate", "shawshank", "redemption", "4", *where)  # words, no "The"
    assert code == 0 and "rated The Shawshank Redemption (1994) 4 stars" in err
    code, _, err = run(capsys, "rate", "The Host (2013)", "3", *where)  # a year picks the remake
    assert code == 0 and "rated The Host (2013) 3 stars" in err
    before = profile.read_bytes()
    code, out, err = run(capsys, "rate", "avatr", "5", *where)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "did you mean Avatar (2009)" in err and "--first" in err
    assert profile.read_bytes() == before  # nothing rated on a guess
    code, _, err = run(capsys, "rate", "avatr", "5", "--first", *where)
    assert code == 0 and "rated Avatar (2009) 5 stars" in err
    code, _, err = run(capsys, "rate", "zzzqqq", "5", *where)
    assert code == 2 and "no movie is titled 'zzzqqq'" in err


def test_rate_says_what_is_missing_and_the_old_flag_still_works(trained: Path, tmp_path: Path,
                                                                capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    code, _, err = run(capsys, "rate", "The Matrix", *where)  # "Matrix" read as the stars
    assert code == 2 and "stars" in err
    code, _, err = run(capsys, "rate", "--tmdb-id", "603", "The Matrix", "4", *where)
    assert code == 2 and "name the movie once" in err
    code, _, err = run(capsys, "rate", "--movie-id", "3", "4", *where)
    assert code == 0 and err.splitlines()[0] == "tui-recsys: --movie-id is now --movielens-id"
    assert "rated The Matrix (1999) 4 stars" in err
