"""What every command's parser shares: argparse with one-line errors and "did you mean", the
options every command takes, the checks of a value's form, and the strategies' old names."""

from __future__ import annotations

import argparse
import difflib
import re
import shlex
import textwrap
from collections.abc import Callable, Iterator, Sequence
from typing import NoReturn, TypeVar

from tui_recsys.cli.examples import examples
from tui_recsys.cli.output import say
from tui_recsys.data import days
from tui_recsys.engine.strategies import STRATEGIES
from tui_recsys.errors import DataError
from tui_recsys.text import ECHO_LIMIT, clean, echo, shorten

_LONG_QUOTE = re.compile(f"'([^']{{{ECHO_LIMIT + 1},}})'")


_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")


Read = TypeVar("Read")
K = 10  # how many recommendations, unless -k says
SHOW = ("show", "list")  # the action that lists, as people type it ("watchlist list")


RENAMED = {alias: strategy.name for strategy in STRATEGIES for alias in strategy.aliases}


# Commands people type for one there is under another name, and how that is said here.
_TAKE_OFF = "to take a movie off"
_SAID_ELSEWHERE = {
    "unrate": (_TAKE_OFF, "rate TITLE --remove"), "unsee": (_TAKE_OFF, "seen TITLE --remove"),
    "unseen": (_TAKE_OFF, "seen TITLE --remove"),
    "unwatch": (_TAKE_OFF, "watchlist remove TITLE"),
    "unwatchlist": (_TAKE_OFF, "watchlist remove TITLE"),
    "ratings": ("to list your ratings", "profile"), "rated": ("to list your ratings", "profile"),
    "export": ("to write your ratings", "profile export -o FILE")}


def _did_you_mean(message: str) -> str:
    match = _INVALID_CHOICE.search(message)
    if match is None:
        return message
    if (elsewhere := _SAID_ELSEWHERE.get(match.group(1))) is not None:
        return f"{message}; {elsewhere[0]}, type: tui-recsys {elsewhere[1]}"
    choices = re.findall(r"'([^']*)'", match.group(2))
    close = difflib.get_close_matches(match.group(1), choices, n=2, cutoff=0.4)
    close = close or [c for c in choices if c.startswith(match.group(1)[:3])][:2]
    return f"{message}; did you mean {' or '.join(close)}?" if close else message


def _closest_option(command: argparse.ArgumentParser, typed: str, after: list[str]) -> str:
    """The option someone meant by `typed` (`--jsn`), "" where none is near: first the one
    whose choices hold the value they gave it or the option's own word (`--by average` and
    `--average` are `--group-by average`), then one named with the word (`--by`, the end
    of `--group-by`), then the nearest spelling."""
    name, _, value = typed.partition("=")
    word = name[2:]
    value = value or next((given for given in after if not given.startswith("-")), "")
    options = [(option, action.choices) for action in command._actions
               for option in action.option_strings if option.startswith("--")]
    for option, choices in options:
        if choices and (value in choices or word in choices):
            return f"{option} {value if value in choices else word}"
    named = [option for option, _ in options if word and word in option[2:].split("-")]
    if len(named) == 1:
        return named[0]
    # spelled alike by the words, not the dashes every option shares (--json is not --sort)
    found = difflib.get_close_matches(word, [option[2:] for option, _ in options], n=1)
    return f"--{found[0]}" if found else ""


class Once(argparse._StoreAction):
    """An option that takes one value, refused when given twice: argparse would keep the
    last without a word, and `--user 1 --user 2` would answer for user 2 alone."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        given: dict[str, object] = namespace.__dict__.setdefault("_given_once", {})
        if self.option_strings and self.dest in given:
            raise argparse.ArgumentError(self, f"given twice ({echo(str(given[self.dest]))}, "
                                               f"then {echo(str(values))}); give it once")
        given[self.dest] = values
        super().__call__(parser, namespace, values, option_string)


class _Formatter(argparse.HelpFormatter):
    """argparse's, but a block laid out by hand (headings, each followed by its lines
    indented: the examples) keeps its lines and columns, and a line is never broken inside a
    hyphenated word: "tui-" at a line's end, "recsys" on the next, was one word."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if all(not line or line.startswith("  ") or line.endswith(":")
               for line in text.splitlines()):
            return text
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


class _Commands(argparse._SubParsersAction):
    """A command's own --help opens with what the list of commands says of it, unless it
    says more, and ends with its examples."""

    def add_parser(self, name: str, **kwargs: object) -> argparse.ArgumentParser:
        summary = kwargs.get("help")
        if "description" not in kwargs and isinstance(summary, str):
            kwargs["description"] = f"{summary[0].upper()}{summary[1:]}."
        kwargs.setdefault("epilog", examples(f"{self._prog_prefix} {name}"))
        return super().add_parser(name, **kwargs)


class Parser(argparse.ArgumentParser):
    """argparse, with long echoed values cut and "did you mean" after an unknown choice; a
    command with actions may name one `implied` by a first word that is none of them."""

    def __init__(self, *args: object, implied: str | None = None, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.implied = implied
        self.register("action", None, Once)
        self.register("action", "store", Once)
        self.register("action", "parsers", _Commands)

    def error(self, message: str) -> NoReturn:
        """One line, as every other mistake is said (argparse printed the usage above it)."""
        message = _LONG_QUOTE.sub(lambda m: repr(shorten(m.group(1))), message)
        self.exit(2, f"{self.prog}: {clean(self._choices_of_missing(_did_you_mean(message)))}\n")

    def _choices_of_missing(self, message: str) -> str:
        """`recommend` alone: which commands there are, not only that one is required (and
        `completion` alone, which shells)."""
        if not message.startswith("the following arguments are required: "):
            return message
        for action in self._actions:
            named = action.metavar or action.dest
            if not action.option_strings and action.choices and isinstance(named, str) and (
                    named in message):
                return f"{message}; choose one of {', '.join(action.choices)}"
        return message

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        """As argparse's, but an unknown option is said by the command it was given to,
        with that command's usage (`watchlist show --json`), not by the top level's."""
        if args is not None:
            args = self._with_implied(list(args))
        if args is not None and (misplaced := self._misplaced(list(args))) is not None:
            misplaced[0].error(misplaced[1])
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = self._command_of(parsed)
            close = [found for at, extra in enumerate(extras) if extra.startswith("--") and (
                found := _closest_option(command, extra, extras[at + 1:at + 2]))]
            guess = f"; did you mean {' '.join(close)}?" if close else ""
            command.error(f"unrecognized arguments: {' '.join(extras)}{guess}")
        parsed.__dict__.pop("_given_once", None)
        return parsed

    def _chain(self, argv: list[str]) -> Iterator[
            tuple[argparse.ArgumentParser, argparse.ArgumentParser, int, int]]:
        """The (sub)commands named in `argv`, outermost first: each one's parser, its
        subcommand's, where the words after the command's own name start, and where its
        subcommand's name is."""
        parser, start = self, 0
        while (sub := _subcommands(parser)) is not None:
            at = next((i for i in range(start, len(argv)) if argv[i] in sub.choices), None)
            if at is None:
                return
            inner: argparse.ArgumentParser = sub.choices[argv[at]]
            yield parser, inner, start, at
            parser, start = inner, at + 1

    def _misplaced(self, argv: list[str]) -> tuple[argparse.ArgumentParser, str] | None:
        """Options typed between a command and its subcommand that only the subcommand knows
        (`recommend -k 3 chart`, `profile --since 7d export`): argparse took the option's value
        for the subcommand ("invalid choice: '3'") or offered the option itself ("did you mean
        --json?"). The subcommand's parser, and the line that puts them after it."""
        for parser, inner, start, at in self._chain(argv):
            between = argv[start:at]
            known, theirs = _options(parser), _options(inner)
            stray = [token.partition("=")[0] for token in between if token.startswith("-")]
            if any(name not in known for name in stray) and all(name in theirs
                                                                 for name in stray):
                moved = [*argv[:start], argv[at], *between, *argv[at + 1:]]
                return inner, (f"{' '.join(stray)} goes after {argv[at]}: "
                               f"`tui-recsys {shlex.join(moved)}`")
        return None

    def _with_implied(self, argv: list[str]) -> list[str]:
        """`watchlist Heat` as `watchlist add Heat`, as `seen Heat` and `hide Heat` are said
        (it answered "invalid choice: 'Heat'"): the implied action goes in after its command
        when the first word there is no action, nor near one (`watchlist shwo` is still "did
        you mean show?"), or when an option there is the implied action's alone (`watchlist
        --tmdb-id 78`)."""
        for _, parser, _, at in self._chain(argv):
            start = at + 1
            actions = _subcommands(parser)
            if not isinstance(parser, Parser) or parser.implied is None or actions is None:
                continue
            implied: argparse.ArgumentParser = actions.choices[parser.implied]
            word, options = _first_word((implied, parser), argv[start:])
            own, theirs = _options(parser), _options(implied)
            if (word is None and any(option not in own and option in theirs
                                     for option in options)) or (
                    word is not None and word not in actions.choices
                    and not difflib.get_close_matches(word, actions.choices, cutoff=0.75)):
                return [*argv[:start], parser.implied, *argv[start:]]
            return argv
        return argv

    def _command_of(self, parsed: argparse.Namespace) -> argparse.ArgumentParser:
        """The innermost (sub)command's parser that `parsed` went through."""
        parser: argparse.ArgumentParser = self
        while True:
            inner = next((action.choices[chosen] for action in parser._actions
                          if isinstance(action, argparse._SubParsersAction)
                          and (chosen := getattr(parsed, action.dest, None)) in action.choices),
                         None)
            if inner is None:
                return parser
            parser = inner


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    return next((action for action in parser._actions
                 if isinstance(action, argparse._SubParsersAction)), None)


def _first_word(parsers: tuple[argparse.ArgumentParser, ...],
                argv: list[str]) -> tuple[str | None, list[str]]:
    """The first word of `argv` that is neither an option of `parsers` nor an option's value
    (`watchlist --sort title`: "title" is --sort's), and the options before it."""
    options, at = [], 0
    while at < len(argv) and argv[at].startswith("-") and argv[at] != "-":
        name, equals, _ = argv[at].partition("=")
        options.append(name)
        action = next((parser._option_string_actions[name] for parser in parsers
                       if name in parser._option_string_actions), None)
        at += 1 if equals or action is None or action.nargs == 0 else 2
    return (argv[at] if at < len(argv) else None), options


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {name for action in parser._actions for name in action.option_strings}


def folder(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path; name a folder, or leave the option out")
    return text


def title(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty title; name a movie")
    return text


def person(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError('an empty name; name a person, such as --name '
                                         '"Tom Hanks"')
    return text


def an_id(text: str) -> int:
    """A MovieLens, TMDB or user id: argparse's own words for a bad one are "invalid int
    value"."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{echo(text)} is not an id; ids are whole numbers, "
                                         f"such as 42") from None


def a_day(text: str) -> str:
    """A day (`days.typed_day`: 2026-11-27, yesterday, 7d): what `--since` compares each row's
    day with."""
    return _a_day_argument(days.a_typed_day, text)


def a_watched_day(text: str) -> int:
    """The moment kept for a film watched on that day (`days.watched_on`): `--on`."""
    return _a_day_argument(days.watched_on, text)


def _a_day_argument(read: Callable[[str], Read], text: str) -> Read:
    """`read(text)`, its DataError said as argparse says a value's; the first word of a day of
    several, unquoted (`--on last friday` gives "last"), is told how the shell takes one."""
    if text.strip().casefold() in ("last", "a") or text.strip().isdigit():
        raise argparse.ArgumentTypeError(f'{echo(text)} is not a day; quote a day of several '
                                         f'words: "last friday", "3 days ago"')
    try:
        return read(text)
    except DataError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{echo(text)} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def count_option(parser: argparse.ArgumentParser) -> None:
    """How many to list: `-k` as the code says it, `-n` as `head` does."""
    parser.add_argument("-k", "-n", dest="k", metavar="K", type=positive, default=K,
                        help=f"how many (default {K})")


def common_options(suppress: bool, yours: bool = True) -> argparse.ArgumentParser:
    """Options every command takes, before or after its name; without `yours`, no --profile
    (a command whose --profile names other people's files)."""
    default = argparse.SUPPRESS if suppress else None
    common = Parser(add_help=False)
    common.add_argument("--data", metavar="DIR", default=default, type=folder,
                        help="local data folder (default: $TUI_RECSYS_DATA, else the Hub)")
    common.add_argument("--cache-dir", metavar="DIR", default=default, type=folder,
                        help="cache folder (default: $TUI_RECSYS_CACHE_DIR, else the "
                             "platform cache)")
    if yours:
        common.add_argument("--profile", metavar="FILE", default=default,
                            help="your ratings (default: $TUI_RECSYS_PROFILE, else profile.csv "
                                 "in the platform's user-data folder); your watchlist, seen "
                                 "and hidden films are kept beside it")
    common.add_argument("--debug", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="show tracebacks")
    return common


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
