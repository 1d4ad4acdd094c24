"""The `tui-recsys` command's entry, with CPython's cycle collector paused through start-up.

A warm start creates about a million objects that live until exit (pandas, Textual, the
catalogue, the first layout), and the collector walks all of them again on every full pass:
three passes of 25-70 ms plus many young ones, about 0.3 s of a 1.3 s start as measured here.
The entry pauses it before the first heavy import; once start-up is over (the app's lists are
loaded, or a command has begun), `resume` freezes what exists, so later passes skip it, and
turns collection back on. The price is the ~2 MB of cyclic garbage that start-up leaves
(mostly Textual's first layouts), which is kept instead of freed.
"""

from __future__ import annotations

import gc
import sys


class _Collector:
    paused = False


def pause() -> None:
    gc.disable()
    _Collector.paused = True


def resume() -> None:
    """Collection back on; does nothing unless `pause` ran (tests and library use never do)."""
    if _Collector.paused:
        _Collector.paused = False
        gc.freeze()
        gc.enable()


def main() -> int:
    pause()
    try:
        from tui_recsys.cli import main as run  # most of start-up is these imports

        return run()
    except KeyboardInterrupt:  # Ctrl-C before the command line could catch it itself
        sys.stderr.write("\ntui-recsys: interrupted\n")
        return 130
