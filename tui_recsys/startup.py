"""The `tui-recsys` command's entry: the cycle collector is paused before the heavy imports
(see `collector`), and Ctrl-C during them is one line and status 130, as at any later moment.

Until the command line takes over, Ctrl-C ends the process at once: nothing has been started
that needs cleaning up, and a KeyboardInterrupt raised in the middle of an import would print
a traceback from deep inside it. (Python's own start-up, the few milliseconds before this
module runs, is out of any program's reach.)
"""

from __future__ import annotations

import os
import signal
import sys

from tui_recsys import collector
from tui_recsys.errors import INTERRUPTED


def _interrupted_early(_signal: int, _frame: object) -> None:
    sys.stderr.write("\ntui-recsys: interrupted\n")
    sys.stderr.flush()
    os._exit(INTERRUPTED)


def main() -> int:
    collector.pause()
    early = signal.signal(signal.SIGINT, _interrupted_early)
    from tui_recsys.cli import main as run  # most of start-up is these imports

    signal.signal(signal.SIGINT, early)  # from here, KeyboardInterrupt, so cleanups run
    return run()
