from pathlib import Path

import pandas as pd
import pytest

from tests.support import write_dataset
from tui_recsys.data.catalog import load_catalog
from tui_recsys.data.sources import LocalFolder
from tui_recsys.data.titles import fold, fold_all, front_article, split_movielens_title


def test_tmdb_is_normalised(tiny: Path):
    movies = load_catalog(LocalFolder(tiny)).movies.set_index("id")
    avatar = movies.loc[19995]
    assert avatar["year"] == 2009
    assert avatar["cast"] == ["Sam Worthington", "Zoe Saldana", "Sigourney Weaver"]
    assert avatar["director"] == "James Cameron"
    assert avatar["genres"] == ["Action", "Adventure", "Fantasy", "Science Fiction"]
    assert movies.loc[13, "director"] == ""  # no Director in its crew
    assert movies.loc[5, "overview"] == ""  # missing overview


@pytest.mark.parametrize("links", [True, False])
def test_link_by_links_csv_or_by_title_and_year(tmp_path: Path, links: bool):
    catalog = load_catalog(LocalFolder(write_dataset(tmp_path / "d", links=links)))
    linked = dict(zip(catalog.ml_movies["movie_id"], catalog.ml_movies["tmdb_id"], strict=True))
    assert linked[2] == 9087  # "American President, The (1995)" = "The American President"
    assert linked[3] == 603 and linked[1] == 19995 and linked[5] == 278
    assert linked[6] is None or str(linked[6]) == "<NA>"  # TMDB id 194 is not in TMDB 5000
    assert str(linked[7]) == "<NA>"


def test_movielens_titles():
    assert split_movielens_title("American President, The (1995)") == (
        "The American President", 1995, [])
    assert split_movielens_title("Spirited Away (Sen to Chihiro no kamikakushi) (2001)") == (
        "Spirited Away", 2001, ["Sen to Chihiro no kamikakushi"])
    assert split_movielens_title("Sunset Blvd. (a.k.a. Sunset Boulevard) (1950)")[2] == [
        "Sunset Boulevard"]
    assert split_movielens_title("Untitled") == ("Untitled", None, [])
    assert front_article("Homme et une femme, Un") == "Un Homme et une femme"
    assert fold("Amélie & Nino!") == "amelie and nino"


def test_ml_movies_genres_and_ratings(tiny: Path):
    catalog = load_catalog(LocalFolder(tiny))
    ml = catalog.ml_movies.set_index("movie_id")
    assert ml.loc[7, "genres"] == []
    assert ml.loc[1, "genres"] == ["Action", "Adventure", "Science Fiction", "IMAX"]  # TMDB's
    assert list(catalog.ratings.columns) == ["user_id", "movie_id", "rating"]
    assert len(catalog.ratings) == 10


def test_fold_all_is_fold_over_a_column():
    samples = ["Amélie", "Fast & Furious", "  Léon: The Professional ", "千と千尋の神隠し",
               "Straße", "WALL·E", "Ça tourne (2001)", "", "Æon Flux", "Don't Look Now!"]
    assert fold_all(pd.Series(samples)).tolist() == [fold(s) for s in samples]


def test_a_titles_numbers_read_alike_however_written():
    from tui_recsys.data.titles import fold, numbers_as_digits, without_numbers

    for one, other in (("John Wick: Chapter 2", "John Wick: Chapter Two"),
                       ("Rocky II", "Rocky 2"), ("Ocean's Eleven", "Ocean's 11")):
        assert numbers_as_digits(fold(one)) == numbers_as_digits(fold(other))
    assert numbers_as_digits("i robot") == "i robot"  # "i" is a word before a numeral
    assert without_numbers("john wick chapter two") == "john wick chapter"


def test_an_episode_is_named_without_its_number_too():
    """A Letterboxd export's "Star Wars: The Force Awakens" (2015) was unmatched: MovieLens
    alone has the film, as "Star Wars: Episode VII - The Force Awakens"."""
    from tui_recsys.data.titles import names_all

    names = names_all(pd.Series([["Star Wars: Episode VII - The Force Awakens"],
                                 ["Star Wars: Episode I \u2013 The Phantom Menace", "Other"],
                                 ["Star Wars"], []])).tolist()
    assert names == [["star wars episode vii the force awakens", "star wars the force awakens"],
                     ["star wars episode i the phantom menace", "star wars the phantom menace",
                      "other"],
                     ["star wars"], []]
