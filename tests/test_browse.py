import numpy as np
import pandas as pd

from tui_recsys.engine.browse import SearchableTable, ranked_matches


def _titles(count: int, seed: int = 3) -> pd.Series:
    rng = np.random.default_rng(seed)
    syllables = np.array(["ka", "ra", "do", "mi", "the ", "ar", "k ", "ni", "ght", "o"])
    return pd.Series(["".join(rng.choice(syllables, rng.integers(2, 7))).strip()
                      for _ in range(count)])


def test_typing_narrows_to_exactly_what_a_fresh_search_finds():
    text = _titles(3000)
    index = SearchableTable(text)
    rng = np.random.default_rng(5)
    query = ""
    for _ in range(300):
        if query and rng.random() < 0.3:
            query = query[:-1]  # backspace
        else:
            query += str(rng.choice(list("kardomithegn ")))
        assert np.array_equal(index.search(query), ranked_matches(text, query.strip())), query


def test_search_ranks_prefix_then_word_then_substring_then_fuzzy():
    text = pd.Series(["dark city", "the dark knight", "darkness", "mad ark", "d a r k",
                      "dxxxark", "adark"])
    found = list(ranked_matches(text, "dark"))
    assert found[:2] == [0, 2]  # title prefix, in row order
    assert found[2] == 1  # a word starts with it
    assert found[3] == 6  # a substring
    assert found[4:] == [3, 4]  # fuzzy: its letters in order, at most two apart
    assert 5 not in found  # three apart is too far
