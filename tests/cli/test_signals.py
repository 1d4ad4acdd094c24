"""Signals, pipes and limits: the command stops as Unix tools do and leaves nothing behind."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import tui_recsys
from tui_recsys.engine.training.process import OWNER, TEMP_PREFIX, sweep_stale
from tui_recsys.errors import INTERRUPTED


def _command() -> str:
    command = shutil.which("tui-recsys")
    assert command is not None, "tui-recsys is not on PATH: install the project first"
    return command


def _spawn(*argv: str, env: dict[str, str] | None = None,
           before: Callable[[], object] = lambda: None) -> subprocess.Popen[str]:
    """The command as a terminal starts it, with ctrl+c's default (a suite started in the
    background, `(pytest &)` or `nohup`, ignores it, and so, rightly, would its children),
    after `before` in the child."""

    def start() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        before()

    return subprocess.Popen([_command(), *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, preexec_fn=start)


# A traceback's frame in our own files. A bare "/tui_recsys/" also matched a checkout or a venv
# whose path holds that name, and then Python's own start-up was judged as ours.
OUR_FRAME = f'File "{Path(tui_recsys.__file__).parent}{os.sep}'


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_a_closed_pipe_ends_quietly(tiny: Path):
    """`recommend ... | head -1`: the reader goes away before the answer is written."""
    reader, writer = os.pipe()
    os.close(reader)
    process = subprocess.run([_command(), "recommend", "chart", "-k", "1", "--json",
                              "--data", str(tiny)], stdout=writer, stderr=subprocess.PIPE,
                             text=True, timeout=120)
    os.close(writer)
    assert process.returncode == 141
    assert process.stderr == ""


@pytest.mark.parametrize("delay", [0.03, 0.1, 0.2])
def test_ctrl_c_during_start_up_is_one_line_and_130(tiny: Path, delay: float):
    """Within the imports, before the command line can catch anything. A signal that lands in
    Python's own start-up, before any of our code runs, is out of reach, and one that lands
    after the answer proves nothing: the delay moves between the two (longer after too early,
    shorter after too late) until the signal lands in our code, and that run is judged."""
    too_early, too_late = 0.0, None
    for _ in range(16):
        process = _spawn("recommend", "chart", "--data", str(tiny))
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        if process.returncode == INTERRUPTED or OUR_FRAME in err:
            break  # our code was running (our answer, or a frame of ours): judged below
        if process.returncode == 0:  # it had answered already
            too_late = delay
        else:  # killed, or a traceback with no frame of ours: Python's own start-up
            too_early = delay
        delay = (too_early + too_late) / 2 if too_late is not None else delay * 2
    assert process.returncode == INTERRUPTED, (delay, process.returncode, err)
    assert _lines(err) == ["tui-recsys: interrupted"]


def test_ctrl_c_ignored_at_start_stays_ignored(tiny: Path):
    """`tui-recsys ... &` in a script starts with Ctrl-C ignored, as the shell's background
    jobs do: the start-up's own handler ended such a command at a Ctrl-C meant for the
    script."""
    process = _spawn("recommend", "chart", "-k", "1", "--data", str(tiny),
                     before=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    for _ in range(20):
        time.sleep(0.05)
        if process.poll() is not None:
            break
        process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, "")
    assert "Avatar" in out


def test_ctrl_c_just_before_the_command_line_takes_over_is_one_line():
    """Between the entry putting Python's handler back and the command line's own `try`, a
    Ctrl-C printed a traceback: the entry catches it there too."""
    script = ("import tui_recsys.cli.main as cli\n"
              "def interrupted(): raise KeyboardInterrupt\n"
              "cli.main = interrupted\n"
              "from tui_recsys.startup import main\n"
              "raise SystemExit(main())\n")
    process = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             timeout=60)
    assert process.returncode == INTERRUPTED, process.stderr
    assert _lines(process.stderr) == ["tui-recsys: interrupted"]


def _wait_for(predicate, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _training_folders(parent: Path) -> list[Path]:
    return list(parent.glob(f"{TEMP_PREFIX}*"))


def _training(tiny: Path, temp: Path) -> subprocess.Popen[str]:
    """`build collaborative`, once its training folder is written."""
    temp.mkdir()
    process = _spawn("build", "for-user", "--data", str(tiny),
                     env={"TMPDIR": str(temp)})
    _wait_for(lambda: any((f / "ratings.npz").exists() for f in _training_folders(temp)))
    return process


def test_sigterm_during_training_cleans_up_and_exits_143(tiny: Path, tmp_path: Path):
    temp = tmp_path / "tmp"
    process = _training(tiny, temp)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143
    assert _lines(err)[-1] == "tui-recsys: terminated"
    assert _training_folders(temp) == []


def test_ctrl_c_during_training_cleans_up_everything_and_exits_130(tiny: Path,
                                                                   tmp_path: Path):
    """As the README promises: nothing is left in $TMPDIR, TensorFlow's own files included
    (the training child writes them in its folder, which goes)."""
    temp = tmp_path / "tmp"
    process = _training(tiny, temp)
    time.sleep(1)  # into TensorFlow's start
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == INTERRUPTED
    assert _lines(err)[-1] == "tui-recsys: interrupted"
    assert list(temp.iterdir()) == []


def test_kill_9_leaves_a_folder_that_the_next_build_sweeps(tiny: Path, tmp_path: Path):
    temp = tmp_path / "tmp"
    process = _training(tiny, temp)
    process.kill()
    process.communicate(timeout=60)
    [left] = _training_folders(temp)
    assert sweep_stale(temp) == [left]
    assert not left.exists()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_sweep_removes_only_provably_stale_folders(tmp_path: Path):
    dead = tmp_path / f"{TEMP_PREFIX}dead"
    alive = tmp_path / f"{TEMP_PREFIX}alive"
    unmarked = tmp_path / f"{TEMP_PREFIX}unmarked"  # not provably ours
    someone_elses = tmp_path / "other-dead"
    for folder in (dead, alive, unmarked, someone_elses):
        folder.mkdir()
    (dead / OWNER).write_text(str(_dead_pid()))
    (someone_elses / OWNER).write_text(str(_dead_pid()))
    (alive / OWNER).write_text(str(os.getpid()))
    assert sweep_stale(tmp_path) == [dead]
    assert alive.exists() and unmarked.exists() and someone_elses.exists()


def test_training_sweeps_before_it_starts(tiny: Path, cache_dir: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch):
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.training.config import ForUserConfig
    from tui_recsys.engine.training.process import train_in_child
    from tui_recsys.errors import Cancelled

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / f"{TEMP_PREFIX}stale"
    stale.mkdir()
    (stale / OWNER).write_text(str(_dead_pid()))
    ctx = BuildContext()
    ctx.cancel.set()  # sweeping happens first, then the cancelled build stops at once
    with pytest.raises(Cancelled):
        train_in_child(__import__("pandas").DataFrame(), ForUserConfig(), ctx)
    assert not stale.exists()


def test_a_file_size_limit_names_the_file(tiny: Path, tmp_path: Path):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (700, 700))

    process = _spawn("build", "for-user", "--data", str(tiny), "--cache-dir",
                     str(tmp_path / "cache"), env={"TMPDIR": str(tmp_path)},
                     before=limit)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    failure = next(line for line in _lines(err) if "cannot write" in line)
    assert f"{tmp_path}/{TEMP_PREFIX}" in failure and "ratings.npz (File too large)" in failure
    assert "Traceback" not in err
    assert _training_folders(tmp_path) == []
