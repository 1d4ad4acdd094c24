"""CPython's cycle collector, paused through start-up.

A warm start creates hundreds of thousands of objects that live until exit (Textual, the
lists, the models' titles, the first layout), and the collector would walk all of them again on
every full pass. The entry pauses it before the first heavy import; once start-up is over (the
app's lists are loaded, or a command has begun), `resume` freezes what exists, so later passes
skip it, and turns collection back on. The price is the small cyclic garbage that start-up leaves
(mostly Textual's first layouts), which is kept instead of freed. The docs/performance.md
section has the measurements.
"""

from __future__ import annotations

import gc


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
