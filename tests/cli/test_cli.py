import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import make_engine
from tui_recsys.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_output(tiny: Path, capsys):
    code, out, _ = run(capsys, "recommend", "content", "--movie", "Avatar", "--by", "cast",
                       "-k", "2", "--json", "--data", str(tiny))
    assert code == 0
    rows = json.loads(out)
    assert [row["rank"] for row in rows] == [1, 2]
    assert set(rows[0]) == {"rank", "title", "year", "score", "reason", "tmdb_id",
                            "movielens_id", "stars", "on_watchlist", "yours"}
    assert rows[0]["title"] == "Clash of the Titans" and rows[0]["stars"] is None
    assert (rows[0]["tmdb_id"], rows[0]["movielens_id"]) == (18823, None)  # TMDB only
    code, out, _ = run(capsys, "recommend", "cast", "--movie", "Avatar", "-k", "2",
                       "--json", "--data", str(tiny))
    assert code == 0 and json.loads(out) == rows  # `content --by metadata` is `metadata`


def test_table_output_and_choice_on_stderr(tiny: Path, capsys):
    code, out, err = run(capsys, "recommend", "content", "--movie", "the host", "--by",
                         "cast", "--data", str(tiny))
    assert code == 0
    assert out.splitlines()[0].split() == ["#", "title", "year", "score", "reason"]
    assert "2 movies are titled 'the host'" in err
    code, out, err = run(capsys, "recommend", "content", "--movie", "the host", "--data",
                         str(tiny))
    assert code == 0 and out.strip() == "(no movies)"
    assert "no other movie shares any overview term with The Host" in err


def test_a_table_s_columns_line_up_in_a_terminal_s_cells():
    """A title in Japanese takes two cells a letter: counted in letters, its row's year stood
    two columns right of the others'."""
    from rich.cells import cell_len

    from tui_recsys.cli.output import table

    lines = table(("title", "year"), [("千と千尋の神隠し", 2001), ("Amélie", 2001),
                                      ("Ame\u0301lie", 2001)], right=(1,)).splitlines()
    assert len({cell_len(line) for line in lines}) == 1  # as Rich, which the app draws with
    assert {cell_len(line[:line.index("2001")]) for line in lines[2:]} == {18}


def test_on_a_terminal_the_picks_fit_its_width_nothing_cut(tiny: Path, monkeypatch):
    """On an 80-column terminal over SSH, a pick's reason of 170 characters wrapped across the
    whole screen into three lines; now the title and the reason wrap in their columns, every
    word kept, and a pipe still gets one line a pick."""
    from rich.cells import cell_len

    from tui_recsys.cli.output import recommendations_table
    from tui_recsys.engine.answer import Recommendation

    reason = ("The Shawshank Redemption (4.5) and Pulp Fiction (4.5), which you rated; "
              "Christian Bale, Christopher Nolan, dc comics in common with The Dark Knight")
    items = [Recommendation("The Lord of the Rings: The Fellowship of the Ring", 2001, 4.2,
                            reason, 120, 4993, 4.3),
             Recommendation("千と千尋の神隠し", 2001, 4.1, "short", 129, 5618, 4.2)]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "80")
    shown = recommendations_table(items, Terminal()).splitlines()
    assert max(cell_len(line) for line in shown) <= 80 and len(shown) > 5
    start = shown[0].index("reason")  # the first pick's lines: its reason whole, in its column
    assert " ".join(line[start:] for line in shown[2:-1]) == reason
    year = shown[0].index("year")
    assert " ".join(line[3:year].strip() for line in shown[2:4]) == items[0].title
    assert shown[-1].startswith("2  千と千尋の神隠し") and shown[-1].endswith("  short")
    monkeypatch.setenv("COLUMNS", "20")  # narrower than the other columns: each wraps at 12
    assert all(line.split()[0] for line in recommendations_table(items, Terminal()).split("\n"))
    piped = recommendations_table(items, io.StringIO()).splitlines()
    assert len(piped) == 4 and piped[2].endswith(reason)


def test_options_before_the_command_and_env_data(tiny: Path, capsys,
                                                 monkeypatch: pytest.MonkeyPatch):
    assert run(capsys, "--data", str(tiny), "recommend", "chart", "-k", "3")[0] == 0
    monkeypatch.setenv("TUI_RECSYS_DATA", str(tiny))
    code, out, _ = run(capsys, "recommend", "chart", "--genre", "Drama", "--years",
                       "1990-1999", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and {row["year"] for row in rows} <= set(range(1990, 2000))


def test_genres_left_out_are_in_no_list(trained: Path, cache_dir: Path, capsys):
    """No horror at a movie night with the children: the filter every list takes."""
    movies = make_engine(trained, cache_dir).index().movies

    def genres(row: dict) -> set[str]:
        entry = (movies.by_tmdb(row["tmdb_id"]) if row["tmdb_id"]
                 else movies.by_movielens(row["movielens_id"]))
        assert entry is not None
        return set(movies.details(entry.key).genres)

    for argv in (["chart"], ["for-user", "--user", "1"], ["story", "Avatar"]):
        shown = json.loads(run(capsys, "recommend", *argv, "--json", "-k", "50", "--data",
                               str(trained))[1])
        kept = json.loads(run(capsys, "recommend", *argv, "--json", "-k", "50", "--data",
                              str(trained), "--without-genre", "drama", "--without-genre",
                              "Action")[1])
        assert kept and kept != shown
        assert not any({"Drama", "Action"} & genres(row) for row in kept)


@pytest.mark.parametrize("command", [["recommend", "cast", "Avatar"], ["search", "the"]])
def test_how_many_is_n_as_head_takes_it_or_k(tiny: Path, capsys, command: list[str]):
    """`recommend for-you -n 5` was refused: "unrecognized arguments: -n 5"."""
    rows = [json.loads(run(capsys, *command, option, "2", "--json", "--data", str(tiny))[1])
            for option in ("-n", "-k")]
    assert len(rows[0]) == 2 and rows[0] == rows[1]


@pytest.mark.parametrize(("argv", "message"), [
    (["recommend", "content", "--movie", "Nope"], "no TMDB movie titled 'Nope'"),
    (["recommend", "chart", "--genre", "Jazz"], "unknown genre 'Jazz'"),
    (["recommend", "for-user", "--user", "1", "--genre", "Jazz"], "unknown genre 'Jazz'"),
    (["recommend", "story", "--movie", "Avatar", "--genre", "Dramma"],
     "unknown genre 'Dramma'; did you mean Drama? choose one of: Action"),
    (["recommend", "chart", "--years", "soon"], "years 'soon'"),
    (["recommend", "for-user", "--user", "1", "--genre", ""], "unknown genre ''"),
    (["recommend", "for-user", "--user", "1", "--without-genre", "Horrer"],
     "unknown genre 'Horrer'; did you mean Horror?"),
    (["recommend", "chart", "--genre", "sci-fi", "--without-genre", "Science Fiction"],
     "--genre and --without-genre both name Science Fiction; keep one of them"),
])
def test_bad_values_exit_2_with_one_line(tiny: Path, capsys, argv, message):
    code, _, err = run(capsys, *argv, "--data", str(tiny))
    assert code == 2
    assert err.strip().count("\n") == 0 and message in err


def test_usage_errors_exit_2(capsys):
    code, out, err = run(capsys, "recommend", "content")
    assert code == 2 and out == "" and err == (
        'tui-recsys: story needs a movie: `tui-recsys recommend content "the godfather"`, or '
        '--tmdb-id ID or --movielens-id ID\n')
    with pytest.raises(SystemExit) as caught:
        main(["recommend", "chart", "-k", "0"])
    assert caught.value.code == 2


@pytest.mark.parametrize(("words", "option"), [
    (["story", "clash", "of", "the", "titans"], ["story", "--movie", "clash of the titans"]),
    (["content", "--by", "cast", "Avatar"], ["content", "--by", "cast", "--movie", "Avatar"]),
    (["person", "keanu", "reeves"], ["person", "--name", "keanu reeves"])])
def test_a_movie_or_a_person_is_named_by_words_as_rate_names_one(tiny: Path, capsys,
                                                                 words: list[str],
                                                                 option: list[str]):
    """`recommend story the godfather` was refused with argparse's whole usage: only
    --movie named the movie, where `rate`, `seen` and `watchlist` take the words."""
    by_words = run(capsys, "recommend", *words, "--json", "--data", str(tiny))
    assert by_words[0] == 0 and by_words == run(capsys, "recommend", *option, "--json",
                                                "--data", str(tiny))


@pytest.mark.parametrize(("argv", "message"), [
    (["story", "avatar", "--tmdb-id", "19995"], "name the movie once: as words or with --movie"),
    (["person", "keanu", "--name", "keanu"], "name the person once: as words or with --name"),
    (["person"], 'person needs a name: `tui-recsys recommend person "Tom Hanks"`'),
    (["for-user", "3", "--user", "3"], "name the user once: as USER or with --user"),
    (["for-user"], "for-user needs a MovieLens user id: `tui-recsys recommend for-user 42`"),
    # The id as a word is read as --user's: an unknown one is said as unknown.
    (["for-user", "999"], "unknown user 999"),
    (["for-user", "--user", "999"], "unknown user 999")])
def test_a_movie_person_or_user_named_twice_or_not_at_all(tiny: Path, capsys, argv: list[str],
                                                      message: str,
                                                      monkeypatch: pytest.MonkeyPatch):
    """Said before any model is built: an unknown user trained the model first, half a minute at
    ml-latest-small, to be told so."""
    from tui_recsys.engine.training import process

    monkeypatch.setattr(process, "train_in_child", lambda *a: pytest.fail("trained"))
    code, out, err = run(capsys, "recommend", *argv, "--data", str(tiny))
    assert code == 2 and out == "" and err.startswith(f"tui-recsys: {message}")
    assert err.count("\n") == 1


def test_missing_data_folder(tmp_path: Path, capsys):
    code, _, err = run(capsys, "recommend", "chart", "--data", str(tmp_path / "nope"))
    assert code == 2 and "does not exist" in err


def test_build_then_cache_info_and_clear(tiny: Path, cache_dir: Path, capsys):
    code, _, err = run(capsys, "build", "chart", "content", "--data", str(tiny))
    assert code == 0
    assert "story: built in" in err and "cast: built in" in err
    code, _, err = run(capsys, "build", "content", "--data", str(tiny))
    assert "story: ready (cached)" in err
    code, out, err = run(capsys, "cache", "info", "--data", str(tiny))
    assert "story-" in out and "catalog-" in out and "index-" in out  # data
    assert str(cache_dir) in err and str(cache_dir) not in out  # commentary
    code, out, err = run(capsys, "cache", "clear")
    assert code == 0 and "removed 5 cache entries" in err and out == ""
    assert "the cache is empty" in run(capsys, "cache", "info")[2]


def test_cache_dir_flag(tiny: Path, tmp_path: Path, capsys):
    elsewhere = tmp_path / "elsewhere"
    assert run(capsys, "build", "content", "--data", str(tiny), "--cache-dir",
               str(elsewhere))[0] == 0
    assert list(elsewhere.glob("cast-*"))


@pytest.mark.parametrize("action", ["info", "clear"])
def test_cache_info_and_clear_on_a_file_say_it_is_not_a_folder(tiny: Path, tmp_path: Path,
                                                               capsys, action: str):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    code, out, err = run(capsys, "cache", action, "--cache-dir", str(blocker))
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert "notes.txt is a file, not a folder; pass --cache-dir a folder" in err
    assert blocker.read_text() == "mine"


def test_python_dash_m_entry_point(tiny: Path):
    result = subprocess.run([sys.executable, "-m", "tui_recsys", "recommend", "chart",
                             "-k", "1", "--json", "--data", str(tiny)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["title"] == "Avatar"  # the only one over m votes


def test_internal_errors_are_one_line(tiny: Path, capsys, monkeypatch: pytest.MonkeyPatch):
    from tui_recsys.engine.engine import Engine

    monkeypatch.setattr(Engine, "recommend", lambda *a, **k: 1 / 0)
    code, _, err = run(capsys, "recommend", "chart", "--data", str(tiny))
    assert code == 1 and "ZeroDivisionError" in err and "--debug" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "recommend", "chart", "--data", str(tiny), "--debug")
    assert "Traceback" in err


@pytest.mark.parametrize("option", ["--data", "--cache-dir"])
def test_an_empty_path_is_a_usage_error(capsys, option: str):
    with pytest.raises(SystemExit) as caught:
        main(["recommend", "chart", option, ""])
    assert caught.value.code == 2
    assert f"argument {option}: an empty path" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "said"), [
    (["recommend", "-k", "3", "chart"], "-k goes after chart: `tui-recsys recommend chart -k 3`"),
    (["recommend", "--json", "chart"],  # it said "unrecognized arguments: --json; did you
     "--json goes after chart: `tui-recsys recommend chart --json`"),  # mean --json?"
    (["--data", "d", "profile", "--since", "7d", "export"],
     "--since goes after export: `tui-recsys --data d profile export --since 7d`"),
])
def test_an_option_before_its_command_says_where_it_goes(capsys, argv: list[str], said: str):
    """argparse took `-k 3 chart`'s 3 for the strategy: "invalid choice: '3'"."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    err = capsys.readouterr().err
    assert caught.value.code == 2 and err.splitlines() == [f"{err.partition(': ')[0]}: {said}"]


def test_echoes_of_long_values_are_cut(tiny: Path, capsys):
    code, _, err = run(capsys, "recommend", "content", "--movie", "x" * 131_000, "--data",
                       str(tiny))
    assert code == 2 and len(err) < 300 and "…" in err
    with pytest.raises(SystemExit):
        main(["recommend", "content", "--movie", "Avatar", "--by", "y" * 131_000])
    err = capsys.readouterr().err
    assert len(err) < 1000 and "…" in err


def test_error_lines_never_carry_terminal_escapes(tmp_path: Path, capsys):
    code, _, err = run(capsys, "recommend", "chart", "--data",
                       str(tmp_path / "evil\x1b]0;PWNED\x07[/]"))
    assert code == 2 and "\x1b" not in err and "\x07" not in err
    assert "[/]" in err and err.count("\n") == 1


def test_cache_clear_leaves_what_it_did_not_write(tiny: Path, tmp_path: Path, capsys):
    """--data and --cache-dir pointing at the same folder: the data survives a clear."""
    (tiny / "my_notes").mkdir()
    (tiny / "my_notes" / "todo.txt").write_text("mine")
    before = sorted(p.relative_to(tiny) for p in tiny.rglob("*"))
    assert run(capsys, "build", "content", "--data", str(tiny), "--cache-dir", str(tiny))[0] == 0
    code, out, err = run(capsys, "cache", "clear", "--cache-dir", str(tiny))
    assert code == 0 and "removed 4 cache entries" in err and out == ""
    assert "left 3 files or folders that tui-recsys did not write" in err
    assert "ml-latest-small" in err and "my_notes" in err and "tmdb" in err
    assert sorted(p.relative_to(tiny) for p in tiny.rglob("*")) == before


@pytest.mark.parametrize(("crash", "code", "said"), [
    ("unexpected error: ValueError: x; the traceback is in /log", 1,
     "tui-recsys: unexpected error: ValueError: x; the traceback is in /log"),
    (None, 130, "tui-recsys: interrupted"),
    (None, 0, ""),
])
def test_the_app_s_ending_becomes_the_exit_status_and_one_line(
        tiny: Path, capsys, monkeypatch: pytest.MonkeyPatch, crash, code, said):
    from tui_recsys.app.recsys_app import RecsysApp

    def run(app) -> None:
        app.crash = crash
        app._return_code = code

    monkeypatch.setattr(RecsysApp, "run", run)
    monkeypatch.setattr("tui_recsys.cli.main.has_terminal", lambda: True)
    assert main(["--data", str(tiny)]) == code
    assert capsys.readouterr().err.strip() == said


def test_without_a_terminal_the_app_says_so_instead_of_waiting_for_keys(tiny: Path):
    """`tui-recsys < /dev/null` (cron, a script) drew the app into stderr and waited for
    keys that never come."""
    result = subprocess.run([sys.executable, "-m", "tui_recsys", "--data", str(tiny)],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("tui-recsys: the app needs a terminal on stdin and stderr; run it "
                             "in one, or use a command (tui-recsys --help lists them)\n")


def test_help_has_examples_and_every_action_is_described(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "tui-recsys recommend for-user --user 42" in out
    with pytest.raises(SystemExit):
        main(["cache", "--help"])
    out = capsys.readouterr().out
    assert "info" in out and "list the cached entries" in out and "remove every entry" in out


@pytest.mark.parametrize(("argv", "suggestion"), [
    (["recommend", "for-usr", "--user", "1"], "did you mean for-user"),
    (["recommend", "stroy", "--movie", "x"], "did you mean story"),
])
def test_an_unknown_strategy_suggests_the_close_one(capsys, argv, suggestion):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2 and suggestion in capsys.readouterr().err


def test_build_of_an_unknown_strategy_suggests(tiny: Path, capsys):
    code, _, err = run(capsys, "build", "for-usr", "--data", str(tiny))
    assert code == 2 and "did you mean for-user" in err and "[]" not in err


def test_sci_fi_is_a_genre(tiny: Path, capsys):
    code, out, _ = run(capsys, "recommend", "chart", "--genre", "Sci-Fi", "--json",
                       "--data", str(tiny))
    rows = json.loads(out)
    assert code == 0 and rows and all("chart of Science Fiction" in r["reason"] for r in rows)


@pytest.mark.parametrize(("argv", "said"), [
    (["watchlist", "show", "--json"],
     "tui-recsys watchlist show: unrecognized arguments: --json\n"),
    (["recommend", "chart", "--jsn"],
     "tui-recsys recommend chart: unrecognized arguments: --jsn; did you mean --json?\n"),
    (["--bogus"], "tui-recsys: unrecognized arguments: --bogus\n"),
    # the option whose choices hold what was given, or its word: no spelling is near
    (["recommend", "together", "--by", "average"], "tui-recsys recommend together: "
     "unrecognized arguments: --by average; did you mean --group-by average?\n"),
    (["recommend", "together", "--average"], "tui-recsys recommend together: unrecognized "
     "arguments: --average; did you mean --group-by average?\n"),
    (["recommend", "chart", "--gnre=drama"], "tui-recsys recommend chart: unrecognized "
     "arguments: --gnre=drama; did you mean --genre?\n"),
])
def test_an_unknown_option_is_said_by_its_own_command(capsys, argv: list[str], said: str):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    err = capsys.readouterr().err
    # one line, as every mistake is said (argparse's usage came first), by the command itself
    assert caught.value.code == 2 and err == said


@pytest.mark.parametrize(("argv", "said"), [
    (["recommend", "for-user", "--user", "1", "--user", "2"],
     "argument --user: given twice ('1', then '2'); give it once"),
    (["recommend", "chart", "-k", "3", "-k", "5"],
     "argument -k/-n: given twice ('3', then '5'); give it once"),
    (["recommend", "story", "--movie", "Heat", "--movie", "Alien"],
     "argument --movie: given twice ('Heat', then 'Alien'); give it once"),
])
def test_an_option_of_one_value_given_twice_is_refused(capsys, argv: list[str], said: str):
    """argparse kept the last value without a word: `--user 1 --user 2` answered for 2."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2 and capsys.readouterr().err.endswith(f"{said}\n")


def test_a_missing_strategy_is_said_with_the_ones_there_are(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["recommend"])
    err = capsys.readouterr().err
    assert caught.value.code == 2 and err.endswith(
        "required: STRATEGY; choose one of chart, story, cast, for-user, by-ratings, for-you, "
        "person, together, content\n")


@pytest.mark.parametrize(("argv", "said"), [
    (["unrate", "Heat"], "to take a movie off, type: tui-recsys rate TITLE --remove"),
    (["unwatch", "Heat"], "to take a movie off, type: tui-recsys watchlist remove TITLE"),
    (["unseen", "Heat"], "to take a movie off, type: tui-recsys seen TITLE --remove"),
    # "did you mean rate or watchlist?" was no help
    (["ratings"], "to list your ratings, type: tui-recsys profile"),
    (["export", "-o", "mine.csv"],
     "to write your ratings, type: tui-recsys profile export -o FILE"),
])
def test_a_command_named_otherwise_says_how_it_is_done(capsys, argv: list[str], said: str):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    err = capsys.readouterr().err
    assert caught.value.code == 2 and err.endswith(f"; {said}\n")


def test_options_that_gather_may_be_given_again(tiny: Path, capsys):
    _, _, err = run(capsys, "recommend", "chart", "--more", "heist", "--more", "police",
                       "-k", "2", "--data", str(tiny))
    assert "given twice" not in err


@pytest.mark.parametrize(("argv", "option"), [
    (["recommend", "for-user", "--user", "abc"], "--user"),
    (["rate", "--tmdb-id", "x1", "4"], "--tmdb-id"),
    (["seen", "--movielens-id", "1.5"], "--movielens-id"),
])
def test_an_id_that_is_no_whole_number_is_said_as_such(capsys, argv: list[str], option: str):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    err = capsys.readouterr().err
    assert caught.value.code == 2 and "invalid" not in err
    assert f"argument {option}: " in err and "is not an id; ids are whole numbers" in err


def test_friends_files_reach_the_app_checked_first_and_only_the_app(
        tiny: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch):
    from tui_recsys.app.recsys_app import RecsysApp

    sam = tmp_path / "sam.csv"
    sam.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n"
                   "6,,Amelie,2001,4.5,2026-01-01T00:00:00Z\n")
    reached: list[list[str]] = []
    monkeypatch.setattr(RecsysApp, "run", lambda app: reached.append(
        [person.name for person in app.main.friends.people]))
    monkeypatch.setattr("tui_recsys.cli.main.has_terminal", lambda: True)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "sam.csv").symlink_to(sam)  # the same file, by another path
    assert main(["--data", str(tiny), "--friend", str(sam), "--friend", str(sam),
                 "--friend", str(tmp_path / "b" / "sam.csv")]) == 0
    assert reached == [["sam"]]  # named three times, brought once
    mine = tmp_path / "mine.csv"
    mine.write_text(sam.read_text())
    code, _, err = run(capsys, "--profile", str(mine), "--data", str(tiny), "--friend", str(sam),
                       "--friend", str(mine))
    assert code == 2 and reached == [["sam"]] and err == (
        f"tui-recsys: --friend {mine} is your own profile, which leads the Users list as You; "
        f"name a friend's file\n")
    code, _, err = run(capsys, "--data", str(tiny), "--friend", str(tmp_path / "alex.csv"))
    assert code == 2 and err == (f"tui-recsys: {tmp_path / 'alex.csv'}: no such file; name "
                                 f"someone's ratings file: `tui-recsys profile export` writes "
                                 f"one, and Letterboxd's or IMDb's export is one\n")
    code, out, err = run(capsys, "--friend", str(sam), "recommend", "chart", "--data", str(tiny))
    assert code == 2 and out == "" and "--friend before a command is for the app" in err
    assert "recommend together --friend FILE` (after it)" in err


def test_a_terminal_that_cannot_write_a_title_gets_the_list(tmp_path: Path, tiny: Path):
    """On a Latin-1 or ASCII locale (an old server over SSH) a title with a character it
    lacks ended the command with "unexpected error: UnicodeEncodeError"."""
    profile = tmp_path / "profile.csv"
    profile.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n"
                       "1,19995,Avatar ★ Amélie,2009,4,\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui_recsys", "--profile", str(profile),
                             "profile", "show", "--data", str(tiny)],
                            capture_output=True, timeout=120,
                            env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert b"Avatar ? Am?lie" in result.stdout


def test_search_lists_what_a_title_may_be_with_its_ids(tiny: Path, capsys):
    """The errors said "pick one with --tmdb-id or --movielens-id", and no command told the
    ids: a guess was found by rating or recommending it."""
    code, out, err = run(capsys, "search", "the", "matrix", "--data", str(tiny))
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["#", "title", "year", "tmdb_id", "movielens_id",
                                              "yours"]
    assert lines[2].split() == ["1", "The", "Matrix", "1999", "603", "3"]
    assert "1 movie for 'the matrix'" in err
    code, out, _ = run(capsys, "find", "amelie", "--json", "--data", str(tiny))
    assert code == 0 and json.loads(out) == [{"title": "Amélie", "year": 2001, "tmdb_id": None,
                                              "movielens_id": 6, "yours": "",
                                              "on_watchlist": False}]  # MovieLens only
    for words, said in ((["!!"], "'!!' holds no letter or digit"),
                        (["  "], "an empty title; name a movie"),  # not "'' holds no letter"
                        (["zzzzqq"], "no movie matches 'zzzzqq'; try fewer letters")):
        code, out, err = run(capsys, "search", *words, "--data", str(tiny))
        assert code == 2 and out == "" and said in err
    # a typo matches nothing, and "try fewer letters" did not help: the nearest spellings
    code, out, err = run(capsys, "search", "shawshenk", "--data", str(tiny))
    assert code == 0 and "The Shawshank Redemption" in out.splitlines()[2]
    assert "no movie matches 'shawshenk'; the nearest spellings" in err
    code, _, err = run(capsys, "rate", "forest gumq", "4", "--data", str(tiny), "--profile",
                       str(tiny.parent / "mine.csv"))
    assert code == 2 and "did you mean Forrest Gump (1994)?" in err
    for strategy, catalogue in (("story", "TMDB"), ("by-ratings", "MovieLens")):
        code, _, err = run(capsys, "recommend", strategy, "shawshenk", "--data", str(tiny))
        assert code == 2 and err == (f"tui-recsys: no {catalogue} movie titled 'shawshenk'; "
                                     f"did you mean The Shawshank Redemption (1994)?\n")


def test_search_says_what_you_did_of_each_match(tiny: Path, capsys):
    """"Did I rate Aliens?" took `profile` and a scan by eye: search said nothing of yours."""
    where = ("--data", str(tiny))
    assert run(capsys, "rate", "The Matrix", "4.5", *where)[0] == 0
    assert run(capsys, "watchlist", "add", "Amélie", *where)[0] == 0
    assert run(capsys, "hide", "Avatar", *where)[0] == 0
    code, out, _ = run(capsys, "search", "the matrix", *where)
    assert code == 0 and out.splitlines()[2].endswith("rated 4.5")
    code, out, _ = run(capsys, "search", "amelie", "--json", *where)
    assert code == 0 and (json.loads(out)[0]["yours"], json.loads(out)[0]["on_watchlist"]) == (
        "", True)
    code, out, _ = run(capsys, "search", "amelie", *where)
    assert code == 0 and out.splitlines()[2].endswith("on your watchlist")
    code, out, _ = run(capsys, "search", "avatar", "--json", *where)
    assert code == 0 and json.loads(out)[0]["yours"] == "not interested"


def test_search_for_a_name_no_title_holds_says_whose_films_it_may_mean(tiny: Path, capsys):
    """`search worthington` listed the films holding its letters in order as its matches;
    the person is said now, with the command for their films."""
    code, _, err = run(capsys, "search", "worthington", "--data", str(tiny))
    assert ("no title holds 'worthington'; Sam Worthington's films: tui-recsys recommend "
            "person worthington") in err
    code, _, err = run(capsys, "search", "the matrix", "--data", str(tiny))
    assert code == 0 and "person" not in err


def test_search_says_a_person_whose_films_outshine_the_titles_holding_the_name(
        tmp_path: Path, capsys):
    """`search kubrick` listed the documentary that holds the name, and nothing of his films."""
    from tests.support import named_in_titles_dataset

    data = named_in_titles_dataset(tmp_path / "d")
    code, out, err = run(capsys, "search", "worthington", "--data", str(data))
    assert code == 0 and "Worthington: A Life in Pictures" in out
    assert err.startswith("tui-recsys: Sam Worthington's films: tui-recsys recommend person "
                          "worthington\n")
    code, _, err = run(capsys, "search", "saldana", "--data", str(data))  # a film named so
    assert code == 0 and "person" not in err


def test_help_is_a_command_too(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`tui-recsys help` answered "invalid choice: 'help' ... did you mean hide or cache?"."""
    monkeypatch.setenv("TUI_RECSYS_CACHE_DIR", str(tmp_path / "cache"))
    code, out, _ = run(capsys, "help")
    assert code == 0 and out.startswith("usage: tui-recsys ") and "search" in out
    code, out, _ = run(capsys, "help", "recommend", "for-you")
    assert code == 0 and out.startswith("usage: tui-recsys recommend for-you ")
    code, out, err = run(capsys, "help", "recommend", "nope")
    assert code == 2 and out == "" and "no command 'nope' in tui-recsys recommend; choose " in err
    assert not (tmp_path / "cache").exists()  # nothing made for a help


def test_a_friends_export_is_matched_before_the_app_with_the_lists_progress(
        tiny: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """A friend's Letterboxd export is matched to the catalogue's lists before the app takes
    the screen; on a first run those are built then, which took a minute at ml-32m's shape
    without a word. Their progress shows on the terminal, and the bar is gone after; the
    app is handed the friend as read (their file is read once)."""
    import io

    from tui_recsys.app.recsys_app import RecsysApp

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    export = tmp_path / "sam.csv"
    export.write_text("Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,The Matrix,1999,u,5\n")
    reached: list[int] = []
    monkeypatch.setattr(RecsysApp, "run", lambda app: reached.append(
        len(app.main.friends.ratings(app.main.friends.people[0].key))))
    monkeypatch.setattr("tui_recsys.cli.main.has_terminal", lambda: True)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["--data", str(tiny), "--friend", str(export)]) == 0
    assert reached == [1]
    said = terminal.getvalue()
    assert "reading local folder" in said and said.endswith("\r\x1b[2K")  # the bar, then gone
