"""Whether a process still runs: what tells the leftover of a killed writer (a training's
folder, a profile's temporary file) from one still in use."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, as another user's process
    return True
