"""Movie night: one list for several people at once, as MovieLens' PolyLens made it (O'Connor
et al., ECSCW 2001): candidates the group as a whole would choose, ordered so that nobody is
left with a film they would dislike ("least misery": by the lowest of everyone's predicted
stars), or by everyone's average; what anyone rated is never offered.

Each person is read from their ratings alone, as "For you" reads you: folded into the ranking
model for what they would choose and into the rating model for the stars they would give, so a
MovieLens user, a friend's profile file and you are treated alike, with no retraining. Someone
with no ratings of a movie the models know (you, before rating anything) is still at the movie
night, for what they saw or hid to be left out, but the order goes by the others' tastes.
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
from tui_recsys.text import listed

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

    def person(self, member: Member) -> Person | None:
        """A member as positions and stars: a MovieLens user's ratings, or a profile's where
        the models know the movie (None where they know none: no taste to go by)."""
        model = self.for_user
        if member.user_id is not None:
            rated, stars = model.ratings.user(model.position(member.user_id))
            return Person(member.name, rated, stars.astype(np.float64))
        rated, stars = model.known(member.ratings)
        return Person(member.name, rated, stars) if len(rated) else None

    def picks(self, members: Sequence[Member], k: int, by: GroupBy,
              allowed: Allowed | None = None) -> tuple[list[Recommendation], str]:
        """The list, and what it says of those it could not go by ("" where it went by all)."""
        model = self.for_user
        found = [(member, self.person(member)) for member in members]
        people = [person for _, person in found if person is not None]
        untold = [member for member, person in found if person is None]
        if not people:
            raise UsageError(f"{listed([m.name for m in untold])}: no ratings of MovieLens "
                             f"movies to go by; rate a few movies first")
        # What each would choose, as log-probabilities (a softmax over the ranking's logits),
        # summed: the films all of them would choose, not one person's favourites.
        choice = np.zeros(len(model.factors.movie_ids))
        for person in people:
            choice += model.choice_log_probabilities(model.fold(person.rated, person.stars))
        left_out = model.left_out(np.unique(np.concatenate(
            [person.rated for person in people])), allowed)
        candidates = top_k(choice, max(CANDIDATES, k), exclude=left_out.astype(np.int64))
        said = _untold(untold, people)
        if not len(candidates):
            return [], said
        stars = np.clip([model.folded_stars(person.rated, person.stars)(candidates)
                         for person in people], *RATING_SCALE)  # people x candidates
        group = stars.min(axis=0) if by is GroupBy.LEAST_MISERY else stars.mean(axis=0)
        order = np.lexsort((-choice[candidates], -group))[:k]
        return [model.movie(int(candidates[i]), float(group[i]),
                            _reason(people, stars[:, i], by), float(group[i]))
                for i in order], said


def _untold(untold: list[Member], people: list[Person]) -> str:
    """Who the order could not go by, and whose tastes it went by instead."""
    if not untold:
        return ""
    why = "; ".join(f"{m.name}: {'no ratings of MovieLens movies' if m.ratings else 'no ratings'}"
                    f" yet" for m in untold)
    by = "the others'" if len(people) > 1 else f"{people[0].name}'s"
    return f"{why}, so the list goes by {by} tastes"


def _reason(people: list[Person], stars: np.ndarray, by: GroupBy) -> str:
    """Each person's predicted stars, the least happy first under least misery."""
    order = np.argsort(stars, kind="stable") if by is GroupBy.LEAST_MISERY else range(len(people))
    return "would rate it: " + ", ".join(f"{people[i].name} {stars[i]:.1f}" for i in order)
