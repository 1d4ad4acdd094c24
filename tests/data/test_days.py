from collections.abc import Callable
from datetime import date, timedelta

import pytest

from tui_recsys.data.days import seen_on, stars_and_day, typed_day, watched_on
from tui_recsys.data.profile_file import day_of
from tui_recsys.errors import DataError


def _ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


@pytest.mark.parametrize(("typed", "ago"), [("today", 0), ("Yesterday", 1), ("3d", 3),
                                            ("2 w", 14), (" 2026-11-28 ", None),
                                            ("3 days ago", 3), ("2 weeks ago", 14),
                                            ("1 day", 1), ("last week", 7),
                                            ("a week ago", 7)])
def test_a_day_is_typed_as_people_say_it(typed: str, ago: int | None):
    assert typed_day(typed) == (_ago(ago) if ago is not None else "2026-11-28")


def test_a_weekday_is_the_latest_one_up_to_today():
    for typed in ("friday", "Fri", "FRIDAY"):
        day = date.fromisoformat(typed_day(typed) or "")
        assert day.weekday() == 4 and 0 <= (date.today() - day).days < 7
    assert typed_day(date.today().strftime("%A")) == _ago(0)


def test_last_weekday_is_the_latest_one_before_today():
    """As `date -d "last friday"` reads it: on a Friday, the Friday before."""
    for typed in ("last friday", "Last  Fri", "last-friday"):
        day = date.fromisoformat(typed_day(typed) or "")
        assert day.weekday() == 4 and 1 <= (date.today() - day).days <= 7
    assert typed_day("last " + date.today().strftime("%A")) == _ago(7)


def test_a_day_of_a_month_by_name_is_the_latest_such_day_up_to_today():
    """"4 on 30 nov" in the rate prompt was "not a rating"; a month by name is no one's
    guess, where 11/30 and 30/11 are."""
    yesterday, tomorrow = date.today() - timedelta(days=1), date.today() + timedelta(days=1)
    for typed in (f"{yesterday.day} {yesterday:%b}", f"{yesterday:%B} {yesterday.day}",
                  f"on {yesterday.day}th {yesterday:%B}"):
        assert typed_day(typed) == yesterday.isoformat(), typed
    last_year = tomorrow.replace(year=tomorrow.year - 1) if tomorrow.year == date.today().year \
        else tomorrow  # tomorrow has not come this year: the one before
    assert typed_day(f"{tomorrow.day} {tomorrow:%b}") == last_year.isoformat()
    assert typed_day("30th November 2025") == typed_day("nov 30, 2025") == "2025-11-30"
    assert typed_day("sept 3 2024") == "2024-09-03"
    for nothing in ("31 nov", "30 foo", "dec", "nov 2025", "1 2"):
        assert typed_day(nothing) is None, nothing


def test_stars_then_what_is_no_day_says_the_day_is_wrong():
    assert stars_and_day("4.5 on friday")[0] == 4.5
    assert day_of(stars_and_day("4 on 2026-11-28")[1]) == "2026-11-28"
    with pytest.raises(DataError, match=r"^'on 30/11' is not a day; give one as 2026-11-27, 27"):
        stars_and_day("4 on 30/11")
    with pytest.raises(DataError, match="'great' is not a rating"):
        stars_and_day("great")


@pytest.mark.parametrize("typed", ["last", "last year", "fr", "2026-02-30", "4", "4.5", "ad",
                                   "4 1/2", ""])
def test_what_names_no_day_is_none(typed: str):
    assert typed_day(typed) is None


def test_the_day_watched_is_that_day_wherever_you_are(time_zone: Callable[[str], None]):
    for zone in ("America/Los_Angeles", "Asia/Tokyo", "UTC"):
        time_zone(zone)
        assert day_of(watched_on("2026-11-28")) == "2026-11-28"


@pytest.mark.parametrize(("typed", "said"), [
    (_ago(-1), r"is after today; give the day you watched it"),
    ("1970-01-01", r"before 1970-01-02, the first day your files keep"),
    ("soon", r"'soon' is not a day; give one as 2026-11-27, 27 nov, yesterday, friday, last "
             r"friday, or 3d")])
def test_a_day_to_come_or_none_is_refused(typed: str, said: str):
    with pytest.raises(DataError, match=said):
        watched_on(typed)


def test_seen_without_stars_may_name_its_day():
    """`v` marked a film seen today, and the app had no way to say Friday: "seen friday" (or
    "v friday") in the rate prompt and `quick-start --ask`; stars are not a seen answer."""
    assert seen_on("v") == 0 and seen_on(" Seen ") == 0
    assert day_of(seen_on("seen yesterday") or 0) == _ago(1)
    assert day_of(seen_on("V 3 days ago") or 0) == _ago(3)
    assert seen_on("4 yesterday") is None and seen_on("very good") is None
    assert seen_on("") is None and seen_on("4") is None
    with pytest.raises(DataError, match="'frday' is not a day"):
        seen_on("seen frday")
    with pytest.raises(DataError, match="is after today"):
        seen_on(f"v {_ago(-1)}")
