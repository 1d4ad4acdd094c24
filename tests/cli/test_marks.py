"""Your marks on the command line: a watchlist, seen and not interested, each left out of (or
flagged in) every strategy's answer but a MovieLens user's picks, kept as safely as ratings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import CHARTED, hub_tmdb_frame, make_engine, write_dataset
from tui_recsys import paths
from tui_recsys.cli.main import main
from tui_recsys.data.marks_file import COLUMNS, HIDDEN, SEEN, WATCHLIST, load_marks

TMDB_IDS = [50357, 18823, 9087, 603, 1255, 72710, 13, 278, 5]  # every tiny movie but Avatar


@pytest.fixture
def data(trained: Path, cache_dir: Path, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny data with its models and index cached (the commands look titles up in it)."""
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(tmp_path / "marks.csv"))
    monkeypatch.setenv("TUI_RECSYS_PROFILE", str(tmp_path / "profile.csv"))
    make_engine(trained, cache_dir).index()
    return trained


def _titles(capsys, data: Path, *argv: str) -> list[str]:
    code, out, _ = run(capsys, "recommend", *argv, "--json", "--data", str(data))
    assert code == 0
    return [row["title"] for row in json.loads(out)]


def test_seen_and_hidden_are_left_out_of_every_strategy_but_a_users_picks(data: Path,
                                                                         capsys):
    chart = _titles(capsys, data, "chart", "-k", "20")
    story = _titles(capsys, data, "story", "--movie", "Avatar", "-k", "20")
    user = _titles(capsys, data, "for-user", "--user", "1", "-k", "20")
    assert "Avatar" in chart and "The Matrix" in story and user
    assert run(capsys, "seen", "Avatar", "--data", str(data))[0] == 0
    assert run(capsys, "hide", "--tmdb-id", "603", "--data", str(data))[0] == 0
    assert "Avatar" not in _titles(capsys, data, "chart", "-k", "20")
    after = _titles(capsys, data, "story", "--movie", "Avatar", "-k", "20")
    assert "The Matrix" not in after and after == [t for t in story if t != "The Matrix"]
    assert _titles(capsys, data, "for-user", "--user", "1", "-k", "20") == user
    shown = _titles(capsys, data, "story", "--movie", "Avatar", "-k", "20", "--include-seen")
    code, out, _ = run(capsys, "recommend", "story", "--movie", "Avatar", "--include-seen",
                       "--data", str(data))  # each shown again says which it is
    assert code == 0 and "The Matrix [not interested]" in out
    with pytest.raises(SystemExit):
        main(["recommend", "for-you", "--help"])
    assert "what you rated or saw, For you learns from and never lists" in " ".join(
        capsys.readouterr().out.split())
    assert shown == story


def test_a_list_less_what_is_left_out_is_still_k_long(data: Path, tmp_path: Path, capsys):
    charted = write_dataset(tmp_path / "charted", tmdb_frame=hub_tmdb_frame(CHARTED))
    chart = _titles(capsys, charted, "chart", "-k", "4")
    assert chart == ["Charted Best", "Tied Alpha", "Tied Beta", "Charted Last"]
    for title in chart[:2]:
        assert run(capsys, "hide", title, "--data", str(charted))[0] == 0
    assert _titles(capsys, charted, "chart", "-k", "2") == chart[2:]


def test_the_watchlist_is_flagged_and_listed(data: Path, capsys):
    code, _, err = run(capsys, "watchlist", "add", "the matrix", "--data", str(data))
    assert code == 0 and "added The Matrix (1999) to your watchlist; 1 movie there" in err
    code, _, err = run(capsys, "watchlist", "add", "--tmdb-id", "603", "--data", str(data))
    assert code == 0 and "already on your watchlist" in err
    code, out, _ = run(capsys, "recommend", "story", "--movie", "Avatar", "--json", "--data",
                       str(data))
    flagged = {row["title"] for row in json.loads(out) if row["on_watchlist"]}
    assert flagged == {"The Matrix"}
    code, out, _ = run(capsys, "recommend", "story", "--movie", "Avatar", "--data", str(data))
    assert "The Matrix [watchlist]" in out
    code, out, err = run(capsys, "watchlist", "show", "--data", str(data))
    assert code == 0 and "The Matrix" in out and "1999" in out and "The Matrix" not in err
    code, _, err = run(capsys, "watchlist", "remove", "The Matrix", "--data", str(data))
    assert code == 0 and "took The Matrix (1999) off your watchlist; 0 movies there" in err
    code, _, err = run(capsys, "watchlist", "remove", "The Matrix", "--data", str(data))
    assert code == 2 and err.count("\n") == 1 and "is not on your watchlist" in err


def test_a_title_after_watchlist_adds_it_as_seen_and_hide_do(data: Path, capsys):
    """`watchlist "The Matrix"` answered "invalid choice: 'The Matrix'", while `seen Avatar`
    and `hide Avatar` mark a film named after them."""
    code, _, err = run(capsys, "watchlist", "The", "Matrix", "--data", str(data))
    assert code == 0 and "added The Matrix (1999) to your watchlist; 1 movie there" in err
    code, _, err = run(capsys, "watchlist", "--data", str(data), "--tmdb-id", "19995")
    assert code == 0 and "added Avatar (2009) to your watchlist; 2 movies there" in err
    code, out, err = run(capsys, "watchlist", "--data", str(data))  # alone, it still lists
    assert code == 0 and "The Matrix" in out and "Avatar" in out and "2 movies" in err
    # `list` lists, as people type it: it was taken for a title ("no movie is titled exactly
    # 'list'"); so do `seen list` and `profile list`
    assert run(capsys, "watchlist", "list", "--data", str(data))[:2] == (0, out)
    assert run(capsys, "seen", "list", "--data", str(data))[:2] == (0, "")
    assert run(capsys, "profile", "list", "--data", str(data))[0] == 0
    with pytest.raises(SystemExit) as caught:  # a slip, not a title
        main(["watchlist", "shwo", "--data", str(data)])
    assert caught.value.code == 2 and capsys.readouterr().err.endswith("did you mean show?\n")
    code, _, err = run(capsys, "watchlist", "remove", "avatar", "--data", str(data))
    assert code == 0 and "took Avatar (2009) off your watchlist; 1 movie there" in err


def test_only_watchlist_lists_your_watchlist_alone_best_first(data: Path, capsys):
    """What to watch tonight, from the command line: --only-watchlist."""
    code, _, err = run(capsys, "recommend", "story", "--movie", "Avatar", "--only-watchlist",
                       "--data", str(data))
    assert code == 0 and "your watchlist is empty: w, or `tui-recsys watchlist add`" in err
    for title in ("the matrix", "forrest gump"):
        assert run(capsys, "watchlist", "add", title, "--data", str(data))[0] == 0
    story = _titles(capsys, data, "story", "--movie", "Avatar", "-k", "20")
    only = _titles(capsys, data, "story", "--movie", "Avatar", "--only-watchlist")
    assert only and set(only) <= {"The Matrix", "Forrest Gump"}
    assert only == [title for title in story if title in {"The Matrix", "Forrest Gump"}]
    code, out, err = run(capsys, "recommend", "together", "--user", "1", "--user", "2",
                         "--only-watchlist", "--data", str(data))  # MovieLens users keep none
    assert code == 0 and "(no movies)" in out
    assert "nobody at this movie night has a movie on their watchlist" in err


def test_a_newcomer_is_never_offered_to_rate_a_film_on_their_watchlist(data: Path, capsys):
    """`recommend for-you` with no ratings listed "Inception [watchlist] … rate it to start":
    a film on the watchlist is one not seen yet, as the app and the quick start know."""
    first = _titles(capsys, data, "for-you", "-k", "3")
    assert run(capsys, "watchlist", "add", first[0], "--data", str(data))[0] == 0
    again = _titles(capsys, data, "for-you", "-k", "3")
    assert first[0] not in again and len(again) == 3


def test_rated_or_seen_a_movie_is_off_the_watchlist(data: Path, tmp_path: Path, capsys):
    """As Letterboxd takes a logged film off: seen, it is no longer to watch."""
    where = ("--data", str(data))
    assert run(capsys, "watchlist", "add", "the matrix", *where)[0] == 0
    assert run(capsys, "watchlist", "add", "avatar", *where)[0] == 0
    code, _, err = run(capsys, "rate", "The Matrix", "4", *where)
    assert code == 0 and err.endswith("; off your watchlist now\n")
    code, _, err = run(capsys, "seen", "Avatar", *where)
    assert code == 0 and err == ("tui-recsys: added Avatar (2009) to the movies you have seen; "
                                 "1 movie there; off your watchlist now\n")
    assert not load_marks(tmp_path / "marks.csv").of(WATCHLIST)
    assert run(capsys, "watchlist", "add", "forrest gump", *where)[0] == 0
    code, _, err = run(capsys, "hide", "Forrest Gump", *where)  # not interested: not to watch
    assert code == 0 and err.endswith("1 movie there; off your watchlist now\n")
    assert not load_marks(tmp_path / "marks.csv").of(WATCHLIST)
    code, _, err = run(capsys, "watchlist", "add", "Forrest Gump", *where)  # a mind changed
    assert code == 0 and err.endswith(
        "1 movie there; off the movies you are not interested in now\n")
    assert _titles(capsys, data, "for-you", "--only-watchlist") == ["Forrest Gump"]
    assert not load_marks(tmp_path / "marks.csv").of(HIDDEN)
    assert run(capsys, "watchlist", "remove", "Forrest Gump", *where)[0] == 0
    code, _, err = run(capsys, "rate", "Avatar", "3", *where)  # on no watchlist: said as before
    assert code == 0 and "watchlist" not in err
    code, _, err = run(capsys, "watchlist", "add", "avatar", *where)  # rated: to see again
    assert code == 0 and err.endswith("1 movie there (you rated it 3 stars: to see again)\n")
    assert run(capsys, "watchlist", "remove", "avatar", *where)[0] == 0
    assert run(capsys, "watchlist", "add", "forrest gump", *where)[0] == 0
    export = tmp_path / "ratings.csv"
    today = time.strftime("%Y-%m-%d")  # rated since it was put there (earlier, it stays)
    export.write_text(f"Date,Name,Year,Letterboxd URI,Rating\n{today},Forrest Gump,1994,u,4\n")
    code, _, err = run(capsys, "import", str(export), *where)
    assert code == 0 and "1 movie you rated now off your watchlist" in err
    assert not load_marks(tmp_path / "marks.csv").of(WATCHLIST)


def test_a_damaged_marks_file_stops_a_rating_before_it_is_made(data: Path, tmp_path: Path,
                                                               capsys):
    damaged = ",".join(COLUMNS) + "\nloved,1,19995,Avatar,2009,\n"
    (tmp_path / "marks.csv").write_text(damaged)
    code, _, err = run(capsys, "rate", "The Matrix", "4", "--data", str(data))
    assert code == 2 and "mark 'loved'" in err and not (tmp_path / "profile.csv").exists()


@pytest.mark.parametrize("argv", [["seen", "--remove"], ["seen", "Avatar", "--tmdb-id", "603"],
                                  ["hide", ""]])
def test_a_movie_is_named_once(data: Path, capsys, argv: list[str]):
    code, _, err = run(capsys, *argv, "--data", str(data))
    assert code == 2 and "name the movie once" in err


def test_unseen_and_unhide_give_it_back(data: Path, tmp_path: Path, capsys):
    run(capsys, "seen", "Avatar", "--data", str(data))
    run(capsys, "hide", "Avatar", "--data", str(data))
    run(capsys, "seen", "Avatar", "--remove", "--data", str(data))
    assert "Avatar" not in _titles(capsys, data, "chart", "-k", "20")  # still hidden
    run(capsys, "unhide", "Avatar", "--data", str(data))
    assert "Avatar" in _titles(capsys, data, "chart", "-k", "20")
    assert all(not load_marks(tmp_path / "marks.csv").of(kind)
               for kind in (SEEN, HIDDEN, WATCHLIST))


def test_commands_at_once_keep_every_mark(data: Path, tmp_path: Path):
    commands = [subprocess.Popen([sys.executable, "-m", "tui_recsys", "seen", "--tmdb-id",
                                  str(movie), "--data", str(data)], stderr=subprocess.PIPE,
                                 text=True) for movie in TMDB_IDS]
    for command in commands:
        _, err = command.communicate(timeout=120)
        assert command.returncode == 0, err
    kept = {mark.tmdb_id for mark in load_marks(tmp_path / "marks.csv").of(SEEN)}
    assert kept == set(TMDB_IDS)


def test_a_damaged_marks_file_is_named_kept_and_never_replaced(data: Path, tmp_path: Path,
                                                              capsys):
    marks = tmp_path / "marks.csv"
    damaged = ",".join(COLUMNS) + "\nloved,1,19995,Avatar,2009,\n"
    marks.write_text(damaged)
    code, _, err = run(capsys, "seen", "Avatar", "--data", str(data))
    assert code == 2 and err.count("\n") == 1
    assert f"{marks}, row 2: mark 'loved' is not one of watchlist, seen, hidden, not-seen" in err
    assert "your marks are unchanged, and a copy is kept at" in err
    assert marks.read_text() == damaged
    assert [p.read_text() for p in tmp_path.glob("marks.csv.damaged-*")] == [damaged]


def test_recommend_person_by_name(data: Path, capsys):
    assert _titles(capsys, data, "person", "--name", "sam worthington") == [
        "Avatar", "Clash of the Titans"]
    code, _, err = run(capsys, "recommend", "person", "--name", "SAM WORTHINGTON", "--data",
                       str(data))  # whose films, as the catalogue spells the name
    assert code == 0 and "person: the films of Sam Worthington in TMDB 5000:" in err
    code, _, err = run(capsys, "recommend", "person", "--name", "Sam Worthingtn", "--data",
                       str(data))
    assert code == 2 and err.count("\n") == 1 and "did you mean Sam Worthington" in err
    code, _, err = run(capsys, "recommend", "person", "--name", "worthingtn", "--data",
                       str(data))  # said alone, before what your files leave out
    assert (code, err) == (2, "tui-recsys: no one named 'worthingtn' in the catalogue; did "
                              "you mean Sam Worthington?\n")
    with pytest.raises(SystemExit) as caught:
        run(capsys, "recommend", "person", "--name", " ", "--data", str(data))
    assert caught.value.code == 2
    assert "argument --name: an empty name; name a person" in capsys.readouterr().err


def test_every_strategy_takes_the_filters_and_stays_k_long(data: Path, tmp_path: Path, capsys):
    charted = write_dataset(tmp_path / "filtered", tmdb_frame=hub_tmdb_frame(CHARTED))
    everything = _titles(capsys, charted, "story", "--movie", "Tied Alpha", "-k", "20")
    assert {"Tied Beta", "Charted Best", "Charted Last"} <= set(everything)
    drama = _titles(capsys, charted, "story", "--movie", "Tied Alpha", "-k", "2", "--genre",
                    "drama")
    assert drama == [t for t in everything if t in {"Tied Beta", "Charted Best",
                                                    "Forrest Gump", "The Host",
                                                    "The Shawshank Redemption",
                                                    "The American President"}][:2]
    assert _titles(capsys, charted, "story", "--movie", "Tied Alpha", "--years", "1992",
                   "-k", "5") == ["Charted Last"]
    assert _titles(capsys, charted, "chart", "--min-votes", "12000", "--language", "en",
                   "-k", "2") == ["Charted Best", "Tied Alpha"]
    assert _titles(capsys, charted, "chart", "--language", "fr") == []
    assert _titles(capsys, charted, "story", "--movie", "Tied Alpha", "--runtime", "-99") == []
    assert len(_titles(capsys, charted, "story", "--movie", "Tied Alpha", "--runtime",
                       "100-100", "-k", "3")) == 3
    code, _, err = run(capsys, "recommend", "chart", "--runtime", "120-90", "--data",
                       str(charted))
    assert code == 2 and "runtime '120-90' runs backwards" in err
    code, out, err = run(capsys, "recommend", "chart", "--language", "klingon", "--data",
                         str(charted))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "language 'klingon' is neither a language's name nor an ISO 639" in err
    code, _, err = run(capsys, "recommend", "chart", "--language", "fr", "--data",
                       str(charted))
    assert code == 0 and "no pick passes the filters (in French)" in err


def test_seen_and_hide_alone_list_theirs_and_unhide_alone_says_where_to_look(data: Path,
                                                                              capsys):
    code, out, err = run(capsys, "hide", "--data", str(data))
    assert (code, out) == (0, "") and "not interested in: 0 movies" in err
    assert run(capsys, "hide", "The Matrix", "--data", str(data))[0] == 0
    assert run(capsys, "seen", "--tmdb-id", "19995", "--data", str(data))[0] == 0
    code, out, err = run(capsys, "hide", "--data", str(data))
    assert code == 0 and "The Matrix" in out and "Avatar" not in out and "1 movie" in err
    code, out, _ = run(capsys, "seen", "--data", str(data))
    assert code == 0 and "Avatar" in out and "The Matrix" not in out
    # "show" alone lists them too, as `watchlist show` does (no movie is titled "show")
    assert run(capsys, "seen", "show", "--data", str(data))[:2] == (0, out)
    assert run(capsys, "hide", "Show", "--data", str(data))[1].startswith("title ")
    code, _, err = run(capsys, "seen", "Avatar", "--data", str(data))
    assert "Avatar (2009) is already among the movies you have seen" in err
    code, _, err = run(capsys, "unhide", "--data", str(data))
    assert code == 2 and err.count("\n") == 1 and "`tui-recsys hide` lists" in err
    code, _, err = run(capsys, "seen", "--remove", "--data", str(data))
    assert code == 2 and "name the movie once" in err
    code, _, err = run(capsys, "seen", "--remove", "Avatar", "--data", str(data))
    assert code == 0 and "took Avatar (2009) from the movies you have seen; 0 movies" in err
    code, _, err = run(capsys, "unhide", "Avatar", "--data", str(data))
    assert code == 2 and "Avatar (2009) is not among the movies you are not interested in" in err


def test_an_unknown_genre_is_said_alone_before_what_is_left_out(data: Path, capsys):
    assert run(capsys, "rate", "The Matrix", "4", "--data", str(data))[0] == 0
    for argv in (["chart"], ["for-you"], ["story", "--movie", "Avatar"]):
        code, out, err = run(capsys, "recommend", *argv, "--genre", "Horrer", "--data",
                             str(data))
        assert (code, out) == (2, "") and err.count("\n") == 1, argv
        assert "unknown genre 'Horrer'" in err and "leaving out" not in err


def test_two_profiles_on_one_machine_keep_their_own_marks(tiny: Path, cache_dir: Path,
                                                          tmp_path: Path, capsys,
                                                          monkeypatch: pytest.MonkeyPatch):
    """`--profile alice.csv` and `--profile bob.csv` shared one watchlist and one hidden list:
    Bob's chart lost the film Alice hid. A profile named keeps its marks beside it; the default
    profile keeps the default marks.csv, and $TUI_RECSYS_MARKS still wins."""
    make_engine(tiny, cache_dir).index()
    alice, bob = ("--profile", str(tmp_path / "alice.csv")), ("--profile", str(tmp_path / "bob"))
    where = ("--data", str(tiny))
    assert run(capsys, "hide", "Avatar", *alice, *where)[0] == 0
    assert run(capsys, "watchlist", "add", "The Matrix", *bob, *where)[0] == 0
    assert run(capsys, "seen", "Amélie", *where)[0] == 0  # the default profile's
    assert [m.title for m in load_marks(tmp_path / "alice.marks.csv").of(HIDDEN)] == ["Avatar"]
    assert [m.title for m in load_marks(tmp_path / "bob.marks.csv").of(WATCHLIST)] == [
        "The Matrix"]
    default = load_marks(Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys" / "marks.csv")
    assert len(default) == 1 and [m.title for m in default.of(SEEN)] == ["Amélie"]
    carl = str(tmp_path / "carl.csv")  # one named before, whose marks went to the default's
    code, _, err = run(capsys, "watchlist", "show", "--profile", carl, *where)
    assert code == 0 and (f"the default profile's marks are in {default.path}: `tui-recsys "
                          f"--profile {carl} import {default.path}` brings them") in err
    assert run(capsys, "--profile", carl, "import", str(default.path), *where)[0] == 0
    assert [m.title for m in load_marks(tmp_path / "carl.marks.csv").of(SEEN)] == ["Amélie"]
    code, _, err = run(capsys, "watchlist", "show", "--profile", carl, *where)
    assert code == 0 and "default profile" not in err
    assert "Avatar" in _titles(capsys, tiny, "chart", "-k", "20", *bob)
    assert "Avatar" not in _titles(capsys, tiny, "chart", "-k", "20", *alice)
    code, out, err = run(capsys, "hide", *bob, *where)
    assert code == 0 and out == "" and f"0 movies, in {tmp_path / 'bob.marks.csv'}" in err
    monkeypatch.setenv("TUI_RECSYS_MARKS", str(tmp_path / "shared.csv"))
    assert run(capsys, "hide", "Avatar", *bob, *where)[0] == 0
    assert load_marks(tmp_path / "shared.csv").of(HIDDEN)
    assert not load_marks(tmp_path / "bob.marks.csv").of(HIDDEN)


def test_the_default_profile_named_in_full_keeps_the_default_marks(monkeypatch,
                                                                  tmp_path: Path):
    """A profile.csv (the default's name) keeps marks.csv beside it, wherever it is: the
    default's, and one carried to a synced folder whole."""
    folder = Path(os.environ["XDG_DATA_HOME"]) / "tui-recsys"
    assert paths.marks_path(folder / "profile.csv") == paths.marks_path() == folder / "marks.csv"
    synced = tmp_path / "Dropbox" / "tui-recsys"
    assert paths.marks_path(synced / "profile.csv") == synced / "marks.csv"
    monkeypatch.setenv("TUI_RECSYS_PROFILE", "~/films/mine.txt")
    assert paths.marks_path() == Path("~/films/mine.marks.csv").expanduser()


def test_your_lists_are_listed_newest_first_or_by_title(data: Path, tmp_path: Path, capsys):
    """As the app's Watchlist tab lists them (it listed the file's order, which is no order a
    person chose); `watchlist --sort title` lists, where "title" was taken for a film to add."""
    where = ["--data", str(data)]
    for title, day in (("Avatar", "2026-11-01"), ("The Matrix", "2026-11-20"),
                       ("Forrest Gump", "2026-11-10")):
        assert run(capsys, "seen", title, "--on", day, *where)[0] == 0
    seen = run(capsys, "seen", *where)
    assert [line.split("  ")[0] for line in seen[1].splitlines()[2:]] == [
        "The Matrix", "Forrest Gump", "Avatar"]
    assert "3 movies, newest first, in" in seen[2]
    by_title = run(capsys, "seen", "--sort", "title", *where)
    assert [line.split("  ")[0] for line in by_title[1].splitlines()[2:]] == [
        "Avatar", "Forrest Gump", "The Matrix"]
    assert run(capsys, "seen", "show", "--sort", "title", *where)[:2] == by_title[:2]
    for title in ("Forrest Gump", "Avatar"):
        assert run(capsys, "watchlist", title, *where)[0] == 0
    for argv in (("watchlist", "--sort", "title"), ("watchlist", "show", "--sort", "title"),
                 ("watchlist", "--sort=title")):
        code, out, err = run(capsys, *argv, *where)
        assert code == 0 and out.splitlines()[2].startswith("Avatar "), argv
        assert "2 movies, by title, in" in err
    with pytest.raises(SystemExit):  # a watchlist has no stars of yours
        main(["watchlist", "--sort", "stars", *where])
    assert "invalid choice: 'stars' (choose from 'newest', 'title')" in capsys.readouterr().err
    code, _, err = run(capsys, "hide", "Forrest Gump", "--sort", "title", *where)
    assert code == 2 and err == "tui-recsys: --sort orders the list: name no film\n"
