"""Runs `training` in a child process and brings back plain arrays.

TensorFlow writes native log lines to fd 2 on import even with TF_CPP_MIN_LOG_LEVEL=3 and
TF_ENABLE_ONEDNN_OPTS=0 (measured with TF 2.21 here), and fd 2 is where Textual draws. A child
process keeps those lines (captured, shown only on failure), its ~800 MB and its threads away
from the app; cancelling kills it at once, and it dies with its parent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import numpy as np
import pandas as pd

from tui_recsys.engine.base import BuildContext
from tui_recsys.engine.collaborative import CollaborativeParams, Factors
from tui_recsys.errors import Cancelled, RecsysError

TF_QUIET = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}


def _stop_when_cancelled(process: subprocess.Popen[str], cancel: threading.Event) -> None:
    while process.poll() is None:
        if cancel.wait(0.1):
            process.kill()
            return


def _last_words(stderr: Path) -> str:
    lines = [line for line in stderr.read_text(errors="replace").splitlines()
             if line.strip() and "absl::InitializeLog" not in line and "cudart_stub" not in line]
    return lines[-1].strip() if lines else "no error message"


def train_in_child(ratings: pd.DataFrame, params: CollaborativeParams,
                   ctx: BuildContext) -> Factors:
    ctx.report("collaborative: starting TensorFlow", 0.0)
    with tempfile.TemporaryDirectory(prefix="tui-recsys-train-") as tmp:
        folder = Path(tmp)
        np.savez(folder / "ratings.npz", user_id=ratings["user_id"].to_numpy(),
                 movie_id=ratings["movie_id"].to_numpy(), rating=ratings["rating"].to_numpy())
        (folder / "params.json").write_text(json.dumps(params.as_dict()))
        with (folder / "stderr.txt").open("w") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "tui_recsys.engine.train_worker", str(folder)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True,
                env={**os.environ, **TF_QUIET},
            )
            watcher = threading.Thread(target=_stop_when_cancelled,
                                       args=(process, ctx.cancel), daemon=True)
            watcher.start()
            assert process.stdout is not None
            for line in process.stdout:
                update = json.loads(line)
                ctx.progress(update["message"], update["fraction"])
            process.wait()
            watcher.join()
        if ctx.cancel.is_set():
            raise Cancelled("training cancelled")
        if process.returncode != 0:
            raise RecsysError("training the collaborative model failed: "
                              f"{_last_words(folder / 'stderr.txt')}")
        return Factors.load(folder / "out")
