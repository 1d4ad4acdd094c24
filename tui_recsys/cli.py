"""The command line: the app by default, and every recommendation headless for scripts.

Exit codes: 0 success, 2 bad input or usage, 1 anything else, 130 interrupted (Ctrl-C), 143
terminated (SIGTERM), 141 when the reader of stdout went away (`| head`), which ends the command
quietly as other Unix tools do. A user sees one line per error, never a traceback, unless they
ask for it with --debug; every line is made safe for the terminal first, since messages echo
paths and titles.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from typing import NoReturn

from tui_recsys import __version__, output, paths, startup
from tui_recsys.engine.base import BuildContext
from tui_recsys.engine.content import ContentBy
from tui_recsys.engine.demographic import ChartFilter, parse_years
from tui_recsys.engine.engine import Engine, Strategy
from tui_recsys.engine.store import Store
from tui_recsys.errors import Cancelled, RecsysError
from tui_recsys.text import ECHO_LIMIT, clean, echo, shorten

INTERRUPTED, TERMINATED, BROKEN_PIPE = 130, 143, 141
_LONG_QUOTE = re.compile(f"'([^']{{{ECHO_LIMIT + 1},}})'")


class Terminated(BaseException):
    """SIGTERM, raised where the program is so that every cleanup on the way out runs."""


def _terminated(_signal: int, _frame: object) -> None:
    raise Terminated


def say(message: str) -> None:
    """One line of commentary on stderr, safe for the terminal."""
    print(f"tui-recsys: {clean(message)}", file=sys.stderr)


class Parser(argparse.ArgumentParser):
    """argparse, with its usage errors' echoes of long values cut to a readable length."""

    def error(self, message: str) -> NoReturn:
        super().error(clean(_LONG_QUOTE.sub(lambda m: repr(shorten(m.group(1))), message)))


BUILD_GROUPS = {
    "demographic": [Strategy.DEMOGRAPHIC],
    "content": [Strategy.OVERVIEW, Strategy.METADATA],
    "overview": [Strategy.OVERVIEW],
    "metadata": [Strategy.METADATA],
    "collaborative": [Strategy.COLLABORATIVE],
}


def _folder(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path; name a folder, or leave the option out")
    return text


def _common(suppress: bool) -> argparse.ArgumentParser:
    """Options every command takes, before or after its name."""
    default = argparse.SUPPRESS if suppress else None
    common = Parser(add_help=False)
    common.add_argument("--data", metavar="DIR", default=default, type=_folder,
                        help="local data folder (default: $TUI_RECSYS_DATA, else the Hub)")
    common.add_argument("--cache-dir", metavar="DIR", default=default, type=_folder,
                        help="cache folder (default: $TUI_RECSYS_CACHE_DIR, else the "
                             "platform cache)")
    common.add_argument("--debug", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="show tracebacks")
    return common


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{echo(text)} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    sub_common = _common(suppress=True)
    parser = Parser(
        prog="tui-recsys", parents=[_common(suppress=False)],
        description="Explore movie recommendations. With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"tui-recsys {__version__}")
    parser.add_argument("--theme", choices=["dark", "light"], help="the app's colours")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    recommend = commands.add_parser("recommend", parents=[sub_common],
                                    help="print recommendations")
    strategies = recommend.add_subparsers(dest="strategy", metavar="STRATEGY", required=True)
    demographic = strategies.add_parser("demographic", parents=[sub_common],
                                        help="the weighted-rating chart")
    demographic.add_argument("-k", type=_positive, default=10, help="how many (default 10)")
    demographic.add_argument("--genre", help="only this genre, e.g. Drama")
    demographic.add_argument("--years", help="a range such as 1990-1999, 1990- or 1994")
    demographic.add_argument("--json", action="store_true", help="print JSON")
    similar = strategies.add_parser("content", parents=[sub_common],
                                    help="movies like a given one")
    which = similar.add_mutually_exclusive_group(required=True)
    which.add_argument("--movie", metavar="TITLE", help="a TMDB title (any case)")
    which.add_argument("--movie-id", type=int, metavar="ID", help="a TMDB id")
    similar.add_argument("--by", choices=[b.value for b in ContentBy], default="overview",
                         help="overview (TF-IDF) or metadata (cast, crew, keywords, genres)")
    similar.add_argument("-k", type=_positive, default=5, help="how many (default 5)")
    similar.add_argument("--json", action="store_true", help="print JSON")
    personal = strategies.add_parser("collaborative", parents=[sub_common],
                                     help="top picks for a MovieLens user")
    personal.add_argument("--user", type=int, required=True, help="a MovieLens user id")
    personal.add_argument("-k", type=_positive, default=10, help="how many (default 10)")
    personal.add_argument("--json", action="store_true", help="print JSON")

    build = commands.add_parser("build", parents=[sub_common],
                                help="build and cache recommenders ahead of time")
    build.add_argument("strategies", nargs="*", metavar="STRATEGY", choices=[*BUILD_GROUPS, []],
                       help=f"any of {', '.join(BUILD_GROUPS)} (default: all)")

    evaluate = commands.add_parser("evaluate", parents=[sub_common],
                                   help="measure the collaborative model on held-out ratings")
    evaluate.add_argument("--json", action="store_true", help="print JSON")

    cache = commands.add_parser("cache", parents=[sub_common], help="inspect or clear the cache")
    cache.add_argument("action", choices=["info", "clear"])
    return parser


def make_engine(args: argparse.Namespace) -> Engine:
    return Engine(Store(paths.cache_dir(args.cache_dir)), paths.data_dir(args.data))


def _print_json_or_table(items: list, as_json: bool) -> None:
    print(output.recommendations_json(items) if as_json else output.recommendations_table(items))


def run_recommend(args: argparse.Namespace, engine: Engine) -> None:
    ctx = BuildContext(progress=output.ProgressPrinter(lines=False))
    if args.strategy == "demographic":
        chart_filter = ChartFilter(args.genre, parse_years(args.years) if args.years else
                                   (None, None))
        _print_json_or_table(engine.chart(args.k, chart_filter, ctx), args.json)
    elif args.strategy == "content":
        engine.catalog(ctx)
        choice = (engine.movie_by_id(args.movie_id) if args.movie_id is not None
                  else engine.find_movie(args.movie))
        print(choice.note or f"movies like {choice.title} ({choice.year or 'no year'}, "
                             f"TMDB id {choice.movie_id}), by {args.by}:", file=sys.stderr)
        similar = engine.similar(choice.movie_id, ContentBy(args.by), args.k, ctx)
        if not similar:
            print(f"no other movie shares any {args.by} term with {choice.title}",
                  file=sys.stderr)
        _print_json_or_table(similar, args.json)
    else:
        picks = engine.picks(args.user, args.k, ctx)
        if args.json:
            print(output.recommendations_json(picks.picks))
            return
        print(f"User {picks.user_id} rated highest:")
        print(output.recommendations_table(picks.favourites))
        print(f"\nTop {len(picks.picks)} picks for user {picks.user_id}:")
        print(output.recommendations_table(picks.picks))


def run_build(args: argparse.Namespace, engine: Engine) -> None:
    chosen = args.strategies or list(BUILD_GROUPS)
    strategies = list(dict.fromkeys(s for group in chosen for s in BUILD_GROUPS[group]))
    for strategy in strategies:
        progress = output.ProgressPrinter()
        ready = engine.is_ready(strategy)
        watch = output.Stopwatch()
        engine.prepare(strategy, BuildContext(progress=progress))
        progress.done(f"{strategy}: " + ("ready (cached)" if ready else f"built in {watch}"))
    engine.browser()  # the app's searchable lists: its next start is warm too


def run_cache(args: argparse.Namespace, engine: Engine) -> None:
    store = engine.store
    if args.action == "clear":
        cleared = store.clear()
        print(f"removed {cleared.removed} cache entries from {store.root}")
        if cleared.skipped:
            names = ", ".join(shorten(name, 40) for name in cleared.skipped[:5])
            more = f" and {len(cleared.skipped) - 5} more" if len(cleared.skipped) > 5 else ""
            say(f"left {len(cleared.skipped)} item(s) that tui-recsys did not write: "
                f"{names}{more}")
        return
    entries = store.entries()
    print(f"cache folder: {store.root}")
    if not entries:
        print("(empty)")
        return
    rows = [(entry.name, f"{entry.bytes / 1e6:.1f} MB",
             time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.created)),
             str(entry.meta.get("data", ""))[:12]) for entry in entries]
    print(output.table(("entry", "size", "created", "data"), rows, right=(1,)))
    print(f"total {sum(e.bytes for e in entries) / 1e6:.1f} MB in {len(entries)} entries")


def run_default(args: argparse.Namespace, engine: Engine) -> int:
    from tui_recsys.app.main import RecsysApp

    app = RecsysApp(engine, theme=args.theme, debug=args.debug)
    app.run()
    if app.crash is not None:
        say(app.crash)
    elif app.return_code == INTERRUPTED:
        say("interrupted")
    return app.return_code or 0


def run_evaluate(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.engine.evaluation import evaluate, report_text

    report = evaluate(engine, BuildContext(progress=output.ProgressPrinter(lines=False)))
    print(report.as_json() if args.json else report_text(report))


COMMANDS: dict[str | None, Callable[[argparse.Namespace, Engine], int | None]] = {
    None: run_default,
    "recommend": run_recommend,
    "build": run_build,
    "evaluate": run_evaluate,
    "cache": run_cache,
}


def _quiet_stdout() -> None:
    """The reader of stdout is gone: point stdout at /dev/null, so that nothing more is
    written and Python's flush at exit does not complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminated)
    args = build_parser().parse_args(argv)
    if args.command is not None:
        startup.resume()  # the app resumes it once its lists are loaded
    engine: Engine | None = None
    try:
        engine = make_engine(args)
        return COMMANDS[args.command](args, engine) or 0
    except RecsysError as exc:
        say(str(exc))
        if args.debug:
            traceback.print_exc()
        return exc.exit_code
    except BrokenPipeError:
        _quiet_stdout()
        return BROKEN_PIPE
    except (KeyboardInterrupt, Cancelled):
        print(file=sys.stderr)
        say("interrupted")
        return INTERRUPTED
    except Terminated:
        say("terminated")
        return TERMINATED
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        say(f"unexpected error: {type(exc).__name__}: {shorten(str(exc), 200)} "
            f"(rerun with --debug for details)")
        return 1
    finally:
        for warning in engine.warnings if engine is not None else ():
            say(f"warning: {warning}")
