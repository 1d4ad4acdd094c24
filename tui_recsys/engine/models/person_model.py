"""A person's films: every TMDB 5000 movie they directed or played in, best first by IMDB's
weighted rating, with C and m taken over the whole catalogue as the chart takes them."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from tui_recsys.data.titles import fold
from tui_recsys.engine.answer import Recommendation
from tui_recsys.engine.cache.column_files import Columns, Kind, load_columns, save_columns
from tui_recsys.engine.models.top_k import top_k
from tui_recsys.errors import UsageError
from tui_recsys.text import echo

# How many times the films of the next a part of several names needs to name the first:
# "nolan" names Christopher Nolan (8 films against 3), "burton" nobody (Tim's 14 against 9).
DOMINANT = 2.0
MEANT_FROM = 3  # letters a film search needs before it may be read as a person's name
ROW_COLUMNS: dict[str, Kind] = {"id": "int", "title": "text", "year": "int?",
                                "movielens_id": "int?", "director": "text", "cast": "texts",
                                "vote_count": "int", "vote_average": "float"}


class PersonModel:
    """Each movie's people and votes; a person's films are found by their folded name (any
    case or accents) in a map made once."""

    def __init__(self, rows: Columns, quantile: float) -> None:
        self.rows = rows
        votes = np.asarray(rows["vote_count"], dtype=np.float64)
        average = np.asarray(rows["vote_average"], dtype=np.float64)
        mean, least = (float(average.mean()), float(np.quantile(votes, quantile))) if len(
            votes) else (0.0, 0.0)
        self.weighted = (votes / np.maximum(votes + least, 1e-9) * average
                         + least / np.maximum(votes + least, 1e-9) * mean)
        self._films: dict[str, list[tuple[int, str]]] = {}
        self._names: dict[str, str] = {}
        self._name_parts: list[tuple[str, set[str]]] | None = None  # `_parts`, once asked
        self._by_part: dict[str, set[str]] | None = None  # `_whole`'s index, once asked
        for row, (director, cast) in enumerate(zip(rows["director"], rows["cast"], strict=True)):
            for place, name in enumerate(cast):
                self._add(name, row, "cast" if place else "top-billed")
            if director:
                self._add(director, row, "director")

    def _add(self, name: str, row: int, role: str) -> None:
        key = fold(name)
        if not key:  # "?" in a damaged file: no one to name
            return
        self._names.setdefault(key, name)
        films = self._films.setdefault(key, [])
        if films and films[-1][0] == row:  # directed and played: one entry, both roles
            films[-1] = (row, f"{films[-1][1]} and {role}")
        else:
            films.append((row, role))

    def save(self, folder: Path) -> None:
        save_columns(folder / "people", ROW_COLUMNS, self.rows)

    @classmethod
    def load(cls, folder: Path, quantile: float) -> PersonModel:
        return cls(load_columns(folder / "people", ROW_COLUMNS), quantile)

    def name(self, asked: str) -> str:
        return self.named(asked)[0]

    def named(self, asked: str) -> tuple[str, str]:
        """The person's name as the catalogue writes it, or the one person whose name holds
        every word asked ("cameron"), or of several such the one with at least `DOMINANT`
        times the films of the next ("nolan": Christopher Nolan's 8 films, against Nolan
        Gerard Funk's 3), as the app's prompt offers them first; with what else it may have
        meant in that case, to say ("" otherwise). An unknown or ambiguous one ("chris":
        Chris Rock and Chris Cooper have 23 each) is a UsageError naming the close ones."""
        key = fold(asked)
        if not key:
            raise UsageError(f"{echo(asked)} holds no letter of a name; name a director or an "
                             f"actor")
        if key in self._films:
            return self._names[key], ""
        # Whose names hold every word asked ("hanks": Tom Hanks), else a word begun by each
        # ("sam jackson": Samuel L. Jackson, as the app's prompt finds him), most films
        # first; then the names spelled close to it ("tom hankss").
        words = key.split()
        holding = (self._whole(words) or self._begun(words)
                   or self._run_together(words, self._whole))
        if (one := self._one_of(holding, words)) is not None:
            chosen = self._names[one]
            return chosen, "" if len(holding) == 1 else (
                f"{echo(asked)} is {chosen}, with the most films by far; also in the names of "
                f"{_few(holding[1:], self._names)} (give more of the name to choose another)")
        if holding:
            raise UsageError(f"{echo(asked)} is in the names of {len(holding):,} people: "
                             f"{_few(holding, self._names)} (most films first); give more of "
                             f"the name")
        close = difflib.get_close_matches(key, list(self._names), n=3, cutoff=0.75)
        hint = (f"; did you mean {', '.join(self._names[c] for c in close)}?" if close
                else "; names come from TMDB 5000's cast and directors")
        raise UsageError(f"no one named {echo(asked)} in the catalogue{hint}")

    def _one_of(self, holding: list[str], words: list[str]) -> str | None:
        """Of the names holding `words` (most films first), the one they name: the only one,
        or one with `DOMINANT` times the films of the next; a lone letter is an initial,
        which names no one by far ("j" was J.K. Simmons)."""
        if len(holding) == 1:
            return holding[0]
        if (holding and min(map(len, words)) > 1
                and len(self._films[holding[0]]) >= DOMINANT * len(self._films[holding[1]])):
            return holding[0]
        return None

    def meant(self, typed: str) -> str | None:
        """The person a search for a film typed as `typed` may have meant ("nolan":
        Christopher Nolan; "tom hanks"), as `named` takes them but by whole words alone and
        without its close spellings, which cost a tenth of a second: the movies' search asks
        on a key. None for no one, several alike, or under MEANT_FROM letters."""
        key = fold(typed)
        if not may_name(key):
            return None
        if key in self._films:
            return self._names[key]
        words = key.split()
        one = self._one_of(self._whole(words) or self._run_together(words, self._whole), words)
        return None if one is None else self._names[one]

    def _parts(self) -> list[tuple[str, set[str]]]:
        """Each name (folded) with its words, and each two words in a row written as one,
        as people type "obrien" for O'Brien (folded "o brien") and "deniro" for De Niro; made
        once asked."""
        if self._name_parts is None:
            self._name_parts = [(key, {*words, *map("".join, itertools.pairwise(words))})
                           for key in self._names for words in (key.split(),)]
        return self._name_parts

    def people_named(self, typed: str, limit: int) -> list[tuple[str, int]]:
        """The people whose names start a word with each word typed, in any order, case or
        accents ("chris nol": Christopher Nolan), most films first, each with how many: what
        a name typed so far may become."""
        words = fold(typed).split()
        if not words:
            return []
        found = self._begun(words) or self._run_together(words, self._begun)
        return [(self._names[key], len(self._films[key])) for key in found[:limit]]

    def _whole(self, words: list[str]) -> list[str]:
        """The names with a part that is each word, most films first, by an index of the
        parts made once asked (a scan of every name cost 30 ms, and the movies' search asks
        on a key)."""
        if self._by_part is None:
            by_part: dict[str, set[str]] = {}
            for key, parts in self._parts():
                for part in parts:
                    by_part.setdefault(part, set()).add(key)
            self._by_part = by_part
        return self._most_films_first(set.intersection(*(self._by_part.get(word, set())
                                                         for word in words)))

    @staticmethod
    def _run_together(words: list[str], find: Callable[[list[str]], list[str]]) -> list[str]:
        """The names `find` (`_whole`, `_begun`) finds with two words typed in a row written
        as one: "di caprio" is Leonardo DiCaprio, as "deniro" is Robert De Niro."""
        for at in range(len(words) - 1):
            if found := find([*words[:at], words[at] + words[at + 1], *words[at + 2:]]):
                return found
        return []

    def _begun(self, words: list[str]) -> list[str]:
        """The names with a part that each word begins, most films first."""
        return self._most_films_first(
            key for key, parts in self._parts()
            if all(any(part.startswith(word) for part in parts) for word in words))

    def _most_films_first(self, keys: Iterable[str]) -> list[str]:
        return sorted(keys, key=lambda key: (-len(self._films[key]), key))

    def tmdb_ids(self, name: str) -> list[int]:
        """The TMDB ids of the films of `name`, as `meant` or `name` gives it."""
        return [int(self.rows["id"][row]) for row, _ in self._films[fold(name)]]

    def films(self, asked: str, k: int) -> list[Recommendation]:
        name = self.name(asked)
        films = self._films[fold(name)]
        rows = np.array([row for row, _ in films], dtype=np.int64)
        roles = dict(films)
        best = rows[top_k(self.weighted[rows], k)]
        return [self._film(int(row), roles[int(row)], name) for row in best]

    def _film(self, row: int, role: str, name: str) -> Recommendation:
        rows = self.rows
        score = float(self.weighted[row])
        reason = (f"{name}, {role}; average {rows['vote_average'][row]:.1f} from "
                  f"{rows['vote_count'][row]:,} votes, weighted {score:.2f}")
        return Recommendation(rows["title"][row], rows["year"][row], score, reason,
                              rows["id"][row], rows["movielens_id"][row])


def may_name(typed: str) -> bool:
    """Whether a film search typed so may be read as a person's name at all (MEANT_FROM
    letters): asked before anything is looked up, as the movies' search asks on a key."""
    return len(fold(typed)) >= MEANT_FROM


def _few(keys: list[str], names: dict[str, str]) -> str:
    """The first three names of `keys`, and how many more."""
    more = f" and {len(keys) - 3:,} more" if len(keys) > 3 else ""
    return f"{', '.join(names[key] for key in keys[:3])}{more}"
