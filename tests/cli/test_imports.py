"""`tui-recsys import`: a whole Letterboxd export (folder or zip) brings ratings, watched and
watchlist together, an IMDb watchlist export fills the watchlist, and importing twice changes
nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import make_engine
from tui_recsys.data.marks_file import HIDDEN, SEEN, WATCHLIST, load_marks
from tui_recsys.data.profile_file import load_profile

RATINGS = ("Date,Name,Year,Letterboxd URI,Rating\n"
           "2024-01-02,The Matrix,1999,https://boxd.it/1,4.5\n")
WATCHED = ("Date,Name,Year,Letterboxd URI\n"
           "2024-01-03,Forrest Gump,1994,https://boxd.it/2\n"
           "2024-01-04,Not A Film We Know,2031,https://boxd.it/3\n")
WATCHLIST_CSV = ("Date,Name,Year,Letterboxd URI\n"
                 "2024-01-05,The Shawshank Redemption,1994,https://boxd.it/4\n")
IMDB_WATCHLIST = ("Position,Const,Created,Modified,Description,Title,URL,Title Type,"
                  "IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n"
                  "1,tt0133093,2024-02-01,2024-02-01,,The Matrix,https://imdb.com,Movie,8.7,"
                  "136,1999,Action,1,1999-03-31,Lana Wachowski\n")


@pytest.fixture
def data(tiny: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(tmp_path / "yours" / "marks.csv"))
    monkeypatch.setenv("TUI_RECSYS_PROFILE", str(tmp_path / "yours" / "profile.csv"))
    (tmp_path / "yours").mkdir()
    make_engine(tiny, cache_dir).index()
    return tiny


def _export(tmp_path: Path) -> Path:
    folder = tmp_path / "letterboxd"
    folder.mkdir()
    for name, text in (("ratings.csv", RATINGS), ("watched.csv", WATCHED),
                       ("watchlist.csv", WATCHLIST_CSV), ("diary.csv", "Date,Name\n")):
        (folder / name).write_text(text)
    return folder


def _zipped(tmp_path: Path, *parts: tuple[str, str]) -> Path:
    """An export as Letterboxd downloads it, its files in the zip in the order given."""
    path = tmp_path / "letterboxd.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts:
            archive.writestr(name, text)
    return path


def _yours(tmp_path: Path) -> tuple[list[str], list[str], list[str]]:
    marks = load_marks(tmp_path / "yours" / "marks.csv")
    ratings = load_profile(tmp_path / "yours" / "profile.csv").ratings.values()
    return ([r.title for r in ratings], [m.title for m in marks.of(SEEN)],
            [m.title for m in marks.of(WATCHLIST)])


@pytest.mark.parametrize("as_zip", [False, True])
def test_a_whole_letterboxd_export_in_one_command(data: Path, tmp_path: Path, capsys,
                                                  as_zip: bool):
    path = _export(tmp_path)
    if as_zip:
        path = _zipped(tmp_path, ("ratings.csv", RATINGS), ("watched.csv", WATCHED),
                       ("watchlist.csv", WATCHLIST_CSV))
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0, err
    assert _yours(tmp_path) == (["The Matrix"], ["Forrest Gump"], ["The Shawshank Redemption"])
    assert "1 matched (1 new, 0 already there), 1 unmatched" in err
    listing = tmp_path / "yours" / "unmatched-watched.csv"
    assert "Not A Film We Know" in listing.read_text() and "newer than the data" in (
        listing.read_text())
    before = [(tmp_path / "yours" / name).read_text() for name in ("marks.csv", "profile.csv")]
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0 and "0 new" in err
    assert [(tmp_path / "yours" / name).read_text()
            for name in ("marks.csv", "profile.csv")] == before


LIKES = ("Date,Name,Year,Letterboxd URI\n2024-01-03,Forrest Gump,1994,https://boxd.it/2\n"
         "2024-01-04,The Matrix,1999,https://boxd.it/1\n")


@pytest.mark.parametrize("shape", ["folder", "zip", "zip of its folder"])
def test_the_films_an_export_gives_a_heart_are_counted_and_said_not_read(
        data: Path, tmp_path: Path, capsys, shape: str):
    """likes/films.csv: a heart gives no stars, and an import passed it over without a word,
    while a person who hearts what they love would take For you to know it."""
    folder = _export(tmp_path)
    (folder / "likes").mkdir()
    (folder / "likes" / "films.csv").write_text(LIKES)
    top = "" if shape == "zip" else "letterboxd-me-2024-01-06/"
    path = folder if shape == "folder" else _zipped(
        tmp_path, *((f"{top}{name}", (folder / name).read_text())
                    for name in ("ratings.csv", "watched.csv", "likes/films.csv")))
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0, err
    assert ("likes/films.csv (2 films with a heart) is not read: a heart gives no stars, so a "
            "film you did not rate counts as seen; rate the ones you love (+ in the app) to "
            "count them as loved\n") in err
    assert _yours(tmp_path)[:2] == (["The Matrix"], ["Forrest Gump"])
    (folder / "likes" / "films.csv").unlink()
    assert "with a heart" not in run(capsys, "import", str(folder), "--data", str(data))[2]


def test_an_imdb_watchlist_fills_the_watchlist(data: Path, tmp_path: Path, capsys):
    path = tmp_path / "WATCHLIST.csv"
    path.write_text(IMDB_WATCHLIST)
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0 and "IMDb watchlist file: 1 matched" in err
    assert _yours(tmp_path) == ([], [], ["The Matrix"])


def test_a_folder_that_is_no_export_is_one_line(data: Path, tmp_path: Path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "import", str(tmp_path / "empty"), "--data", str(data))
    assert code == 2 and err.count("\n") == 1 and "not a Letterboxd export" in err


@pytest.mark.parametrize(("command", "text", "said"), [
    (["import"], "", "mine.csv is empty; export it again"),
    (["profile", "import"], "\n\n", "mine.csv is empty; export it again"),
    (["import"], "hello world\n", "not a file I know; its header is 'hello world', expected "
                                  "an IMDb ratings export"),
    (["profile", "import"], "hello world\n", "not a ratings file I know"),
])
def test_a_file_that_is_neither_ratings_nor_a_list_is_one_line(
        data: Path, tmp_path: Path, capsys, command: list[str], text: str, said: str):
    path = tmp_path / "mine.csv"
    path.write_text(text)
    code, _, err = run(capsys, *command, str(path), "--data", str(data))
    assert code == 2 and err.count("\n") == 1 and said in err
    if command == ["import"] and text.strip():
        assert "or an IMDb watchlist export" in err  # import takes lists too
    assert _yours(tmp_path) == ([], [], [])


def test_a_film_you_rated_is_not_also_marked_seen_whatever_the_zips_order(
        data: Path, tmp_path: Path, capsys):
    """Letterboxd's watched.csv lists the films you rated too; the seen list holds what you
    saw without rating it. Each part's report names its file."""
    watched = WATCHED + "2024-01-02,The Matrix,1999,https://boxd.it/1\n"
    path = _zipped(tmp_path, ("watchlist.csv", WATCHLIST_CSV), ("watched.csv", watched),
                   ("ratings.csv", RATINGS))  # the ratings last in the zip
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0, err
    assert _yours(tmp_path) == (["The Matrix"], ["Forrest Gump"], ["The Shawshank Redemption"])
    lines = err.splitlines()
    assert lines[0].startswith("tui-recsys: Letterboxd ratings.csv: 1 matched")
    assert ("Letterboxd watched.csv: 2 matched (1 new, 0 already there, 1 you rated, so not "
            "marked), 1 unmatched") in err
    assert "1 movie marked seen, in" in err and "1 movie on your watchlist, in" in err


def test_a_watchlist_import_leaves_off_what_you_rated_saw_or_hid(data: Path, tmp_path: Path,
                                                                 capsys):
    """Rating a film, marking it seen or not interested takes it off the watchlist; an older
    watchlist export put it back."""
    for command in (["rate", "The Matrix", "4"], ["seen", "Forrest Gump"], ["hide", "Amélie"]):
        assert run(capsys, *command, "--data", str(data))[0] == 0
    older = tmp_path / "watchlist.csv"
    older.write_text(WATCHLIST_CSV + "2024-01-06,The Matrix,1999,https://boxd.it/1\n"
                     "2024-01-07,Forrest Gump,1994,https://boxd.it/2\n"
                     "2024-01-08,Amélie,2001,https://boxd.it/3\n")
    code, _, err = run(capsys, "import", str(older), "--data", str(data))
    assert code == 0, err
    assert ("Letterboxd file: 4 matched (1 new, 0 already there, 3 you rated, saw or hid, "
            "so not to watch), 0 unmatched") in err
    assert _yours(tmp_path) == (["The Matrix"], ["Forrest Gump"], ["The Shawshank Redemption"])


def test_our_own_list_exports_come_back_where_they_were(data: Path, tmp_path: Path, capsys):
    """A marks file or a watchlist export brought from another machine, in our format or
    the one Letterboxd imports: neither could be imported back."""
    for command in (["watchlist", "add", "The Matrix"], ["seen", "Forrest Gump"],
                    ["hide", "Avatar"]):
        assert run(capsys, *command, "--data", str(data))[0] == 0
    yours = tmp_path / "yours" / "marks.csv"
    saved = tmp_path / "marks-from-the-laptop.csv"
    saved.write_text(yours.read_text())
    code, _, _ = run(capsys, "watchlist", "export", str(tmp_path / "for-letterboxd.csv"),
                     "--format", "letterboxd", "--data", str(data))
    assert code == 0
    yours.unlink()
    code, _, err = run(capsys, "import", str(saved), "--data", str(data))
    assert code == 0, err
    assert "tui-recsys file, hidden rows: 1 matched (1 new" in err
    assert _yours(tmp_path) == ([], ["Forrest Gump"], ["The Matrix"])
    assert [m.title for m in load_marks(yours).of("hidden")] == ["Avatar"]
    yours.unlink()
    code, _, err = run(capsys, "import", str(tmp_path / "for-letterboxd.csv"), "--as",
                       "watchlist", "--data", str(data))
    assert code == 0 and "Letterboxd import file: 1 matched (1 new" in err
    assert _yours(tmp_path) == ([], [], ["The Matrix"])


def test_a_list_of_picks_exported_comes_back_as_films_to_watch_never_as_ratings(
        data: Path, tmp_path: Path, capsys):
    """`recommend ... --export picks.csv`, then `import picks.csv`: the picks on your
    watchlist (it was "not a list of films I know"). Their stars were predicted: not yours."""
    picks = tmp_path / "picks.csv"
    code, _, err = run(capsys, "recommend", "story", "--movie", "Avatar", "-k", "2",
                       "--export", str(picks), "--data", str(data))
    assert code == 0, err
    exported = [line.split(",")[1] for line in picks.read_text().splitlines()[1:]]
    assert len(exported) == 2
    code, _, err = run(capsys, "import", str(picks), "--as", "ratings", "--data", str(data))
    assert code == 2 and "not a ratings file I know" in err
    code, _, err = run(capsys, "import", str(picks), "--data", str(data))
    assert code == 0 and "tui-recsys picks file: 2 matched (2 new" in err
    assert _yours(tmp_path) == ([], [], exported)


def test_a_list_read_as_ratings_says_how_to_import_it_as_a_list(data: Path, tmp_path: Path,
                                                                capsys):
    path = tmp_path / "list.csv"
    path.write_text("Title,Year,tmdbID,imdbID,Rating,WatchedDate\nThe Matrix,1999,603,,,\n")
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0 and "1 without a rating skipped" in err
    assert "import it with --as watchlist or --as seen" in err


def test_a_mark_we_do_not_know_names_its_row(data: Path, tmp_path: Path, capsys):
    path = tmp_path / "marks.csv"
    path.write_text("mark,movielens_id,tmdb_id,title,year,marked_at\n"
                    "watchlist,2571,603,The Matrix,1999,\nloved,1,862,Toy Story,1995,\n")
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 2 and err.count("\n") == 1 and "row 3: mark 'loved' is not one of" in err
    assert _yours(tmp_path) == ([], [], [])


def test_your_films_for_letterboxd_come_back_rated_and_seen(data: Path, tmp_path: Path, capsys):
    """`profile export --format letterboxd` writes the films you saw without rating beside
    your ratings, as Letterboxd's importer logs them: `import` brings both back."""
    for command in (["rate", "The Matrix", "4.5"], ["seen", "Forrest Gump"],
                    ["seen", "The Matrix"]):  # rated and seen: one row, its rating's
        assert run(capsys, *command, "--data", str(data))[0] == 0
    films = tmp_path / "for-letterboxd.csv"
    code, _, err = run(capsys, "profile", "export", str(films), "--format", "letterboxd",
                       "--data", str(data))
    assert code == 0 and "wrote 1 rating and 1 film seen without one to " in err
    assert [line.split(",")[::4] for line in films.read_text().splitlines()[1:]] == [
        ["The Matrix", "4.5"], ["Forrest Gump", ""]]
    code, out, _ = run(capsys, "profile", "export", "--data", str(data))  # ours: ratings only
    assert code == 0 and "Forrest Gump" not in out
    for yours in (tmp_path / "yours").iterdir():
        yours.unlink()
    code, _, err = run(capsys, "import", str(films), "--as", "ratings", "--data", str(data))
    assert code == 0 and _yours(tmp_path) == (["The Matrix"], [], [])
    for _ in range(2):  # and again: nothing changes
        code, _, err = run(capsys, "import", str(films), "--data", str(data))
        assert code == 0 and "Letterboxd import file, rows without a rating: 1 matched" in err
        assert _yours(tmp_path) == (["The Matrix"], ["Forrest Gump"], [])
    assert "(0 new, 1 already there)" in err
    diary = tmp_path / "diary.csv"  # Letterboxd's own: a film logged without a rating
    diary.write_text("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
                     "2024-01-02,Avatar,2009,https://boxd.it/9,,,,2024-01-01\n"
                     "2024-01-03,The Matrix,1999,https://boxd.it/1,4.5,Yes,,2024-01-02\n")
    assert run(capsys, "import", str(diary), "--data", str(data))[0] == 0
    assert _yours(tmp_path) == (["The Matrix"], ["Forrest Gump", "Avatar"], [])


def test_a_letterboxd_file_without_its_links_reads_a_row_without_a_rating_as_seen(
        data: Path, tmp_path: Path, capsys):
    """Without Letterboxd's links, its layout is still one Letterboxd's importer reads (Name
    as Title, Date as WatchedDate): a row without a rating is a film seen, as in a diary. (It
    was once read by no list layout, and the run ended in an error after the ratings.)"""
    path = tmp_path / "ratings.csv"
    path.write_text("Date,Name,Year,Rating\n2024-01-02,The Matrix,1999,4.5\n"
                    "2024-01-03,Avatar,2009,\n")
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0 and "1 without a rating skipped" in err
    assert "Letterboxd import file, rows without a rating: 1 matched (1 new" in err
    assert _yours(tmp_path) == (["The Matrix"], ["Avatar"], [])


def test_an_unmatched_row_dated_years_off_names_the_film(data: Path, tmp_path: Path, capsys):
    """Letterboxd's Andrei Rublev (1966) is MovieLens' of 1969: never matched (a year either
    side is), and it was said with no "did you mean"."""
    path = tmp_path / "ratings.csv"
    path.write_text("Date,Name,Year,Rating\n2024-01-02,The Matrix,1996,4.5\n"
                    "2024-01-03,The Matrix,1994,4\n")
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0 and "0 matched" in err and "2 unmatched" in err, err
    listing = (tmp_path / "yours" / "unmatched-ratings.csv").read_text().splitlines()
    assert listing[1].endswith("and year; did you mean The Matrix (1999)?\"")
    assert listing[2].endswith("its title and year\"")  # five years off: another film, as like


@pytest.mark.parametrize("wrapper", ["", "letterboxd-me-2024/"])
def test_a_zip_s_parts_come_from_its_top_never_from_a_folder_beside_them(
        data: Path, tmp_path: Path, capsys, wrapper: str):
    """An export keeps deleted and orphaned entries in folders of their own: a rating
    deleted on Letterboxd must not come back."""
    deleted = "Date,Name,Year,Letterboxd URI,Rating\n2024-01-02,Avatar,2009,https://boxd.it/9,1\n"
    path = _zipped(tmp_path, (f"{wrapper}ratings.csv", RATINGS),
                   (f"{wrapper}deleted/ratings.csv", deleted),
                   (f"{wrapper}orphaned/watched.csv", WATCHED))
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0, err
    assert _yours(tmp_path) == (["The Matrix"], [], [])


LIST_EXPORT = ("Letterboxd list export v7\n"
               "Date,Name,Tags,URL,Description\n"
               "2024-03-01,Films to see,,https://boxd.it/l1,\"Mine, to see\"\n"
               "\n"
               "Position,Name,Year,URL,Description\n"
               "1,The Matrix,1999,https://boxd.it/1,\n"
               "2,Not A Film We Know,2031,https://boxd.it/3,\n"
               "3,Avatar,2009,https://boxd.it/9,\n")


def test_a_letterboxd_list_export_is_a_list_of_films(data: Path, tmp_path: Path, capsys):
    """A list exported from Letterboxd opens with the list's own name and date: it was "not a
    file I know", though the README named it."""
    path = tmp_path / "films-to-see.csv"
    path.write_text(LIST_EXPORT)
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0 and "Letterboxd list file: 2 matched (2 new" in err
    assert _yours(tmp_path) == ([], [], ["The Matrix", "Avatar"])
    listing = (tmp_path / "yours" / "unmatched-films-to-see.csv").read_text()
    assert listing.splitlines()[1].startswith("7,Not A Film We Know")  # its line in the file


def test_films_newly_seen_leave_the_watchlist_as_seen_does(data: Path, tmp_path: Path, capsys):
    where = ("--data", str(data))
    path = tmp_path / "films.csv"
    path.write_text(LIST_EXPORT)
    assert run(capsys, "import", str(path), *where)[0] == 0  # on the watchlist
    code, _, err = run(capsys, "import", str(path), "--as", "seen", *where)
    assert code == 0 and "2 movies you saw now off your watchlist" in err
    assert _yours(tmp_path) == ([], ["The Matrix", "Avatar"], [])
    assert run(capsys, "watchlist", "add", "avatar", *where)[0] == 0  # to see again
    code, _, err = run(capsys, "import", str(path), "--as", "seen", *where)  # again: no change
    assert code == 0 and "off your watchlist" not in err
    assert _yours(tmp_path) == ([], ["The Matrix", "Avatar"], ["Avatar"])


def test_a_film_put_on_the_watchlist_after_you_rated_it_stays_there(
        data: Path, tmp_path: Path, capsys):
    """Your ratings, cleared and imported back from the file `profile clear` kept, took the
    films you had put on your watchlist to see again off it: an imported rating takes a film
    off only where it was not put there after the rating was made."""
    where = ("--data", str(data))
    assert run(capsys, "rate", "The Matrix", "4", "--on", "3d", *where)[0] == 0
    assert run(capsys, "rate", "Avatar", "3", "--on", "3d", *where)[0] == 0
    assert run(capsys, "watchlist", "add", "the matrix", *where)[0] == 0  # to see again
    assert run(capsys, "profile", "clear", *where)[0] == 0
    kept = next((tmp_path / "yours").glob("profile.csv.cleared-*"))
    code, _, err = run(capsys, "import", str(kept), *where)
    assert code == 0 and "2 new" in err and "off your watchlist" not in err
    assert _yours(tmp_path) == (["The Matrix", "Avatar"], [], ["The Matrix"])
    # so with films seen: watched in 2024, put on the watchlist since
    assert run(capsys, "watchlist", "add", "forrest gump", *where)[0] == 0
    watched = tmp_path / "watched.csv"
    watched.write_text("Date,Name,Year,Letterboxd URI\n2024-01-01,Forrest Gump,1994,u\n")
    code, _, err = run(capsys, "import", str(watched), "--as", "seen", *where)
    assert code == 0 and "1 new" in err and "off your watchlist" not in err
    assert _yours(tmp_path)[1:] == (["Forrest Gump"], ["The Matrix", "Forrest Gump"])
    # rated here and now, whatever day it gives, it comes off: you act after you put it there
    code, _, err = run(capsys, "rate", "the matrix", "4.5", "--on", "4d", *where)
    assert code == 0 and err.endswith("; off your watchlist now\n")
    assert _yours(tmp_path)[2] == ["Forrest Gump"]


def test_an_imdb_watchlist_that_gives_your_ratings_too_is_still_a_watchlist(
        data: Path, tmp_path: Path, capsys):
    """IMDb's list exports carry "Your Rating" and "Date Rated" too, as its ratings export
    does: the whole watchlist was read as ratings, its films to watch skipped unrated."""
    path = tmp_path / "WATCHLIST.csv"
    path.write_text(IMDB_WATCHLIST.replace("Directors\n", "Directors,Your Rating,Date Rated\n")
                    .replace("Lana Wachowski\n", "Lana Wachowski,,\n")
                    + "2,tt0499549,2024-02-02,2024-02-02,,Avatar,https://imdb.com,Movie,7.9,"
                      "162,2009,Action,1,2009-12-18,James Cameron,8,2024-02-03\n")
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0 and "IMDb watchlist file: 2 matched (1 new, 0 already there, 1 you " \
                         "rated, saw or hid, so not to watch)" in err
    assert _yours(tmp_path) == ([], [], ["The Matrix"])
    code, _, err = run(capsys, "import", str(path), "--as", "ratings", "--data", str(data))
    assert code == 0 and "1 without a rating skipped" in err  # its ratings, when asked
    assert _yours(tmp_path) == (["Avatar"], [], ["The Matrix"])


def test_a_film_put_on_the_watchlist_there_after_you_hid_rated_or_saw_it_here_goes_on(
        data: Path, tmp_path: Path, capsys, time_zone):
    """An imported watchlist leaves off what you rated, saw or hid, as an older export would
    put them back; but a film put on it there on a later day than you did those things here
    was meant (a mind changed, to see again): it goes on, and is hidden no more."""
    time_zone("UTC")
    (tmp_path / "yours" / "profile.csv").write_text(
        "movielens_id,tmdb_id,title,year,rating,rated_at\n"
        "3,603,The Matrix,1999,4,2024-01-05T12:00:00Z\n")
    (tmp_path / "yours" / "marks.csv").write_text(
        "mark,movielens_id,tmdb_id,title,year,marked_at\n"
        "hidden,6,194,Amélie,2001,2024-01-05T12:00:00Z\n"
        "hidden,5,278,The Shawshank Redemption,1994,2024-01-05T12:00:00Z\n"
        "seen,4,13,Forrest Gump,1994,2024-01-05T12:00:00Z\n"
        "seen,1,19995,Avatar,2009,2024-01-05T12:00:00Z\n"
        "watchlist,1,19995,Avatar,2009,2024-06-01T12:00:00Z\n")  # here to see again since
    export = tmp_path / "watchlist.csv"
    export.write_text("Date,Name,Year,Letterboxd URI\n"
                      "2024-02-01,Amélie,2001,u\n"  # later: meant
                      "2024-01-05,The Shawshank Redemption,1994,u\n"  # the same day: not
                      "2024-01-01,The Matrix,1999,u\n"  # before you rated it: not
                      "2024-03-01,Forrest Gump,1994,u\n"  # to see again
                      "2023-12-01,Avatar,2009,u\n")  # before you saw it, but on it here since
    code, _, err = run(capsys, "import", str(export), "--data", str(data))
    assert code == 0, err
    assert ("5 matched (2 new, 1 already there, 2 you rated, saw or hid, so not to watch)"
            in err)
    assert "1 movie you had said you were not interested in, put on the watchlist there" in err
    marks = load_marks(tmp_path / "yours" / "marks.csv")
    assert sorted(m.title for m in marks.of(WATCHLIST)) == ["Amélie", "Avatar", "Forrest Gump"]
    assert [m.title for m in marks.of(HIDDEN)] == ["The Shawshank Redemption"]
    assert [m.title for m in marks.of(SEEN)] == ["Forrest Gump", "Avatar"]


def test_an_export_cut_short_is_said_to_be_damaged(data: Path, tmp_path: Path, capsys):
    """A zip whose download stopped part way was read as one CSV: "not a file I know; its
    header is 'PK...'", a line as long as the list of every format."""
    whole = _zipped(tmp_path, ("ratings.csv", RATINGS), ("watched.csv", WATCHED))
    cut = tmp_path / "letterboxd-sam-2026-12-01-09-30-utc.zip"
    cut.write_bytes(whole.read_bytes()[:60])
    code, out, err = run(capsys, "import", str(cut), "--data", str(data))
    assert code == 2 and out == ""
    assert err.strip() == (f"tui-recsys: {cut}: not a readable zip (File is not a zip file); "
                           f"download the export again")


def test_netflixs_viewing_history_marks_the_films_seen(data: Path, tmp_path: Path, capsys,
                                                        time_zone):
    """Netflix's history (Title, Date) was "not a file I know": its films are marked seen
    (never put on the watchlist, as a list without a name that says so was), its episodes
    listed as what the catalogues do not hold."""
    time_zone("America/Los_Angeles")  # the file's day is that day, wherever you are
    history = tmp_path / "NetflixViewingHistory.csv"
    history.write_text('Title,Date\n"Dark: Season 1: Secrets",11/28/26\n'
                       '"The Matrix",11/27/26\n"Forrest Gump",1/3/26\n"The Matrix",1/2/26\n'
                       '"Apollo Eighteen",1/1/26\n'  # a number written another way
                       '"The Matrixx",12/1/25\n')  # no year, a typo: it ended the import
    code, out, err = run(capsys, "import", str(history), "--data", str(data))
    assert code == 0 and out == "", err
    assert "Netflix file: 3 matched (3 new, 0 already there), 2 unmatched, 1 duplicate" in err
    assert _yours(tmp_path) == ([], ["The Matrix", "Forrest Gump", "Apollo 18"], [])
    marks = load_marks(tmp_path / "yours" / "marks.csv")
    # seen twice, the newest first as Netflix lists them: the latest viewing's day
    assert [mark.marked_on for mark in marks.of(SEEN)] == ["2026-11-27", "2026-01-03",
                                                            "2026-01-01"]
    listing = (tmp_path / "yours" / "unmatched-NetflixViewingHistory.csv").read_text()
    assert "Dark: Season 1: Secrets,,a TV title (TV episode); the catalogues hold films" in listing
    assert ("The Matrixx,,\"no movie of the catalogues has its ids, or its title "
            "and year; did you mean The Matrix (1999)?\"") in listing


def test_a_netflix_history_whose_days_could_be_either_says_it_left_them_out(
        data: Path, tmp_path: Path, capsys):
    history = tmp_path / "NetflixViewingHistory.csv"
    history.write_text('Title,Date\n"The Matrix",03/11/2026\n"Forrest Gump",01/03/2026\n')
    code, _, err = run(capsys, "import", str(history), "--data", str(data))
    assert code == 0 and ("Netflix file: its days could be read day first or month first "
                          "(every one is 12 or less), so none is given a day") in err
    marked = (tmp_path / "yours" / "marks.csv").read_text().splitlines()[1:]
    assert len(marked) == 2 and all(row.endswith(",") for row in marked)  # no day, not today's


def test_a_csv_piped_in_is_imported_as_a_file_is(data: Path, tmp_path: Path, capsys,
                                                  monkeypatch: pytest.MonkeyPatch):
    """`... | tui-recsys import -` said "-: no such file", as exports write to - and imports
    read only files: `profile export -o - | tui-recsys --profile b.csv import -` copies."""
    import io
    import sys

    def piped(text: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))

    where = ("--data", str(data))
    piped(b"\xef\xbb\xbfDate,Name,Year,Letterboxd URI,Rating\n"
          b"2026-11-01,The Matrix,1999,u,4\n2026-11-01,Not A Film We Know,1900,u,3\n")
    code, _, err = run(capsys, "profile", "import", "-", *where)
    assert code == 0 and "1 matched (1 new" in err
    assert (tmp_path / "yours" / "unmatched-stdin.csv").is_file()
    piped(WATCHED.encode())
    code, _, err = run(capsys, "import", "-", "--as", "seen", *where)
    assert code == 0 and "1 new" in err
    assert _yours(tmp_path)[:2] == (["The Matrix"], ["Forrest Gump"])
    for argv in (["import", "-"], ["profile", "import", "-"]):
        piped(b"\x00\x81\xffjunk")
        code, _, err = run(capsys, *argv, *where)
        assert code == 2 and err == ("tui-recsys: stdin cannot be read as UTF-8 text; save it "
                                     "as UTF-8, or choose another file\n")


def test_a_spreadsheet_of_ones_films_imports_as_letterboxds_importer_reads_it(
        data: Path, tmp_path: Path, capsys):
    """"Movie, Year, Rating", typed by hand: its ratings, and a film without one as seen (as
    Letterboxd's importer logs it watched). It was "not a ratings file I know"."""
    path = tmp_path / "my films.csv"
    path.write_text("Movie,Year,Rating\nThe Matrix,1999,4.5\nAvatar,2009,\n")
    code, out, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0 and out == ""
    assert "Letterboxd import file: 1 matched (1 new" in err
    assert "Letterboxd import file, rows without a rating: 1 matched (1 new" in err
    assert _yours(tmp_path) == (["The Matrix"], ["Avatar"], [])


def test_films_without_ratings_import_only_as_the_person_says(data: Path, tmp_path: Path,
                                                               capsys):
    """A list of titles could be a watchlist or films seen: never guessed."""
    path = tmp_path / "films.csv"
    path.write_text("Title,Year\nThe Matrix,1999\n")
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 2 and err == (
        f"tui-recsys: {path}: names films but rates none (no Rating column, of 0.5 to 5 stars, "
        f"nor Rating10, of 1 to 10): name its column of ratings so, or say what its films are "
        f"on the command line, with `import --as watchlist` or `--as seen`\n")
    assert _yours(tmp_path) == ([], [], [])
    assert run(capsys, "import", str(path), "--as", "watchlist", "--data", str(data))[0] == 0
    assert _yours(tmp_path) == ([], [], ["The Matrix"])


def test_a_file_that_gives_no_day_leaves_the_day_unknown_and_letterboxds_diary_empty(
        data: Path, tmp_path: Path, capsys):
    """A spreadsheet's films, without the days they were seen, exported back to Letterboxd
    with the day they were imported here as WatchedDate, logged every one in its diary on
    that day (2,000 films "watched" on the day of the import). Their day is not known, and
    stays so; a film rated here today is dated today."""
    path = tmp_path / "my films.csv"
    path.write_text("Movie,Year,Rating\nThe Matrix,1999,4.5\nAvatar,2009,\n")
    assert run(capsys, "import", str(path), "--data", str(data))[0] == 0
    assert run(capsys, "rate", "Forrest Gump", "4", "--data", str(data))[0] == 0
    profile = (tmp_path / "yours" / "profile.csv").read_text().splitlines()
    assert profile[1].endswith(",The Matrix,1999,4.5,")  # rated_at: not known
    assert profile[2].split(",")[-1].endswith("Z")  # rated now, and dated so
    assert (tmp_path / "yours" / "marks.csv").read_text().splitlines()[1].endswith(
        ",Avatar,2009,")
    films = tmp_path / "for-letterboxd.csv"
    assert run(capsys, "profile", "export", str(films), "--format", "letterboxd",
               "--data", str(data))[0] == 0
    rows = [line.split(",") for line in films.read_text().splitlines()[1:]]
    assert [(row[0], row[-1] != "") for row in rows] == [
        ("The Matrix", False), ("Forrest Gump", True), ("Avatar", False)]
    code, out, _ = run(capsys, "profile", "export", "--format", "letterboxd", "--since", "7d",
                       "--data", str(data))
    assert code == 0 and "Forrest Gump" in out and "The Matrix" not in out and "Avatar" not in out
    for _ in range(2):  # our own files read back: the day still not known
        for ours, kind in (("profile.csv", "ratings"), ("marks.csv", "marks")):
            copy = tmp_path / f"copy-{ours}"
            copy.write_bytes((tmp_path / "yours" / ours).read_bytes())
            (tmp_path / "yours" / ours).unlink()
            assert run(capsys, "import", str(copy), "--data", str(data))[0] == 0, kind
    assert (tmp_path / "yours" / "profile.csv").read_text().splitlines()[1].endswith(",4.5,")
    assert (tmp_path / "yours" / "marks.csv").read_text().splitlines()[1].endswith(",2009,")


def test_films_named_by_their_letterboxd_pages_import_and_a_short_link_says_why_not(
        data: Path, tmp_path: Path, capsys):
    """Letterboxd's importer reads a LetterboxdURI column; a file of them alone was "not a
    ratings file I know". A page's words name the film, its year last where it has one; a
    boxd.it link only Letterboxd's site can tell, and the listing says so."""
    path = tmp_path / "pages.csv"
    path.write_text("LetterboxdURI,Rating\n"
                    "https://letterboxd.com/film/the-matrix/,4.5\n"
                    "https://letterboxd.com/film/avatar-2009/,3\n"
                    "https://boxd.it/2bcA,5\n"
                    "https://letterboxd.com/actor/keanu-reeves/,4\n")
    code, _, err = run(capsys, "import", str(path), "--data", str(data))
    assert code == 0 and "Letterboxd import file: 2 matched (2 new" in err
    assert "2 unmatched" in err
    assert _yours(tmp_path) == (["The Matrix", "Avatar"], [], [])
    listing = next(tmp_path.rglob("unmatched-*.csv")).read_text()
    assert ("https://boxd.it/2bcA,5,\"its link is a short link, whose film only Letterboxd's "
            "site can tell" in listing)
    assert ("keanu-reeves/,4,\"its link is no film's page; give the film page's address "
            "(letterboxd.com/film/...), the Title or the tmdbID\"\n" in listing)


def test_a_title_that_is_one_part_of_the_films_matches_it_and_never_the_other_way(
        tmp_path: Path, cache_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch):
    """Letterboxd's "Castle in the Sky", "Avengers: Infinity War" and "Birdman or (The
    Unexpected Virtue of Ignorance)" were unmatched, each with the right "did you mean":
    a part of the film's title, or the film's title without the other name the row gives,
    is the film, where one film of the year (else of a year either side) is so titled. Not
    a film's title as a part of the row's (a short the catalogues lack, beside its main
    film), nor where two films are titled so."""
    import pandas as pd

    from tests.support import write_dataset

    titles = ["Laputa: Castle in the Sky (1986)", "Avengers: Infinity War - Part I (2018)",
              "Birdman (2014)", "Watchmen (2009)",
              "Kung Fu Panda: Secrets of the Furious Five (2008)",
              "Kung Fu Panda: Secrets of the Masters (2008)"]
    frames = {"movies": pd.DataFrame([(i + 1, title, "Drama") for i, title in enumerate(titles)],
                                     columns=["movieId", "title", "genres"]),
              "ratings": pd.DataFrame([(1, i + 1, 4.0, 964982703) for i in range(len(titles))],
                                      columns=["userId", "movieId", "rating", "timestamp"])}
    data = write_dataset(tmp_path / "data", tmdb=None, links=False, movielens=frames)
    make_engine(data, cache_dir).index()
    profile = tmp_path / "mine.csv"
    file = tmp_path / "ratings.csv"
    file.write_text("Date,Name,Year,Rating\n"
                    "2024-01-02,Castle in the Sky,1987,4.5\n"  # a year either side
                    "2024-01-02,Avengers: Infinity War,2018,4\n"
                    "2024-01-02,Birdman or (The Unexpected Virtue of Ignorance),2014,4\n"
                    "2024-01-02,Watchmen: Tales of the Black Freighter,2009,2\n"
                    "2024-01-02,Kung Fu Panda,2008,3\n")
    code, _, err = run(capsys, "import", str(file), "--data", str(data), "--profile",
                       str(profile))
    assert code == 0 and "3 matched" in err and "2 unmatched" in err
    assert [r.title for r in load_profile(profile).ratings.values()] == [
        "Laputa: Castle in the Sky", "Avengers: Infinity War - Part I", "Birdman"]
    listing = (tmp_path / "unmatched-ratings.csv").read_text()
    assert "Watchmen: Tales of the Black Freighter (2009),2," in listing
    assert ("did you mean Kung Fu Panda: Secrets of the Furious Five (2008); Kung Fu Panda: "
            "Secrets of the Masters (2008)?") in listing  # said, never taken
