"""The command line: the app by default, and every recommendation headless for scripts.

One rule for output: data on stdout (a table or JSON), commentary on stderr (headings, notes,
progress, warnings), so `tui-recsys recommend ... | sort` sorts only answers. Exit codes: 0
success, 2 bad input or usage, 1 anything else, 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM), 141 when the reader of stdout went away (`| head`), which ends the command quietly
as other Unix tools do. A user sees one line per error, never a traceback, unless they ask for
it with --debug; every line is made safe for the terminal first, since messages echo paths and
titles.

Each group of commands is a module here (recommend, build, cache, evaluate, profile) that adds
its parsers and runs them. The parser is built from the strategies' declarations alone; the
engine, pandas and the rest are imported only once a command runs, so `--help` and usage errors
answer at once.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from tui_recsys import __version__, collector, paths
from tui_recsys.cli import (
    build,
    cache,
    completion,
    evaluate,
    imports,
    marks,
    output,
    profile,
    quick_start,
    recommend,
    search,
)
from tui_recsys.cli.examples import examples
from tui_recsys.cli.output import say
from tui_recsys.cli.parsing import Parser, common_options, current_names
from tui_recsys.data.settings_file import DISCOVERY, THEME
from tui_recsys.errors import (
    BROKEN_PIPE,
    INTERRUPTED,
    TERMINATED,
    Cancelled,
    RecsysError,
    UsageError,
)
from tui_recsys.text import clean, listed, shorten

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine

class Terminated(BaseException):
    """SIGTERM, raised where the program is so that every cleanup on the way out runs."""


def _terminated(_signal: int, _frame: object) -> None:
    raise Terminated


def build_parser() -> argparse.ArgumentParser:
    """Every command's parser, each group adding its own."""
    sub_common = common_options(suppress=True)
    parser = Parser(
        prog="tui-recsys", parents=[common_options(suppress=False)],
        epilog=examples("tui-recsys"),
        description="Explore movie recommendations. With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"tui-recsys {__version__}")
    parser.add_argument("--theme", metavar="NAME", help="the app's colours: dark, light, or "
                        "any other its palette offers (ctrl+p, then \"theme\"), such as nord; "
                        "default: the one chosen there last")
    parser.add_argument("--friend", action="append", default=[], metavar="FILE",
                        help="a friend's ratings (a file `profile export` wrote, their "
                             "Letterboxd or IMDb ratings export, or their whole Letterboxd "
                             "export, zip or folder): in the app's Users list, for their picks "
                             "and movie night; once for each friend. To keep one for every "
                             "start, put their file in the friends folder beside your "
                             "profile (`tui-recsys profile` says where that is)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.add_commands(commands, sub_common)
    helping = commands.add_parser("help", help="this help, or a command's (help recommend "
                                               "for-you)")
    helping.add_argument("topic", nargs="*", metavar="COMMAND", help="a command, and its own")
    return parser


def _help(parser: argparse.ArgumentParser, topic: Sequence[str]) -> str:
    """`tui-recsys help recommend for-you`: what `tui-recsys recommend for-you --help` says;
    a word that is no command there is a usage error naming the ones there are."""
    for word in topic:
        commands = next((action.choices for action in parser._actions
                         if isinstance(action, argparse._SubParsersAction)), None)
        if not commands or word not in commands:
            there = f"; choose one of {', '.join(commands)}" if commands else ""
            raise UsageError(f"no command {word!r} in {parser.prog}{there}")
        parser = commands[word]
    return parser.format_help()


def make_engine(args: argparse.Namespace) -> Engine:
    from tui_recsys.engine.cache.store import Store
    from tui_recsys.engine.engine import Engine

    return Engine(Store(paths.cache_dir(args.cache_dir)), paths.data_dir(args.data))


def has_terminal() -> bool:
    """Whether the app can run here: Textual reads keys from stdin and draws on stderr, and
    without a terminal on both it would draw into a file and wait for keys for ever."""
    return bool(sys.__stdin__ and sys.__stdin__.isatty()
                and sys.__stderr__ and sys.__stderr__.isatty())


def run_app(args: argparse.Namespace, engine: Engine) -> int:
    from tui_recsys.app.friends import Friends
    from tui_recsys.app.recsys_app import RecsysApp
    from tui_recsys.app.themes import theme_named
    from tui_recsys.data.guest_profiles import kept_friends, others
    from tui_recsys.engine.build_context import BuildContext

    remembered, notices = _remembered()
    theme = theme_named(args.theme) if args.theme else remembered[THEME]
    yours = paths.profile_path(args.profile)
    named, own = others([paths.expand(path, "a friend's ratings") for path in args.friend],
                        yours)
    if own is not None:
        raise UsageError(f"--friend {clean(str(own))} is your own profile, which leads the "
                         f"Users list as You; name a friend's file")
    kept, said = kept_friends(paths.friends_folder(args.profile))
    files = others(named + kept, yours)[0]  # one kept and named: once; yours kept: You
    notices += said
    if files:
        # A friend's export is matched to the catalogue's lists, so they are read before the
        # app takes the screen (the app then has them at once), with their progress where a
        # first run builds them (ml-32m's: a minute, which passed without a word).
        progress = output.ProgressPrinter(lines=False)
        engine.index(BuildContext(progress=progress))
        progress.clear()
    friends = Friends(files, engine, paths.friends_folder(args.profile))
    notices += friends.check([path for path in files if path not in named])
    if not has_terminal():
        raise UsageError("the app needs a terminal on stdin and stderr; run it in one, or "
                         "use a command (tui-recsys --help lists them)")
    app = RecsysApp(engine, theme=theme, debug=args.debug,
                    profile=paths.profile_path(args.profile), friends=friends, notices=notices,
                    discovery=remembered[DISCOVERY])
    opened = {THEME: app.theme, DISCOVERY: app.main.query_now.discovery}
    app.run()
    now = {THEME: app.theme, DISCOVERY: app.main.query_now.discovery}
    _remember({key: value for key, value in now.items() if value != opened[key]})
    if app.crash is not None:
        say(app.crash)
    elif app.return_code == INTERRUPTED:
        say("interrupted")
    return app.return_code or 0


REMEMBERED = {THEME: "the theme", DISCOVERY: "the discovery setting"}  # what each is, said


def _remembered() -> tuple[dict[str, Any], list[str]]:
    """The theme chosen last in the app's palette and the discovery setting chosen last
    (`THEME`, `DISCOVERY`), and what to say in the app of one that cannot be read (its
    default instead, the other kept); the app says a theme it lacks."""
    from tui_recsys.data.settings_file import discovery_in, read_settings, theme_in

    path = paths.settings_path()
    remembered: dict[str, Any] = {THEME: None, DISCOVERY: 0.0}
    try:
        settings = read_settings(path)
    except RecsysError as exc:
        return remembered, [str(exc)]
    notices = []
    for key, read in ((THEME, theme_in), (DISCOVERY, discovery_in)):
        try:
            remembered[key] = read(settings, path) or remembered[key]
        except RecsysError as exc:
            notices.append(str(exc))
    return remembered, notices


def _remember(changed: dict[str, object]) -> None:
    """What was chosen in the app this run, for the next start to open in."""
    from tui_recsys.data.settings_file import save_settings

    if not changed:
        return
    try:
        save_settings(paths.settings_path(), changed)
    except RecsysError as exc:
        said = listed([REMEMBERED[key] for key in changed])
        say(f"warning: {said} {'is' if len(changed) == 1 else 'are'} not remembered: {exc}")


GROUPS = (recommend, search, quick_start, build, profile, marks, imports, evaluate,
          cache, completion)  # --help's order
COMMANDS: dict[str | None, Callable[[argparse.Namespace, Engine], int | None]] = {
    None: run_app, "recommend": recommend.run, "build": build.run, "evaluate": evaluate.run,
    "cache": cache.run, "rate": profile.run_rate, "profile": profile.run_profile,
    "watchlist": marks.run_watchlist, "seen": marks.run_seen, "hide": marks.run_hide,
    "unhide": marks.run_unhide, "import": imports.run, "quick-start": quick_start.run,
    "search": search.run, "find": search.run}


def _quiet_stdout() -> None:
    """The reader of stdout is gone: point stdout at /dev/null, so that nothing more is
    written and Python's flush at exit does not complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminated)
    if "_ARGCOMPLETE" in os.environ:  # a shell's TAB (`completion`): answered, and exit
        completion.complete(build_parser(), make_engine)
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
        if args.command == "help":  # before the engine, which would make the cache folder
            output.write_stdout(_help(build_parser(), args.topic))
            return 0
        if args.command == "completion":
            output.write_stdout(completion.script(args.shell))
            return 0
        if args.command is not None and args.friend:
            raise UsageError("--friend before a command is for the app; on the command line, "
                             "`recommend together --friend FILE` (after it) brings a friend, "
                             "and `--profile FILE recommend for-you` lists their picks")
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
