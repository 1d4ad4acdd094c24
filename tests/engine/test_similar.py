import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from tests.support import similar
from tui_recsys.engine.building.similar_build import soups
from tui_recsys.engine.catalog.finding import (
    MovieChoice,
    find_movie,
    find_rated_movie,
    movie_by_id,
)
from tui_recsys.engine.models.similar_model import SparseRows
from tui_recsys.engine.models.top_k import top_k
from tui_recsys.engine.question import Need
from tui_recsys.errors import UsageError


def _tutorial(engine, by: str, tmdb_id: int, k: int):
    """The tutorial's method: a full cosine matrix and a stable sort, skipping position 0."""
    movies = engine.catalog().movies
    title_row = int(movies.index[movies["id"] == tmdb_id][0])
    if by == "story":
        matrix = TfidfVectorizer(stop_words="english").fit_transform(movies["overview"])
    else:
        matrix = CountVectorizer(stop_words="english").fit_transform(soups(movies, 3))
    similarity = cosine_similarity(matrix, matrix)[title_row]
    ranked = sorted(enumerate(similarity), key=lambda pair: pair[1], reverse=True)
    ranked = [pair for pair in ranked if pair[0] != title_row and pair[1] > 0][:k]
    return [int(movies["id"].iloc[i]) for i, _ in ranked], [s for _, s in ranked]


@pytest.mark.parametrize("by", ["story", "cast"])
def test_matches_the_tutorials_full_matrix(engine, by: str):
    movies = engine.index().movies
    for choice in (find_movie(movies, "Avatar"), find_movie(movies, "The Matrix")):
        results = similar(engine, choice.movie_id, by, k=4)
        ids, scores = _tutorial(engine, by, choice.movie_id, 4)
        assert [r.tmdb_id for r in results] == ids
        assert np.allclose([r.score for r in results], scores)
        assert choice.movie_id not in ids


def test_movies_sharing_nothing_are_not_similar(engine):
    avatar = find_movie(engine.index().movies, "Avatar")
    results = similar(engine, avatar.movie_id, "story", k=10)
    assert 0 < len(results) < 10
    assert all(r.score > 0 for r in results)


def test_metadata_reason_names_what_is_shared(engine):
    avatar = find_movie(engine.index().movies, "avatar")
    first = similar(engine, avatar.movie_id, "cast", k=1)[0]
    assert first.title == "Clash of the Titans"
    # the people first, then keywords and genres (the soup puts keywords first)
    assert first.reason.startswith("Sam Worthington, future, Action, Adventure, Fantasy in "
                                   "common; cast & crew similarity")


def test_overview_reason_names_shared_words(engine):
    avatar = find_movie(engine.index().movies, "AVATAR")
    first = similar(engine, avatar.movie_id, "story", k=1)[0]
    assert "overview similarity" in first.reason
    assert "moon" in first.reason


def test_duplicate_titles_choose_the_most_voted_and_say_so(engine):
    choice = find_movie(engine.index().movies, "the host")
    assert choice.movie_id == 72710  # 1817 votes against 537
    assert choice.note is not None and "1255 (2006)" in choice.note and "--tmdb-id" in choice.note
    assert movie_by_id(engine.index().movies, Need.MOVIE, tmdb_id=1255).year == 2006


def test_a_title_with_its_year_is_exact_and_one_only_the_other_catalogue_has_says_so(engine):
    """"The Host (2006)", as rate and the lists name a film, picks that one without a note;
    "Unlinked Film", a MovieLens movie, asked of a TMDB strategy, was answered with the
    search's best match, another film."""
    movies = engine.index().movies
    choice = find_movie(movies, "The Host (2006)")
    assert (choice.movie_id, choice.note) == (1255, None)
    assert find_movie(movies, "the host 2006") == choice  # the year typed bare, too
    assert find_rated_movie(movies, "Avatar (2009)") == MovieChoice(1, "Avatar", 2009)
    assert find_rated_movie(movies, "avatar 2009") == MovieChoice(1, "Avatar", 2009)
    for title in ("Unlinked Film", "unlinked film (1980)"):
        with pytest.raises(UsageError,
                           match=r"^Unlinked Film \(1980\) is not in TMDB 5000, which "):
            find_movie(movies, title)


def test_a_title_found_by_search_says_what_it_chose(engine):
    choice = find_movie(engine.index().movies, "Avatr")  # the app's fuzzy search finds it
    assert choice.movie_id == 19995
    assert choice.note is not None and "no title is exactly 'Avatr'" in choice.note


def test_unknown_title_suggests(engine):
    with pytest.raises(UsageError, match=r"did you mean Avatar \(2009\)\?"):
        find_movie(engine.index().movies, "Avatqr")
    with pytest.raises(UsageError, match="no TMDB movie has id 1"):
        movie_by_id(engine.index().movies, Need.MOVIE, tmdb_id=1)


def test_top_k_breaks_ties_by_row_and_excludes():
    scores = np.array([0.5, 0.9, 0.5, 0.9, 0.1, 0.5])
    assert list(top_k(scores, 4)) == [1, 3, 0, 2]
    assert list(top_k(scores, 3, exclude=np.array([1]))) == [3, 0, 2]
    assert list(top_k(scores, 10, exclude=np.array([0, 1, 2, 3, 4]))) == [5]
    assert list(top_k(scores + 1e-15 * np.arange(6), 2)) == [1, 3]


def test_no_dense_similarity_matrix(engine):
    model = engine.model(engine.strategy("story")).model
    n = model.matrix.shape[0]
    assert model.scores(0).shape == (n,)
    assert model.matrix.shape == (n, len(model.vocabulary))


def _random_rows(rng: np.random.Generator, rows: int, columns: int) -> SparseRows:
    dense = rng.random((rows, columns)) * (rng.random((rows, columns)) < 0.2)
    indptr = np.concatenate(([0], np.cumsum((dense != 0).sum(axis=1))))
    indices = np.concatenate([np.flatnonzero(row) for row in dense]).astype(np.int32)
    return SparseRows(dense[dense != 0], indices, indptr, columns), dense


def test_sparse_rows_answer_as_the_dense_matrix_does():
    rng = np.random.default_rng(4)
    matrix, dense = _random_rows(rng, 40, 25)
    by_column = matrix.transposed()
    assert by_column.shape == (25, 40)
    for row in range(40):
        columns, values = matrix.row(row)
        assert np.allclose(dense[row, columns], values)
        expected = dense @ dense[row]
        assert np.allclose(by_column.gather(columns, values, 40), expected)
    matrix.check(40)


@pytest.mark.parametrize("damage", ["column out of range", "rows backwards", "too few rows"])
def test_a_damaged_matrix_is_refused(damage: str):
    matrix, _ = _random_rows(np.random.default_rng(5), 10, 8)
    indices, indptr, rows = matrix.indices.copy(), matrix.indptr.copy(), 10
    if damage == "column out of range":
        indices[0] = 8
    elif damage == "rows backwards":
        indptr[3], indptr[4] = indptr[4] + 1, indptr[3]
    else:
        rows = 11
    with pytest.raises(ValueError):
        SparseRows(matrix.data, indices, indptr, 8).check(rows)


def _story_entry_bytes(tmp_path, name: str, frame) -> int:
    from tests.support import make_engine, write_dataset

    data = write_dataset(tmp_path / name / "data", tmdb_frame=frame)
    cache = tmp_path / name / "cache"
    engine = make_engine(data, cache)
    assert similar(engine, 19995)
    (entry,) = cache.glob("story-*")
    return sum(path.stat().st_size for path in entry.iterdir())


def test_one_long_word_costs_its_own_length_not_a_fixed_width_for_every_term(tmp_path):
    from tests.support import hub_tmdb_frame

    normal = hub_tmdb_frame()
    long_word = hub_tmdb_frame()
    long_word.loc[long_word["id"] == 5, "overview"] = "x" * 10_000  # Four Rooms
    plain, grown = (_story_entry_bytes(tmp_path, name, frame)
                    for name, frame in (("plain", normal), ("long", long_word)))
    assert grown < plain + 20_000  # the word once, not 10,000 characters for every term


def test_a_large_gather_adds_the_same_figures_term_by_term(monkeypatch: pytest.MonkeyPatch):
    """Past ONE_PASS entries the sum is added term by term: the figures are the same to the
    last bit, so ties fall as they did."""
    from tui_recsys.engine.models import similar_model

    rng = np.random.default_rng(7)
    matrix, dense = _random_rows(rng, 60, 30)
    by_column = matrix.transposed()
    for row in range(60):
        columns, values = matrix.row(row)
        in_one_pass = by_column.gather(columns, values, 60)
        monkeypatch.setattr(similar_model, "ONE_PASS", 0)
        assert np.array_equal(by_column.gather(columns, values, 60), in_one_pass)
        monkeypatch.setattr(similar_model, "ONE_PASS", 1 << 18)
        assert np.allclose(in_one_pass, dense @ dense[row])
