"""`recommend together`: a movie night from the command line, for MovieLens users, other
people's profile files and you; each person's stars in every pick; mistakes in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import letterboxd_export
from tui_recsys.cli.main import main

HEADER = "movielens_id,tmdb_id,title,year,rating,rated_at\n"


def _together(capsys, data: Path, *argv: str, before: tuple[str, ...] = ()
              ) -> tuple[int, list[dict], str]:
    code, out, err = run(capsys, *before, "recommend", "together", *argv, "--json",
                         "--data", str(data))
    return code, (json.loads(out) if code == 0 else []), err


def test_users_a_guest_and_you_each_with_their_stars(trained: Path, tmp_path: Path, capsys):
    guest = tmp_path / "sam.csv"
    guest.write_text(HEADER + "2,9087,The American President,1995,4.5,0\n")
    mine = tmp_path / "mine.csv"
    mine.write_text(HEADER + "3,603,The Matrix,1999,5,0\n")
    code, picks, err = _together(capsys, trained, "--user", "1", "--profile", str(guest),
                                 "--me", before=("--profile", str(mine)))
    assert code == 0 and "together, by least-misery: you, user 1, sam" in err
    # user 1 rated 1, 3, 4; sam 2; you 3: left are 5, 6, 7
    assert picks and {p["movielens_id"] for p in picks} <= {5, 6, 7}
    for pick in picks:
        assert all(f"{name} " in pick["reason"] for name in ("you", "user 1", "sam"))
    assert guest.read_text() == HEADER + "2,9087,The American President,1995,4.5,0\n"


def test_average_is_an_option_and_changes_the_stars(trained: Path, capsys):
    code, misery, _ = _together(capsys, trained, "--user", "1", "--user", "42")
    code_average, average, err = _together(capsys, trained, "--user", "1", "--user", "42",
                                           "--group-by", "average")
    assert code == code_average == 0 and "by average" in err
    by_id = {p["movielens_id"]: p["stars"] for p in misery}
    assert all(p["stars"] >= by_id[p["movielens_id"]] - 1e-9 for p in average)


def test_your_seen_and_hidden_are_left_out_only_when_you_come(trained: Path, tmp_path: Path,
                                                             capsys, monkeypatch):
    marks = tmp_path / "marks.csv"
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(marks))
    mine = ("--profile", str(tmp_path / "mine.csv"))
    everyone = {p["movielens_id"] for p in _together(capsys, trained, "--user", "1",
                                                     "--user", "2", before=mine)[1]}
    assert everyone == {6, 7}
    assert run(capsys, "seen", "--movielens-id", "6", "--data", str(trained))[0] == 0
    without_you = _together(capsys, trained, "--user", "1", "--user", "2", before=mine)[1]
    assert {p["movielens_id"] for p in without_you} == {6, 7}  # your marks are yours
    code, with_you, err = _together(capsys, trained, "--user", "1", "--user", "2", "--me",
                                    before=mine)
    assert code == 0 and "1 seen" in err
    assert [p["movielens_id"] for p in with_you] == [7]


@pytest.mark.parametrize(("argv", "said"), [
    (["--user", "1"], "together needs at least 2 people"),
    (["--user", "1", "--user", "1"], "for yourself; one named twice counts once"),
    (["--user", "1", "--profile", "nowhere.csv"], "nowhere.csv: no such file"),
    (["--user", "1", "--user", "999"], "unknown user 999"),
])
def test_mistakes_are_one_line(trained: Path, capsys, argv: list[str], said: str):
    code, picks, err = _together(capsys, trained, *argv)
    assert code == 2 and picks == [] and said in err
    assert len([line for line in err.splitlines() if said in line]) == 1


def test_an_unknown_user_is_said_alone_before_the_group(trained: Path, capsys):
    code, _, err = _together(capsys, trained, "--user", "1", "--user", "999")
    assert code == 2 and err.count("\n") == 1 and "together, by" not in err


def test_an_unknown_order_is_refused_naming_both(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["recommend", "together", "--user", "1", "--user", "2", "--group-by", "loudest"])
    err = capsys.readouterr().err
    assert caught.value.code == 2 and "'least-misery', 'average'" in err


def test_a_friends_letterboxd_export_is_a_guest_as_it_is(trained: Path, tmp_path: Path,
                                                          capsys):
    """A friend has what Letterboxd gave them, not our profile: it was refused with the
    command that makes one of it. It is matched as `profile import` matches yours, in memory,
    and their file is neither written nor copied."""
    export = tmp_path / "sam ratings.csv"
    export.write_text("Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,The Matrix,1999,u,5\n"
                      "2024-01-02,Avatar,2009,u,1\n2024-01-03,No Such Film,1901,u,4\n")
    before = export.read_bytes()
    code, rows, err = _together(capsys, trained, "--user", "1", "--profile", str(export))
    assert code == 0, err
    assert "sam ratings: Letterboxd file: 2 ratings matched, 1 not found here" in err
    assert "together, by least-misery: user 1, sam ratings" in err
    assert rows and all("sam ratings" in row["reason"] for row in rows)
    assert all(row["title"] not in ("The Matrix", "Avatar") for row in rows)  # what sam rated
    assert export.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir() if "sam" in path.name] == [export.name]


def test_a_file_named_as_a_movie_night_names_someone_is_named_by_its_path(
        trained: Path, tmp_path: Path, capsys):
    """you.csv beside --me: "you, you" said nothing of who was who."""
    guest = tmp_path / "you.csv"
    guest.write_text(HEADER + "2,9087,The American President,1995,4.5,0\n")
    mine = tmp_path / "mine.csv"
    mine.write_text(HEADER + "3,603,The Matrix,1999,5,0\n")
    code, _, err = _together(capsys, trained, "--profile", str(guest), "--me",
                             before=("--profile", str(mine)))
    assert code == 0 and f"together, by least-misery: you, {guest}" in err


def test_a_file_every_export_names_alike_is_named_by_its_folder(trained: Path,
                                                                 tmp_path: Path, capsys):
    """Two friends' Letterboxd ratings.csv, each in a folder of theirs: named by their paths,
    "/home/…/sam/ratings.csv", in every pick's stars."""
    for name, file, rated in (("sam", "ratings.csv", "The Matrix,1999"),
                              ("alex", "Ratings.CSV", "Avatar,2009")):
        (tmp_path / name).mkdir()
        (tmp_path / name / file).write_text("Date,Name,Year,Letterboxd URI,Rating\n"
                                            f"2024-01-02,{rated},https://boxd.it/a,4.5\n")
    code, picks, err = _together(capsys, trained, "--profile", str(tmp_path / "sam" /
                                 "ratings.csv"), "--profile", str(tmp_path / "alex" /
                                                                  "Ratings.CSV"))
    assert code == 0, err
    assert "together, by least-misery: sam, alex\n" in err
    assert picks and all("sam " in pick["reason"] and "alex " in pick["reason"]
                         for pick in picks)
    # a folder that holds everyone's files names nobody
    (tmp_path / "Downloads").mkdir()
    (tmp_path / "sam" / "ratings.csv").rename(tmp_path / "Downloads" / "ratings.csv")
    code, _, err = _together(capsys, trained, "--profile", str(tmp_path / "Downloads" /
                                                                "ratings.csv"), "--user", "1")
    assert code == 0 and "together, by least-misery: user 1, ratings\n" in err


def test_each_person_counts_once_whatever_names_them(trained: Path, tmp_path: Path, capsys):
    """Your own profile as --profile beside --me was "you, mine": you twice, and your stars
    counted twice; alone, it is you (what you rated, saw or hid left out)."""
    mine = tmp_path / "mine.csv"
    mine.write_text(HEADER + "3,603,The Matrix,1999,5,0\n")
    guest = tmp_path / "sam.csv"
    guest.write_text(HEADER + "2,9087,The American President,1995,4.5,0\n")
    code, _, err = _together(capsys, trained, "--me", "--profile", str(mine),
                             before=("--profile", str(mine)))
    assert code == 2 and "at least 2 people" in err and "one named twice counts once" in err
    code, picks, err = _together(capsys, trained, "--profile", str(mine), "--profile",
                                 str(guest), "--profile", str(tmp_path / "." / "sam.csv"),
                                 before=("--profile", str(mine)))
    assert code == 0 and "together, by least-misery: you, sam\n" in err
    assert "left out: what you and sam rated\n" in err  # everyone's: it said only yours
    assert 3 not in {p["movielens_id"] for p in picks}


def test_your_own_export_beside_you_counts_once(trained: Path, tmp_path: Path, capsys):
    """`--me --profile my-export.csv` was "you, me-export": you twice, each pick's reason
    saying your stars twice and an average weighing them double. A copy of someone's ratings,
    in any format, is that person."""
    mine = tmp_path / "mine.csv"
    mine.write_text(HEADER + "3,603,The Matrix,1999,5,0\n")
    copy = tmp_path / "me-export.csv"  # Letterboxd's format, as `profile export` writes it
    copy.write_text("Title,Year,tmdbID,imdbID,Rating,WatchedDate\nThe Matrix,1999,603,,5,\n")
    code, picks, err = _together(capsys, trained, "--me", "--profile", str(copy), "--user",
                                 "1", "--group-by", "average", before=("--profile", str(mine)))
    assert code == 0, err
    assert "me-export has the same ratings as you, counted once\n" in err
    assert picks and all("me-export" not in pick["reason"] for pick in picks)
    assert all(pick["reason"].count("you ") == 1 for pick in picks)
    code, _, err = _together(capsys, trained, "--me", "--profile", str(copy),
                             before=("--profile", str(mine)))  # you, and you again
    assert code == 2 and err == ("tui-recsys: me-export: Letterboxd import file: 1 rating "
                                 "matched\ntui-recsys: together, by least-misery: you, "
                                 "me-export\ntui-recsys: together needs at least 2 different "
                                 "people, and me-export has the same ratings as you: add "
                                 "someone else\n")
    # other stars for the same film are another person
    copy.write_text("Title,Year,tmdbID,imdbID,Rating,WatchedDate\nThe Matrix,1999,603,,2,\n")
    code, _, err = _together(capsys, trained, "--me", "--profile", str(copy),
                             before=("--profile", str(mine)))
    assert code == 0 and "together, by least-misery: you, me-export\n" in err


def test_you_with_no_ratings_yet_are_told_so(trained: Path, tmp_path: Path, capsys):
    """--me with an empty profile left your taste out without a word ("together, by
    least-misery: user 1, user 2"), and --me alone said "one named twice counts once". With
    one other, it said the list went by the others' tastes, then that two people were needed:
    you are one of the two (what you saw or hid is left out), the other's tastes order it."""
    mine = ("--profile", str(tmp_path / "mine.csv"))
    code, picks, err = _together(capsys, trained, "--me", "--user", "1", "--user", "2",
                                 before=mine)
    assert code == 0 and picks
    assert "tui-recsys: together, by least-misery: you, user 1, user 2\n" in err
    assert "tui-recsys: you: no ratings yet, so the list goes by the others' tastes\n" in err
    assert run(capsys, "seen", "--movielens-id", str(picks[0]["movielens_id"]), *mine,
               "--data", str(trained))[0] == 0
    code, again, err = _together(capsys, trained, "--me", "--user", "1", before=mine)
    assert code == 0 and again and "so the list goes by user 1's tastes\n" in err
    assert picks[0]["movielens_id"] not in {p["movielens_id"] for p in again}
    assert all(p["reason"].startswith("would rate it: user 1 ") for p in again)
    code, _, err = _together(capsys, trained, "--me", before=mine)
    assert code == 2 and "named twice" not in err and "at least 2 people" in err


def test_what_a_guest_saw_or_hid_is_left_out_when_their_marks_are_beside_their_file(
        trained: Path, tmp_path: Path, capsys):
    """A movie night left out what a guest rated, not what they saw or hid: their own
    tui-recsys keeps that beside their profile (sam.marks.csv), where it is now read (read
    only), and --include-seen shows those films again."""
    guest = tmp_path / "sam.csv"
    guest.write_text(HEADER + "2,9087,The American President,1995,4.5,0\n")
    asked = ("--user", "1", "--profile", str(guest))
    everyone = {p["movielens_id"] for p in _together(capsys, trained, *asked)[1]}
    assert 6 in everyone and 7 in everyone
    sam = ("--profile", str(guest), "--data", str(trained))
    assert run(capsys, "seen", "--movielens-id", "6", *sam)[0] == 0  # sam's own tui-recsys
    assert run(capsys, "hide", "--movielens-id", "7", *sam)[0] == 0
    marks = (tmp_path / "sam.marks.csv").read_bytes()
    code, picks, err = _together(capsys, trained, *asked)
    assert code == 0 and not {6, 7} & {p["movielens_id"] for p in picks}
    assert ("left out: what user 1 and sam rated, and the 2 sam saw or hid (--include-seen "
            "shows those)") in err
    code, shown, _ = _together(capsys, trained, *asked, "--include-seen")
    said = {p["movielens_id"]: p["yours"] for p in shown}
    assert code == 0 and (said[6], said[7]) == ("seen by sam", "sam: not interested")
    assert (tmp_path / "sam.marks.csv").read_bytes() == marks
    header = "mark,movielens_id,tmdb_id,title,year,marked_at\n"
    (tmp_path / "sam.marks.csv").write_text(header + "hidden,x,,Movie 7,2000,0\n")
    code, _, err = _together(capsys, trained, *asked)
    assert code == 2 and "sam.marks.csv, row 2" in err and len(err.splitlines()) == 1, err
    assert "move it away to go by their ratings alone" in err
    (tmp_path / "sam.marks.csv").write_text("Date,Name\n")  # not ours: not their marks
    assert {6, 7} <= {p["movielens_id"] for p in _together(capsys, trained, *asked)[1]}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("sam")) == [
        "sam.csv", "sam.marks.csv"]  # read only: no copy kept beside a damaged one


def test_a_friends_whole_letterboxd_export_brings_their_ratings_and_the_films_they_saw(
        trained: Path, tmp_path: Path, capsys):
    """Letterboxd gives its export as a zip: named for a movie night it was "cannot be read as
    UTF-8 text". Its ratings.csv is read as their ratings, its watched.csv as the films they
    saw (left out), and they are named by the username in the zip's name."""
    export = letterboxd_export(tmp_path / "letterboxd-samlovesfilm-2026-12-01-09-30-utc.zip",
                               [("The American President", 1995, 4.5)], [("Amélie", 2001)])
    code, picks, err = _together(capsys, trained, "--user", "1", "--profile", str(export))
    assert code == 0 and picks, err
    assert "samlovesfilm: Letterboxd file: 1 rating matched" in err
    assert "left out: what user 1 and samlovesfilm rated, and the 1 samlovesfilm saw" in err
    assert {p["movielens_id"] for p in picks} == {5, 7}  # user 1 rated 1, 3, 4; sam 2, saw 6
    assert all("samlovesfilm " in p["reason"] for p in picks)
    folder = tmp_path / "unpacked"
    folder.mkdir()
    (folder / "ratings.csv").write_text("Date,Name,Year,Letterboxd URI,Rating\n")
    code, _, err = _together(capsys, trained, "--user", "1", "--profile", str(folder))
    assert code == 0 and "unpacked: no ratings yet, so the list goes by user 1's tastes" in err


def test_everyones_watchlist_at_a_movie_night_is_flagged_and_drawn_from(
        trained: Path, tmp_path: Path, capsys):
    """A movie night read only your watchlist (and --only-watchlist refused one without you):
    a friend's Letterboxd watchlist.csv and the watchlist their own tui-recsys keeps are
    theirs at it too, and each pick on one says whose."""
    mine = ("--profile", str(tmp_path / "mine.csv"))
    (tmp_path / "mine.csv").write_text(HEADER + "3,603,The Matrix,1999,5,0\n")
    assert run(capsys, *mine, "watchlist", "add", "--movielens-id", "4", "--data",
               str(trained))[0] == 0
    kim = letterboxd_export(tmp_path / "letterboxd-kim-2026-12-01-09-30-utc.zip",
                            [("The American President", 1995, 4.5)], [],
                            [("The Shawshank Redemption", 1994)])
    sam = tmp_path / "sam.csv"
    sam.write_text(HEADER + "1,19995,Avatar,2009,4,0\n")
    for movie in ("5", "7"):
        assert run(capsys, "--profile", str(sam), "watchlist", "add", "--movielens-id", movie,
                   "--data", str(trained))[0] == 0
    asked = ("--me", "--profile", str(kim), "--profile", str(sam))
    code, picks, err = _together(capsys, trained, *asked, before=mine)
    assert code == 0, err
    by_id = {p["movielens_id"]: p for p in picks}
    assert set(by_id) == {4, 5, 6, 7}  # what nobody rated
    assert by_id[4]["reason"].endswith("; on your watchlist")
    assert by_id[5]["reason"].endswith("; on kim's and sam's watchlists")
    assert by_id[7]["reason"].endswith("; on sam's watchlist")
    assert "watchlist" not in by_id[6]["reason"]
    assert [p["movielens_id"] for p in picks if p["on_watchlist"]] == [
        p["movielens_id"] for p in picks if p["movielens_id"] != 6]
    code, only, err = _together(capsys, trained, *asked, "--only-watchlist", before=mine)
    assert code == 0 and [p["movielens_id"] for p in only] == [
        p["movielens_id"] for p in picks if p["movielens_id"] != 6]
    code, without_you, _ = _together(capsys, trained, "--profile", str(kim), "--profile",
                                     str(sam), "--only-watchlist", before=mine)
    assert code == 0 and {p["movielens_id"] for p in without_you} == {5, 7}


def test_a_list_of_films_named_as_a_guest_is_said_to_hold_no_taste(trained: Path,
                                                                    tmp_path: Path, capsys):
    """A friend's Netflix history or Letterboxd watched.csv, named for a movie night, was "the
    first row must be movielens_id,…; it is 'Title,Date'"."""
    for name, text in (("NetflixViewingHistory.csv", 'Title,Date\n"Avatar",11/28/26\n'),
                       ("watched.csv", "Date,Name,Year,Letterboxd URI\n"
                                       "2024-01-02,Avatar,2009,u\n")):
        guest = tmp_path / name
        guest.write_text(text)
        code, _, err = _together(capsys, trained, "--user", "1", "--profile", str(guest))
        assert code == 2 and err == (f"tui-recsys: {guest}: a list of films without ratings, "
                                     f"not someone's taste; name their ratings file, or their "
                                     f"whole Letterboxd export\n")
