"""`--discovery` on the command line: the model's order at 0, less known and more varied picks
towards 1, each saying what it adds, and a setting out of range refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run
from tests.support import hub_tmdb_frame, write_dataset


def _picks(capsys, data: Path, *argv: str) -> list[dict]:
    code, out, _ = run(capsys, "recommend", *argv, "--json", "--data", str(data))
    assert code == 0
    return json.loads(out)


def _charted(films: list[tuple[str, tuple[str, ...], float]]) -> list[tuple]:
    """TMDB rows all charted (as many votes each), by title, genres and average."""
    return [(71000 + n, title, f"{1960 + n}-01-01", f"{title}, a film.", genres, ("chart",),
             (f"Lead {n}", f"Second {n}", f"Third {n}"), f"Director {n}", average, 12000)
            for n, (title, genres, average) in enumerate(films)]


def test_discovery_brings_in_the_new_and_a_short_list_is_the_first_chosen(tmp_path: Path,
                                                                          capsys):
    dramas = [(f"Drama {n}", ("Drama",), 8.0 - n / 20) for n in range(11)]
    data = write_dataset(tmp_path / "data", tmdb_frame=hub_tmdb_frame(
        _charted([*dramas, ("The Western", ("Western",), 7.0)])))
    obvious = _picks(capsys, data, "chart", "-k", "10")
    assert obvious == _picks(capsys, data, "chart", "-k", "10", "--discovery", "0")
    assert [p["title"] for p in obvious] == [f"Drama {n}" for n in range(10)]
    adventurous = _picks(capsys, data, "chart", "-k", "10", "--discovery", "1")
    # equally known: the genres decide; the western comes in, saying what it adds, second,
    # as it was chosen (at 0.5 the chart's order puts it last)
    assert [p["title"] for p in adventurous][:2] == ["Drama 0", "The Western"]
    assert adventurous[1]["reason"].startswith("discovery: adds Western; ")
    halfway = _picks(capsys, data, "chart", "-k", "10", "--discovery", "0.5")
    assert halfway[-1]["title"] == "The Western"
    # fewer asked: the first two of those ten as they were chosen, the chart's best and the
    # western (the first two in the chart's order were the chart's own: the setting did
    # nothing; two re-ranked alone brought in another film)
    two = _picks(capsys, data, "chart", "-k", "2", "--discovery", "1")
    assert [p["title"] for p in two] == ["Drama 0", "The Western"]
    assert [p["reason"] for p in two] == [adventurous[0]["reason"], adventurous[1]["reason"]]
    # the two films like Avatar are its whole list at 0: at 1 they bring nothing new
    story = _picks(capsys, write_dataset(tmp_path / "tiny"), "story", "--movie", "avatar",
                   "--discovery", "1")
    assert [p["title"] for p in story] == ["Apollo 18", "The Matrix"]
    assert not any("discovery" in p["reason"] for p in story)
    code, out, err = run(capsys, "recommend", "chart", "--discovery", "2", "--data", str(data))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "discovery '2' is not a number from 0 (obvious) to 1 (adventurous)" in err


def test_a_mistyped_option_is_said_alone_before_your_files_are_read(tmp_path: Path, capsys,
                                                                     monkeypatch):
    """For you says what it reads on stderr; a bad --discovery or an empty --less is said
    before that, as the only line."""
    data = write_dataset(tmp_path / "data")
    profile = tmp_path / "mine.csv"
    profile.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n"
                       "1,19995,Avatar,2009,4.5,2026-01-01T00:00:00Z\n", encoding="utf-8")
    monkeypatch.setenv("TUI_RECSYS_PROFILE", str(profile))
    said = []
    for option in (("--discovery", "2"), ("--less", " "),
                   ("--more", "space", "--less", "Space")):
        code, out, err = run(capsys, "recommend", "for-you", *option, "--data", str(data))
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err
        said.append(err)
    assert "--more and --less each take a genre or a keyword" in said[1]
    assert said[2] == ("tui-recsys: --more and --less both name 'Space'; keep one of "
                       "them\n")
