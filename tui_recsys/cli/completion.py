"""Tab completion in bash, zsh and fish, by argcomplete: `tui-recsys completion bash` prints
the script a shell loads once, which asks the command itself at each TAB, so the commands,
options and choices offered are the parser's own and never go stale. Past those, a TAB offers
what the argument names: a film's title or a person's name from the cached catalogue (a TAB
never builds it, nor reaches for the Hub: until the first `tui-recsys build` or start of the
app on a local data folder, none are offered), a film to take off a list from that list, a
friend kept for a movie night, a genre, a genre or TMDB keyword to tune a list by, the app's
discovery settings, a language, a file or a folder; nothing where anything else is asked (a
user's id, stars)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.examples import examples
from tui_recsys.cli.parsing import Once
from tui_recsys.data.languages import CODES
from tui_recsys.data.marks_file import HIDDEN, WATCHLIST, load_marks
from tui_recsys.data.titles import fold
from tui_recsys.errors import RecsysError

if TYPE_CHECKING:
    from tui_recsys.engine.catalog.index import MovieIndex
    from tui_recsys.engine.engine import Engine

SHELLS = ("bash", "zsh", "fish")
LOADED = {  # how each shell loads it, at every start
    "bash": 'in ~/.bashrc: eval "$(tui-recsys completion bash)"',
    "zsh": 'in ~/.zshrc, after compinit: eval "$(tui-recsys completion zsh)"',
    "fish": "tui-recsys completion fish > ~/.config/fish/completions/tui-recsys.fish"}
# The commands whose words name any film of the catalogue, and those that name one of a list.
TITLED = {("rate",), ("seen",), ("hide",), ("watchlist", "add"), ("search",), ("find",),
          ("recommend", "story"), ("recommend", "cast"), ("recommend", "by-ratings"),
          ("recommend", "content")}
NAMED = ("recommend", "person")  # whose words name a director or an actor
LISTED = {("unhide",): HIDDEN, ("watchlist", "remove"): WATCHLIST}
Completer = Callable[..., Iterable[str]]


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    del common  # it reads no data, cache or profile: it prints a script
    loading = "\n".join(f"  {shell:<6} {how}" for shell, how in LOADED.items())
    completion = commands.add_parser(
        "completion", help="tab completion for bash, zsh or fish",
        description="Print the script that makes TAB complete tui-recsys's commands, options "
                    "and choices, and the titles of films and names of people (from the cached "
                    "catalogue of your local data).",
        epilog=f"to load it at each start of your shell:\n{loading}\n\n"
               f"{examples('tui-recsys completion')}")
    completion.add_argument("shell", choices=SHELLS, help="the shell to print it for")


def script(shell: str) -> str:
    """The script that registers the completion in `shell`."""
    import argcomplete

    return argcomplete.shellcode(["tui-recsys"], shell=shell, use_defaults=False)


def complete(parser: argparse.ArgumentParser,
             engine_of: Callable[[argparse.Namespace], Engine]) -> None:
    """Answer the shell's TAB (asked through the environment argcomplete's script sets) and
    exit; nothing is written but the answer. `engine_of`: the engine the options typed name."""
    import argcomplete

    argcomplete.safe_actions.add(Once)  # its value read before the TAB (the title's words)
    _attach(parser, (), _Catalogue(engine_of))
    argcomplete.autocomplete(parser, always_complete_options=False, validator=_begins,
                             default_completer=_nothing)


def _begins(completion: str, typed: str) -> bool:
    """A completion offered for what was typed: it begins so, in any case, or, past the
    options, as searches compare words ("amel" is Amélie)."""
    return completion.casefold().startswith(typed.casefold()) or (
        not typed.startswith("-") and fold(completion).startswith(fold(typed)))


def _attach(parser: argparse.ArgumentParser, path: tuple[str, ...],
            catalogue: _Catalogue) -> None:
    """Each argument's completer, by the command it belongs to and what it names."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, inner in action.choices.items():
                _attach(inner, (*path, name), catalogue)
            continue
        completer = _completer(action, path, catalogue)
        if completer is not None:
            action.completer = completer  # type: ignore[attr-defined]


def _completer(action: argparse.Action, path: tuple[str, ...],
               catalogue: _Catalogue) -> Completer | None:
    import argcomplete.completers as completers

    if action.dest == "words" and path in TITLED:
        return catalogue.titles
    if action.dest == "words" and path == NAMED:
        return catalogue.people
    if action.dest == "words" and path in LISTED:
        kind = LISTED[path]
        return lambda prefix, parsed_args, **_: _of_list(kind, prefix, parsed_args)
    if action.dest == "guests":  # recommend together --friend: a friend kept, or a file
        return lambda prefix, parsed_args, **_: [
            *_as_typed(prefix, _friends(parsed_args)),
            *_shown(prefix, completers.FilesCompleter()(prefix))]
    if action.dest in ("genre", "without_genre"):
        return lambda prefix, parsed_args, **_: _as_typed(prefix, catalogue.genres(parsed_args))
    if action.dest in ("more", "less"):  # a genre or a keyword
        return catalogue.dimensions
    if action.dest == "discovery":  # any from 0 to 1: the app's steps are offered
        return lambda prefix, **_: _as_typed(prefix, _discovery_levels())
    if action.dest == "language":
        return lambda prefix, **_: _as_typed(prefix, sorted(CODES))
    if action.dest == "theme":
        return lambda prefix, **_: _as_typed(prefix, _themes())
    if action.metavar == "DIR":
        return lambda prefix, **_: _shown(prefix, completers.DirectoriesCompleter()(prefix))
    if action.metavar == "FILE" or action.type is Path:
        return lambda prefix, **_: _shown(prefix, completers.FilesCompleter()(prefix))
    return None  # the default, nothing: choices complete themselves


def _nothing(**_: object) -> list[str]:
    return []


class _Catalogue:
    """The cached catalogue's titles, people and genres, for the data folder the options
    name."""

    def __init__(self, engine_of: Callable[[argparse.Namespace], Engine]) -> None:
        self.engine_of = engine_of

    def movies(self, parsed_args: argparse.Namespace) -> MovieIndex | None:
        """The cached catalogue of the data folder named, else None."""
        if paths.data_dir(getattr(parsed_args, "data", None)) is None:
            return None  # the Hub: asking it could take the TAB's whole patience
        try:
            index = self.engine_of(parsed_args).cached_index()
        except (RecsysError, OSError):
            return None
        return None if index is None else index.movies

    def titles(self, prefix: str, parsed_args: argparse.Namespace, **_: object) -> list[str]:
        from tui_recsys.engine.catalog.completing import going_on

        movies = self.movies(parsed_args)
        if movies is None:
            return []
        titles = zip(movies.columns["title"], movies.columns["year"], strict=True)
        return going_on(titles, parsed_args.words or [], prefix)

    def people(self, prefix: str, parsed_args: argparse.Namespace, **_: object) -> list[str]:
        from tui_recsys.engine.catalog.completing import going_on, people

        movies = self.movies(parsed_args)
        if movies is None:
            return []
        return going_on(((name, None) for name in people(movies)), parsed_args.words or [],
                        prefix)

    def genres(self, parsed_args: argparse.Namespace) -> list[str]:
        movies = self.movies(parsed_args)
        return [] if movies is None else movies.all_genres()

    def dimensions(self, prefix: str, parsed_args: argparse.Namespace,
                   **_: object) -> list[str]:
        """The genres and keywords that begin with `prefix`, the most carried first."""
        from tui_recsys.engine.catalog.completing import LIMIT, dimensions

        movies = self.movies(parsed_args)
        return [] if movies is None else _as_typed(prefix, dimensions(movies))[:LIMIT]


def _of_list(kind: str, prefix: str, parsed_args: argparse.Namespace) -> list[str]:
    from tui_recsys.engine.catalog.completing import going_on

    try:
        marks = load_marks(paths.marks_path(getattr(parsed_args, "profile", None)))
    except (RecsysError, OSError):
        return []
    return going_on(((mark.title, mark.year) for mark in marks.of(kind)),
                    parsed_args.words or [], prefix, all_at_first=True)


def _friends(parsed_args: argparse.Namespace) -> list[str]:
    """The names of the friends kept beside your profile, as a movie night names them."""
    from tui_recsys.data.guest_profiles import guest_names, kept_friends

    try:
        folder = paths.friends_beside(paths.profile_path(getattr(parsed_args, "profile", None)))
    except RecsysError:
        return []
    return guest_names(kept_friends(folder)[0])


def _as_typed(prefix: str, names: Iterable[str]) -> list[str]:
    """The `names` that begin with `prefix` in any case, in the case typed (`as_typed`)."""
    from tui_recsys.engine.catalog.completing import as_typed

    return [as_typed(prefix, name) for name in names
            if name.casefold().startswith(prefix.casefold())]


def _discovery_levels() -> list[str]:
    from tui_recsys.engine.models.discovery import LEVELS

    return [f"{level:g}" for level in LEVELS]


def _themes() -> list[str]:
    from tui_recsys.app.themes import theme_names  # Textual's themes: read on this TAB alone

    return theme_names()


def _shown(prefix: str, paths_found: Iterable[str]) -> list[str]:
    """The files or folders found, but hidden ones (.git/) where the name typed does not
    begin with a dot, as a shell's own completion leaves them out."""
    dotted = prefix.rpartition("/")[2].startswith(".")
    return [found for found in paths_found
            if dotted or not found.rstrip("/").rpartition("/")[2].startswith(".")]
