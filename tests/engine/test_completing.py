"""The titles a shell's TAB offers: what goes on from the words typed, as a title argument
reads it, the best known first."""

from __future__ import annotations

from pathlib import Path

from tests.support import tmdb_movie_index
from tui_recsys.engine.catalog.completing import as_typed, dimensions, going_on, people
from tui_recsys.engine.engine import Engine

TITLES = [("The Godfather", 1972), ("Heat", 1995), ("Star Wars", 1977),
          ("The Godfather: Part II", 1974), ("Amélie", 2001), ("The Heat", 2013),
          ("Star Wars: The Last Jedi", 2017), ("Heathers", 1989), ("A Beautiful Mind", 2001),
          ("A.I. Artificial Intelligence", 2001)]


def _offered(before: list[str], word: str, **options: object) -> list[str]:
    return going_on(TITLES, before, word, **options)  # type: ignore[arg-type]


def test_a_title_goes_on_from_its_first_letters_with_or_without_its_article():
    assert _offered([], "godf") == ["godfather", "godfather: part ii"]
    assert _offered(["the"], "godf") == ["godfather", "godfather: part ii"]
    assert _offered([], "the godf") == ["the godfather", "the godfather: part ii"]  # quoted
    assert _offered([], "beau") == ["beautiful mind"]
    assert _offered([], "artif") == []  # "A.I." is no article


def test_the_words_typed_before_are_the_titles_first_words_in_any_punctuation():
    assert _offered(["star", "wars"], "the") == ["the last jedi"]
    assert _offered(["STAR"], "W") == ["Wars", "Wars: The Last Jedi"]  # as typed, then its own
    assert _offered(["star", "trek"], "") == []


def test_a_title_two_films_share_carries_its_year_and_accents_need_not_be_typed():
    assert _offered([], "heat") == ["heat (1995)", "heat (2013)", "heathers"]
    assert _offered([], "amel") == ["Amélie"]  # the letters differ: the title's own


def test_nothing_typed_offers_nothing_but_from_a_list_of_yours_and_at_most_the_limit():
    assert _offered([], "") == []
    assert _offered([], "", all_at_first=True)[:3] == ["The Godfather", "Heat", "Star Wars"]
    assert _offered([], "h", limit=2) == ["heat (1995)", "heat (2013)"]


def test_as_typed():
    assert as_typed("sci", "Science Fiction") == "science fiction"
    assert as_typed("Sci", "Science Fiction") == "Science Fiction"
    assert as_typed("", "Science Fiction") == "Science Fiction"


def test_people_are_offered_those_in_the_most_films_first(engine: Engine):
    """Sam Worthington is in two of the tiny films, their directors in one each."""
    named = people(engine.index().movies)
    assert named[0] == "Sam Worthington" and {"James Cameron", "Tom Hanks"} <= set(named)
    assert going_on(((name, None) for name in named), ["james"], "ca") == ["cameron"]


def test_a_list_is_tuned_by_the_genres_then_the_keywords_most_carried(tmp_path: Path):
    """TMDB tags eleven films with the keyword "drama", which a tuning reads as the genre:
    offered once, as the genre."""
    movies = tmdb_movie_index(tmp_path, [
        (90001, "A Tagged Drama", "2001-01-01", "A film.", ("Drama",), ("drama", "future"),
         ("An Actor",), "A Director", 6.0, 100)])
    offered = dimensions(movies)
    assert offered[:len(movies.all_genres())] == movies.all_genres()
    keywords = offered[len(movies.all_genres()):]
    assert keywords[0] == "future" and "drama" not in keywords  # in five films, the most
