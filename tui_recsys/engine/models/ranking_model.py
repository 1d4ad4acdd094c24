"""The ranking model: which movies a user will choose, learnt from what users chose to rate.

A rating model fitted to star values ranks obscure films a few people loved above the films a
user will actually watch; this one is fitted to the choices themselves. It is a multinomial
autoencoder (Mult-DAE, Liang et al. 2018) trained with Keras: a user is the set of movies they
rated (liked ones weighted up), normalised, encoded into `hidden` numbers by one tanh layer and
decoded into a softmax over every movie. Its input weights are movie embeddings, and a user's
vector is computed from the movies they rated, so a new person's picks need no retraining
(fold-in). What is cached and served is plain arrays; scoring a user is two small products.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tui_recsys.engine.answer import TrainingHistory
from tui_recsys.engine.models.mapped_files import load_mapped, save_mapped

ARRAYS = ("movie_ids", "encoder_bias", "decoder_bias")  # in ranking.npz
# Memory-mapped from their own files (`mapped_files`): a fold-in reads only the encoder's rows
# of the movies a person rated.
MATRICES = ("encoder", "decoder")


@dataclass(frozen=True)
class FoldedUser:
    """What a query reads of a user, computed once: the movies they chose (positions) and
    what each counts for (`chosen`), those movies' embedding rows, their normalised weights
    and their hidden vector."""

    positions: np.ndarray
    chosen: np.ndarray
    rows: np.ndarray
    weights: np.ndarray
    hidden: np.ndarray


@dataclass
class RankingModel:
    movie_ids: np.ndarray  # sorted MovieLens ids, the order of every other array
    encoder: np.ndarray  # movies x hidden
    encoder_bias: np.ndarray  # hidden
    decoder: np.ndarray  # hidden x movies
    decoder_bias: np.ndarray  # movies
    liked_weight: float
    history: TrainingHistory = field(default_factory=TrainingHistory)

    def save(self, folder: Path) -> None:
        np.savez(folder / "ranking.npz", liked_weight=np.float64(self.liked_weight),
                 **{name: getattr(self, name) for name in ARRAYS})
        for name in MATRICES:
            save_mapped(getattr(self, name), folder / f"{name}.npy")
        self.history.save(folder / "ranking.json")

    @classmethod
    def load(cls, folder: Path) -> RankingModel:
        with np.load(folder / "ranking.npz", allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        if set(arrays) != {*ARRAYS, "liked_weight"}:
            raise ValueError(f"ranking.npz holds {sorted(arrays)}")
        for name in MATRICES:
            arrays[name] = load_mapped(folder / f"{name}.npy")
            if arrays[name].dtype.kind != "f":
                raise ValueError(f"{name}.npy holds {arrays[name].dtype}, not numbers")
        movies, hidden = arrays["encoder"].shape if arrays["encoder"].ndim == 2 else (-1, -1)
        shapes = {"movie_ids": (movies,), "encoder_bias": (hidden,), "decoder": (hidden, movies),
                  "decoder_bias": (movies,), "liked_weight": ()}
        for name, shape in shapes.items():
            if arrays[name].shape != shape:
                raise ValueError(f"ranking.npz: {name} is {arrays[name].shape}, expected {shape}")
        if arrays["movie_ids"].dtype.kind not in "iu" or np.any(np.diff(arrays["movie_ids"]) <= 0):
            raise ValueError("ranking.npz: movie_ids are not sorted whole numbers")
        history = TrainingHistory.load(folder / "ranking.json")
        weight = float(arrays.pop("liked_weight"))
        return cls(liked_weight=weight, history=history, **arrays)

    def weights(self, stars: np.ndarray, liked: float) -> np.ndarray:
        """What each rated movie counts for in the user's input (in the arrays' own float
        type: a float64 vector times a float32 matrix would copy the matrix at every query)."""
        return np.where(stars >= liked, self.liked_weight, 1.0).astype(self.encoder.dtype)

    def fold(self, positions: np.ndarray, weights: np.ndarray) -> FoldedUser:
        """A user who rated the movies at `positions`, as the model sees them: computed from
        those ratings alone, so anyone can be folded in without retraining."""
        norm = float(np.sqrt(np.sum(weights**2))) or 1.0
        rows = self.encoder[positions]
        normalised = (weights / norm).astype(self.encoder.dtype)
        return FoldedUser(positions, weights, rows, normalised,
                          np.tanh(normalised @ rows + self.encoder_bias))

    def scores(self, user: FoldedUser) -> np.ndarray:
        """Every movie's score (a logit) for the user."""
        return user.hidden @ self.decoder + self.decoder_bias

    def score_all(self, chosen: np.ndarray) -> np.ndarray:
        """`scores` for many users at once; `chosen` is users x movies, each rated movie's
        weight (0 where unrated)."""
        norms = np.sqrt(np.sum(chosen**2, axis=1, keepdims=True))
        hidden = np.tanh(chosen / np.where(norms > 0, norms, 1.0) @ self.encoder
                         + self.encoder_bias)
        return hidden @ self.decoder + self.decoder_bias

    def contributions(self, user: FoldedUser, picks: np.ndarray) -> np.ndarray:
        """How much each rated movie adds to each pick's score, to first order (through the
        tanh's slope), rated movies x picks: what "X and Y, which you rated" names."""
        slopes = (1.0 - user.hidden**2)[:, None] * self.decoder[:, picks]
        return user.weights[:, None] * (user.rows @ slopes)
