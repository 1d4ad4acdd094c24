"""What the results on screen answer: a strategy and what it is asked about. An answer to an
older query is dropped, so a slow answer never replaces a newer one."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui_recsys.engine.catalog.entries import MovieEntry, UserEntry
from tui_recsys.engine.question import GroupBy, MovieFilter, Tuning
from tui_recsys.engine.strategies.strategy import Strategy


@dataclass(frozen=True)
class Query:
    """Everything the results depend on; an answer to an older query is dropped."""

    strategy: Strategy
    movie: MovieEntry | None
    user: UserEntry | None
    movie_filter: MovieFilter
    person: str | None = None  # whose films, for a strategy that needs a person
    discovery: float = 0.0  # 0 the model's order ("obvious") to 1 ("adventurous")
    group: tuple[UserEntry, ...] = ()  # a movie night's people, in the order marked
    group_by: GroupBy = GroupBy.LEAST_MISERY
    tuning: Tuning = field(default_factory=Tuning)  # more of, less of a genre or keyword
