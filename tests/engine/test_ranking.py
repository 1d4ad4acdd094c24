"""The ranking model's arrays: scoring, fold-in, explanations and a damaged entry."""

from pathlib import Path

import numpy as np
import pytest

from tui_recsys.engine.answer import TrainingHistory
from tui_recsys.engine.models.ranking_model import RankingModel


def _model(movies: int = 6, hidden: int = 3, seed: int = 1) -> RankingModel:
    rng = np.random.default_rng(seed)
    return RankingModel(np.arange(10, 10 + movies), rng.normal(size=(movies, hidden)),
                        rng.normal(size=hidden), rng.normal(size=(hidden, movies)),
                        rng.normal(size=movies), 2.0, TrainingHistory(epochs_run=1))


def test_one_user_and_many_users_score_alike():
    model = _model()
    positions, stars = np.array([0, 3, 4]), np.array([5.0, 2.0, 4.0])
    weights = model.weights(stars, liked=4.0)
    assert weights.tolist() == [2.0, 1.0, 2.0]
    chosen = np.zeros((2, 6))
    chosen[1, positions] = weights
    together = model.score_all(chosen)
    assert np.allclose(together[1], model.scores(model.fold(positions, weights)))
    assert np.allclose(together[0], np.tanh(model.encoder_bias) @ model.decoder
                       + model.decoder_bias)  # no ratings: the bias alone


def test_contributions_add_up_to_the_score_where_the_tanh_is_straight():
    """Near zero the tanh is the identity: each rated movie's share is then exact, and the
    shares add up to the pick's score above its bias."""
    model = _model()
    model.encoder = model.encoder * 1e-4
    model.encoder_bias = np.zeros_like(model.encoder_bias)
    positions, weights = np.array([1, 2, 5]), np.array([2.0, 1.0, 1.0])
    user = model.fold(positions, weights)
    added = model.contributions(user, np.arange(6))
    above_bias = model.scores(user) - model.decoder_bias
    assert added.sum(axis=0) == pytest.approx(above_bias, rel=1e-6)
    alone = model.contributions(model.fold(np.array([2]), np.array([1.0])), np.array([0]))
    assert alone[0, 0] == pytest.approx(model.encoder[2] @ model.decoder[:, 0], rel=1e-6)


def test_save_and_load_round_trip(tmp_path: Path):
    model = _model()
    model.save(tmp_path)
    loaded = RankingModel.load(tmp_path)
    assert np.array_equal(loaded.decoder, model.decoder) and loaded.liked_weight == 2.0


def test_its_matrices_are_mapped_from_their_files(tmp_path: Path):
    """A fold-in reads only the encoder's rows of the movies rated: the rest stays on disk."""
    _model().save(tmp_path)
    loaded = RankingModel.load(tmp_path)
    assert isinstance(loaded.encoder, np.memmap) and isinstance(loaded.decoder, np.memmap)


def test_a_mapped_model_is_cached_as_copies_of_its_files(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    """A fresh build's matrices are mapped from the training child's files: caching copies
    those files, without reading them into the serving process."""
    (tmp_path / "trained").mkdir()
    (tmp_path / "cache").mkdir()
    _model().save(tmp_path / "trained")
    mapped = RankingModel.load(tmp_path / "trained")
    saved = []
    monkeypatch.setattr(np, "save", lambda path, array: saved.append(path))
    mapped.save(tmp_path / "cache")
    assert saved == []
    for name in ("encoder.npy", "decoder.npy"):
        cached, trained = (tmp_path / where / name for where in ("cache", "trained"))
        assert cached.read_bytes() == trained.read_bytes()


@pytest.mark.parametrize("damage", ["truncated bias", "extra array", "unsorted ids",
                                    "decoder of the wrong shape", "encoder of text",
                                    "encoder missing"])
def test_a_damaged_model_fails_to_load(tmp_path: Path, damage: str):
    model = _model()
    model.save(tmp_path)
    arrays = {name: getattr(model, name) for name in ("movie_ids", "encoder_bias",
                                                      "decoder_bias")}
    if damage == "truncated bias":
        arrays["decoder_bias"] = arrays["decoder_bias"][:-1]
    elif damage == "extra array":
        arrays["extra"] = np.zeros(2)
    elif damage == "unsorted ids":
        arrays["movie_ids"] = arrays["movie_ids"][::-1].copy()
    elif damage == "decoder of the wrong shape":
        np.save(tmp_path / "decoder.npy", model.decoder[:, :-1].copy())
    elif damage == "encoder of text":
        np.save(tmp_path / "encoder.npy", np.array(["a", "b"]))
    else:
        (tmp_path / "encoder.npy").unlink()
    np.savez(tmp_path / "ranking.npz", liked_weight=np.float64(2.0), **arrays)
    with pytest.raises((ValueError, OSError)):
        RankingModel.load(tmp_path)
