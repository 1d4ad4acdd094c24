"""Training the for-user models with Keras, where TensorFlow is imported (with
`loop` and `distribution`, which it uses).

It runs in a child process (see `process`), so TensorFlow's native log lines, its
~800 MB and its threads never touch the app. The tutorial's RecommenderNet is kept, fixed: its
`tf.tensordot(user, movie, 2)` contracted over the batch axis too, adding one scalar to every row
of a batch, so a prediction depended on which other pairs shared its batch. Here the dot product
is per row, the loss is MSE on the star scale around the global mean with per-example L2 on the
looked-up vectors and biases, and training stops early on a validation slice carved out of the
training ratings, keeping the best epoch. Both models train under a `tf.distribute` strategy
(`distribution`) in `loop`, reading their examples through `tf.data`.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import replace

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")  # see process

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.engine.answer import TrainingHistory
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.models.for_user_model import Factors, TrainedModels
from tui_recsys.engine.models.ranking_model import RankingModel
from tui_recsys.engine.training import distribution
from tui_recsys.engine.training import loop as training_loop
from tui_recsys.engine.training.config import (
    DISTRIBUTE_AUTO,
    MIN_RATINGS,
    ForUserConfig,
    RankingParams,
    RatingParams,
)
from tui_recsys.engine.training.early_stopping import KeepBest, hold_out
from tui_recsys.engine.training.item_fit import fit_item_weights
from tui_recsys.engine.training.most_chosen import most_chosen, places
from tui_recsys.engine.training.progress import EpochProgress


def _rows(table: keras.Variable, ids: tf.Tensor) -> tf.Tensor:
    """Rows gathered on the variable itself. Reading the whole table as a tensor first (as
    `keras.layers.Embedding` does) makes TensorFlow copy the full buffer before each sparse
    update while that tensor lives: one table-sized copy per step, ruinous at a million
    movies."""
    return tf.gather(table.value, ids)


class RecommenderNet(keras.Model):
    """User and movie embeddings plus biases; rating = mean + b_u + b_m + p_u . q_m."""

    def __init__(self, users: int, movies: int, mean: float, params: RatingParams) -> None:
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

    def _looked_up(self, pairs: tf.Tensor) -> tuple[tf.Tensor, ...]:
        users, movies = pairs[:, 0], pairs[:, 1]
        return (_rows(self.user_factors, users), _rows(self.movie_factors, movies),
                _rows(self.user_bias, users), _rows(self.movie_bias, movies))

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
    square of the data (docs/performance.md's scale table has the figures). Rows a batch
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
    exact, and the same on every worker), progress, and the best epoch's kept."""

    def __init__(self, model: RecommenderNet, ids: tuple[np.ndarray, np.ndarray],
                 pairs: np.ndarray, stars: np.ndarray, params: RatingParams,
                 ctx: BuildContext) -> None:
        self.model, self.ids, self.pairs, self.stars = model, ids, pairs, stars
        self.params = params
        self.best = KeepBest[Factors](params.patience, lower_is_better=True,
                                      min_delta=params.min_delta)
        self.progress = EpochProgress("for-user", params.max_epochs, self.best, ctx)

    def after_epoch(self, epoch: int, _loss: float) -> bool:
        model = self.model
        factors = Factors(*self.ids, *(variable.numpy().astype(np.float32) for variable in (
            model.user_factors, model.movie_factors, model.user_bias, model.movie_bias)),
            model.mean)
        predicted = factors.predict(self.pairs[:, 0], self.pairs[:, 1])
        rmse = float(np.sqrt(np.mean((self.stars - predicted) ** 2)))
        stop = self.best.observe(rmse, factors)
        self.progress.after_epoch(epoch + 1, f"validation RMSE {rmse:.3f}")
        return stop


def train_factors(ratings: pd.DataFrame, params: RatingParams, ctx: BuildContext,
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
        stopping.after_epoch, ctx.cancel, stopping.progress.within)
    ctx.check()
    best = stopping.best
    return replace(best.model, history=TrainingHistory(
        epochs_run=len(best.figures), best_epoch=best.best_epoch,
        validation_rmse=tuple(best.figures), seconds=time.perf_counter() - started,
        distribution=distribution.describe(strategy)))


def _users_rows(users: np.ndarray, movies: np.ndarray, weights: np.ndarray,
                ) -> Callable[[tf.Tensor], tuple[tf.Tensor, tf.Tensor]]:
    """User numbers to what they chose: each user's movie positions and weights as a row,
    rows padded with weight 0 to the longest in the batch. The users x movies matrix (200k x
    87k for ml-32m) is never made, not even a batch of it."""
    order = np.argsort(users, kind="stable")
    splits = tf.constant(np.searchsorted(users[order], np.arange(users.max() + 2)), tf.int64)
    chosen = tf.RaggedTensor.from_row_splits(tf.constant(movies[order], tf.int64), splits)
    weighted = tf.RaggedTensor.from_row_splits(tf.constant(weights[order]), splits)
    return lambda numbers: (tf.gather(chosen, numbers).to_tensor(),
                            tf.gather(weighted, numbers).to_tensor())


class ChoiceAutoencoder(keras.Model):
    """The ranking model's network (see `models.ranking_model`), reading each user as the
    movies they chose rather than as a row of the users x movies matrix: the encoder gathers
    those movies' rows, so its cost and its updates (LazyAdam's) follow what a batch chose
    (about 20k of its 128 x 87k cells at ml-32m), and only the decoder's softmax spans many
    movies: the `decoded` most chosen (`RankingParams.most_decoded`). Input L2 is on the rows
    a user looked up, as in RecommenderNet; the decoder's is on its whole kernel."""

    def __init__(self, movies: int, decoded: np.ndarray, params: RankingParams) -> None:
        super().__init__()
        self.l2 = params.l2
        self.column = tf.constant(places(decoded, movies))  # in the softmax, -1 if none
        self.dropout = keras.layers.Dropout(params.dropout, seed=params.seed)
        size = params.hidden
        self.encoder = self.add_weight(
            shape=(movies, size), name="encoder",
            initializer=keras.initializers.GlorotUniform(seed=params.seed))
        self.encoder_bias = self.add_weight(shape=(size,), initializer="zeros",
                                            name="encoder_bias")
        self.decoder = self.add_weight(
            shape=(size, len(decoded)), name="decoder",
            initializer=keras.initializers.GlorotUniform(seed=params.seed + 1),
            regularizer=keras.regularizers.l2(params.l2))
        self.decoder_bias = self.add_weight(shape=(len(decoded),), initializer="zeros",
                                            name="decoder_bias")

    def per_example_loss(self, chosen: tf.Tensor, weights: tf.Tensor) -> tf.Tensor:
        """Each user's negative log-likelihood of what they chose, under a softmax over movies,
        with their input normalised to unit length and dropped out (Mult-DAE)."""
        where = tf.where(weights > 0)
        rows, movies = where[:, 0], tf.gather_nd(chosen, where)
        values = tf.gather_nd(weights, where)
        users = tf.shape(weights, tf.int64)[0]
        norms = tf.sqrt(tf.math.unsorted_segment_sum(tf.square(values), rows, users))
        kept = self.dropout(values / tf.gather(norms, rows), training=True)
        looked_up = _rows(self.encoder, movies)
        hidden = tf.tanh(tf.math.unsorted_segment_sum(kept[:, None] * looked_up, rows, users)
                         + self.encoder_bias)
        likelihood = tf.nn.log_softmax(hidden @ self.decoder + self.decoder_bias)
        columns = tf.gather(self.column, movies)
        decoded = columns >= 0  # a movie outside the softmax is read, never predicted
        chosen_likelihood = tf.gather_nd(
            likelihood, tf.stack([rows, tf.maximum(columns, 0)], axis=1))
        return (tf.math.unsorted_segment_sum(
            -tf.where(decoded, values * chosen_likelihood, 0.0)
            + self.l2 * tf.reduce_sum(tf.square(looked_up), axis=1), rows, users))


def spread_decoder(decoder: np.ndarray, bias: np.ndarray, decoded: np.ndarray,
                   movies: int) -> tuple[np.ndarray, np.ndarray]:
    """The decoder over every movie from the one over the `decoded` few: a movie outside the
    softmax gets no weights and a bias below any decoded movie's lowest possible logit (the
    hidden layer is a tanh, so a logit never falls below bias - |column|_1), so that it ranks
    under every decoded movie for everyone, and a log-softmax over all movies stays finite."""
    spread = np.zeros((len(decoder), movies), dtype=np.float32)
    spread[:, decoded] = decoder
    floor = float(np.min(bias - np.abs(decoder).sum(axis=0), initial=0.0)) - 1.0
    spread_bias = np.full(movies, floor, dtype=np.float32)
    spread_bias[decoded] = bias
    return spread, spread_bias


def dense_gradients(strategy: tf.distribute.Strategy, movies: int, touched: float) -> bool:
    """Whether the ranking network's encoder learns from dense gradients (`loop.train`): with
    several replicas, always; on one, while it has no more rows than a batch's `touched`
    choices. ml-latest-small's 9,700 movies against a batch's 20,000 choices step 15 % faster
    dense, with a validation nDCG@10 as good (0.2170 against 0.2164 over three seeds); at
    ml-32m's 87,000 movies, updating only the rows touched (LazyAdam) is far cheaper."""
    return strategy.num_replicas_in_sync > 1 or movies <= touched


def train_ranking(ratings: pd.DataFrame, params: RankingParams, ctx: BuildContext,
                  strategy: tf.distribute.Strategy | None = None) -> RankingModel:
    """Fit the ranking model (see `models.ranking_model`) on who rated what: every rating is a
    choice, a liked one (4+) counts `liked_weight` times. Training stops once nDCG@10 on held-out
    choices (`early_stopping`) has not improved for `patience_steps` steps (in whole epochs,
    at least `min_patience`), or at `max_epochs`, and keeps the best epoch. The cached
    model's scores are discounted by `popularity_discount` x log(1 + the movie's choosers),
    folded into the decoder's bias (see `RankingParams`)."""
    strategy = strategy or tf.distribute.get_strategy()
    started = _start(params.seed)
    user_ids, users = np.unique(ratings["user_id"].to_numpy(), return_inverse=True)
    movie_ids, movies = np.unique(ratings["movie_id"].to_numpy(), return_inverse=True)
    liked = ratings["rating"].to_numpy() >= LIKED_RATING
    weights = np.where(liked, params.liked_weight, 1.0).astype(np.float32)
    steps = distribution.steps(len(user_ids), params.batch_size)
    patience = max(params.min_patience, -(-params.patience_steps // steps))
    # A check that could never stop training (ml-latest-small waits past the cap) would only
    # take choices from it and pick among noisy figures: then there is none, and the last
    # epoch is kept.
    checked_users = min(params.validation_users,
                        math.ceil(params.validation_user_share * len(user_ids)))
    train, check = hold_out(users, movies, weights, liked, params.validation_fraction,
                            checked_users if patience < params.max_epochs else 0, params.seed)
    choosers = np.bincount(movies[train], minlength=len(movie_ids))
    decoded = most_chosen(choosers, params.min_choosers, params.most_decoded)
    with strategy.scope():
        model = ChoiceAutoencoder(len(movie_ids), decoded, params)
        optimizer = LazyAdam(params.learning_rate)
    losses: list[float] = []
    best = KeepBest[RankingModel](patience, lower_is_better=False, min_delta=params.min_delta)
    discount = (params.popularity_discount * np.log1p(choosers[decoded])).astype(np.float32)

    def arrays() -> RankingModel:
        decoder = model.decoder.numpy().astype(np.float32)
        bias = model.decoder_bias.numpy().astype(np.float32) - discount
        return RankingModel(movie_ids, model.encoder.numpy().astype(np.float32),
                            model.encoder_bias.numpy().astype(np.float32),
                            *spread_decoder(decoder, bias, decoded, len(movie_ids)),
                            liked_weight=params.liked_weight)

    progress = EpochProgress("ranking", params.max_epochs, best if check.usable else None, ctx)

    def after_epoch(epoch: int, loss: float) -> bool:
        losses.append(loss)
        if not check.usable:
            progress.after_epoch(epoch + 1)
            return False
        current = arrays()
        ndcg = check.ndcg(current)
        stop = best.observe(ndcg, current)
        progress.after_epoch(epoch + 1, f"validation nDCG@10 {ndcg:.3f}")
        return stop

    training_loop.train(
        strategy, model, optimizer, model.per_example_loss,
        distribution.sharded(strategy, len(user_ids), params.batch_size, params.seed,
                             _users_rows(users[train], movies[train], weights[train])),
        steps, params.max_epochs, after_epoch, ctx.cancel,
        progress.within, dense=dense_gradients(
            strategy, len(movie_ids), params.batch_size * train.sum() / len(user_ids)))
    ctx.check()
    return replace(best.model if check.usable else arrays(), history=TrainingHistory(
        epochs_run=len(losses), training_loss=tuple(losses),
        best_epoch=best.best_epoch if check.usable else len(losses),
        validation_ndcg=tuple(best.figures) if check.usable else (),
        seconds=time.perf_counter() - started, distribution=distribution.describe(strategy)))


def train_both(ratings: pd.DataFrame, config: ForUserConfig, ctx: BuildContext,
               distribute: str = DISTRIBUTE_AUTO) -> TrainedModels:
    """What "For this user" needs: the rating model for stars, the ranking network and EASE's
    item weights for order, the networks under one strategy (a multi-worker one can be made
    only once per process)."""
    strategy = distribution.make_strategy(distribute)
    factors = train_factors(ratings, config.rating, _stage(ctx, 0.0, RATING_SHARE), strategy)
    network = train_ranking(ratings, config.ranking, _stage(ctx, RATING_SHARE, ITEMS_START),
                            strategy)
    ctx.progress("for-user: fitting EASE's item weights", ITEMS_START)
    items = fit_item_weights(ratings, network.movie_ids, config.ranking.liked_weight,
                             config.items)
    return TrainedModels(factors, network, items)


def train_stars(ratings: pd.DataFrame, config: ForUserConfig, ctx: BuildContext,
                distribute: str = DISTRIBUTE_AUTO) -> Factors:
    """The rating model alone: evaluation's RMSE split reads nothing else."""
    return train_factors(ratings, config.rating, ctx, distribution.make_strategy(distribute))


RATING_SHARE = 0.3  # of the progress bar: the rating model's epochs are the shorter
ITEMS_START = 0.95  # EASE's inverse is one step, seconds long


def _stage(ctx: BuildContext, start: float, end: float) -> BuildContext:
    """A context whose progress fills [start, end] of the caller's bar."""
    return BuildContext(progress=lambda message, fraction: ctx.progress(
        message, None if fraction is None else start + (end - start) * fraction),
        cancel=ctx.cancel)
