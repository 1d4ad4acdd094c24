import json
import os
import shlex
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tui_recsys.data.profile_file import load_profile


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
    assert "--movie" not in err  # rate takes a title as it is, not as an option
    code, _, err = run(capsys, "rate", "--tmdb-id", "19995", "3,5", *where)
    assert code == 0 and "rated Avatar (2009) 3.5 stars;" in err  # a European decimal
    code, _, err = run(capsys, "rate", "--tmdb-id", "19995", "1", *where)
    assert code == 0 and "rated Avatar (2009) 1 star;" in err
    # x, the app's key, or a word for it: how to take a rating off, said before anything
    for words, command in ((["Avatar", "x"], "Avatar"), (["--tmdb-id", "19995", "Remove"],
                                                         "--tmdb-id 19995")):
        code, _, err = run(capsys, "rate", *words, *where)
        assert (code, err) == (2, f"tui-recsys: {words[-1]!r} is not a rating; --remove takes "
                                  f"yours off: `tui-recsys rate {command} --remove`\n")


def test_for_you_from_the_command_line_follows_the_profile(trained: Path, tmp_path: Path,
                                                          capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    code, out, err = run(capsys, "recommend", "for-you", "-k", "3", "--json", *where)
    assert code == 0 and "rate a few" in err
    starters = json.loads(out)
    assert run(capsys, "rate", "--movie", "The Matrix", "5", *where)[0] == 0
    code, out, err = run(capsys, "recommend", "for-you", "-k", "3", "--json", *where)
    picks = json.loads(out)
    assert code == 0 and picks != starters and all(p["movielens_id"] != 3 for p in picks)
    assert "from your 1 rating in" in err
    # For you never lists what it learns from: --include-seen was said to show it, and did not
    assert "left out: the 1 you rated (For you learns from them)\n" in err
    assert "10 ratings make For you good: `tui-recsys quick-start`" in err
    assert run(capsys, "profile", "show", *where)[2].endswith("tui-recsys: 1 rating\n")
    assert run(capsys, "hide", "Avatar", *where)[0] == 0
    err = run(capsys, "recommend", "for-you", "-k", "3", *where)[2]
    assert ("left out: the 1 you rated (For you learns from them), and the 1 not wanted "
            "(--include-seen shows them)\n") in err
    code, out, err = run(capsys, "recommend", "for-you", "-k", "30", "--include-seen", "--json",
                         *where)
    assert "left out: the 1 you rated (For you learns from them)\n" in err
    shown = {pick["title"]: pick["yours"] for pick in json.loads(out)}
    assert shown["Avatar"] == "not interested" and "The Matrix" not in shown


def test_what_a_list_leaves_out_is_said_once_there_is_a_list(trained: Path, tmp_path: Path,
                                                              capsys):
    """Offline with no data, `recommend chart` said "leaving out the 1 you rated" and then
    that no chart could be loaded."""
    where = ["--profile", str(tmp_path / "mine.csv")]
    assert run(capsys, "rate", "--movie", "The Matrix", "5", "--data", str(trained), *where)[0] == 0
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, "recommend", "chart", "--data", str(tmp_path / "empty"), *where)
    assert code != 0 and out == "" and "left out" not in err and err.count("\n") == 1
    code, out, err = run(capsys, "recommend", "chart", "--data", str(trained), *where)
    assert code == 0 and "The Matrix" not in out
    assert "left out: the 1 you rated (--include-seen shows them)" in err  # not "0 seen"


def test_for_you_with_no_ratings_trains_nothing_on_a_fresh_cache(tiny: Path, cache_dir: Path,
                                                                  tmp_path: Path, capsys):
    """A newcomer's first `recommend for-you` is the list to rate first, from the chart alone:
    in seconds, not after a training."""
    where = ["--data", str(tiny), "--profile", str(tmp_path / "mine.csv")]
    code, out, err = run(capsys, "recommend", "for-you", "-k", "3", "--json", *where)
    assert code == 0 and "rate a few" in err and len(json.loads(out)) == 3
    built = [entry.name for entry in cache_dir.iterdir() if entry.is_dir()]
    assert any(name.startswith("chart-") for name in built)
    assert not any(name.startswith(("for-user-", "for-you-")) for name in built)


def test_for_you_folds_in_what_you_marked_seen(trained: Path, tmp_path: Path, capsys,
                                              monkeypatch):
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(tmp_path / "marks.csv"))
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    assert run(capsys, "seen", "Avatar", "--data", str(trained))[0] == 0
    code, out, err = run(capsys, "recommend", "for-you", "-k", "3", "--json", *where)
    picks = json.loads(out)
    assert code == 0 and "0 ratings" in err and "the 1 you marked seen without rating" in err
    assert "rate a few" not in err and all(p["title"] != "Avatar" for p in picks)
    assert run(capsys, "rate", "Avatar", "4", *where)[0] == 0  # rated since: one rating
    code, _, err = run(capsys, "recommend", "for-you", "-k", "3", *where)
    assert code == 0 and "from your 1 rating in " in err and "marked seen" not in err


def test_import_export_round_trip_and_unmatched_listing(trained: Path, tmp_path: Path, capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "p" / "mine.csv")]
    letterboxd = tmp_path / "letterboxd.csv"
    letterboxd.write_text("Date,Name,Year,Letterboxd URI,Rating\n2024-05-14,Avatar,2009,u,4\n"
                          "2024-05-15,Nowhere Film,2020,u,3\n")
    code, _, err = run(capsys, "profile", "import", str(letterboxd), *where)
    assert code == 0 and "1 matched (1 new" in err and "1 unmatched" in err
    assert "the 1 unmatched row is listed, with why, in " in err
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
    assert code == 0 and profile.read_text() == "movielens_id,tmdb_id,title,year,rating,rated_at\n"
    kept = list(tmp_path.glob("mine.csv.cleared-*"))
    assert len(kept) == 1 and kept[0].read_text().endswith("9,0\n")
    assert run(capsys, "rate", "--movielens-id", "3", "4", *where)[0] == 0


def test_clear_says_the_command_that_brings_the_ratings_back(trained: Path, tmp_path: Path,
                                                            capsys):
    profile = tmp_path / "my profile.csv"
    where = ["--data", str(trained), "--profile", str(profile)]
    assert run(capsys, "rate", "--movielens-id", "3", "4", *where)[0] == 0
    code, _, err = run(capsys, "profile", "clear", *where)
    command = err.partition("(`")[2].partition("` brings them back)")[0]
    assert code == 0 and command.startswith(f"tui-recsys --profile '{profile}' import ")
    code, _, _ = run(capsys, *shlex.split(command)[1:], "--data", str(trained))
    assert code == 0 and [r.stars for r in load_profile(profile).ratings.values()] == [4.0]


def test_clearing_twice_in_one_second_keeps_your_ratings(trained: Path, tmp_path: Path,
                                                          capsys, monkeypatch):
    """The second clear replaced the first one's copy, the only one of your ratings left, with
    an empty profile: now an empty profile is not cleared, and no copy replaces another."""
    monkeypatch.setattr("time.strftime", lambda *_: "20261203-224613")  # one second
    profile = tmp_path / "mine.csv"
    where = ["--data", str(trained), "--profile", str(profile)]
    ratings = "movielens_id,tmdb_id,title,year,rating,rated_at\n1,,Avatar,2009,4,0\n"
    profile.write_text(ratings)
    assert run(capsys, "profile", "clear", *where)[0] == 0
    code, _, err = run(capsys, "profile", "clear", *where)
    assert code == 0 and "already empty: nothing to clear" in err
    assert [p.read_text() for p in tmp_path.glob("mine.csv.cleared-*")] == [ratings]
    profile.write_text(ratings.replace(",4,", ",5,"))  # rated again, cleared again that second
    assert run(capsys, "profile", "clear", *where)[0] == 0
    kept = sorted(tmp_path.glob("mine.csv.cleared-*"))
    assert [p.name for p in kept] == ["mine.csv.cleared-20261203-224613",
                                      "mine.csv.cleared-20261203-224613-2"]
    assert [p.read_text() for p in kept] == [ratings, ratings.replace(",4,", ",5,")]


def test_an_import_never_overwrites_a_file_it_did_not_write(trained: Path, tmp_path: Path,
                                                            capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    letterboxd = tmp_path / "letterboxd.csv"
    letterboxd.write_text("Date,Name,Year,Letterboxd URI,Rating\n"
                          "2024-05-15,Nowhere Film,2020,u,3\n")
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
    code, _, err = run(capsys, "rate", "the", "host", "2006", "3.5", *where)  # no brackets
    assert code == 0 and "rated The Host (2006) 3.5 stars" in err
    code, _, err = run(capsys, "rate", "host 2013", "2", *where)  # nor the article
    assert code == 0 and "rated The Host (2013) 2 stars" in err
    code, _, err = run(capsys, "rate", "avatar 2011", "2", *where)  # no Avatar of 2011
    assert code == 2 and "did you mean Avatar (2009)" in err
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
    code, _, err = run(capsys, "rate", "the matrix", "1999", *where)  # the year, no stars
    assert (code, err) == (2, "tui-recsys: 1999 is a year, not stars: give the stars after it, "
                              "`tui-recsys rate 'the matrix' 1999 4.5`\n")
    code, _, err = run(capsys, "rate", "--tmdb-id", "603", "The Matrix", "4", *where)
    assert code == 2 and "name the movie once" in err
    for empty in (["", "4"], ["  ", "--remove"], ["--movie", "", "4"]):
        code, _, err = run(capsys, "rate", *empty, *where)
        assert (code, err) == (2, "tui-recsys: the title is empty: name the movie, "
                                  "`tui-recsys rate TITLE 4.5`\n")
    code, _, err = run(capsys, "rate", "--movie-id", "3", "4", *where)
    assert code == 0 and err.splitlines()[0] == "tui-recsys: --movie-id is now --movielens-id"
    assert "rated The Matrix (1999) 4 stars" in err


def test_an_import_keeps_dates_counts_what_it_skipped_and_says_why_rows_did_not_match(
        trained: Path, tmp_path: Path, capsys):
    profile = tmp_path / "mine.csv"
    where = ["--data", str(trained), "--profile", str(profile)]
    imdb = tmp_path / "imdb.csv"
    imdb.write_text(
        "Const,Your Rating,Date Rated,Title,Title Type,Year\n"
        "tt0133093,9,2024-01-03,The Matrix,Movie,1999\n"
        "tt0499549,8,2024-02-04,Avatar,Movie,2009\n"
        "tt0499549,7,2024-02-05,Avatar,Movie,2009\n"  # a duplicate: the last wins
        "tt0903747,10,2024-03-01,Breaking Bad,TV Series,2008\n"
        "tt9999999,6,2024-03-02,Some New Film,Movie,2031\n"
        "tt8888888,6,2024-03-03,Some Old Film,Movie,1950\n"
        "tt0111161,,2024-03-04,The Shawshank Redemption,Movie,1994\n")  # watched, not rated
    code, _, err = run(capsys, "profile", "import", str(imdb), *where)
    assert code == 0
    assert ("IMDb file: 2 matched (2 new, 0 changed, 0 unchanged), 3 unmatched, 1 duplicate, "
            "1 without a rating skipped") in err
    assert "the 3 unmatched rows are listed, each with why," in err
    listing = (tmp_path / "unmatched-imdb.csv").read_text().splitlines()
    assert listing[0] == "row,movie,stars,why"
    assert listing[1].startswith("5,Breaking Bad (2008),5,a TV title (TV Series)")
    assert listing[2] == '6,Some New Film (2031),3,"newer than the data, whose films end in 2013"'
    assert listing[3] == "7,Some Old Film (1950),3,\"no movie of the catalogues has its ids, " \
                         "or its title and year\""
    rows = {r.title: r for r in load_profile(profile).ratings.values()}
    assert rows["The Matrix"].rated_on == "2024-01-03" and rows["Avatar"].rated_on == "2024-02-05"
    assert "2024-01-03T00:00:00Z" in profile.read_text()  # ISO in the file
    code, _, err = run(capsys, "profile", "import", str(imdb), *where)  # idempotent
    assert code == 0 and "0 new, 0 changed, 2 unchanged" in err


def test_an_unmatched_row_says_the_films_of_its_year_its_title_finds(trained: Path,
                                                                      tmp_path: Path, capsys):
    """Letterboxd's "The Fellowship of the Ring" written without the series' name, or a typo,
    was "no movie of the catalogues has its ids, or its title and year", and nothing more to
    correct the file by; a guess is said, never imported."""
    profile = tmp_path / "mine.csv"
    file = tmp_path / "ratings.csv"
    file.write_text("Date,Name,Year,Letterboxd URI,Rating\n"
                    "2026-11-01,The Shawshenk Redemption,1994,https://boxd.it/a,5\n"
                    "2026-11-02,Apollo,2011,https://boxd.it/b,3\n"
                    "2026-11-03,Host,1990,https://boxd.it/c,3\n")
    code, _, err = run(capsys, "profile", "import", str(file), "--data", str(trained),
                       "--profile", str(profile))
    assert code == 0 and "0 matched" in err and "3 unmatched" in err
    why = [line.split(",", 3)[3] for line in
           (tmp_path / "unmatched-ratings.csv").read_text().splitlines()[1:]]
    assert why == [
        '"no movie of the catalogues has its ids, or its title and year; did you mean The '
        'Shawshank Redemption (1994)?"',
        '"no movie of the catalogues has its ids, or its title and year; did you mean Apollo '
        '18 (2011)?"',
        # The Host of 2006 and of 2013 are no film of 1990
        '"no movie of the catalogues has its ids, or its title and year"']
    assert not profile.exists() or "Shawshank" not in profile.read_text()


def test_a_profile_of_before_keeps_its_dates_in_seconds(trained: Path, tmp_path: Path, capsys):
    profile = tmp_path / "mine.csv"
    profile.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n3,603,The Matrix,1999,5,"
                       "1700000000\n")
    assert load_profile(profile).find(3, None).rated_on == "2023-11-14"
    code, out, _ = run(capsys, "profile", "export", "-", "--profile", str(profile), "--data",
                       str(trained))
    assert code == 0 and out.splitlines()[1].endswith(",2023-11-14T22:13:20Z")


def test_profile_watchlist_and_cache_alone_show_what_they_hold(trained: Path, tmp_path: Path,
                                                               capsys):
    """The one action that changes nothing is the one taken when none is named."""
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    assert run(capsys, "rate", "--tmdb-id", "19995", "4", *where)[0] == 0
    for command, action in (("profile", "show"), ("watchlist", "show"), ("cache", "info"),
                            ("cache", "show")):  # show, as the others say it
        alone = run(capsys, command, *where)
        assert alone[0] == 0 and alone == run(capsys, command, action, *where), command
    assert "Avatar" in run(capsys, "profile", *where)[1]


@pytest.mark.parametrize(("argv", "said"), [
    (("rate", "https://www.imdb.com/title/tt0133093/", "4"), "rated The Matrix (1999) 4 stars"),
    (("watchlist", "add", "https://letterboxd.com/film/avatar/"), "added Avatar (2009) to"),
])
def test_rate_and_the_watchlist_take_a_link_to_the_film(trained: Path, tmp_path: Path, capsys,
                                                        argv: tuple[str, ...], said: str):
    code, _, err = run(capsys, *argv, "--data", str(trained), "--profile", str(tmp_path / "p.csv"))
    assert code == 0 and said in err


def test_one_movielens_users_ratings_become_yours_with_user(trained: Path, tmp_path: Path,
                                                             capsys):
    """A MovieLens ratings file of many users: "import one user's", and now a way to."""
    many = tmp_path / "ratings.csv"
    many.write_text("userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,5.0,964982704\n"
                    "2,2,4.5,964982705\n")
    for argv, status, said in ((("profile", "import"), 2, "with --user ID (such as --user 1)"),
                               (("profile", "import", "--user", "1"), 0, "2 matched (2 new"),
                               (("import", "--user", "2"), 0, "1 matched (1 new")):
        done = run(capsys, *argv, str(many), "--data", str(trained), "--profile",
                   str(tmp_path / "mine.csv"))
        assert done[0] == status and said in done[2], argv
    mine = load_profile(tmp_path / "mine.csv").ratings.values()
    assert sorted(r.movielens_id for r in mine) == [1, 2, 3]


def test_an_export_given_as_your_profile_or_marks_is_named_and_left_alone(
        trained: Path, tmp_path: Path, capsys, monkeypatch):
    """`--profile ratings.csv` with Letterboxd's export was called a damaged profile, a copy of
    it written beside it, and `profile clear` offered."""
    export = tmp_path / "ratings.csv"
    export.write_text("Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,The Matrix,1999,u,4\n")
    code, out, err = run(capsys, "--profile", str(export), "recommend", "for-you", "--data",
                         str(trained))
    assert code == 2 and not out and err == (
        f"tui-recsys: {export}: the first row must be movielens_id,tmdb_id,title,year,rating,"
        f"rated_at; it is 'Date,Name,Year,Letterboxd URI,Rating': not your profile; if it is "
        f"another program's export, `tui-recsys import {export}` brings it in (your profile is "
        f"unchanged)\n")
    watchlist = tmp_path / "watchlist.csv"
    watchlist.write_text("Date,Name,Year,Letterboxd URI\n2024-01-01,Avatar,2009,u\n")
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(watchlist))
    code, _, err = run(capsys, "watchlist", "--data", str(trained))
    assert code == 2 and "not your marks; if it is another program's export" in err
    assert not list(tmp_path.glob("*.damaged-*"))  # no copy of a file that is not ours
    damaged = tmp_path / "profile.csv"  # a profile of ours that does not parse: a copy, as before
    damaged.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n3,603,x,1999,nine,\n")
    code, _, err = run(capsys, "--profile", str(damaged), "profile", "--data", str(trained))
    assert code == 2 and "a copy is kept at" in err


def test_a_title_that_others_share_or_go_on_from_says_them_beside_the_rating(
        tmp_path: Path, cache_dir: Path, capsys):
    """`rate "the lord of the rings" 5` rated the animated film of 1978, and `rate solaris 4`
    Soderbergh's, without a word of the better-known films a person likelier meant."""
    import pandas as pd

    from tests.support import write_dataset

    films = [(1, "Lord of the Rings, The (1978)"),
             (2, "Lord of the Rings: The Fellowship of the Ring, The (2001)"),
             (3, "Solaris (Solyaris) (1972)"), (4, "Solaris (2002)"), (5, "Alien (1979)")]
    raters = {1: 1, 2: 6, 3: 2, 4: 4, 5: 3}
    frames = {
        "movies": pd.DataFrame([(m, title, "Drama") for m, title in films],
                               columns=["movieId", "title", "genres"]),
        "ratings": pd.DataFrame([(user, m, 4.0, 964982703) for m, count in raters.items()
                                 for user in range(1, count + 1)],
                                columns=["userId", "movieId", "rating", "timestamp"]),
    }
    data = write_dataset(tmp_path / "data", tmdb=None, links=False, movielens=frames)
    where = ["--data", str(data), "--profile", str(tmp_path / "mine.csv"),
             "--cache-dir", str(cache_dir)]
    # without its article too: "lord of the rings" rated the film of 1978 without a word
    for typed in ("the lord of the rings", "lord of the rings"):
        code, _, err = run(capsys, "rate", typed, "5", *where)
        assert code == 0 and err.splitlines() == [
            f"tui-recsys: {'already ' * (typed[0] == 'l')}rated The Lord of the Rings (1978) 5 "
            f"stars; 1 rating in {tmp_path / 'mine.csv'}",
            "tui-recsys: The Lord of the Rings (1978) has exactly that title; better known: The "
            "Lord of the Rings: The Fellowship of the Ring (2001) (give the whole title to "
            "choose one)"], typed
    also = ("Solaris (2002), the best known of that title; also Solaris (1972) (give the year "
            "to choose another: \"Solaris (1972)\")")
    code, _, err = run(capsys, "watchlist", "add", "solaris", *where)
    assert code == 0 and err.splitlines()[1] == f"tui-recsys: {also}"
    code, _, err = run(capsys, "rate", "solaris", "--remove", *where)  # a mistake: one line
    assert code == 2 and err == f"tui-recsys: you have not rated Solaris (2002); {also}\n"
    for exact in ("Solaris (1972)", "alien", "The Lord of the Rings: The Fellowship of the "
                                             "Ring"):
        code, _, err = run(capsys, "seen", exact, *where)  # a year, or nothing else to say
        assert code == 0 and len(err.splitlines()) == 1, err
    # "more like" it by ratings took the search's best match, The Fellowship of the Ring, and
    # said "no title is exactly 'the lord of the rings'", though the film of 1978 is
    from tests.support import make_engine
    from tui_recsys.engine.catalog.finding import find_movie, find_rated_movie
    from tui_recsys.errors import UsageError

    movies = make_engine(data, cache_dir).index().movies
    choice = find_rated_movie(movies, "the lord of the rings")
    assert (choice.movie_id, choice.note) == (1, (
        "The Lord of the Rings (1978) has exactly that title; better known: The Lord of the "
        "Rings: The Fellowship of the Ring (2001) (give the whole title to choose one)"))
    assert find_rated_movie(movies, "solaris").movie_id == 4
    assert find_rated_movie(movies, "Solaris (1972)").note is None
    with pytest.raises(UsageError, match=r"^The Lord of the Rings \(1978\) is not in TMDB 5000, .*"
                                         r"; better known: The Lord of the Rings: The "
                                         r"Fellowship of the Ring \(2001\)"):
        find_movie(movies, "the lord of the rings")  # as story and cast look a film up


def test_a_title_typed_with_its_number_written_another_way_is_rated(tmp_path: Path,
                                                                     cache_dir: Path, capsys):
    """`rate "ocean's 11" 4` rated MovieLens' film of 1960 ("a.k.a. Ocean's 11") without a word,
    not Ocean's Eleven of 2001; "godfather 2" and "toy story three" were refused as guesses."""
    import pandas as pd

    from tests.support import write_dataset

    films = [(1, "Ocean's Eleven (a.k.a. Ocean's 11) (1960)"), (2, "Ocean's Eleven (2001)"),
             (3, "Godfather: Part II, The (1974)"), (4, "Toy Story 3 (2010)")]
    frames = {
        "movies": pd.DataFrame([(m, title, "Crime") for m, title in films],
                               columns=["movieId", "title", "genres"]),
        "ratings": pd.DataFrame([(user, 2, 4.0, 964982703) for user in range(1, 12)],
                                columns=["userId", "movieId", "rating", "timestamp"]),
    }
    data = write_dataset(tmp_path / "data", tmdb=None, links=False, movielens=frames)
    where = ["--data", str(data), "--profile", str(tmp_path / "mine.csv"),
             "--cache-dir", str(cache_dir)]
    code, _, err = run(capsys, "rate", "ocean's 11", "4", *where)
    assert code == 0 and err.splitlines()[1:] == [
        "tui-recsys: Ocean's Eleven (2001), the best known of that title; also Ocean's Eleven "
        "(1960) (give the year to choose another: \"Ocean's Eleven (1960)\")"]
    assert "rated Ocean's Eleven (2001) 4 stars" in err
    code, _, err = run(capsys, "rate", "Ocean's Eleven (1960)", "3", *where)
    assert code == 0 and "rated Ocean's Eleven (1960) 3 stars" in err
    for typed, film in (("godfather 2", "The Godfather: Part II (1974)"),
                        ("toy story three", "Toy Story 3 (2010)")):
        code, _, err = run(capsys, "rate", typed, "5", *where)
        assert code == 0 and f"rated {film} 5 stars" in err, err


def test_stars_of_two_words_unquoted_are_one_rating(trained: Path, tmp_path: Path, capsys):
    """`rate the matrix 4 1/2` read the stars as '1/2' and refused; `4 stars` as 'stars'."""
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    for typed, said in ((["4", "1/2"], "4.5 stars"), (["4", "stars"], "4 stars"),
                        (["3", "½"], "3.5 stars"), (["1", "star"], "1 star")):
        code, _, err = run(capsys, "rate", "the", "matrix", *typed, *where)
        assert code == 0 and f"rated The Matrix (1999) {said}" in err, err
    code, _, err = run(capsys, "rate", "apollo", "18", "½", *where)  # half a star: not 18.5
    assert code == 0 and "rated Apollo 18 (2011) 0.5 stars" in err, err


def test_profile_lists_your_ratings_newest_first_by_title_or_by_stars(tmp_path: Path, capsys):
    """As the app's Rated tab sorts them (o): it listed the file's order, where a film rated
    again keeps its old place and an import's films come in the export's order."""
    profile = tmp_path / "mine.csv"
    profile.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n"
                       "3,603,The Matrix,1999,4,1700000000\n"
                       "1,19995,Avatar,2009,2.5,1700100000\n"
                       "1219,539,Psycho,1960,4,1700200000\n")
    where = ["--profile", str(profile)]

    def listed(*argv: str) -> list[str]:
        code, out, _ = run(capsys, "profile", *argv, *where)
        assert code == 0
        return [line.split("  ")[0] for line in out.splitlines()[2:]]

    assert listed() == listed("show") == ["Psycho", "Avatar", "The Matrix"]
    assert run(capsys, "profile", *where)[2].endswith("3 ratings, newest first\n")
    # by title as a library shelves it: The Matrix among the M's
    assert listed("--sort", "title") == listed("show", "--sort", "title") == [
        "Avatar", "The Matrix", "Psycho"]
    # most stars first; a tie goes to the newest
    assert listed("--sort", "stars") == listed("--sort", "stars", "show") == [
        "Psycho", "The Matrix", "Avatar"]
