"""The `tui-recsys` command's entry: the cycle collector is paused before the heavy imports
(see `collector`), and Ctrl-C during them is one line and status 130, as at any later moment.

Until the command line takes over, Ctrl-C ends the process at once: nothing has been started
that needs cleaning up, and a KeyboardInterrupt raised in the middle of an import would print
a traceback from deep inside it. (Python's own start-up, the few milliseconds before this
module runs, is out of any program's reach.)
"""

from __future__ import annotations

import _signal
import io
import os
import sys

INTERRUPTED = 130  # errors.INTERRUPTED: no module of ours is imported before the handler


def _say_interrupted() -> None:
    sys.stderr.write("\ntui-recsys: interrupted\n")
    sys.stderr.flush()


def _interrupted_early(_signal_number: int, _frame: object) -> None:
    _say_interrupted()
    os._exit(INTERRUPTED)


# Installed as this module loads, through the C module alone: `import signal` first builds its
# enums, milliseconds in which a Ctrl-C printed a traceback from deep inside that import. A
# command started with Ctrl-C ignored (`cmd &` in a script, a job runner) keeps ignoring it.
_PYTHONS_HANDLER = _signal.getsignal(_signal.SIGINT)
if _PYTHONS_HANDLER is not _signal.SIG_IGN:
    _signal.signal(_signal.SIGINT, _interrupted_early)

import signal  # noqa: E402 - after the handler, for the reason above

from tui_recsys import collector  # noqa: E402


def main() -> int:
    # A terminal whose encoding lacks a character of a title (a Latin-1 or ASCII locale on an
    # old server) got "unexpected error: UnicodeEncodeError" in place of the list: such a
    # character is written as "?" (stderr already writes it escaped).
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")
    collector.pause()
    from tui_recsys.cli.main import main as run  # most of start-up is these imports

    try:
        signal.signal(signal.SIGINT, _PYTHONS_HANDLER)  # from here, KeyboardInterrupt: cleanups run
        return run()
    except KeyboardInterrupt:  # in the steps before the command line's own `try`
        _say_interrupted()
        return INTERRUPTED
