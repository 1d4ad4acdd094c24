"""The marks file: read back as written, safe in a spreadsheet, refused when it is not a
regular file, and never replaced when it cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui_recsys.data.marks_file import (
    HIDDEN,
    KINDS,
    NOT_SEEN,
    SEEN,
    WATCHLIST,
    Mark,
    Marks,
    load_marks,
    marks_lock,
)
from tui_recsys.data.profile_file import Profile, Rated
from tui_recsys.engine.catalog.your_ratings import left_out, not_seen_ids
from tui_recsys.errors import DataError


def _kinds_of(marks: Marks, movielens_id: int | None, tmdb_id: int | None) -> list[str]:
    """The lists the movie is on."""
    return [kind for kind in KINDS if marks.find(kind, movielens_id, tmdb_id) is not None]


def test_marks_come_back_as_saved_in_the_order_they_were_made(tmp_path: Path):
    path = tmp_path / "marks.csv"
    with marks_lock(path):
        marks = load_marks(path)
        assert marks.add(Mark(WATCHLIST, 1, 19995, "=HYPERLINK(\"x\")", 2009, 10))
        assert marks.add(Mark(WATCHLIST, None, 603, "The Matrix", 1999, 20))
        assert marks.add(Mark(SEEN, 1, None, "Avatar", 2009, 30))
        assert not marks.add(Mark(WATCHLIST, None, 19995, "Avatar", 2009))  # either id finds it
        marks.save()
    assert "'=HYPERLINK" in path.read_text()  # a spreadsheet shows it, never runs it
    again = load_marks(path)
    assert [m.title for m in again.of(WATCHLIST)] == ['=HYPERLINK("x")', "The Matrix"]
    assert _kinds_of(again, 1, 19995) == [WATCHLIST, SEEN] and again.of(HIDDEN) == []
    assert again.remove(WATCHLIST, None, 603) is not None and len(again) == 2


def test_skips_and_the_watchlist_are_not_seen_until_rated_or_seen(tmp_path: Path):
    """What a quick start skipped is kept as not seen (never asked again), and what is on the
    watchlist is not seen yet; a rating or a seen mark since says otherwise, and wins."""
    path = tmp_path / "marks.csv"
    with marks_lock(path):
        marks = load_marks(path)
        for movie in (1, 2, 3):
            assert marks.add(Mark(NOT_SEEN, movie, None, f"Movie {movie}", 2000, 10))
        assert marks.add(Mark(SEEN, 2, None, "Movie 2", 2000, 20))
        assert marks.add(Mark(WATCHLIST, 4, None, "Movie 4", 2000, 30))
        assert marks.add(Mark(WATCHLIST, None, 5, "TMDB only", 2000, 30))
        marks.save()
    again = load_marks(path)
    assert "not-seen,1,,Movie 1,2000," in path.read_text()
    profile = Profile(tmp_path / "profile.csv")
    profile.rate(Rated(3, None, "Movie 3", 2000, 4.0))
    assert not_seen_ids(profile, again) == {1, 4}
    assert left_out(Profile(tmp_path / "profile.csv"), again) == {("movielens", 2)}


@pytest.mark.parametrize(("text", "message"), [
    ("mark,movielens_id,tmdb_id,title,year,marked_at\nseen,,,Avatar,2009,\n",
     "row 2: neither a movielens_id nor a tmdb_id"),
    ("mark,movielens_id,tmdb_id,title,year,marked_at\nseen,x,,Avatar,2009,\n",
     "row 2: movielens_id 'x' is not a whole number"),
    ("mark,movielens_id,tmdb_id,title,year,marked_at\nseen,1,,Avatar,2009,yesterday\n",
     "row 2: marked_at 'yesterday' is not a date"),
])
def test_a_damaged_file_names_its_row_and_is_kept(tmp_path: Path, text: str, message: str):
    path = tmp_path / "marks.csv"
    path.write_text(text)
    with pytest.raises(DataError, match=message) as caught:
        load_marks(path)
    assert "your marks are unchanged, and a copy is kept at" in str(caught.value)
    assert path.read_text() == text


def test_a_file_whose_first_row_is_not_ours_is_said_and_not_copied(tmp_path: Path):
    """Nothing replaces a file that does not read as ours, so no copy of another program's
    file is written beside it."""
    path = tmp_path / "marks.csv"
    path.write_text("title\nAvatar\n")
    with pytest.raises(DataError, match="the first row must be mark,movielens_id") as caught:
        load_marks(path)
    assert "not your marks; if it is another program's export, `tui-recsys import" in str(
        caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["marks.csv"]


def test_a_fifo_is_refused_without_hanging(tmp_path: Path):
    path = tmp_path / "marks.csv"
    os.mkfifo(path)
    with pytest.raises(DataError, match="a FIFO"):
        load_marks(path)


def test_marks_a_european_spreadsheet_saved_are_read_and_kept_so(tmp_path: Path):
    from tui_recsys.data.marks_file import WATCHLIST, Mark, load_marks

    path = tmp_path / "marks.csv"
    path.write_bytes("mark;movielens_id;tmdb_id;title;year;marked_at\r\n"
                     "watchlist;293;101;Léon;1994;2024-02-01T00:00:00Z\r\n".encode("cp1252"))
    marks = load_marks(path)
    assert [m.title for m in marks.of(WATCHLIST)] == ["Léon"]
    marks.add(Mark(WATCHLIST, 6, None, "Heat", 1995))
    marks.save()
    lines = path.read_text(encoding="cp1252").splitlines()  # as Excel wrote it: it reads it so
    assert lines[0] == "mark;movielens_id;tmdb_id;title;year;marked_at"
    assert lines[1].startswith("watchlist;293;101;Léon;1994;")
    assert lines[2].startswith("watchlist;6;;Heat;1995;")


def test_seen_takes_a_film_off_the_watchlist_once(tmp_path: Path):
    """Marked seen, a film leaves the watchlist, as Letterboxd takes a logged film off; said
    seen again (an import of the same watched.csv), it stays where a person put it back to
    see again. The command line, the imports and the app share this rule."""
    from tui_recsys.data.marks_file import SEEN, WATCHLIST, Mark, Marks

    marks = Marks(tmp_path / "marks.csv")
    marks.add(Mark(WATCHLIST, 6, None, "Heat", 1995))
    assert marks.add_displacing(Mark(SEEN, 6, None, "Heat", 1995)) == (True, WATCHLIST)
    marks.add(Mark(WATCHLIST, 6, None, "Heat", 1995))  # to see again
    assert marks.add_displacing(Mark(SEEN, 6, None, "Heat", 1995)) == (False, None)
    assert _kinds_of(marks, 6, None) == [WATCHLIST, SEEN]


def test_to_watch_and_not_interested_take_a_film_off_each_other(tmp_path: Path):
    """Hidden, then put on the watchlist (a mind changed), a film stayed hidden, and "only my
    watchlist" left it out unsaid; not interested takes it off the watchlist, and back."""
    from tui_recsys.data.marks_file import HIDDEN, SEEN, WATCHLIST, Mark, Marks

    marks = Marks(tmp_path / "marks.csv")
    assert marks.add_displacing(Mark(HIDDEN, 6, 949, "Heat", 1995)) == (True, None)
    assert marks.add_displacing(Mark(WATCHLIST, 6, 949, "Heat", 1995)) == (True, HIDDEN)
    assert _kinds_of(marks, 6, 949) == [WATCHLIST]
    assert marks.add_displacing(Mark(HIDDEN, 6, 949, "Heat", 1995)) == (True, WATCHLIST)
    assert marks.add_displacing(Mark(SEEN, 6, 949, "Heat", 1995)) == (True, None)
    assert _kinds_of(marks, 6, 949) == [SEEN, HIDDEN]
