"""For you: picks for the person at the keyboard, from their ratings alone (no retraining).

Five signals, each scaled to 0..1 over the movies it can pick (not the ones you rated), and
blended with weights that follow how much you have rated:

- people like you: your ratings folded into the ranking model (its user vector is computed from
  the movies rated), ordered as a trained user's picks are;
- the stars the rating model expects you to give (folded in likewise), above the floor;
- stories and casts like the ones you liked: the highest cosine similarity, in either content
  model, to a movie you rated 4 or more;
- the years you watch: how near a film's year is to those of the films you rated or saw;
- what everyone watches: how many people rated it, which carries a cold start.

With no ratings at all the answer is a short, varied list to rate first, the chart's
(`ChartModel.to_rate_first`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tui_recsys.data.profile_file import Rated
from tui_recsys.data.scale import LIKED_RATING, RATING_SCALE
from tui_recsys.engine.answer import POPULAR, Recommendation
from tui_recsys.engine.models.chart_model import RATE_FIRST, ChartModel
from tui_recsys.engine.models.discovery import worth_offering
from tui_recsys.engine.models.eras import Eras
from tui_recsys.engine.models.for_user_model import ForUserModel, clamp_stars
from tui_recsys.engine.models.ranking_model import FoldedUser
from tui_recsys.engine.models.similar_model import SimilarModel
from tui_recsys.engine.models.top_k import top_k
from tui_recsys.engine.question import Allowed

SIGNIFICANT = 0.15  # a signal's share of a pick's score for its reason to name it
POOL = 3  # times k drawn, for the picks the rating model expects too low to go
CONTENT_FROM = 50  # liked movies compared by content: the best rated, then the latest


@dataclass(frozen=True)
class Weights:
    """How the signals are weighed. Chosen on the validation split's cold start
    (`benchmarks.cold_start`, docs/quality.md): the temperature and EASE's prior took "For
    you" at 3/5/10/20/50 ratings from 1.08/1.10/1.19/1.34/1.45x most popular to
    1.11/1.20/1.34/1.38/1.64x, at or above EASE folded in at every count; the stars and the
    years, read over every user of that split as a newcomer in turn (`--folds 5`), from
    1.11/1.20/1.53/1.55/1.70x to 1.18/1.27/1.57/1.57/1.69x; a temperature and an EASE share
    that follow the count of ratings, read with all of each newcomer's ratings beside, to
    1.23/1.31/1.59/1.57/1.70x, and with all of them 0.2273 to 0.2288 of nDCG@10; a content
    weight that follows the count, chosen on the mean of three draws of that split (`--draw`),
    from 1.15/1.22/1.40/1.44/1.52x there to 1.15/1.24/1.42/1.44/1.51x, all 0.2205 to 0.2207."""

    prior_ratings: float = 5.0  # ratings before people like you outweigh what everyone watches
    # Stories and casts like the films you liked count first_content x p / (n + p) + content x
    # n / (n + p) after n ratings, p the content_prior: a few liked films' nearest stories are
    # a noisy guess beside the network's first picks, many of them a sound one. On the mean of
    # three draws of the validation split, against 0.5 throughout: 1.24x most popular at 5
    # ratings instead of 1.22x, the quick start after two rounds 1.15x instead of 1.13x, the
    # weekly user level (0.2207 and 0.2205); 0.35 throughout cost that user 0.8 %.
    content: float = 0.5
    first_content: float = 0.35
    content_prior: float = 30.0
    # People like you are scaled as exp(score / temperature) over the best: the ranking's
    # scores are logits, of which a temperature of 1 keeps the top few and flattens the rest.
    # After n ratings the temperature is first_temperature x p / (n + p) + temperature x n /
    # (n + p), p the temperature_prior: steeper at first, where the network's strongest few
    # picks are what set a newcomer's list apart from everyone's; a temperature of 2
    # throughout helped from 3 to 50 ratings and cost the person with all their ratings 2 %
    # of nDCG (docs/quality.md).
    temperature: float = 3.0
    first_temperature: float = 2.0
    temperature_prior: float = 20.0
    # EASE's part of people like you counts n / (n + items_prior) of itself after n ratings,
    # and never more than items_most: the network generalises better from a handful of
    # choices, but EASE's share of them helps a newcomer's first few; with many, more than
    # half of EASE cost them (over the validation split's 610 newcomers with all their
    # ratings and the steeper start, 0.2288 of nDCG at most half, 0.2256 with a prior of 10
    # and no cap; 0.2273 served before, a prior of 30, no cap, no steeper start).
    items_prior: float = 5.0
    items_most: float = 0.5
    # Picks the rating model expects below it go, where k others are left: "Wild Wild West,
    # 1.4 stars" was a heavy rater's 18th pick. At 2.5 (the scale's middle) it cost nothing
    # on the validation split's cold start; at 3 a twentieth of nDCG from 3 to 20 ratings,
    # where a newcomer's folded-in stars are unsure.
    stars_floor: float = 2.5
    # What everyone watches counts 1 - popular_by_discovery x d of itself at discovery d: a
    # newcomer's hundred candidates were all well known, so "adventurous" after four ratings
    # still offered Forrest Gump and Star Wars. On the validation split's cold start, at 1
    # and 5 / 10 / 20 ratings, +38 / +40 / +39 % novelty for -31 / -31 / -41 % of nDCG, against
    # +22 / +28 / +32 % for -30 / -25 / -38 % with it whole; at 50 ratings, where it weighs
    # little, -18 % for +36 % against -13 % for +33 % (docs/quality.md).
    popular_by_discovery: float = 0.5
    # The rating model's stars above the floor, as 0..1, count stars x n / (n + stars_prior)
    # after n ratings: a few ratings tell it little, and alone the stars helped from 20
    # ratings on (1.51x to 1.54x at 20, 1.66x to 1.75x at 50, on one draw of the groups).
    stars: float = 1.0
    stars_prior: float = 50.0
    # A film counts era x era_prior / (n + era_prior) x the mean over what you watched of
    # exp(-years apart / era_years): five ratings say little of your genres but which decades
    # you watch; weights of 0.25 to 0.5 and spreads of 10 to 25 years read alike, and alone
    # the years cost at 20 ratings, hence the fading.
    era: float = 0.35
    era_years: float = 10.0
    era_prior: float = 50.0

    def temperature_after(self, count: int) -> float:
        """People like you's temperature after `count` ratings."""
        return _from_first(self.first_temperature, self.temperature, self.temperature_prior,
                           count)

    def content_after(self, count: int) -> float:
        """The content signal's weight after `count` ratings."""
        return _from_first(self.first_content, self.content, self.content_prior, count)

    def items_share(self, count: int) -> float:
        """EASE's part of people like you after `count` choices."""
        return min(count / (count + self.items_prior), self.items_most)


def _from_first(first: float, then: float, prior: float, count: int) -> float:
    """A weight that is `first` with no ratings and moves to `then` as they come, halfway
    after `prior` of them."""
    return then + (first - then) * prior / (count + prior)


@dataclass(frozen=True)
class Signal:
    name: str
    scores: np.ndarray  # 0..1 per movie position
    weight: float


def _scaled(counts: np.ndarray) -> np.ndarray:
    """Counts of people as 0..1, on a log scale (a hundred ratings is not ten times ten)."""
    logs = np.log1p(counts.astype(np.float64))
    return logs / max(float(logs.max(initial=0.0)), 1e-9)


class ForYouModel:
    """The three models "For you" blends, answering for a list of ratings.

    Its movies are the collaborative models' (positions 0..M-1, MovieLens), then the TMDB 5000
    movies MovieLens lacks (M..), which only content similarity and popularity can pick.
    """

    def __init__(self, *, for_user: ForUserModel, story: SimilarModel | None,
                 cast: SimilarModel | None, chart: ChartModel,
                 weights: Weights = Weights()) -> None:
        """`story` and `cast` are None where the data has no TMDB 5000: no content signal."""
        self.for_user, self.story, self.chart = for_user, story, chart
        self.weights = weights
        self._content_models = [model for model in (story, cast) if model is not None]
        tmdb_ids, tmdb_years = ((story.rows["id"], story.rows["year"]) if story is not None
                                  else ([], []))
        rows = {movie_id: row for row, movie_id in enumerate(tmdb_ids)}
        linked = for_user.movies["tmdb_id"]
        known = {tmdb for tmdb in linked if tmdb is not None}
        self._only_tmdb = [row for row, tmdb in enumerate(tmdb_ids) if tmdb not in known]
        self._rated_movies = len(linked)
        self._tmdb = [*linked, *(tmdb_ids[row] for row in self._only_tmdb)]
        self._position_of_tmdb = {tmdb: i for i, tmdb in enumerate(self._tmdb)
                                  if tmdb is not None}
        self._content_row = np.array(
            [rows.get(tmdb, -1) if tmdb is not None else -1 for tmdb in linked]
            + self._only_tmdb, dtype=np.int64)
        counts = for_user.ratings.raters(self._rated_movies)
        votes_of = dict(zip(chart.rows["id"], chart.rows["vote_count"], strict=True))
        votes = np.array([votes_of.get(tmdb, 0) for tmdb in self._tmdb[self._rated_movies:]],
                         dtype=np.int64)
        self._popularity = np.concatenate((_scaled(counts), _scaled(votes)))
        years = [*for_user.movies["year"], *(tmdb_years[row] for row in self._only_tmdb)]
        self._eras = Eras(np.array([np.nan if year is None else year for year in years],
                                   dtype=np.float64))

    def answer(self, ratings: Sequence[Rated], k: int, not_seen: frozenset[int] = frozenset(),
               seen: Sequence[int] = (), rater: str = "you",
               allowed: Allowed | None = None,
               discovery: float = 0.0) -> tuple[list[Recommendation], str]:
        """`seen`: MovieLens ids of movies marked seen without a rating, which the ranking
        model reads as choices without stars (as it reads a rating below 4); `rater`: who
        made the ratings, as a reason names them ("which you rated"); `allowed`: the movies
        to rank among (a filter's, your watchlist), where every movie is ranked before the
        top k, not after; `discovery`: the setting the picks are drawn for (0-1), which
        turns down what everyone watches. With neither ratings nor those, a list to rate
        first, without the movies (MovieLens ids) you said you have not seen."""
        if not ratings and not seen:
            return self.chart.to_rate_first(k, not_seen), RATE_FIRST
        for_user = self.for_user
        rated, stars = for_user.known(ratings)
        chosen, chosen_stars = for_user.with_seen(rated, stars, seen)
        liked = sorted((r for r in ratings if r.stars >= LIKED_RATING and r.tmdb_id is not None),
                       key=lambda r: (-r.stars, -r.rated_at))[:CONTENT_FROM]
        user = (for_user.fold(chosen, chosen_stars, self.weights.items_share(len(chosen)))
                if len(chosen) else None)
        watched = len(chosen) - len(rated)  # marked seen, not rated
        seen_positions = np.union1d(chosen, [self._position_of_tmdb[r.tmdb_id] for r in ratings
                                             if r.tmdb_id in self._position_of_tmdb]
                                    ).astype(np.int64)
        # Stars, where the rating model knows the movie and has ratings to fold in.
        expected = np.full(len(self._tmdb), np.nan)
        if len(rated):
            expected[:self._rated_movies] = for_user.folded_stars(rated, stars)(slice(None))
        signals, content_from = self._signals(user, liked, len(ratings) + watched, discovery,
                                              expected, seen_positions)
        total = sum(signal.weight * signal.scores for signal in signals)
        pool = top_k(total, k * POOL, exclude=self._left_out(seen_positions, allowed))
        predicted = expected[pool]
        kept = np.flatnonzero(worth_offering(predicted, k, self.weights.stars_floor))[:k]
        best, best_stars = pool[kept], predicted[kept]
        rated_best = best[best < self._rated_movies]
        because = (dict(zip(rated_best.tolist(), for_user.because(
            user, chosen, chosen_stars, rated_best, rater), strict=True))
                   if user is not None else {})
        items = []
        for position, likely in zip(best.tolist(), best_stars.tolist(), strict=True):
            reasons = self._reasons(position, signals, float(total[position]),
                                    because.get(position, ""), content_from, rater)
            items.append(self._movie(position, float(total[position]), "; ".join(reasons),
                                     None if math.isnan(likely) else clamp_stars(likely)))
        return items, ""

    def _left_out(self, seen: np.ndarray, allowed: Allowed | None) -> np.ndarray:
        """The positions never picked: `seen`, and those `allowed` leaves out, the rating
        models' movies as they leave them out (by MovieLens id), TMDB's own by TMDB id."""
        left_out = self.for_user.left_out(seen, allowed)
        if allowed is None:
            return left_out
        tmdb_only = np.asarray(self._tmdb[self._rated_movies:], dtype=np.int64)
        return np.union1d(left_out, self._rated_movies
                          + np.flatnonzero(~np.isin(tmdb_only, allowed.tmdb)))

    def _movie(self, position: int, score: float, reason: str,
               stars: float | None = None) -> Recommendation:
        if position < self._rated_movies:
            return self.for_user.movie(position, score, reason, stars)
        assert self.story is not None  # positions past the rated movies are its movies
        rows, row = self.story.rows, self._only_tmdb[position - self._rated_movies]
        return Recommendation(rows["title"][row], rows["year"][row], score, reason,
                              rows["id"][row], None)

    def _signals(self, user: FoldedUser | None, liked: list[Rated], count: int,
                 discovery: float, expected: np.ndarray, seen_positions: np.ndarray,
                 ) -> tuple[list[Signal], Callable[[int], str]]:
        """`expected`: the rating model's stars per movie position (NaN where it has none);
        `seen_positions`: those of what was rated or seen."""
        weights = self.weights
        prior = weights.prior_ratings
        signals = [Signal("popular", self._popularity, prior / (count + prior)
                          * (1.0 - weights.popular_by_discovery * discovery)),
                   Signal("era", self._eras.closeness(seen_positions, weights.era_years),
                          weights.era * weights.era_prior / (count + weights.era_prior))]
        if not np.isnan(expected).all():
            floor, top = weights.stars_floor, RATING_SCALE[1]
            signals.append(Signal("stars", np.nan_to_num(np.clip(
                (expected - floor) / (top - floor), 0.0, 1.0)),
                weights.stars * count / (count + weights.stars_prior)))
        if user is not None:
            logits = self.for_user.ranking_scores(user)
            # Scaled from the best movie it can pick, not from your own: the network rebuilds
            # what it is given, and a long profile's movies outscored every pick (2,698
            # ratings: by 11 logits, which left the content signal alone to order the list).
            best = np.delete(logits, user.positions).max(initial=float(logits.min()))
            people = np.zeros(len(self._tmdb))  # nobody here rated a TMDB-only movie
            people[: self._rated_movies] = np.exp((logits - best)
                                                  / weights.temperature_after(count))
            signals.append(Signal("people", people, count / (count + prior)))
        content, content_from = self._content(liked)
        if content is not None:
            signals.append(Signal("content", content, weights.content_after(count)))
        return signals, content_from

    def _content(self, liked: list[Rated]) -> tuple[np.ndarray | None, Callable[[int], str]]:
        """The best similarity to a liked movie, per movie position, and what a position's
        was (said for the picks alone: what two soups share is read per pair)."""
        mapped = self._content_row >= 0
        best = np.zeros(len(self._content_row))
        source = np.full(len(self._content_row), -1)
        sources: list[tuple[SimilarModel, int, str]] = []
        for rating in liked:
            for model in self._content_models:
                row = model.row_of(rating.tmdb_id)  # type: ignore[arg-type]
                if row is None:
                    continue
                similarity = np.zeros(len(self._content_row))
                similarity[mapped] = model.model.scores(row)[self._content_row[mapped]]
                better = similarity > best
                best[better], source[better] = similarity[better], len(sources)
                sources.append((model, row, rating.title))

        def said(position: int) -> str:
            if source[position] < 0:
                return ""
            model, row, title = sources[source[position]]
            return model.likeness(row, int(self._content_row[position]), title)

        return (best if sources else None), said

    def _reasons(self, position: int, signals: list[Signal], total: float, because: str,
                 content_from: Callable[[int], str], rater: str) -> list[str]:
        """The signals that put a pick there, strongest first, but the ones every pick shares
        last (its stars, its years, then "popular with everyone"): for a newcomer they lead
        nearly every pick, and a narrow Why column would show them alone, on every row,
        instead of what sets a pick apart."""
        parts = sorted(((s.weight * float(s.scores[position]), s.name) for s in signals),
                       reverse=True)
        significant = {name for share, name in parts if share >= SIGNIFICANT * total}
        reasons = []
        for _, name in parts:
            if name not in significant:
                continue
            if name == "people" and because:
                reasons.append(because)
            elif name == "content" and (alike := content_from(position)):
                reasons.append(alike)
        if "stars" in significant:
            reasons.append(f"{rater} may rate it highly")
        if "era" in significant and (decade := self._eras.decade(position)):
            reasons.append(f"from {decade}, like much of what {rater} watched")
        return [*reasons, POPULAR] if "popular" in significant or not reasons else reasons
