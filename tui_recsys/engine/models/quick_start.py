"""A quick start: rounds of eight movies to rate, for someone with fewer than ten ratings.
MovieLens found that picking from groups of movies takes half the time of searching for them
one by one (Chang et al., CSCW 2015); a round here is chosen to teach the models most:

- movies the person has most likely seen, so that they can answer: the most rated at first,
  then, as answers come, what the ranking model says people with those answers chose;
- varied in genre and decade, so that each answer says something the others do not
  (maximal marginal relevance, as the discovery setting re-ranks);
- never a movie asked before, answered or skipped, nor (the engine leaves it out) a later
  film of a series the person began and disliked (`catalog.sequels`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from tui_recsys.data.profile_file import Rated
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.metrics import one_hot
from tui_recsys.engine.models.answered_alike import AnsweredAlike
from tui_recsys.engine.models.discovery import Mix, rerank
from tui_recsys.engine.models.for_user_model import positions_in
from tui_recsys.engine.models.for_you_model import ForYouModel
from tui_recsys.engine.models.top_k import top_k

ROUND = 8
UNTIL = 10  # ratings: below this "For you" offers a quick start
POOL = 100  # the most likely seen, among which a round is varied
# How far a round gives up "most likely seen" for "unlike the others". On the validation
# split's simulation (`benchmarks.cold_start`) 0.2 and 0.5 scored alike (0.123 and 0.156 after
# 2 and 3 rounds against 0.124 and 0.153): answers matter more than variety, so it is small.
VARIETY = 0.2
# Variety only (known films are what is asked), and a round is a set: no place counts more.
ALIKE = Mix(novelty=0.0, similarity=1.0, by_place=False)
REASON = "to rate: one you have likely seen, unlike the others of its round"


@dataclass(frozen=True)
class Askable:
    """The movies a round is chosen among (MovieLens ids, ascending: the models' order), each
    one's genres and decade as 0/1, and the share of people who rated it. It is all a round
    needs while nothing has been answered, and the movie list has it before any model is
    trained: so a first round, and rounds while the models are still being built, never wait
    for them."""

    ml_ids: np.ndarray
    features: np.ndarray
    share: np.ndarray
    log_share: np.ndarray

    @classmethod
    def of(cls, ml_ids: np.ndarray, labels: Sequence[Iterable[str]], raters: np.ndarray,
           users: int) -> Askable:
        """`ml_ids` ascending; `labels`: each movie's genres and decade; `raters`: how many of
        the `users` rated it."""
        features, _ = one_hot(labels)
        share = np.asarray(raters, dtype=np.float64) / max(1, users)
        return cls(np.asarray(ml_ids, dtype=np.int64), features, share,
                   np.log(np.maximum(share, 1.0 / max(1, users))))

    def positions(self, ml_ids: Collection[int]) -> np.ndarray:
        """The positions of those of `ml_ids` that can be asked."""
        found = positions_in(self.ml_ids, np.fromiter(ml_ids, dtype=np.int64, count=len(ml_ids)))
        return found[found >= 0]

    def varied(self, likely: np.ndarray, exclude: np.ndarray, size: int) -> list[int]:
        """The positions of a round: the `POOL` likeliest seen of those not excluded, varied."""
        pool = top_k(likely, POOL, exclude=exclude)
        picks = rerank(likely[pool], self.features[pool], self.share[pool], size, VARIETY,
                       ALIKE)
        return [int(pool[pick.position]) for pick in picks]

    def most_rated(self, asked: Collection[int], size: int = ROUND) -> list[int]:
        """A round read from no answers: the most rated movies not in `asked` (MovieLens ids),
        varied. It is the first round, and the round while the models are being built."""
        return self.varied(self.log_share, self.positions(asked), size)


class QuickStart:
    """Rounds over the collaborative models' movies (MovieLens), each movie's genres taken
    from TMDB where it is there, its decade from its year."""

    def __init__(self, for_you: ForYouModel) -> None:
        self.for_user = for_user = for_you.for_user
        genres_of = dict(zip(for_you.chart.rows["id"], for_you.chart.rows["genres"],
                             strict=True))
        self.askable = Askable.of(
            for_user.factors.movie_ids,
            [labels(genres_of.get(tmdb, ()), year)
             for tmdb, year in zip(for_user.movies["tmdb_id"], for_user.movies["year"],
                                   strict=True)],
            for_user.ratings.raters(len(for_user.factors.movie_ids)),
            len(for_user.factors.user_ids))
        self.alike = AnsweredAlike(for_user.ratings, len(for_user.factors.movie_ids))

    def round(self, ratings: Sequence[Rated], asked: Collection[int], size: int = ROUND,
              seen: Sequence[int] = ()) -> list[Recommendation]:
        """The next round for someone with `ratings` and the movies marked `seen` (MovieLens
        ids, choices without stars), who was already asked about the MovieLens ids in `asked`
        (answered or skipped). On the validation split, rounds answered with seen marks alone
        got as many answers as rounds answered with ratings once they read them (4.5 and 6.6
        after two and three rounds, against 4.2 and 6.0 reading none).

        What is likeliest seen is read from the people who answered alike while a round's
        worth of movies or fewer is known of someone (answered or skipped, so also when all
        were skipped), then from the ranking model (the most rated where nothing was
        chosen): on the validation split's simulation, For you after the second and third
        rounds went from 1.07x and 1.32x most popular (the ranking model's alone) to 1.22x
        and 1.36x; people alike for the third too scored 1.20-1.28x after it."""
        model, askable = self.for_user, self.askable
        chosen, stars = model.with_seen(*model.known(ratings), seen)
        known = np.union1d(chosen, askable.positions(asked)).astype(np.int64)
        if 0 < len(known) <= ROUND:  # skips alone say something too
            likely = self.alike.log_share(chosen, np.setdiff1d(known, chosen))
        elif len(chosen):
            likely = model.choice_log_probabilities(model.fold(chosen, stars))
        else:
            likely = askable.log_share
        positions = askable.varied(likely, known, size)
        return [model.movie(position, float(likely[position]), REASON)
                for position in positions]


def labels(genres: Iterable[str], year: int | None) -> tuple[str, ...]:
    """What a round varies: a movie's genres and its decade."""
    return (*genres, *((f"{year // 10}0s",) if year else ()))
