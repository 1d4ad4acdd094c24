"""Exports: your ratings, your watchlist and any list of picks, as our CSV, as the CSV
Letterboxd's importer reads, or as JSON; safe in a spreadsheet, and read back unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import make_engine, movielens_frames, write_dataset
from tui_recsys.cli.main import main


@pytest.fixture
def data(tiny: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(tmp_path / "marks.csv"))
    monkeypatch.setenv("TUI_RECSYS_PROFILE", str(tmp_path / "profile.csv"))
    make_engine(tiny, cache_dir).index()
    return tiny


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_ratings_export_for_letterboxd_and_import_back_unchanged(data: Path, tmp_path: Path,
                                                                 capsys):
    assert run(capsys, "rate", "The Matrix", "4.5", "--data", str(data))[0] == 0
    assert run(capsys, "rate", "Forrest Gump", "3", "--data", str(data))[0] == 0
    target = tmp_path / "for-letterboxd.csv"
    code, _, err = run(capsys, "profile", "export", str(target), "--format", "letterboxd",
                       "--data", str(data))
    assert code == 0 and "wrote 2 ratings" in err and "Letterboxd" in err
    rows = _rows(target.read_text())
    assert list(rows[0]) == ["Title", "Year", "tmdbID", "imdbID", "Rating", "WatchedDate"]
    matrix = next(row for row in rows if row["Title"] == "The Matrix")
    assert (matrix["Year"], matrix["tmdbID"], matrix["imdbID"], matrix["Rating"]) == (
        "1999", "603", "tt0133093", "4.5")
    assert len(matrix["WatchedDate"]) == 10
    before = (tmp_path / "profile.csv").read_text()
    code, _, err = run(capsys, "profile", "import", str(target), "--data", str(data))
    assert code == 0 and "0 new, 0 changed, 2 unchanged" in err
    assert (tmp_path / "profile.csv").read_text() == before
    # Opened and saved in a European Excel (Windows-1252), then exported over: Letterboxd
    # reads UTF-8, so the export is UTF-8 again, where your own files keep what Excel wrote.
    target.write_bytes(target.read_text().replace("The Matrix", "Léon").encode("cp1252"))
    assert run(capsys, "rate", "Amélie", "4", "--data", str(data))[0] == 0
    assert run(capsys, "profile", "export", str(target), "--format", "letterboxd", "--data",
               str(data))[0] == 0
    assert "Amélie" in target.read_bytes().decode("utf-8")


def test_an_export_since_a_day_holds_only_what_was_rated_or_seen_from_then(
        data: Path, tmp_path: Path, capsys):
    """A weekly user sends Letterboxd the week's films alone: the whole profile again would
    log every film once more in its diary."""
    (tmp_path / "profile.csv").write_text(
        "movielens_id,tmdb_id,title,year,rating,rated_at\n"
        "3,603,The Matrix,1999,4.5,2026-11-20T21:00:00Z\n"
        ",19995,Avatar,2009,3,2026-11-27T08:00:00Z\n"
        "5,278,The Shawshank Redemption,1994,5,\n")  # of no known day
    (tmp_path / "marks.csv").write_text(
        "mark,movielens_id,tmdb_id,title,year,marked_at\n"
        "seen,4,13,Forrest Gump,1994,2026-11-26T10:00:00Z\n"
        "seen,6,194,Amélie,2001,2026-11-28T10:00:00Z\n")
    code, out, _ = run(capsys, "profile", "export", "--since", "2026-11-27", "--format",
                       "letterboxd", "--data", str(data))
    assert code == 0 and [(r["Title"], r["Rating"], r["WatchedDate"]) for r in _rows(out)] == [
        ("Avatar", "3", "2026-11-27"), ("Amélie", "", "2026-11-28")]
    target = tmp_path / "week.csv"
    code, _, err = run(capsys, "profile", "export", str(target), "--since", "2026-11-20",
                       "--data", str(data))
    assert code == 0 and "wrote 2 ratings of 2026-11-20 or later" in err
    assert [r["title"] for r in _rows(target.read_text())] == ["The Matrix", "Avatar"]
    code, out, _ = run(capsys, "profile", "export", "--since", "9999w", "--format", "json",
                       "--data", str(data))
    assert code == 0 and [r["title"] for r in json.loads(out)] == ["The Matrix", "Avatar"]
    with pytest.raises(SystemExit) as caught:
        run(capsys, "profile", "export", "--since", "next friday", "--data", str(data))
    out, err = capsys.readouterr()
    assert caught.value.code == 2 and not out and err.splitlines()[-1].endswith(
        "'next friday' is not a day; give one as 2026-11-27, 27 nov, yesterday, friday, last "
        "friday, or 3d (three days ago)")


def test_letterboxd_s_diary_gets_the_day_you_watched_it_where_you_are(
        data: Path, tmp_path: Path, capsys, time_zone):
    time_zone("America/Los_Angeles")
    (tmp_path / "profile.csv").write_text(
        "movielens_id,tmdb_id,title,year,rating,rated_at\n"
        "3,603,The Matrix,1999,4.5,2026-11-28T05:30:00Z\n"  # 21:30 on the 27th there
        ",19995,Avatar,2009,3,2026-11-20T00:00:00Z\n")  # a day Letterboxd's export gave
    code, out, _ = run(capsys, "profile", "export", "--format", "letterboxd", "--since",
                       "2026-11-27", "--data", str(data))
    assert code == 0 and [(r["Title"], r["WatchedDate"]) for r in _rows(out)] == [
        ("The Matrix", "2026-11-27")]
    code, out, _ = run(capsys, "profile", "export", "--format", "letterboxd", "--data", str(data))
    assert [r["WatchedDate"] for r in _rows(out)] == ["2026-11-27", "2026-11-20"]


def test_the_day_you_watched_it_is_the_day_letterboxd_s_diary_logs(
        data: Path, tmp_path: Path, capsys, time_zone):
    """Seen on Friday and rated on Sunday, a film went to Letterboxd's diary as watched on
    Sunday: nothing said the day."""
    time_zone("America/Los_Angeles")
    where = ["--data", str(data)]
    for command in (["rate", "The Matrix", "4.5", "--on", "2026-11-27"],
                    ["rate", "Avatar", "3"], ["rate", "Avatar", "3", "--on", "2026-11-20"],
                    ["watchlist", "Forrest Gump"], ["seen", "Forrest Gump"],
                    ["seen", "Forrest Gump", "--on", "2026-11-26"]):
        assert run(capsys, *command, *where)[0] == 0
    code, out, _ = run(capsys, "profile", "export", "--format", "letterboxd", *where)
    assert code == 0 and [(r["Title"], r["Rating"], r["WatchedDate"]) for r in _rows(out)] == [
        ("The Matrix", "4.5", "2026-11-27"), ("Avatar", "3", "2026-11-20"),
        ("Forrest Gump", "", "2026-11-26")]
    code, out, _ = run(capsys, "profile", "show", *where)
    assert code == 0 and "2026-11-27" in out.splitlines()[2]  # the rated on column
    code, out, _ = run(capsys, "seen", *where)  # the day it was seen, not "marked on"
    assert code == 0 and out.splitlines()[0].split() == ["title", "year", "seen", "on"]
    assert out.splitlines()[2].split()[-1] == "2026-11-26"


def test_on_says_the_day_and_refuses_one_to_come_or_a_removal(data: Path, capsys):
    where = ["--data", str(data)]
    code, _, err = run(capsys, "rate", "The Matrix", "4", "--on", "2026-11-27", *where)
    assert code == 0 and "rated The Matrix (1999) 4 stars on 2026-11-27;" in err
    code, _, err = run(capsys, "rate", "The Matrix", "4", "--on", "2026-11-27", *where)
    assert code == 0 and "already rated The Matrix (1999) 4 stars on 2026-11-27;" in err
    code, _, err = run(capsys, "seen", "Avatar", "--on", "2026-11-26", *where)
    assert code == 0 and "added Avatar (2009) to the movies you have seen on 2026-11-26;" in err
    code, _, err = run(capsys, "seen", "Avatar", "--on", "2026-11-25", *where)
    assert code == 0 and "Avatar (2009) is among the movies you have seen, now on 2026-11-25" in err
    for command, said in ((["rate", "Avatar", "--remove"], "give the stars, not --remove"),
                          (["seen", "Avatar", "--remove"], "not with --remove"),
                          (["seen"], "name it"), (["seen", "show"], "name it")):
        code, _, err = run(capsys, *command, "--on", "yesterday", *where)
        assert code == 2 and said in err
    with pytest.raises(SystemExit) as caught:
        run(capsys, "rate", "Avatar", "4", "--on", "2999-01-01", *where)
    assert caught.value.code == 2 and capsys.readouterr().err.endswith(
        "argument --on: 2999-01-01 is after today; give the day you watched it\n")
    code, _, err = run(capsys, "rate", "Avatar", "4", "--on", "last friday", *where)
    assert code == 0 and "rated Avatar (2009) 4 stars on " in err
    for unquoted in (["--on", "last", "friday"], ["--on", "3", "days", "ago"]):
        with pytest.raises(SystemExit) as caught:  # the shell gave "last" alone
            run(capsys, "rate", "Avatar", "4", *unquoted, *where)
        assert caught.value.code == 2 and capsys.readouterr().err.endswith(
            'is not a day; quote a day of several words: "last friday", "3 days ago"\n')


def test_an_undated_export_logs_nothing_in_letterboxd_s_diary(data: Path, tmp_path: Path,
                                                               capsys):
    """Rated in the quick start, Star Wars went to Letterboxd's diary as watched today."""
    (tmp_path / "profile.csv").write_text(
        "movielens_id,tmdb_id,title,year,rating,rated_at\n"
        "3,603,The Matrix,1999,4.5,2026-11-20T21:00:00Z\n")
    (tmp_path / "marks.csv").write_text(
        "mark,movielens_id,tmdb_id,title,year,marked_at\n"
        "seen,4,13,Forrest Gump,1994,2026-11-26T10:00:00Z\n")
    code, out, _ = run(capsys, "profile", "export", "--format", "letterboxd", "--undated",
                       "--data", str(data))
    assert code == 0 and [(r["Title"], r["Rating"], r["WatchedDate"]) for r in _rows(out)] == [
        ("The Matrix", "4.5", ""), ("Forrest Gump", "", "")]
    target = tmp_path / "undated.csv"
    target.write_text(out)
    before = (tmp_path / "profile.csv").read_text()
    code, _, err = run(capsys, "profile", "import", str(target), "--data", str(data))
    assert code == 0 and "0 new, 0 changed, 1 unchanged" in err
    assert (tmp_path / "profile.csv").read_text() == before  # the day you rated it is kept
    code, out, err = run(capsys, "profile", "export", "--undated", "--data", str(data))
    assert code == 2 and out == "" and err.strip() == (
        "tui-recsys: --undated is for --format letterboxd (its importer logs a dated film in "
        "the diary); the other formats keep your days")


def test_watchlist_and_picks_export_in_every_format(data: Path, tmp_path: Path, capsys):
    run(capsys, "watchlist", "add", "The Matrix", "--data", str(data))
    code, out, _ = run(capsys, "watchlist", "export", "-", "--format", "letterboxd",
                       "--data", str(data))
    assert code == 0 and [(r["Title"], r["imdbID"], r["Rating"]) for r in _rows(out)] == [
        ("The Matrix", "tt0133093", "")]
    code, out, _ = run(capsys, "watchlist", "export", "-", "--format", "json", "--data",
                       str(data))
    assert [m["title"] for m in json.loads(out)] == ["The Matrix"]
    for command in ("watchlist", "profile"):  # no file: stdout, for a pipe or `> file`
        code, out, err = run(capsys, command, "export", "--data", str(data))
        assert code == 0 and "required" not in err and out.startswith(("mark,", "movielens_id,"))
    picks = tmp_path / "picks.csv"
    code, out, err = run(capsys, "recommend", "story", "--movie", "Avatar", "--export",
                         str(picks), "--data", str(data))
    assert code == 0 and "wrote 2 picks" in err and "The Matrix" in out  # the table too
    rows = _rows(picks.read_text())
    assert [(r["rank"], r["title"], r["on_watchlist"]) for r in rows][:2] == [
        ("1", "Apollo 18", "0"), ("2", "The Matrix", "1")]
    code, out, _ = run(capsys, "recommend", "story", "--movie", "Avatar", "--export", "-",
                       "--format", "json", "--data", str(data))
    assert [item["title"] for item in json.loads(out)] == ["Apollo 18", "The Matrix"]


def test_seen_and_hidden_lists_export_as_the_app_s_e_does(data: Path, tmp_path: Path, capsys):
    """The app's e exports the Seen and Hidden lists alone; the command line had no way (the
    films seen went to Letterboxd only inside `profile export`)."""
    assert run(capsys, "seen", "The Matrix", "--on", "2026-11-28", "--data", str(data))[0] == 0
    assert run(capsys, "hide", "Avatar", "--data", str(data))[0] == 0
    code, out, _ = run(capsys, "seen", "--format", "letterboxd", "--data", str(data))
    assert code == 0 and [(r["Title"], r["Rating"], r["WatchedDate"]) for r in _rows(out)] == [
        ("The Matrix", "", "2026-11-28")]  # logged on the day seen, with no stars
    target = tmp_path / "seen.json"
    code, out, err = run(capsys, "seen", "--export", str(target), "--data", str(data))
    assert code == 0 and "The Matrix" in out and "wrote 1 movie" in err  # the table too
    assert [m["title"] for m in json.loads(target.read_text())] == ["The Matrix"]
    code, out, _ = run(capsys, "hide", "show", "--format", "csv", "--data", str(data))
    assert code == 0 and [(r["mark"], r["title"]) for r in _rows(out)] == [("hidden", "Avatar")]
    code, out, err = run(capsys, "seen", "Avatar", "--format", "csv", "--data", str(data))
    assert code == 2 and not out and "--export and --format write the list: name no film" in err


def test_a_list_in_a_format_on_stdout_however_it_is_asked(data: Path, capsys):
    """`--format csv` alone printed the table, and `--json --export -` printed CSV."""
    movie = ("recommend", "story", "--movie", "Avatar", "--data", str(data))
    code, out, _ = run(capsys, *movie, "--format", "csv")
    assert code == 0 and [row["title"] for row in _rows(out)] == ["Apollo 18", "The Matrix"]
    code, out, _ = run(capsys, *movie, "--format", "letterboxd")
    assert code == 0 and list(_rows(out)[0])[:2] == ["Title", "Year"]
    code, out, _ = run(capsys, *movie, "--json", "--export", "-")
    assert [item["title"] for item in json.loads(out)] == ["Apollo 18", "The Matrix"]
    code, out, err = run(capsys, *movie, "--json", "--format", "csv")
    assert code == 2 and not out and err.count("\n") == 1 and "two formats" in err


def test_o_names_the_file_as_other_tools_take_it(data: Path, tmp_path: Path, capsys):
    """`profile export -o mine.csv`, as sort, curl and pandoc take it, was "unrecognized
    arguments: -o"; named twice, as FILE and with -o, it is refused rather than one of them
    taken silently."""
    assert run(capsys, "rate", "The Matrix", "4.5", "--data", str(data))[0] == 0
    for argv, target in ((("profile", "export", "-o"), "mine.json"),
                         (("watchlist", "export", "--output"), "later.csv"),
                         (("recommend", "story", "Avatar", "-o"), "picks.csv")):
        code, out, err = run(capsys, *argv, str(tmp_path / target), "--data", str(data))
        assert code == 0 and f"to {tmp_path / target}" in err, err
        assert (tmp_path / target).is_file()
    assert json.loads((tmp_path / "mine.json").read_text())[0]["title"] == "The Matrix"
    code, out, err = run(capsys, "profile", "export", "-o", "-", "--data", str(data))
    assert code == 0 and _rows(out)[0]["title"] == "The Matrix"
    for argv in (("a.csv", "-o", "b.csv"), ("-o", "b.csv", "a.csv"), ("-o", "a", "-o", "b")):
        with pytest.raises(SystemExit) as caught:
            main(["profile", "export", *argv, "--data", str(data)])
        err = capsys.readouterr().err
        assert caught.value.code == 2 and err.count("\n") == 1
        assert err.endswith("name the file once: as FILE or with -o FILE\n")
    assert not (tmp_path / "a.csv").exists() and not Path("a.csv").exists()


def test_an_export_is_safe_in_a_spreadsheet_and_never_your_own_files(data: Path,
                                                                     tmp_path: Path, capsys):
    profile = tmp_path / "profile.csv"
    profile.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n"
                       ",603,=HYPERLINK(\"x\"),1999,4,\n")
    code, out, _ = run(capsys, "profile", "export", "-", "--format", "letterboxd", "--data",
                       str(data))
    assert code == 0 and "'=HYPERLINK" in out
    before = profile.read_bytes()
    code, _, err = run(capsys, "profile", "export", str(profile), "--data", str(data))
    assert code == 2 and "is your profile itself" in err and profile.read_bytes() == before
    run(capsys, "hide", "Avatar", "--data", str(data))
    marks = tmp_path / "marks.csv"
    code, _, err = run(capsys, "watchlist", "export", str(marks), "--data", str(data))
    assert code == 2 and "is your marks file itself" in err and "Avatar" in marks.read_text()


@pytest.mark.parametrize("theirs", ["Const,Your Rating\ntt0133093,9\n", '{"a": 1}\n',
                                    '[{"title": "Heat"}]\n', "not,ours\n"])
def test_an_export_replaces_only_an_earlier_export_unless_forced(data: Path, tmp_path: Path,
                                                                 capsys, theirs: str):
    """A typo must not cost someone the ratings file they were about to import."""
    run(capsys, "rate", "The Matrix", "4.5", "--data", str(data))
    file = tmp_path / "mine.csv"
    file.write_text(theirs)
    for argv in (["profile", "export", str(file)], ["watchlist", "export", str(file)],
                 ["recommend", "chart", "--export", str(file)]):
        code, out, err = run(capsys, *argv, "--data", str(data))
        assert (code, out) == (2, "") and err.count("\n") == 1, argv
        assert "mine.csv exists and is not an export of ours" in err and "--force" in err
        assert file.read_text() == theirs
    assert run(capsys, "profile", "export", str(file), "--force", "--data", str(data))[0] == 0
    assert "The Matrix" in file.read_text()


def test_each_earlier_export_of_ours_is_replaced_unasked(data: Path, tmp_path: Path, capsys):
    run(capsys, "rate", "The Matrix", "4.5", "--data", str(data))
    run(capsys, "watchlist", "add", "Avatar", "--data", str(data))
    file = tmp_path / "out"
    file.write_text("")
    for fmt in ("csv", "letterboxd", "json"):
        for argv in (["profile", "export", str(file)], ["watchlist", "export", str(file)],
                     ["recommend", "chart", "-k", "2", "--export", str(file)]):
            code, _, err = run(capsys, *argv, "--format", fmt, "--data", str(data))
            assert code == 0 and "wrote" in err, (fmt, argv)


def test_a_list_shown_again_says_which_of_yours_each_is_and_earlier_exports_stay_ours(
        data: Path, tmp_path: Path, capsys):
    """With --include-seen, what you rated, saw or hid came back unmarked, in the table and
    in an export alike. An export written before its column came is still ours to replace."""
    run(capsys, "rate", "Avatar", "4.5", "--data", str(data))
    run(capsys, "seen", "The Matrix", "--data", str(data))
    code, out, _ = run(capsys, "recommend", "chart", "--include-seen", "--data", str(data))
    assert code == 0 and "Avatar [rated 4.5]" in out
    assert "Avatar" not in run(capsys, "recommend", "chart", "--data", str(data))[1]
    file = tmp_path / "picks.json"
    file.write_text('[{"rank": 1, "title": "Heat", "year": 1995, "tmdb_id": 949, '
                    '"movielens_id": 6, "score": 1.0, "stars": null, "on_watchlist": false, '
                    '"reason": ""}]')  # as one was written before "yours"
    story = ["recommend", "story", "--movie", "Avatar", "-k", "20", "--include-seen"]
    code, out, _ = run(capsys, *story, "--export", str(file), "--data", str(data))
    assert code == 0 and "The Matrix [seen]" in out
    yours = {row["title"]: row["yours"] for row in json.loads(file.read_text())}
    assert yours.pop("The Matrix") == "seen" and set(yours.values()) == {""}
    csv_file = tmp_path / "picks.csv"
    csv_file.write_text("rank,title,year,tmdb_id,movielens_id,score,stars,on_watchlist,reason\n")
    assert run(capsys, *story, "--export", str(csv_file), "--data", str(data))[0] == 0
    assert {row["title"]: row["yours"] for row in _rows(csv_file.read_text())}[
        "The Matrix"] == "seen"


def test_a_film_tmdb_5000_lacks_goes_to_letterboxd_with_its_tmdb_id_and_comes_back(
        tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    """Heat is MovieLens' alone here, and links.csv gives TMDB's id of it (949): that id was
    left blank in the export (only its IMDb id went), and a file naming the film by it alone
    matched nothing."""
    frames = movielens_frames()
    frames["movies"].loc[len(frames["movies"])] = (8, "Heat (1995)", "Action|Crime|Thriller")
    frames["links"].loc[len(frames["links"])] = (8, 113277, 949)
    frames["ratings"].loc[len(frames["ratings"])] = (42, 8, 4.0, 964982703)
    data = write_dataset(tmp_path / "data", movielens=frames)
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(tmp_path / "marks.csv"))
    monkeypatch.setenv("TUI_RECSYS_PROFILE", str(tmp_path / "profile.csv"))
    assert run(capsys, "rate", "heat", "4.5", "--data", str(data))[0] == 0
    code, out, _ = run(capsys, "profile", "export", "--format", "letterboxd", "--data",
                       str(data))
    assert code == 0
    heat = _rows(out)[0]
    assert (heat["Title"], heat["tmdbID"], heat["imdbID"]) == ("Heat", "949", "tt0113277")
    elsewhere = tmp_path / "from-elsewhere.csv"  # another site's: the TMDB id alone
    elsewhere.write_text("Title,Year,tmdbID,Rating\nHeat (Director's Cut),,949,3.5\n")
    monkeypatch.setenv("TUI_RECSYS_PROFILE", str(tmp_path / "another.csv"))
    code, _, err = run(capsys, "profile", "import", str(elsewhere), "--data", str(data))
    assert code == 0 and "1 matched (1 new" in err, err
    assert "Heat,1995,3.5" in (tmp_path / "another.csv").read_text()
