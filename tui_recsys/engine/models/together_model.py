"""Movie night: one list for several people at once, as MovieLens' PolyLens made it (O'Connor
et al., ECSCW 2001): candidates the group as a whole would choose, ordered so that nobody is
left with a film they would dislike ("least misery": by the lowest of everyone's predicted
stars), or by everyone's average; what anyone rated is never offered.

Each person is read from their ratings alone, as "For you" reads you: folded into the ranking
model for what they would choose and into the rating model for the stars they would give, so a
MovieLens user, a friend's profile file and you are treated alike, with no retraining.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tui_recsys.data.scale import RATING_SCALE
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.models.for_user_model import ForUserModel
from tui_recsys.engine.models.top_k import top_k
from tui_recsys.engine.question import Allowed, GroupBy, Member
from tui_recsys.errors import UsageError

# Candidates the group would choose, re-ordered by stars: enough that the order by stars has
# room to move, few enough that all are films the ranking models put near the top.
CANDIDATES = 50


@dataclass(frozen=True)
class Person:
    name: str
    rated: np.ndarray  # positions in the models' movies
    stars: np.ndarray


class TogetherModel:
    def __init__(self, for_user: ForUserModel) -> None:
        self.for_user = for_user

    def person(self, member: Member) -> Person:
        """A member as positions and stars: a MovieLens user's ratings, or a profile's where
        the models know the movie."""
        model = self.for_user
        if member.user_id is not None:
            rated, stars = model.ratings.user(model.position(member.user_id))
            return Person(member.name, rated, stars.astype(np.float64))
        rated, stars = model.known(member.ratings)
        if not len(rated):
            raise UsageError(f"{member.name}: no ratings of MovieLens movies to go by; rate a "
                             f"few movies first")
        return Person(member.name, rated, stars)

    def picks(self, members: Sequence[Member], k: int, by: GroupBy,
              allowed: Allowed | None = None) -> list[Recommendation]:
        model = self.for_user
        people = [self.person(member) for member in members]
        # What each would choose, as log-probabilities (a softmax over the ranking's logits),
        # summed: the films all of them would choose, not one person's favourites.
        choice = np.zeros(len(model.factors.movie_ids))
        for person in people:
            choice += model.choice_log_probabilities(model.fold(person.rated, person.stars))
        left_out = model.left_out(np.unique(np.concatenate(
            [person.rated for person in people])), allowed)
        candidates = top_k(choice, max(CANDIDATES, k), exclude=left_out.astype(np.int64))
        if not len(candidates):
            return []
        stars = np.clip([model.folded_stars(person.rated, person.stars)(candidates)
                         for person in people], *RATING_SCALE)  # people x candidates
        group = stars.min(axis=0) if by is GroupBy.LEAST_MISERY else stars.mean(axis=0)
        order = np.lexsort((-choice[candidates], -group))[:k]
        return [model.movie(int(candidates[i]), float(group[i]),
                            _reason(people, stars[:, i], by), float(group[i]))
                for i in order]


def _reason(people: list[Person], stars: np.ndarray, by: GroupBy) -> str:
    """Each person's predicted stars, the least happy first under least misery."""
    order = np.argsort(stars, kind="stable") if by is GroupBy.LEAST_MISERY else range(len(people))
    return "would rate it: " + ", ".join(f"{people[i].name} {stars[i]:.1f}" for i in order)
