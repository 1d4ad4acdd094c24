"""`tui-recsys quick-start`: the next round on stdout, how to answer on stderr, and a round
that leaves out what you rated, saw, hid or saved to watch."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli.test_cli import run


def _round(capsys, where: list[str]) -> tuple[list[int], str]:
    code, out, err = run(capsys, "quick-start", "--json", *where)
    assert code == 0
    return [pick["movielens_id"] for pick in json.loads(out)], err


def test_each_run_adapts_to_your_answers(trained: Path, tmp_path: Path, capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    first, err = _round(capsys, where)
    assert len(first) == 7 and "from your 0 ratings (10 make For you good)" in err
    assert run(capsys, "rate", "--movielens-id", "1", "4", *where)[0] == 0
    assert run(capsys, "seen", "--movielens-id", "4", *where)[0] == 0
    after, err = _round(capsys, where)
    assert "from your 1 rating " in err and not {1, 4} & set(after)
    code, out, _ = run(capsys, "quick-start", *where)
    assert code == 0 and out.splitlines()[0].split() == ["#", "movielens_id", "title", "year"]


def test_a_skip_is_kept_until_ask_again(trained: Path, tmp_path: Path, capsys):
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    first, _ = _round(capsys, where)
    skipped = [str(movie) for movie in first[:3]]
    after, err = _round(capsys, [*where, *(arg for m in skipped for arg in ("--skip", m))])
    assert after == first[3:] and "--skip ID for each one you have not seen" in err
    assert "3 movies you have not seen, kept in " in err
    again, err = _round(capsys, where)  # the next run, with no --skip: still left out
    assert again == first[3:] and "kept in" not in err
    _, err = _round(capsys, [*where, "--skip", skipped[1], "--skip", skipped[1]])
    assert "tui-recsys: 1 movie skipped already: never asked again\n" in err  # not silence
    assert run(capsys, "seen", "--movielens-id", skipped[0], *where)[0] == 0
    forgotten, err = _round(capsys, [*where, "--ask-again"])
    assert err.startswith("tui-recsys: forgot 3 skips: those movies may be asked again\n")
    assert set(forgotten) == {movie for movie in first if str(movie) != skipped[0]}
    with pytest.raises(SystemExit) as caught:
        run(capsys, "quick-start", "--skip", "x1", *where)
    assert caught.value.code == 2
    assert "argument --skip: 'x1' is not a whole number" in capsys.readouterr().err
    code, out, err = run(capsys, "quick-start", "--skip", "99999", *where)
    assert code == 2 and out == ""
    assert "--skip 99999: no MovieLens movie has that id" in err
    assert run(capsys, "rate", "--movielens-id", str(first[3]), "4", *where)[0] == 0
    code, out, err = run(capsys, "quick-start", "--skip", str(first[3]), *where)
    assert code == 2 and out == "" and err.startswith(f"tui-recsys: --skip {first[3]}: you rated ")
    assert err.endswith("; skip only a movie you have not seen\n")
    code, _, err = run(capsys, "quick-start", "--skip", skipped[0], *where)  # seen, above
    assert code == 2 and " seen; skip only a movie you have not seen" in err


def test_a_film_on_your_watchlist_is_not_asked(trained: Path, tmp_path: Path, capsys):
    """A quick start asks about films you have likely seen; one you saved to watch is not."""
    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    first, _ = _round(capsys, where)
    add = ["watchlist", "add", "--movielens-id", str(first[0]), *where]
    assert run(capsys, *add)[0] == 0
    after, _ = _round(capsys, where)
    assert first[0] not in after and after[:3] == first[1:4]


def test_ask_answers_each_movie_in_turn_and_keeps_every_answer(trained: Path, tmp_path: Path,
                                                              capsys, monkeypatch):
    """Eight `rate --movielens-id ID STARS` commands a round, for a person at a shell over
    SSH: `--ask` asks each movie as the app's quick start does (the same keys), saves each
    answer at once, and goes on to the next round until q or the end of the input."""
    import io

    from tui_recsys.data.marks_file import NOT_SEEN, SEEN, load_marks
    from tui_recsys.data.profile_file import load_profile

    where = ["--data", str(trained), "--profile", str(tmp_path / "mine.csv")]
    first, _ = _round(capsys, where)
    monkeypatch.setattr("sys.stdin", io.StringIO("+\n4 yesterday\nlots\n-\n\nv 3d\nq\n"))
    code, out, err = run(capsys, "quick-start", "--ask", *where)
    assert code == 0 and out == ""
    asked = [line for line in err.splitlines() if "/7 " in line]
    assert len(asked) == 7 and asked[0].endswith(": +") and asked[2].endswith(": lots")
    assert "'lots' is not a rating" in err  # said, and the same movie asked again
    assert asked[2].removesuffix("lots") == asked[3].removesuffix("-")
    assert "stopped; every answer is kept" in err
    profile = load_profile(tmp_path / "mine.csv")
    assert [(r.movielens_id, r.stars) for r in profile.ratings.values()] == [
        (first[0], 4.5), (first[1], 4.0), (first[2], 1.5)]
    marks = load_marks(tmp_path / "mine.marks.csv")
    assert [m.movielens_id for m in marks.of(NOT_SEEN)] == [first[3]]
    assert [m.movielens_id for m in marks.of(SEEN)] == [first[4]]
    three_days_ago = (date.today() - timedelta(days=3)).isoformat()
    assert marks.of(SEEN)[0].marked_on == three_days_ago  # "v 3d": seen then, not today
    assert f"tui-recsys:   seen on {three_days_ago}\n" in err
    # the input ends: the next run asks only what is left, and stops there
    monkeypatch.setattr("sys.stdin", io.StringIO("3\n"))
    code, _, err = run(capsys, "quick-start", "--ask", *where)
    assert code == 0 and f"1/{len(first) - 5} " in err and "stopped" in err
    code, _, err = run(capsys, "quick-start", "--ask", "--json", *where)
    assert code == 2 and "give one" in err
