"""A quick start: rounds of eight movies to rate, for someone with fewer than ten ratings.
MovieLens found that picking from groups of movies takes half the time of searching for them
one by one (Chang et al., CSCW 2015); a round here is chosen to teach the models most:

- movies the person has most likely seen, so that they can answer: the most rated at first,
  then, as answers come, what the ranking model says people with those answers chose;
- varied in genre and decade, so that each answer says something the others do not
  (maximal marginal relevance, as the discovery setting re-ranks);
- never a movie asked before, answered or skipped.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from tui_recsys.data.profile_file import Rated
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.metrics import one_hot
from tui_recsys.engine.models.discovery import Mix, rerank
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


class QuickStart:
    """Rounds over the collaborative models' movies (MovieLens), each movie's genres taken
    from TMDB where it is there, its decade from its year."""

    def __init__(self, for_you: ForYouModel) -> None:
        self.for_user = for_user = for_you.for_user
        genres_of = dict(zip(for_you.chart.rows["id"], for_you.chart.rows["genres"],
                             strict=True))
        years = for_user.movies["year"]
        labels = [(*genres_of.get(tmdb, ()), *((f"{year // 10}0s",) if year else ()))
                  for tmdb, year in zip(for_user.movies["tmdb_id"], years, strict=True)]
        self.features, _ = one_hot(labels)
        raters = for_user.ratings.raters(len(for_user.factors.movie_ids)).astype(np.float64)
        users = max(1, len(for_user.factors.user_ids))
        self.share = raters / users
        self.log_share = np.log(np.maximum(self.share, 1.0 / users))

    def round(self, ratings: Sequence[Rated], asked: Collection[int], size: int = ROUND,
              seen: Sequence[int] = ()) -> list[Recommendation]:
        """The next round for someone with `ratings` and the movies marked `seen` (MovieLens
        ids, choices without stars), who was already asked about the MovieLens ids in `asked`
        (answered or skipped). On the validation split, rounds answered with seen marks alone
        got as many answers as rounds answered with ratings once they read them (4.5 and 6.6
        after two and three rounds, against 4.2 and 6.0 reading none)."""
        model = self.for_user
        chosen, stars = model.with_seen(*model.known(ratings), seen)
        likely = (model.choice_log_probabilities(model.fold(chosen, stars)) if len(chosen)
                  else self.log_share)
        before = model.positions(np.fromiter(asked, dtype=np.int64, count=len(asked)))
        exclude = np.union1d(chosen, before[before >= 0]).astype(np.int64)
        pool = top_k(likely, POOL, exclude=exclude)
        picks = rerank(likely[pool], self.features[pool], self.share[pool], size, VARIETY,
                       ALIKE)
        return [model.movie(int(pool[pick.position]), float(likely[pool[pick.position]]),
                            REASON) for pick in picks]
