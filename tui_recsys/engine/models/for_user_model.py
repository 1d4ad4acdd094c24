"""For this user: the tutorial's collaborative model (a biased matrix factorisation learnt
with Keras, `Factors`) for the stars, and for the order the ranking network (`ranking_model`)
blended with EASE's item weights (`blended_ranking`).

Both are kept as plain arrays (embeddings, biases, id maps) in .npz files, so answering for a
user is a few numpy products and never imports TensorFlow; they are trained by
`training.networks`, run in a child process by `training.process`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from tui_recsys.data.profile_file import Rated
from tui_recsys.data.scale import DISLIKED_RATING, LIKED_RATING, RATING_SCALE
from tui_recsys.engine.answer import Recommendation, TrainingHistory
from tui_recsys.engine.cache.column_files import Columns, Kind, load_columns, save_columns
from tui_recsys.engine.models.blended_ranking import BlendedRanking
from tui_recsys.engine.models.item_weights import ItemWeights
from tui_recsys.engine.models.ranking_model import FoldedUser, RankingModel
from tui_recsys.engine.models.top_k import serve_on_one_blas_thread, top_k
from tui_recsys.engine.question import Allowed, History, unknown_user

ID_ARRAYS = ("user_ids", "movie_ids")
# Ridge penalties on a folded-in user's bias and vector: how many ratings' worth of "like
# everyone" their stars start from. Chosen on the validation split's cold start (docs/quality.md):
# at 1 and 1, five 5-star ratings made every pick 4.7 to 5 stars.
FOLD_IN_PENALTIES = (5.0, 3.0)  # bias, vector
SEEN_STARS = np.nan  # a movie marked seen: chosen, with no stars (the ranking model counts it 1)
MOVIE_COLUMNS: dict[str, Kind] = {"title": "text", "year": "int?", "tmdb_id": "int?"}
FLOAT_ARRAYS = ("user_factors", "movie_factors", "user_bias", "movie_bias")


@dataclass
class Factors:
    """A trained model as arrays: rating = mean + user_bias + movie_bias + user . movie."""

    user_ids: np.ndarray
    movie_ids: np.ndarray
    user_factors: np.ndarray
    movie_factors: np.ndarray
    user_bias: np.ndarray
    movie_bias: np.ndarray
    mean: float
    history: TrainingHistory = field(default_factory=TrainingHistory)

    def save(self, folder: Path) -> None:
        arrays = {name: getattr(self, name) for name in
                  ("user_ids", "movie_ids", "user_factors", "movie_factors", "user_bias",
                   "movie_bias")}
        np.savez(folder / "factors.npz", mean=np.float64(self.mean), **arrays)
        self.history.save(folder / "history.json")

    @classmethod
    def load(cls, folder: Path) -> Factors:
        with np.load(folder / "factors.npz", allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        _check_arrays(arrays)
        history = TrainingHistory.load(folder / "history.json")
        mean = float(arrays.pop("mean"))
        return cls(mean=mean, history=history, **arrays)

    def predict(self, users: np.ndarray, movies: np.ndarray) -> np.ndarray:
        """Predicted ratings for (user position, movie position) pairs, row by row."""
        dots = np.einsum("ij,ij->i", self.user_factors[users], self.movie_factors[movies])
        return self.mean + self.user_bias[users] + self.movie_bias[movies] + dots

    def all_scores(self) -> np.ndarray:
        """Predicted rating of every movie for every user: the order the rating model alone
        would give, which evaluation sets beside the ranking model's."""
        return (self.mean + self.user_bias[:, None] + self.movie_bias[None, :]
                + self.user_factors @ self.movie_factors.T)


def _check_arrays(arrays: dict[str, np.ndarray]) -> None:
    """Names, shapes and dtypes as `Factors.save` wrote them; anything else is a damaged
    entry, which must fail here and not as a broadcast error in the middle of a query."""
    expected = {"mean", *ID_ARRAYS, *FLOAT_ARRAYS}
    if set(arrays) != expected:
        raise ValueError(f"factors.npz holds {sorted(arrays)}, expected {sorted(expected)}")
    users, movies = len(arrays["user_ids"]), len(arrays["movie_ids"])
    width = arrays["user_factors"].shape[-1] if arrays["user_factors"].ndim == 2 else -1
    shapes = {"mean": (), "user_ids": (users,), "movie_ids": (movies,),
              "user_factors": (users, width), "movie_factors": (movies, width),
              "user_bias": (users,), "movie_bias": (movies,)}
    for name, shape in shapes.items():
        array = arrays[name]
        kind = "iu" if name in ID_ARRAYS else "f"
        if array.shape != shape or array.dtype.kind not in kind:
            raise ValueError(f"factors.npz: {name} is {array.dtype} {array.shape}, expected "
                             f"{'integer' if kind == 'iu' else 'float'} {shape}")
    for name in ID_ARRAYS:
        if np.any(np.diff(arrays[name]) <= 0):
            raise ValueError(f"factors.npz: {name} is not sorted and unique")


@dataclass
class TrainedModels:
    """What "For this user" learnt, saved side by side in one cache entry: the rating model
    for stars, and for the order the ranking network and EASE's item weights, which `ranking`
    blends."""

    factors: Factors
    network: RankingModel
    items: ItemWeights

    def __post_init__(self) -> None:
        if len(self.items.bias) != len(self.network.movie_ids):
            raise ValueError("the item weights and the ranking network know different movies")

    @property
    def ranking(self) -> BlendedRanking:
        return BlendedRanking(self.network, self.items)

    def save(self, folder: Path) -> None:
        self.factors.save(folder)
        self.network.save(folder)
        self.items.save(folder)

    @classmethod
    def load(cls, folder: Path) -> TrainedModels:
        network = RankingModel.load(folder)
        return cls(Factors.load(folder), network, ItemWeights.load(folder, len(network.movie_ids)))


def positions_in(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Each of `wanted`'s position in the sorted `ids`, or -1 where it is not there."""
    found = np.minimum(np.searchsorted(ids, wanted), max(len(ids) - 1, 0))
    return np.where((len(ids) > 0) & (ids[found] == wanted), found, -1)


@dataclass(frozen=True)
class UserRatings:
    """Every user's ratings, one user's contiguous: the movies as positions in the models'
    order and their stars. What picks exclude and their reasons name."""

    starts: np.ndarray  # user position -> first rating; one more than there are users
    movies: np.ndarray
    stars: np.ndarray

    def user(self, position: int) -> tuple[np.ndarray, np.ndarray]:
        span = slice(self.starts[position], self.starts[position + 1])
        return self.movies[span], self.stars[span]

    def raters(self, movies: int) -> np.ndarray:
        """How many people rated each of the `movies` positions (numpy's bincount converts
        narrower ints slowly, so the positions go in as intp)."""
        return np.bincount(self.movies.astype(np.intp), minlength=movies)

    def save(self, folder: Path) -> None:
        np.savez(folder / "ratings.npz", starts=self.starts, movies=self.movies,
                 stars=self.stars)

    @classmethod
    def load(cls, folder: Path, factors: Factors) -> UserRatings:
        with np.load(folder / "ratings.npz", allow_pickle=False) as saved:
            starts, movies, stars = (saved[name] for name in ("starts", "movies", "stars"))
        if (starts.shape != (len(factors.user_ids) + 1,) or movies.shape != stars.shape
                or starts.dtype.kind not in "iu" or movies.dtype.kind not in "iu"
                or stars.dtype.kind != "f" or starts[0] != 0 or starts[-1] != len(movies)
                or np.any(np.diff(starts) < 0)
                or (len(movies) and (movies.min() < 0
                                     or movies.max() >= len(factors.movie_ids)))):
            raise ValueError("ratings.npz does not match the models' users and movies")
        return cls(starts, movies, stars)


@dataclass(frozen=True)
class UserPicks:
    user_id: int
    picks: list[Recommendation]
    favourites: list[Recommendation]


def clamp_stars(stars: float) -> float:
    """A prediction within the rating scale, as a person could have rated."""
    low, high = RATING_SCALE
    return min(max(stars, low), high)


class ForUserModel:
    """Both trained models, every user's ratings and what picks name of each movie,
    answering in Recommendations: picks in the ranking model's order, each with the rating
    model's predicted stars and the movies the user rated that put it there. A pick costs a
    few small products and a partial sort.
    """

    BECAUSE = 2  # rated movies named in a pick's reason

    def __init__(self, trained: TrainedModels, movies: Columns, ratings: UserRatings) -> None:
        serve_on_one_blas_thread()
        self.trained = trained
        self.factors = factors = trained.factors
        if not np.array_equal(trained.ranking.movie_ids, factors.movie_ids):
            raise ValueError("the ranking and rating models know different movies")
        if len(movies["title"]) != len(factors.movie_ids):
            raise ValueError("movies.npz does not match the models' movies")
        self.movies, self.ratings = movies, ratings
        self._titles, self._years, self._tmdb = (movies[name] for name in MOVIE_COLUMNS)
        self._user_position = {int(u): i for i, u in enumerate(factors.user_ids)}

    def save(self, folder: Path) -> None:
        self.trained.save(folder)
        save_columns(folder / "movies", MOVIE_COLUMNS, self.movies)
        self.ratings.save(folder)

    @classmethod
    def load(cls, folder: Path) -> ForUserModel:
        trained = TrainedModels.load(folder)
        movies = load_columns(folder / "movies", MOVIE_COLUMNS, len(trained.factors.movie_ids))
        return cls(trained, movies, UserRatings.load(folder, trained.factors))

    def position(self, user_id: int) -> int:
        try:
            return self._user_position[user_id]
        except KeyError:
            raise unknown_user(user_id, self.factors.user_ids.tolist()) from None

    def title(self, position: int) -> str:
        return self._titles[position]

    def picks(self, user_id: int, k: int = 10, favourites: int = 5,
              allowed: Allowed | None = None) -> UserPicks:
        """A user's k picks (of those `allowed`), and the movies they rated highest."""
        user = self.position(user_id)
        rated, stars = self.ratings.user(user)
        left_out = self.left_out(rated, allowed)
        picks = self._ranked(rated, stars, k,
                             lambda best: self.factors.predict(np.full(len(best), user), best),
                             left_out)
        by_preference = np.lexsort((self.factors.movie_ids[rated], -stars))
        favourite_rows = [self.movie(int(rated[i]), float(stars[i]),
                                      f"they rated it {stars[i]:.1f}")
                          for i in by_preference[:favourites]]
        return UserPicks(user_id, picks, favourite_rows)

    def history(self, user_id: int) -> History:
        """The movies a user rated, and those they disliked, by ("movielens", id)."""
        rated, stars = self.ratings.user(self.position(user_id))
        movies = self.factors.movie_ids[rated].tolist()
        return History(frozenset(("movielens", movie) for movie in movies),
                       frozenset(("movielens", movie) for movie, given
                                 in zip(movies, stars.tolist(), strict=True)
                                 if given <= DISLIKED_RATING))

    def known(self, ratings: Sequence[Rated]) -> tuple[np.ndarray, np.ndarray]:
        """A profile's ratings of movies the models know: their positions, and the stars."""
        positions = self.positions(np.array([r.movielens_id or -1 for r in ratings],
                                            dtype=np.int64))
        known = positions >= 0
        stars = np.array([r.stars for r in ratings], dtype=np.float64)
        return positions[known], stars[known]

    def with_seen(self, rated: np.ndarray, stars: np.ndarray,
                  seen: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Someone's choices as the ranking model folds them in: the rated positions and their
        stars, then the movies marked seen (MovieLens ids) it knows, not rated, with NaN stars
        (a choice that is not a liked one)."""
        watched = self.positions(np.asarray(seen, dtype=np.int64))
        watched = np.setdiff1d(watched[watched >= 0], rated)
        return (np.concatenate((rated, watched)),
                np.concatenate((stars, np.full(len(watched), SEEN_STARS))))

    def choice_log_probabilities(self, user: FoldedUser) -> np.ndarray:
        """Every movie's log-probability of being the user's next choice: the rank scores as
        a softmax, so that people (movie night) or rounds (the quick start) compare."""
        logits = self.ranking_scores(user)
        shifted = logits - logits.max()
        return shifted - np.log(np.exp(shifted).sum())

    def left_out(self, rated: np.ndarray, allowed: Allowed | None) -> np.ndarray:
        """The positions never picked: those rated, and those a filter does not allow."""
        if allowed is None:
            return rated
        return np.union1d(rated, np.flatnonzero(
            ~np.isin(self.factors.movie_ids, allowed.movielens)))

    def positions(self, movielens_ids: np.ndarray) -> np.ndarray:
        """Each id's position in the models' movies, or -1 where they do not know it."""
        return positions_in(self.factors.movie_ids, movielens_ids)

    def fold(self, rated: np.ndarray, stars: np.ndarray, items_share: float = 1.0) -> FoldedUser:
        """Whoever rated `rated` with `stars`, as the ranking model sees them: a trained user
        or anyone else, since the model computes a user from their ratings. EASE's part of the
        order counts `items_share` of itself (it is linear in what was chosen, and the network
        reads only the choices' proportions), so few ratings can lean on the network."""
        ranking = self.trained.ranking
        user = ranking.fold(rated, ranking.weights(stars, LIKED_RATING))
        return user if items_share == 1.0 else replace(user, chosen=user.chosen * items_share)

    def ranking_scores(self, user: FoldedUser) -> np.ndarray:
        """Every movie's rank score (a logit) for the user."""
        return self.trained.ranking.scores(user)

    def folded_stars(self, rated: np.ndarray, stars: np.ndarray,
                     penalties: tuple[float, float] = FOLD_IN_PENALTIES,
                     ) -> Callable[[np.ndarray | slice], np.ndarray]:
        """The rating model's predictions for someone it was not trained on: their vector and
        bias solved against the trained movie factors (regularised least squares, so that a
        few ratings move them only part of the way from everyone's), with no retraining. The
        function takes positions, or `slice(None)` for every movie without copying their
        factors (For you reads them all: 87,000 at ml-32m's shape)."""
        factors = self.factors
        design = np.hstack([factors.movie_factors[rated].astype(np.float64),
                            np.ones((len(rated), 1))])
        target = stars - factors.mean - factors.movie_bias[rated]
        on_bias, on_vector = penalties
        penalty = np.diag([on_vector] * (design.shape[1] - 1) + [on_bias])
        solved = np.linalg.solve(design.T @ design + penalty, design.T @ target)
        vector, bias = solved[:-1].astype(factors.movie_factors.dtype), solved[-1]
        return lambda movies: (factors.mean + bias + factors.movie_bias[movies]
                               + factors.movie_factors[movies] @ vector)

    def because(self, user: FoldedUser, chosen: np.ndarray, stars: np.ndarray,
                best: np.ndarray, who: str) -> list[str]:
        """For each of `best`, the movies `who` chose that added most to its rank, in words
        ("Alien (5.0) and The Matrix (4.5), which you rated"; one marked seen, its stars NaN,
        is named alone: "Alien, which you saw"; films all disliked, by what the model reads
        of them: "seen by those who saw Cats (1.0)"), or "" where none did."""
        added = self.trained.ranking.contributions(user, best)
        # Twice as many read as named: a film disliked is not named beside one liked.
        named = min(2 * self.BECAUSE, len(chosen))
        if named == 0:
            return ["" for _ in best]
        # The few strongest of each column, by a partial sort: a full one per query cost more
        # than the products that made them.
        strongest = np.argpartition(-added, named - 1, axis=0)[:named]
        order = np.argsort(-np.take_along_axis(added, strongest, axis=0), axis=0, kind="stable")
        strongest = np.take_along_axis(strongest, order, axis=0)
        said = []
        for column in range(len(best)):
            picked = [i for i in strongest[:, column] if added[i, column] > 0]
            # "Forrest Gump (4.5) and The Matrix (1.5), which you rated" read as a pick for
            # disliking The Matrix: the films liked or seen are named where there are some.
            kept = [i for i in picked if not stars[i] <= DISLIKED_RATING]
            picked = (kept or picked)[:self.BECAUSE]
            saw = [bool(np.isnan(stars[i])) for i in picked]
            named = [self._titles[chosen[i]] + ("" if seen else f" ({stars[i]:.1f})")
                     for i, seen in zip(picked, saw, strict=True)]
            verb = "saw" if all(saw) else "rated or saw" if any(saw) else "rated"
            films = " and ".join(named)
            # The network reads a film watched as a choice, liked or not: films all disliked
            # are said as that, not as if they had been liked.
            disliked = all(stars[i] <= DISLIKED_RATING for i in picked)
            said.append("" if not named else f"seen by those who saw {films}" if disliked
                        else f"{films}, which {who} {verb}")
        return said

    def _ranked(self, rated: np.ndarray, stars: np.ndarray, k: int,
                predict: Callable[[np.ndarray], np.ndarray],
                left_out: np.ndarray) -> list[Recommendation]:
        """A MovieLens user's picks, in the ranking model's order: its score is what orders
        them, the predicted stars ride beside, and the reason names what they rated."""
        user = self.fold(rated, stars)
        scores = self.ranking_scores(user)
        best = top_k(scores, k, exclude=left_out)
        predicted = predict(best)
        return [self.movie(int(position), float(scores[position]),
                           because or "chosen by people with tastes like theirs",
                           clamp_stars(float(predicted[column])))
                for column, (position, because)
                in enumerate(zip(best, self.because(user, rated, stars, best, "they"),
                                 strict=True))]

    def movie(self, position: int, score: float, reason: str,
              stars: float | None = None) -> Recommendation:
        return Recommendation(self._titles[position], self._years[position], score, reason,
                              self._tmdb[position], int(self.factors.movie_ids[position]),
                              stars)


