"""What `--help` says of each command: what it does, how it is typed, at 80 columns."""

import argparse
import shlex
from collections.abc import Iterator

import pytest

from tui_recsys.cli.examples import EXAMPLES
from tui_recsys.cli.main import build_parser, main


def _commands(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in dict.fromkeys(action.choices.values()):  # an alias is the same
                yield command
                yield from _commands(command)


def test_every_command_says_what_it_does_in_80_columns(monkeypatch: pytest.MonkeyPatch):
    """`recommend together --help`, `seen --help` and most others opened on their usage:
    what the command did was said only in the list one level up."""
    monkeypatch.setenv("COLUMNS", "80")
    parser = build_parser()
    commands = [parser, *_commands(parser)]
    assert len(commands) > 30
    for command in commands:
        assert command.description, command.prog
        text = command.format_help()
        assert max(len(line) for line in text.splitlines()) <= 80, command.prog


def test_a_command_ends_with_its_own_examples(capsys):
    with pytest.raises(SystemExit):
        main(["recommend", "together", "--help"])
    out = capsys.readouterr().out
    assert "One list for a movie night, that nobody in the group would dislike." in out
    shown = out.split("examples:\n")[1].splitlines()
    commands = [line.strip() for line in shown if line.strip().startswith("tui-recsys")]
    assert commands and all(line.startswith("tui-recsys recommend together ")
                            for line in commands)
    assert any("--friend sam --group-by average" in line for line in commands)
    with pytest.raises(SystemExit):
        main(["--help"])  # the program's own: one of each kind, not all of them
    out = capsys.readouterr().out
    assert "tui-recsys recommend for-user --user 42" in out and "--group-by average" not in out


@pytest.mark.parametrize("example", [example[0] for example in EXAMPLES])
def test_every_example_is_a_command_as_typed(example: str):
    """An example that no longer parses would teach a mistake."""
    words = shlex.split(example)
    assert words[0] == "tui-recsys"
    build_parser().parse_args(words[1:])
