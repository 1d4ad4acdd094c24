"""`tui-recsys build [STRATEGY...]`: build and cache models ahead of time, each with its
progress on stderr, so that the app and every command after it start warm."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui_recsys.cli.output import say
from tui_recsys.cli.recommend import CONTENT
from tui_recsys.engine.question import Need
from tui_recsys.engine.strategies import STRATEGIES
from tui_recsys.engine.strategies.strategy import Strategy

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine


ALL = "all"


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    names = [strategy.name for strategy in STRATEGIES]
    build = commands.add_parser("build", parents=[common],
                                help="build and cache recommenders ahead of time")
    build.add_argument("strategies", nargs="*", metavar="STRATEGY",
                       help=f"any of {', '.join([*names, CONTENT])} (default: {ALL})")


def run(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.cli import output
    from tui_recsys.engine.build_context import BuildContext

    wanted = args.strategies or [ALL]
    chosen: list[Strategy] = []
    for name in wanted:
        if name == ALL:
            chosen += engine.strategies
        elif name == CONTENT:
            chosen += [s for s in engine.strategies if s.needs is Need.MOVIE]
        else:
            chosen.append(engine.strategy(name))
    named = {engine.strategy(name) for name in wanted if name not in (ALL, CONTENT)}
    for strategy in dict.fromkeys(chosen):
        why = engine.unavailable(strategy)
        if why is not None and strategy not in named:  # "all": what this data can build
            say(f"{strategy.name}: skipped, {why[0].lower()}{why[1:]}")
            continue
        progress = output.ProgressPrinter()
        ready = engine.is_ready(strategy)
        watch = output.Stopwatch()
        engine.prepare(strategy, BuildContext(progress=progress))
        progress.done(f"{strategy.name}: " + ("ready (cached)" if ready else f"built in {watch}"))
    engine.index()  # the app's searchable lists: its next start is warm too
