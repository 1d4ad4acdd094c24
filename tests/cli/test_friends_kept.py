"""Friends kept for good: each ratings export in the friends folder beside your profile is a
friend at every start of the app and a name `recommend together --friend` takes, as
`--friend FILE` is for one run."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import letterboxd_export
from tui_recsys.cli.main import main
from tui_recsys.data.guest_profiles import friend_named, guest_names, kept_friends
from tui_recsys.paths import friends_beside, friends_folder

HEADER = "movielens_id,tmdb_id,title,year,rating,rated_at\n"
SAM = HEADER + "6,,Amelie,2001,4.5,2026-01-01T00:00:00Z\n"


def _aged(path: Path, days: int) -> Path:
    moment = path.stat().st_mtime - days * 86400
    os.utime(path, (moment, moment))
    return path


def test_the_folder_is_beside_your_profile_as_your_marks_are(tmp_path: Path):
    assert friends_beside(tmp_path / "profile.csv") == tmp_path / "friends"
    assert friends_beside(tmp_path / "alice.csv") == tmp_path / "alice.friends"
    assert friends_folder(tmp_path / "alice.csv") == tmp_path / "alice.friends"


def test_each_export_in_the_folder_is_a_friend_the_newest_of_one_persons(tmp_path: Path):
    folder = tmp_path / "friends"
    assert kept_friends(folder) == ([], [])  # no folder: nobody, and nothing to say
    folder.mkdir()
    (folder / "sam.csv").write_text(SAM)
    (folder / "sam.marks.csv").write_text("kind,movielens_id\n")  # goes with sam.csv
    (folder / "marks.csv").write_text("kind,movielens_id\n")
    (folder / ".hidden.csv").write_text(SAM)
    (folder / "notes.txt").write_text("sam likes musicals\n")
    old = _aged(letterboxd_export(folder / "letterboxd-alex-2026-11-01-09-30-utc.zip",
                                  [("Avatar", 2009, 4.0)], []), 30)
    new = letterboxd_export(folder / "letterboxd-alex-2026-12-01-09-30-utc.zip",
                            [("Avatar", 2009, 2.0)], [])
    (folder / "jo").mkdir()  # an export unzipped is a folder
    # a newer sam being kept (its name claimed, empty until filled whole), or cut off there
    (folder / "sam-2026-12-06.csv").touch()
    kept, said = kept_friends(folder)
    assert kept == [folder / "jo", new, folder / "sam.csv"] and said == []
    assert friend_named("ALEX", kept) == new and friend_named(" sam ", kept) == folder / "sam.csv"
    assert friend_named("alex-2026", kept) is None and old.exists()  # left as it is
    # a newer export of one name, kept under today's date by Add a friend, is still alex's
    assert guest_names([folder / "letterboxd-alex-2026-12-01-09-30-utc-2026-12-05.zip",
                        folder / "sam-2026-12-05-2.csv"]) == ["alex", "sam"]


def test_the_app_opens_with_the_friends_kept_and_a_bad_one_said_not_fatal(
        tiny: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch):
    from tui_recsys.app.recsys_app import RecsysApp

    folder = friends_folder()
    folder.mkdir(parents=True)
    (folder / "sam.csv").write_text(SAM)
    (folder / "bad.csv").write_text("hello\nworld\n")
    reached: list[tuple[list[str], tuple[str, ...]]] = []
    monkeypatch.setattr(RecsysApp, "run", lambda app: reached.append(
        ([person.name for person in app.main.friends.people], app._notices)))
    monkeypatch.setattr("tui_recsys.cli.main.has_terminal", lambda: True)
    alex = tmp_path / "alex.csv"
    alex.write_text(SAM)
    assert main(["--data", str(tiny), "--friend", str(alex), "--friend",
                 str(folder / "sam.csv")]) == 0
    (people, notices), = reached
    assert people == ["alex", "sam"]  # named and kept: once
    assert len(notices) == 1 and notices[0].startswith(
        f"bad is not among your friends this time: {folder / 'bad.csv'}: the first row")
    code, _, err = run(capsys, "--data", str(tiny), "--friend", str(folder / "bad.csv"))
    assert code == 2 and "bad.csv: the first row" in err  # named: said, as before


def test_together_takes_a_kept_friend_by_name(trained: Path, tmp_path: Path, capsys,
                                              monkeypatch: pytest.MonkeyPatch):
    folder = friends_folder()
    folder.mkdir(parents=True)
    (folder / "sam.csv").write_text(HEADER + "2,9087,The American President,1995,4.5,0\n")
    code, out, err = run(capsys, "recommend", "together", "--user", "1", "--friend", "Sam",
                         "--data", str(trained))
    assert code == 0 and "together, by least-misery: user 1, sam\n" in err
    code, out, err = run(capsys, "recommend", "together", "--user", "1", "--friend", "bob",
                         "--data", str(trained))
    assert code == 2 and not out and err == (
        f"tui-recsys: 'bob': no such file, nor a friend of that name in {folder} (sam); name "
        f"someone's ratings file\n")
    (tmp_path / "sam").write_text(HEADER + "3,603,The Matrix,1999,5,0\n")  # a file named so
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "recommend", "together", "--user", "1", "--profile", "sam",
                         "--data", str(trained))
    assert code == 0 and "together, by least-misery: user 1, sam\n" in err


async def test_your_details_say_where_friends_are_kept(tiny: Path, cache_dir: Path):
    from tests.support import make_app, screen_text, settle, unwrapped

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert app.main.shown_user is not None and app.main.shown_user.name == "You"
        assert unwrapped(f"kept in {friends_folder()} is among these users at every "
                         f"start") in unwrapped(screen_text(app))


def test_a_friend_kept_is_copied_never_over_another_file(tmp_path: Path):
    from tui_recsys.data.guest_profiles import keep_friend
    from tui_recsys.errors import DataError

    folder = tmp_path / "friends"
    sam = tmp_path / "sam.csv"
    sam.write_text(SAM)
    (tmp_path / "sam.marks.csv").write_text("kind,movielens_id,tmdb_id,title,year,marked_at\n"
                                            "seen,1,862,Toy Story,1995,\n")
    assert keep_friend(sam, folder) == (folder / "sam.csv", True)
    assert (folder / "sam.csv").read_text() == SAM  # and what they saw or hid, beside it
    assert (folder / "sam.marks.csv").read_text() == (tmp_path / "sam.marks.csv").read_text()
    assert keep_friend(sam, folder) == (folder / "sam.csv", False)  # the same bytes: kept
    sam.write_text(SAM + "1,19995,Avatar,2009,3,2026-01-02T00:00:00Z\n")  # a newer sam.csv
    newer, written = keep_friend(sam, folder)
    assert written and newer.name.startswith("sam-2") and (folder / "sam.csv").read_text() == SAM
    assert friend_named("sam", kept_friends(folder)[0]) == newer  # named sam, and the newest
    junk = tmp_path / "junk.csv"
    junk.write_text("junk\n")
    notes = tmp_path / "notes.txt"
    notes.write_text(SAM)
    for refused, said in ((junk, f"{junk}: the first row"),
                          (tmp_path, f"{tmp_path}: a Letterboxd export without ratings.csv"),
                          (notes, f"{notes}: keep a friend's CSV, or their Letterboxd export")):
        with pytest.raises(DataError, match=re.escape(said)):
            keep_friend(refused, folder)
    assert sorted(path.name for path in folder.iterdir()) == [
        newer.name, f"{newer.stem}.marks.csv", "sam.csv", "sam.marks.csv"]


def test_an_export_unpacked_is_kept_as_a_zip_of_it(tmp_path: Path):
    """Safari unpacks a download: a friend's export arrives as a folder, which Add a friend
    refused ("copy it into the folder yourself")."""
    import zipfile

    from tui_recsys.data.guest_profiles import keep_friend

    export = letterboxd_export(tmp_path / "export.zip", [("Amelie", 2001, 4.5)],
                               [("Toy Story", 1995)], [("Avatar", 2009)])
    unpacked = tmp_path / "letterboxd-alex-2026-12-01-09-30-utc"
    zipfile.ZipFile(export).extractall(unpacked)
    (unpacked / "deleted").mkdir()  # what an export keeps beside its parts is not read
    (unpacked / "deleted" / "ratings.csv").write_text("junk\n")
    folder = tmp_path / "friends"
    kept = folder / f"{unpacked.name}.zip"
    assert keep_friend(unpacked, folder) == (kept, True)
    with zipfile.ZipFile(kept) as archive, zipfile.ZipFile(export) as given:
        assert sorted(archive.namelist()) == ["ratings.csv", "watched.csv", "watchlist.csv"]
        assert all(archive.read(name) == given.read(name) for name in archive.namelist())
    assert keep_friend(unpacked, folder) == (kept, False)  # the same export: kept already
    assert kept_friends(folder)[0] == [kept] and guest_names([kept]) == ["alex"]


async def test_add_a_friend_in_the_app_keeps_them_and_lists_them(tiny: Path, cache_dir: Path,
                                                                tmp_path: Path):
    """A friend's export in Downloads: the palette's "Add a friend" keeps a copy in the
    friends folder and lists them at once, as every start will."""
    from tests.support import burst, make_app, screen_text, settle
    from tui_recsys.app.screens.import_prompt import ImportPrompt

    alex = tmp_path / "letterboxd-alex-2026-12-01-09-30-utc.zip"
    letterboxd_export(alex, [("Avatar", 2009, 4.5)], [("The Matrix", 1999)])
    (tmp_path / "junk.csv").write_text("junk\n")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for typed in ("junk.csv", "letterboxd-al"):
            app.main.action_add_friend()
            await settle(pilot)
            assert isinstance(app.screen, ImportPrompt)
            burst(app, f"{tmp_path}/{typed}\r")  # the completion shown is what enter adds
            await settle(pilot)
            await app.workers.wait_for_complete()
            await settle(pilot)
        said = [notice.message for notice in app._notifications]
        assert any(f"{tmp_path / 'junk.csv'}: the first row" in notice for notice in said)
        assert any(notice.startswith("alex (1 rating) is among your friends at every start")
                   for notice in said)
        assert [friend.name for friend in app.main.friends.people] == ["alex"]
        assert sorted(path.name for path in friends_folder().iterdir()) == [alex.name]
        await pilot.press("u")
        await settle(pilot)
        assert "alex" in screen_text(app)


def test_a_file_named_as_everyones_is_kept_under_its_owners_name(tmp_path: Path):
    """Everyone's export is ratings.csv: Add a friend kept one from Downloads as "ratings",
    and a second friend's as a second "ratings"."""
    from tui_recsys.data.guest_profiles import keep_friend, names_no_one

    folder = tmp_path / "friends"
    downloads, sams = tmp_path / "Downloads", tmp_path / "sam"
    for there in (downloads, sams):
        there.mkdir()
        (there / "ratings.csv").write_text(SAM)
    assert names_no_one(downloads / "ratings.csv") and not names_no_one(sams / "ratings.csv")
    assert not names_no_one(tmp_path / "kim.csv")
    # its folder names sam: kept as sam.csv, which names sam wherever it is kept
    assert keep_friend(sams / "ratings.csv", folder) == (folder / "sam.csv", True)
    (downloads / "ratings.csv").write_text(SAM + "1,19995,Avatar,2009,3,2026-01-02T00:00:00Z\n")
    assert keep_friend(downloads / "ratings.csv", folder, "Alex Q") == (
        folder / "Alex Q.csv", True)
    assert kept_friends(folder) == ([folder / "Alex Q.csv", folder / "sam.csv"], [])
    (folder / "ratings.csv").write_text(SAM)  # dropped there by hand: said at the start
    assert kept_friends(folder)[1] == [f"{folder / 'ratings.csv'} says nothing of whose it "
                                       f"is: name it after your friend (sam.csv)"]


NOT_A_FILE = "cannot name a file: give a name of up to 40 letters, without / \\ : or a leading dot"


@pytest.mark.parametrize(("typed", "said"), [
    ("", "give their name, as the Users list will show it (sam)"),
    ("you", "'you' names someone else at movie night; give theirs"),
    ("User 42", "'User 42' names someone else at movie night; give theirs"),
    ("ratings", "'ratings' is every export's name; give theirs"),
    ("../sam", f"'../sam' {NOT_A_FILE}"), (".sam", f"'.sam' {NOT_A_FILE}"),
    ("a\x1b[31mb", NOT_A_FILE), ("x" * 41, NOT_A_FILE),
])
def test_a_friends_name_is_one_a_file_can_have(typed: str, said: str):
    from tui_recsys.data.guest_profiles import friends_name
    from tui_recsys.errors import UsageError

    assert friends_name("  Alex   Q ") == "Alex Q"
    with pytest.raises(UsageError, match=re.escape(said)):
        friends_name(typed)


async def test_add_a_friend_asks_whose_file_says_no_one(tiny: Path, cache_dir: Path,
                                                        tmp_path: Path):
    from tests.support import burst, make_app, screen_text, settle
    from tui_recsys.app.screens.name_prompt import NamePrompt

    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "ratings.csv").write_text(SAM)
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.main.action_add_friend()
        await settle(pilot)
        burst(app, f"{downloads}/ratings.csv\r")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        assert "Whose ratings are in" in screen_text(app)
        burst(app, "you\r")  # refused in place, the box kept
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        assert "'you' names someone else at movie night" in screen_text(app)
        await pilot.press("ctrl+u")
        burst(app, "qbert\r")  # letters a key would act on elsewhere: a name here
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert [friend.name for friend in app.main.friends.people] == ["qbert"]
        assert sorted(path.name for path in friends_folder().iterdir()) == ["qbert.csv"]
