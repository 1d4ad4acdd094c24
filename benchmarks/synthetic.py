"""Seeded synthetic data with a realistic shape, for measuring how costs grow.

Words follow a Zipf law over a 50k vocabulary (so common words have long posting lists, as in
real overviews), overviews run ~60 words, and both users' activity and movies' popularity are
Zipf-like, so a few movies get most ratings as in MovieLens.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

VOCABULARY = 50_000
SEED = 7


def _zipf_weights(size: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, size + 1) ** exponent
    return weights / weights.sum()


def words(rng: np.random.Generator, count: int) -> np.ndarray:
    vocabulary = np.array([f"w{i:x}" for i in range(VOCABULARY)])
    return vocabulary[rng.choice(VOCABULARY, size=count, p=_zipf_weights(VOCABULARY, 1.05))]


def overviews(count: int, mean_words: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    lengths = np.maximum(5, rng.poisson(mean_words, count))
    pool = words(rng, int(lengths.sum()))
    ends = np.cumsum(lengths)
    texts = [" ".join(pool[end - length:end]) for end, length in zip(ends, lengths, strict=True)]
    return pd.DataFrame({"id": np.arange(count), "overview": texts})


def titles(count: int) -> pd.Series:
    rng = np.random.default_rng(SEED)
    lengths = rng.integers(1, 5, count)
    pool = words(rng, int(lengths.sum()))
    ends = np.cumsum(lengths)
    years = rng.integers(1920, 2025, count)
    return pd.Series([" ".join(pool[end - length:end]) + f" {year}"
                      for end, length, year in zip(ends, lengths, years, strict=True)])


def ratings(count: int) -> pd.DataFrame:
    """`count` distinct (user, movie) ratings; popular pairs repeat when drawn, so pairs are
    drawn in rounds and the repeats dropped until there are enough."""
    rng = np.random.default_rng(SEED)
    users, movies = max(50, count // 150), max(100, count // 10)
    user_taste, movie_taste = rng.normal(0, 0.6, users), rng.normal(0, 0.6, movies)
    user_weights, movie_weights = _zipf_weights(users, 0.8), _zipf_weights(movies, 1.0)
    frame = pd.DataFrame({"user_id": [], "movie_id": [], "rating": []})
    while len(frame) < count:
        user = rng.choice(users, size=count, p=user_weights)
        movie = rng.choice(movies, size=count, p=movie_weights)
        taste = user_taste[user] + movie_taste[movie] + rng.normal(0, 0.8, count)
        stars = np.clip(np.round((3.5 + taste) * 2) / 2, 0.5, 5.0).astype("float32")
        drawn = pd.DataFrame({"user_id": user, "movie_id": movie, "rating": stars})
        frame = pd.concat([frame, drawn]).drop_duplicates(["user_id", "movie_id"])
    return frame.head(count).astype({"user_id": "int64", "movie_id": "int64"}).reset_index(
        drop=True)
