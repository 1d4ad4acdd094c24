"""The command line: the app by default, and every recommendation headless for scripts.

One rule for output: data on stdout (a table or JSON), commentary on stderr (headings, notes,
progress, warnings), so `tui-recsys recommend ... | sort` sorts only answers. Exit codes: 0
success, 2 bad input or usage, 1 anything else, 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM), 141 when the reader of stdout went away (`| head`), which ends the command quietly
as other Unix tools do. A user sees one line per error, never a traceback, unless they ask for
it with --debug; every line is made safe for the terminal first, since messages echo paths and
titles.

The parser is built from the strategies' declarations alone; the engine, pandas and the rest
are imported only once a command runs, so `--help` and usage errors answer at once.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NoReturn

from tui_recsys import __version__, collector, paths, profile_commands
from tui_recsys.engine.settings import ChartFilter, parse_years
from tui_recsys.engine.strategies import KINDS
from tui_recsys.engine.strategies.base import Ask, Need, Strategy
from tui_recsys.errors import (
    BROKEN_PIPE,
    INTERRUPTED,
    TERMINATED,
    Cancelled,
    RecsysError,
    UsageError,
)
from tui_recsys.text import ECHO_LIMIT, clean, echo, plural, shorten

if TYPE_CHECKING:
    from tui_recsys.engine.base import BuildContext
    from tui_recsys.engine.engine import Engine

CONTENT = "content"  # `recommend content --by NAME`: one command for the movie-to-movie kinds
ALL = "all"
_LONG_QUOTE = re.compile(f"'([^']{{{ECHO_LIMIT + 1},}})'")
_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")
EXAMPLES = """examples:
  tui-recsys --data ../shared/data                 the app, on a local copy of the data
  tui-recsys recommend chart --genre Sci-Fi --years 1990-1999
  tui-recsys recommend story --movie godfather     (a title: exact, else the best match)
  tui-recsys recommend cast --tmdb-id 19995 --json
  tui-recsys recommend for-user --user 42
  tui-recsys rate "Alien (1979)" 4.5               rate a movie (your profile)
  tui-recsys profile import ratings.csv            your IMDb, Letterboxd or MovieLens ratings
  tui-recsys recommend for-you                     picks from your ratings
  tui-recsys build                                 build and cache every model ahead of time
  tui-recsys evaluate                              the collaborative model against baselines
  tui-recsys cache info                            what the cache holds, and where
"""
MOVIE_KINDS = [kind for kind in KINDS if kind.needs is Need.MOVIE]
K = 10  # how many recommendations, unless -k says
RENAMED = {alias: kind.name for kind in KINDS for alias in kind.aliases}


class Terminated(BaseException):
    """SIGTERM, raised where the program is so that every cleanup on the way out runs."""


def _terminated(_signal: int, _frame: object) -> None:
    raise Terminated


def say(message: str) -> None:
    """One line of commentary on stderr, safe for the terminal."""
    print(f"tui-recsys: {clean(message)}", file=sys.stderr)


def _did_you_mean(message: str) -> str:
    match = _INVALID_CHOICE.search(message)
    if match is None:
        return message
    choices = re.findall(r"'([^']*)'", match.group(2))
    close = difflib.get_close_matches(match.group(1), choices, n=2, cutoff=0.4)
    close = close or [c for c in choices if c.startswith(match.group(1)[:3])][:2]
    return f"{message}; did you mean {' or '.join(close)}?" if close else message


class Parser(argparse.ArgumentParser):
    """argparse, with long echoed values cut and "did you mean" after an unknown choice."""

    def error(self, message: str) -> NoReturn:
        message = _LONG_QUOTE.sub(lambda m: repr(shorten(m.group(1))), message)
        super().error(clean(_did_you_mean(message)))


def _folder(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path; name a folder, or leave the option out")
    return text


def _title(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty title; name a movie")
    return text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{echo(text)} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def _common(suppress: bool) -> argparse.ArgumentParser:
    """Options every command takes, before or after its name."""
    default = argparse.SUPPRESS if suppress else None
    common = Parser(add_help=False)
    common.add_argument("--data", metavar="DIR", default=default, type=_folder,
                        help="local data folder (default: $TUI_RECSYS_DATA, else the Hub)")
    common.add_argument("--cache-dir", metavar="DIR", default=default, type=_folder,
                        help="cache folder (default: $TUI_RECSYS_CACHE_DIR, else the "
                             "platform cache)")
    common.add_argument("--profile", metavar="FILE", default=default,
                        help="your ratings (default: $TUI_RECSYS_PROFILE, else profile.csv in "
                             "the platform's user-data folder)")
    common.add_argument("--debug", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="show tracebacks")
    return common


def _add_questions(parser: argparse.ArgumentParser, needs: Need, filterable: bool) -> None:
    """The options a kind of strategy is asked with."""
    if needs.movie:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--movie", metavar="TITLE", type=_title,
                           help="a title of either catalogue: exact in any case, else the "
                                "best match")
        which.add_argument("--tmdb-id", type=int, metavar="ID", help="a TMDB id")
        which.add_argument("--movielens-id", type=int, metavar="ID", help="a MovieLens id")
        which.add_argument("--movie-id", type=int, metavar="ID", help=argparse.SUPPRESS)  # old
    elif needs is Need.USER:
        parser.add_argument("--user", type=int, required=True, help="a MovieLens user id")
    if filterable:
        parser.add_argument("--genre", help="only this genre (TMDB or MovieLens name, e.g. "
                                            "Drama, Sci-Fi)")
        parser.add_argument("--years", help="a range such as 1990-1999, 1990- or 1994")
    parser.add_argument("-k", type=_positive, default=K, help=f"how many (default {K})")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _add_recommend(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    recommend = commands.add_parser("recommend", parents=[common], help="print recommendations",
                                    description="Print one strategy's recommendations.")
    strategies = recommend.add_subparsers(dest="strategy", metavar="STRATEGY", required=True)
    for kind in KINDS:
        parser = strategies.add_parser(kind.name, parents=[common], help=kind.summary)
        _add_questions(parser, kind.needs, kind.filterable)
    content = strategies.add_parser(CONTENT, parents=[common],
                                    help=f"movies like a given one (--by "
                                         f"{' or '.join(k.name for k in MOVIE_KINDS)})")
    content.add_argument("--by", choices=[kind.name for kind in MOVIE_KINDS],
                         default=MOVIE_KINDS[0].name,
                         help=", ".join(f"{k.name}: {k.summary}" for k in MOVIE_KINDS))
    _add_questions(content, Need.MOVIE, False)


def build_parser() -> argparse.ArgumentParser:
    sub_common = _common(suppress=True)
    parser = Parser(
        prog="tui-recsys", parents=[_common(suppress=False)], epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Explore movie recommendations. With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"tui-recsys {__version__}")
    parser.add_argument("--theme", choices=["dark", "light"], help="the app's colours")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_recommend(commands, sub_common)

    names = [kind.name for kind in KINDS]
    build = commands.add_parser("build", parents=[sub_common],
                                help="build and cache recommenders ahead of time")
    build.add_argument("strategies", nargs="*", metavar="STRATEGY",
                       help=f"any of {', '.join([*names, CONTENT])} (default: {ALL})")

    profile_commands.add_commands(commands, sub_common)

    evaluate = commands.add_parser("evaluate", parents=[sub_common],
                                   help="measure the collaborative model on held-out ratings")
    evaluate.add_argument("--json", action="store_true", help="print JSON")

    cache = commands.add_parser("cache", parents=[sub_common], help="inspect or clear the cache")
    actions = cache.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("info", parents=[sub_common],
                       help="list the cached entries, their sizes and the folder")
    actions.add_parser("clear", parents=[sub_common],
                       help="remove every entry the cache wrote (nothing else)")
    return parser


def make_engine(args: argparse.Namespace) -> Engine:
    from tui_recsys.engine.engine import Engine
    from tui_recsys.engine.store import Store

    return Engine(Store(paths.cache_dir(args.cache_dir)), paths.data_dir(args.data))


def _ask(args: argparse.Namespace, strategy: Strategy, engine: Engine,
         ctx: BuildContext) -> Ask:
    """What the options ask `strategy`; a movie title is resolved here and said on stderr."""
    why = engine.unavailable(strategy)
    if why is not None:  # before its question: no title is looked up in a catalogue not there
        raise UsageError(why)
    ask = Ask(k=args.k)
    if strategy.needs.movie:
        engine.index(ctx)  # read (or built) with its progress shown
        rated = strategy.needs is Need.RATED_MOVIE
        if args.movie_id is not None:  # meant the id of the catalogue the strategy compares in
            now = "--movielens-id" if rated else "--tmdb-id"
            say(f"--movie-id is now {now}")
            args.movielens_id, args.tmdb_id = ((args.movie_id, None) if rated
                                               else (None, args.movie_id))
        if args.movie is None:
            choice = engine.movie_by_id(strategy.needs, tmdb_id=args.tmdb_id,
                                        movielens_id=args.movielens_id)
        else:
            choice = (engine.find_rated_movie if rated else engine.find_movie)(args.movie)
        say(choice.note or f"{strategy.name}: like {choice.title} "
                           f"({choice.year or 'no year'}, {strategy.needs.catalogue} id "
                           f"{choice.movie_id}):")
        ask = replace(ask, **{"movielens_id" if rated else "movie_id": choice.movie_id})
    elif strategy.needs is Need.USER:
        ask = replace(ask, user_id=args.user)
    elif strategy.needs is Need.PROFILE:
        from tui_recsys.data.profile import load_profile

        profile = load_profile(paths.profile_path(args.profile))
        say(f"for you, from your {len(profile)} ratings in {profile.path}:")
        ask = replace(ask, ratings=tuple(profile.ratings.values()))
    if strategy.filterable:
        years = parse_years(args.years) if args.years else (None, None)
        ask = replace(ask, chart_filter=ChartFilter(args.genre, years))
    return ask


def run_recommend(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys import output
    from tui_recsys.engine.base import BuildContext

    strategy = engine.strategy(args.by if args.strategy == CONTENT else args.strategy)
    ctx = BuildContext(progress=output.ProgressPrinter(lines=False))
    answer = engine.recommend(strategy, _ask(args, strategy, engine, ctx), ctx)
    if answer.note:
        say(answer.note)
    if args.json:
        print(output.recommendations_json(answer.items))
        return
    if answer.favourites:
        say(f"{answer.favourites_title}:")
        print(output.recommendations_table(answer.favourites), file=sys.stderr)
        say(f"top {len(answer.items)} picks:")
    print(output.recommendations_table(answer.items))


def run_build(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys import output
    from tui_recsys.engine.base import BuildContext

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


def run_cache(args: argparse.Namespace, engine: Engine) -> None:
    import time

    from tui_recsys import output

    store = engine.store
    if args.action == "clear":
        cleared = store.clear()
        say(f"removed {plural(cleared.removed, 'cache entry', 'cache entries')} from "
            f"{store.root}")
        if cleared.skipped:
            names = ", ".join(shorten(name, 40) for name in cleared.skipped[:5])
            more = f" and {len(cleared.skipped) - 5} more" if len(cleared.skipped) > 5 else ""
            say(f"left {len(cleared.skipped)} item(s) that tui-recsys did not write: "
                f"{names}{more}")
        if cleared.failed:
            raise RecsysError(f"could not remove {plural(cleared.failed, 'entry', 'entries')}; "
                              f"make {store.root} writable and clear again")
        return
    entries = store.entries()
    say(f"cache folder: {store.root}")
    if not entries:
        say("the cache is empty")
        return
    rows = [(entry.name, f"{entry.bytes / 1e6:.1f} MB",
             time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.created)),
             str(entry.meta.get("data", ""))[:12]) for entry in entries]
    print(output.table(("entry", "size", "created", "data"), rows, right=(1,)))
    say(f"total {sum(e.bytes for e in entries) / 1e6:.1f} MB in {len(entries)} entries")


def run_default(args: argparse.Namespace, engine: Engine) -> int:
    from tui_recsys.app.main import RecsysApp

    app = RecsysApp(engine, theme=args.theme, debug=args.debug,
                    profile=paths.profile_path(args.profile))
    app.run()
    if app.crash is not None:
        say(app.crash)
    elif app.return_code == INTERRUPTED:
        say("interrupted")
    return app.return_code or 0


def run_evaluate(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys import output
    from tui_recsys.engine.base import BuildContext
    from tui_recsys.engine.evaluation import evaluate, report_text

    report = evaluate(engine, BuildContext(progress=output.ProgressPrinter()))
    print(report.as_json() if args.json else report_text(report))


COMMANDS: dict[str | None, Callable[[argparse.Namespace, Engine], int | None]] = {
    None: run_default,
    "recommend": run_recommend,
    "build": run_build,
    "evaluate": run_evaluate,
    "cache": run_cache,
    "rate": lambda args, engine: profile_commands.run_rate(args, engine, say),
    "profile": lambda args, engine: profile_commands.run_profile(args, engine, say),
}


def _quiet_stdout() -> None:
    """The reader of stdout is gone: point stdout at /dev/null, so that nothing more is
    written and Python's flush at exit does not complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def current_names(argv: Sequence[str]) -> list[str]:
    """The command line with the strategies' old names (demographic, overview, ...) replaced
    where a strategy is named (after `recommend`, `build` and `--by`), each said on stderr."""
    words = list(argv)
    command: str | None = None  # recommend or build, once seen
    for at, word in enumerate(words):
        before = words[at - 1] if at else ""
        option, _, value = word.partition("=")
        if option == "--by" and value in RENAMED:
            words[at] = f"--by={_renamed(value)}"
        elif word in RENAMED and (before == "--by" or (
                command is not None and not before.startswith("-") and before not in RENAMED
                and (command == "build" or before == "recommend"))):
            words[at] = _renamed(word)
        if command is None and word in ("recommend", "build"):
            command = word
    return words


def _renamed(old: str) -> str:
    say(f"{old!r} is now called {RENAMED[old]!r}")
    return RENAMED[old]


def main(argv: Sequence[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminated)
    try:  # parsing imports too (gettext, locale): Ctrl-C there is the same one line
        args = build_parser().parse_args(current_names(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        print(file=sys.stderr)
        say("interrupted")
        return INTERRUPTED
    if args.command is not None:
        collector.resume()  # the app resumes it once its lists are loaded
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
