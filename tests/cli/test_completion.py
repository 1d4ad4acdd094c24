"""Tab completion: the script each shell loads, and what a TAB offers, asked as bash's script
asks (the command run with the line typed in its environment), in a process of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.support import make_engine
from tui_recsys.cli.main import main

BASH = shutil.which("bash")


@pytest.fixture
def typed(tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """What a TAB at the end of a line offers, with the tiny data's catalogue cached."""
    make_engine(tiny, Path(os.environ["TUI_RECSYS_CACHE_DIR"])).index()
    monkeypatch.setenv("TUI_RECSYS_PROFILE", str(tmp_path / "yours" / "profile.csv"))
    env = {**os.environ, "TUI_RECSYS_DATA": str(tiny)}

    def tab(line: str, **more: str) -> list[str]:
        answer = tmp_path / "answer"
        subprocess.run([sys.executable, "-m", "tui_recsys"], check=True, timeout=120,
                       cwd=tmp_path, env={
            **env, **more, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_SHELL": "bash",
            "COMP_LINE": line, "COMP_POINT": str(len(line)),
            "_ARGCOMPLETE_COMP_WORDBREAKS": " \t\n\"'><=;|&(:",
            "_ARGCOMPLETE_STDOUT_FILENAME": str(answer)})
        said = answer.read_text()
        return said.split("\v") if said else []

    return tab


def test_commands_options_and_choices_are_the_parsers_own(typed):
    assert "quick-start" in typed("tui-recsys ") and "--data" not in typed("tui-recsys ")
    assert typed("tui-recsys watchlist --sort ") == ["newest", "title"]
    assert typed("tui-recsys recommend together --group-by a") == ["average "]
    assert "--discovery" in typed("tui-recsys recommend for-you --d")


def test_a_title_is_completed_from_the_cached_catalogue(typed, tmp_path: Path):
    assert typed("tui-recsys rate ava") == ["avatar "] == typed("tui-recsys search ava")
    assert typed("tui-recsys recommend story the ma") == ["matrix "]  # in place of "ma"
    assert sorted(typed("tui-recsys seen host")) == ["host\\ \\(2006\\)", "host\\ \\(2013\\)"]
    assert typed("tui-recsys rate 'forrest g") == ["forrest gump"]  # bash closes the quote
    assert typed("tui-recsys rate ") == []  # nothing typed: the best known forty are noise
    assert typed("tui-recsys recommend person sam w") == ["worthington "]  # a person
    assert typed("tui-recsys recommend person james ca") == ["cameron "]
    assert typed("tui-recsys recommend chart --genre sci") == ["science\\ fiction "]
    # a list tuned by a genre or a keyword: the genres first, then the most carried
    assert typed("tui-recsys recommend chart --more fu") == ["future "]
    assert typed("tui-recsys recommend for-you --discovery ") == ["0", "0.25", "0.5", "0.75",
                                                                  "1"]
    assert typed("tui-recsys recommend cast avatar --less f") == [
        "fantasy", "future", "friendship", "found\\ footage"]
    assert typed("tui-recsys recommend chart --language fren") == ["french "]
    # a TAB never builds: on a fresh cache (or the Hub) no title, and no cache folder made
    fresh = tmp_path / "fresh-cache"
    assert typed("tui-recsys rate ava", TUI_RECSYS_CACHE_DIR=str(fresh)) == []
    assert not fresh.exists()
    assert typed("tui-recsys rate ava", TUI_RECSYS_DATA="") == []


def test_a_film_to_take_off_a_list_comes_from_that_list(typed, tiny: Path, capsys):
    for argv in (("hide", "The Matrix"), ("watchlist", "Avatar")):
        assert run(capsys, *argv, "--data", str(tiny))[0] == 0
    assert typed("tui-recsys unhide ") == ["The\\ Matrix "]
    assert typed("tui-recsys watchlist remove ") == ["Avatar "]
    assert typed("tui-recsys watchlist remove the") == []
    marks = Path(os.environ["TUI_RECSYS_PROFILE"]).with_name("marks.csv")
    marks.write_text(marks.read_text() + "hidden,,99,Evil\x1b[31mRed,2001,2026-01-01\n")
    # a file edited by hand: its titles are read clean, and no escape byte reaches the shell
    assert typed("tui-recsys unhide evil") == ["evil�\\[31mred "]


def test_a_movie_nights_friend_is_one_kept_or_a_file(typed, tmp_path: Path):
    friends = tmp_path / "yours" / "friends"
    friends.mkdir(parents=True)
    (friends / "sam.csv").write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n")
    (tmp_path / "pat.csv").write_text("x")  # in the folder the command is typed in
    assert typed("tui-recsys recommend together --me --friend s") == ["sam "]
    assert typed("tui-recsys recommend together --me --friend p") == ["pat.csv "]


def test_files_and_folders_where_the_argument_names_one(typed, tmp_path: Path):
    (tmp_path / "letterboxd.zip").write_bytes(b"")
    (tmp_path / "exports").mkdir()
    folder = f"{tmp_path}/"
    assert f"{folder}letterboxd.zip " in typed(f"tui-recsys import {folder}l")
    assert typed(f"tui-recsys --data {folder}ex") == [f"{folder}exports/"]
    assert typed("tui-recsys recommend for-user --user ") == []  # an id: nothing to offer
    (tmp_path / ".hidden.csv").write_text("x")  # as a shell's own completion: not offered
    assert f"{folder}.hidden.csv" not in " ".join(typed(f"tui-recsys import {folder}"))
    assert typed(f"tui-recsys import {folder}.h") == [f"{folder}.hidden.csv "]
    assert typed("tui-recsys --theme no") == ["nord "]  # the app's colours, by name


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script_a_shell_loads(capsys, shell: str):
    code, out, err = run(capsys, "completion", shell)
    assert code == 0 and err == "" and "tui-recsys" in out and "_ARGCOMPLETE" in out
    with pytest.raises(SystemExit):
        main(["completion", "--help"])
    assert "eval \"$(tui-recsys completion bash)\"" in " ".join(capsys.readouterr().out.split())


def test_completion_alone_names_the_shells(capsys):
    with pytest.raises(SystemExit):
        main(["completion"])
    assert capsys.readouterr().err == ("tui-recsys completion: the following arguments are "
                                       "required: shell; choose one of bash, zsh, fish\n")


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_loads_the_script_and_a_tab_completes_a_title(tiny: Path, tmp_path: Path):
    """As a person's ~/.bashrc loads it: the script calls the installed command."""
    make_engine(tiny, Path(os.environ["TUI_RECSYS_CACHE_DIR"])).index()
    line = "tui-recsys rate forrest"
    shell = (f'eval "$(tui-recsys completion bash)"; COMP_LINE="{line}"; '
             f"COMP_POINT={len(line)}; COMP_WORDS=({line}); COMP_CWORD=2; "
             '_python_argcomplete tui-recsys; printf "%s\\n" "${COMPREPLY[@]}"')
    env = {**os.environ, "TUI_RECSYS_DATA": str(tiny),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([BASH, "--norc", "-c", shell], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    assert done.stdout == "forrest\\ gump \n"  # the space: the word is done
