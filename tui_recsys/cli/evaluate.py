"""`tui-recsys evaluate [--json] [--every-user]`: the "For this user" models measured on
held-out ratings, beside the baselines (`tui_recsys.evaluation`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    evaluate = commands.add_parser(
        "evaluate", parents=[common],
        help="measure the collaborative model on held-out ratings",
        description="Measure the recommenders on ratings they never saw (MovieLens): the "
                    "rating model's RMSE, top-10 lists beside the baselines (most popular, "
                    "the chart, EASE, item-kNN) with their diversity and novelty, For you "
                    "after 3 to 50 ratings, the quick start after 1 to 3 rounds, and the "
                    "discovery setting's price. It trains its own collaborative models "
                    "(about two minutes on two cores at ml-latest-small) and leaves the "
                    "cached ones alone; the catalogue and the content models come from the "
                    "cache. Progress on stderr, the report on stdout; docs/quality.md reads "
                    "its figures.")
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    evaluate.add_argument(
        "--every-user", action="store_true",
        help="read the fold-in, the cold start and the quick start with every user a "
             "newcomer once, in five groups each left out of a training of its own (about "
             "600 newcomers instead of 120, where a hundredth of nDCG is noise; four "
             "trainings more)")


def run(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.cli import output
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.evaluation.fold_in import EVERY_USER
    from tui_recsys.evaluation.measure import evaluate
    from tui_recsys.evaluation.report import report_text

    report = evaluate(engine, BuildContext(progress=output.ProgressPrinter()),
                      EVERY_USER if args.every_user else 1)
    output.write_stdout(report.as_json() if args.json else report_text(report))
