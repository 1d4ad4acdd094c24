"""Content-based "more like this": cosine similarity of TF-IDF over overviews, or of count
vectors over the tutorial's metadata soup (3 keywords, top-3 cast, director, 3 genres).

Rows are L2-normalised once, so a query is one sparse product over only the movies that share a
term with it, then a partial sort: no N x N matrix is ever built. The vectors are built with
scikit-learn (`building.similar_build`); what is cached is plain arrays and columns of them,
answered from with numpy alone, so a warm query imports neither scipy nor pandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.cache.column_files import Columns, Kind, load_columns, save_columns
from tui_recsys.engine.models.top_k import top_k
from tui_recsys.engine.question import Allowed
from tui_recsys.errors import UsageError

VOCABULARY: dict[str, Kind] = {"term": "text"}
ONE_PASS = 1 << 18  # entries a query gathers in one bincount; more are added term by term
SHOWN_IN_COMMON = 3  # names a reason elsewhere gives of what two soups hold



def squash(name: str) -> str:
    """A name as one soup word ("Sam Worthington" -> "samworthington"), as the tutorial
    cleans them."""
    return name.replace(" ", "").lower()


ROW_COLUMNS: dict[str, Kind] = {"id": "int", "title": "text", "year": "int?",
                              "movielens_id": "int?", "features": "texts"}


@dataclass(frozen=True)
class SparseRows:
    """A compressed sparse row matrix as its three arrays, which is all a query reads."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    columns: int

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.indptr) - 1, self.columns

    def row(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """The columns and values of one row."""
        span = slice(self.indptr[row], self.indptr[row + 1])
        return self.indices[span], self.data[span]

    def transposed(self) -> SparseRows:
        """The same matrix by column, so that one column's rows are contiguous."""
        order = np.argsort(self.indices, kind="stable")
        rows = np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))
        indptr = np.concatenate(([0], np.cumsum(np.bincount(self.indices.astype(np.intp),
                                                            minlength=self.columns))))
        return SparseRows(self.data[order], rows[order], indptr, self.shape[0])

    def gather(self, rows: np.ndarray, weights: np.ndarray, width: int) -> np.ndarray:
        """The weighted sum of `rows`, as a dense vector of `width`, in the same order of
        additions either way, so the same figures. Up to ONE_PASS entries it is one bincount
        over them all; past that (a query at a million movies touches millions) each row is
        added in place in turn, sparing the index arrays of them all."""
        starts, lengths = self.indptr[rows], np.diff(self.indptr)[rows]
        if lengths.sum() <= ONE_PASS:
            before = np.cumsum(lengths) - lengths
            taken = np.repeat(starts - before, lengths) + np.arange(int(lengths.sum()))
            # as intp: numpy's bincount converts narrower ints slowly
            return np.bincount(self.indices[taken].astype(np.intp), weights=self.data[taken]
                               * np.repeat(weights, lengths), minlength=width)
        total = np.zeros(width)
        for start, length, weight in zip(starts.tolist(), lengths.tolist(), weights.tolist(),
                                         strict=True):
            span = slice(start, start + length)
            np.add.at(total, self.indices[span], self.data[span] * weight)
        return total

    def check(self, rows: int) -> None:
        """Raise ValueError unless this is a well-formed float matrix of `rows` rows."""
        indptr, indices = self.indptr, self.indices
        if (self.data.dtype.kind != "f" or indices.dtype.kind not in "iu"
                or indptr.dtype.kind not in "iu" or self.data.ndim != 1
                or len(indptr) != rows + 1 or len(indices) != len(self.data)):
            raise ValueError(f"matrix.npz is not a float matrix of {rows} rows")
        if (indptr[0] != 0 or indptr[-1] != len(indices) or np.any(np.diff(indptr) < 0)
                or (len(indices) and (indices.min() < 0 or indices.max() >= self.columns))):
            raise ValueError("matrix.npz has rows or columns out of range")


@dataclass
class ContentVectors:
    """The cached part: L2-normalised document vectors and their vocabulary."""

    matrix: SparseRows
    vocabulary: Sequence[str]  # each term by its own length (text columns), never fixed-width

    def __post_init__(self) -> None:
        self._by_term = self.matrix.transposed()

    def save(self, folder: Path) -> None:
        matrix = self.matrix
        np.savez(folder / "matrix.npz", data=matrix.data, indices=matrix.indices,
                 indptr=matrix.indptr, columns=np.int64(matrix.columns))
        # As text columns (UTF-8 with offsets), not a fixed-width array: a fixed width is the
        # longest term's, and one 10,000-letter word in one overview made the entry 840 MB.
        save_columns(folder / "vocabulary", VOCABULARY, {"term": self.vocabulary})

    @classmethod
    def load(cls, folder: Path, rows: int) -> ContentVectors:
        """The saved model, checked against the `rows` movies it answers about: a damaged
        entry fails here, not as an index error in the middle of a query."""
        with np.load(folder / "matrix.npz", allow_pickle=False) as saved:
            arrays = {name: saved[name] for name in ("data", "indices", "indptr", "columns")}
        matrix = SparseRows(arrays["data"], arrays["indices"], arrays["indptr"],
                            int(arrays["columns"]))
        vocabulary = load_columns(folder / "vocabulary", VOCABULARY, matrix.columns)["term"]
        matrix.check(rows)
        return cls(matrix, vocabulary)

    def scores(self, row: int) -> np.ndarray:
        """Cosine similarity of one movie to every movie, touching only shared terms."""
        terms, weights = self.matrix.row(row)
        return self._by_term.gather(terms, weights, self.matrix.shape[0])

    def shared_terms(self, a: int, b: int, limit: int = 3) -> list[str]:
        """The terms that contribute most to the similarity of rows a and b."""
        (a_terms, a_weights), (b_terms, b_weights) = self.matrix.row(a), self.matrix.row(b)
        common, in_a, in_b = np.intersect1d(a_terms, b_terms, assume_unique=True,
                                            return_indices=True)
        weight = a_weights[in_a] * b_weights[in_b]
        return [str(self.vocabulary[common[i]])
                for i in np.argsort(-weight, kind="stable")[:limit]]


class SimilarModel:
    """A ContentVectors plus what its rows name, answering in Recommendations: a query costs a
    sparse product and a partial sort."""

    def __init__(self, model: ContentVectors, rows: Columns, text: str) -> None:
        """`text`: what the vectors are of, "overview" (the story's words) or "soup" (cast,
        crew, keywords and genres), which a reason names."""
        self.model = model
        self.rows = rows
        self.text = text
        self._ids, self._titles, self._years, self._movielens, self._features = (
            rows[name] for name in ROW_COLUMNS)
        self._rows = {movie_id: row for row, movie_id in enumerate(self._ids)}
        self._id_array = np.asarray(self._ids, dtype=np.int64)

    def save(self, folder: Path) -> None:
        self.model.save(folder)
        save_columns(folder / "movies", ROW_COLUMNS, self.rows)

    @classmethod
    def load(cls, folder: Path, text: str) -> SimilarModel:
        rows = load_columns(folder / "movies", ROW_COLUMNS)
        return cls(ContentVectors.load(folder, len(rows["id"])), rows, text)

    def similar_to(self, tmdb_id: int, k: int,
                   allowed: Allowed | None = None) -> list[Recommendation]:
        row = self._rows.get(tmdb_id)
        if row is None:
            raise UsageError(f"no TMDB movie has id {tmdb_id}; look titles up with --movie")
        return self.similar(row, k, allowed)

    def row_of(self, tmdb_id: int) -> int | None:
        return self._rows.get(tmdb_id)

    def title(self, tmdb_id: int) -> str:
        return self._titles[self._rows[tmdb_id]]

    def similar(self, row: int, k: int = 5,
                allowed: Allowed | None = None) -> list[Recommendation]:
        """The k most similar movies (of those `allowed`); a movie that shares no term at all
        is not similar, so fewer than k come back when fewer share anything."""
        scores = self.model.scores(row)
        scores[row] = 0.0
        if allowed is not None:
            scores[~np.isin(self._id_array, allowed.tmdb)] = 0.0
        best = [int(other) for other in top_k(scores, k) if scores[other] > 0]
        return [self._recommendation(row, other, float(scores[other])) for other in best]

    def _reason(self, row: int, other: int, score: float) -> str:
        """What the two share first (a narrow column shows the start), then how much."""
        if self.text == "overview":
            words = self.model.shared_terms(row, other)
            shared = f"{', '.join(words)} in both stories; " if words else ""
            return f"{shared}overview similarity {score:.2f}"
        common = self._in_common(row, other)
        shared = f"{', '.join(common)} in common; " if common else ""
        return f"{shared}cast & crew similarity {score:.2f}"

    def _in_common(self, row: int, other: int) -> list[str]:
        """The names (cast, director, keywords, genres) both rows' soups hold, in row's
        order."""
        theirs = {squash(name) for name in self._features[other]}
        return list(dict.fromkeys(name for name in self._features[row]
                                  if squash(name) in theirs))

    def likeness(self, row: int, other: int, title: str) -> str:
        """Why the movie of row `other` is like `title` (row `row`), for a reason elsewhere
        (For you): the names both soups hold, the first few ("same cast & crew as The
        Shining" was said of Psycho, which shares a hotel and two genres with it)."""
        if self.text == "overview":
            return f"similar story to {title}"
        common = self._in_common(row, other)[:SHOWN_IN_COMMON]
        return (f"{', '.join(common)} in common with {title}" if common
                else f"cast & crew like {title}'s")

    def _recommendation(self, row: int, other: int, score: float) -> Recommendation:
        return Recommendation(self._titles[other], self._years[other], score,
                              self._reason(row, other, score), self._ids[other],
                              self._movielens[other])
