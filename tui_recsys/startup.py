"""The `tui-recsys` command's entry: the cycle collector is paused before the heavy imports
(see `collector`), and Ctrl-C during them is one line and status 130, as at any later moment."""

from __future__ import annotations

import sys

from tui_recsys import collector


def main() -> int:
    collector.pause()
    try:
        from tui_recsys.cli import main as run  # most of start-up is these imports

        return run()
    except KeyboardInterrupt:  # Ctrl-C before the command line could catch it itself
        sys.stderr.write("\ntui-recsys: interrupted\n")
        return 130
