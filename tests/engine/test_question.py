"""The filter's parts as a person writes them, in the app's boxes and on the command line."""

from __future__ import annotations

import pytest

from tui_recsys.engine.question import (
    MovieFilter,
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
        "Drama, 1990-1999, -120 min, in fr, 100+ votes")
    assert not MovieFilter().active and MovieFilter().describe() == ""
