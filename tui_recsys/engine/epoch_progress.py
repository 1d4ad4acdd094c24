"""What a build's bar says while a model trains with early stopping.

Epochs are counted toward the epoch training stops after unless its validation figure improves
(`KeepBest.last_epoch`), not toward the cap. At ml-32m's shape the ranking model stopped after
its fourth epoch of fifty: counted toward fifty, its stretch of the bar stayed under a tenth
full for a quarter of an hour, said "epoch 3/50" as if hours remained, and jumped to done.
When a gain moves the stop on, the bar holds still until training catches up with it: it
never goes backwards.
"""

from __future__ import annotations

from tui_recsys.engine.base import BuildContext


class EpochProgress:
    def __init__(self, model: str, cap: int, stop_by: int, ctx: BuildContext) -> None:
        self.model, self.cap, self.ctx = model, cap, ctx
        self.stop_by = min(cap, stop_by)
        self.shown = 0.0

    def expect_stop_by(self, epoch: int) -> None:
        self.stop_by = min(self.cap, epoch)

    def within(self, done: float) -> None:
        """`done` epochs (a fraction of the current one included) have run."""
        self._report(f"epoch {int(done) + 1}{self._of()} ({done % 1:.0%})", done)

    def after_epoch(self, epoch: int, figure: str = "") -> None:
        """Epoch `epoch` (counted from 1) has run; `figure` is its validation figure."""
        self._report(f"epoch {epoch}{self._of()}" + (f" ({figure})" if figure else ""), epoch)

    def _of(self) -> str:
        return f"/{self.cap}" if self.stop_by >= self.cap else f" of about {self.stop_by}"

    def _report(self, what: str, done: float) -> None:
        self.shown = max(self.shown, min(1.0, done / self.stop_by))
        self.ctx.progress(f"training {self.model} model, {what}", self.shown)
