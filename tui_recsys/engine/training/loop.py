"""The loop every model trains in, under its `tf.distribute` strategy.

Keras' `fit` cannot train under `MultiWorkerMirroredStrategy` in Keras 3 (keras-team/keras#20585,
open: it reduces whole batches and scalar metrics along an axis they lack), so the steps are
TensorFlow's own custom-loop recipe: `strategy.run` on each replica's batch, losses averaged
over the global batch with `tf.nn.compute_average_loss`, gradients all-reduced by the strategy
inside `apply_gradients`. One loop for every strategy, so the single-device build that the app
runs is the same code that the distribution tests run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import keras
import tensorflow as tf

STEPS_PER_CALL = 32  # steps in one traced call: fewer trips from Python, cancel still prompt
PROGRESS_SECONDS = 1.0  # between reports within an epoch (one takes minutes at ml-32m's size)
Loss = Callable[[tf.Tensor, tf.Tensor], tf.Tensor]  # a batch's (inputs, targets) -> per example


def train(strategy: tf.distribute.Strategy, model: keras.Model, optimizer: keras.Optimizer,
          per_example_loss: Loss, batches: object, steps_per_epoch: int, epochs: int,
          after_epoch: Callable[[int, float], bool], cancel: threading.Event,
          during: Callable[[float], None] = lambda _epochs: None,
          dense: bool = False) -> None:
    """Run up to `epochs` epochs of `steps_per_epoch` steps over `batches` (a distributed
    dataset that repeats); `model` and `optimizer` were made in the strategy's scope.
    `after_epoch(epoch, mean training loss)` returns True to stop; `during(epochs done, a
    fraction)` hears of progress within an epoch; a set `cancel` stops between calls.

    `dense`: the model's sparse gradients are made dense before the optimizer sees them. The
    caller asks for it when its tables are small beside the rows a batch touches (a whole
    table then updates faster than its touched rows one by one), and must ask for it with
    several replicas whose sparse gradients touch a different number of rows each:
    TensorFlow 2.21's collectives fail to all-gather those ("Shape mismatch in the collective
    instance", in the padding branch of `all_gather_indexed_slices`; a failure of the same
    kind, sparse gradients gathered with uneven shapes across workers, is
    tensorflow/tensorflow#33339), so there they are all-reduced whole: slower, and the same
    sums."""
    with strategy.scope():
        optimizer.build(model.trainable_variables)
    variables = model.trainable_variables

    def step(batch: tuple[tf.Tensor, tf.Tensor]) -> tf.Tensor:
        inputs, targets = batch
        with tf.GradientTape() as tape:
            loss = tf.nn.compute_average_loss(per_example_loss(inputs, targets))
            if model.losses:  # weight regularisers
                loss += tf.nn.scale_regularization_loss(tf.add_n(model.losses))
        gradients = tape.gradient(loss, variables)
        if dense:
            gradients = [tf.convert_to_tensor(gradient) for gradient in gradients]
        optimizer.apply_gradients(zip(gradients, variables, strict=True))
        return loss

    iterator = iter(batches)

    @tf.function
    def run(count: tf.Tensor) -> tf.Tensor:
        total = tf.constant(0.0)
        for _ in tf.range(count):
            losses = strategy.run(step, args=(next(iterator),))
            total += strategy.reduce(tf.distribute.ReduceOp.SUM, losses, axis=None)
        return total

    reported = time.monotonic()
    for epoch in range(epochs):
        done, total = 0, 0.0
        while done < steps_per_epoch:
            if cancel.is_set():
                return
            count = min(STEPS_PER_CALL, steps_per_epoch - done)
            total += float(run(tf.constant(count)))
            done += count
            if time.monotonic() - reported >= PROGRESS_SECONDS and done < steps_per_epoch:
                during(epoch + done / steps_per_epoch)
                reported = time.monotonic()
        if after_epoch(epoch, total / steps_per_epoch):
            return
