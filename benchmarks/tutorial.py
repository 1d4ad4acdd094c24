"""The tutorial's own pipeline, as written, to measure ours against.

Weighted rating through `apply(axis=1)`, `ast.literal_eval` parsing, full N x N
`cosine_similarity` matrices and a Python sort per query, and the Keras RecommenderNet as
written: `tf.tensordot(user, movie, 2)`, sigmoid on min-max scaled ratings, binary
cross-entropy, batches of 64, 10 epochs. Only the display code is left out.
"""

from __future__ import annotations

import os
from ast import literal_eval

import numpy as np
import pandas as pd


def demographic(movies: pd.DataFrame) -> pd.DataFrame:
    c = movies["vote_average"].mean()
    m = movies["vote_count"].quantile(0.9)
    chart = movies.copy().loc[movies["vote_count"] >= m]

    def weighted_rating(x: pd.Series, m: float = m, c: float = c) -> float:
        v, r = x["vote_count"], x["vote_average"]
        return (v / (v + m) * r) + (m / (m + v) * c)

    chart["score"] = chart.apply(weighted_rating, axis=1)
    return chart.sort_values("score", ascending=False)


def overview_similarity(movies: pd.DataFrame) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    matrix = TfidfVectorizer(stop_words="english").fit_transform(movies["overview"].fillna(""))
    return cosine_similarity(matrix, matrix)


def metadata_similarity(movies: pd.DataFrame) -> np.ndarray:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    movies = movies.copy()
    for feature in ("cast", "crew", "keywords", "genres"):
        movies[feature] = movies[feature].apply(literal_eval)

    def get_director(x: list[dict]) -> object:
        for i in x:
            if i["job"] == "Director":
                return i["name"]
        return np.nan

    def get_list(x: object) -> list[str]:
        if isinstance(x, list):
            names = [i["name"] for i in x]
            return names[:3] if len(names) > 3 else names
        return []

    def clean_data(x: object) -> object:
        if isinstance(x, list):
            return [str.lower(i.replace(" ", "")) for i in x]
        return str.lower(x.replace(" ", "")) if isinstance(x, str) else ""

    movies["director"] = movies["crew"].apply(get_director)
    for feature in ("cast", "keywords", "genres"):
        movies[feature] = movies[feature].apply(get_list)
    for feature in ("cast", "keywords", "director", "genres"):
        movies[feature] = movies[feature].apply(clean_data)

    def soup(x: pd.Series) -> str:
        return (" ".join(x["keywords"]) + " " + " ".join(x["cast"]) + " " + x["director"]
                + " " + " ".join(x["genres"]))

    movies["soup"] = movies.apply(soup, axis=1)
    count_matrix = CountVectorizer(stop_words="english").fit_transform(movies["soup"])
    return cosine_similarity(count_matrix, count_matrix)


def recommend(similarity: np.ndarray, index: int) -> list[int]:
    scores = sorted(enumerate(similarity[index]), key=lambda x: x[1], reverse=True)
    return [i for i, _ in scores[1:6]]


class TutorialModel:
    """The tutorial's collaborative section: encodings, split, RecommenderNet, 10 epochs."""

    def __init__(self, ratings: pd.DataFrame) -> None:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")  # as the app trains
        import keras
        import tensorflow as tf

        data = ratings.rename(columns={"user_id": "userId", "movie_id": "movieId"}).copy()
        user_ids = data["userId"].unique().tolist()
        movie_ids = data["movieId"].unique().tolist()
        self.user2user_encoded = {x: i for i, x in enumerate(user_ids)}
        self.movie2movie_encoded = {x: i for i, x in enumerate(movie_ids)}
        self.movie_encoded2movie = dict(enumerate(movie_ids))
        data["user"] = data["userId"].map(self.user2user_encoded)
        data["movie"] = data["movieId"].map(self.movie2movie_encoded)
        data["rating"] = data["rating"].values.astype(np.float32)
        self.min_rating, self.max_rating = min(data["rating"]), max(data["rating"])
        data = data.sample(frac=1, random_state=42)
        x = data[["user", "movie"]].values
        y = data["rating"].apply(
            lambda r: (r - self.min_rating) / (self.max_rating - self.min_rating)).values
        cut = int(0.9 * data.shape[0])
        self.x_train, self.x_val, self.y_train, self.y_val = x[:cut], x[cut:], y[:cut], y[cut:]
        self.data = data

        class RecommenderNet(keras.Model):
            def __init__(self, num_users: int, num_movies: int, embedding_size: int,
                         **kwargs: object) -> None:
                super().__init__(**kwargs)
                self.user_embedding = keras.layers.Embedding(
                    num_users, embedding_size, embeddings_initializer="he_normal",
                    embeddings_regularizer=keras.regularizers.l2(1e-6))
                self.user_bias = keras.layers.Embedding(num_users, 1)
                self.movie_embedding = keras.layers.Embedding(
                    num_movies, embedding_size, embeddings_initializer="he_normal",
                    embeddings_regularizer=keras.regularizers.l2(1e-6))
                self.movie_bias = keras.layers.Embedding(num_movies, 1)

            def call(self, inputs: tf.Tensor) -> tf.Tensor:
                user_vector = self.user_embedding(inputs[:, 0])
                user_bias = self.user_bias(inputs[:, 0])
                movie_vector = self.movie_embedding(inputs[:, 1])
                movie_bias = self.movie_bias(inputs[:, 1])
                dot_user_movie = tf.tensordot(user_vector, movie_vector, 2)
                return tf.nn.sigmoid(dot_user_movie + user_bias + movie_bias)

        keras.utils.set_random_seed(42)
        self.model = RecommenderNet(len(user_ids), len(movie_ids), 50)
        self.model.compile(loss=keras.losses.BinaryCrossentropy(),
                           optimizer=keras.optimizers.Adam(learning_rate=0.001))

    def fit(self) -> None:
        self.model.fit(x=self.x_train, y=self.y_train, batch_size=64, epochs=10, verbose=0,
                       validation_data=(self.x_val, self.y_val))

    def rmse(self, batch_size: int) -> float:
        """Held-out RMSE in stars; the tensordot defect makes it depend on the batch size."""
        scaled = self.model.predict(self.x_val, batch_size=batch_size, verbose=0).flatten()
        stars = scaled * (self.max_rating - self.min_rating) + self.min_rating
        truth = self.y_val * (self.max_rating - self.min_rating) + self.min_rating
        return float(np.sqrt(np.mean((stars - truth) ** 2)))

    def top_ten(self, user_id: int, movies: pd.DataFrame) -> list[int]:
        watched = self.data[self.data.userId == user_id]
        not_watched = movies[~movies["movieId"].isin(watched.movieId.values)]["movieId"]
        not_watched = list(set(not_watched).intersection(set(self.movie2movie_encoded.keys())))
        not_watched = [[self.movie2movie_encoded.get(x)] for x in not_watched]
        user_encoder = self.user2user_encoded.get(user_id)
        pairs = np.hstack(([[user_encoder]] * len(not_watched), not_watched))
        ratings = self.model.predict(pairs, verbose=0).flatten()
        best = ratings.argsort()[-10:][::-1]
        return [self.movie_encoded2movie.get(not_watched[x][0]) for x in best]
