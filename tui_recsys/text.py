"""Untrusted text made safe to show: titles, names and paths come from files anyone can edit.

A control character written to a terminal is a command (ESC starts an escape sequence that can
retitle the window or move the cursor, a bidirectional override reorders what follows), so they
are neutralised once, where the catalogue is normalised: every layer and every output (table,
JSON, app) then sees the same clean string. Line breaks and tabs become spaces, so a title stays
on its row; every other control character becomes U+FFFD, visibly there but inert. Echoes of
what a user typed are cut to a readable length.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

REPLACEMENT = "\ufffd"
ECHO_LIMIT = 60
_SPACING = "\t\n\v\f\r\x85\u2028\u2029"
# C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SPACING_PATTERN = re.compile(f"[{_SPACING}]")
_CONTROL_PATTERN = re.compile(f"[{_CONTROLS}]")


def clean(text: str) -> str:
    """`text` with no character that a terminal would act on."""
    return _CONTROL_PATTERN.sub(REPLACEMENT, _SPACING_PATTERN.sub(" ", text))


def clean_column(texts: pd.Series) -> pd.Series:
    """`clean` over a column of strings, at C speed."""
    return (texts.str.replace(_SPACING_PATTERN.pattern, " ", regex=True)
            .str.replace(_CONTROL_PATTERN.pattern, REPLACEMENT, regex=True))


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """At most `limit` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """A value the user gave, quoted for a message: cut to `limit`, control characters escaped
    (repr shows ESC as \\x1b)."""
    return repr(shorten(str(value), limit))


SPARKS = "▁▂▃▄▅▆▇█"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 rating", "2 ratings", "1,000 ratings"; `nouns` where an s will not do."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def listed(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return " and ".join(filter(None, (", ".join(parts[:-1]), *parts[-1:])))


def as_stars(value: float) -> str:
    """ "1 star", "4.5 stars": a rating in words."""
    return f"{value:g} {'star' if value == 1 else 'stars'}"


def sparkline(values: list[float], low: float | None = None) -> str:
    """One block character per value, from lowest to highest (or from `low`): a curve that
    reads without colour, in a terminal or a log."""
    if not values:
        return ""
    bottom = min(values) if low is None else low
    span = max(values) - bottom
    steps = len(SPARKS) - 1
    return "".join(SPARKS[round((v - bottom) / span * steps) if span > 0 else 0]
                   for v in values)


def bar(fraction: float, width: int) -> str:
    """A horizontal bar of `width` cells at most, in eighths of a cell."""
    eighths = round(max(0.0, min(fraction, 1.0)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")


def cells(text: str) -> int:
    """How many of a terminal's cells `text` takes: two for a wide letter (Japanese, Chinese,
    Korean), none for a combining accent, one for the rest. The command line's own measure,
    which needs no Rich; the app measures with Rich, as Textual draws."""
    return sum(0 if unicodedata.combining(char) else
               2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of `width` cells at most (`cells`), broken at spaces, a word longer
    than a line cut across lines; one empty line for no text."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cells(word) > width:  # a long word (a link) fills lines of its own
            if line:
                lines.append(line)
                line = ""
            head = word[0]  # one at least, however narrow the line
            for char in word[1:]:
                if cells(head + char) > width:
                    break
                head += char
            lines.append(head)
            word = word[len(head):]
        if line and cells(line) + 1 + cells(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return [*lines, line] if line or not lines else lines
