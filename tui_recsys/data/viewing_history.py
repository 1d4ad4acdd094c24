"""Netflix's viewing history (netflix.com/viewingactivity, "Download all"): a title and a day
a row, films and episodes alike, the day written in the account's own order. What it takes to
read one as films seen; `rating_files` reads its rows."""

from __future__ import annotations

import re

from tui_recsys.data.profile_file import parse_moment
from tui_recsys.errors import DataError
from tui_recsys.text import echo

# A series' episode, as Netflix titles one: the show, its season and the episode ("Dark:
# Season 1: Secrets", "Stranger Things: Stranger Things 4: Chapter One: ..."), or a season's
# word; a film's subtitle is one part ("John Wick: Chapter 2", "... Hallows: Part 1").
SEASON = re.compile(r": (?:Season|Series|Limited Series|Miniseries|Volume)\b", re.IGNORECASE)
DAY = re.compile(r"\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})\s*")  # 12/25/26, 25.12.2026


def episode(title: str) -> bool:
    return title.count(": ") >= 2 or SEASON.search(title) is not None


def day_first(dates: list[str]) -> bool | None:
    """Whether a history writes the day first (25/12/2026) or the month (12/25/26), as its
    `dates` tell: a first number over 12 is a day, and so is a second one (the month came
    first); dots are a day-first country's. None where every date could be either."""
    found = [day.groups() for day in map(DAY.fullmatch, dates) if day is not None]
    if any(int(first) > 12 or separator == "." for first, separator, _, _ in found):
        return True
    if any(int(second) > 12 for _, _, second, _ in found):
        return False
    return None


def moment(text: str, first: bool | None, where: str) -> int | None:
    """A day written as the history writes them, as seconds since the epoch (its midnight,
    UTC, as every site's day is read); 0 where the file does not tell day from month
    (`first` None: never guessed, its day left unknown); None where `text` is not written so (an ISO
    day, or none, for the caller to read)."""
    found = DAY.fullmatch(text)
    if found is None:
        return None
    if first is None:
        return 0
    one, _, two, year = found.groups()
    day, month = (int(one), int(two)) if first else (int(two), int(one))
    seconds = parse_moment(f"{int(year) + (2000 if len(year) == 2 else 0):04d}-{month:02d}-"
                           f"{day:02d}")
    if seconds is None:
        raise DataError(f"{where} {echo(text)} is not a day of the calendar; fix or empty it")
    return seconds
