"""A film named by the link a movie lover has at hand (IMDb, TMDB, Letterboxd) or by its IMDb
id, wherever a title is typed: each was "no movie is titled 'https://…'"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import MOVIES, hub_tmdb_frame, movielens_frames, write_dataset
from tui_recsys.data.links import Link, read_link, unreadable_link
from tui_recsys.engine.cache.store import Store
from tui_recsys.engine.catalog.finding import find_any_movie, find_movie, find_rated_movie
from tui_recsys.engine.engine import Engine
from tui_recsys.errors import UsageError


@pytest.mark.parametrize(("typed", "link"), [
    ("tt0078748", Link(imdb_id=78748)), (" TT0078748 ", Link(imdb_id=78748)),
    ("https://www.imdb.com/title/tt0078748/", Link(imdb_id=78748)),
    ("imdb.com/title/tt0078748/?ref_=nv_sr_srsg_0", Link(imdb_id=78748)),
    ("https://m.imdb.com/title/tt0078748/reviews", Link(imdb_id=78748)),
    ("https://www.imdb.com/de/title/tt0078748/", Link(imdb_id=78748)),
    ("https://www.themoviedb.org/movie/348-alien", Link(tmdb_id=348)),
    ("themoviedb.org/movie/348?language=fr", Link(tmdb_id=348)),
    ("https://letterboxd.com/film/heat-1995/", Link(title="heat 1995")),
    ("https://letterboxd.com/someone/film/alien/reviews/", Link(title="alien")),
])
def test_a_link_or_an_imdb_id_names_its_film(typed: str, link: Link):
    assert read_link(typed) == link


@pytest.mark.parametrize("typed", ["alien", "tt3", "tt007874", "tt0078748x",
                                   "https://example.com/title/tt0078748/", "imdb.com/name/nm1"])
def test_anything_else_is_a_title(typed: str):
    assert read_link(typed) is None


def test_a_link_finds_its_film_in_the_search_and_where_a_title_is_asked(tiny: Path,
                                                                          cache_dir: Path):
    movies = Engine(Store(cache_dir), tiny).index().movies
    matrix = find_any_movie(movies, "The Matrix")
    assert [movies.entry(int(key)) for key in movies.search(
        "https://www.imdb.com/title/tt0133093/")] == [matrix]
    for typed in ("tt0133093", "https://www.themoviedb.org/movie/603-the-matrix",
                  "https://letterboxd.com/film/the-matrix/"):
        assert find_any_movie(movies, typed) == matrix
        assert find_movie(movies, typed).movie_id == 603
        assert find_rated_movie(movies, typed).movie_id == 3
    unlinked = find_any_movie(movies, "tt0000001")  # MovieLens alone knows it
    assert unlinked.title == "Unlinked Film" and unlinked.tmdb_id is None
    with pytest.raises(UsageError, match="is not in TMDB"):
        find_movie(movies, "tt0000001")
    with pytest.raises(UsageError, match=r"no movie here has IMDb id tt9999999 \(only "):
        find_any_movie(movies, "https://www.imdb.com/title/tt9999999/")
    assert not len(movies.search("tt9999999"))
    with pytest.raises(UsageError, match=r"no movie is titled exactly 'the matrx'") as said:
        find_any_movie(movies, "https://letterboxd.com/film/the-matrx/")  # named by its words
    assert "https" not in str(said.value)


def test_a_film_is_named_exactly_by_movielens_title_too(real_data: Path, cache_dir: Path):
    """A Letterboxd slug is Letterboxd's title, which is often MovieLens' ("Star Wars: Episode
    IV - A New Hope") where TMDB's is another ("Star Wars"): it was an inexact title."""
    movies = Engine(Store(cache_dir), real_data).index().movies
    for typed in ("https://letterboxd.com/film/star-wars-episode-iv-a-new-hope/",
                  "Star Wars: Episode IV - A New Hope (1977)", "Seven (a.k.a. Se7en)"):
        found = find_any_movie(movies, typed)
        assert (found.title, found.year) in {("Star Wars", 1977), ("Se7en", 1995)}, typed


@pytest.mark.parametrize(("typed", "said"), [
    ("https://boxd.it/2bmA", "is a short link, whose film only Letterboxd's site can tell"),
    ("boxd.it/2bmA", "is a short link"),
    ("https://www.themoviedb.org/tv/1399", "is not the address of a film's page on IMDb"),
    ("imdb.com/name/nm0000093/", "is not the address of a film's page"),
    ("https://example.com/title/tt0133093/", "is not the address of a film's page"),
    ("www.example.com", "is not the address of a film's page")])
def test_a_link_to_no_film_is_said_as_one(tiny: Path, cache_dir: Path, typed: str, said: str):
    """A boxd.it link, or a person's page, was searched as a title: "no movie is titled
    'https://boxd.it/2bmA'; try fewer letters" (or a film sharing a few of its letters)."""
    movies = Engine(Store(cache_dir), tiny).index().movies
    for finder in (find_any_movie, find_movie, find_rated_movie):
        with pytest.raises(UsageError, match=f"^'{re.escape(typed)}' {re.escape(said)}"):
            finder(movies, typed)
    assert unreadable_link("https://letterboxd.com/film/alien/") is None
    assert unreadable_link("alien") is None and unreadable_link("tt0078748") is None


def test_a_tmdb_link_to_a_film_tmdb_5000_lacks_finds_it_by_links_csv(tmp_path: Path,
                                                                     cache_dir: Path):
    """Heat's TMDB page (949), pasted: "no movie here has TMDB id 949 (TMDB ids are known here
    for the TMDB 5000 movies alone)", though links.csv names it; the strategies comparing in
    TMDB 5000 say it is not there, as for its title."""
    frames = movielens_frames()
    frames["movies"].loc[len(frames["movies"])] = (8, "Heat (1995)", "Action|Crime|Thriller")
    frames["links"].loc[len(frames["links"])] = (8, 113277, 949)
    frames["ratings"].loc[len(frames["ratings"])] = (42, 8, 4.0, 964982703)
    movies = Engine(Store(cache_dir), write_dataset(tmp_path / "data", movielens=frames)
                    ).index().movies
    heat = find_any_movie(movies, "https://www.themoviedb.org/movie/949-heat")
    assert (heat.title, heat.ml_id, heat.tmdb_id) == ("Heat", 8, None)
    assert find_rated_movie(movies, "themoviedb.org/movie/949").movie_id == 8
    with pytest.raises(UsageError, match=r"^Heat \(1995\) is not in TMDB 5000, which "):
        find_movie(movies, "https://www.themoviedb.org/movie/949-heat")
    assert movies.by_tmdb(603).title == "The Matrix"  # TMDB 5000's own first


def test_a_title_whose_best_known_film_tmdb_5000_lacks_is_said_beside_the_one_taken(
        tmp_path: Path, cache_dir: Path):
    """`recommend story heat` took The Heat (2013) without a word, while `rate heat` and the
    search take Heat (1995), which only MovieLens has."""
    frames = movielens_frames()
    frames["movies"].loc[len(frames["movies"])] = (8, "Heat (1995)", "Action|Crime|Thriller")
    frames["links"].loc[len(frames["links"])] = (8, 113277, 949)
    for user in (1, 2, 42):
        frames["ratings"].loc[len(frames["ratings"])] = (user, 8, 4.0, 964982703)
    the_heat = (136795, "The Heat", "2013-06-27", "An uptight FBI agent and a Boston cop.",
                ("Action", "Comedy"), ("female cop",), ("Sandra Bullock",), "Paul Feig", 6.3,
                20)
    movies = Engine(Store(cache_dir), write_dataset(
        tmp_path / "data", movielens=frames, tmdb_frame=hub_tmdb_frame([*MOVIES, the_heat]))
                    ).index().movies
    assert find_any_movie(movies, "heat").ml_id == 8
    choice = find_movie(movies, "heat")
    assert (choice.movie_id, choice.note) == (136795, (
        "using The Heat (2013, TMDB id 136795): Heat (1995), the best known titled so, is not "
        "in TMDB 5000"))
    assert find_movie(movies, "The Heat").note is None  # named as it is
    assert find_movie(movies, "Avatar").note is None
