"""The changes to your files, apart from the screen: each says what it did, z puts back what
it replaced, a damaged file is left as it was, and an export never takes a name already there."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from tui_recsys.app.your_files import UNDO_DEPTH, ChangedSince, YourFiles
from tui_recsys.data.marks_file import SEEN, WATCHLIST
from tui_recsys.engine.catalog.entries import MovieEntry
from tui_recsys.engine.catalog.your_lists import RATED
from tui_recsys.engine.catalog.your_ratings import rated
from tui_recsys.errors import RecsysError

MATRIX = MovieEntry(3, "The Matrix", 1999, 603, 3)


def test_a_rating_says_what_it_did_and_undo_puts_back_what_it_replaced(tmp_path: Path):
    yours = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    first = yours.rate(MATRIX, rated(MATRIX, 4.0))
    assert (first.kinds, first.changed) == ({RATED}, True)
    assert first.said == "The Matrix (1999): 4 stars (1 rating) · z undoes"
    assert yours.rate(MATRIX, rated(MATRIX, 4.0)).said == "The Matrix (1999): already 4 stars."
    yours.rate(MATRIX, rated(MATRIX, 2.5))
    assert yours.undo_count == 2
    assert yours.undo().said == "Undone: The Matrix (1999): 4 stars (1 rating)"
    assert yours.undo_count == 1  # an undo is not itself undone; the change before it can be
    assert yours.stars_of(MATRIX).stars == 4.0 and yours.profile().find(3, 603).stars == 4.0
    assert yours.undo().said == "Undone: The Matrix (1999): not rated (0 ratings)"
    assert yours.undo_count == 0 and yours.stars_of(MATRIX) is None


def test_a_mark_turns_over_and_undo_turns_it_back(tmp_path: Path):
    yours = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    assert yours.set_mark(MATRIX, WATCHLIST, None).said == (
        "The Matrix (1999): on your watchlist · z undoes")
    assert yours.set_mark(MATRIX, WATCHLIST, None).said == (
        "The Matrix (1999): off your watchlist · z undoes")
    assert yours.undo().said == "Undone: The Matrix (1999): on your watchlist"
    assert [m.title for m in yours.marks().of(WATCHLIST)] == ["The Matrix"]


def test_changes_made_together_are_undone_together_the_last_first(tmp_path: Path):
    yours = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    yours.rate(MATRIX, rated(MATRIX, 4.0))
    both = yours.together([partial(yours.mark, MATRIX, SEEN, True),
                           partial(yours.rate, MATRIX, None)])
    assert (both.kinds, both.changed) == ({SEEN, RATED}, True)
    assert both.said == "The Matrix (1999): seen; not rated (0 ratings) · z undoes"
    assert yours.stars_of(MATRIX) is None and yours.marks().of(SEEN)
    undone = yours.undo()
    assert undone.kinds == {SEEN, RATED} and yours.undo_count == 1  # the first rating's
    assert undone.said == "Undone: The Matrix (1999): 4 stars (1 rating); not seen"
    assert yours.stars_of(MATRIX).stars == 4.0 and not yours.marks().of(SEEN)
    again = yours.together([partial(yours.rate, MATRIX, rated(MATRIX, 4.0))])
    assert not again.changed and again.said == "The Matrix (1999): already 4 stars."
    assert yours.undo_count == 1  # nothing changed: nothing more to undo


def test_a_rating_or_a_seen_mark_takes_the_movie_off_your_watchlist_and_z_puts_it_back(
        tmp_path: Path):
    """Seen, a movie is no longer to watch: as Letterboxd takes a logged film off."""
    yours = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    yours.set_mark(MATRIX, WATCHLIST, True)
    done = yours.set_rating(MATRIX, rated(MATRIX, 4.0))
    assert done.kinds == {RATED, WATCHLIST} and not yours.marks().of(WATCHLIST)
    assert done.said == "The Matrix (1999): 4 stars (1 rating); off your watchlist · z undoes"
    assert yours.undo().said == (
        "Undone: The Matrix (1999): on your watchlist; not rated (0 ratings)")
    assert yours.marks().of(WATCHLIST) and yours.stars_of(MATRIX) is None
    assert yours.set_mark(MATRIX, SEEN, None).said == (
        "The Matrix (1999): seen; off your watchlist · z undoes")
    assert not yours.marks().of(WATCHLIST)
    assert yours.set_mark(MATRIX, SEEN, None).said == "The Matrix (1999): not seen · z undoes"
    assert not yours.marks().of(WATCHLIST)  # unseen again: not back on the list by itself
    assert yours.set_rating(MATRIX, rated(MATRIX, 3.0)).said == (
        "The Matrix (1999): 3 stars (1 rating) · z undoes")  # on no watchlist: said as before
    # the same stars again: said of the rating (it said "already off your watchlist.")
    again = yours.set_rating(MATRIX, rated(MATRIX, 3.0))
    assert again.said == "The Matrix (1999): already 3 stars."


def test_a_damaged_profile_raises_and_is_left_as_it_was(tmp_path: Path):
    damaged = "movielens_id,tmdb_id,title,year,rating,rated_at\n3,,The Matrix,1999,11,0\n"
    (tmp_path / "profile.csv").write_text(damaged)
    yours = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    with pytest.raises(RecsysError):
        yours.rate(MATRIX, rated(MATRIX, 4.0))
    assert (tmp_path / "profile.csv").read_text() == damaged and yours.undo_count == 0


def test_an_export_takes_a_free_name_beside_your_files(tmp_path: Path):
    yours = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    first = yours.export("story", "ours\n", "theirs\n")
    second = yours.export("story", "ours\n", "theirs\n")
    assert first != second and first.parent == tmp_path
    assert Path(f"{first}.csv").read_text() == "ours\n"
    assert Path(f"{second}-letterboxd.csv").read_text() == "theirs\n"


def test_z_walks_back_change_by_change_and_keeps_the_newest_hundred(tmp_path: Path):
    """z undid one change, the last: a second z said "Nothing to undo." though the rating
    before it was still there to take back."""
    yours = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    for stars in (1.0, 1.5, 2.0):
        yours.rate(MATRIX, rated(MATRIX, stars))
    yours.set_mark(MATRIX, WATCHLIST, True)
    assert [yours.undo().said for _ in range(4)] == [
        "Undone: The Matrix (1999): off your watchlist",
        "Undone: The Matrix (1999): 1.5 stars (1 rating)",
        "Undone: The Matrix (1999): 1 star (1 rating)",
        "Undone: The Matrix (1999): not rated (0 ratings)"]
    assert yours.undo_count == 0
    for _ in range(UNDO_DEPTH + 5):
        yours.set_mark(MATRIX, SEEN, None)
    assert yours.undo_count == UNDO_DEPTH


def test_z_never_puts_back_over_a_rating_changed_since_elsewhere(tmp_path: Path):
    """Rated in the app, rated again by `tui-recsys rate` in another terminal: z took the
    app's rating back and with it the later one, a change this window never made."""
    yours = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    elsewhere = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    yours.set_mark(MATRIX, WATCHLIST, True)
    yours.set_rating(MATRIX, rated(MATRIX, 4.0))  # and off the watchlist, one z for both
    elsewhere.rate(MATRIX, rated(MATRIX, 2.0))
    with pytest.raises(ChangedSince, match=r"The Matrix \(1999\): now 2 stars, changed since"):
        yours.undo()
    assert yours.stars_of(MATRIX).stars == 2.0
    assert not yours.marks().of(WATCHLIST)  # a change of two is put back whole or not at all
    assert yours.undo().said == "The Matrix (1999): already off your watchlist."  # the one before
    elsewhere.rate(MATRIX, None)
    yours.rate(MATRIX, rated(MATRIX, 3.0))
    elsewhere.rate(MATRIX, None)
    with pytest.raises(ChangedSince, match="now not rated"):
        yours.undo()
    assert yours.undo_count == 0


def test_z_puts_a_mark_back_with_the_day_it_was_made(tmp_path: Path):
    """Marked seen, a film left the watchlist it had been on since 2024; z put it back on
    the watchlist as of today."""
    from tui_recsys.data.marks_file import Mark, load_marks, marks_lock

    yours = YourFiles(tmp_path / "profile.csv", tmp_path / "marks.csv")
    with marks_lock(yours.marks_path):
        marks = load_marks(yours.marks_path)
        marks.add(Mark(WATCHLIST, 3, 603, "The Matrix", 1999, marked_at=1706745600))
        marks.save()
    yours.set_mark(MATRIX, SEEN, True)
    assert not yours.marks().of(WATCHLIST)
    yours.undo()
    assert [mark.marked_at for mark in yours.marks().of(WATCHLIST)] == [1706745600]
