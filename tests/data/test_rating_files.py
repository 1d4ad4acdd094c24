from pathlib import Path

import pytest

from tui_recsys.data.profile_file import iso_time
from tui_recsys.data.rating_files import (
    films_without_ratings,
    holds_a_list,
    holds_ratings,
    read_rating_file,
)
from tui_recsys.errors import DataError

IMDB = ("Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,"
        "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n"
        "tt0078748,10,2024-01-02,Alien,Alien,https://www.imdb.com/title/tt0078748/,Movie,8.5,"
        "117,1979,\"Horror, Sci-Fi\",1000000,1979-05-25,Ridley Scott\n"
        "tt0133093,9,2024-01-03,The Matrix,The Matrix,https://x,Movie,8.7,136,1999,Action,1,"
        "1999-03-31,Wachowski\n")
LETTERBOXD = ("Date,Name,Year,Letterboxd URI,Rating\n"
              "2024-01-01,Alien,1979,https://boxd.it/1,4.5\n"
              "2024-01-02,Watched Only,2001,https://boxd.it/2,\n")
MOVIELENS = "userId,movieId,rating,timestamp\n7,1,4.0,964982703\n7,3,2.5,964981247\n"


def _write(tmp_path: Path, text: str, name: str = "ratings.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_an_imdb_export_gives_tt_numbers_and_halved_stars(tmp_path: Path):
    file = read_rating_file(_write(tmp_path, "\ufeff" + IMDB))  # IMDb writes a BOM
    assert file.kind == "IMDb"
    assert [(r.imdb_id, r.stars, r.title, r.year, r.line) for r in file.rows] == [
        (78748, 5.0, "Alien", 1979, 2), (133093, 4.5, "The Matrix", 1999, 3)]
    assert [iso_time(r.rated_at) for r in file.rows] == ["2024-01-02T00:00:00Z",
                                                          "2024-01-03T00:00:00Z"]  # Date Rated


def test_letterboxd_skips_films_watched_but_not_rated(tmp_path: Path):
    file = read_rating_file(_write(tmp_path, LETTERBOXD))
    assert file.kind == "Letterboxd"
    assert [(r.title, r.year, r.stars) for r in file.rows] == [("Alien", 1979, 4.5)]
    assert file.unrated == 1 and iso_time(file.rows[0].rated_at) == "2024-01-01T00:00:00Z"


def test_a_movielens_file_of_one_user(tmp_path: Path):
    file = read_rating_file(_write(tmp_path, MOVIELENS))
    assert file.kind == "MovieLens"
    assert [(r.movielens_id, r.stars) for r in file.rows] == [(1, 4.0), (3, 2.5)]
    assert [r.rated_at for r in file.rows] == [964982703, 964981247]  # its timestamps


def test_one_users_ratings_of_a_movielens_file_of_many(tmp_path: Path):
    """"holds the ratings of 610 users; import one user's", with no way to do it here."""
    many = _write(tmp_path, MOVIELENS + "12,2,5.0,964982000\n12,4,1.0,964982001\n")
    with pytest.raises(DataError, match=r"holds the ratings of 2 users; import one user's with "
                                        r"--user ID \(such as --user 7\)"):
        read_rating_file(many)
    assert [(r.movielens_id, r.stars) for r in read_rating_file(many, 12).rows] == [
        (2, 5.0), (4, 1.0)]
    with pytest.raises(DataError, match="no ratings of userId 8; check the id"):
        read_rating_file(many, 8)
    with pytest.raises(DataError, match="has no userId column; leave --user out"):
        read_rating_file(_write(tmp_path, LETTERBOXD, "letterboxd.csv"), 12)


@pytest.mark.parametrize(("text", "says"), [
    ("userId,movieId,rating\n1,1,4\n2,1,3\n", "2 users"),
    ("a,b\n1,2\n", "not a ratings file"),
    ("Const,Your Rating\nnm0000001,8\n", "row 2"),
    ("Const,Your Rating\ntt0000001,11\n", "1 to 10"),
    ("Date,Name,Year,Rating\nx,Alien,1979,9\n", r"0\.5 to 5"),
    ("Date,Name,Year,Rating\nsoon,Alien,1979,4\n", r"Date 'soon' is not a date"),
    ("Date,Name,Year,Rating\n2024-01-01,Alien,99999999999999999999,4\n",  # never a float
     "Year '99999999999999999999' is not a whole number of at most 18 digits"),
    ("userId,movieId,rating\n1,abc,4\n", "movieId"),
    ("userId,movieId,rating\n1,2,4,extra\n", "do not match the header"),
])
def test_a_bad_file_is_one_line_naming_the_file_and_row(tmp_path: Path, text: str, says: str):
    path = _write(tmp_path, text)
    with pytest.raises(DataError, match=says) as caught:
        read_rating_file(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_file_that_is_not_text_is_refused(tmp_path: Path):
    path = tmp_path / "ratings.csv"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(DataError, match="cannot be read"):
        read_rating_file(path)


def test_a_file_excel_saved_as_unicode_text_is_read(tmp_path: Path):
    """Excel's "Unicode Text" is UTF-16, tab-separated: it was refused as "cannot be read as
    UTF-8 text"."""
    path = tmp_path / "ratings.txt"
    path.write_bytes("Date\tName\tYear\tLetterboxd URI\tRating\r\n"
                     "2024-01-01\tAmélie\t2001\thttps://boxd.it/1\t4.5\r\n".encode("utf-16"))
    assert [(r.title, r.stars) for r in read_rating_file(path).rows] == [("Amélie", 4.5)]
    path.write_bytes(b"\xfe\xff" + "Date,Name,Year,Letterboxd URI,Rating\n"
                     "2024-01-01,Léon,1994,u,4\n".encode("utf-16-be"))  # big-endian too
    assert [(r.title, r.stars) for r in read_rating_file(path).rows] == [("Léon", 4.0)]


def test_a_ratings_file_a_european_spreadsheet_saved_is_read(tmp_path: Path):
    path = tmp_path / "ratings.csv"
    path.write_bytes("Date;Name;Year;Letterboxd URI;Rating\r\n"
                     "2024-01-01;Amélie;2001;https://boxd.it/1;4,5\r\n".encode("cp1252"))
    file = read_rating_file(path)
    assert file.kind == "Letterboxd"
    assert [(r.title, r.stars) for r in file.rows] == [("Amélie", 4.5)]


NETFLIX_US = ('Title,Date\n'
              '"Dark: Season 1: Secrets",11/28/26\n'
              '"Stranger Things: Stranger Things 4: Chapter One: The Hellfire Club",11/28/26\n'
              '"Narcos: Limited Series",11/28/26\n'
              '"Harry Potter and the Deathly Hallows: Part 1",11/27/26\n'
              '"John Wick: Chapter 2",11/27/26\n'
              '"Inception",1/3/26\n')


@pytest.mark.parametrize(("dates", "days"), [
    (("11/28/26", "1/3/26"), ("2026-11-28", "2026-01-03")),  # the month first: 28 is a day
    (("28/11/2026", "01/03/2026"), ("2026-11-28", "2026-03-01")),  # the day first
    (("03.11.26", "01.03.26"), ("2026-11-03", "2026-03-01")),  # dots: a day-first country's
    (("03/11/2026", "01/03/2026"), (None, None)),  # either: left out, never guessed
    (("2026-11-28", ""), ("2026-11-28", None)),
])
def test_netflixs_viewing_history_is_a_list_of_films_seen_dated_as_the_file_tells(
        dates: tuple[str, str], days: tuple[str | None, str | None]):
    """Netflix writes its days in the account's order (12/1/26 in the US, 01/12/2026 in the
    UK): the whole file tells which, where one of its days is over 12."""
    from tui_recsys.data.rating_files import holds_viewing_history, parse_list_file

    text = f"Title,Date\n\"Inception\",{dates[0]}\n\"Amélie\",{dates[1]}\n"
    assert holds_viewing_history(text)
    rows = parse_list_file(text, "NetflixViewingHistory.csv").rows
    assert [row.title for row in rows] == ["Inception", "Amélie"]
    assert [iso_time(row.rated_at)[:10] if row.rated_at else None for row in rows] == list(days)


def test_a_netflix_episode_is_told_from_a_film_by_its_title():
    from tui_recsys.data.rating_files import holds_viewing_history, parse_list_file

    rows = parse_list_file(NETFLIX_US, "NetflixViewingHistory.csv").rows
    assert [row.television for row in rows] == [True, True, True, False, False, False]
    assert not holds_viewing_history("Date,Name,Year,Letterboxd URI\n")
    with pytest.raises(DataError, match=r"row 2: Date '31/02/2026' is not a day of the "
                                        r"calendar"):
        parse_list_file("Title,Date\nInception,31/02/2026\n", "NetflixViewingHistory.csv")


@pytest.mark.parametrize(("text", "expected"), [
    ("Movie,Year,Rating\nThe Matrix,1999,4.5\n", ("The Matrix", 1999, None, None, None, 4.5)),
    ("title,rating10\nAlien,7\n", ("Alien", None, None, None, None, 3.5)),
    ("Title,Rating10\nAlien,10.0\n", ("Alien", None, None, None, None, 5.0)),
    ("Title,Your Rating\nAlien,10\n", ("Alien", None, None, None, None, 5.0)),
    ("tmdb_id;rating\n603;4,5\n", ("", None, 603, None, None, 4.5)),
    ("IMDb ID,Rating,Watched Date\ntt0133093,4,2024-01-02\n",
     ("", None, None, 133093, None, 4.0)),
    ("movielens_id,title,rating\n2571,The Matrix,3\n", ("The Matrix", None, None, None, 2571, 3.0)),
    # Letterboxd's importer's LetterboxdURI: a film's page there names it by its words
    ("LetterboxdURI,Rating\nhttps://letterboxd.com/film/heat-1995/,4\n",
     ("heat 1995", None, None, None, None, 4.0)),
    ("Link,Rating\nhttps://www.imdb.com/title/tt0133093/,4\n", ("", None, None, 133093, None, 4.0)),
    ("Title,URL,Rating\nAlien,https://www.themoviedb.org/movie/348-alien,4\n",
     ("Alien", None, 348, None, None, 4.0)),
])
def test_a_spreadsheet_of_ones_films_is_read_as_letterboxds_importer_reads_it(
        tmp_path: Path, text: str, expected: tuple):
    """A header of another tool's or one's own (any case or spacing: "Movie", "tmdb_id",
    "IMDb ID", "Your Rating" out of 10): it was "not a ratings file I know"."""
    file = read_rating_file(_write(tmp_path, text))
    assert file.kind == "Letterboxd import"
    (row,) = file.rows
    assert (row.title, row.year, row.tmdb_id, row.imdb_id, row.movielens_id,
            row.stars) == expected
    if "Watched Date" in text:
        assert iso_time(row.rated_at) == "2024-01-02T00:00:00Z"


@pytest.mark.parametrize(("text", "says"), [
    ("Title,Rating\nThe Godfather,9\n", "ratings.csv, row 2: Rating '9' is more than 5 stars; "
     "if the file rates out of 10, name that column Rating10, as Letterboxd's importer reads it"),
    ("Title,Rating10\nThe Godfather,11\n",
     "ratings.csv, row 2: Rating10 '11' is not a whole number from 1 to 10; fix or remove the "
     "row"),
    ("Title,Rating10\nThe Godfather,7.5\n",
     "ratings.csv, row 2: Rating10 '7.5' is not a whole number from 1 to 10; fix or remove the "
     "row"),
])
def test_a_spreadsheets_rating_off_its_scale_says_which_scale(tmp_path: Path, text: str,
                                                               says: str):
    with pytest.raises(DataError) as caught:
        read_rating_file(_write(tmp_path, text))
    assert str(caught.value) == f"{tmp_path / says}"


def test_a_list_of_picks_is_never_read_as_ratings_for_its_predicted_stars():
    """Our picks export has "stars" (a model's) and no Rating: a list, as before; and a CSV
    that names films and rates none is one only the person importing it can name."""
    picks = ("rank,title,year,tmdb_id,movielens_id,score,stars,on_watchlist,yours,reason\n"
             "1,The Matrix,1999,603,2571,0.9,4.5,,,because\n")
    assert not holds_ratings(picks) and holds_a_list(picks)
    assert films_without_ratings("Title,Year\nSolaris,1972\n")
    assert not holds_a_list("Title,Year\nSolaris,1972\n")
    assert not films_without_ratings("Title,Rating\nSolaris,4\n")
