"""Runs `training.networks` in a child process and brings back plain arrays.

TensorFlow writes native log lines to fd 2 on import even with TF_CPP_MIN_LOG_LEVEL=3
(measured with TF 2.21 here), and fd 2 is where Textual draws. A child process keeps those
lines (captured, shown only on failure), its ~800 MB and its threads away from the app;
cancelling kills it at once, and it dies with its parent.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import pandas as pd

from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.models.for_user_model import Factors, TrainedModels
from tui_recsys.engine.training.config import ForUserConfig, distribution_choice
from tui_recsys.errors import Cancelled, RecsysError
from tui_recsys.processes import alive

# oneDNN's kernels: the ranking model's steps several times faster at ml-32m's 87k movies
# (docs/performance.md), the same top-10 from the same seed; a user's own setting is kept.
TF_DEFAULTS = {"TF_ENABLE_ONEDNN_OPTS": "1"}
TF_QUIET = {"TF_CPP_MIN_LOG_LEVEL": "3"}
TEMP_PREFIX = "tui-recsys-train-"
OWNER = "owner.pid"


def _stop_when_cancelled(process: subprocess.Popen[str], cancel: threading.Event) -> None:
    while process.poll() is None:
        if cancel.wait(0.1):
            process.kill()
            return


def _last_words(stderr: Path) -> str:
    lines = [line for line in stderr.read_text(errors="replace").splitlines()
             if line.strip() and "absl::InitializeLog" not in line and "cudart_stub" not in line]
    return lines[-1].strip() if lines else "no error message"


def sweep_stale(parent: Path | None = None) -> list[Path]:
    """Remove the training folders of processes that died without cleaning up (kill -9, a
    crash): only folders named as ours whose owner file names a process that is gone."""
    removed = []
    for folder in Path(parent or tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        try:
            pid = int((folder / OWNER).read_text())
        except (OSError, ValueError):
            continue  # not provably ours, or being created this instant
        if folder.is_dir() and not folder.is_symlink() and not alive(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _write(path: Path, write: Callable[[Path], None]) -> None:
    """`write(path)`, with a failure that names the file (numpy's does not)."""
    try:
        write(path)
    except OSError as exc:
        raise RecsysError(f"cannot write {path} ({exc.strerror or exc}); free some space there "
                          f"or raise the file-size limit, or set TMPDIR to another "
                          f"folder") from exc


def train_in_child(ratings: pd.DataFrame, params: ForUserConfig,
                   ctx: BuildContext) -> TrainedModels:
    # The folder outlives this call when training succeeds: EASE's weights stay mapped from
    # it, so that caching them copies a file instead of reading it into memory
    # (`ItemWeights.save`), and it goes when they do (or at exit; after a kill -9, the next
    # build's `sweep_stale`).
    kept = tempfile.TemporaryDirectory(prefix=TEMP_PREFIX)
    try:
        trained = TrainedModels.load(_train(Path(kept.name), ratings, params, ctx))
    except BaseException:
        kept.cleanup()
        raise
    return replace(trained, items=replace(trained.items, keeps=kept))


def stars_in_child(ratings: pd.DataFrame, params: ForUserConfig, ctx: BuildContext) -> Factors:
    """The rating model alone, for evaluation's RMSE split, which reads nothing else: the
    ranking network and EASE were two thirds of each training there. Nothing is mapped from
    its folder, which goes at once."""
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as folder:
        return Factors.load(_train(Path(folder), ratings, params, ctx, stars_only=True))


def _train(folder: Path, ratings: pd.DataFrame, params: ForUserConfig, ctx: BuildContext,
           stars_only: bool = False) -> Path:
    """Train in a child writing to `folder`; the folder its models are saved in."""
    distribute = distribution_choice()
    sweep_stale()  # our own folder has no owner file yet: never taken for a stale one
    ctx.report("for-user: starting TensorFlow", 0.0)
    _write(folder / OWNER, lambda path: path.write_text(str(os.getpid())))
    _write(folder / "ratings.npz", lambda path: np.savez(
        path, user_id=ratings["user_id"].to_numpy(), movie_id=ratings["movie_id"].to_numpy(),
        rating=ratings["rating"].to_numpy()))
    _write(folder / "params.json",
           lambda path: path.write_text(json.dumps({**asdict(params), "distribute": distribute,
                                                    "stars_only": stars_only})))
    with (folder / "stderr.txt").open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui_recsys.engine.training.child", str(folder)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True,
            # TMPDIR inside the folder: what TensorFlow writes there (autograph's
            # generated files) goes with it, even when the child is killed.
            env={**TF_DEFAULTS, **os.environ, **TF_QUIET, "TMPDIR": str(folder)},
        )
        watcher = threading.Thread(target=_stop_when_cancelled,
                                   args=(process, ctx.cancel), daemon=True)
        watcher.start()
        try:
            assert process.stdout is not None
            for line in process.stdout:
                update = json.loads(line)
                ctx.progress(update["message"], update["fraction"])
            process.wait()  # the reports end before the child does (`child.report_channel`)
        finally:
            # Any way out of here (an interrupt, SIGTERM turned into SystemExit) ends the
            # child first, so that the folder it writes to can go.
            if process.poll() is None:
                process.kill()
            process.wait()
        watcher.join()
    if ctx.cancel.is_set():
        raise Cancelled("training cancelled")
    if process.returncode != 0:
        raise RecsysError("training the collaborative model failed: "
                          f"{_last_words(folder / 'stderr.txt')}")
    (folder / "ratings.npz").unlink()  # the weights are what the folder may be kept for
    return folder / "out"
