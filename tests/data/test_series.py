"""What tells the films of one series: titles that begin alike, or two of three leads."""

from tui_recsys.data.series import series, series_keys


def test_films_of_a_series_share_what_their_titles_begin_with():
    assert {series(t) for t in ("The Lord of the Rings: The Two Towers",
                                "The Lord of the Rings: The Fellowship of the Ring")} == {
        "lord of the rings"}
    assert series("Toy Story 2") == series("Toy Story") == "toy story"
    assert series("The Godfather: Part II") == series("Godfather, The") == "godfather"
    assert series("Terminator 2: Judgment Day") == series("The Terminator")
    assert series("Back to the Future Part II") == series("Back to the Future")
    assert series("Heat") != series("Heathers")


def test_two_of_three_leads_make_a_series_and_one_does_not():
    star_wars = series_keys(["Star Wars"], ["Mark Hamill", "Harrison Ford", "Carrie Fisher"])
    empire = series_keys(["The Empire Strikes Back", "Star Wars: Episode V - The Empire "
                          "Strikes Back"], ["Mark Hamill", "Harrison Ford", "Billy Dee"])
    witness = series_keys(["Witness"], ["Harrison Ford", "Kelly McGillis", "Lukas Haas"])
    assert star_wars & empire == {"cast Harrison Ford|Mark Hamill", "title star wars"}
    assert not star_wars & witness
    assert series_keys(["Heat"], []) == {"title heat"}
