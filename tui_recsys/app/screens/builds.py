"""The main screen's builds: a strategy's models built (or rebuilt) in the background while
the app answers, their progress shown over the results, stopped with escape, started again
with r. A build reports only through the messages nested here, which the handlers here take in
turn; what the screen asks next (`refresh_results`) decides whether a build is needed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from tui_recsys.app.crash import explain
from tui_recsys.app.typed_order import in_typed_order
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.errors import Cancelled

if TYPE_CHECKING:
    from tui_recsys.engine.strategies.strategy import Strategy


class Builds:
    """Mixed into `MainScreen`, whose engine, results pane and current strategy it uses."""

    @dataclass
    class BuildProgress(Message):
        strategy: Strategy | None  # None: the catalogue itself
        message: str
        fraction: float | None  # None: a phase whose length nobody knows

    @dataclass
    class BuildFinished(Message):
        strategy: Strategy
        rebuild: bool

    @dataclass
    class BuildFailed(Message):
        strategy: Strategy
        rebuild: bool
        error: BaseException  # Cancelled when the user stopped it

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.builds: dict[Strategy, BuildContext] = {}
        # First builds stopped with escape: not started again by whatever asks next (another
        # user, a filter), only by r. Training takes a machine's cores for minutes.
        self.stopped: set[Strategy] = set()

    def start_build(self, strategy: Strategy, *, rebuild: bool = False) -> None:
        """Build what `strategy` needs in the background; a rebuild builds beside the model in
        use, which keeps answering until the new one is ready."""
        if strategy in self.builds:
            self.results.show_progress("building…", 0.0)
            return
        ctx = BuildContext(progress=partial(self._post_progress, strategy))
        self.builds[strategy] = ctx
        verb = "rebuilding" if rebuild else "building"
        self.results.show_progress(f"{verb} {strategy.name}…", 0.0)
        self.build(strategy, ctx, rebuild)

    @work(thread=True, exit_on_error=False, group="build")
    def build(self, strategy: Strategy, ctx: BuildContext, rebuild: bool) -> None:
        try:
            (self.engine.rebuild if rebuild else self.engine.prepare)(strategy, ctx)
        except BaseException as error:  # every failure is shown, none takes the app down
            self.post_message(self.BuildFailed(strategy, rebuild, error))
        else:
            self.post_message(self.BuildFinished(strategy, rebuild))

    def _post_progress(self, strategy: Strategy | None, message: str,
                       fraction: float | None) -> None:
        self.post_message(self.BuildProgress(strategy, message, fraction))

    def on_builds_build_progress(self, message: Builds.BuildProgress) -> None:
        if message.strategy is None or message.strategy is self.strategy:
            self.results.show_progress(message.message, message.fraction)

    def on_builds_build_finished(self, message: Builds.BuildFinished) -> None:
        self._build_ended(message.strategy)
        if message.rebuild:
            self.notify(f"{message.strategy.name}: rebuilt, and the new model is in use.")
        if message.strategy is self.strategy:
            self.results.hide_progress()
            self.refresh_results()

    def on_builds_build_failed(self, message: Builds.BuildFailed) -> None:
        strategy, error = message.strategy, message.error
        self._build_ended(strategy)
        if message.rebuild:
            if isinstance(error, Cancelled):
                said = "rebuild cancelled; the previous model is still in use."
            else:
                said = f"rebuild failed ({explain(error)}); the previous model is still in use."
            self.notify(f"{strategy.name}: {said}", markup=False,
                        severity="information" if isinstance(error, Cancelled) else "error",
                        timeout=15)
            if strategy is self.strategy:
                self.refresh_results()
        elif isinstance(error, Cancelled):
            self.stopped.add(strategy)
        if not message.rebuild and strategy is self.strategy:
            self.results.hide_progress()
            if self._answers_now(self.query_now):  # the lighter list stays; the failure is said
                self.notify(f"{strategy.name}: {explain(error)}", markup=False, timeout=15,
                            severity="information" if isinstance(error, Cancelled) else "error")
            else:
                self.results.show_message(explain(error))

    def _build_ended(self, strategy: Strategy) -> None:
        self.builds.pop(strategy, None)
        self._show_warnings()

    def action_cancel_builds(self) -> bool:
        """Stop every running build; False when none was running."""
        for ctx in self.builds.values():
            ctx.cancel.set()
        if self.builds:
            self.results.show_progress("cancelling…", 0.0)
        return bool(self.builds)

    def _rebuild(self) -> None:
        """Build the list's model afresh, or for the first time: after a stopped one, too.
        The list the keys before r chose: "4 r" rebuilds for-user's."""
        strategy = self.strategy
        if strategy in self.builds or self.engine.unavailable(strategy):
            return
        self.stopped.discard(strategy)
        self.start_build(strategy, rebuild=self.engine.is_ready(strategy))

    action_rebuild = in_typed_order(_rebuild)
