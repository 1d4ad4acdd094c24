"""A person's films: everyone of TMDB 5000's cast and directors, their films best first by the
weighted rating, found by name in any case or accents, a wrong name answered with close ones."""

from __future__ import annotations

import pytest

from tui_recsys.engine.question import Ask
from tui_recsys.errors import UsageError


def _films(engine, name: str, k: int = 10) -> list[tuple[str, str]]:
    answer = engine.recommend(engine.strategy("person"), Ask(k=k, person=name))
    return [(item.title, item.reason.partition(";")[0]) for item in answer.items]


def test_an_actors_films_best_first_by_weighted_rating(engine):
    films = _films(engine, "sam worthington")
    assert films == [("Avatar", "Sam Worthington, top-billed"),
                     ("Clash of the Titans", "Sam Worthington, top-billed")]
    scores = [item.score for item in engine.recommend(
        engine.strategy("person"), Ask(person="Sam Worthington")).items]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 2


def test_a_director_and_the_cast_below_the_top(engine):
    assert _films(engine, "JAMES CAMERON") == [("Avatar", "James Cameron, director")]
    assert _films(engine, "Zoe Saldana") == [("Avatar", "Zoe Saldana, cast")]
    assert _films(engine, "Sam Worthington", k=1) == [("Avatar", "Sam Worthington, top-billed")]


def test_an_unknown_name_offers_the_close_ones(engine):
    with pytest.raises(UsageError, match="no one named 'Sam Worthingtn' in the catalogue; "
                                         "did you mean Sam Worthington"):
        _films(engine, "Sam Worthingtn")
    # a part of two names says whose names hold it: there is someone named so
    with pytest.raises(UsageError, match=r"^'tim' is in the names of 2 people: Tim Robbins, "
                                         r"Tim Roth \(most films first\); give more of the "
                                         r"name$"):
        _films(engine, "tim")


def test_a_part_of_one_name_only_names_that_person(engine):
    """`--name nolan` asked "did you mean Christopher Nolan?", though nobody else was meant."""
    assert _films(engine, "cameron") == [("Avatar", "James Cameron, director")]
    assert _films(engine, "worthington", k=1) == [("Avatar", "Sam Worthington, top-billed")]


def test_a_part_of_several_names_names_the_one_with_far_more_films():
    """`recommend person nolan` was refused for Nolan Gerard Funk's 3 films beside
    Christopher Nolan's 8, though the app's prompt offers him first."""
    from tui_recsys.engine.models.person_model import PersonModel

    films = ([("Christopher Nolan", ["Christian Bale"])] * 4
             + [("Tim Burton", ["Johnny Depp", "Nolan Gould"])] * 2
             + [("Tim Roth", ["Tim Robbins"])] * 3
             + [("J.K. Simmons", ["Miles Teller"])] * 4 + [("A Director", ["LL Cool J"])])
    model = PersonModel({"id": list(range(len(films))), "title": ["x"] * len(films),
                         "year": [None] * len(films), "movielens_id": [None] * len(films),
                         "director": [d for d, _ in films], "cast": [c for _, c in films],
                         "vote_count": [10] * len(films), "vote_average": [7.0] * len(films)},
                        0.5)
    assert model.named("nolan") == ("Christopher Nolan", "'nolan' is Christopher Nolan, with "
                                    "the most films by far; also in the names of Nolan Gould "
                                    "(give more of the name to choose another)")
    assert model.named("nolan gould") == ("Nolan Gould", "")
    # Tim Roth's 3 films against Tim Burton's 2 and Tim Robbins' 3: not by far
    with pytest.raises(UsageError, match=r"^'tim' is in the names of 3 people: Tim Robbins, "
                                         r"Tim Roth, Tim Burton \(most films first\)"):
        model.named("tim")
    # a lone letter is an initial, which names no one by far ("j" was J.K. Simmons)
    with pytest.raises(UsageError, match=r"^'j' is in the names of 2 people: J\.K\. Simmons, "
                                         r"LL Cool J"):
        model.named("j")


def test_a_name_typed_without_its_space_or_apostrophe_is_found():
    """`recommend person deniro` and `obrien` found no one: "De Niro" and "O'Brien" fold to
    two words, and people type them as one."""
    from tui_recsys.engine.models.person_model import PersonModel

    films = [("Martin Scorsese", ["Robert De Niro", "Dylan O'Brien"])] * 2 + [
        ("A Director", ["Guillermo del Toro"])]
    model = PersonModel({"id": list(range(len(films))), "title": ["x"] * len(films),
                         "year": [None] * len(films), "movielens_id": [None] * len(films),
                         "director": [d for d, _ in films], "cast": [c for _, c in films],
                         "vote_count": [10] * len(films), "vote_average": [7.0] * len(films)},
                        0.5)
    assert [model.name(asked) for asked in ("deniro", "Robert DeNiro", "obrien", "deltoro")] == [
        "Robert De Niro", "Robert De Niro", "Dylan O'Brien", "Guillermo del Toro"]
    assert model.people_named("deni", 5) == [("Robert De Niro", 2)]  # as the prompt offers
    with pytest.raises(UsageError, match="no one named 'eniro'"):  # a word's end is no name
        model.name("eniro")


def test_a_name_written_as_one_word_is_found_typed_as_two():
    """`recommend person di caprio` said "no one named 'di caprio'": DiCaprio folds to one
    word, and people type it as two, as they type De Niro as one."""
    from tui_recsys.engine.models.person_model import PersonModel

    films = [("Martin Scorsese", ["Leonardo DiCaprio", "Matthew McConaughey"])] * 2
    model = PersonModel({"id": [0, 1], "title": ["x"] * 2, "year": [None] * 2,
                         "movielens_id": [None] * 2, "director": [d for d, _ in films],
                         "cast": [c for _, c in films], "vote_count": [10] * 2,
                         "vote_average": [7.0] * 2}, 0.5)
    assert [model.name(asked) for asked in ("di caprio", "leonardo di caprio",
                                            "mc conaughey")] == [
        "Leonardo DiCaprio", "Leonardo DiCaprio", "Matthew McConaughey"]
    assert model.meant("di caprio") == "Leonardo DiCaprio"  # the film search says whose
    assert model.people_named("di cap", 5) == [("Leonardo DiCaprio", 2)]  # the app's prompt
    with pytest.raises(UsageError, match="no one named 'di martin'"):
        model.name("di martin")


def test_a_person_billed_below_the_top_three_is_found_in_their_films(tmp_path, cache_dir):
    """The catalogue kept the tutorial's top-3 cast alone: Tom Hardy, fifth in The Dark
    Knight Rises, had neither it nor Inception among his films. A film's billing is kept to
    its fifteenth name; the soup "more like this" compares still takes the first three."""
    from tests.support import MOVIES, hub_tmdb_frame, write_dataset
    from tui_recsys.engine.cache.store import Store
    from tui_recsys.engine.engine import Engine

    billed = tuple(f"Player {place}" for place in range(1, 18))
    rows = [(*row[:6], billed, *row[7:]) if row[1] == "Avatar" else row for row in MOVIES]
    data = write_dataset(tmp_path / "d", tmdb_frame=hub_tmdb_frame(rows))
    engine = Engine(Store(cache_dir), data)
    assert _films(engine, "player 15") == [("Avatar", "Player 15, cast")]
    with pytest.raises(UsageError, match="no one named 'player 16'"):
        _films(engine, "player 16")
    assert engine.people_named("play", limit=3) == [("Player 1", 1), ("Player 10", 1),
                                                    ("Player 11", 1)]
    cast = engine.model(engine.strategy("cast"))
    features = cast.rows["features"][list(cast.rows["id"]).index(19995)]
    assert [name for name in features if "Player" in name] == ["Player 1", "Player 2",
                                                               "Player 3"]


def test_a_name_in_another_script_is_found_and_no_letters_name_no_one(tmp_path, cache_dir):
    """Names were folded to ASCII letters: "Юлия Снигирь" to nothing, which any query of no
    Latin letter ("宮崎駿") then named."""
    from tests.support import MOVIES, hub_tmdb_frame, write_dataset
    from tui_recsys.engine.cache.store import Store
    from tui_recsys.engine.engine import Engine

    rows = [(*row[:6], ("Юлия Снигирь", "Søren Malling"), *row[7:]) if row[1] == "Avatar"
            else row for row in MOVIES]
    engine = Engine(Store(cache_dir), write_dataset(tmp_path / "d",
                                                    tmdb_frame=hub_tmdb_frame(rows)))
    assert _films(engine, "юлия") == [("Avatar", "Юлия Снигирь, top-billed")]
    assert _films(engine, "soren malling") == [("Avatar", "Søren Malling, cast")]
    assert engine.people_named("СНИГ", limit=3) == [("Юлия Снигирь", 1)]
    with pytest.raises(UsageError, match="no one named '宮崎駿'"):
        _films(engine, "宮崎駿")
    with pytest.raises(UsageError, match="'!!' holds no letter of a name"):
        _films(engine, "!!")


def test_a_name_typed_by_the_start_of_its_words_is_found_on_the_command_line():
    """`recommend person "sam jackson"` found no one, while the app's prompt, which reads
    each word as a word's start, offered Samuel L. Jackson first. Whole words still come
    first: "tim" is three Tims, not Timothy too."""
    from tui_recsys.engine.models.person_model import PersonModel

    films = ([("Christopher Nolan", ["Samuel L. Jackson"])] * 4
             + [("Tim Roth", ["Timothy Spall"])] * 2 + [("Tim Burton", ["Tim Robbins"])] * 2)
    model = PersonModel({"id": list(range(len(films))), "title": ["x"] * len(films),
                         "year": [None] * len(films), "movielens_id": [None] * len(films),
                         "director": [d for d, _ in films], "cast": [c for _, c in films],
                         "vote_count": [10] * len(films), "vote_average": [7.0] * len(films)},
                        0.5)
    assert model.named("sam jackson") == ("Samuel L. Jackson", "")
    assert model.named("chris nol") == ("Christopher Nolan", "")
    assert model.people_named("sam jack", 5) == [("Samuel L. Jackson", 4)]  # as the prompt
    with pytest.raises(UsageError, match=r"^'tim' is in the names of 3 people: Tim Burton, "
                                         r"Tim Robbins, Tim Roth"):
        model.named("tim")


def _meant(engine, typed: str) -> str | None:
    """Whose films the movies' search for `typed` may have meant, as the app and `search`
    ask: with the search's answer."""
    return engine.person_meant(typed, *engine.index().movies.search_or_nearest(typed, 5))


def test_a_film_search_no_title_holds_may_name_a_person(engine, tiny, tmp_path):
    """"nolan" in the movies' search listed White Oleander and six more as its matches (their
    letters in order), and said nothing of Christopher Nolan."""
    from tests.support import make_engine, write_dataset

    movies = engine.index().movies
    assert movies.search_or_nearest("worthington", 5)[1]  # held by no title: spelled near
    assert not movies.search_or_nearest("matrix", 5)[1]
    assert not engine.is_ready(engine.strategy("person"))
    # A film named (a link, an exact title, one too well known to be outshone), or too few
    # letters: nobody, and the person model is not built to say so
    for typed in ("https://www.themoviedb.org/movie/19995", "avatar", "the matrix", "zq"):
        assert _meant(engine, typed) is None
    assert not engine.is_ready(engine.strategy("person"))
    assert _meant(engine, "worthington") == "Sam Worthington"  # built for it, once
    assert engine.is_ready(engine.strategy("person"))
    assert _meant(engine, "JAMES CAMERON") == "James Cameron"
    # two alike, too few letters, a word's start (whole words only), no one
    assert [_meant(engine, typed) for typed in ("tim", "sa", "worth", "zzqx")] == [None] * 4
    movielens_only = make_engine(write_dataset(tmp_path / "ml", tmdb=None), tmp_path / "c")
    assert _meant(movielens_only, "worthington") is None  # no people in this data


def test_a_person_whose_films_outshine_the_titles_holding_the_name_is_said_too(tmp_path):
    """"kubrick" found "Stanley Kubrick: A Life in Pictures", which few rated, and said
    nothing of 2001 or The Shining: a title held the name. A film named so is what is meant
    ("hugo" is Hugo, not Hugo Weaving's)."""
    from tests.support import make_engine, named_in_titles_dataset

    engine = make_engine(named_in_titles_dataset(tmp_path / "d"), tmp_path / "c")
    assert not engine.index().movies.search_or_nearest("worthington", 5)[1]  # a title holds it
    assert _meant(engine, "worthington") == "Sam Worthington"  # Avatar outshines it
    assert _meant(engine, "saldana") is None  # a film named so
    assert _meant(engine, "james cameron") == "James Cameron"  # no title holds it
    # The Cameron Files, as well rated here as Avatar, is not outshone: the film is meant
    assert engine.model(engine.strategy("person")).meant("cameron") == "James Cameron"
    assert _meant(engine, "cameron") is None
