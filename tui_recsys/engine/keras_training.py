"""Training the collaborative model with Keras: the one module that imports TensorFlow.

It runs in a child process (see `trainer`), so TensorFlow's native log lines, its ~800 MB and
its threads never touch the app. The tutorial's RecommenderNet is kept, fixed: its
`tf.tensordot(user, movie, 2)` contracted over the batch axis too, adding one scalar to every row
of a batch, so a prediction depended on which other pairs shared its batch. Here the dot product
is per row, the loss is MSE on the star scale around the global mean with per-example L2 on the
looked-up vectors and biases, and training stops early on a validation slice carved out of the
training ratings, keeping the best epoch. Both models train under a `tf.distribute` strategy
(`distribution`) in `training_loop`, reading their examples through `tf.data`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")  # see training_process

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.engine import distribution, training_loop
from tui_recsys.engine.base import BuildContext
from tui_recsys.engine.collaborative import Factors, TrainedModels
from tui_recsys.engine.ranking import RankingModel
from tui_recsys.engine.settings import (
    DISTRIBUTE_AUTO,
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

    def _looked_up(self, pairs: tf.Tensor) -> tuple[tf.Tensor, ...]:
        users, movies = pairs[:, 0], pairs[:, 1]
        return (self._rows(self.user_factors, users), self._rows(self.movie_factors, movies),
                self._rows(self.user_bias, users), self._rows(self.movie_bias, movies))

    def _predicted(self, looked_up: tuple[tf.Tensor, ...]) -> tf.Tensor:
        user_vector, movie_vector, user_bias, movie_bias = looked_up
        dot = tf.reduce_sum(user_vector * movie_vector, axis=1)  # one dot product per row
        return self.mean + user_bias + movie_bias + dot

    def call(self, pairs: tf.Tensor) -> tf.Tensor:
        return self._predicted(self._looked_up(pairs))

    def per_example_loss(self, pairs: tf.Tensor, stars: tf.Tensor) -> tf.Tensor:
        """Squared error plus L2 on the vectors and biases this pair looked up."""
        looked_up = self._looked_up(pairs)
        user_vector, movie_vector, user_bias, movie_bias = looked_up
        return (tf.square(stars - self._predicted(looked_up))
                + self.l2 * tf.reduce_sum(tf.square(user_vector) + tf.square(movie_vector), axis=1)
                + self.bias_l2 * (tf.square(user_bias) + tf.square(movie_bias)))


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


def split_for_validation(count: int, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(count)
    cut = count - max(1, round(count * fraction))
    return order[:cut], order[cut:]


def _start(seed: int) -> float:
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    return time.perf_counter()


def _examples(*arrays: np.ndarray) -> Callable[[tf.Tensor], tuple[tf.Tensor, ...]]:
    """Example numbers to the rows of `arrays` they name."""
    tensors = [tf.constant(array) for array in arrays]
    return lambda numbers: tuple(tf.gather(tensor, numbers) for tensor in tensors)


class _EarlyStopping:
    """After each epoch: the model's weights as `Factors`, their validation RMSE (in numpy:
    exact, and the same on every worker), progress, and the best epoch's kept; stops once
    `patience` epochs have not improved on it."""

    def __init__(self, model: RecommenderNet, ids: tuple[np.ndarray, np.ndarray],
                 pairs: np.ndarray, stars: np.ndarray, params: CollaborativeParams,
                 ctx: BuildContext) -> None:
        self.model, self.ids, self.pairs, self.stars = model, ids, pairs, stars
        self.params, self.ctx = params, ctx
        self.rmse: list[float] = []
        self.best: Factors | None = None

    def after_epoch(self, epoch: int, _loss: float) -> bool:
        model = self.model
        factors = Factors(*self.ids, *(variable.numpy().astype(np.float32) for variable in (
            model.user_factors, model.movie_factors, model.user_bias, model.movie_bias)),
            model.mean, {})
        predicted = factors.predict(self.pairs[:, 0], self.pairs[:, 1])
        self.rmse.append(float(np.sqrt(np.mean((self.stars - predicted) ** 2))))
        if self.rmse[-1] <= min(self.rmse):
            self.best = factors
        self.ctx.progress(f"training collaborative model, epoch {epoch + 1}/"
                          f"{self.params.max_epochs} (validation RMSE {self.rmse[-1]:.3f})",
                          (epoch + 1) / self.params.max_epochs)
        return len(self.rmse) - 1 - int(np.argmin(self.rmse)) >= self.params.patience


def train_factors(ratings: pd.DataFrame, params: CollaborativeParams, ctx: BuildContext,
                  strategy: tf.distribute.Strategy | None = None) -> Factors:
    """Fit on `ratings` (user_id, movie_id, rating); early stopping watches a seeded random
    `validation_fraction` of them, never data the caller holds out."""
    if len(ratings) < MIN_RATINGS:
        raise ValueError(f"training needs at least {MIN_RATINGS} ratings, got {len(ratings)}")
    strategy = strategy or tf.distribute.get_strategy()
    started = _start(params.seed)
    user_ids, users = np.unique(ratings["user_id"].to_numpy(), return_inverse=True)
    movie_ids, movies = np.unique(ratings["movie_id"].to_numpy(), return_inverse=True)
    pairs = np.column_stack([users, movies]).astype(np.int32)
    stars = ratings["rating"].to_numpy(dtype=np.float32)
    fit_rows, check_rows = split_for_validation(len(stars), params.validation_fraction,
                                                params.seed)
    mean = float(stars[fit_rows].mean())
    with strategy.scope():
        model = RecommenderNet(len(user_ids), len(movie_ids), mean, params)
        optimizer = LazyAdam(learning_rate=params.learning_rate)
    stopping = _EarlyStopping(model, (user_ids, movie_ids), pairs[check_rows],
                              stars[check_rows], params, ctx)
    training_loop.train(
        strategy, model, optimizer, model.per_example_loss,
        distribution.sharded(strategy, len(fit_rows), params.batch_size, params.seed,
                             _examples(pairs[fit_rows], stars[fit_rows])),
        distribution.steps(len(fit_rows), params.batch_size), params.max_epochs,
        stopping.after_epoch, ctx.cancel, _within("collaborative", params.max_epochs, ctx))
    ctx.check()
    assert stopping.best is not None  # not cancelled: at least one epoch ran
    return replace(stopping.best, history={
        "epochs_run": len(stopping.rmse), "best_epoch": int(np.argmin(stopping.rmse)) + 1,
        "validation_rmse": stopping.rmse, "seconds": time.perf_counter() - started,
        "distribution": distribution.describe(strategy)})


def _users_rows(users: np.ndarray, movies: np.ndarray, weights: np.ndarray,
                movie_count: int) -> Callable[[tf.Tensor], tuple[tf.Tensor, tf.Tensor]]:
    """User numbers to their rows of the who-chose-what matrix, made dense a batch at a time:
    the whole matrix (200k users x 87k movies for ml-32m) would not fit in memory."""
    order = np.argsort(users, kind="stable")
    splits = tf.constant(np.searchsorted(users[order], np.arange(users.max() + 2)), tf.int64)
    chosen = tf.RaggedTensor.from_row_splits(tf.constant(movies[order], tf.int64), splits)
    weighted = tf.RaggedTensor.from_row_splits(tf.constant(weights[order]), splits)

    def rows(numbers: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        picked = tf.gather(chosen, numbers)
        where = tf.stack([picked.value_rowids(), picked.values], axis=1)
        dense = tf.scatter_nd(where, tf.gather(weighted, numbers).values,
                              tf.stack([tf.shape(numbers, tf.int64)[0], movie_count]))
        return dense, dense  # an autoencoder: its input is its target

    return rows


def _within(model: str, epochs: int, ctx: BuildContext) -> Callable[[float], None]:
    """Progress within an epoch, which takes minutes at ml-32m's size."""
    return lambda done: ctx.progress(f"training {model} model, epoch {int(done) + 1}/{epochs} "
                                     f"({done % 1:.0%})", done / epochs)


def _multinomial_loss(chosen: tf.Tensor, logits: tf.Tensor) -> tf.Tensor:
    """The negative log-likelihood of what each user chose, under a softmax over movies."""
    return -tf.reduce_sum(tf.nn.log_softmax(logits) * chosen, axis=-1)


def train_ranking(ratings: pd.DataFrame, params: RankingParams, ctx: BuildContext,
                  strategy: tf.distribute.Strategy | None = None) -> RankingModel:
    """Fit the ranking model (see `ranking`) on who rated what: every rating is a choice, a
    liked one (4+) counts `liked_weight` times."""
    strategy = strategy or tf.distribute.get_strategy()
    started = _start(params.seed)
    user_ids, users = np.unique(ratings["user_id"].to_numpy(), return_inverse=True)
    movie_ids, movies = np.unique(ratings["movie_id"].to_numpy(), return_inverse=True)
    weights = np.where(ratings["rating"].to_numpy() >= LIKED_RATING, params.liked_weight,
                       1.0).astype(np.float32)
    with strategy.scope():
        regulariser = keras.regularizers.l2(params.l2)
        inputs = keras.Input((len(movie_ids),))
        hidden = keras.layers.UnitNormalization()(inputs)
        hidden = keras.layers.Dropout(params.dropout, seed=params.seed)(hidden)
        encoder = keras.layers.Dense(params.hidden, activation="tanh",
                                     kernel_regularizer=regulariser)
        decoder = keras.layers.Dense(len(movie_ids), kernel_regularizer=regulariser)
        model = keras.Model(inputs, decoder(encoder(hidden)))
        optimizer = keras.optimizers.Adam(params.learning_rate)
    losses: list[float] = []

    def after_epoch(epoch: int, loss: float) -> bool:
        losses.append(loss)
        if (epoch + 1) % 5 == 0 or epoch + 1 == params.epochs:
            ctx.progress(f"training ranking model, epoch {epoch + 1}/{params.epochs}",
                         (epoch + 1) / params.epochs)
        return False

    training_loop.train(
        strategy, model, optimizer,
        lambda chosen, _: _multinomial_loss(chosen, model(chosen, training=True)),
        distribution.sharded(strategy, len(user_ids), params.batch_size, params.seed,
                             _users_rows(users, movies, weights, len(movie_ids))),
        distribution.steps(len(user_ids), params.batch_size), params.epochs, after_epoch,
        ctx.cancel, _within("ranking", params.epochs, ctx))
    ctx.check()
    return RankingModel(
        movie_ids=movie_ids,
        encoder=encoder.kernel.numpy().astype(np.float32),
        encoder_bias=encoder.bias.numpy().astype(np.float32),
        decoder=decoder.kernel.numpy().astype(np.float32),
        decoder_bias=decoder.bias.numpy().astype(np.float32),
        liked_weight=params.liked_weight,
        history={"epochs_run": len(losses), "training_loss": losses,
                 "seconds": time.perf_counter() - started,
                 "distribution": distribution.describe(strategy)},
    )


def train_both(ratings: pd.DataFrame, config: ForUserConfig, ctx: BuildContext,
               distribute: str = DISTRIBUTE_AUTO) -> TrainedModels:
    """What "For this user" needs: the rating model for stars, the ranking model for order,
    both under one strategy (a multi-worker one can be made only once per process)."""
    strategy = distribution.make_strategy(distribute)
    factors = train_factors(ratings, config.rating, _stage(ctx, 0.0, RATING_SHARE), strategy)
    ranking = train_ranking(ratings, config.ranking, _stage(ctx, RATING_SHARE, 1.0), strategy)
    return TrainedModels(factors, ranking)


RATING_SHARE = 0.3  # of the progress bar: the rating model stops early, the ranking model runs on


def _stage(ctx: BuildContext, start: float, end: float) -> BuildContext:
    """A context whose progress fills [start, end] of the caller's bar."""
    return BuildContext(progress=lambda message, fraction: ctx.progress(
        message, start + (end - start) * fraction), cancel=ctx.cancel)
