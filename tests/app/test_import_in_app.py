"""The palette's Import: a Letterboxd export (or one CSV) brought in without leaving the app,
as `tui-recsys import` brings it; a Letterboxd user who logs films there did that each week in
another shell."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.support import burst, find, make_app, notes_said, screen_text, settle
from tui_recsys.app.screens.full_details import FullDetails
from tui_recsys.app.screens.import_prompt import ImportPrompt, completed_path
from tui_recsys.data.marks_file import SEEN, WATCHLIST, load_marks
from tui_recsys.data.profile_file import load_profile
from tui_recsys.paths import marks_path, profile_path

RATINGS = ("Date,Name,Year,Letterboxd URI,Rating\n"
           "2024-01-02,The Matrix,1999,https://boxd.it/1,4.5\n"
           "2024-01-02,Not A Film We Know,2031,https://boxd.it/9,3\n")
WATCHED = "Date,Name,Year,Letterboxd URI\n2024-01-03,Forrest Gump,1994,https://boxd.it/2\n"
WATCHLIST_CSV = ("Date,Name,Year,Letterboxd URI\n"
                 "2024-01-05,The Shawshank Redemption,1994,https://boxd.it/4\n")


def _export(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in (("ratings.csv", RATINGS), ("watched.csv", WATCHED),
                       ("watchlist.csv", WATCHLIST_CSV)):
        (folder / name).write_text(text)
    return folder


async def _open_prompt(pilot) -> None:
    """The palette's Import, once the app is ready."""
    await settle(pilot)
    pilot.app.main.action_import_files()
    await settle(pilot)


def test_a_path_is_completed_as_a_shell_completes_it(tmp_path: Path, monkeypatch):
    (tmp_path / "letterboxd-sam-2026-12-05-utc.zip").write_bytes(b"")
    (tmp_path / "letters").mkdir()
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / ".hidden.csv").write_text("")
    where = f"{tmp_path}/"
    assert completed_path(f"{where}letterb") == f"{where}letterboxd-sam-2026-12-05-utc.zip"
    assert completed_path(f"{where}lett") == f"{where}letterboxd-sam-2026-12-05-utc.zip"
    assert completed_path(f"{where}letters") == f"{where}letters/"  # a folder, with its /
    assert completed_path(f"{where}not") is None  # neither a zip, a CSV nor a folder
    assert completed_path(where) == f"{where}letterboxd-sam-2026-12-05-utc.zip"  # no dot file
    (tmp_path / "\x1b[31mevil").mkdir()  # first by name, and no name a person can type
    assert completed_path(where) == f"{where}letterboxd-sam-2026-12-05-utc.zip"
    assert completed_path(f"{where}.h") == f"{where}.hidden.csv"
    assert completed_path(f"{where}nowhere/x") is None and completed_path("") is None
    assert completed_path("~nosuchuserzz/x") is None  # no such home: nothing, never a raise
    monkeypatch.setenv("HOME", str(tmp_path))
    assert completed_path("~/letterb") == "~/letterboxd-sam-2026-12-05-utc.zip"


async def test_an_export_imported_in_the_app_is_in_your_lists_and_its_report_shown(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    export = _export(tmp_path / "letterboxd")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await find(pilot, "matrix")  # the current movie, which the import rates
        await _open_prompt(pilot)
        assert isinstance(app.screen, ImportPrompt)
        burst(app, f"{tmp_path}/nowhere\r")  # said in the prompt, which stays open
        await settle(pilot)
        assert isinstance(app.screen, ImportPrompt) and "no such file or folder" in (
            screen_text(app))
        app.screen.query_one(Input).value = ""
        burst(app, "~nosuchuserzz/letterboxd.zip\r")  # a home there is none of: said too
        await settle(pilot)
        assert isinstance(app.screen, ImportPrompt) and "names a home folder that does not" in (
            str(app.screen.query_one("#box-prompt-error").render()))
        app.screen.query_one(Input).value = ""
        burst(app, f"{tmp_path}/letterb\r")  # the completion shown is what enter imports
        await settle(pilot)
        assert isinstance(app.screen, FullDetails)
        assert app.screen.heading is not None
        assert app.screen.heading.plain == f"Imported: {export}"
        report = app.screen.text.plain
        assert "Letterboxd ratings.csv: 1 matched (1 new" in report and "1 unmatched" in report
        assert "unmatched-ratings.csv" in report  # listed beside your profile, with why
        assert "Letterboxd watchlist.csv: 1 matched (1 new" in report
        assert [r.title for r in load_profile(profile_path()).ratings.values()] == [
            "The Matrix"]
        marks = load_marks(marks_path())
        assert ([m.title for m in marks.of(SEEN)], [m.title for m in marks.of(WATCHLIST)]) == (
            ["Forrest Gump"], ["The Shawshank Redemption"])
        await pilot.press("escape")
        await settle(pilot)
        assert "You rated it 4.5 stars" in str(app.query_one("#details-text").render())
        await pilot.press("y")  # your Rated list, from the files as the import left them
        await settle(pilot)
        assert "1 movie rated" in screen_text(app) and "The Matrix" in screen_text(app)


async def test_a_file_that_is_no_export_is_said_and_nothing_changes(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    stray = tmp_path / "notes.csv"
    stray.write_text("a,b\n1,2\n")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_prompt(pilot)
        burst(app, f"{stray}\r")
        await settle(pilot)
        assert app.screen is app.main and not profile_path().exists()
        said = [n.message for n in app._notifications]
        assert any("notes.csv" in message for message in said[1:]), said


async def test_a_file_name_s_control_characters_never_reach_the_terminal(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    export = _export(tmp_path / "letter\x1b[2Jboxd")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_prompt(pilot)
        app.screen.query_one(Input).value = str(export)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FullDetails) and app.screen.heading is not None
        assert "\x1b" not in app.screen.heading.plain + app.screen.text.plain
        assert "\x1b" not in screen_text(app)


async def test_a_damaged_part_is_said_after_what_the_parts_before_it_brought_in(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    """The command line prints each part's report as it goes; the app showed the error alone,
    though the ratings before it were in."""
    export = _export(tmp_path / "letterboxd")
    (export / "watchlist.csv").write_text("a,b\n1,2\n")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_prompt(pilot)
        burst(app, f"{export}\r")
        await settle(pilot)
        assert isinstance(app.screen, FullDetails)
        report = app.screen.text.plain
        assert "Letterboxd ratings.csv: 1 matched (1 new" in report
        assert report.splitlines()[-1].startswith(f"{export}: watchlist.csv")
        assert [r.title for r in load_profile(profile_path()).ratings.values()] == [
            "The Matrix"]


async def test_a_first_import_over_the_chart_shows_for_you_behind_its_report(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    """A newcomer on the chart ("no ratings yet") imported their ratings and, the report
    closed, was still on the chart, with nothing saying 6: as after a first quick start, For
    you shows. A file refused, or an import with ratings already there, leaves the list asked
    for."""
    watchlist = tmp_path / "to watch.csv"
    watchlist.write_text("Title,Year\nAvatar,2009\n")
    films = tmp_path / "my films.csv"
    films.write_text("Movie,Year,Rating\nThe Matrix,1999,4.5\n")
    more = tmp_path / "more.csv"
    more.write_text("Movie,Year,Rating\nAvatar,2009,4\n")
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.main.strategy.name == "chart"
        for path, strategy in ((watchlist, "chart"), (films, "for-you")):
            await _open_prompt(pilot)
            burst(app, f"{path}\r")
            await settle(pilot)
            if path == watchlist:  # refused, as the command line refuses it without --as
                assert app.screen is app.main
                assert any("rates none" in said for said in notes_said(app))
            else:
                assert isinstance(app.screen, FullDetails)
                assert "Letterboxd import file: 1 matched (1 new" in app.screen.text.plain
                await pilot.press("escape")
                await settle(pilot)
            assert app.main.strategy.name == strategy
        await pilot.press("1")
        await settle(pilot)
        await _open_prompt(pilot)
        burst(app, f"{more}\r")  # ratings there already: the chart was asked for, and stays
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.main.strategy.name == "chart"
        assert len(load_profile(profile_path()).ratings) == 2
