"""How a movie night names a friend's file that every export names alike."""

from pathlib import Path

import pytest

from tui_recsys.data.guest_profiles import guest_names


def test_the_home_folder_names_nobody_but_a_folder_named_like_it_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The home folder was told by its name alone: a friend sam's ratings.csv in
    friends/sam was "ratings" for a person whose home is /home/sam."""
    home = tmp_path / "sam"
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    assert guest_names([home / "ratings.csv"]) == ["ratings"]
    assert guest_names([tmp_path / "friends" / "sam" / "ratings.csv"]) == ["sam"]
