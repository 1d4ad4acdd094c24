"""The discovery setting's re-ranking, on candidates whose order is worked out by hand, and
the floor under it: never a pick the person would rate low."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from tests.support import MOVIES, make_engine
from tui_recsys.engine.answer import POPULAR, Recommendation
from tui_recsys.engine.catalog.discovery import discovered
from tui_recsys.engine.models.discovery import MIX, Mix, Pick, rerank, worth_offering

# Candidates best first: 0-2 action films everyone saw (1 bit of novelty each), 3 a
# little-known action film, 4 a little-known western (6.64 bits each). Relevance is
# exp(2.5 * (score - 1) / 0.6): 1, 0.659, 0.435, 0.125, 0.082.
SCORES = np.array([1.0, 0.9, 0.8, 0.5, 0.4])
GENRES = np.array([[1, 0], [1, 0], [1, 0], [1, 0], [0, 1]], dtype=np.float64)
SHARES = np.array([0.5, 0.5, 0.5, 0.01, 0.01])


def _order(level: float, k: int = 3, mix: Mix = MIX) -> list[int]:
    return [pick.position for pick in rerank(SCORES, GENRES, SHARES, k, level, mix)]


def test_obvious_is_the_models_order():
    assert _order(0.0, 5) == [0, 1, 2, 3, 4]


def test_halfway_keeps_the_best_and_brings_in_the_new_genre_shown_in_the_models_order():
    # first place: 0 scores 1 + 0.5 * 0.05 * 1 = 1.03, 3 only 0.125 + 0.5 * 0.05 * 6.64 = 0.29;
    # second (relevance counts 1/log2(3) = 0.63): the western, 0.052 + 0.166 = 0.22, beats 1,
    # 0.415 + 0.025 - 0.5 * 0.7 * 1 = 0.09; third (0.5, similarity now a mean over two picks):
    # 1 scores 0.33 + 0.025 - 0.5 * 0.7 * 0.5 = 0.18, above 2 (0.07) and 3 (0.05). Chosen 0, 4,
    # 1; shown as the model ranks them.
    assert _order(0.5) == [0, 1, 4]


def test_adventurous_takes_the_little_known_action_film_before_the_well_known():
    # third place at 1: 3 scores 0.063 + 0.332 - 0.7 * 0.5 = 0.044, 1 scores 0.33 + 0.05 - 0.35
    # = 0.03; shown in the order chosen (the western second), as at 0.75: in the model's
    # order the best known filled the first rows on screen, as at 0
    assert _order(1.0) == [0, 4, 3]
    assert _order(0.75) == [0, 4, 1]  # 0.5's set ([0, 1, 4] there), as chosen
    assert _order(1.0, mix=Mix(chosen_order_from=2.0)) == [0, 3, 4]  # the same set


def test_novelty_worth_more_leaves_out_the_best_known():
    # at a bit worth 0.5: 3 scores 0.125 + 3.32 against 0's 1 + 0.5, and then the western
    assert _order(1.0, 2, mix=Mix(novelty=0.5)) == [3, 4]
    assert _order(1.0, 2) == [0, 4]


def test_unordered_places_weigh_alike():
    # no discount by place: at 0.5 the second place is 1's 0.659 + 0.025 - 0.35 = 0.33 against
    # the western's 0.082 + 0.166 = 0.25 (discounted, the western's 0.22 beats 1's 0.09)
    assert _order(0.5, 2, mix=Mix(by_place=False)) == [0, 1]
    assert _order(0.5, 2) == [0, 4]


def test_a_pick_the_setting_brought_says_what_it_adds_to_the_picks_shown_above_it():
    first, second = rerank(SCORES, GENRES, SHARES, 2, 1.0)
    assert second == Pick(4, less_known=True, new_genres=(1,), place=1)  # 6.64 bits, 1
    # the model's own first pick brings nothing: it is there at 0 too
    assert first == Pick(0, less_known=False, new_genres=())
    # at 0.5 the western is chosen second but shown third: 1, shown second, was the model's
    _, action, western = rerank(SCORES, GENRES, SHARES, 3, 0.5)
    assert action == Pick(1, less_known=False, new_genres=(), place=2)  # chosen third
    assert western == Pick(4, less_known=True, new_genres=(1,), place=1)
    # where a bit is worth 0.5 the little-known action film stands in for 0: less known
    brought = rerank(SCORES, GENRES, SHARES, 2, 1.0, Mix(novelty=0.5))[0]
    assert (brought.position, brought.less_known) == (3, True)
    assert rerank(SCORES[:0], GENRES[:0], SHARES[:0], 3, 0.5) == []


def test_a_pick_brought_in_is_less_known_only_by_half_or_more():
    """Memento, rated by 159 of 610 people, was "less known than the model's picks" beside
    picks a little better known on average. The western rated by 30 % of people against the
    others' 50 % (1.74 bits against 1) still adds its genre, and is not called less known."""
    shares = np.array([0.5, 0.5, 0.5, 0.01, 0.3])
    assert rerank(SCORES, GENRES, shares, 2, 1.0)[1] == Pick(4, less_known=False,
                                                            new_genres=(1,), place=1)
    assert rerank(SCORES, GENRES, np.array([0.5, 0.5, 0.5, 0.01, 0.24]), 2, 1.0)[1].less_known
    # a film the catalogue lacks (share 0) among the model's picks does not count: it read as
    # 30 bits, and the western's 6.64 was not "less known" beside its mean of 15.5
    unknown = rerank(SCORES, GENRES, np.array([0.5, 0.0, 0.5, 0.01, 0.01]), 2, 1.0)
    assert unknown[1] == Pick(4, less_known=True, new_genres=(1,), place=1)


def test_a_pick_the_person_would_rate_low_is_never_a_discovery(tiny: Path, cache_dir: Path):
    """"Adventurous" showed a little-known pick beside its own prediction of 2.3 stars. Eleven
    candidates for ten places: tiny's ten films, the little-known Apollo 18 last, and a film
    the catalogue lacks."""
    movies = make_engine(tiny, cache_dir).index().movies
    films = sorted(MOVIES, key=lambda film: film[1] == "Apollo 18")

    def candidates(apollo_stars: float | None, matrix_stars: float = 4.5) -> list[Recommendation]:
        ranked = [Recommendation(title, int(date[:4]), 1.0 - n / 20, "", tmdb_id, None,
                                 apollo_stars if title == "Apollo 18" else
                                 matrix_stars if title == "The Matrix" else 4.5)
                  for n, (tmdb_id, title, date, *_) in enumerate(films)]
        return [*ranked[:5], Recommendation("Elsewhere", 2000, 0.76, "", 999999, None, 4.0),
                *ranked[5:]]

    def titles(apollo_stars: float | None, matrix_stars: float = 4.5) -> list[str]:
        return [item.title for item in discovered(candidates(apollo_stars, matrix_stars),
                                                  movies, 1.0, 10)]

    # no stars known: little known, brought in for the best known left (Forrest Gump)
    assert "Apollo 18" in titles(None) and "Forrest Gump" not in titles(None)
    apollo = next(item for item in discovered(candidates(None), movies, 1.0, 10)
                  if item.title == "Apollo 18")
    assert apollo.reason.startswith("discovery: less known than the model's picks")
    assert "Apollo 18" not in titles(2.3) and "Forrest Gump" in titles(2.3)
    assert "Apollo 18" in titles(2.3, matrix_stars=2.4)  # too few above the floor: all of them


def test_a_less_known_pick_is_not_said_to_be_popular_with_everyone(tiny: Path,
                                                                     cache_dir: Path):
    """For you's Toy Story 3 read "discovery: less known than the model's picks; ...; popular
    with everyone"; the model's own picks still say it."""
    movies = make_engine(tiny, cache_dir).index().movies
    films = sorted(MOVIES, key=lambda film: film[1] == "Apollo 18")  # the little known last
    ranked = [Recommendation(title, int(date[:4]), 1.0 - n / 20, f"liked; {POPULAR}", tmdb_id,
                             None, 4.5)
              for n, (tmdb_id, title, date, *_) in enumerate(films)]
    ranked.insert(5, replace(ranked[0], title="Elsewhere", score=0.76, tmdb_id=999999))
    reasons = {item.title: item.reason for item in discovered(ranked, movies, 1.0, 10)}
    assert reasons["Apollo 18"] == ("discovery: less known than the model's picks, adds "
                                    "Thriller; liked")
    assert reasons["Avatar"] == f"liked; {POPULAR}"  # the model's own best


def test_a_short_list_is_the_first_of_the_ten_as_they_were_chosen(tiny: Path,
                                                                    cache_dir: Path):
    """`recommend for-you -n 5 --discovery 1` listed what `-n 5` did: the ten chosen are shown
    in the model's order, and its first five were the model's own. A short list is now the
    first the ten were chosen in (the model's best, then what the setting brings), shown in
    the model's order: each a part of the next, and of the ten."""
    movies = make_engine(tiny, cache_dir).index().movies
    films = sorted(MOVIES, key=lambda film: film[1] == "Apollo 18")  # the little known last
    ranked = [Recommendation(title, int(date[:4]), 1.0 - n / 20, "", tmdb_id, None, 4.5)
              for n, (tmdb_id, title, date, *_) in enumerate(films)]

    def ids(k: int, level: float = 1.0) -> list[int | None]:
        return [item.tmdb_id for item in discovered(ranked, movies, level, k)]

    ten = ids(10)
    shorter = [ids(k) for k in range(1, 10)]
    assert shorter[0] == [ranked[0].tmdb_id]  # the model's best, whatever the setting
    for k, listed in enumerate(shorter, 1):
        assert len(listed) == k and listed == [tmdb_id for tmdb_id in ten if tmdb_id in listed]
        assert set(listed) <= set(ids(k + 1))
    assert shorter[4] != [item.tmdb_id for item in ranked[:5]]  # the setting shows at five
    assert ids(5, 0.0) == [item.tmdb_id for item in ranked[:5]]


def test_the_floor_keeps_unknown_stars_and_gives_way_when_too_few_pass():
    stars = np.array([4.0, 2.3, np.nan, 3.0])
    assert worth_offering(stars, 3).tolist() == [True, False, True, True]
    assert worth_offering(stars, 4).all()
