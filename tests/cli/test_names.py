"""One name per strategy, on the command line as in the app: the old names still work, each
said once on stderr; a movie is named by either catalogue's id; -k is 10 everywhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tui_recsys.cli.main import build_parser
from tui_recsys.engine.strategies import STRATEGIES

NAMES = ["chart", "story", "cast", "for-user", "by-ratings", "for-you", "person", "together"]
OLD = {"demographic": "chart", "overview": "story", "metadata": "cast",
       "collaborative": "for-user", "similar-ratings": "by-ratings"}



def test_each_strategy_has_one_name_and_help_shows_only_it(capsys):
    assert [kind.name for kind in STRATEGIES] == NAMES
    with pytest.raises(SystemExit):
        build_parser().parse_args(["recommend", "--help"])
    shown = capsys.readouterr().out
    assert all(name in shown for name in NAMES)
    assert not [old for old in OLD if re.search(rf"\b{old}\b", shown)]


@pytest.mark.parametrize("name", [*NAMES, "content"])
def test_k_is_ten_everywhere(name: str):
    question = {"for-user": ["--user", "1"], "chart": [], "for-you": [],
                "person": ["--name", "x"], "together": ["--user", "1", "--user", "2"]}.get(
        name, ["--movie", "x"])
    assert build_parser().parse_args(["recommend", name, *question]).k == 10


@pytest.mark.parametrize(("old", "new"), sorted(OLD.items()))
def test_an_old_name_still_answers_and_says_the_new_one(trained: Path, capsys, old: str,
                                                        new: str):
    question = {"chart": [], "for-user": ["--user", "42"]}.get(new, ["--movie", "Avatar"])
    where = ["--data", str(trained), "--json"]
    code, out, err = run(capsys, "recommend", new, *question, *where)
    assert code == 0 and "is now called" not in err
    code, again, err = run(capsys, "recommend", old, *question, *where)
    assert code == 0 and json.loads(again) == json.loads(out)
    assert f"tui-recsys: '{old}' is now called '{new}'" in err.splitlines()


def test_the_old_name_after_by_and_build(trained: Path, capsys):
    code, _, err = run(capsys, "recommend", "content", "--by", "metadata", "--movie", "Avatar",
                       "--data", str(trained))
    assert code == 0 and "'metadata' is now called 'cast'" in err
    code, _, err = run(capsys, "build", "overview", "--data", str(trained))
    assert code == 0 and "'overview' is now called 'story'" in err and "story: " in err
    code, _, err = run(capsys, "recommend", "story", "--movie", "overview", "--data",
                       str(trained))  # a title is never renamed
    assert "is now called" not in err


def test_a_movie_by_either_catalogues_id(trained: Path, capsys):
    where = ["-k", "3", "--json", "--data", str(trained)]
    by_tmdb = run(capsys, "recommend", "story", "--tmdb-id", "603", *where)
    by_movielens = run(capsys, "recommend", "story", "--movielens-id", "3", *where)
    assert by_tmdb[0] == by_movielens[0] == 0 and by_tmdb[1] == by_movielens[1]
    assert "like The Matrix (1999, TMDB id 603)" in by_movielens[2]
    code, _, err = run(capsys, "recommend", "by-ratings", "--tmdb-id", "603", *where)
    assert code == 0 and "like The Matrix (1999, MovieLens id 3)" in err
    code, _, err = run(capsys, "recommend", "story", "--movielens-id", "7", *where)
    assert code == 2 and "Unlinked Film (1980) is not in TMDB" in err
    code, _, err = run(capsys, "recommend", "by-ratings", "--movie-id", "3", *where)
    assert code == 0 and "--movie-id is now --movielens-id" in err
    code, _, err = run(capsys, "recommend", "story", "--movie-id", "603", *where)
    assert code == 0 and "--movie-id is now --tmdb-id" in err
