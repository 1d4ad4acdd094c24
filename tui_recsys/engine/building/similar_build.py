"""Content vectors built from the catalogue with scikit-learn: TF-IDF over the overviews, or
count vectors over the tutorial's metadata soup (3 keywords, top-3 cast, director, 3 genres).
Only a build imports scikit-learn (and with it scipy); what it makes is plain arrays."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from tui_recsys.data.catalog import SOUP_COLUMNS
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.cache.column_files import Columns
from tui_recsys.engine.models.similar_model import ContentVectors, SparseRows, squash

if TYPE_CHECKING:
    import pandas as pd

    from tui_recsys.data.catalog import Catalog


def soup_features(keywords: list[str], cast: list[str], director: str, genres: list[str],
                  items: int, *, people_first: bool = False) -> list[str]:
    """The tutorial's soup, before cleaning: its `get_list` keeps the first three (`items`) of
    keywords, cast and genres, and the director (or nothing). `people_first`: the same names
    as a reason says them ("Sigourney Weaver, android, space marine in common with Alien",
    not "android, space marine, Sigourney Weaver")."""
    people = [*cast[:items], *([director] if director else [])]
    words = keywords[:items]
    return [*(people + words if people_first else words + people), *genres[:items]]


def soup_lists(movies: pd.DataFrame, items: int, *,
               people_first: bool = False) -> list[list[str]]:
    columns = (movies[column].tolist() for column in SOUP_COLUMNS)
    return [soup_features(*fields, items, people_first=people_first)
            for fields in zip(*columns, strict=True)]


def soups(movies: pd.DataFrame, items: int) -> list[str]:
    return [" ".join(map(squash, features)) for features in soup_lists(movies, items)]


def movie_rows(catalog: Catalog, soup_items: int | None) -> Columns:
    """What answers name of each movie, and (given `soup_items`) the soup features a cast &
    crew reason names, the people first."""
    movies = catalog.movies
    features = (soup_lists(movies, soup_items, people_first=True) if soup_items is not None
                else [[] for _ in range(len(movies))])
    return {**catalog.tmdb_labels(), "features": features}


def documents(movies: pd.DataFrame, text: str, soup_items: int) -> list[str]:
    """Each movie as the document compared: its overview, or its soup."""
    return movies["overview"].tolist() if text == "overview" else soups(movies, soup_items)


def vectorise(texts: list[str], weighting: str, stop_words: str, ctx: BuildContext,
              label: str) -> ContentVectors:
    """The documents as L2-normalised TF-IDF ("tfidf") or count ("count") vectors."""
    ctx.report(f"{label}: preparing {len(texts)} documents", 0.1)
    vectorizer = {"tfidf": TfidfVectorizer, "count": CountVectorizer}[weighting](
        stop_words=stop_words)
    ctx.report(f"{label}: vectorising", 0.4)
    counts = vectorizer.fit_transform(texts)
    ctx.report(f"{label}: normalising", 0.9)
    csr = normalize(counts.astype(np.float64), norm="l2").tocsr()
    csr.sort_indices()
    matrix = SparseRows(csr.data, csr.indices.astype(np.int32),
                        csr.indptr.astype(np.int64), csr.shape[1])
    return ContentVectors(matrix, vectorizer.get_feature_names_out().tolist())
