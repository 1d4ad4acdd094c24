"""What tells the films of one series: titles that begin alike (with a lead in common, which
the movie index reads: tests/engine/test_sequels.py); and the parts a title is made of, by
which an import's title finds a film titled so in part."""

import pytest

from tui_recsys.data.series import series


def test_films_of_a_series_share_what_their_titles_begin_with():
    assert {series(t) for t in ("The Lord of the Rings: The Two Towers",
                                "The Lord of the Rings: The Fellowship of the Ring")} == {
        "lord of the rings"}
    assert series("Toy Story 2") == series("Toy Story") == "toy story"
    assert series("The Godfather: Part II") == series("Godfather, The") == "godfather"
    assert series("Terminator 2: Judgment Day") == series("The Terminator")
    assert series("Back to the Future Part II") == series("Back to the Future")
    assert series("Heat") != series("Heathers")


@pytest.mark.parametrize(("title", "parts", "shorter"), [
    ("Laputa: Castle in the Sky", {"laputa", "castle in the sky"}, None),
    ("Avengers: Infinity War - Part I", {"avengers", "avengers infinity war",
                                         "infinity war part i", "part i"}, None),
    ("Birdman or (The Unexpected Virtue of Ignorance)", set(), "birdman"),
    ("Castle in the Sky (Tenkû no shiro Rapyuta)", set(), "castle in the sky"),
    ("Up: A Short", {"short"}, None),  # "up": too few letters to name a film by
    ("Alien", set(), None),
    ("(500) Days of Summer", set(), None),  # brackets at its start give no other name
])
def test_a_titles_parts_and_the_name_before_its_other_one(title: str, parts: set[str],
                                                          shorter: str | None):
    from tui_recsys.data.titles import before_other_name, title_parts

    assert title_parts(title) == parts
    assert before_other_name(title) == shorter
