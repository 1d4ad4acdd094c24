"""One title and one genre vocabulary: a linked movie reads as TMDB names it in every list and
reason, a title from either catalogue finds it, and MovieLens' genres take TMDB's names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import make_engine, movielens_frames, picks, seeded_factors, write_dataset


@pytest.fixture
def renamed(tmp_path: Path) -> Path:
    """The tiny data, with MovieLens calling The Matrix by a longer title."""
    frames = movielens_frames()
    movies = frames["movies"]
    movies.loc[movies["movieId"] == 3, "title"] = "Matrix, The: Welcome to the Real World (1999)"
    return write_dataset(tmp_path / "data", movielens=frames)


def test_a_linked_movie_reads_as_tmdb_names_it(renamed: Path, cache_dir: Path):
    engine = make_engine(renamed, cache_dir, trainer=seeded_factors)
    for user in (1, 2, 42):
        answer = picks(engine, user, k=10)
        named = [item.title for item in [*answer.items, *answer.favourites]
                 if item.movielens_id == 3] + [item.reason for item in answer.items]
        assert not [text for text in named if "Real World" in text]
    everything = picks(engine, 2, k=10).items
    assert "The Matrix" in [item.title for item in everything if item.movielens_id == 3]


def test_a_title_of_either_catalogue_finds_the_movie(renamed: Path, cache_dir: Path, capsys):
    engine = make_engine(renamed, cache_dir, trainer=seeded_factors)
    engine.prepare(engine.strategy("for-user"))
    found = engine.index().movies.search("welcome to the real world")
    assert [engine.index().movies.entry(int(key)).title for key in found[:1]] == ["The Matrix"]
    code, _, err = run(capsys, "recommend", "by-ratings", "--movie", "welcome to the real world",
                       "--data", str(renamed))
    assert code == 0 and "The Matrix (1999, MovieLens id 3)" in err


def test_movielens_genres_take_tmdbs_names(tiny: Path, cache_dir: Path, capsys):
    engine = make_engine(tiny, cache_dir)
    users = engine.index().users
    genres = {genre for key in range(len(users)) for genre in users.entry(key).genres}
    assert "Science Fiction" in genres and "Sci-Fi" not in genres
    for name in ("Sci-Fi", "science fiction"):
        code, out, _ = run(capsys, "recommend", "chart", "--genre", name, "--json", "--data",
                           str(tiny))
        assert code == 0 and '"Avatar"' in out
