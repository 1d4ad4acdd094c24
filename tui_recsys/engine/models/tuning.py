"""Tuning a list: more of, or less of, a genre or keyword that the listed movies carry, as
MovieLens' Movie Tuner let people ask for "like this, but less violent" (Vig, Sen and Riedl,
IUI 2011). The dimensions offered are the ones that split a list's candidates most evenly (a
keyword every candidate carries moves nothing, one that one carries moves one); any other a
candidate carries is found by a word typed.

A word names the dimensions that hold it as a word or words: "space" is "space marine" and
"outer space" as well as "space" (TMDB has keywords of all three), as a person asking for more
space means, whichever the candidates drawn happen to carry; a genre's name means the genre.

A candidate's value is its relevance (the model's score, scaled 0-1 over the candidates) plus
PULL for every dimension asked more of that it carries, less PULL for every one asked less of:
with PULL above 1, more of X puts every candidate with X above every one without, in the
model's order among each.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from tui_recsys.data.titles import fold, name_key
from tui_recsys.engine.question import Tuning

OFFERED = 8  # dimensions offered for a list
PULL = 2.0
MATCHED = 12  # dimensions offered for a word typed
WORD_FROM = 3  # letters a word typed needs to be offered as itself


@dataclass(frozen=True)
class Tuned:
    position: int  # among the candidates
    moved_by: tuple[str, ...]  # "more X" / "less Y" that this candidate carries
    value: float  # what orders the tuned list: relevance plus the pulls


# A list's candidates carry the same genres and keywords list after list (a few thousand in
# all): each is folded once, not several times for every list tuned.
_key = lru_cache(maxsize=1 << 14)(name_key)
_words = lru_cache(maxsize=1 << 14)(fold)


def _tally(labels: Sequence[Set[str]]) -> tuple[dict[str, str], dict[str, int]]:
    """Each dimension the candidates carry (by `name_key`): as they spell it first, and how
    many carry it."""
    spelled: dict[str, str] = {}
    carried: dict[str, int] = {}
    for these in labels:
        for name in these:
            key = _key(name)
            spelled.setdefault(key, name)
            carried[key] = carried.get(key, 0) + 1
    return spelled, carried


def varying(labels: Sequence[Set[str]], count: int = OFFERED) -> list[str]:
    """The dimensions that split the candidates most evenly (share p carrying it, p(1 - p)
    highest; ties by name), each as the candidates spell it."""
    if not labels:
        return []
    spelled, carried = _tally(labels)
    share = {key: n / len(labels) for key, n in carried.items()}
    useful = [key for key in carried if 1 < carried[key] < len(labels)]  # one moves one
    useful.sort(key=lambda key: (-share[key] * (1 - share[key]), key))
    return [spelled[key] for key in useful[:count]]


@dataclass(frozen=True)
class Dimensions:
    """A list's candidates, best first, by what they carry (`labels`, each one's genres and
    keywords): what the list can be tuned by, and how a tuning orders it. `offered`: what to
    offer before a word is typed; `genres`: every genre's `name_key`, which names the genre
    alone. Each candidate's labels are read once however many terms are asked of them.

    `beyond`: the whole catalogue's, which "more of" what fewer than `shown` (the list's
    length) of the candidates carry reaches into (`drawing`), and is counted in."""

    labels: tuple[frozenset[str], ...] = ()
    offered: tuple[str, ...] = ()
    genres: frozenset[str] = frozenset()
    shown: int = 0
    beyond: Dimensions | None = None

    @cached_property
    def _tallied(self) -> tuple[dict[str, str], dict[str, int]]:
        return _tally(self.labels)

    @cached_property
    def _read(self) -> tuple[list[set[str]], list[str]]:
        """Each candidate's dimensions by `name_key`, and as one text of their folded words,
        " | " between two (no word holds "|"), where a word is found by " word "."""
        return ([{_key(label) for label in these} for these in self.labels],
                [f" {' | '.join(map(_words, these))} " for these in self.labels])

    @cached_property
    def _indexed(self) -> tuple[dict[str, list[int]], dict[str, set[int]]]:
        """The candidates (by position) carrying each dimension (by `name_key`), and those
        with each folded word in a dimension: a name is looked for among the catalogue's
        eleven thousand as a prompt's keystroke allows (reading each took 4 ms a name, and a
        keystroke counts a dozen)."""
        by_key: dict[str, list[int]] = {}
        by_word: dict[str, set[int]] = {}
        for position, (keys, text) in enumerate(zip(*self._read, strict=True)):
            for key in keys:
                by_key.setdefault(key, []).append(position)
            for word in set(text.split()) - {"|"}:
                by_word.setdefault(word, set()).add(position)
        return by_key, by_word

    def prepare(self) -> None:
        """Read what every candidate carries now (off the screen's thread), not at the first
        keystroke."""
        self._indexed  # noqa: B018 - worked out and kept
        self._worded  # noqa: B018

    def carriers(self, name: str) -> np.ndarray:
        """Which candidates carry `name`: a dimension of that name however spelled
        ("timetravel": "time travel"), and unless it names a genre, a dimension holding it as
        a word or words ("space": "outer space"; never "spaceship")."""
        found = np.zeros(len(self.labels), dtype=bool)
        key = name_key(name)
        if not key:
            return found
        by_key, by_word = self._indexed
        found[by_key.get(key, [])] = True
        words = fold(name).split()
        if key not in self.genres and words:
            texts, phrase = self._read[1], f" {' '.join(words)} "
            found[[position for position in set.intersection(
                *(by_word.get(word, set()) for word in words)) if phrase in texts[position]]] = True
        return found

    @cached_property
    def _counted(self) -> dict[str, int]:
        return {}  # `carrying`'s answers, by name_key: read again for each letter typed

    def carrying(self, name: str) -> int:
        """How many candidates carry `name`."""
        key = name_key(name)
        if key not in self._counted:
            self._counted[key] = int(self.carriers(name).sum())
        return self._counted[key]

    def reaches_beyond(self, name: str, more: bool) -> bool:
        """Whether asking more of `name` (`more`) reaches past the candidates into the
        catalogue, as fewer than the list shows carry it."""
        return more and self.beyond is not None and self.carrying(name) < self.shown

    def moving(self, name: str, more: bool) -> int:
        """How many films asking more of (or less of) `name` would move: of the candidates,
        or where it `reaches_beyond` them, of the catalogue."""
        if self.beyond is not None and self.reaches_beyond(name, more):
            return self.beyond.carrying(name)
        return self.carrying(name)

    def unmatched(self, tuning: Tuning) -> list[str]:
        """What the tuning names that no candidate carries."""
        return [name for name in (*tuning.more, *tuning.less) if not self.carriers(name).any()]

    def matching(self, typed: str) -> list[str]:
        """What `typed` may name: the dimension or the word typed, where it moves more than
        any one dimension holding it does ("space", with "outer space" and "space marine"),
        or where no candidate has it, the catalogue has it; then each dimension with a word
        starting with each word typed ("spa": "spaceship"), most carried first. None that
        every candidate carries: it would move nothing."""
        words = fold(typed).split()
        if not words:
            return []
        spelled = self._tallied[0]
        count, key = len(self.labels), name_key(typed)
        found = sorted((other for other in self._starting(words)
                        if other != key and self.carrying(spelled[other]) < count),
                       key=lambda other: (-self.carrying(spelled[other]), other))
        holding = f" {' '.join(words)} "
        most = max((self.carrying(spelled[other]) for other in found
                    if holding in f" {_words(spelled[other])} "), default=0)
        moved = self.carrying(typed)
        # A word of a letter or two is a word being typed ("s": "new york's"), not asked for.
        # A word no candidate carries is offered where the catalogue has it: more of it
        # reaches there (`reaches_beyond`).
        first = ([spelled.get(key, typed.strip())] if moved < count and (
            key in spelled or (self.moving(typed, True) > most and len(key) >= WORD_FROM))
                 else [])
        names = [*first, *(spelled[other] for other in found)]
        if self.beyond is not None and len(names) < MATCHED:
            names += self.beyond.elsewhere(words, {key, *spelled}, MATCHED - len(names))
        return names[:MATCHED]

    @cached_property
    def _worded(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each dimension (by `name_key`) with its folded words, read once, not at each
        keystroke."""
        return [(key, tuple(_words(name).split())) for key, name in self._tallied[0].items()]

    def _starting(self, words: list[str]) -> list[str]:
        """The dimensions (by `name_key`) with a word starting with each of `words`."""
        return [key for key, own in self._worded
                if all(any(word.startswith(w) for word in own) for w in words)]

    def elsewhere(self, words: list[str], known: Set[str], count: int) -> list[str]:
        """Of these candidates (the catalogue's), the `count` dimensions not `known` (by
        `name_key`) with a word starting with each of `words`, most carried first (by name:
        a word's reach is counted only for those shown)."""
        spelled, carried = self._tallied
        return [spelled[other] for other in sorted(
            (other for other in self._starting(words) if other not in known),
            key=lambda other: (-carried[other], other))[:count]]

    def _lacks(self, name: str) -> str:
        """What a candidate that rose because others sank lacks: "not Drama", or "not tagged
        violence" (a keyword is what TMDB tagged, and "no violence" said so of Se7en)."""
        return f"not {name}" if _key(name) in self.genres else f"not tagged {name}"

    def tune(self, scores: np.ndarray, tuning: Tuning) -> list[Tuned]:
        """Every candidate (`scores` best first) in its tuned order."""
        count = len(scores)
        if count == 0:
            return []
        values = np.asarray(scores, dtype=np.float64)
        low, high = float(values.min()), float(values.max())
        relevance = (values - low) / (high - low) if high > low else np.zeros(count)
        # Named as the candidates spell them ("science fiction" asked is "Science Fiction").
        spelled = self._tallied[0]
        more, less = ({name_key(n): (spelled.get(name_key(n), n), self.carriers(n))
                       for n in asked} for asked in (tuning.more, tuning.less))
        pull = (np.sum([carried for _, carried in more.values()], axis=0, initial=0,
                       dtype=np.float64)
                - np.sum([carried for _, carried in less.values()], axis=0, initial=0,
                         dtype=np.float64))
        pull = np.broadcast_to(pull, (count,))
        values = relevance + PULL * pull
        order = np.argsort(-values, kind="stable")
        # What moved each: what it carries of "more" and of "less" (where they do not cancel
        # out); one that rose only because others sank, what it lacks of "less".
        return [Tuned(int(i), tuple(([f"more {name}" for name, carried in more.values()
                                      if carried[i]]
                                     + [f"less {name}" for name, carried in less.values()
                                        if carried[i]])
                                    if pull[i] else
                                    [self._lacks(name) for name, _ in less.values()]
                                    if rank < i else []),
                      float(values[i]))
                for rank, i in enumerate(order)]
