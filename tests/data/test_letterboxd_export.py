"""The parts of a Letterboxd export found where Letterboxd puts them: the hearts counted."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tui_recsys.data.letterboxd_export import liked_count

HEADER = "Date,Name,Year,Letterboxd URI\n"


@pytest.mark.parametrize(("likes", "counted"), [
    (HEADER + "2024-01-01,Heat,1995,u\n\n2024-01-02,Alien,1979,u\n", 2),
    (HEADER, 0), ("", 0), (None, 0)])
def test_the_hearts_are_the_rows_of_likes_films_past_its_header(tmp_path: Path,
                                                                likes: str | None,
                                                                counted: int):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ratings.csv", HEADER)
        if likes is not None:
            archive.writestr("likes/films.csv", likes)
        archive.writestr("deleted/likes/films.csv", HEADER + "2024-01-01,Cats,2019,u\n")
    assert liked_count(path) == counted
