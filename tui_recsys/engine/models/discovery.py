"""The discovery setting: a list re-ranked from "obvious" (0, the model's order) to
"adventurous" (1), by maximal marginal relevance (Carbonell and Goldstein 1998) with a
popularity penalty. The pick for place r (1, 2, ...) is the candidate with the best

    relevance / log2(r + 1) + d * (a * novelty - b * mean similarity to the picks taken)

where relevance is exp(c * (score - best) / (best - worst)) over the candidates (the model's
order, 1 at the top, 1/e^c at the bottom, whatever a model's scores mean), novelty the pick's
self-information in bits (-log2 of the share of people who rated it), similarity the cosine
of genre vectors, and c, a and b the `Mix`. Relevance counts as nDCG counts a hit, less the
lower its place: the first places keep the model's best and variety fills the rest, where a
miss costs least. The picks are then shown in the model's order, but at the most adventurous
settings (`Mix.chosen_order_from`), where they keep the order chosen. The same arrays serve the
Engine (a list's candidates) and `evaluate` (every user's, in the holdout's positions), so both
mean one thing by a setting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tui_recsys.engine.metrics import unit_rows

LEVELS = (0.0, 0.25, 0.5, 0.75, 1.0)  # what the app's key steps through
DEPTH = 10  # candidates drawn per pick to re-rank, at any setting above 0
FEWEST = 10  # picks the candidates are drawn for, however few are asked


def pool(k: int) -> int:
    """The candidates drawn for a re-ranked (or tuned) list of `k`: as many for two picks as
    for ten, so that `-k 2` lists two of `-k 10`'s ten (twenty candidates held one film of
    the keyword asked for more of, and another two)."""
    return max(k, FEWEST) * DEPTH
# A candidate the rating model expects the person to rate lower is no discovery, however
# little known: "adventurous" showed a pick beside its own 2.3 stars.
STARS_FLOOR = 3.0
# How much less known than the model's own picks a brought-in pick must be to be called so: a
# bit, half as many ratings as theirs (a geometric mean). By any margin, Memento (rated by 159
# of 610 people, more than Aliens beside it) was "less known", a hair under the picks' mean.
LESS_KNOWN_BITS = 1.0


@dataclass(frozen=True)
class Mix:
    """How relevance falls over the candidates, what a bit of novelty is worth, and what a
    pick's mean similarity to the picks before it costs. Chosen on the validation split
    (`benchmarks.discovery`, docs/quality.md): at 0.5, a seventh of nDCG@10 for about a quarter
    more diversity and novelty, the best of the mixes tried near the issue's target (the
    previous mix, relevance scaled linearly and no discount by place, paid a fifth of nDCG for a
    fifth more diversity and a seventh more novelty)."""

    spread: float = 2.5
    novelty: float = 0.05
    similarity: float = 0.7
    by_place: bool = True  # False: every place weighs alike (a set to ask, not a ranking)
    # From this setting on, the picks are shown in the order they were chosen, not the
    # model's: at 1 the model's order put its five best known on the screen's first rows, the
    # same as at 0 ("adventurous" looked unchanged at 80x24). On the validation split the
    # same sets read -25 % and -31 % of nDCG at 0.75 and 1, against -22 % and -28 %.
    chosen_order_from: float = 0.75


MIX = Mix()


def as_chosen(level: float) -> bool:
    """Whether a list at this setting is shown in the order its picks were chosen."""
    return level >= MIX.chosen_order_from


@dataclass(frozen=True)
class Pick:
    """A candidate's place and, where the setting brought it in (the model's own top k
    lacked it), what it brings: less known than those picks on average (`LESS_KNOWN_BITS`),
    genres no pick shown before it had. A pick the model's own list had brings nothing,
    whatever its genres: it said "discovery: adds Crime" of the second pick at 0 and at 0.25
    alike."""

    position: int
    less_known: bool
    new_genres: tuple[int, ...]
    place: int = 0  # when it was chosen: 0 first (the model's best, as a rule)


def worth_offering(stars: np.ndarray, k: int, floor: float = STARS_FLOOR) -> np.ndarray:
    """Which candidates a setting above 0 may pick: those whose predicted `stars` are at least
    `STARS_FLOOR` or unknown (NaN: a model without stars); all of them where fewer than `k`
    are (someone who rates low). On the validation split it cost nothing measurable: at 0.5,
    nDCG@10 -13.3 % for +23.5 % diversity and +23.8 % novelty, against -13.8 %, +23.7 % and
    +24.3 % without it."""
    kept = ~(stars < floor)
    return kept if kept.sum() >= k else np.ones(len(stars), dtype=bool)


def shown(scores: np.ndarray, genres: np.ndarray, shares: np.ndarray, stars: np.ndarray | None,
          k: int, level: float, mix: Mix = MIX) -> np.ndarray:
    """The positions among the candidates (as `rerank` takes them) of the `k` a setting
    shows, in order: those `worth_offering` by their `stars` (all where None), re-ranked.
    What the evaluation and the benchmarks read a setting by, as the app draws it."""
    kept = (np.arange(len(scores)) if stars is None
            else np.flatnonzero(worth_offering(stars, k)))
    picks = rerank(scores[kept], genres[kept], shares[kept], k, level, mix)
    return kept[[pick.position for pick in picks]].astype(np.int64)


def rerank(scores: np.ndarray, genres: np.ndarray, shares: np.ndarray, k: int,
           level: float, mix: Mix = MIX) -> list[Pick]:
    """The order of `k` of the candidates (scores best first, genres 0/1 a row each, shares
    of people who rated each, 0-1) at discovery `level` (0-1)."""
    count = len(scores)
    if count == 0 or k <= 0:
        return []
    values = np.asarray(scores, dtype=np.float64)
    best, worst = float(values.max()), float(values.min())
    relevance = np.exp(mix.spread * (values - best) / max(best - worst, 1e-12))
    information = -np.log2(np.clip(np.asarray(shares, dtype=np.float64), 1e-9, 1.0))
    unit = unit_rows(genres)
    similarity = np.zeros(count)  # each candidate's summed similarity to the picks so far
    taken = np.zeros(count, dtype=bool)
    chosen = []
    for place in range(min(k, count)):
        weight = 1.0 / np.log2(place + 2) if mix.by_place else 1.0
        value = weight * relevance + level * (mix.novelty * information
                                              - mix.similarity * similarity / max(place, 1))
        value[taken] = -np.inf
        pick = int(np.argmax(value))  # ties: the model's order
        taken[pick] = True
        chosen.append(pick)
        similarity += unit @ unit[pick]
    place = {position: n for n, position in enumerate(chosen)}
    # Shown in the model's order: the set's variety and novelty are the same in any order,
    # and its likeliest picks go first (on the validation split, a point of nDCG@10 at 0.5);
    # but where a person asked for the most adventurous, what the setting brings shows.
    if level < mix.chosen_order_from:
        chosen.sort(key=lambda position: (-values[position], position))
    obvious = set(np.argsort(-values, kind="stable")[:k].tolist())  # the list at 0
    # What the model's picks are known by, among those the catalogue knows: a film it lacks
    # (share 0) read as 30 bits and made nearly nothing "less known" beside it.
    known = [position for position in obvious if shares[position] > 0]
    usual = float(information[known].mean()) if known else np.inf
    seen_genres = np.zeros(genres.shape[1], dtype=bool)
    picks = []
    for position in chosen:
        held = genres[position] > 0
        brought = position not in obvious
        picks.append(Pick(position,
                          brought and bool(information[position] > usual + LESS_KNOWN_BITS),
                          tuple(int(g) for g in np.flatnonzero(held & ~seen_genres))
                          if brought else (), place[position]))
        seen_genres |= held
    return picks
