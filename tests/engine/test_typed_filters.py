"""The filter's parts as a person writes them, in the app's boxes and on the command line."""

from __future__ import annotations

import pytest

from tui_recsys.engine.question import MovieFilter
from tui_recsys.engine.typed_filters import (
    parse_language,
    parse_min_votes,
    parse_runtime,
    parse_years,
)
from tui_recsys.errors import UsageError


def test_ranges_languages_and_votes_parse_as_written():
    assert parse_years("1990-1999") == (1990, 1999) and parse_years("1994") == (1994, 1994)
    assert parse_runtime("-100") == (None, 100) and parse_runtime(" 150- ") == (150, None)
    assert parse_language(" FR ") == "fr"
    assert parse_min_votes("1,000") == 1000
    assert parse_min_votes("1k") == 1000 and parse_min_votes("2.5K") == 2500


@pytest.mark.parametrize("parse, text, said", [
    (parse_runtime, "long", "runtime 'long' is not a range"),
    (parse_runtime, "120-90", "runs backwards"),
    (parse_language, "klingon", "nor an ISO 639 code"),
    (parse_language, "f1", "nor an ISO 639 code"),
    (parse_min_votes, "0", "votes .0.: every movie has that many; write 1 or more"),
    (parse_min_votes, "many", "not a whole number of votes"),
    (parse_min_votes, "infk", "not a whole number of votes"),
])
def test_what_does_not_parse_says_why_in_one_line(parse, text: str, said: str):
    with pytest.raises(UsageError, match=said) as raised:
        parse(text)
    assert "\n" not in str(raised.value)


def test_a_filter_describes_itself_as_the_heading_shows_it():
    assert MovieFilter("Drama", (1990, 1999), (None, 120), "fr", 100).describe() == (
        "Drama, 1990-1999, up to 120 min, in French, 100+ votes")
    # an open end in words: "-120 min" read as minus 120 minutes
    assert MovieFilter(years=(1990, None), runtime=(90, 90)).describe() == "from 1990, 90 min"
    assert not MovieFilter().active and MovieFilter().describe() == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("1990-1999", (1990, 1999)), ("1990-", (1990, None)), ("-1979", (None, 1979)),
    ("1994", (1994, 1994)), ("1990s", (1990, 1999)), ("1980's", (1980, 1989)),
    ("1990\u20131999", (1990, 1999)), ("1990 \u2014 1999", (1990, 1999)),
    ("1990..1999", (1990, 1999)), ("1990 to 1999", (1990, 1999)),
    ("90s", (1990, 1999)), ("'60s", (1960, 1969)), ("\u201980S", (1980, 1989)),
    ("00s", (2000, 2009)), ("10s", (2010, 2019)),
])
def test_parse_years(text, expected):
    assert parse_years(text) == expected


@pytest.mark.parametrize("text", ["199x", "2000-1990", "1995s", "1990-1999-2000", "to", "95s",
                                  "20s"])
def test_parse_bad_years(text):
    with pytest.raises(UsageError):
        parse_years(text)


@pytest.mark.parametrize(("text", "code"), [("fr", "fr"), ("JA", "ja"), ("French", "fr"),
                                            ("japanese", "ja"), (" Cantonese ", "cn"),
                                            ("eng", "en"), ("FRE", "fr"), ("fra", "fr"),
                                            ("jpn", "ja"), ("yue", "cn")])
def test_a_language_by_its_code_or_its_name(text: str, code: str):
    assert parse_language(text) == code


def test_a_mistyped_language_is_said_with_the_closest():
    with pytest.raises(UsageError, match=r"did you mean french \(fr\)\?"):
        parse_language("frensh")


@pytest.mark.parametrize(("text", "expected"), [
    ("<100", (None, 99)), ("<= 100", (None, 100)), ("under 100", (None, 99)),
    ("up to 2h", (None, 120)), (">150", (151, None)), ("at least 90", (90, None)),
    ("over 2h", (121, None)), ("95 min", (95, 95)), ("2h", (120, 120)), ("1h30", (90, 90)),
    ("1 h 30 min", (90, 90)), ("1.5h", (90, 90)), ("2 hours", (120, 120)),
    ("1h30-2h", (90, 120)), ("90-120 min", (90, 120)),
])
def test_minutes_as_people_write_them(text: str, expected: tuple):
    """"under 100", "2h" or "1h30" in the minutes box: "not a range like 90-120"."""
    assert parse_runtime(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("before 1980", (None, 1979)), ("<1980", (None, 1979)), ("after 2000", (2001, None)),
    ("since 2000", (2000, None)), (">= 2000", (2000, None)), ("Until  1979", (None, 1979)),
])
def test_years_with_one_open_end_as_people_write_them(text: str, expected: tuple):
    assert parse_years(text) == expected


@pytest.mark.parametrize(("parse", "text"), [
    (parse_runtime, "h"), (parse_runtime, "2hx"), (parse_runtime, "under"),
    (parse_years, "before"), (parse_years, "after 2000-2005"), (parse_years, "2h"),
])
def test_a_bound_without_an_amount_is_no_range(parse, text: str):
    with pytest.raises(UsageError, match="is not a range like"):
        parse(text)


@pytest.mark.parametrize(("parse", "text", "said"), [
    (parse_runtime, "before 1980", "runtime 'before 1980' reads as 1,979 minutes, longer than "
                                   "any film; years go in the years filter"),
    (parse_runtime, "1990-1999", "reads as 1,999 minutes"),
    (parse_years, "95", "years '95' names no year films were made in; write years in full"),
    (parse_years, "90-99", "names no year"),
    (parse_years, "after 20000", "names no year"),
])
def test_an_end_no_film_has_is_said_not_filtered_to_nothing(parse, text: str, said: str):
    """"before 1980" typed into the minutes box had filtered to films up to 1,979 minutes."""
    with pytest.raises(UsageError, match=said):
        parse(text)
    assert parse_runtime("999") == (999, 999) and parse_years("1895") == (1895, 1895)
