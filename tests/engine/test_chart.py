import numpy as np
import pytest

from tests.support import chart
from tui_recsys.engine.building.chart_build import chart_rows
from tui_recsys.engine.models.chart_model import ChartModel
from tui_recsys.engine.question import MovieFilter
from tui_recsys.errors import UsageError


def _expected(movies, rows):
    votes = movies["vote_count"].to_numpy(float)[rows]
    average = movies["vote_average"].to_numpy(float)[rows]
    c, m = average.mean(), np.quantile(votes, 0.9)
    score = votes / (votes + m) * average + m / (votes + m) * c
    keep = votes >= m
    order = np.argsort(-score[keep], kind="stable")
    return [int(movies["id"].iloc[rows[keep][i]]) for i in order], score[keep][order]


def test_chart_is_the_weighted_rating(charted):
    movies = charted.catalog().movies
    ranked = chart(charted, k=10)
    ids, scores = _expected(movies, np.arange(len(movies)))
    assert len(ids) == 4 and [r.tmdb_id for r in ranked] == ids
    assert [r.title for r in ranked] == ["Charted Best", "Tied Alpha", "Tied Beta",
                                         "Charted Last"]
    assert ranked[1].score == ranked[2].score  # a tie, kept in row order
    assert np.allclose([r.score for r in ranked], scores)
    assert ranked[0].reason.startswith("average ")  # what explains the place, first
    assert f"; weighted {scores[0]:.2f}" in ranked[0].reason


def test_genre_chart_uses_its_own_c_and_m(charted):
    movies = charted.catalog().movies
    drama = np.flatnonzero([("Drama" in g) for g in movies["genres"]])
    ranked = chart(charted, k=5, chart_filter=MovieFilter("drama"))
    assert len(ranked) == 3 and [r.tmdb_id for r in ranked] == _expected(movies, drama)[0]
    assert all("chart of Drama" in r.reason for r in ranked)


def test_a_genre_left_out_charts_the_rest_with_their_own_c_and_m(charted):
    movies = charted.catalog().movies
    rest = np.flatnonzero([("Drama" not in g) for g in movies["genres"]])
    ranked = chart(charted, k=5, chart_filter=MovieFilter(without=("drama",)))
    assert ranked and [r.tmdb_id for r in ranked] == _expected(movies, rest)[0]
    assert all(r.reason.endswith("chart of films without Drama") for r in ranked)
    assert MovieFilter("Comedy", (1990, 1999), without=("Drama", "War")).describe() == (
        "Comedy, 1990-1999, without Drama or War")


def test_year_filter(charted):
    ranked = chart(charted, k=10, chart_filter=MovieFilter(None, (1990, 1999)))
    assert len(ranked) >= 2 and all(1990 <= r.year <= 1999 for r in ranked)


def test_unknown_genre_lists_the_choices(engine):
    with pytest.raises(UsageError, match="unknown genre 'Jazz'; choose one of: Action"):
        chart(engine, chart_filter=MovieFilter("Jazz"))


def test_empty_filter_gives_empty_chart_and_says_why(engine):
    from tui_recsys.engine.question import Ask

    assert chart(engine, chart_filter=MovieFilter(None, (1800, 1801))) == []
    for movie_filter in (MovieFilter(None, (1800, 1801)), MovieFilter(language="sw")):
        answer = engine.recommend(engine.strategy("chart"), Ask(chart_filter=movie_filter))
        assert answer.items == [] and answer.note == (
            f"no pick passes the filters ({movie_filter.describe()}): loosen them")
    # Years after the data's last film: nothing to loosen toward but the years, said so.
    last = engine.index().movies.last_year()
    for ask in (Ask(chart_filter=MovieFilter(None, (last + 1, None))),
                Ask(k=3, chart_filter=MovieFilter(None, (2030, 2040)), discovery=0.5)):
        answer = engine.recommend(engine.strategy("chart"), ask)
        assert answer.items == [] and answer.note == (
            f"no pick passes the filters ({ask.chart_filter.describe()}; the data's films end "
            f"in {last}): loosen them")


def test_a_chart_shorter_than_asked_says_how_many_it_holds_and_why(charted):
    """`recommend chart -k 1000` gave some 480 rows without a word: the chart holds only the
    movies with m votes or more."""
    from tui_recsys.engine.question import Ask

    movies = charted.catalog().movies
    m = np.quantile(movies["vote_count"].to_numpy(float), 0.9)
    said = (f"the chart holds 4 movies: those with {m:,.0f} votes or more, the 0.9 quantile "
            f"of its votes (the tutorial's m)")
    strategy = charted.strategy("chart")
    assert charted.recommend(strategy, Ask(k=10)).note == said
    assert charted.recommend(strategy, Ask(k=4)).note == ""  # as many as asked: nothing to say
    best = charted.recommend(strategy, Ask(k=1)).items[0]
    rated = frozenset({("tmdb", best.tmdb_id)})  # left out: the list drawn deeper
    assert charted.recommend(strategy, Ask(k=3, left_out=rated)).note == ""
    assert charted.recommend(strategy, Ask(k=4, left_out=rated)).note == said
    drama = charted.recommend(strategy, Ask(k=10, chart_filter=MovieFilter("drama"))).note
    assert drama.startswith("the chart of Drama holds 3 movies: those with ")
    english = charted.recommend(strategy, Ask(k=10, chart_filter=MovieFilter(language="en")))
    assert english.note.startswith("the chart of films in English holds ")  # not "of in en"
    assert MovieFilter(language="xx").describe() == "in no spoken language"  # TMDB's "xx"
    votes = charted.recommend(strategy, Ask(k=10, chart_filter=MovieFilter(min_votes=1)))
    assert votes.items and votes.note == ""  # a filter of the engine's says why itself


def test_chart_class_directly(engine):
    catalog = engine.catalog()
    direct = ChartModel(chart_rows(catalog)[0], 0.9)
    assert "Drama" in direct.genres


@pytest.mark.parametrize("name", ["Sci-Fi", "sci-fi", "science fiction", "scifi", "Sci Fi",
                                  "ScienceFiction"])
def test_movielens_genre_names_pick_the_tmdb_chart(engine, name: str):
    ranked = chart(engine, chart_filter=MovieFilter(name))
    assert ranked and ranked == chart(engine, chart_filter=MovieFilter("Science Fiction"))
    assert all("chart of Science Fiction" in r.reason for r in ranked)


def test_every_row_carries_both_ids(engine):
    [avatar] = chart(engine, k=1)
    assert (avatar.tmdb_id, avatar.movielens_id) == (19995, 1)


@pytest.fixture
def languages(tmp_path, cache_dir):
    """The charted data with two French films and one short one, none charted overall."""
    from tests.support import CHARTED, hub_tmdb_frame, write_dataset
    from tui_recsys.engine.cache.store import Store
    from tui_recsys.engine.engine import Engine

    frame = hub_tmdb_frame(CHARTED)
    frame.loc[frame["id"].isin([194, 5]), "original_language"] = "fr"
    frame.loc[frame["id"] == 603, "runtime"] = 80.0
    return Engine(Store(cache_dir), write_dataset(tmp_path / "languages", tmdb_frame=frame))


@pytest.mark.parametrize(("movie_filter", "wanted", "scope"), [
    (MovieFilter(language="FR"), lambda m: m["language"] == "fr", "chart of films in French"),
    (MovieFilter(runtime=(None, 90)), lambda m: m["runtime"] <= 90, "chart of films up to 90 min"),
])
def test_a_language_or_runtime_chart_uses_its_own_c_and_m(languages, movie_filter, wanted,
                                                          scope):
    """The French films were charted only where they had as many votes as the most voted
    tenth of all films: the real data's chart in French held Amélie alone, or nothing."""
    movies = languages.catalog().movies
    rows = np.flatnonzero(wanted(movies).to_numpy())
    ranked = chart(languages, k=5, chart_filter=movie_filter)
    assert ranked and [r.tmdb_id for r in ranked] == _expected(movies, rows)[0]
    assert not {r.tmdb_id for r in ranked} & {r.tmdb_id for r in chart(languages, k=10)}
    assert all(r.reason.endswith(scope) for r in ranked)
