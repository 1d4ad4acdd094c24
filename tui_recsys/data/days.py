"""A day as a person types it: 2026-11-28, today, yesterday, a weekday (last friday), or so
many days or weeks ago (3d, 2w, 3 days ago, last week), counted from today where they are, as
the days of their files are read (`day_of`). `profile export --since` reads one; so does the
day a film was watched (`rate --on`, `seen --on`, the app's "4 yesterday"), which Letterboxd's
diary logs it on when it is exported (without it, a film seen on Friday and rated on Sunday is
logged on Sunday)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from tui_recsys.data.profile_file import parse_moment, parse_typed_stars
from tui_recsys.errors import DataError
from tui_recsys.text import echo

DAYS_AGO = re.compile(r"(\d{1,5})\s*(?:(d|days?)|w|weeks?)(?:\s+ago)?")
NAMED = {"today": 0, "yesterday": 1, "last week": 7, "a week ago": 7}
LAST = re.compile(r"last[\s-]+(.+)")  # "last friday": the latest one before today
# "30 nov", "nov 30", "30th November 2026", "november 30, 2026": a month by name is no one's
# guess, where 11/30 and 30/11 are
DAY_MONTH = re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]{3,})\.?"
                       r"(?:,?\s+(?P<year>\d{4}))?")
MONTH_DAY = re.compile(r"(?P<month>[a-z]{3,})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
                       r"(?:,?\s+(?P<year>\d{4}))?")
FIRST = "1970-01-02"  # a moment of 0 is "not known" in our files: no day before it is kept
HOW = ("give one as 2026-11-27, 27 nov, yesterday, friday, last friday, or 3d (three days "
       "ago)")


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")


def typed_day(text: str) -> str | None:
    """The day `text` names, as ISO 8601 ("2026-11-27"); None when it names none. A weekday
    ("friday", "fri") is the latest one up to today, as "I saw it on Friday" means; "last
    friday" the latest before today, as `date -d` reads it; a day of a month without its year
    ("30 nov") the latest such day up to today. "on friday" is Friday."""
    typed = " ".join(text.casefold().split()).removeprefix("on ")
    today = date.today()
    ago = NAMED.get(typed)
    if ago is None and (found := DAYS_AGO.fullmatch(typed)) is not None:
        ago = int(found[1]) * (1 if found[2] else 7)
    last = LAST.fullmatch(typed)
    day = last[1] if last else typed
    weekday = next((n for n, name in enumerate(WEEKDAYS)
                    if len(day) >= 3 and name.startswith(day)), None)
    if weekday is not None:
        ago = (today.weekday() - weekday - bool(last)) % 7 + bool(last)
    if ago is not None:
        return (today - timedelta(days=ago)).isoformat()
    named = DAY_MONTH.fullmatch(typed) or MONTH_DAY.fullmatch(typed)
    if named is not None:
        return _of_month(named, today)
    try:
        return datetime.strptime(typed, "%Y-%m-%d").date().isoformat()
    except ValueError:
        return None


def _of_month(named: re.Match[str], today: date) -> str | None:
    """A day of a month named ("nov", "sept", "november"), in the year given, else the latest
    such day up to today (in December, "30 nov" is this year's; in January, last year's)."""
    month = next((n for n, name in enumerate(MONTHS, start=1)
                  if name.startswith(named["month"])), None)
    if month is None:
        return None
    year = int(named["year"]) if named["year"] else today.year
    try:
        day = date(year, month, int(named["day"]))
        if not named["year"] and day > today:
            day = date(year - 1, month, day.day)
    except ValueError:  # 31 nov; 29 feb of a year with none
        return None
    return day.isoformat()


def a_typed_day(text: str) -> str:
    """`typed_day`, or a DataError that says how a day is written."""
    day = typed_day(text)
    if day is None:
        raise DataError(f"{echo(text)} is not a day; {HOW}")
    return day


def watched_on(text: str) -> int:
    """The moment kept for a film watched on the day `text` names: its midnight, UTC, which
    `day_of` reads as that day wherever you are (as it reads the days a Letterboxd import
    gives). A day to come, or before any our files keep, is a DataError."""
    day = a_typed_day(text)
    if day > date.today().isoformat():
        raise DataError(f"{day} is after today; give the day you watched it")
    if day < FIRST:
        raise DataError(f"{day} is before {FIRST}, the first day your files keep")
    moment = parse_moment(day)
    assert moment is not None  # an ISO day
    return moment


def stars_and_day(typed: str) -> tuple[float, int]:
    """The stars typed, and the moment of the day typed after them, the day the film was seen
    ("4 yesterday", "4.5 2026-11-28"; 0 for none: today), which Letterboxd's diary logs it on
    when the ratings are exported: the app's rate prompt and `quick-start --ask` read it."""
    words = typed.split()
    for at in range(1, len(words)):  # the longest day first ("4 last friday", "4 3 days ago")
        day = " ".join(words[at:])
        if typed_day(day) is not None:
            return parse_typed_stars(" ".join(words[:at])), watched_on(day)
    try:
        return parse_typed_stars(typed), 0
    except DataError:
        # Stars, then what is no day: "'4 on 30/11' is not a rating" named the wrong part.
        for at in range(len(words) - 1, 0, -1):
            try:
                parse_typed_stars(" ".join(words[:at]))
            except DataError:
                continue
            a_typed_day(" ".join(words[at:]))  # raises: it names no day
        raise


SEEN_WORDS = ("v", "seen")


def seen_on(typed: str) -> int | None:
    """Where `typed` answers "seen, without stars" ("v", "seen", "seen friday", "v
    2026-11-28"), the moment of the day it names (0: today, as `v` marks it); None where it
    answers otherwise (stars). The app's rate prompt and `quick-start --ask` read it: `v`
    marked a film seen today, and one seen on Friday was logged in Letterboxd's diary on the
    day it was marked."""
    word, _, day = typed.strip().partition(" ")
    if word.casefold() not in SEEN_WORDS:
        return None
    return watched_on(day) if day.strip() else 0
