"""The public libraries in `evaluate`'s cold start: fitted without the newcomers, then each
newcomer's most recent 3, 5, 10, 20 and 50 ratings folded in, as ours are (the same users, the
same ratings, from `fold_in.most_recent`), and scored by the same code on their held-out liked
movies. Issue 25 asks For you for 1.3x most popular at 5 ratings; this says whether any public
library's fold-in gets there on this data.

The split goes to FOLDER/cold.npz (the training part without the newcomers, in its own user and
movie positions; per count, the newcomers' ratings folded in); `peer_fit.py MODEL FOLDER --cold`
writes FOLDER/MODEL-cold.npz (per count, the newcomers' top 10), scored here. The same from the
validation split (FOLDER/cold-tuning.npz) is where each library's settings are chosen, on this
cold start itself, as For you's were: the test part is read once, for the chosen setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tui_recsys.engine.metrics import TopNScores, top_lists
from tui_recsys.evaluation.fold_in import fold_in_users, most_recent
from tui_recsys.evaluation.holdout import genre_matrix, relevant_positions, scored_lists

if TYPE_CHECKING:
    import pandas as pd

# The libraries whose models take a new person's ratings without refitting.
FOLDING_PEERS = ("implicit-als", "lenskit-user-knn", "lenskit-item-knn", "lenskit-implicit-mf")


@dataclass
class Newcomers:
    """Per count: what the newcomers folded in (users x movies, 0/1) and what they liked in
    the held-out part; the movies' genres; how many people rated each movie in the fit."""

    chosen: dict[int, np.ndarray]
    relevant: dict[int, list[set[int]]]
    genres: np.ndarray
    raters: np.ndarray

    def scored(self, count: int, lists: np.ndarray) -> TopNScores:
        return scored_lists(lists, self.chosen[count], self.relevant[count], self.genres)

    def most_popular(self) -> dict[int, TopNScores]:
        """The anchor every cold-start ratio is read against, from this split: it must equal
        `evaluate`'s own most popular row, or the two protocols differ."""
        return {count: self.scored(count, top_lists(
            np.broadcast_to(self.raters.astype(np.float64), chosen.shape),
            [np.flatnonzero(row) for row in chosen]))
                for count, chosen in self.chosen.items()}


def write_cold_start(train: pd.DataFrame, test: pd.DataFrame, ml_movies: pd.DataFrame,
                     times: pd.DataFrame | None, path: Path) -> Newcomers:
    """`train`'s newcomers, to be scored on `test`: the split to `path`, what scores it here."""
    newcomers = fold_in_users(train)
    without = train[~train["user_id"].isin(newcomers)]
    users = np.unique(without["user_id"].to_numpy())
    movies = np.unique(without["movie_id"].to_numpy())
    movie = np.searchsorted(movies, without["movie_id"].to_numpy())
    arrays: dict[str, np.ndarray] = {
        "users": np.array(len(users)), "movies": np.array(len(movies)),
        "user": np.searchsorted(users, without["user_id"].to_numpy()), "movie": movie,
        "rating": without["rating"].to_numpy()}
    chosen: dict[int, np.ndarray] = {}
    relevant: dict[int, list[set[int]]] = {}
    for count, (them, latest) in most_recent(train, newcomers, times).items():
        known = latest[latest["movie_id"].isin(movies)]
        rows = np.searchsorted(them, known["user_id"].to_numpy())
        columns = np.searchsorted(movies, known["movie_id"].to_numpy())
        arrays |= {f"newcomers_{count}": np.array(len(them)), f"user_{count}": rows,
                   f"movie_{count}": columns, f"rating_{count}": known["rating"].to_numpy()}
        chosen[count] = np.zeros((len(them), len(movies)), dtype=np.float32)
        chosen[count][rows, columns] = 1.0
        relevant[count] = relevant_positions(test, them, movies)
    arrays["counts"] = np.array(sorted(chosen))
    np.savez(path, **arrays)
    return Newcomers(chosen, relevant, genre_matrix(ml_movies, movies),
                     np.bincount(movie, minlength=len(movies)))


def cold_start_table(theirs: dict[str, dict], ours: dict[str, dict] | None) -> str:
    """nDCG@10 by ratings folded in, each row over most popular on this split (`theirs`, from
    `peers.cold_start`), and the settings each library's tuning chose; `ours` is `evaluate`'s
    cold start (its JSON), where it was run."""
    popular = {count: scores["ndcg"] for count, scores
               in theirs["most popular, this split"]["by_count"].items()}
    counts = sorted(popular)
    rows = [(f"{name} (tui-recsys)", {int(c): ours[c][name]["ndcg"] for c in ours})
            for name in (next(iter(ours.values())) if ours else [])]
    rows += [(name, {count: scores["ndcg"] for count, scores in entry["by_count"].items()})
             for name, entry in theirs.items()]
    header = f"{'N':<34}" + "".join(f"{count:>7}" for count in counts)
    lines = ["Cold start: nDCG@10 after the newcomers' most recent N ratings are folded in, "
             "and over most popular", header, "-" * len(header)]
    for name, figures in rows:
        lines.append(f"{name:<34}" + "".join(
            f"{figures[count]:>7.3f}" if count in figures else f"{'-':>7}" for count in counts))
        lines.append(f"{'':<34}" + "".join(
            f"{figures[count] / popular[count]:>6.2f}x" if count in figures and popular[count]
            else f"{'':>7}" for count in counts))
    tuned = [f"{name}: {', '.join(f'{k}={v}' for k, v in entry['settings'].items())}"
             for name, entry in theirs.items() if entry.get("settings")]
    if tuned:
        lines += ["", "tuned: the best of a grid on the validation split's cold start (nDCG@10, "
                      "the mean over the counts)", *tuned]
    return "\n".join(lines)
