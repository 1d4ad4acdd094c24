"""The command line's examples, in one list: the top-level `--help` shows the first of each
kind, and every command's own `--help` ends with those that begin with its name, so that
`tui-recsys recommend together --help` shows how a movie night is asked, not only its options.
"""

from __future__ import annotations

HEADING = "examples:"

# (the command, what it does or None, shown by the top-level --help)
EXAMPLES: tuple[tuple[str, str | None, bool], ...] = (
    ("tui-recsys --data ../shared/data", "the app, on local data", True),
    ("tui-recsys recommend chart --genre Sci-Fi --years 1990-1999", None, True),
    ("tui-recsys recommend chart --language french --without-genre Drama", None, False),
    ("tui-recsys recommend story godfather", "exact title, else best match", True),
    ("tui-recsys search dune", "which films it may be, with ids", True),
    ("tui-recsys recommend cast --tmdb-id 19995 --json", None, True),
    ("tui-recsys recommend cast \"The Dark Knight\" --less violence", "like it, less violent",
     False),
    ("tui-recsys recommend content --by cast Alien", "by story or by cast", False),
    ("tui-recsys recommend for-user --user 42", None, True),
    ("tui-recsys recommend for-user 42 --discovery 0.5", "less known, more varied picks",
     False),
    ("tui-recsys recommend by-ratings \"Toy Story\"", "what its fans liked", False),
    ("tui-recsys recommend person \"Hayao Miyazaki\"", "their films, best rated first",
     False),
    ("tui-recsys rate \"Alien (1979)\" 4.5", "rate a movie (your profile)", True),
    ("tui-recsys rate Heat 4 --on \"last friday\"", "seen before today", False),
    ("tui-recsys rate Titanic --remove", "forget your rating", False),
    ("tui-recsys profile import ratings.csv", "your ratings from elsewhere", True),
    ("tui-recsys profile --sort stars", "your ratings, most stars first", False),
    ("tui-recsys profile export -o ratings.csv --format letterboxd",
     "for Letterboxd's importer", False),
    ("tui-recsys quick-start", "8 movies to rate, to start fast", True),
    ("tui-recsys quick-start --ask", "one by one, each answer saved", False),
    ("tui-recsys recommend for-you", "picks from your ratings", True),
    ("tui-recsys recommend for-you --only-watchlist", "what to watch tonight", False),
    ("tui-recsys recommend for-you --format letterboxd -o picks.csv",
     "a list for Letterboxd", False),
    ("tui-recsys recommend together --me --user 42", "a movie night for you two", True),
    ("tui-recsys recommend together --me --friend sam --group-by average",
     "a friend in your friends folder", False),
    ("tui-recsys --friend sam.csv", "the app, with a friend in it", True),
    ("tui-recsys watchlist add \"Heat\"", "save a movie for later", True),
    ("tui-recsys watchlist --sort title", "your watchlist, A to Z", False),
    ("tui-recsys watchlist export -o watchlist.csv --format letterboxd",
     "for Letterboxd's importer", False),
    ("tui-recsys seen \"Alien (1979)\"", "seen: left out of your lists", True),
    ("tui-recsys seen --format letterboxd", "what you saw, for Letterboxd", False),
    ("tui-recsys hide \"Cats\"", "never recommend it", True),
    ("tui-recsys unhide \"Cats\"", "recommend it again", False),
    ("tui-recsys import letterboxd-export.zip", "all you keep on Letterboxd", True),
    ("tui-recsys build", "every model, ahead of time", True),
    ("tui-recsys evaluate", "the models against baselines", True),
    ("tui-recsys evaluate --every-user", "newcomers: every user, not 1/5", False),
    ("tui-recsys cache info", "what the cache holds, and where", True),
    ("tui-recsys cache clear", "remove what the cache wrote", False),
    ("tui-recsys completion bash", "TAB completion, titles too", True),
    ("tui-recsys completion zsh", "in ~/.zshrc, after compinit", False),
)

# Each line fits 80 columns (a comment is 31 characters at most): a command this long at most
# has its comment beside it, a longer one has it on the next line, in the same column.
_COMMAND_WIDTH = 44


def examples(command: str) -> str | None:
    """The examples of `command` ("tui-recsys recommend for-you"), under their heading: for
    the program itself, the top-level ones; None for a command without any."""
    if " " not in command:
        chosen = [example for example in EXAMPLES if example[2]]
    else:
        chosen = [example for example in EXAMPLES
                  if f"{example[0]} ".startswith(f"{command} ")]
    if not chosen:
        return None
    lines = [HEADING]
    for line, comment, _top in chosen:
        if comment is None:
            lines.append(f"  {line}")
        elif len(line) > _COMMAND_WIDTH:
            lines += [f"  {line}", f"  {'':{_COMMAND_WIDTH}}  {comment}"]
        else:
            lines.append(f"  {line:{_COMMAND_WIDTH}}  {comment}")
    return "\n".join(lines) + "\n"
