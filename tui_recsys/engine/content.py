"""Content-based "more like this": cosine similarity of TF-IDF over overviews, or of count
vectors over the tutorial's metadata soup (3 keywords, top-3 cast, director, 3 genres).

Rows are L2-normalised once, so a query is one sparse product over only the movies that share a
term with it, then a partial sort: no N x N matrix is ever built. scikit-learn is needed only to
build; a cached model answers with numpy and scipy alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

from tui_recsys.engine.base import BuildContext, Recommendation, top_k

FORMAT = 1
SOUP_ITEMS = 3


class ContentBy(StrEnum):
    OVERVIEW = "overview"
    METADATA = "metadata"


SOUP_COLUMNS = ["keywords", "cast", "director", "genres"]


def soup_features(keywords: list[str], cast: list[str], director: str,
                  genres: list[str]) -> list[str]:
    """The tutorial's soup, before cleaning: its `get_list` keeps the first three of keywords,
    cast and genres, and the director (or nothing)."""
    return [*keywords[:SOUP_ITEMS], *cast[:SOUP_ITEMS], *([director] if director else []),
            *genres[:SOUP_ITEMS]]


def _squash(name: str) -> str:
    return name.replace(" ", "").lower()


def soups(movies: pd.DataFrame) -> list[str]:
    columns = (movies[column].tolist() for column in SOUP_COLUMNS)
    return [" ".join(_squash(name) for name in soup_features(*fields))
            for fields in zip(*columns, strict=True)]


@dataclass
class ContentModel:
    """The cached part: L2-normalised document vectors and their vocabulary."""

    by: ContentBy
    matrix: sp.csr_matrix
    vocabulary: np.ndarray

    def __post_init__(self) -> None:
        self._by_term = self.matrix.tocsc()

    @classmethod
    def build(cls, movies: pd.DataFrame, by: ContentBy, ctx: BuildContext) -> ContentModel:
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
        from sklearn.preprocessing import normalize

        ctx.report(f"content ({by}): preparing {len(movies)} documents", 0.1)
        if by is ContentBy.OVERVIEW:
            vectorizer = TfidfVectorizer(stop_words="english")
            documents = movies["overview"].tolist()
        else:
            vectorizer = CountVectorizer(stop_words="english")
            documents = soups(movies)
        ctx.report(f"content ({by}): vectorising", 0.4)
        counts = vectorizer.fit_transform(documents)
        ctx.report(f"content ({by}): normalising", 0.9)
        matrix = sp.csr_matrix(normalize(counts.astype(np.float64), norm="l2"))
        return cls(by, matrix, np.asarray(vectorizer.get_feature_names_out(), dtype=str))

    def save(self, folder: Path) -> None:
        sp.save_npz(folder / "matrix.npz", self.matrix, compressed=False)
        np.save(folder / "vocabulary.npy", self.vocabulary, allow_pickle=False)

    @classmethod
    def load(cls, folder: Path, by: ContentBy) -> ContentModel:
        matrix = sp.load_npz(folder / "matrix.npz").tocsr()
        return cls(by, matrix, np.load(folder / "vocabulary.npy", allow_pickle=False))

    def scores(self, row: int) -> np.ndarray:
        """Cosine similarity of one movie to every movie, touching only shared terms."""
        start, end = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        terms, weights = self.matrix.indices[start:end], self.matrix.data[start:end]
        return np.asarray(self._by_term[:, terms] @ weights).ravel()

    def shared_terms(self, a: int, b: int, limit: int = 3) -> list[str]:
        """The terms that contribute most to the similarity of rows a and b."""
        product = self.matrix[a].multiply(self.matrix[b]).tocoo()
        order = np.argsort(-product.data, kind="stable")[:limit]
        return [str(self.vocabulary[product.col[i]]) for i in order]


class ContentRecommender:
    """A ContentModel plus the catalog rows it was built from, answering in Recommendations."""

    def __init__(self, model: ContentModel, movies: pd.DataFrame) -> None:
        self.model = model
        self.movies = movies

    def similar(self, row: int, k: int = 5) -> list[Recommendation]:
        """The k most similar movies; a movie that shares no term at all is not similar, so
        fewer than k come back when fewer share anything."""
        scores = self.model.scores(row)
        unrelated = np.flatnonzero(scores <= 0)
        best = top_k(scores, k, exclude=np.union1d(unrelated, [row]))
        return [self._recommendation(row, int(other), float(scores[other])) for other in best]

    def _reason(self, row: int, other: int, score: float) -> str:
        if self.model.by is ContentBy.OVERVIEW:
            words = self.model.shared_terms(row, other)
            shared = f" (shared words: {', '.join(words)})" if words else ""
            return f"overview similarity {score:.2f}{shared}"
        theirs = {_squash(name) for name in self._features(other)}
        common = [name for name in self._features(row) if _squash(name) in theirs]
        shared = f" (shares: {', '.join(dict.fromkeys(common))})" if common else ""
        return f"cast & crew similarity {score:.2f}{shared}"

    def _features(self, row: int) -> list[str]:
        return soup_features(*self.movies.iloc[row][SOUP_COLUMNS])

    def _recommendation(self, row: int, other: int, score: float) -> Recommendation:
        movie = self.movies.iloc[other]
        year = movie["year"]
        return Recommendation(int(movie["id"]), str(movie["title"]),
                              None if pd.isna(year) else int(year), score,
                              self._reason(row, other, score), tmdb_id=int(movie["id"]))
