"""A movie named the way a movie lover has it at hand: a link copied from IMDb, TMDB or
Letterboxd, or an IMDb id (tt0078748), wherever a title is typed (the app's search box, `rate`,
`watchlist add`, `--movie`) and in a file for Letterboxd's importer (its LetterboxdURI). IMDb's
and TMDB's name one film by its id; Letterboxd's names it by its slug ("alien", "heat-1995"),
read as the title (and year) it is made of. Nothing is fetched: these machines may be offline,
and a link says enough."""

from __future__ import annotations

import re
from dataclasses import dataclass

SITE = r"(?:https?://)?(?:(?:www|m)\.)?"
# A link, or an id alone: seven digits or more, as IMDb writes them ("tt3" is typed on a title)
IMDB = re.compile(rf"{SITE}imdb\.com/(?:[a-z]{{2}}/)?title/tt(\d{{1,10}})/?(?:[/?#]\S*)?|"
                  r"tt(\d{7,10})", re.IGNORECASE)
TMDB = re.compile(rf"{SITE}themoviedb\.org/movie/(\d{{1,10}})(?:-[^/?#\s]*)?/?(?:[/?#]\S*)?",
                  re.IGNORECASE)
LETTERBOXD = re.compile(rf"{SITE}letterboxd\.com/(?:[^/\s]+/)?film/([a-z0-9-]+)/?(?:[/?#]\S*)?",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """What a link or an id names: a film by its IMDb or TMDB id, or (Letterboxd) by the
    words of its title, a year perhaps last ("heat 1995")."""

    imdb_id: int | None = None
    tmdb_id: int | None = None
    title: str | None = None

    def describe(self) -> str:
        if self.imdb_id is not None:
            return f"IMDb id tt{self.imdb_id:07d}"
        return f"TMDB id {self.tmdb_id}"


def read_link(text: str) -> Link | None:
    """The film `text` links to, when it is a link or an IMDb id and nothing else."""
    typed = text.strip()
    if found := IMDB.fullmatch(typed):
        return Link(imdb_id=int(found[1] or found[2]))
    if found := TMDB.fullmatch(typed):
        return Link(tmdb_id=int(found[1]))
    if found := LETTERBOXD.fullmatch(typed):
        return Link(title=found[1].replace("-", " "))
    return None


SHORT = re.compile(r"(?:https?://)?boxd\.it/\S+", re.IGNORECASE)
# What a boxd.it link is, wherever one is read (typed, or in a file for Letterboxd's importer).
SHORT_LINK = ("a short link, whose film only Letterboxd's site can tell (tui-recsys reaches no "
              "site)")
# An address of any other page: a scheme, or a host of the three sites without one.
ADDRESS = re.compile(r"(?:https?://|www\.)\S+|(?:[a-z]+\.)?(?:imdb\.com|themoviedb\.org|"
                     r"letterboxd\.com)/\S*", re.IGNORECASE)


def unreadable_link(text: str) -> str | None:
    """Why `text`, a link that `read_link` cannot read, names no film here, as words that
    follow the link (None when it is no such link): searched as a title, its letters found
    nothing, or a film that merely shared a few of them."""
    typed = text.strip()
    if SHORT.fullmatch(typed):
        return (f"is {SHORT_LINK}; paste the film page's address (letterboxd.com/film/...) "
                f"or type the title")
    if ADDRESS.fullmatch(typed) and read_link(typed) is None:
        return ("is not the address of a film's page on IMDb, TMDB or Letterboxd; paste one "
                "of those, or type the title")
    return None
