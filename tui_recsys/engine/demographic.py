"""The tutorial's demographic chart: IMDB's weighted rating over TMDB 5000.

WR = v/(v+m)*R + m/(v+m)*C, with C the mean vote and m the 0.9 quantile of vote counts; only
movies with at least m votes are charted. A genre or year filter charts the filtered movies
with C and m taken over them, so that a small genre still has a chart of its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tui_recsys.engine.base import Recommendation, optional_int, top_k
from tui_recsys.engine.settings import ChartFilter
from tui_recsys.errors import UsageError
from tui_recsys.text import echo

# MovieLens names for the TMDB genres they mean, so either catalogue's name picks a chart.
GENRE_ALIASES = {"sci-fi": "Science Fiction", "children": "Family", "musical": "Music"}


class DemographicChart:
    """Computed from the catalog in about a millisecond, so it needs no cache entry of its own."""

    def __init__(self, movies: pd.DataFrame, quantile: float,
                 movielens_by_tmdb: dict[int, int]) -> None:
        self.movies = movies
        self.quantile = quantile
        self._movielens = movielens_by_tmdb
        self.genres = sorted({genre for genres in movies["genres"] for genre in genres})

    def _mask(self, chart_filter: ChartFilter) -> np.ndarray:
        mask = np.ones(len(self.movies), dtype=bool)
        if chart_filter.genre is not None:
            wanted = chart_filter.genre.casefold()
            mask &= np.fromiter((any(g.casefold() == wanted for g in genres)
                                 for genres in self.movies["genres"]), bool, len(self.movies))
        low, high = chart_filter.years
        year = self.movies["year"].astype("float64").to_numpy(na_value=np.nan)
        if low is not None:
            mask &= year >= low
        if high is not None:
            mask &= year <= high
        return mask

    def resolve_genre(self, genre: str | None) -> str | None:
        """A TMDB genre by its name or its MovieLens name, in any case."""
        if genre is None:
            return None
        wanted = genre.strip().casefold()
        wanted = GENRE_ALIASES.get(wanted, wanted).casefold()
        for known in self.genres:
            if known.casefold() == wanted:
                return known
        raise UsageError(f"unknown genre {echo(genre)}; choose one of: {', '.join(self.genres)}")

    def chart(self, k: int = 10, chart_filter: ChartFilter | None = None) -> list[Recommendation]:
        chart_filter = chart_filter or ChartFilter()
        chart_filter = ChartFilter(self.resolve_genre(chart_filter.genre), chart_filter.years)
        rows = np.flatnonzero(self._mask(chart_filter))
        if len(rows) == 0:
            return []
        votes = self.movies["vote_count"].to_numpy(dtype=np.float64)[rows]
        average = self.movies["vote_average"].to_numpy(dtype=np.float64)[rows]
        mean_vote = float(average.mean())
        min_votes = float(np.quantile(votes, self.quantile))
        weighted = (votes / (votes + min_votes) * average
                    + min_votes / (min_votes + votes) * mean_vote)
        best = top_k(weighted, k, exclude=np.flatnonzero(votes < min_votes))
        scope = f", chart of {chart_filter.describe()}" if chart_filter.active else ""
        return [self._recommendation(rows[i], weighted[i], scope) for i in best]

    def _recommendation(self, row: int, score: float, scope: str) -> Recommendation:
        movie = self.movies.iloc[row]
        reason = (f"weighted rating {score:.2f} from {movie['vote_count']} votes "
                  f"(average {movie['vote_average']:.1f}{scope})")
        tmdb_id = int(movie["id"])
        return Recommendation(str(movie["title"]), optional_int(movie["year"]), float(score),
                              reason, tmdb_id, self._movielens.get(tmdb_id))
