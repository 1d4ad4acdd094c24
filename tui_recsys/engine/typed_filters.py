"""The filters as people type them, in a box of the app or an option of the command line:
years ("1990-1999", "1990s", "90s", "before 1980"), minutes ("90-120", "under 100", "2h",
"1h30"), a language ("fr", "fra", "French"), least votes ("1,000", "1k") and the discovery
setting. Each one that does not read says why in one line, with what it would take."""

from __future__ import annotations

import re
from collections.abc import Callable

from tui_recsys.data.languages import closest_language, language_code
from tui_recsys.errors import UsageError
from tui_recsys.text import echo

Span = tuple[int | None, int | None]

DECADE = re.compile(r"(\d{3}0)'?s", re.IGNORECASE)
SHORT_DECADE = re.compile(r"['\u2019]?(\d)0'?s", re.IGNORECASE)  # 90s, '90s
THOUSANDS = re.compile(r"(\d{1,9}(?:\.\d{1,3})?)\s*k", re.IGNORECASE)  # 1k, 2.5k votes
# What people write between two ends, pasted or typed: an en or em dash, "..", " to ".
RANGE_MARK = re.compile(r"\s*(?:[\u2010-\u2015\u2212]|\.\.|\bto\b)\s*", re.IGNORECASE)
# One open end, as people write it: "<100", ">= 2000", "before 1980", "under 90 min".
BOUND = re.compile(r"(<=?|>=?|\u2264|\u2265|before|after|since|until|under|over|up to|at most|"
                   r"at least)\s*(.+)", re.IGNORECASE)
# Ends no film has: a year typed short ("95") or minutes that are a year ("before 1980" in the
# minutes box) filter everything out without a word, where a person meant something else.
FIRST_FILM_YEAR, LAST_YEAR, LONGEST_FILM = 1870, 2999, 999
BELOW, UP_TO, ABOVE, FROM = (None, -1), (None, 0), (1, None), (0, None)
BOUNDS = {"<": BELOW, "before": BELOW, "under": BELOW,
          "<=": UP_TO, "\u2264": UP_TO, "until": UP_TO, "up to": UP_TO, "at most": UP_TO,
          ">": ABOVE, "after": ABOVE, "over": ABOVE,
          ">=": FROM, "\u2265": FROM, "since": FROM, "at least": FROM}
# A length of film: "2h", "1h30", "1 h 30 min", "1.5h", "95m", "95 min", "95 minutes".
DURATION = re.compile(r"(?:(\d{1,2}(?:\.\d{1,2})?)\s*h(?:ours?|rs?)?)?\s*"
                      r"(?:(\d{1,4})\s*(?:m|mins?|minutes?)?)?", re.IGNORECASE)


def parse_years(text: str) -> Span:
    """'1990-1999', '1990-', '-1979', '1994', 'before 1980' or a decade ('1990s', '90s'), as
    an inclusive range."""
    decade = DECADE.fullmatch(text.strip())
    if decade:
        return int(decade[1]), int(decade[1]) + 9
    short = SHORT_DECADE.fullmatch(text.strip())
    if short:  # "90s", "'60s": the century films were made in, but in the 20s, either
        tens = int(short[1])
        if tens == 2:
            raise UsageError(f"years {echo(text)} is the 1920s or the 2020s; write which")
        first = (1900 if tens > 2 else 2000) + tens * 10
        return first, first + 9
    span = parse_range(text, "years", "year", "1990-1999, 1990-, 1994, 1990s or before 1980",
                       int)
    if any(end is not None and not FIRST_FILM_YEAR <= end <= LAST_YEAR for end in span):
        raise UsageError(f"years {echo(text)} names no year films were made in; write years "
                         f"in full, such as 1990-1999 or 1994")
    return span


def parse_runtime(text: str) -> Span:
    """'90-120', '-100', '150-', 'under 100', '2h' or '95' minutes as an inclusive range."""
    span = parse_range(text, "runtime", "minute", "90-120, -100, 150-, under 100 or 1h30-2h",
                       _minutes)
    longest = max((end for end in span if end is not None), default=0)
    if longest > LONGEST_FILM:
        raise UsageError(f"runtime {echo(text)} reads as {longest:,} minutes, longer than any "
                         f"film; years go in the years filter")
    return span


def _minutes(text: str) -> int:
    """A film's length as written ("95", "95 min", "2h", "1h30"), in minutes; ValueError for
    anything else."""
    length = DURATION.fullmatch(text.strip())
    if not text.strip() or length is None or not (length[1] or length[2]):
        raise ValueError(text)
    return round(float(length[1] or 0) * 60) + int(length[2] or 0)


def parse_range(text: str, what: str, unit: str, like: str,
                amount: Callable[[str], int]) -> Span:
    """An inclusive range as a person writes it: 'low-high', 'low-', '-high', one end with
    a word or a sign before it ('under 100', '>= 2000'), or one amount, each end read by
    `amount`; anything else is a UsageError showing `like`."""
    written = text.strip()
    bound = BOUND.fullmatch(written)
    try:
        if bound:
            end = amount(bound[2])
            low, high = BOUNDS[" ".join(bound[1].casefold().split())]
            return (None if low is None else end + low), (None if high is None else end + high)
        low_text, sep, high_text = RANGE_MARK.sub("-", written).partition("-")
        if not (low_text.strip() or high_text.strip()):
            raise UsageError(f"{what} {echo(text)} names no {unit}; write a range like {like}")
        first = amount(low_text) if low_text.strip() else None
        last = amount(high_text) if high_text.strip() else None
    except ValueError:
        raise UsageError(f"{what} {echo(text)} is not a range like {like}") from None
    if not sep:
        last = first
    if first is not None and last is not None and first > last:
        raise UsageError(f"{what} {echo(text)} runs backwards; write the lower {unit} first")
    return first, last


def parse_language(text: str) -> str:
    """An original language as TMDB codes it (ISO 639-1), in any case ('fr', 'JA'), or by
    its English name ('French') or three-letter code ('fra')."""
    code = text.strip().casefold()
    if len(code) == 2 and code.isascii() and code.isalpha():
        return code
    named = language_code(text)
    if named is not None:
        return named
    close = closest_language(text)
    hint = f"did you mean {close} ({language_code(close)})? " if close else ""
    raise UsageError(f"language {echo(text)} is neither a language's name nor an ISO 639 "
                     f"code; {hint}write one such as french, fr or fra")


def parse_min_votes(text: str) -> int:
    """A least number of TMDB votes: a whole number, 1 or more, perhaps in thousands (1k,
    2.5k)."""
    written = text.strip().replace(",", "").replace("_", "")
    thousands = THOUSANDS.fullmatch(written)
    try:
        votes = round(float(thousands[1]) * 1000) if thousands else int(written)
    except ValueError:
        raise UsageError(f"votes {echo(text)} is not a whole number of votes; write one such "
                         f"as 100") from None
    if votes < 1:
        raise UsageError(f"votes {echo(text)}: every movie has that many; write 1 or more, "
                         f"such as 100")
    return votes


def parse_discovery(text: str) -> float:
    """The discovery setting: 0 ("obvious", the model's order) to 1 ("adventurous")."""
    try:
        level = float(text)
    except ValueError:
        level = -1.0
    if not 0.0 <= level <= 1.0:
        raise UsageError(f"discovery {echo(text)} is not a number from 0 (obvious) to 1 "
                         f"(adventurous); write one such as 0.5")
    return level
