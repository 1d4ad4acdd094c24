"""Data with one catalogue: every strategy that can answer does, the others say why not, on
the command line and in the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import (
    make_app,
    make_engine,
    screen_text,
    seeded_factors,
    settle,
    write_dataset,
)
from tui_recsys.cli.main import main
from tui_recsys.data.profile_file import Rated
from tui_recsys.engine.question import Ask, MovieFilter
from tui_recsys.errors import UsageError


@pytest.fixture
def movielens_only(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "ml", tmdb=None)


@pytest.fixture
def tmdb_only(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "tmdb", with_movielens=False)


def test_movielens_alone_charts_its_ratings(movielens_only: Path, tmp_path: Path):
    engine = make_engine(movielens_only, tmp_path / "cache", trainer=seeded_factors)
    chart = engine.recommend(engine.strategy("chart"), Ask(k=3)).items
    assert chart and all(item.tmdb_id is None and item.movielens_id for item in chart)
    assert chart[0].reason.startswith("average ") and " stars from " in chart[0].reason
    ratings = engine.catalog().ratings
    best = ratings[ratings["movie_id"] == chart[0].movielens_id]
    assert f"from {len(best)} ratings" in chart[0].reason
    # a genre by either catalogue's name
    scifi = engine.recommend(engine.strategy("chart"),
                             Ask(k=3, chart_filter=MovieFilter("science fiction"))).items
    assert scifi and all("chart of Science Fiction" in item.reason for item in scifi)
    by_movielens_name = engine.recommend(engine.strategy("chart"),
                                         Ask(k=3, chart_filter=MovieFilter("Sci-Fi"))).items
    assert by_movielens_name == scifi


def test_movielens_alone_answers_by_ratings_and_says_why_not_by_story(
        movielens_only: Path, tmp_path: Path):
    engine = make_engine(movielens_only, tmp_path / "cache", trainer=seeded_factors)
    for name in ("story", "cast"):
        with pytest.raises(UsageError, match="needs TMDB 5000 data"):
            engine.recommend(engine.strategy(name), Ask(movie_id=19995))
        assert not engine.is_ready(engine.strategy(name))
    assert engine.recommend(engine.strategy("for-user"), Ask(user_id=1)).items
    movie = engine.index().movies.by_movielens(1)
    assert movie is not None
    assert engine.recommend(engine.strategy("by-ratings"), Ask(movielens_id=1)).items
    rated = Rated(movielens_id=1, tmdb_id=None, title=movie.title, year=movie.year,
                  stars=5.0, rated_at=1)
    for_you = engine.recommend(engine.strategy("for-you"), Ask(k=3, ratings=(rated,)))
    assert for_you.items and not any("similar story" in i.reason for i in for_you.items)


def test_tmdb_alone_answers_by_content_and_says_why_not_by_ratings(
        tmdb_only: Path, tmp_path: Path):
    engine = make_engine(tmdb_only, tmp_path / "cache", trainer=seeded_factors)
    chart = engine.recommend(engine.strategy("chart"), Ask(k=3)).items
    assert chart and " votes; weighted " in chart[0].reason
    assert engine.recommend(engine.strategy("story"), Ask(movie_id=19995)).items
    for name in ("for-user", "by-ratings", "for-you"):
        with pytest.raises(UsageError, match="needs MovieLens data"):
            engine.recommend(engine.strategy(name), Ask(user_id=1, movielens_id=1))
    assert len(engine.index().users) == 0


def test_the_command_line_says_why_before_looking_a_title_up(movielens_only: Path,
                                                              tmp_path: Path, capsys):
    code = main(["recommend", "story", "--movie", "no such film", "--data",
                 str(movielens_only), "--cache-dir", str(tmp_path / "cache")])
    err = capsys.readouterr().err
    assert code == 2
    assert "story needs TMDB 5000 data" in err and "no such film" not in err
    assert len(err.strip().splitlines()) == 1


async def test_the_app_says_why_a_strategy_is_unavailable(movielens_only: Path,
                                                          tmp_path: Path):
    app = make_app(movielens_only, tmp_path / "cache")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "story needs TMDB 5000 data" in screen_text(app)
        await pilot.press("1")
        await settle(pilot)
        assert "stars from" in screen_text(app)


def test_build_all_builds_what_the_data_allows(tmdb_only: Path, tmp_path: Path, capsys):
    where = ["--data", str(tmdb_only), "--cache-dir", str(tmp_path / "cache")]
    assert main(["build", *where]) == 0
    err = capsys.readouterr().err
    assert "story: built" in err and "cast: built" in err
    assert "for-user: skipped, for-user needs MovieLens data" in err
    assert main(["build", "for-user", *where]) == 2  # asked for by name: an error


def test_the_genre_filter_offers_the_charted_catalogue_s_genres(movielens_only: Path,
                                                                 tmp_path: Path):
    """TMDB's genres where TMDB 5000 is charted (a MovieLens-only movie's "Film-Noir" would be
    refused by the chart), MovieLens' where it is not; every one offered charts."""
    import pandas as pd

    from tests.support import movielens_frames

    frames = movielens_frames()
    frames["movies"] = pd.concat([frames["movies"], pd.DataFrame(
        [(9999, "Only In MovieLens (1950)", "Film-Noir")], columns=["movieId", "title",
                                                                     "genres"])])
    frames["ratings"] = pd.concat([frames["ratings"], pd.DataFrame(
        [(1, 9999, 4.0, 964982703)], columns=["userId", "movieId", "rating", "timestamp"])])
    both = write_dataset(tmp_path / "both", movielens=frames)
    for data in (both, movielens_only):
        engine = make_engine(data, tmp_path / f"cache-{data.name}", trainer=seeded_factors)
        offered = engine.genres()
        assert offered == engine.model(engine.strategy("chart")).genres
        for genre in offered:
            engine.recommend(engine.strategy("chart"),
                             Ask(k=1, chart_filter=MovieFilter(genre)))
    assert "Film-Noir" not in make_engine(both, tmp_path / "cache-both").genres()


async def test_why_names_a_hostile_folder_literally(tmp_path: Path):
    """The reason names the data folder, whose name is the user's: shown as it is, and no
    escape byte from it reaches the terminal."""
    data = write_dataset(tmp_path / "[bold]x[/]\x1b[31m", tmdb=None)
    app = make_app(data, tmp_path / "cache")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        shown = screen_text(app)  # the message read whole, however long the path wraps
        message = str(app.query_one("#results-message").render())
        assert "[bold]x[/]\ufffd[31m holds none" in message and "\x1b[31m" not in shown


def test_tmdb_alone_says_why_there_is_no_quick_start(tmdb_only: Path, tmp_path: Path,
                                                    capsys):
    """The rounds are MovieLens movies, asked to teach For you: without MovieLens the quick
    start says why instead of a round with nothing to ask."""
    engine = make_engine(tmdb_only, tmp_path / "cache", trainer=seeded_factors)
    with pytest.raises(UsageError, match="MovieLens"):
        engine.quick_start([])
    for skipped in ([], ["--skip", "5"]):  # the command line says the same, a skip or not
        assert main(["quick-start", *skipped, "--data", str(tmdb_only), "--cache-dir",
                     str(tmp_path / "cache"), "--profile", str(tmp_path / "mine.csv")]) == 2
        err = capsys.readouterr().err
        assert "MovieLens" in err and "--skip" not in err


async def test_the_app_says_why_there_is_no_quick_start(tmdb_only: Path, tmp_path: Path):
    app = make_app(tmdb_only, tmp_path / "cache")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        title = str(app.screen.query_one("#quick-title").render())
        assert "MovieLens" in title and not app.screen.query_one("#quick-models").display
