"""Which `tf.distribute` strategy training runs under, and its input as per-worker shards.

TensorFlow's own distribution, chosen by configuration (`config.distribution_choice`): the
default single device; `MirroredStrategy` over every local GPU (or every logical CPU device
when there is no GPU, which is how the tests run it); `MultiWorkerMirroredStrategy` across
machines named by the standard `TF_CONFIG`. Every worker runs the same build on the same data
and ends with the same weights, so each writes its own cache; each reads only its shard of
the training examples.

Shards repeat and every epoch is a fixed number of steps: under a multi-worker strategy every
worker must take part in every step's all-reduce, and shards that ran out at different steps
would leave one waiting for ever.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable

import tensorflow as tf

from tui_recsys.engine.training.config import (
    DISTRIBUTE_AUTO,
    DISTRIBUTE_MIRRORED,
    DISTRIBUTE_WORKERS,
)

SHUFFLE_BUFFER = 1 << 20  # examples: every user fits; ratings come permuted once already


def _workers_in_tf_config() -> int:
    cluster = json.loads(os.environ.get("TF_CONFIG") or "{}").get("cluster", {})
    return sum(len(cluster.get(role, ())) for role in ("chief", "worker"))


def resolve(choice: str) -> str:
    """`auto` as what it means on this machine: several workers in TF_CONFIG, then several
    GPUs, else the default strategy."""
    if choice != DISTRIBUTE_AUTO:
        return choice
    if _workers_in_tf_config() > 1:
        return DISTRIBUTE_WORKERS
    if len(tf.config.list_physical_devices("GPU")) > 1:
        return DISTRIBUTE_MIRRORED
    return "default"


def make_strategy(choice: str) -> tf.distribute.Strategy:
    """The strategy; a multi-worker one must be made before any other TensorFlow operation."""
    resolved = resolve(choice)
    if resolved == DISTRIBUTE_WORKERS:
        return tf.distribute.MultiWorkerMirroredStrategy()
    if resolved == DISTRIBUTE_MIRRORED:
        gpus = tf.config.list_logical_devices("GPU")
        devices = gpus or tf.config.list_logical_devices("CPU")
        return tf.distribute.MirroredStrategy([device.name for device in devices])
    return tf.distribute.get_strategy()


def describe(strategy: tf.distribute.Strategy) -> str:
    workers = strategy.cluster_resolver.cluster_spec().num_tasks("worker") if isinstance(
        strategy, tf.distribute.MultiWorkerMirroredStrategy) else 1
    if workers > 1:
        return f"{workers} workers, {strategy.num_replicas_in_sync} replicas"
    if strategy.num_replicas_in_sync > 1:
        return f"{strategy.num_replicas_in_sync} local replicas"
    return "one device"


def steps(examples: int, batch: int) -> int:
    return max(1, math.ceil(examples / batch))


def sharded(strategy: tf.distribute.Strategy, count: int, batch: int, seed: int,
            fetch: Callable[[tf.Tensor], tuple[tf.Tensor, tf.Tensor]]) -> object:
    """Batches of `count` examples: each input pipeline (one per worker) takes every n-th
    example, shuffles them with `seed`, repeats, and turns each batch of example numbers into
    tensors with `fetch`; `batch` is the global batch, split over the replicas."""

    def make(context: tf.distribute.InputContext) -> tf.data.Dataset:
        numbers = tf.data.Dataset.range(count).shard(context.num_input_pipelines,
                                                     context.input_pipeline_id)
        numbers = numbers.shuffle(min(count, SHUFFLE_BUFFER), seed=seed,
                                  reshuffle_each_iteration=True)
        per_replica = context.get_per_replica_batch_size(batch)
        return numbers.repeat().batch(per_replica).map(fetch).prefetch(tf.data.AUTOTUNE)

    return strategy.distribute_datasets_from_function(make)
