"""`tui-recsys evaluate [--json]`: the "For this user" models measured on held-out ratings,
beside the baselines (`tui_recsys.evaluation`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    evaluate = commands.add_parser("evaluate", parents=[common],
                                   help="measure the collaborative model on held-out ratings")
    evaluate.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.cli import output
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.evaluation.measure import evaluate
    from tui_recsys.evaluation.report import report_text

    report = evaluate(engine, BuildContext(progress=output.ProgressPrinter()))
    print(report.as_json() if args.json else report_text(report))
