"""The child process of `process`: reads ratings and parameters from a folder, trains, writes
the factors back, and reports progress as JSON lines on stdout, where nothing else goes
(`report_channel`). It exits when its parent does (its stdin closes), so an abandoned training
never runs on."""

from __future__ import annotations

import importlib
import json
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TextIO

import numpy as np
import pandas as pd

from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.training.config import (
    ForUserConfig,
    ItemParams,
    RankingParams,
    RatingParams,
    awaited_workers,
)


def _exit_with_parent() -> None:
    sys.stdin.read()
    os._exit(3)


def report_channel() -> TextIO:
    """Where progress goes: the stdout the parent reads, moved to a descriptor of its own,
    with fd 1 pointed at stderr. Native libraries write to fd 1 as they please (BLAS's "On
    entry to SSYRK parameter number 10 had an illegal value", TensorFlow's log lines), and a
    line of theirs among the reports broke the parent's JSON reading; now it is kept with the
    child's log, shown if training fails."""
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    sys.stdout.flush()
    os.dup2(2, 1)
    return channel


def reporter(channel: TextIO) -> Callable[[str, float | None], None]:
    def report(message: str, fraction: float | None) -> None:
        channel.write(json.dumps({"message": message, "fraction": fraction}) + "\n")

    return report


def _networks() -> ModuleType:
    """The training module, TensorFlow with it, loaded without scikit-learn: Keras imports it
    at start-up for its scikit-learn wrappers, which training never uses, and that import
    was a quarter of TensorFlow's (`python -X importtime`). A module that is None in
    `sys.modules` cannot be imported (Keras then leaves its wrappers without it)."""
    blocked = "sklearn" not in sys.modules
    if blocked:
        sys.modules["sklearn"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module("tui_recsys.engine.training.networks")
    finally:
        if blocked:
            del sys.modules["sklearn"]


def main(folder: Path) -> None:
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    report = reporter(report_channel())
    settings = json.loads((folder / "params.json").read_text())
    config = ForUserConfig(RatingParams(**settings["rating"]),
                           RankingParams(**settings["ranking"]), ItemParams(**settings["items"]))
    with np.load(folder / "ratings.npz", allow_pickle=False) as data:
        ratings = pd.DataFrame({name: data[name] for name in data.files})
    awaited = awaited_workers()  # a worker that never answers is named, not a silent wait
    waiting = f", then waiting for {', '.join(awaited)}" if awaited else ""
    report(f"for-user: loading TensorFlow{waiting}", None)  # for how long, nobody knows
    networks = _networks()
    train = networks.train_stars if settings["stars_only"] else networks.train_both
    trained = train(ratings, config, BuildContext(progress=report), settings["distribute"])
    out = folder / "out"
    try:
        out.mkdir()
        trained.save(out)
    except OSError as exc:  # numpy's own message names no file
        raise SystemExit(f"cannot write the trained model to {out} ({exc.strerror or exc}); "
                         f"free some space there or raise the file-size limit") from exc


if __name__ == "__main__":
    main(Path(sys.argv[1]))
