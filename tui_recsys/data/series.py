"""What tells the films of one series apart from films merely alike: the start their titles
share ("The Lord of the Rings: …", "Toy Story 2", "Star Wars: Episode V - …" as MovieLens
titles it) or two of the three actors billed first (Hamill and Ford; Radcliffe and Grint;
Reeves and Fishburne). Search reads it where a sequel's number is typed and no title holds
it ("harry potter 3"), among films whose titles already begin with the words typed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import combinations

from tui_recsys.data.titles import bare_title, front_article, sequel_number

LEADS = 3  # the actors billed first, two of whom make a series
CAST_MARK = "cast "  # how a mark of two leads begins (a title's: "title ")
_PART = re.compile(r"\s+(?:part|chapter|vol|volume|episode)$")


def series(title: str) -> str:
    """A title's series: the words before a colon, without an English article, a sequel's
    number or "part" ("The Godfather: Part II" and "Godfather, The" are "godfather")."""
    head = bare_title(front_article(title).split(":", 1)[0])
    numbered = sequel_number(head)
    return _PART.sub("", numbered.words if numbered else head)


def series_keys(titles: Iterable[str], cast: Sequence[str]) -> frozenset[str]:
    """A film's marks of a series: each of its `titles`' series, and each pair of its leads
    (`cast` in billing order). Two films of one series share one."""
    leads = sorted(cast[:LEADS])
    return frozenset({f"title {series(title)}" for title in titles if title}
                     | {f"{CAST_MARK}{first}|{second}" for first, second in combinations(leads, 2)})
