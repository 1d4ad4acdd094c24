"""What tells the films of one series: titles that begin alike (with a lead in common, which
the movie index reads: tests/engine/test_sequels.py)."""

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
