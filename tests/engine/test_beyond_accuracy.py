"""Beyond-accuracy metrics on lists whose values are worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tui_recsys.engine.metrics import (
    beyond_accuracy,
    intra_list_diversity,
    miscalibration,
    novelty,
)

# Four movies: 0 and 1 are action, 2 is drama, 3 is action and drama.
GENRES = np.array([[1, 0], [1, 0], [0, 1], [1, 1]], dtype=np.float64)


def test_diversity_is_one_less_the_mean_similarity_of_a_lists_pairs():
    assert intra_list_diversity(np.array([[0, 1]]), GENRES) == pytest.approx(0.0)
    assert intra_list_diversity(np.array([[0, 2]]), GENRES) == pytest.approx(1.0)
    # 0-3 and 2-3 are 1/sqrt(2) alike, 0-2 not at all: 1 - (2 / sqrt(2)) / 3
    assert intra_list_diversity(np.array([[0, 2, 3]]), GENRES) == pytest.approx(
        1 - math.sqrt(2) / 3)
    assert intra_list_diversity(np.array([[0, 1], [0, 2]]), GENRES) == pytest.approx(0.5)
    assert intra_list_diversity(np.array([[0, -1]]), GENRES) == 0.0  # one pick: no pair


def test_novelty_is_the_mean_self_information_of_the_picks():
    chosen = np.array([[1, 1, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]])  # three users
    # movie 0: all three chose it, (3+1)/(3+1) -> 0 bits; movie 1: (1+1)/4 -> 1 bit;
    # movie 2: nobody, 1/4 -> 2 bits
    assert novelty(np.array([[0, 1]]), chosen) == pytest.approx(0.5)
    assert novelty(np.array([[1, 2], [2, -1]]), chosen) == pytest.approx((1 + 2 + 2) / 3)


def test_miscalibration_is_steck_s_kl_divergence():
    chosen = np.array([[1, 0, 0, 0]])  # chose one action movie: p = (1, 0)
    assert miscalibration(np.array([[1]]), chosen, GENRES) == pytest.approx(0.0)
    # a drama list: q = (0, 1), q~ = (0.01, 0.99), KL = 1 * ln(1 / 0.01)
    assert miscalibration(np.array([[2]]), chosen, GENRES) == pytest.approx(math.log(100))
    # history half action half drama (movie 3), list all action (movie 0):
    # p = (0.5, 0.5), q~ = (0.995, 0.005); KL = 0.5 ln(0.5/0.995) + 0.5 ln(0.5/0.005)
    half = np.array([[0, 0, 0, 1]])
    assert miscalibration(np.array([[0]]), half, GENRES) == pytest.approx(
        0.5 * math.log(0.5 / 0.995) + 0.5 * math.log(0.5 / 0.005))


def test_all_three_at_once():
    chosen = np.array([[1, 0, 0, 0], [0, 1, 0, 0]])
    figures = beyond_accuracy(np.array([[0, 2], [1, 0]]), chosen, GENRES)
    assert figures.diversity == pytest.approx(0.5)
    assert figures.novelty == pytest.approx(-np.log2(np.array([2, 1, 2, 2]) / 3).mean())
    assert figures.miscalibration == pytest.approx(
        (math.log(1 / (0.99 * 0.5 + 0.01)) + 0.0) / 2)
