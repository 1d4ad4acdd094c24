"""Seeded synthetic data with a realistic shape, for measuring how costs grow.

Words follow a Zipf law over a 50k vocabulary (so common words have long posting lists, as in
real overviews), overviews run ~60 words, and both users' activity and movies' popularity are
Zipf-like, so a few movies get most ratings as in MovieLens.
"""

from __future__ import annotations

from pathlib import Path

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


TASTE_GROUPS = 20
OWN_TASTE = 0.5  # of a user's choices, drawn from their group's favourites


def ratings(count: int, users: int = 0, movies: int = 0) -> pd.DataFrame:
    """`count` distinct (user, movie) ratings among `users` and `movies` (by default one user
    per 150 ratings and one movie per 10); popular pairs repeat when drawn, so pairs are
    drawn in rounds and the repeats dropped until there are enough. Each user belongs to one
    of TASTE_GROUPS groups, and half their choices follow their group's own ranking of the
    movies (the rest, everyone's): choices with no such structure would leave a ranking model
    nothing to learn beyond popularity, and its early stopping nothing to wait for."""
    rng = np.random.default_rng(SEED)
    users, movies = users or max(50, count // 150), movies or max(100, count // 10)
    if count > users * movies:  # the draws below would go on for ever
        raise ValueError(f"{count:,} distinct ratings cannot come from {users:,} users x "
                         f"{movies:,} movies; ask for fewer ratings, or more users or movies")
    user_taste, movie_taste = rng.normal(0, 0.6, users), rng.normal(0, 0.6, movies)
    user_weights, movie_weights = _zipf_weights(users, 0.8), _zipf_weights(movies, 1.0)
    group = rng.integers(TASTE_GROUPS, size=users)
    favourites = np.stack([rng.permutation(movies) for _ in range(TASTE_GROUPS)])
    frame = pd.DataFrame({"user_id": [], "movie_id": [], "rating": []})
    while len(frame) < count:
        user = rng.choice(users, size=count, p=user_weights)
        movie = rng.choice(movies, size=count, p=movie_weights)
        movie = np.where(rng.random(count) < OWN_TASTE, favourites[group[user], movie], movie)
        taste = user_taste[user] + movie_taste[movie] + rng.normal(0, 0.8, count)
        stars = np.clip(np.round((3.5 + taste) * 2) / 2, 0.5, 5.0).astype("float32")
        drawn = pd.DataFrame({"user_id": user, "movie_id": movie, "rating": stars})
        frame = pd.concat([frame, drawn]).drop_duplicates(["user_id", "movie_id"])
    return frame.head(count).astype({"user_id": "int64", "movie_id": "int64"}).reset_index(
        drop=True)


# ml-32m as GroupLens publishes it: 32,000,204 ratings by 200,948 users of 87,585 movies.
ML_32M = (32_000_204, 200_948, 87_585)
GENRES = ("Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary",
          "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
          "Thriller", "War", "Western")


def movielens_release(folder: Path, count: int, users: int, movies: int) -> Path:
    """A MovieLens release folder (ratings.csv, movies.csv, links.csv, in GroupLens' columns)
    of `count` synthetic ratings, written with Arrow's CSV writer."""
    import pyarrow as pa
    import pyarrow.csv as arrow_csv

    folder.mkdir(parents=True, exist_ok=True)
    frame = ratings(count, users, movies)
    rng = np.random.default_rng(SEED)
    table = pa.table({"userId": frame["user_id"].to_numpy() + 1,
                      "movieId": frame["movie_id"].to_numpy() + 1,
                      "rating": frame["rating"].to_numpy(),
                      "timestamp": rng.integers(789_652_009, 1_697_164_147, len(frame))})
    del frame
    arrow_csv.write_csv(table, folder / "ratings.csv")
    del table
    ids = np.arange(1, movies + 1)
    picked = rng.integers(0, len(GENRES), (movies, 2))
    arrow_csv.write_csv(pa.table({
        "movieId": ids,
        "title": [f"{title} ({year})" for title, year in zip(
            titles(movies).str.rsplit(" ", n=1).str[0], rng.integers(1920, 2024, movies),
            strict=True)],
        "genres": [f"{GENRES[a]}|{GENRES[b]}" if a != b else GENRES[a] for a, b in picked],
    }), folder / "movies.csv")
    arrow_csv.write_csv(pa.table({"movieId": ids, "imdbId": ids + 100_000,
                                  "tmdbId": pa.array([None] * movies, pa.int64())}),
                        folder / "links.csv")
    return folder
