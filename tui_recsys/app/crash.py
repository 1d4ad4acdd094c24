"""Failures in one line: one the app handles (`explain`), and what is left of an unhandled
exception, a traceback in a log file and one line to say so.

The terminal belongs to the user again once the app closes; a screenful of traceback there is
noise to them and lost to us, so it goes to the platform's log folder instead.
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path

from tui_recsys import paths
from tui_recsys.errors import Cancelled, RecsysError
from tui_recsys.text import clean, shorten


def explain(error: BaseException | None) -> str:
    if isinstance(error, Cancelled):
        return "Build cancelled. Press r to build it again."
    if isinstance(error, RecsysError):
        return clean(str(error))
    return clean(f"Something went wrong: {type(error).__name__}: {shorten(str(error), 200)}")


def record(error: BaseException) -> str:
    """Write `error`'s traceback to a new log file; the one line that says what happened and
    where the details are (or that they could not be written)."""
    summary = f"unexpected error: {type(error).__name__}: {shorten(str(error), 200)}"
    folder = paths.log_dir()
    log = folder / time.strftime("crash-%Y%m%d-%H%M%S.log")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with log.open("a") as handle:
            handle.write("".join(traceback.format_exception(error)))
    except OSError as exc:
        return f"{summary} (the traceback could not be written to {log}: {exc.strerror})"
    return f"{summary}; the traceback is in {Path(log)}"
