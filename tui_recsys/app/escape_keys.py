"""Escape and a key typed at once are escape, then the key.

A terminal sends both as ESC and the key, which is also how it sends Meta (alt) with the key:
a fast typist, a slow SSH link or `tmux send-keys Escape 2` make one key of the two. Textual
reads ESC with a letter as alt+letter, ESC with a digit, "-", "=" or "§" as the character
macOS's Option key types there (ESC 3 is "£": "/matrix", escape, 2 typed "matrix£" into the
box), and ESC with other punctuation as the bare key, the escape lost ("/matrix", escape, +
typed "matrix+"). The app binds no alt key, so all of these are read as what they were. Meta-b,
Meta-f and Meta-backspace stay as Textual reads them: word moves and deletion in a box, as in
readline. `read_escape_then_key` teaches Textual's terminal parser (a private class: where it
is not found, the parser is left as it is); `escape_then_key` splits an alt+key that comes as
one (the kitty keyboard protocol's, or a test's).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events

ESC = "\x1b"


def escape_then_key(event: events.Key) -> tuple[events.Key, events.Key] | None:
    character = event.character or ""
    if not event.key.startswith("alt+") or len(character) != 1 or not character.isprintable():
        return None
    return events.Key("escape", ESC), events.Key(event.key.removeprefix("alt+"), character)


def read_escape_then_key() -> None:
    """From now on, terminal parsers made (one per app run) read ESC and a printable key as
    escape, then the key."""
    try:
        from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
        from textual._xterm_parser import XTermParser
    except ImportError:  # another Textual: its own reading stays
        return
    read = getattr(XTermParser, "_sequence_to_key_events", None)
    if read is None or getattr(read, "splits_escape", False):
        return
    option_characters = frozenset(
        sequence for sequence, keys in ANSI_SEQUENCES_KEYS.items()
        if len(sequence) == 2 and sequence[0] == ESC and isinstance(keys, str))

    def split(parser: Any, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        if sequence in option_characters:
            sequence, alt = sequence[1], True
        if alt and len(sequence) == 1 and sequence.isprintable():
            yield events.Key("escape", ESC)
            yield from read(parser, sequence)
            return
        yield from read(parser, sequence, alt)

    split.splits_escape = True  # type: ignore[attr-defined]
    XTermParser._sequence_to_key_events = split  # type: ignore[method-assign]
