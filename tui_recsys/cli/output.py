"""Plain-text and JSON presentation for the headless commands."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from tui_recsys.errors import UsageError
from tui_recsys.text import cells, clean, wrapped

if TYPE_CHECKING:
    from tui_recsys.engine.answer import Recommendation


WRAPPED = 12  # the fewest cells a wrapped column keeps, however narrow the terminal


def recommendations_json(items: Sequence[Recommendation]) -> str:
    return json.dumps([item.as_dict(rank) for rank, item in enumerate(items, 1)], indent=2)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]],
          right: Sequence[int] = (), *, fit: int | None = None,
          wrap: Sequence[int] = ()) -> str:
    """An aligned text table; columns in `right` are right-aligned. Widths are counted in a
    terminal's cells: a title in Japanese takes two a letter. Wider than `fit`, the columns
    in `wrap` share what the others leave (the narrower keeping its width where it fits in
    its share) and their cells wrap at spaces within it: on a terminal of 80 columns, a row
    of 170 wrapped across the whole screen into three."""
    texts = [[str(cell) for cell in row] for row in rows]
    widths = [max([cells(h), *(cells(row[i]) for row in texts)])
              for i, h in enumerate(headers)]
    if fit is not None and wrap and sum(widths) + 2 * (len(widths) - 1) > fit:
        left = fit - 2 * (len(widths) - 1) - sum(w for i, w in enumerate(widths)
                                                 if i not in wrap)
        for n, column in enumerate(sorted(wrap, key=lambda i: widths[i])):
            widths[column] = max(min(widths[column], left // (len(wrap) - n)), WRAPPED,
                                 cells(headers[column]))
            left -= widths[column]

    def lines(values: Sequence[str]) -> list[str]:
        parts = [wrapped(v, w) if i in wrap else [v]
                 for i, (v, w) in enumerate(zip(values, widths, strict=True))]
        return [line([part[row] if row < len(part) else "" for part in parts])
                for row in range(max(map(len, parts)))]

    def line(values: Sequence[str]) -> str:
        pads = [" " * (w - cells(v)) for v, w in zip(values, widths, strict=True)]
        return "  ".join(pad + v if i in right else v + pad
                         for i, (v, pad) in enumerate(zip(values, pads, strict=True))).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]),
                      *(shown for row in texts for shown in lines(row))])


def recommendations_table(items: Sequence[Recommendation], stream: TextIO | None) -> str:
    """The picks as a table; for a terminal (`stream`, where it is one), as wide as it is,
    the title and the reason wrapped in their columns (piped, each row is one line)."""
    if not items:
        return "(no movies)"
    stars = any(item.stars is not None for item in items)
    rows = [(rank, item.title + (" [watchlist]" if item.on_watchlist else "")
             + (f" [{item.yours}]" if item.yours else ""), item.year or "",
             f"{item.score:.3f}", *(["" if item.stars is None else f"{item.stars:.1f}"] * stars),
             item.reason) for rank, item in enumerate(items, 1)]
    return table(("#", "title", "year", "score", *(["stars"] * stars), "reason"), rows,
                 right=(0, 3, 4) if stars else (0, 3), fit=terminal_width(stream),
                 wrap=(1, 4 + stars))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]],
                right: Sequence[int] = (), wrap: Sequence[int] = ()) -> None:
    """A table on stdout, as wide as its terminal where it is one (`table`'s `fit`): the
    columns in `wrap` (a title) wrapped in their columns."""
    write_stdout(table(headers, rows, right, fit=terminal_width(sys.stdout), wrap=wrap))


def terminal_width(stream: TextIO | None) -> int | None:
    """The columns of the terminal `stream` writes to ($COLUMNS first, as `ls` reads it); None
    where it writes to no terminal (a pipe, a file)."""
    if stream is None or not stream.isatty():
        return None
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):
        return None


class ProgressPrinter:
    """Build progress on stderr: a redrawn bar on a terminal; elsewhere one line per step, or
    nothing when `lines` is false (a script piping `recommend` wants only its answer)."""

    WIDTH = 24

    def __init__(self, stream: TextIO | None = None, *, lines: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.lines = lines
        self._last = ""
        self._drawn = False

    def __call__(self, message: str, fraction: float | None) -> None:
        if self.live:
            filled = round((fraction or 0.0) * self.WIDTH)
            bar = "#" * filled + "." * (self.WIDTH - filled)
            done = "   …" if fraction is None else f"{fraction:4.0%}"  # of unknown length
            # One row, short of the last column: a line that wraps is redrawn below itself,
            # a new row at every step (an 80-column SSH session filled with them).
            line = f"[{bar}] {done} {message}"[:max(self._columns() - 1, 1)]
            self.stream.write(f"\r\x1b[2K{line}")
            self.stream.flush()
            self._drawn = True
        elif self.lines and message != self._last:
            self.stream.write(f"{message}\n")
        self._last = message

    def _columns(self) -> int:
        """The terminal's width now (it may have been resized since the last step)."""
        try:
            return os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError):  # no descriptor (a test's stream), or not a terminal
            return 80

    def done(self, message: str) -> None:
        self.clear()
        self.stream.write(f"{message}\n")
        self.stream.flush()

    def clear(self) -> None:
        """The bar off its row, where one was drawn."""
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False


class Stopwatch:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __str__(self) -> str:
        return f"{time.perf_counter() - self.start:.1f} s"


def say(message: str) -> None:
    """One line of commentary on stderr, safe for the terminal."""
    print(f"tui-recsys: {clean(message)}", file=sys.stderr)


def then(done: str, also: str | None) -> None:
    """What a command did, then what else the title or name it was given may have meant (a
    line of its own)."""
    for line in (done, also):
        if line:
            say(line)


CHUNK = 1 << 16  # characters written to stdout at a time


def write_stdout(text: str) -> None:
    """Data to stdout, ending in a newline (added where `text` lacks one), a pipe's worth at a
    time and flushed here, so that a reader gone (`| head`) is a BrokenPipeError the command
    line answers with 141 (one large write could land in a roomy pipe and never see it), and
    a full device (`> /dev/full`) or a closed stdout (`>&-`) is one line, exit 2."""
    if not text.endswith("\n"):
        text += "\n"
    if sys.stdout is None:  # started with it closed (`>&-`): the data would vanish
        raise UsageError("cannot write to stdout (it is closed); give the command somewhere to "
                         "write, such as > FILE")
    try:
        for start in range(0, len(text), CHUNK):
            sys.stdout.write(text[start:start + CHUNK])
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UsageError(f"cannot write to stdout ({exc.strerror or exc})") from None
