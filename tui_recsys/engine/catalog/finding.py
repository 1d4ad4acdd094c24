"""A movie named on the command line, by title, by id or by a link to it (`links`), found in
the movie index.

A title that is not exact is answered with the app's search (prefix, then word, then fuzzy),
and what was chosen in its place is said, so that a rating or a list is never given to a
guess without the user seeing which film it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_recsys.data.links import read_link, unreadable_link
from tui_recsys.data.titles import (
    bare_title,
    fold,
    name_key,
    numbers_as_digits,
    split_movielens_title,
)
from tui_recsys.engine.catalog.entries import MovieEntry
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.question import Need
from tui_recsys.errors import UsageError
from tui_recsys.text import echo

LONGEST_TITLE = 300  # longer than any film's: not searched for, only refused
BARE_YEAR = re.compile(r"(.+?),?\s+((?:18|19|20)\d\d)")  # a title, then its year
CANDIDATES = 5  # offered when a title is not exact
SIMILAR_TITLES = 50  # of the search's matches, read for films a title may also have meant


@dataclass(frozen=True)
class MovieChoice:
    """The movie a title or an id resolved to, by its id in the catalogue asked about, and a
    note when the choice was not obvious."""

    movie_id: int
    title: str
    year: int | None
    note: str | None = None


def title_and_year(movies: MovieIndex, wanted: str) -> tuple[str, int | None]:
    """The title and year asked: "Heat (1995)", as the lists name a movie, or "heat 1995", the
    year typed bare, where no film is titled the whole ("Blade Runner 2049" is one)."""
    name, year, _ = split_movielens_title(wanted)
    typed = BARE_YEAR.fullmatch(wanted) if year is None else None
    if typed and movies.by_title(wanted, None) is None:
        return typed[1], int(typed[2])
    return name, year


def find_movie(movies: MovieIndex, title: str) -> MovieChoice:
    """A TMDB movie by title: an exact title (any case or accents, with or without its year
    in brackets; the most voted of several, with a note), else the app's search, with a note
    naming what was chosen."""
    linked, title = _linked(movies, title)  # a Letterboxd link: the title its words make
    if linked is not None:
        return _choice(linked, Need.MOVIE)
    check_letters(title)
    exact = movies.titled(title)
    name, year = title_and_year(movies, title)
    if not exact and year is not None:  # "Dune (1984)", as rate and the lists name it
        exact = [entry for entry in movies.titled(name) if entry.year == year]
    if exact:
        chosen, *others = (MovieChoice(m.tmdb_id, m.title, m.year) for m in exact
                           if m.tmdb_id is not None)
        if not others:
            return _beside_better_known(movies, chosen, name, year)
        also = ", ".join(f"{m.movie_id} ({m.year or 'no year'})" for m in others)
        return _noted(chosen, f"{len(exact)} movies are titled {echo(title)}: using "
                              f"{chosen.title} ({chosen.year}, TMDB id {chosen.movie_id}, the "
                              f"most voted); others: {also}")
    named = _titled(movies, name, year, Need.MOVIE)  # "godfather 2": Part II, as rate takes it
    if named is not None:
        assert named.tmdb_id is not None  # `_titled` raised otherwise
        return MovieChoice(named.tmdb_id, named.title, named.year,
                           also_meant(movies, title, named))
    found = _best_match(movies, title, Need.MOVIE)
    if found is None:
        raise UsageError(f"no TMDB movie titled {echo(title)}{_nearest(movies, title, Need.MOVIE)}")
    return found


def find_any_movie(movies: MovieIndex, title: str, *, first: bool = False) -> MovieEntry:
    """A movie of either catalogue titled exactly `title`: any case, accents, punctuation or
    leading article, and a trailing year (`title_and_year`) to tell remakes apart. Anything
    else is a UsageError naming the search's candidates, since a rating given to a guess
    ("alienz" rated Alien Zone) is worse than a question; `first` takes the search's best
    match."""
    linked, title = _linked(movies, title)  # a Letterboxd link: the title its words make
    if linked is not None:
        return linked
    check_letters(title)
    if len(title) > LONGEST_TITLE:
        raise UsageError(f"no movie is titled {echo(title)}")
    name, year = title_and_year(movies, title)
    exact = movies.by_title(name, year)
    if exact is not None:
        return exact
    # "matrix" or "matrix 1999" names The Matrix: exact but for the article. Where the whole
    # finds nothing ("cats 2019": no Cats of that year), the title alone offers the others.
    keys = movies.search(title)
    if not len(keys) and name != title:
        keys = movies.search(name)
    found = [movies.entry(int(key)) for key in keys[:CANDIDATES]]
    exact = next((e for e in found if bare_title(e.title) == bare_title(name)
                  and year in (None, e.year)), None)
    if exact is not None:
        return exact
    if found and first:
        return found[0]
    if not found:
        raise UsageError(f"no movie is titled {echo(title)}"
                         f"{_nearest(movies, title, None) or '; try fewer letters'}")
    listed = "; ".join(f"{e.title} ({e.year or 'no year'})" for e in found)
    raise UsageError(f"no movie is titled exactly {echo(title)}: did you mean {listed}? Give "
                     f"the exact title, an id, or --first for the best match")


def also_meant(movies: MovieIndex, title: str, entry: MovieEntry) -> str | None:
    """What else `title`, taken as exactly `entry`'s, may have meant: films of that title from
    other years (the best known is taken: Solaris (2002), not Tarkovsky's of 1972), and better
    known ones whose title goes on from it after a colon ("the lord of the rings" is exactly
    the animated film of 1978, not The Fellowship of the Ring). Said beside the rating or mark,
    so that the guess is seen; None where the title had its year, was not `entry`'s exactly
    (--first's best match, a link), or there is nothing else."""
    name, year = title_and_year(movies, title)
    exact = movies.by_title(name, None)
    if year is not None or exact is None or exact.key != entry.key:
        return None
    wanted = numbers_as_digits(bare_title(name))  # "ocean's 11" is Ocean's Eleven too
    found = [movies.entry(int(key)) for key in movies.search(name)[:SIMILAR_TITLES]]
    same = [other for other in found
            if other.key != entry.key and numbers_as_digits(bare_title(other.title)) == wanted]
    better = [other for other in found if other.key < entry.key  # rows go best known first
              and numbers_as_digits(bare_title(other.title.partition(":")[0])) == wanted]
    if not same and not better:
        return None
    chosen = f"{entry.title} ({entry.year or 'no year'})"
    said = [f"{chosen}, the best known of that title; also {_named(same)} (give the year to "
            f"choose another: \"{same[0].title} ({same[0].year or 'no year'})\")"] if same \
        else [f"{chosen} has exactly that title"]
    if better:
        said.append(f"better known: {_named(better)} (give the whole title to choose one)")
    return "; ".join(said)


def _named(entries: list[MovieEntry]) -> str:
    return ", ".join(f"{e.title} ({e.year or 'no year'})" for e in entries[:CANDIDATES])


def find_rated_movie(movies: MovieIndex, title: str) -> MovieChoice:
    """A MovieLens movie by its exact title (with its year, "Heat (1995)", or the best known
    of that title, noting what else the title may have meant), else as the app's search finds
    it ("the lord of the rings" was The Fellowship of the Ring, "no title is exactly" so, though
    the film of 1978 is)."""
    linked, title = _linked(movies, title)  # a Letterboxd link: the title its words make
    if linked is not None:
        return _choice(linked, Need.RATED_MOVIE)
    check_letters(title)
    name, year = title_and_year(movies, title)
    exact = _titled(movies, name, year, Need.RATED_MOVIE)
    if exact is not None:
        assert exact.ml_id is not None  # `_titled` raised otherwise
        return MovieChoice(exact.ml_id, exact.title, exact.year,
                           also_meant(movies, title, exact))
    found = _best_match(movies, title, Need.RATED_MOVIE)
    if found is None:
        raise UsageError(f"no MovieLens movie titled {echo(title)}"
                         f"{_nearest(movies, title, Need.RATED_MOVIE)}")
    return found


def _nearest(movies: MovieIndex, title: str, need: Need | None) -> str:
    """"; did you mean …?" of the spellings nearest `title` (a typo, "godfahter"), those
    `need`'s catalogue knows (either where None); "" where none is near."""
    near = [entry for entry in (movies.entry(int(key))
                                for key in movies.closest(title[:LONGEST_TITLE]))
            if need is None or (entry.tmdb_id if need is Need.MOVIE else entry.ml_id) is not None]
    return "; did you mean " + "; ".join(f"{e.title} ({e.year or 'no year'})"
                                         for e in near[:CANDIDATES]) + "?" if near else ""


def movie_entry(movies: MovieIndex, *, tmdb_id: int | None = None,
                movielens_id: int | None = None) -> MovieEntry:
    """A movie of either catalogue by its id there; an unknown id is a UsageError."""
    if tmdb_id is not None:
        entry, named = movies.by_tmdb(tmdb_id), f"TMDB movie has id {tmdb_id}"
    else:
        entry = movies.by_movielens(movielens_id or 0)
        named = f"MovieLens movie has id {movielens_id}"
    if entry is None:
        raise UsageError(f"no {named}; check the id, or name the movie by its title instead")
    return entry


def movie_by_id(movies: MovieIndex, need: Need, *, tmdb_id: int | None = None,
                movielens_id: int | None = None) -> MovieChoice:
    """A movie by its id in either catalogue, as the id `need`'s catalogue knows it by: a
    linked movie can be named by whichever id is at hand."""
    return _choice(movie_entry(movies, tmdb_id=tmdb_id, movielens_id=movielens_id), need)


def _choice(entry: MovieEntry, need: Need) -> MovieChoice:
    """`entry` by its id in the catalogue `need` compares in, where it is there."""
    movie_id = entry.tmdb_id if need is Need.MOVIE else entry.ml_id
    if movie_id is None:
        raise _not_in(entry, need)
    return MovieChoice(movie_id, entry.title, entry.year)


def _linked(movies: MovieIndex, typed: str) -> tuple[MovieEntry | None, str]:
    """The film an IMDb or a TMDB link (or id) in `typed` names; else None and the title to
    look for: `typed`, or the words of a Letterboxd link. A link to a film neither catalogue
    knows is a UsageError."""
    link = read_link(typed)
    if link is None or link.title is not None:
        return None, (link.title if link else typed).strip()
    entry = movies.by_link(link)
    if entry is None:
        known = ("only MovieLens movies carry theirs here" if link.imdb_id is not None
                 else "TMDB ids are known here for TMDB 5000's films and those MovieLens "
                      "links to TMDB")
        raise UsageError(f"no movie here has {link.describe()} ({known}): name it by its "
                         f"title")
    return entry, typed.strip()


def check_letters(title: str) -> None:
    """A title names a film by its letters or digits (of any script): "!!!" names none, and
    was taken for the first film of all, or for one whose title has none of ours. A link
    read as no film (a boxd.it one, a person's page) is said as such."""
    why = unreadable_link(title)
    if why is not None:
        raise UsageError(f"{echo(title)} {why}")
    if not title.strip():  # '' said back of "   " told the person nothing
        raise UsageError("an empty title; name a movie")
    if not fold(title):
        raise UsageError(f"{echo(title)} holds no letter or digit of a title; name a movie")


def _titled(movies: MovieIndex, name: str, year: int | None, need: Need) -> MovieEntry | None:
    """The best-known movie titled exactly `name` (of `year`, any year when None), raising
    when only the other catalogue has it ("Heat", a MovieLens movie, asked of story): the
    search's best match would be another film. The refusal names the better-known films the
    title may have meant ("the lord of the rings", asked of story, is the film of 1978, which
    TMDB 5000 lacks; The Fellowship of the Ring it has)."""
    entry = movies.by_title(name, year)
    if entry is not None and (entry.tmdb_id if need is Need.MOVIE else entry.ml_id) is None:
        also = also_meant(movies, name if year is None else f"{name} ({year})", entry)
        refused = _not_in(entry, need)
        raise refused if also is None else UsageError(f"{refused}; {also}")
    return entry


def _beside_better_known(movies: MovieIndex, chosen: MovieChoice, name: str,
                         year: int | None) -> MovieChoice:
    """`chosen`, with a note where the title names a better-known film first that TMDB 5000
    lacks: "heat" asked of story took The Heat (2013) without a word, while `rate heat` and
    the search take Heat (1995), MovieLens' alone."""
    best = movies.by_title(name, year)
    if best is None or best.tmdb_id is not None or name_key(chosen.title) == name_key(name):
        return chosen  # "the heat" is The Heat
    return MovieChoice(chosen.movie_id, chosen.title, chosen.year,
                       f"using {chosen.title} ({chosen.year or 'no year'}, TMDB id "
                       f"{chosen.movie_id}): {best.title} ({best.year or 'no year'}), the best "
                       f"known titled so, is not in {Need.MOVIE.collection}")


def _not_in(entry: MovieEntry, need: Need) -> UsageError:
    return UsageError(f"{entry.title} ({entry.year or 'no year'}) is not in {need.collection}, "
                      f"which this strategy compares in; choose another strategy or movie")


def _best_match(movies: MovieIndex, title: str, need: Need) -> MovieChoice | None:
    """The app's search for `title` (any case or accents; prefix, then word, then fuzzy) among
    the movies the catalogue of `need` knows: the first match, with a note naming it and the
    next ones unless its title is the one asked for."""
    if len(title) > LONGEST_TITLE:
        return None
    found: list[MovieChoice] = []
    for key in movies.search(title):
        entry = movies.entry(int(key))
        movie_id = entry.tmdb_id if need is Need.MOVIE else entry.ml_id
        if movie_id is not None:
            found.append(MovieChoice(movie_id, entry.title, entry.year))
        if len(found) == 4:
            break
    if not found:
        return None
    best, others = found[0], found[1:]
    if fold(best.title) == fold(title):
        return best
    also = "; others: " + ", ".join(f"{m.title} ({m.year or 'no year'}, id {m.movie_id})"
                                    for m in others) if others else ""
    return _noted(best, f"no title is exactly {echo(title)}: using {best.title} "
                        f"({best.year or 'no year'}, {need.catalogue} id {best.movie_id}), "
                        f"the best match{also}")


def _noted(choice: MovieChoice, note: str) -> MovieChoice:
    return MovieChoice(choice.movie_id, choice.title, choice.year,
                       f"{note}. Pick one with --tmdb-id or --movielens-id")
