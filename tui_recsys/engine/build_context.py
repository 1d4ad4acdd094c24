"""How a long build reports progress and is stopped: one object handed down from the command
line or the app through the Engine to the builders, the trainer and its child process."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from tui_recsys.errors import Cancelled

ProgressFn = Callable[[str, float | None], None]
"""Called with a status line and the fraction done (0..1) of the current build, or None for a
phase whose length nobody knows (TensorFlow loading, other workers awaited)."""


def _ignore(_message: str, _fraction: float | None) -> None:
    return None


@dataclass
class BuildContext:
    """A build's line back to its caller: progress to report and a flag to stop on."""

    progress: ProgressFn = _ignore
    cancel: threading.Event = field(default_factory=threading.Event)

    def report(self, message: str, fraction: float | None) -> None:
        self.check()
        self.progress(message, None if fraction is None else min(max(fraction, 0.0), 1.0))

    def check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled("build cancelled")
