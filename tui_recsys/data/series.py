"""What tells the films of one series apart from films merely alike: the start their titles
share ("The Lord of the Rings: …", "Toy Story 2", "Star Wars: Episode V - …" as MovieLens
titles it), with one of the actors billed first in common (`LEADS`; the movie index reads
both). Search reads it where a sequel's number is typed and no title holds it ("harry potter
3"), and a personal list where a sequel's series is not begun."""

from __future__ import annotations

import re

from tui_recsys.data.titles import bare_title, front_article, sequel_number

LEADS = 3  # the actors billed first, one of whom a series' films share
_PART = re.compile(r"\s+(?:part|chapter|vol|volume|episode)$")


def series(title: str) -> str:
    """A title's series: the words before a colon, without an English article, a sequel's
    number or "part" ("The Godfather: Part II" and "Godfather, The" are "godfather")."""
    head = bare_title(front_article(title).split(":", 1)[0])
    numbered = sequel_number(head)
    return _PART.sub("", numbered.words if numbered else head)
