import codecs
import os
from pathlib import Path

import pytest

from tui_recsys.data.profile_file import (
    Profile,
    Rated,
    day_of,
    load_profile,
    parse_moment,
    parse_stars,
    parse_typed_stars,
)
from tui_recsys.errors import DataError, NotOurs


def _profile(path: Path) -> Profile:
    profile = Profile(path)
    profile.rate(Rated(1214, 348, "Alien, \"the\" one", 1979, 5.0))
    profile.rate(Rated(None, 19995, "Avatar", 2009, 3.5))
    return profile


def test_a_profile_comes_back_as_saved(tmp_path: Path):
    path = tmp_path / "deep" / "profile.csv"
    _profile(path).save()
    loaded = load_profile(path)
    assert [(r.movielens_id, r.tmdb_id, r.title, r.year, r.stars)
            for r in loaded.ratings.values()] == [
        (1214, 348, 'Alien, "the" one', 1979, 5.0), (None, 19995, "Avatar", 2009, 3.5)]
    assert path.read_text().splitlines()[0] == "movielens_id,tmdb_id,title,year,rating,rated_at"


def test_no_profile_yet_is_an_empty_one(tmp_path: Path):
    assert len(load_profile(tmp_path / "none.csv")) == 0


def test_rating_again_the_same_changes_nothing_and_a_new_value_replaces(tmp_path: Path):
    profile = _profile(tmp_path / "p.csv")
    assert not profile.rate(Rated(1214, 348, "Alien", 1979, 5.0))
    assert profile.rate(Rated(1214, 348, "Alien", 1979, 4.0))
    assert len(profile) == 2 and profile.ratings[("movielens", 1214)].stars == 4.0


def test_a_crash_mid_write_leaves_the_old_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "profile.csv"
    _profile(path).save()
    before = path.read_text()

    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    changed = load_profile(path)
    changed.rate(Rated(1, 862, "Toy Story", 1995, 2.0))
    with pytest.raises(DataError, match="cannot be saved \\(disk full\\); nothing was "
                                          "changed"):
        changed.save()
    assert path.read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.csv"]  # no staging left


@pytest.mark.parametrize(("text", "says"), [
    ("movielens_id,tmdb_id,title,year,rating,rated_at\n1,,Toy Story,1995,7,0\n", "row 2"),
    ("movielens_id,tmdb_id,title,year,rating,rated_at\n1,,Toy Story,1995,3.3,0\n", "3.3"),
    ("movielens_id,tmdb_id,title,year,rating,rated_at\n,,Toy Story,1995,3,0\n", "neither"),
    ("movielens_id,tmdb_id,title,year,rating,rated_at\nx,,Toy Story,1995,3,0\n", "movielens_id"),
    ("movielens_id,tmdb_id,title,year,rating,rated_at\n1,,Toy Story\n", "3 fields"),
])
def test_a_damaged_profile_is_named_kept_and_never_overwritten(tmp_path: Path, text: str,
                                                              says: str):
    path = tmp_path / "profile.csv"
    path.write_text(text)
    with pytest.raises(DataError, match=says) as caught:
        load_profile(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message and "copy is kept" in message
    assert path.read_text() == text
    copies = list(tmp_path.glob("profile.csv.damaged-*"))
    assert len(copies) == 1 and copies[0].read_text() == text
    with pytest.raises(DataError):
        load_profile(path)  # again: the same copy serves, none piles up
    assert len(list(tmp_path.glob("profile.csv.damaged-*"))) == 1


def test_a_file_whose_first_row_is_not_a_profile_s_is_said_and_not_copied(tmp_path: Path):
    path = tmp_path / "ratings.csv"
    text = "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Alien,1979,u,4\n"
    path.write_text(text)
    with pytest.raises(NotOurs, match="first row must be movielens_id") as caught:
        load_profile(path)
    assert f"`tui-recsys import {path}` brings it in (your profile is unchanged)" in str(
        caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["ratings.csv"] and path.read_text() == text


@pytest.mark.parametrize("text", ["0", "5.5", "abc", "nan", "4.25", ""])
def test_stars_outside_half_steps_are_refused(text: str):
    with pytest.raises(DataError, match=r"0\.5 to 5"):
        parse_stars(text, "stars")


def test_half_stars_are_accepted():
    assert [parse_stars(t, "x") for t in ("0.5", "3", "4.5", "5.0")] == [0.5, 3.0, 4.5, 5.0]


@pytest.mark.parametrize(("typed", "stars"), [
    ("4,5", 4.5), ("3\u00bd", 3.5), ("\u00bd", 0.5), (" 4.5 stars ", 4.5), ("1 star", 1.0),
    ("4 \u2605", 4.0), ("4", 4.0), ("\u2605\u2605\u2605\u00bd", 3.5), ("****", 4.0),
    ("4/5", 4.0), ("7/10", 3.5), ("8 / 10", 4.0), ("4 1/2", 4.5), ("0 1/2", 0.5),
    ("3 1/2 stars", 3.5), ("4*", 4.0), ("4.5 *", 4.5),
])
def test_stars_are_read_as_people_type_them(typed: str, stars: float):
    assert parse_typed_stars(typed) == stars


@pytest.mark.parametrize(("typed", "near"), [
    ("5\u00bd", ""), ("x\u00bd", ""), ("stars", ""), ("4.5 stars!", ""), ("******", ""),
    ("0/5", ""), ("5 1/2", ""), ("4 1/3", ""), ("4**", ""), ("0.2", ""),
    # between two steps, the two: "3.7" said only the steps
    ("4,25", ", such as 4 or 4.5"), ("7.5/10", ", such as 3.5 or 4"), ("3.7", ", such as 3.5 or 4"),
    ("0.7", ", such as 0.5 or 1"), ("4.99", ", such as 4.5 or 5"),
])
def test_what_is_typed_is_named_when_it_is_no_rating(typed: str, near: str):
    with pytest.raises(DataError) as caught:
        parse_typed_stars(typed)
    assert str(caught.value) == (f"stars: {typed.strip()!r} is not a rating; use 0.5 to 5 "
                                 f"stars in steps of 0.5{near}")


def test_a_movie_is_one_rating_whichever_id_named_it(tmp_path: Path):
    """A row a person wrote with the TMDB id alone and a rating from the app with both ids
    are the same movie: one rating, replaced, and removable by either id."""
    path = tmp_path / "profile.csv"
    path.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n,603,The Matrix,1999,3,0\n")
    profile = load_profile(path)
    assert profile.rate(Rated(2571, 603, "The Matrix", 1999, 5.0))
    assert len(profile) == 1 and profile.find(2571, None).stars == 5.0
    assert profile.remove(None, 603) and len(profile) == 0


def test_a_row_a_spreadsheet_emptied_is_no_rating(tmp_path: Path):
    """A person emptied a row's cells in a spreadsheet and saved: every later start refused
    the profile ("row 3: '' is not a rating")."""
    path = tmp_path / "profile.csv"
    path.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\r\n"
                    "318,278,The Shawshank Redemption,1994,4,2026-12-04T10:24:21Z\r\n"
                    ",,,,,\r\n , ,,,,\r\n1,862,Toy Story,1995,3.5,\r\n")
    assert [r.title for r in load_profile(path).ratings.values()] == [
        "The Shawshank Redemption", "Toy Story"]


def test_a_profile_a_european_spreadsheet_saved_is_read_and_kept_so(tmp_path: Path):
    """Excel in much of Europe saves a CSV with semicolons, decimal commas and, as its plain
    "CSV", in Windows-1252: every start refused the profile ("the first row must be
    movielens_id,tmdb_id,..."). It is read as meant, and a change keeps the file as the
    spreadsheet wrote it, so it opens there again in columns."""
    path = tmp_path / "profile.csv"
    path.write_bytes("movielens_id;tmdb_id;title;year;rating;rated_at\r\n"
                     "293;101;Léon: The Professional;1994;4,5;2024-01-02T00:00:00Z\r\n"
                     "296;680;Pulp Fiction;1994;3;\r\n".encode("cp1252"))
    profile = load_profile(path)
    assert [(r.title, r.stars) for r in profile.ratings.values()] == [
        ("Léon: The Professional", 4.5), ("Pulp Fiction", 3.0)]
    profile.rate(Rated(6, None, "Heat; the long one", 1995, 3.5))
    profile.save()
    text = path.read_text(encoding="cp1252")  # in Excel's encoding: "Léon", not "LÃ©on"
    assert text.splitlines()[0] == "movielens_id;tmdb_id;title;year;rating;rated_at"
    assert "293;101;Léon: The Professional;1994;4,5;" in text
    assert '6;;"Heat; the long one";1995;3,5;' in text
    assert [r.stars for r in load_profile(path).ratings.values()] == [4.5, 3.0, 3.5]
    profile.rate(Rated(5618, 129, "千と千尋の神隠し", 2001, 5))  # which Windows-1252 cannot hold
    profile.save()
    assert path.read_bytes().startswith(codecs.BOM_UTF8)  # UTF-8, marked for the spreadsheet
    assert "千と千尋の神隠し" in [r.title for r in load_profile(path).ratings.values()]
    path.write_bytes("movielens_id\ttmdb_id\ttitle\tyear\trating\trated_at\r\n"
                     "293\t101\tLéon\t1994\t4.5\t\r\n".encode("utf-16"))  # "Unicode Text"
    profile = load_profile(path)
    profile.rate(Rated(6, None, "Heat", 1995, 3.5))
    profile.save()
    assert path.read_bytes().decode("utf-16").splitlines()[1] == "293\t101\tLéon\t1994\t4.5\t"
    assert Profile(tmp_path / "new.csv").to_csv().startswith("movielens_id,tmdb_id,")


@pytest.mark.parametrize(("zone", "day"), [("America/New_York", "2026-12-03"),
                                           ("Asia/Tokyo", "2026-12-04"), ("UTC", "2026-12-04")])
def test_a_day_is_the_day_where_you_are_and_an_imported_day_stays_itself(time_zone, zone: str,
                                                                        day: str):
    """A film rated at 9 in the evening in New York was dated the next day (UTC's), in the
    details and in the diary Letterboxd made of the export. A date-only import (Letterboxd's,
    IMDb's: midnight UTC) is the day it gave, wherever you are."""
    time_zone(zone)
    evening = parse_moment("2026-12-04T02:00:00Z")  # 21:00 on the 3rd in New York
    assert Rated(3, 603, "The Matrix", 1999, 4.0, evening).rated_on == day
    assert day_of(parse_moment("2026-11-01")) == "2026-11-01"
    assert day_of(0) == ""


def test_a_movie_rated_twice_in_the_file_keeps_its_latest_rating(tmp_path: Path):
    """Two devices' files merged put the newer rating first: the last row won, so an older
    rating came back. The later day wins; a row without a day (typed in by hand at the end)
    is the latest, as the file's order says."""
    header = "movielens_id,tmdb_id,title,year,rating,rated_at\n"
    path = tmp_path / "profile.csv"
    path.write_text(header + "1214,348,Alien,1979,2,2026-12-03T10:00:00Z\n"
                             "1214,348,Alien,1979,4.5,2026-12-01T10:00:00Z\n"
                             "6,,Heat,1995,4,2026-12-01T10:00:00Z\n"
                             "6,,Heat,1995,3,\n")
    profile = load_profile(path)
    assert [(r.title, r.stars) for r in profile.ratings.values()] == [("Alien", 2.0),
                                                                       ("Heat", 3.0)]
