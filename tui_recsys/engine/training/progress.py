"""What a build's bar says while a model trains with early stopping.

Epochs are counted toward the epoch training stops after unless its validation figure improves
(`KeepBest.last_epoch`), not toward the cap. At ml-32m's shape the ranking model stopped after
its fourth epoch of fifty: counted toward fifty, its stretch of the bar stayed under a tenth
full for a quarter of an hour, said "epoch 3/50" as if hours remained, and jumped to done.
When a gain moves the stop on, the bar holds still until training catches up with it: it
never goes backwards.
"""

from __future__ import annotations

from typing import Any

from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.training.early_stopping import KeepBest


class EpochProgress:
    """Progress of a model's training; `stopping` is what decides when it stops early (None:
    it runs to `cap`), read afresh at each report."""

    def __init__(self, model: str, cap: int, stopping: KeepBest[Any] | None,
                 ctx: BuildContext) -> None:
        self.model, self.cap, self.stopping, self.ctx = model, cap, stopping, ctx
        self.shown = 0.0

    def within(self, done: float) -> None:
        """`done` epochs (a fraction of the current one included) have run."""
        self._report(f"epoch {int(done) + 1}{self._of()} ({done % 1:.0%})", done)

    def after_epoch(self, epoch: int, figure: str = "") -> None:
        """Epoch `epoch` (counted from 1) has run; `figure` is its validation figure."""
        self._report(f"epoch {epoch}{self._of()}" + (f" ({figure})" if figure else ""), epoch)

    @property
    def _stop_by(self) -> int:
        return self.cap if self.stopping is None else min(self.cap, self.stopping.last_epoch())

    def _of(self) -> str:
        stop_by = self._stop_by
        return f"/{self.cap}" if stop_by >= self.cap else f" of about {stop_by}"

    def _report(self, what: str, done: float) -> None:
        self.shown = max(self.shown, min(1.0, done / self._stop_by))
        self.ctx.progress(f"training {self.model} model, {what}", self.shown)
