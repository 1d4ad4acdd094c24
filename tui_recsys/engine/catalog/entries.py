"""A movie and a user as the lists, the details pane and the command line know them: plain
values, made from the index's columns as rows are drawn."""

from __future__ import annotations

from dataclasses import dataclass

FAVOURITE_GENRES = 3  # in a user's label and search text
GENRE_MIX = 5  # in a user's details


@dataclass(frozen=True)
class MovieEntry:
    """A movie as the app knows it: in TMDB 5000, in MovieLens, or linked in both."""

    key: int
    title: str
    year: int | None
    tmdb_id: int | None
    ml_id: int | None

    @property
    def movielens_id(self) -> int | None:
        """As a rating or a pick names it, so `question.keys_of` reads an entry too."""
        return self.ml_id


@dataclass(frozen=True)
class MovieDetails:
    entry: MovieEntry
    overview: str
    genres: list[str]
    director: str
    cast: list[str]
    vote_average: float | None
    vote_count: int | None
    runtime: float | None
    ml_ratings: int
    ml_mean: float | None
    imdb_id: int | None
    tmdb_link: int | None  # TMDB's id, whether or not TMDB 5000 has the film (Heat's 949)


@dataclass(frozen=True)
class UserEntry:
    """A user: how much and how they rate (`histogram`: how many ratings of 0.5, 1.0, ... 5.0
    stars), and the genres of the movies they liked, most liked first, with their counts.
    Someone who is not a MovieLens user (You, a friend's ratings file) has a `name`."""

    key: int
    user_id: int
    ratings: int
    mean: float
    genre_mix: list[tuple[str, int]]
    histogram: list[int]
    name: str = ""

    @property
    def movielens(self) -> bool:
        """One of MovieLens' users, whom the models were trained on."""
        return not self.name

    @property
    def genres(self) -> list[str]:
        return [genre for genre, _ in self.genre_mix[:FAVOURITE_GENRES]]
