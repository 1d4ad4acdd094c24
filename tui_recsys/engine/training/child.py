"""The child process of `process`: reads ratings and parameters from a folder,
trains, writes the factors back, and reports progress as JSON lines on stdout. It exits when
its parent does (its stdin closes), so an abandoned training never runs on."""

from __future__ import annotations

import importlib
import json
import os
import sys
import threading
from pathlib import Path
from types import ModuleType

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


def _report(message: str, fraction: float | None) -> None:
    print(json.dumps({"message": message, "fraction": fraction}), flush=True)


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
    settings = json.loads((folder / "params.json").read_text())
    config = ForUserConfig(RatingParams(**settings["rating"]),
                           RankingParams(**settings["ranking"]), ItemParams(**settings["items"]))
    with np.load(folder / "ratings.npz", allow_pickle=False) as data:
        ratings = pd.DataFrame({name: data[name] for name in data.files})
    awaited = awaited_workers()  # a worker that never answers is named, not a silent wait
    waiting = f", then waiting for {', '.join(awaited)}" if awaited else ""
    _report(f"for-user: loading TensorFlow{waiting}", None)  # for how long, nobody knows
    train_both = _networks().train_both
    trained = train_both(ratings, config, BuildContext(progress=_report),
                         settings["distribute"])
    out = folder / "out"
    try:
        out.mkdir()
        trained.save(out)
    except OSError as exc:  # numpy's own message names no file
        raise SystemExit(f"cannot write the trained model to {out} ({exc.strerror or exc}); "
                         f"free some space there or raise the file-size limit") from exc


if __name__ == "__main__":
    main(Path(sys.argv[1]))
