"""Friends kept for good: each ratings export in the friends folder beside your profile is a
friend at every start of the app and a name `recommend together --friend` takes, as
`--friend FILE` is for one run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import letterboxd_export
from tui_recsys.cli.main import main
from tui_recsys.data.guest_profiles import friend_named, kept_friends
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
    kept, said = kept_friends(folder)
    assert kept == [folder / "jo", new, folder / "sam.csv"] and said == []
    assert friend_named("ALEX", kept) == new and friend_named(" sam ", kept) == folder / "sam.csv"
    assert friend_named("alex-2026", kept) is None and old.exists()  # left as it is


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
