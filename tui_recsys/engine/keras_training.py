"""Training the collaborative model with Keras: the one module that imports TensorFlow.

It runs in a child process (see `trainer`), so TensorFlow's native log lines, its ~800 MB and
its threads never touch the app. The tutorial's RecommenderNet is kept, fixed: its
`tf.tensordot(user, movie, 2)` contracted over the batch axis too, adding one scalar to every row
of a batch, so a prediction depended on which other pairs shared its batch. Here the dot product
is per row, the loss is MSE on the star scale around the global mean with per-example L2 on the
looked-up vectors and biases, and training stops early on a validation slice carved out of the
training ratings, keeping the best epoch.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.engine.base import BuildContext
from tui_recsys.engine.collaborative import Factors, TrainedModels
from tui_recsys.engine.ranking import RankingModel
from tui_recsys.engine.settings import (
    MIN_RATINGS,
    CollaborativeParams,
    ForUserConfig,
    RankingParams,
)


class RecommenderNet(keras.Model):
    """User and movie embeddings plus biases; rating = mean + b_u + b_m + p_u . q_m."""

    def __init__(self, users: int, movies: int, mean: float, params: CollaborativeParams) -> None:
        super().__init__()
        init = keras.initializers.RandomNormal(stddev=0.05, seed=params.seed)
        self.l2, self.bias_l2 = params.l2, params.bias_l2
        self.mean = mean
        size = params.embedding_size
        self.user_factors = self.add_weight(shape=(users, size), initializer=init,
                                            name="user_factors")
        self.movie_factors = self.add_weight(shape=(movies, size), initializer=init,
                                             name="movie_factors")
        self.user_bias = self.add_weight(shape=(users,), initializer="zeros", name="user_bias")
        self.movie_bias = self.add_weight(shape=(movies,), initializer="zeros",
                                          name="movie_bias")

    @staticmethod
    def _rows(table: keras.Variable, ids: tf.Tensor) -> tf.Tensor:
        """Rows gathered on the variable itself. Reading the whole table as a tensor first (as
        `keras.layers.Embedding` does) makes TensorFlow copy the full buffer before each sparse
        update while that tensor lives: one table-sized copy per step, ruinous at a million
        movies."""
        return tf.gather(table.value, ids)

    def call(self, inputs: tf.Tensor) -> tf.Tensor:
        user_vector = self._rows(self.user_factors, inputs[:, 0])
        movie_vector = self._rows(self.movie_factors, inputs[:, 1])
        user_bias = self._rows(self.user_bias, inputs[:, 0])
        movie_bias = self._rows(self.movie_bias, inputs[:, 1])
        self.add_loss(tf.reduce_mean(
            self.l2 * tf.reduce_sum(tf.square(user_vector) + tf.square(movie_vector), axis=1)
            + self.bias_l2 * (tf.square(user_bias) + tf.square(movie_bias))))
        dot = tf.reduce_sum(user_vector * movie_vector, axis=1)  # one dot product per row
        return self.mean + user_bias + movie_bias + dot


class LazyAdam(keras.optimizers.Adam):
    """Adam that updates only the embedding rows a batch touched.

    Keras 3's Adam turns an embedding's sparse gradient dense (`gradient - m`), so every step
    rewrote every row of both tables and an epoch cost steps x table size, which grows with the
    square of the data (the README's scale table has the figures). Rows a batch
    does not touch keep their moments, as tensorflow_addons' LazyAdam did.
    """

    def update_step(self, gradient: object, variable: object, learning_rate: object) -> None:
        if not isinstance(gradient, tf.IndexedSlices):
            super().update_step(gradient, variable, learning_rate)
            return
        rows, slots = tf.unique(gradient.indices)
        values = tf.math.unsorted_segment_sum(gradient.values, slots, tf.shape(rows)[0])
        dtype = variable.dtype
        step = tf.cast(self.iterations + 1, dtype)
        beta_1, beta_2 = tf.cast(self.beta_1, dtype), tf.cast(self.beta_2, dtype)
        alpha = (tf.cast(learning_rate, dtype) * tf.sqrt(1 - tf.pow(beta_2, step))
                 / (1 - tf.pow(beta_1, step)))
        index = self._get_variable_index(variable)
        first, second = self._momentums[index], self._velocities[index]
        first_rows = beta_1 * tf.gather(first.value, rows) + (1 - beta_1) * values
        second_rows = beta_2 * tf.gather(second.value, rows) + (1 - beta_2) * tf.square(values)
        self.assign(first, tf.IndexedSlices(first_rows, rows))
        self.assign(second, tf.IndexedSlices(second_rows, rows))
        self.assign_sub(variable, tf.IndexedSlices(
            alpha * first_rows / (tf.sqrt(second_rows) + self.epsilon), rows))


class _Progress(keras.callbacks.Callback):
    """Reports each epoch and stops training between batches once the build is cancelled."""

    def __init__(self, ctx: BuildContext, epochs: int) -> None:
        super().__init__()
        self.ctx, self.epochs = ctx, epochs

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self.ctx.cancel.is_set():
            self.model.stop_training = True

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        rmse = float(np.sqrt((logs or {}).get("val_mse", np.nan)))
        self.ctx.progress(f"training collaborative model, epoch {epoch + 1}/{self.epochs} "
                          f"(validation RMSE {rmse:.3f})", (epoch + 1) / self.epochs)


def split_for_validation(count: int, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(count)
    cut = count - max(1, round(count * fraction))
    return order[:cut], order[cut:]


def train_factors(ratings: pd.DataFrame, params: CollaborativeParams,
                  ctx: BuildContext) -> Factors:
    """Fit on `ratings` (user_id, movie_id, rating); early stopping watches a seeded random
    `validation_fraction` of them, never data the caller holds out."""
    if len(ratings) < MIN_RATINGS:
        raise ValueError(f"training needs at least {MIN_RATINGS} ratings, got {len(ratings)}")
    started = time.perf_counter()
    keras.utils.set_random_seed(params.seed)
    tf.config.experimental.enable_op_determinism()
    user_ids, users = np.unique(ratings["user_id"].to_numpy(), return_inverse=True)
    movie_ids, movies = np.unique(ratings["movie_id"].to_numpy(), return_inverse=True)
    pairs = np.column_stack([users, movies]).astype(np.int32)
    stars = ratings["rating"].to_numpy(dtype=np.float32)
    fit_rows, check_rows = split_for_validation(len(stars), params.validation_fraction,
                                                params.seed)
    mean = float(stars[fit_rows].mean())
    model = RecommenderNet(len(user_ids), len(movie_ids), mean, params)
    model.compile(optimizer=LazyAdam(learning_rate=params.learning_rate),
                  loss="mse", metrics=["mse"])
    history = model.fit(
        x=pairs[fit_rows], y=stars[fit_rows],
        validation_data=(pairs[check_rows], stars[check_rows]),
        batch_size=params.batch_size, epochs=params.max_epochs, shuffle=True, verbose=0,
        callbacks=[_Progress(ctx, params.max_epochs),
                   keras.callbacks.EarlyStopping(monitor="val_mse", patience=params.patience,
                                                 restore_best_weights=True)],
    )
    ctx.check()
    validation_rmse = [float(np.sqrt(v)) for v in history.history["val_mse"]]
    return Factors(
        user_ids=user_ids, movie_ids=movie_ids,
        user_factors=model.user_factors.numpy().astype(np.float32),
        movie_factors=model.movie_factors.numpy().astype(np.float32),
        user_bias=model.user_bias.numpy().astype(np.float32),
        movie_bias=model.movie_bias.numpy().astype(np.float32),
        mean=mean,
        history={"epochs_run": len(validation_rmse),
                 "best_epoch": int(np.argmin(validation_rmse)) + 1,
                 "validation_rmse": validation_rmse,
                 "seconds": time.perf_counter() - started},
    )


class _Epochs(keras.callbacks.Callback):
    """The ranking model's epochs as progress, and a stop between batches once cancelled."""

    def __init__(self, ctx: BuildContext, epochs: int, losses: list[float]) -> None:
        super().__init__()
        self.ctx, self.epochs, self.losses = ctx, epochs, losses

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self.ctx.cancel.is_set():
            self.model.stop_training = True

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self.losses.append(float((logs or {}).get("loss", np.nan)))
        if (epoch + 1) % 5 == 0 or epoch + 1 == self.epochs:
            self.ctx.progress(f"training ranking model, epoch {epoch + 1}/{self.epochs}",
                              (epoch + 1) / self.epochs)


def _multinomial_loss(chosen: tf.Tensor, logits: tf.Tensor) -> tf.Tensor:
    """The negative log-likelihood of what each user chose, under a softmax over movies."""
    return -tf.reduce_mean(tf.reduce_sum(tf.nn.log_softmax(logits) * chosen, axis=-1))


def train_ranking(ratings: pd.DataFrame, params: RankingParams,
                  ctx: BuildContext) -> RankingModel:
    """Fit the ranking model (see `ranking`) on who rated what: every rating is a choice, a
    liked one (4+) counts `liked_weight` times."""
    started = time.perf_counter()
    keras.utils.set_random_seed(params.seed)
    tf.config.experimental.enable_op_determinism()
    user_ids, users = np.unique(ratings["user_id"].to_numpy(), return_inverse=True)
    movie_ids, movies = np.unique(ratings["movie_id"].to_numpy(), return_inverse=True)
    chosen = np.zeros((len(user_ids), len(movie_ids)), dtype=np.float32)
    chosen[users, movies] = np.where(ratings["rating"].to_numpy() >= LIKED_RATING,
                                     params.liked_weight, 1.0)
    regulariser = keras.regularizers.l2(params.l2)
    inputs = keras.Input((len(movie_ids),))
    hidden = keras.layers.UnitNormalization()(inputs)
    hidden = keras.layers.Dropout(params.dropout, seed=params.seed)(hidden)
    encoder = keras.layers.Dense(params.hidden, activation="tanh", kernel_regularizer=regulariser)
    decoder = keras.layers.Dense(len(movie_ids), kernel_regularizer=regulariser)
    model = keras.Model(inputs, decoder(encoder(hidden)))
    model.compile(optimizer=keras.optimizers.Adam(params.learning_rate), loss=_multinomial_loss)
    losses: list[float] = []
    model.fit(chosen, chosen, batch_size=params.batch_size, epochs=params.epochs, shuffle=True,
              verbose=0, callbacks=[_Epochs(ctx, params.epochs, losses)])
    ctx.check()
    return RankingModel(
        movie_ids=movie_ids,
        encoder=encoder.kernel.numpy().astype(np.float32),
        encoder_bias=encoder.bias.numpy().astype(np.float32),
        decoder=decoder.kernel.numpy().astype(np.float32),
        decoder_bias=decoder.bias.numpy().astype(np.float32),
        liked_weight=params.liked_weight,
        history={"epochs_run": len(losses), "training_loss": losses,
                 "seconds": time.perf_counter() - started},
    )


def train_both(ratings: pd.DataFrame, config: ForUserConfig, ctx: BuildContext) -> TrainedModels:
    """What "For this user" needs: the rating model for stars, the ranking model for order."""
    factors = train_factors(ratings, config.rating, _stage(ctx, 0.0, RATING_SHARE))
    ranking = train_ranking(ratings, config.ranking, _stage(ctx, RATING_SHARE, 1.0))
    return TrainedModels(factors, ranking)


RATING_SHARE = 0.3  # of the progress bar: the rating model stops early, the ranking model runs on


def _stage(ctx: BuildContext, start: float, end: float) -> BuildContext:
    """A context whose progress fills [start, end] of the caller's bar."""
    return BuildContext(progress=lambda message, fraction: ctx.progress(
        message, start + (end - start) * fraction), cancel=ctx.cancel)
