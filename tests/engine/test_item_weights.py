"""EASE's item weights beside the ranking network: the fit (against a case worked by hand
and the textbook inverse), what is covered, scoring one person and many, exact reasons, the
blend, and a damaged entry."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse

from tui_recsys.engine.models.blended_ranking import BlendedRanking
from tui_recsys.engine.models.item_weights import PART_BYTES, WEIGHTS_FILE, ItemWeights
from tui_recsys.engine.models.ranking_model import RankingModel
from tui_recsys.engine.training import item_fit
from tui_recsys.engine.training.config import ItemParams
from tui_recsys.engine.training.item_fit import ease_matrix, fit_item_weights, gram
from tui_recsys.engine.training.most_chosen import most_chosen


def _ratings(rows: list[tuple[int, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["user_id", "movie_id", "rating"])


def test_two_movies_always_chosen_together_predict_each_other_by_hand():
    """Three people chose both, none liked either: G = [[3, 3], [3, 3]]; with ridge 1,
    B[0, 1] = G01 / (G00 + ridge) = 3 / 4."""
    ratings = _ratings([(u, m, 3.0) for u in (1, 2, 3) for m in (10, 20)])
    params = ItemParams(ridge=1.0, scale=1.0, popularity_discount=0.0)
    items = fit_item_weights(ratings, np.array([10, 20]), 2.0, params)
    assert items.covered.tolist() == [0, 1]
    assert np.allclose(items.weights, [[0.0, 0.75], [0.75, 0.0]])
    # someone who chose the first: 0.75 for the second, 0 for the one they chose
    assert np.allclose(items.scores(np.array([0]), np.array([1.0])), [0.0, 0.75])


def test_a_liked_movie_counts_as_the_network_counts_it():
    """One person liked both (weight 2 each): G = [[4, 4], [4, 4]], B[0, 1] = 4 / 5."""
    items = fit_item_weights(_ratings([(1, 10, 5.0), (1, 20, 4.0)]), np.array([10, 20]), 2.0,
                             ItemParams(ridge=1.0, scale=1.0, popularity_discount=0.0,
                                        min_choosers=1))
    assert np.allclose(items.weights[0, 1], 0.8)


@pytest.mark.parametrize("movies", [12, 1100])  # one block of the mirroring, and two
def test_the_cholesky_inverse_is_the_textbook_one(movies: int):
    rng = np.random.default_rng(0)
    chosen = (rng.random((3 * movies, movies)) < 0.3).astype(np.float64)
    gram = chosen.T @ chosen
    inverse = np.linalg.inv(gram + 5.0 * np.eye(movies))
    expected = -inverse / np.diag(inverse)
    np.fill_diagonal(expected, 0.0)
    found = ease_matrix(gram, 5.0)
    assert found.dtype == np.float32
    assert np.abs(found - expected).max() < 1e-4 * np.abs(expected).max()


def test_it_covers_the_most_chosen_movies_that_fit():
    choosers = np.array([5, 1, 9, 2, 7, 3])
    assert most_chosen(choosers, 2, 3).tolist() == [0, 2, 4]
    assert most_chosen(choosers, 3, 12_000).tolist() == [0, 2, 4, 5]


def _items(seed: int = 2) -> ItemWeights:
    rng = np.random.default_rng(seed)
    weights = rng.normal(size=(4, 4)).astype(np.float32)
    np.fill_diagonal(weights, 0.0)
    return ItemWeights(np.array([0, 2, 3, 5]), weights,
                       rng.normal(size=7).astype(np.float32), 2.0)


def test_one_person_and_many_score_alike_and_uncovered_movies_keep_their_discount():
    items = _items()
    positions, chosen = np.array([2, 4, 5]), np.array([2.0, 1.0, 1.0], np.float32)
    matrix = np.zeros((2, 7), np.float32)
    matrix[1, positions] = chosen
    together = items.score_all(matrix)
    alone = items.scores(positions, chosen)
    assert np.allclose(together[1], alone)
    assert np.allclose(together[0], 2.0 * items.bias)
    assert np.allclose(alone[[1, 4, 6]], 2.0 * items.bias[[1, 4, 6]])  # not covered
    # movie 4 is not covered: choosing it adds nothing; 2 and 5 are rows 1 and 3
    expected = items.bias[[0, 2, 3, 5]] + chosen[[0, 2]] @ items.weights[[1, 3]]
    assert np.allclose(alone[[0, 2, 3, 5]], 2.0 * expected)


def test_contributions_are_exact():
    items = _items()
    positions, chosen = np.array([2, 4, 5]), np.array([2.0, 1.0, 1.0], np.float32)
    picks = np.arange(7)
    added = items.contributions(positions, chosen, picks)
    assert np.allclose(added.sum(axis=0),
                       items.scores(positions, chosen) - items.scale * items.bias)
    assert not added[1].any()  # movie 4 is not covered


def test_a_heavy_rater_mapped_from_the_cache_scores_as_the_whole_product(tmp_path: Path):
    """More rated movies than several parts of `PART_BYTES`, read through the memory map:
    the same scores as the whole product, and reasons that still sum to them."""
    rng = np.random.default_rng(5)
    count = 1200
    weights = rng.normal(size=(count, count)).astype(np.float32)
    np.fill_diagonal(weights, 0.0)
    ItemWeights(np.arange(count), weights, rng.normal(size=count).astype(np.float32),
                2.0).save(tmp_path)
    items = ItemWeights.load(tmp_path, count)
    positions = np.sort(rng.choice(count, count - 40, replace=False))
    assert len(positions) > 3 * PART_BYTES // (4 * count)  # a part and more: not one product
    chosen = rng.choice([1.0, 2.0], size=len(positions)).astype(np.float32)
    expected = 2.0 * (items.bias + chosen @ weights[positions])
    scores = items.scores(positions, chosen)
    assert np.allclose(scores, expected, rtol=1e-5, atol=1e-3)
    picks = np.array([0, 7, count - 1])
    added = items.contributions(positions, chosen, picks)
    assert np.allclose(added.sum(axis=0), scores[picks] - 2.0 * items.bias[picks], atol=1e-3)


def test_the_blend_adds_the_network_and_the_items_everywhere():
    items = _items()
    rng = np.random.default_rng(3)
    network = RankingModel(np.arange(10, 17), rng.normal(size=(7, 3)).astype(np.float32),
                           np.zeros(3, np.float32), rng.normal(size=(3, 7)).astype(np.float32),
                           np.zeros(7, np.float32), 2.0)
    blend = BlendedRanking(network, items)
    positions, stars = np.array([0, 3]), np.array([5.0, 3.0])
    weights = blend.weights(stars, 4.0)
    user = blend.fold(positions, weights)
    assert np.allclose(blend.scores(user), network.scores(user)
                       + items.scores(positions, weights))
    matrix = np.zeros((1, 7), np.float32)
    matrix[0, positions] = weights
    assert np.allclose(blend.score_all(matrix)[0], blend.scores(user), atol=1e-5)
    assert np.allclose(blend.contributions(user, np.arange(7)),
                       network.contributions(user, np.arange(7))
                       + items.contributions(positions, weights, np.arange(7)))


def test_saved_weights_come_back_memory_mapped(tmp_path: Path):
    items = _items()
    items.save(tmp_path)
    loaded = ItemWeights.load(tmp_path, 7)
    assert isinstance(loaded.weights, np.memmap)
    assert np.array_equal(loaded.weights, items.weights)
    assert loaded.covered.tolist() == [0, 2, 3, 5] and loaded.scale == 2.0


def test_mapped_weights_are_cached_as_their_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch):
    """A fresh build's weights, mapped from the training folder, are copied file to file; a
    view of part of a mapped matrix is written as an array."""
    (tmp_path / "trained").mkdir()
    (tmp_path / "cache").mkdir()
    _items().save(tmp_path / "trained")
    mapped = ItemWeights.load(tmp_path / "trained", 7)
    saved = []
    monkeypatch.setattr(np, "save", lambda path, array: saved.append(path))
    mapped.save(tmp_path / "cache")
    assert saved == []  # nothing went through an array
    assert ((tmp_path / "cache" / WEIGHTS_FILE).read_bytes()
            == (tmp_path / "trained" / WEIGHTS_FILE).read_bytes())
    part = replace(mapped, weights=mapped.weights[1:], covered=mapped.covered[1:])
    part.save(tmp_path / "cache")
    assert saved == [tmp_path / "cache" / WEIGHTS_FILE]


def test_a_damaged_entry_is_refused(tmp_path: Path):
    _items().save(tmp_path)
    with pytest.raises(ValueError, match="6 movies"):
        ItemWeights.load(tmp_path, 6)  # the models know another number of movies
    np.save(tmp_path / WEIGHTS_FILE, np.zeros((3, 3), np.float32))
    with pytest.raises(ValueError, match="do not match"):
        ItemWeights.load(tmp_path, 7)


def test_the_gram_matrix_is_the_same_dense_or_sparse(monkeypatch: pytest.MonkeyPatch):
    rng = np.random.default_rng(4)
    chosen = scipy.sparse.random(40, 12, density=0.3, random_state=5, dtype=np.float32,
                                 format="csr")
    chosen.data = rng.choice([1.0, 2.0], chosen.nnz).astype(np.float32)
    expected = (chosen.T @ chosen).toarray()
    dense = gram(chosen)  # small: one BLAS update, its upper triangle filled
    np.testing.assert_allclose(np.triu(dense), np.triu(expected), rtol=1e-6)
    monkeypatch.setattr(item_fit, "DENSE_CELLS", 100)
    np.testing.assert_allclose(gram(chosen), expected, rtol=1e-6)
    np.testing.assert_allclose(ease_matrix(dense, 5.0), ease_matrix(expected, 5.0), atol=1e-6)


def test_a_gram_matrix_of_no_movies_is_empty_and_silent(capfd: pytest.CaptureFixture[str]):
    # BLAS reports an empty product on stdout, which is the training child's report pipe.
    for shape in [(4, 0), (0, 3)]:
        found = gram(scipy.sparse.csr_matrix(shape, dtype=np.float32))
        assert found.shape == (shape[1], shape[1]) and not found.any()
    items = fit_item_weights(_ratings([(1, 10, 4.0), (2, 20, 3.0)]), np.array([10, 20]), 2.0,
                             ItemParams())  # nobody's movie has three choosers: none covered
    assert items.covered.size == 0 and items.weights.shape == (0, 0)
    np.testing.assert_allclose(items.scores(np.array([0]), np.array([2.0])),
                               items.scale * items.bias)
    assert capfd.readouterr().out == ""
