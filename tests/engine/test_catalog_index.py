from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.support import MOVIES, hub_tmdb_frame, movielens_frames, write_dataset
from tui_recsys.data.titles import fold, initials, sequel_number
from tui_recsys.engine.cache.store import Store
from tui_recsys.engine.catalog.index import CatalogIndex, MovieIndex
from tui_recsys.engine.catalog.search import (
    CODES,
    FUZZY_GAP,
    OTHER,
    PAIR_BIT,
    SearchableTable,
    ranked_matches,
    signatures,
)
from tui_recsys.engine.engine import Engine
from tui_recsys.errors import UsageError


def _titles(count: int, seed: int = 3) -> list[str]:
    rng = np.random.default_rng(seed)
    syllables = np.array(["ka", "ra", "do", "mi", "the ", "ar", "k ", "ni", "ght", "o"])
    return ["".join(rng.choice(syllables, rng.integers(2, 7))).strip() for _ in range(count)]


def test_typing_narrows_to_exactly_what_a_fresh_search_finds():
    text = _titles(3000)
    index = SearchableTable(text)
    rng = np.random.default_rng(5)
    query = ""
    for _ in range(300):
        if query and rng.random() < 0.3:
            query = query[:-1]  # backspace
        else:
            query += str(rng.choice(list("kardomithegn ")))
        assert np.array_equal(index.search(query), ranked_matches(text, query.strip())), query


def test_the_titles_a_query_begins_are_counted_from_the_answers_head():
    text = _titles(3000)
    index = SearchableTable(text)
    for query in ("k", "ka", "the", "ra do", "ght", "o", "zz"):
        found = index.search(query)
        assert index.begun(found, query) == sum(t.startswith(query) for t in text), query


def test_search_ranks_prefix_then_word_then_substring_then_fuzzy():
    text = ["dark city", "the dark knight", "darkness", "mad ark", "d a r k", "dxxxark",
            "adark"]
    found = list(ranked_matches(text, "dark"))
    assert found[:2] == [0, 2]  # title prefix, in row order
    assert found[2] == 1  # a word starts with it
    assert found[3] == 6  # a substring
    assert found[4:] == [3, 4]  # fuzzy: its letters in order, at most two apart
    assert 5 not in found  # three apart is too far


def test_a_query_of_several_words_finds_them_in_any_order_where_words_start():
    """"fast and furious" did not find The Fast and the Furious, nor "lord rings" The Lord
    of the Rings: a person leaves a title's small words out. Every word where a word starts,
    in any order, after the titles holding the query whole and before its letters in order."""
    text = ["breakfasts and furious", "the fast and the furious", "fast and the curious",
            "furious and fast", "fast and furious", "f a s t and furious"]
    found = list(ranked_matches(text, "fast and furious"))
    assert found[:3] == [4, 1, 3]  # whole, then every word in either order, in row order
    assert 0 not in found[:3] and 2 not in found  # "fast" inside a word; "curious" no word typed
    assert found[3:] == [0, 5]  # its letters in order
    table = SearchableTable(text)
    for query in ("fast and furious", "furious fast", "lord rings", "fast", "fast fast"):
        assert np.array_equal(table.search(query), ranked_matches(text, query)), query
    # those that begin with the first word typed (after an article or not) first
    apes = ["dawn of the planet of the apes", "planet of the apes", "the planet of apes"]
    assert list(ranked_matches(apes, "planet apes")) == [1, 2, 0]
    assert list(SearchableTable(apes).search("planet apes")) == [1, 2, 0]


def _same_lists(built: CatalogIndex, loaded: CatalogIndex, keys: Iterable[int]) -> None:
    assert len(loaded.movies) == len(built.movies)
    assert len(loaded.users) == len(built.users)
    for key in keys:
        assert loaded.movies.entry(key) == built.movies.entry(key)
        assert loaded.movies.details(key) == built.movies.details(key)
    for key in range(len(built.users)):
        assert loaded.users.entry(key) == built.users.entry(key)
    for query in ("", "a", "the", "star war", "1995", "drama", "4", "zzzz"):
        assert np.array_equal(loaded.movies.search(query), built.movies.search(query))
        assert np.array_equal(loaded.users.search(query), built.users.search(query))


@pytest.fixture
def no_list_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> None:
        pytest.fail("the lists were built again instead of read from the cache")

    monkeypatch.setattr("tui_recsys.engine.building.index_build.movie_columns", fail)
    monkeypatch.setattr("tui_recsys.engine.building.index_build.user_columns", fail)


def test_lists_read_from_the_cache_equal_the_built_ones(tiny: Path, cache_dir: Path,
                                                        request: pytest.FixtureRequest):
    built = Engine(Store(cache_dir), tiny).index()
    assert any(built.movies.entry(k).tmdb_id is None for k in range(len(built.movies)))
    request.getfixturevalue("no_list_builds")
    _same_lists(built, Engine(Store(cache_dir), tiny).index(), range(len(built.movies)))


@pytest.mark.real_data
def test_real_lists_read_from_the_cache_equal_the_built_ones(real_data: Path, cache_dir: Path,
                                                             request: pytest.FixtureRequest):
    built = Engine(Store(cache_dir), real_data).index()
    request.getfixturevalue("no_list_builds")
    keys = np.random.default_rng(0).choice(len(built.movies), 300, replace=False)
    _same_lists(built, Engine(Store(cache_dir), real_data).index(), map(int, keys))


def test_a_user_entry_carries_their_stars_and_genre_mix(tiny: Path, cache_dir: Path):
    index = Engine(Store(cache_dir), tiny).index()
    user = index.users.by_id(42)  # rated 2.0, 5.0, 4.5, 1.0
    assert sum(user.histogram) == user.ratings == 4
    assert [user.histogram[i] for i in (1, 3, 8, 9)] == [1, 1, 1, 1]  # 1.0, 2.0, 4.5, 5.0
    counts = [count for _, count in user.genre_mix]
    assert counts == sorted(counts, reverse=True) and user.genres == [
        genre for genre, _ in user.genre_mix[:3]]
    loaded = Engine(Store(cache_dir), tiny).index().users.by_id(42)
    assert loaded == user


def test_a_signature_holds_exactly_the_pairs_of_letters_near_each_other():
    texts = [b"the matrix", b"", b"a", b"up", b"?x y", b"x" * 40, b"amelie 2001 a long title"]
    width = 48
    codes = CODES[np.array(texts, dtype=f"S{width}").view(np.uint8).reshape(-1, width)]
    for text, signed in zip(texts, signatures(codes), strict=True):
        expected = [0] * len(signed)
        letters = CODES[np.frombuffer(text, np.uint8)]
        for first in range(len(letters)):
            for second in range(first + 1, min(first + FUZZY_GAP + 2, len(letters))):
                if letters[first] < OTHER and letters[second] < OTHER:
                    bit = int(PAIR_BIT[letters[first], letters[second]])
                    expected[bit // 64] |= 1 << (bit % 64)
        assert [int(word) for word in signed] == expected, text


@pytest.mark.parametrize(("query", "words", "matches", "misses"), [
    ("godfather 2", "godfather", "godfather part ii", "godfather"),
    ("the godfather 2", "godfather", "godfather part ii", "godfather part iii"),
    ("toy story ii", "toy story", "toy story 2", "toy story"),
    ("rocky 20", "rocky", "rocky xx", "rocky 2000"),
    ("john wick 2", "john wick", "john wick chapter two", "john wick"),
    ("star wars 5", "star wars", "star wars episode v the empire strikes back",
     "star wars episode iv a new hope"),
    # a number further on is a part of another film of the series
    ("hunger games 2", "hunger games", "hunger games 2", "hunger games mockingjay part 2"),
    # a number typed as a word: "toy story three" found nothing
    ("toy story three", "toy story", "toy story 3", "toy story"),
])
def test_a_sequel_number_is_read_in_digits_and_in_roman_numerals(query: str, words: str,
                                                                 matches: str, misses: str):
    found = sequel_number(query)
    assert found is not None and found.words == words
    assert found.pattern.match(matches) and not found.pattern.match(misses)


@pytest.mark.parametrize("query", ["godfather", "2", "blade runner 2049", "rocky 21",
                                   "godfather part"])
def test_other_queries_have_no_sequel_number(query: str):
    assert sequel_number(query) is None


def _with_movielens(tmp_path: Path, cache_dir: Path, movies: list[tuple[int, str, str]]
                    ) -> MovieIndex:
    """The tiny data's movie list with these MovieLens movies (id, title, genres) too."""
    frames = movielens_frames()
    frames["movies"] = pd.concat([frames["movies"], pd.DataFrame(
        movies, columns=["movieId", "title", "genres"])])
    return Engine(Store(cache_dir), write_dataset(tmp_path / "data", movielens=frames)
                  ).index().movies


def _found(movies: MovieIndex, query: str) -> list[str]:
    return [movies.entry(int(key)).title for key in movies.search(query)]


def test_godfather_2_finds_part_ii_first_and_typing_on_still_narrows(tmp_path: Path,
                                                                     cache_dir: Path):
    """Titles write a sequel's number one way and people type the other."""
    movies = _with_movielens(tmp_path, cache_dir, [
        (901, "Godfather, The (1972)", "Crime|Drama"),
        (902, "Godfather: Part II, The (1974)", "Crime|Drama"),
        (903, "Toy Story 2 (1999)", "Animation")])

    def titles(query: str) -> list[str]:
        return _found(movies, query)

    assert titles("godfather 2")[0] == "The Godfather: Part II"
    assert titles("toy story ii")[0] == "Toy Story 2"
    # found by its number, not merely spelled like the query: said as a match
    assert not movies.search_or_nearest("toy story ii", 5)[1]
    assert movies.search_or_nearest("tosytory", 5)[1]
    assert "The Godfather" not in titles("godfather 2")[:1]
    fresh = SearchableTable(list(movies._search_text))
    for query in ("godfather 2 p", "toy story ii x"):  # narrowed from the answers above
        assert np.array_equal(movies.search(query), fresh.search(query))


def test_a_series_that_numbers_nothing_is_numbered_by_year(tmp_path: Path, cache_dir: Path):
    """"harry potter 3" found nothing: no title of the series holds a number."""
    leads = ("Daniel Radcliffe", "Rupert Grint", "Emma Watson")
    wizards = [(80000 + year, f"Harry Potter and the {name}", f"{year}-11-16", "A wizard.",
                ("Fantasy",), ("magic",), leads, "Chris Columbus", 7.0, 5000)
               for year, name in ((2002, "Chamber of Secrets"), (2001, "Philosopher's Stone"),
                                  (2004, "Prisoner of Azkaban"),
                                  (2011, "Deathly Hallows: Part 2"))]
    strangers = [(80100, "Harry Potter and the Fan Film", "2003-01-01", "Fans.", ("Comedy",),
                  ("fan",), ("A Fan", "Another Fan", "A Third"), "A Fan", 5.0, 10)]
    rings = [(80200 + year, title, f"{year}-12-19", "A ring.", ("Fantasy",), ("ring",), cast,
              "A Director", 7.0, votes) for year, title, cast, votes in (
                 (1978, "The Lord of the Rings", ("A Voice", "Another Voice", "A Third"), 100),
                 (2001, "The Lord of the Rings: The Fellowship of the Ring", leads, 9000),
                 (2002, "The Lord of the Rings: The Two Towers", leads, 8000))]
    movies = Engine(Store(cache_dir), write_dataset(
        tmp_path / "data", tmdb_frame=hub_tmdb_frame([*MOVIES, *wizards, *strangers, *rings]))
                    ).index().movies

    def first(query: str) -> str | None:
        found = movies.search(query)
        return movies.entry(int(found[0])).title if len(found) else None

    # the third by year of those sharing two leads with the best known; the fan film, of
    # 2003, shares none
    assert first("harry potter 3") == "Harry Potter and the Prisoner of Azkaban"
    assert first("harry potter 1") == "Harry Potter and the Philosopher's Stone"
    assert first("harry potter 5") is None
    # a number further on in a title is a part of another film, not the series' second
    assert first("harry potter 2") == "Harry Potter and the Chamber of Secrets"
    # the cartoon of 1978 begins alike but shares no lead with the trilogy's best known
    assert first("lord of the rings 2") == "The Lord of the Rings: The Two Towers"
    # typed by its initials, as "lotr" alone finds the trilogy: "lotr 2" was the cartoon
    assert first("lotr 2") == "The Lord of the Rings: The Two Towers"
    assert first("lotr 1") == "The Lord of the Rings: The Fellowship of the Ring"
    # its words run together, as the Philosopher's Stone was found for "harrypotter 3"
    assert first("harrypotter 3") == "Harry Potter and the Prisoner of Azkaban"
    assert first("lordoftherings 2") == "The Lord of the Rings: The Two Towers"


def test_a_sequel_typed_with_its_words_run_together_is_found(tmp_path: Path,
                                                            cache_dir: Path):
    """"toystory 2" listed Toy Story and Toy Story 3 before Toy Story 2 (their spellings
    nearest), "ironman 2" Iron Man 3 first: "toystory" finds the series, but no name begins
    with it."""
    movies = _with_movielens(tmp_path, cache_dir, [
        (901, "Toy Story (1995)", "Animation"), (902, "Toy Story 2 (1999)", "Animation"),
        (903, "Toy Story 3 (2010)", "Animation"), (904, "Iron Man (2008)", "Action"),
        (905, "Iron Man 2 (2010)", "Action"), (906, "Iron Man 3 (2013)", "Action"),
        (907, "Tetsuo, the Ironman (1988)", "Horror")])
    for query, sequel in (("toystory 2", "Toy Story 2"), ("toystory ii", "Toy Story 2"),
                          ("ironman 2", "Iron Man 2"), ("IronMan 3", "Iron Man 3"),
                          ("toy story 2", "Toy Story 2")):
        assert _found(movies, query)[0] == sequel, query


def test_a_series_counts_its_films_by_any_name_and_those_with_no_cast_by_genre(
        tmp_path: Path, cache_dir: Path):
    """"harry potter 7" found nothing (both Deathly Hallows are MovieLens' alone, with no cast
    to tell), and "indiana jones 2" was The Last Crusade (Raiders of the Lost Ark is "Indiana
    Jones and the Raiders of the Lost Ark" only in MovieLens' title)."""
    def film(tmdb_id: int, title: str, year: int, genres: tuple[str, ...],
             cast: tuple[str, ...]) -> tuple:
        return (tmdb_id, title, f"{year}-06-01", "A film.", genres, ("film",), cast,
                "A Director", 7.0, 9000 - year)

    ford = ("Harrison Ford", "Karen Allen", "Paul Freeman")
    movies = [film(82001, "Raiders of the Lost Ark", 1981, ("Adventure",), ford),
              film(82002, "Indiana Jones and the Temple of Doom", 1984, ("Adventure",),
                   ("Harrison Ford", "Kate Capshaw", "Ke Huy Quan")),
              film(82003, "Indiana Jones and the Last Crusade", 1989, ("Adventure",),
                   ("Harrison Ford", "Sean Connery", "Denholm Elliott")),
              film(82004, "Rocky", 1976, ("Drama",), ("Sylvester Stallone", "Talia Shire",
                                                      "Burt Young"))]
    frames = movielens_frames()
    frames["movies"] = pd.concat([frames["movies"], pd.DataFrame([
        (920, "Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark) (1981)",
         "Action|Adventure"),
        (921, "Rocky Horror Picture Show, The (1975)", "Comedy|Horror|Musical"),
        (922, "Rocky II (1979)", "Action|Drama"),
        (923, "Rocky Balboa (2006)", "Drama")], columns=["movieId", "title", "genres"])])
    frames["links"] = pd.concat([frames["links"], pd.DataFrame(
        [(920, 82001, 82001)], columns=["movieId", "imdbId", "tmdbId"])]).astype(
            {"tmdbId": "Int64"})
    index = Engine(Store(cache_dir), write_dataset(
        tmp_path / "data", tmdb_frame=hub_tmdb_frame([*MOVIES, *movies]), movielens=frames)
                   ).index().movies
    assert _found(index, "indiana jones 2")[0] == "Indiana Jones and the Temple of Doom"
    assert _found(index, "rocky 3")[0] == "Rocky Balboa"  # not the Rocky Horror Picture Show


def test_a_series_is_the_one_its_words_name_and_a_film_far_better_known_than_its_number(
        tmp_path: Path, cache_dir: Path):
    """"blade 3" found nothing: the films were counted in the series of the best known film
    beginning so, Blade Runner's. "captain america 2" was a TV film of 1979 titled "Captain
    America II", which The Winter Soldier, the second of Chris Evans', outshines."""
    def film(tmdb_id: int, title: str, year: int, cast: tuple[str, ...], votes: int) -> tuple:
        return (tmdb_id, title, f"{year}-06-01", "A film.", ("Action",), ("film",), cast,
                "A Director", 7.0, votes)

    ford, snipes = ("Harrison Ford", "Rutger Hauer", "Sean Young"), ("Wesley Snipes", "B", "C")
    evans, salinger = ("Chris Evans", "Hayley Atwell", "D"), ("Reb Brown", "Len Birman", "E")
    films = [film(84101, "Blade Runner", 1982, ford, 9000),
             film(84102, "Blade Runner 2049", 2017, ("Ryan Gosling", "Harrison Ford", "F"), 6000),
             film(84103, "Blade", 1998, snipes, 3000), film(84104, "Blade II", 2002, snipes, 2500),
             film(84105, "Blade: Trinity", 2004, snipes, 2000),
             film(84106, "Captain America: The First Avenger", 2011, evans, 8000),
             film(84107, "Captain America: The Winter Soldier", 2014, evans, 8500),
             film(84108, "Captain America II: Death Too Soon", 1979, salinger, 20)]
    index = Engine(Store(cache_dir), write_dataset(
        tmp_path / "data", tmdb_frame=hub_tmdb_frame([*MOVIES, *films]))).index().movies
    assert _found(index, "blade 3")[0] == "Blade: Trinity"
    assert _found(index, "blade 1")[0] == "Blade"
    assert _found(index, "blade runner 2")[0] == "Blade Runner 2049"
    found = _found(index, "captain america 2")
    assert found[0] == "Captain America: The Winter Soldier"
    assert "Captain America II: Death Too Soon" in found  # still found, after


def test_a_series_counts_a_title_that_has_its_name_later_where_a_lead_is_shared(
        tmp_path: Path, cache_dir: Path):
    """"die hard 4" was Die Hard itself (Live Free or Die Hard does not begin so), "alien 2"
    Alien³ (Aliens is not "alien ..."), "alien 4" Alien Nation."""
    def film(tmdb_id: int, title: str, year: int, cast: tuple[str, ...]) -> tuple:
        return (tmdb_id, title, f"{year}-06-01", "A film.", ("Action",), ("film",), cast,
                "A Director", 7.0, 9000 - year)

    willis = ("Bruce Willis", "Alan Rickman", "Bonnie Bedelia")
    weaver = ("Sigourney Weaver", "Tom Skerritt", "John Hurt")
    films = [film(83001, "Die Hard", 1988, willis), film(83002, "Die Hard 2", 1990, willis),
             film(83003, "Die Hard: With a Vengeance", 1995, willis),
             film(83004, "Live Free or Die Hard", 2007, willis),
             film(83005, "Alien", 1979, weaver), film(83006, "Aliens", 1986, weaver),
             film(83007, "Alien³", 1992, weaver), film(83008, "Alien Nation", 1988,
                                                       ("James Caan", "Mandy Patinkin", "X")),
             film(83009, "AVP: Alien vs. Predator", 2004, ("Sanaa Lathan", "Raoul Bova", "Y")),
             film(83010, "Alien: Resurrection", 1997, weaver)]
    index = Engine(Store(cache_dir), write_dataset(
        tmp_path / "data", tmdb_frame=hub_tmdb_frame([*MOVIES, *films]))).index().movies
    assert _found(index, "die hard 4")[0] == "Live Free or Die Hard"
    assert _found(index, "alien 2")[0] == "Aliens"
    assert _found(index, "alien 3")[0] == "Alien³"
    assert _found(index, "alien 4")[0] == "Alien: Resurrection"  # not AVP, which has no Weaver


def test_a_sequel_typed_with_its_number_in_words_is_found_where_no_title_holds_them(
        tmp_path: Path, cache_dir: Path):
    """"toy story three" and "rocky two" found no film; "ocean's 11" was the film of 1960
    (MovieLens: "a.k.a. Ocean's 11"), that of 2001 second; and "ready player one" must stay
    Ready Player One, not the first film of a series of "player"."""
    frames = movielens_frames()
    frames["movies"] = pd.concat([frames["movies"], pd.DataFrame([
        (940, "Ocean's Eleven (a.k.a. Ocean's 11) (1960)", "Comedy|Crime"),
        (941, "Ocean's Eleven (2001)", "Crime|Thriller"),
        (942, "Toy Story 3 (2010)", "Animation"), (943, "Toy Story (1995)", "Animation"),
        (944, "Ready Player One (2018)", "Action|Sci-Fi"),
        (945, "Player, The (1992)", "Comedy|Crime"), (946, "Rocky II (1979)", "Drama")],
        columns=["movieId", "title", "genres"])])
    frames["ratings"] = pd.concat([frames["ratings"], pd.DataFrame(
        [(user, 941, 4.0, 964982703) for user in (1, 2)],
        columns=["userId", "movieId", "rating", "timestamp"])])
    index = Engine(Store(cache_dir), write_dataset(tmp_path / "data", movielens=frames)
                   ).index().movies
    assert _found(index, "toy story three")[0] == "Toy Story 3"
    assert _found(index, "rocky two")[0] == "Rocky II"
    assert _found(index, "ocean's 11")[:2] == ["Ocean's Eleven", "Ocean's Eleven"]
    assert index.entry(int(index.search("ocean's 11")[0])).year == 2001
    assert _found(index, "ready player one")[0] == "Ready Player One"
    assert _found(index, "player one") == ["Ready Player One"]


def test_a_sequel_titled_by_fewer_words_and_its_number_is_found(tmp_path: Path,
                                                                cache_dir: Path):
    """"fast and furious 7" found no film: Furious 7 and Fast Five do not begin with the
    series' words, and the films that do (MovieLens' alone, with no cast) are two."""
    crew = ("Vin Diesel", "Paul Walker", "Dwayne Johnson")
    films = [(84000 + year, title, f"{year}-04-01", "Cars.", genres, ("car",), cast,
              "A Director", 7.0, votes) for year, title, genres, cast, votes in (
                 (2001, "The Fast and the Furious", ("Action",), crew, 5000),
                 (2011, "Fast Five", ("Action",), crew, 4000),
                 (2015, "Furious 7", ("Action",), crew, 4500),
                 (2000, "Furious 5", ("Documentary",), ("A", "B", "C"), 100))]
    frames = movielens_frames()
    frames["movies"] = pd.concat([frames["movies"], pd.DataFrame(
        [(930, "Fast & Furious (Fast and the Furious 4, The) (2009)", "Action|Crime"),
         (931, "Fast & Furious 6 (2013)", "Action"),
         (932, "2 Fast 2 Furious (Fast and the Furious 2, The) (2003)", "Action"),
         (933, "Fast and the Furious: Tokyo Drift, The (Fast and the Furious 3, The) (2006)",
          "Action")], columns=["movieId", "title", "genres"])])
    index = Engine(Store(cache_dir), write_dataset(
        tmp_path / "data", tmdb_frame=hub_tmdb_frame([*MOVIES, *films]), movielens=frames)
                   ).index().movies
    assert _found(index, "fast and furious 7")[0] == "Furious 7"
    assert _found(index, "fast & furious 7")[0] == "Furious 7"
    # its number written as a word; not the documentary, of no series of these
    assert _found(index, "fast and furious 5")[0] == "Fast Five"
    assert _found(index, "fast and furious 6")[0] == "Fast & Furious 6"
    assert not index.search("fast and furious 9").size
    # counted by year among the titles that begin so, Fast & Furious 6 came second: a film
    # whose name gives the series another number is never the one asked for
    assert _found(index, "fast and furious 2")[0] != "Fast & Furious 6"
    # the series' words typed without the articles its titles have (MovieLens names the
    # second "Fast and the Furious 2, The"), and the first by its place
    assert _found(index, "fast and furious 1")[0] == "The Fast and the Furious"
    assert _found(index, "fast and furious 2")[0] == "2 Fast 2 Furious"
    assert _found(index, "fast and furious 3")[0] == "The Fast and the Furious: Tokyo Drift"
    assert _found(index, "fast and furious 4")[0] == "Fast & Furious"
    assert "The Fast and the Furious" in _found(index, "fast and furious")
    # and so a title named for `rate` (`rate "fast and furious 2" 4`)
    second = index.by_title("fast and furious 2", None)
    assert second is not None and second.title == "2 Fast 2 Furious"


def test_a_film_named_exactly_comes_first_unless_a_far_better_known_one_outshines_it(
        tmp_path: Path, cache_dir: Path):
    """"seven" listed Seven Pounds, Seven Samurai and eight more before Se7en (MovieLens:
    "Seven (a.k.a. Se7en)"); "shining" Shining Through before The Shining; "spiderman" The
    Amazing Spider-Man before Spider-Man; "it" It's a Wonderful Life before It."""
    films = [(81000 + n, title, "2000-01-01", "A film.", ("Drama",), ("film",),
              (f"Lead {n}", f"Second {n}", f"Third {n}"), f"Director {n}", 6.0, votes)
             for n, (title, votes) in enumerate((
                 ("Shining Through", 5000), ("The Shining", 3000), ("Spider-Man", 4000),
                 ("The Amazing Spider-Man", 9000), ("The Lord of the Rings", 300),
                 ("The Lord of the Rings: The Two Towers", 9000), ("WALL·E", 3000),
                 ("Walled In", 4000)))]
    movies = Engine(Store(cache_dir), write_dataset(
        tmp_path / "data", tmdb_frame=hub_tmdb_frame([*MOVIES, *films]))).index().movies
    assert _found(movies, "shining")[:2] == ["The Shining", "Shining Through"]
    assert _found(movies, "The Shining")[0] == "The Shining"
    assert _found(movies, "spiderman")[0] == "Spider-Man"
    assert _found(movies, "walle")[0] == "WALL·E"
    # and named so where a title must be exact (`rate spiderman 3` was refused)
    assert [movies.by_title(typed, None).title for typed in ("spiderman", "shining")] == [
        "Spider-Man", "The Shining"]
    # the cartoon of the name alone is a thirtieth as known as the trilogy's film
    assert _found(movies, "lord of the rings")[0] == "The Lord of the Rings: The Two Towers"
    aka = _with_movielens(tmp_path / "aka", cache_dir / "aka", [
        (901, "Seven Pounds (2008)", "Drama"), (902, "Seven (a.k.a. Se7en) (1995)", "Crime")])
    assert _found(aka, "se7en")[0] == _found(aka, "seven")[0] == "Seven"


def test_a_typo_that_matches_nothing_is_offered_the_nearest_spellings():
    """"godfahter", "pulp fictoin": no title holds their letters in order, and search said
    only "try fewer letters"."""
    text = [fold(title) for title in ("The Godfather", "Pulp Fiction", "Stranger Than Fiction",
                                      "Godzilla", "Heat", "The Godfather: Part II")]
    table = SearchableTable(text)
    for typo in ("godfahter", "pulp fictoin", "fictoin", "qwerty", "hta"):
        assert not len(table.search(typo))
    assert list(table.closest("godfahter")) == [0, 5]
    assert list(table.closest("pulp fictoin")) == [1]
    assert list(table.closest("fictoin"))[:1] == [1]  # a later word, misspelt
    assert list(table.closest("godfahter", 1)) == [0]
    assert not len(table.closest("qwerty")) and not len(table.closest("hta"))  # too few


def test_a_typo_s_nearest_spellings_go_before_letters_merely_in_order(tmp_path: Path,
                                                                      cache_dir: Path):
    """"batamn" listed Sebastian Maniscalco's special (its letters in order) and not Batman."""
    movies = _with_movielens(tmp_path, cache_dir, [
        (901, "Sebastian Maniscalco: What's Wrong with People? (2016)", "Comedy"),
        (902, "Batman (1989)", "Action")])
    assert _found(movies, "batamn") == ["Batman", "Sebastian Maniscalco: What's Wrong with "
                                                  "People?"]


def test_a_long_title_is_found_by_its_initials(tmp_path: Path, cache_dir: Path):
    """"lotr" found Raiders of the Lost Ark (its letters in order), not the trilogy."""
    movies = _with_movielens(tmp_path, cache_dir, [
        (901, "Raiders of the Lost Ark (1981)", "Action"),
        (902, "Lord of the Rings: The Two Towers, The (2002)", "Fantasy"),
        (903, "Matrix, The (1999)", "Action")])
    assert _found(movies, "lotr")[0] == "The Lord of the Rings: The Two Towers"
    assert _found(movies, "rotla") == ["Raiders of the Lost Ark"]
    assert initials(pd.Series(["the matrix", "2 fast 2 furious", "a bug s life"])).tolist() == [
        "", "2f2f", "bsl"]


def test_another_scripts_letters_are_searched_and_a_text_of_none_finds_nothing():
    """Titles were folded to ASCII letters: "千と千尋" folded to nothing and listed every
    movie (enter took the first), "Солярис" found nothing."""
    text = [fold(title) for title in ("Forrest Gump", "千と千尋の神隠し", "Солярис",
                                      "Søren's Łódź", "Spirited Away")]
    table = SearchableTable(text)
    for query, expected in (("千と千尋", [1]), ("СОЛЯ", [2]), ("солярис", [2]),
                            ("soren", [3]), ("lodz", [3]), ("!!!", []), ("", [0, 1, 2, 3, 4]),
                            ("  ", [0, 1, 2, 3, 4])):
        assert list(table.search(query)) == expected, query
        assert list(SearchableTable(text).search(query)) == expected, query  # a first key
    assert list(table.search("спирит")) == []


def test_a_text_of_no_letters_names_no_film(tmp_path: Path, cache_dir: Path):
    """`rate 千と千尋 5` rated Crouching Tiger, Hidden Dragon: its original title, 臥虎藏龍,
    folded to nothing, as the query did, and nothing equals nothing."""
    from tests.support import hub_tmdb_frame
    from tui_recsys.engine.catalog.finding import find_any_movie, find_movie

    frame = hub_tmdb_frame()
    frame.loc[frame["title"] == "Four Rooms", "original_title"] = "臥虎藏龍"
    frame.loc[frame["title"] == "Avatar", "original_title"] = "千と千尋の神隠し"
    movies = Engine(Store(cache_dir), write_dataset(tmp_path / "d", tmdb_frame=frame)).index(
    ).movies
    assert find_any_movie(movies, "千と千尋の神隠し").title == "Avatar"
    assert find_movie(movies, "臥虎藏龍").title == "Four Rooms"
    with pytest.raises(UsageError, match="did you mean Avatar"):  # not Four Rooms
        find_any_movie(movies, "千と千尋")
    partly = find_movie(movies, "千と千尋")  # the best match, said as one
    assert partly.title == "Avatar" and "no title is exactly '千と千尋'" in partly.note
    for finder in (find_any_movie, find_movie):
        with pytest.raises(UsageError, match="'!!!' holds no letter or digit of a title"):
            finder(movies, "!!!")
        with pytest.raises(UsageError, match=r"^an empty title; name a movie$"):
            finder(movies, " \t ")
    assert movies.by_title("?!", None) is None


def test_a_film_whose_name_begins_with_the_query_ranks_with_those_whose_title_does(
        tmp_path: Path, cache_dir: Path):
    """"lord" listed Lord of Illusions before The Lord of the Rings (its title begins with
    its article), "et" Ethan Frome before E.T. (its letters spaced): a person types a film's
    name from its start, whichever name they know it by."""
    movies = _with_movielens(tmp_path, cache_dir, [  # the better known first, as listed
        (901, "Lord of the Rings: The Fellowship of the Ring, The (2001)", "Adventure"),
        (903, "E.T. the Extra-Terrestrial (1982)", "Children"),
        (904, "Lord of Illusions (1995)", "Horror"), (905, "Ethan Frome (1993)", "Drama")])
    ours = {title for key in range(901, 906)
            if (title := (entry := movies.by_movielens(key)) and entry.title)}

    def found(query: str) -> list[str]:
        return [title for title in _found(movies, query) if title in ours]

    assert found("lord")[:2] == ["The Lord of the Rings: The Fellowship of the Ring",
                                 "Lord of Illusions"]
    assert found("et")[:2] == ["E.T. the Extra-Terrestrial", "Ethan Frome"]
    assert found("the lord")[:1] == ["The Lord of the Rings: The Fellowship of the Ring"]


def test_a_whole_subtitle_names_a_better_known_film_as_a_title_would(
        tmp_path: Path, cache_dir: Path):
    """"tokyo drift" listed Tokyo Drifter, which few know, before The Fast and the Furious:
    Tokyo Drift; a subtitle counts only whole, of two words or more, and for a film better
    known than the first found ("cold blood" stays In Cold Blood)."""
    movies = _with_movielens(tmp_path, cache_dir, [  # the better known first, as listed
        (901, "Fast and the Furious: Tokyo Drift, The (2006)", "Action"),
        (902, "In Cold Blood (1967)", "Crime"), (903, "X-Men: Apocalypse (2016)", "Action"),
        (904, "Tokyo Drifter (Tôkyô nagaremono) (1966)", "Action"),
        (905, "Kizumonogatari III: Cold Blood (2017)", "Animation"),
        (906, "Apocalypse Now (1979)", "War")])
    ours = {title for key in range(901, 907)
            if (title := (entry := movies.by_movielens(key)) and entry.title)}

    def first(query: str) -> str:
        return next(title for title in _found(movies, query) if title in ours)

    assert first("tokyo drift") == "The Fast and the Furious: Tokyo Drift"
    assert first("tokyo drifte") == "Tokyo Drifter"  # not the whole subtitle
    assert first("cold blood") == "In Cold Blood"  # the subtitle's film less known
    assert first("apocalypse") == "Apocalypse Now"  # a word: no film is named by it
