"""The tutorial's demographic chart: IMDB's weighted rating over TMDB 5000.

WR = v/(v+m)*R + m/(v+m)*C, with C the mean vote and m the 0.9 quantile of vote counts; only
movies with at least m votes are charted. A genre, years, runtime or language filter charts
the filtered movies with C and m taken over them, so that a small genre, or the films of one
language, still has a chart of its own: "the best French films" are not only the one French
film (Amélie) with as many votes as the 10 % most voted films of all. Data without
TMDB 5000 is charted by the same formula over MovieLens: v a movie's number of ratings, R
their mean in stars.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np

from tui_recsys.data.genres import resolve_genre
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.cache.column_files import Columns, Kind, load_columns, save_columns
from tui_recsys.engine.models.top_k import top_k
from tui_recsys.engine.question import MovieFilter
from tui_recsys.text import plural

DECADE_REPEATS = 2  # in a list to rate first
RATE_FIRST = "rate a few movies to start: these are popular across genres and decades"
VOTES, RATINGS = "votes", "ratings"  # what a chart counts: TMDB's votes, or MovieLens' ratings
ROW_COLUMNS: dict[str, Kind] = {"id": "int?", "title": "text", "year": "int?",
                              "movielens_id": "int?", "genres": "texts", "vote_count": "int",
                              "vote_average": "float", "runtime": "float?", "language": "text"}


class ChartModel:
    """Every chart is computed when asked, in about a millisecond, from what the cache entry
    holds of each movie."""

    def __init__(self, rows: Columns, quantile: float, counted: str = VOTES) -> None:
        self.rows = rows
        self.quantile = quantile
        self.counted = counted
        self._genres = rows["genres"]
        self._years, self._runtimes = (
            np.array([np.nan if value is None else value for value in rows[name]],
                     dtype=np.float64) for name in ("year", "runtime"))
        self._languages = np.array([language.casefold() for language in rows["language"]])
        self._votes = np.asarray(rows["vote_count"], dtype=np.float64)
        self._averages = np.asarray(rows["vote_average"], dtype=np.float64)
        self.genres = sorted({genre for genres in self._genres for genre in genres})

    def save(self, folder: Path) -> None:
        save_columns(folder / "movies", ROW_COLUMNS, self.rows)
        (folder / "chart.json").write_text(json.dumps({"counted": self.counted}))

    @classmethod
    def load(cls, folder: Path, quantile: float) -> ChartModel:
        counted = json.loads((folder / "chart.json").read_text())["counted"]
        if counted not in (VOTES, RATINGS):
            raise ValueError(f"chart.json: counted is {counted!r}")
        return cls(load_columns(folder / "movies", ROW_COLUMNS), quantile, counted)

    def _mask(self, chart_filter: MovieFilter) -> np.ndarray:
        mask = np.ones(len(self._years), dtype=bool)
        if chart_filter.genre is not None:
            mask &= self._carrying({chart_filter.genre.casefold()})
        if chart_filter.without:
            mask &= ~self._carrying({genre.casefold() for genre in chart_filter.without})
        for values, (low, high) in ((self._years, chart_filter.years),
                                    (self._runtimes, chart_filter.runtime)):
            if low is not None:
                mask &= values >= low  # an unknown (NaN) passes no bound
            if high is not None:
                mask &= values <= high
        if chart_filter.language:
            mask &= self._languages == chart_filter.language  # cased as `chart` reads it
        return mask

    def _carrying(self, wanted: set[str]) -> np.ndarray:
        """Which movies carry any of the genres `wanted` (casefolded)."""
        return np.fromiter((any(g.casefold() in wanted for g in genres) for genres in self._genres),
                           bool, len(self._genres))

    def resolve_genre(self, genre: str | None) -> str | None:
        """A genre by its TMDB name or its MovieLens name, in any case."""
        return None if genre is None else resolve_genre(genre, self.genres)

    def chart(self, k: int = 10, chart_filter: MovieFilter | None = None) -> list[Recommendation]:
        chart_filter = self._resolved(chart_filter)
        rows = np.flatnonzero(self._mask(chart_filter))
        if len(rows) == 0:
            return []
        votes, average = self._votes[rows], self._averages[rows]
        mean_vote = float(average.mean())
        min_votes = self._min_votes(votes)
        weighted = (votes / (votes + min_votes) * average
                    + min_votes / (min_votes + votes) * mean_vote)
        best = top_k(weighted, k, exclude=np.flatnonzero(votes < min_votes))
        scope = f", chart of {_films(chart_filter)}" if chart_filter.active else ""
        return [self._recommendation(int(rows[i]), float(weighted[i]), scope) for i in best]

    def charted(self, chart_filter: MovieFilter | None = None) -> str:
        """How many movies a chart holds, and why no more: said where fewer than asked for
        came, since `-k 1000` gave some 480 rows without a word."""
        chart_filter = self._resolved(chart_filter)
        votes = self._votes[self._mask(chart_filter)]
        if not len(votes):
            return ""
        min_votes = self._min_votes(votes)
        held = int((votes >= min_votes).sum())
        of = f" of {_films(chart_filter)}" if chart_filter.active else ""
        return (f"the chart{of} holds {plural(held, 'movie')}: those with {min_votes:,.0f} "
                f"{self.counted} or more, the {self.quantile:g} quantile of its {self.counted} "
                f"(the tutorial's m)")

    def _resolved(self, chart_filter: MovieFilter | None) -> MovieFilter:
        chart_filter = chart_filter or MovieFilter()
        language = chart_filter.language and chart_filter.language.casefold()
        return MovieFilter(self.resolve_genre(chart_filter.genre), chart_filter.years,
                           chart_filter.runtime, language,
                           without=tuple(resolve_genre(genre, self.genres)
                                         for genre in chart_filter.without))

    def _min_votes(self, votes: np.ndarray) -> float:
        return float(np.quantile(votes, self.quantile))

    def _recommendation(self, row: int, score: float, scope: str) -> Recommendation:
        rows = self.rows
        unit = " stars" if self.counted == RATINGS else ""
        reason = (f"average {rows['vote_average'][row]:.1f}{unit} from "
                  f"{rows['vote_count'][row]:,} {self.counted}; weighted {score:.2f}{scope}")
        return Recommendation(rows["title"][row], rows["year"][row], score, reason,
                              rows["id"][row], rows["movielens_id"][row])

    def to_rate_first(self, k: int,
                      not_seen: frozenset[int] = frozenset()) -> list[Recommendation]:
        """For someone with no ratings yet, as MovieLens' own onboarding does: the most voted
        movie of each genre in turn, no decade more than twice, shown most voted first; none of
        `not_seen` (MovieLens ids), which they could not rate. For you answers with it before
        its models are trained (`strategies.rate_first`).

        Films the chart would hold (its m votes or more) come first: the decades alone had
        the app's twenty end with Intolerance (1916, 60 votes), Pandora's Box and The Big
        Parade (21 votes), "popular in Romance", which few people can rate. Where the known
        films of the decades left run out, a decade may hold more, a few at a time; a film
        under m comes only where the known ones run out too (a small catalogue)."""
        rows = self.rows
        votes = np.asarray(rows["vote_count"])
        order = [int(row) for row in np.argsort(-votes, kind="stable")
                 if rows["movielens_id"][row] not in not_seen]
        chosen: dict[int, str] = {}  # row: the genre it was chosen for
        decades: dict[int, int] = {}
        for floor in (self._min_votes(votes) if len(votes) else 0.0, 0.0):
            repeats = DECADE_REPEATS
            while len(chosen) < k and self._rotation(
                    [row for row in order if votes[row] >= floor and row not in chosen],
                    k, repeats, chosen, decades):
                repeats += max(1, repeats // 2)
        most = max(rows["vote_count"], default=1) or 1
        return [Recommendation(rows["title"][row], rows["year"][row],
                               rows["vote_count"][row] / most,
                               f"popular in {genre} ({rows['vote_count'][row]:,} "
                               f"{self.counted}): rate it to start", rows["id"][row],
                               rows["movielens_id"][row])
                for row, genre in sorted(chosen.items(),  # chosen varied, shown ranked
                                         key=lambda pick: -rows["vote_count"][pick[0]])]

    def _rotation(self, candidates: list[int], k: int, repeats: int, chosen: dict[int, str],
                  decades: dict[int, int]) -> bool:
        """Into `chosen` (up to `k`), the most voted of `candidates` (rows, most voted first)
        of each genre in turn, those chosen for least often first, then those with the most
        films, no decade more than `repeats` times in all; whether any of them has a genre
        (a film with none is never chosen: more of them must not keep the caller asking)."""
        rows = self.rows
        by_genre: dict[str, list[int]] = {}
        for row in candidates:
            for genre in rows["genres"][row]:
                by_genre.setdefault(genre, []).append(row)
        choosable = bool(by_genre)
        used = Counter(chosen.values())
        genres = sorted(by_genre, key=lambda g: (used[g], -len(by_genre[g])))
        while len(chosen) < k and any(by_genre.values()):
            for genre in genres:
                within = by_genre[genre]
                while within:
                    row = within.pop(0)
                    decade = (rows["year"][row] or 0) // 10
                    if row not in chosen and decades.get(decade, 0) < repeats:
                        chosen[row] = genre
                        decades[decade] = decades.get(decade, 0) + 1
                        break
                if len(chosen) == k:
                    break
        return choosable


def _films(chart_filter: MovieFilter) -> str:
    """What a filtered chart charts: "Horror", "films in Japanese" (not "in Japanese")."""
    return ("" if chart_filter.genre else "films ") + chart_filter.describe()
