"""`tui-recsys cache info|clear`: what the cache holds and where, or every entry it wrote
removed (nothing else is touched)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui_recsys.cli.output import say
from tui_recsys.errors import RecsysError, UsageError
from tui_recsys.text import plural, shorten

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cache = commands.add_parser("cache", parents=[common], help="inspect or clear the cache")
    # Alone, it lists the entries: the one action that changes nothing.
    actions = cache.add_subparsers(dest="action", metavar="ACTION")
    cache.set_defaults(action="info")
    actions.add_parser("info", parents=[common], aliases=["show"],  # as profile and watchlist
                       help="list the cached entries, their sizes and the folder")
    actions.add_parser("clear", parents=[common],
                       help="remove every entry the cache wrote (nothing else)")


def run(args: argparse.Namespace, engine: Engine) -> None:
    import time

    from tui_recsys.cli import output

    store = engine.store
    if store.root.exists() and not store.root.is_dir():
        raise UsageError(f"{store.root} is a file, not a folder; pass --cache-dir a folder")
    if args.action == "clear":
        cleared = store.clear()
        say(f"removed {plural(cleared.removed, 'cache entry', 'cache entries')} from "
            f"{store.root}")
        if cleared.skipped:
            names = ", ".join(shorten(name, 40) for name in cleared.skipped[:5])
            more = f" and {len(cleared.skipped) - 5} more" if len(cleared.skipped) > 5 else ""
            say(f"left {plural(len(cleared.skipped), 'file or folder', 'files or folders')} "
                f"that tui-recsys did not write: {names}{more}")
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
    output.print_table(("entry", "size", "created", "data"), rows, right=(1,), wrap=(3,))
    total = sum(entry.bytes for entry in entries) / 1e6
    say(f"total {total:.1f} MB in {plural(len(entries), 'entry', 'entries')}")
