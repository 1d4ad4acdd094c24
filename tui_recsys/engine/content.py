"""Content-based "more like this": cosine similarity of TF-IDF over overviews, or of count
vectors over the tutorial's metadata soup (3 keywords, top-3 cast, director, 3 genres).

Rows are L2-normalised once, so a query is one sparse product over only the movies that share a
term with it, then a partial sort: no N x N matrix is ever built. scikit-learn is needed only to
build; a cached model answers with numpy and scipy alone. scipy.sparse is imported when a model
is first loaded or built, never at start-up, where it would cost a noticeable share of the
first paint (the README's "Performance" section has the figures, and why scipy stays).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tui_recsys.engine.base import BuildContext, Recommendation, optional_ints, top_k
from tui_recsys.engine.settings import ContentConfig
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    import scipy.sparse as sp

SOUP_COLUMNS = ["keywords", "cast", "director", "genres"]


def soup_features(keywords: list[str], cast: list[str], director: str, genres: list[str],
                  items: int) -> list[str]:
    """The tutorial's soup, before cleaning: its `get_list` keeps the first three (`items`) of
    keywords, cast and genres, and the director (or nothing)."""
    return [*keywords[:items], *cast[:items], *([director] if director else []),
            *genres[:items]]


def _squash(name: str) -> str:
    return name.replace(" ", "").lower()


def soup_lists(movies: pd.DataFrame, items: int) -> list[list[str]]:
    columns = (movies[column].tolist() for column in SOUP_COLUMNS)
    return [soup_features(*fields, items) for fields in zip(*columns, strict=True)]


def soups(movies: pd.DataFrame, items: int) -> list[str]:
    return [" ".join(map(_squash, features)) for features in soup_lists(movies, items)]


@dataclass
class ContentModel:
    """The cached part: L2-normalised document vectors and their vocabulary."""

    config: ContentConfig
    matrix: sp.csr_matrix
    vocabulary: np.ndarray

    def __post_init__(self) -> None:
        self._by_term = self.matrix.tocsc()

    @classmethod
    def build(cls, movies: pd.DataFrame, config: ContentConfig, ctx: BuildContext,
              label: str) -> ContentModel:
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
        from sklearn.preprocessing import normalize

        ctx.report(f"{label}: preparing {len(movies)} documents", 0.1)
        weighting = {"tfidf": TfidfVectorizer, "count": CountVectorizer}[config.weighting]
        vectorizer = weighting(stop_words=config.stop_words)
        documents = (movies["overview"].tolist() if config.text == "overview"
                     else soups(movies, config.soup_items))
        ctx.report(f"{label}: vectorising", 0.4)
        counts = vectorizer.fit_transform(documents)
        ctx.report(f"{label}: normalising", 0.9)
        matrix = normalize(counts.astype(np.float64), norm="l2").tocsr()
        return cls(config, matrix, np.asarray(vectorizer.get_feature_names_out(), dtype=str))

    def save(self, folder: Path) -> None:
        import scipy.sparse as sp

        sp.save_npz(folder / "matrix.npz", self.matrix, compressed=False)
        np.save(folder / "vocabulary.npy", self.vocabulary, allow_pickle=False)

    @classmethod
    def load(cls, folder: Path, config: ContentConfig, rows: int) -> ContentModel:
        """The saved model, checked against the catalogue's `rows` movies: a damaged entry
        fails here, not as an index error in the middle of a query."""
        import scipy.sparse as sp

        matrix = sp.load_npz(folder / "matrix.npz").tocsr()
        vocabulary = np.load(folder / "vocabulary.npy", allow_pickle=False)
        if vocabulary.ndim != 1 or vocabulary.dtype.kind != "U":
            raise ValueError(f"vocabulary.npy is {vocabulary.dtype} {vocabulary.shape}, "
                             f"expected a list of terms")
        if matrix.shape != (rows, len(vocabulary)) or matrix.dtype.kind != "f":
            raise ValueError(f"matrix.npz is {matrix.dtype} {matrix.shape}, expected float "
                             f"{(rows, len(vocabulary))}")
        matrix.check_format(full_check=True)
        return cls(config, matrix, vocabulary)

    def scores(self, row: int) -> np.ndarray:
        """Cosine similarity of one movie to every movie, touching only shared terms."""
        start, end = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        terms, weights = self.matrix.indices[start:end], self.matrix.data[start:end]
        return np.asarray(self._by_term[:, terms] @ weights).ravel()

    def shared_terms(self, a: int, b: int, limit: int = 3) -> list[str]:
        """The terms that contribute most to the similarity of rows a and b."""
        matrix = self.matrix
        a_terms = matrix.indices[matrix.indptr[a]:matrix.indptr[a + 1]]
        b_terms = matrix.indices[matrix.indptr[b]:matrix.indptr[b + 1]]
        common, in_a, in_b = np.intersect1d(a_terms, b_terms, assume_unique=True,
                                            return_indices=True)
        weight = (matrix.data[matrix.indptr[a] + in_a] * matrix.data[matrix.indptr[b] + in_b])
        return [str(self.vocabulary[common[i]])
                for i in np.argsort(-weight, kind="stable")[:limit]]


class ContentRecommender:
    """A ContentModel plus the catalog rows it was built from, answering in Recommendations.

    What the answers name (titles, years, soup features) is copied out of the table once, so a
    query costs a sparse product and a partial sort, not pandas row lookups.
    """

    def __init__(self, model: ContentModel, movies: pd.DataFrame,
                 movielens_by_tmdb: dict[int, int]) -> None:
        self.model = model
        self._movielens = movielens_by_tmdb
        self._ids = movies["id"].to_numpy()
        self._titles = movies["title"].tolist()
        self._years = optional_ints(movies["year"])
        self._features = soup_lists(movies, model.config.soup_items)
        self._rows = {int(movie_id): row for row, movie_id in enumerate(self._ids)}

    def similar_to(self, tmdb_id: int, k: int) -> list[Recommendation]:
        row = self._rows.get(tmdb_id)
        if row is None:
            raise UsageError(f"no TMDB movie has id {tmdb_id}; look titles up with --movie")
        return self.similar(row, k)

    def title(self, tmdb_id: int) -> str:
        return self._titles[self._rows[tmdb_id]]

    def similar(self, row: int, k: int = 5) -> list[Recommendation]:
        """The k most similar movies; a movie that shares no term at all is not similar, so
        fewer than k come back when fewer share anything."""
        scores = self.model.scores(row)
        scores[row] = 0.0
        best = [int(other) for other in top_k(scores, k) if scores[other] > 0]
        return [self._recommendation(row, other, float(scores[other])) for other in best]

    def _reason(self, row: int, other: int, score: float) -> str:
        if self.model.config.text == "overview":
            words = self.model.shared_terms(row, other)
            shared = f" (shared words: {', '.join(words)})" if words else ""
            return f"overview similarity {score:.2f}{shared}"
        theirs = {_squash(name) for name in self._features[other]}
        common = [name for name in self._features[row] if _squash(name) in theirs]
        shared = f" (shares: {', '.join(dict.fromkeys(common))})" if common else ""
        return f"cast & crew similarity {score:.2f}{shared}"

    def _recommendation(self, row: int, other: int, score: float) -> Recommendation:
        tmdb_id = int(self._ids[other])
        return Recommendation(self._titles[other], self._years[other], score,
                              self._reason(row, other, score), tmdb_id,
                              self._movielens.get(tmdb_id))
