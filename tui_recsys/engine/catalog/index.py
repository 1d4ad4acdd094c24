"""The catalogue's index: every movie of both catalogues once and every user, searchable as
one types (`search`), and a movie's details, read from the arrays the cache keeps (built by
`building.index_build`). How a row is labelled on screen is the app's business."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

from tui_recsys.data.genres import tmdb_genre
from tui_recsys.data.links import Link, read_link
from tui_recsys.data.series import LEADS
from tui_recsys.data.titles import (
    Sequel,
    bare_title,
    fold,
    name_key,
    number_spellings,
    sequel_number,
    title_parts,
    without_article,
    without_articles,
)
from tui_recsys.engine.cache.column_files import Columns, Kind, load_columns, save_columns
from tui_recsys.engine.catalog.entries import MovieDetails, MovieEntry, UserEntry
from tui_recsys.engine.catalog.search import SearchableTable, holds
from tui_recsys.engine.question import Allowed, Identified, MovieFilter, unknown_user

FORMAT = 17  # of the cached lists: raise it when what they hold or how titles fold changes
MOVIE_COLUMNS: dict[str, Kind] = {
    "title": "text", "year": "int?", "tmdb_id": "int?", "ml_id": "int?", "imdb_id": "int?",
    "tmdb_link": "int?",  # links.csv's TMDB id of a film TMDB 5000 lacks
    "ml_ratings": "int",
    "ml_mean": "float?", "search": "text",
    "names": "texts",  # what a query names exactly (`titles.names_all`): found first
    "subtitles": "texts",  # a query that is one is as a title's start (`titles.subtitles_all`)
    "series": "texts",  # its titles' series in both catalogues (`data.series`)
    # TMDB's details; empty (or null) for a movie only MovieLens knows, but for its genres
    "original_title": "text", "ml_title": "text",  # MovieLens' title of a linked movie
    "overview": "text", "genres": "texts", "director": "text",
    "cast": "texts", "keywords": "texts", "vote_average": "float?", "vote_count": "int?",
    "runtime": "float?",
    "language": "text",  # the original language's ISO 639-1 code; "" where unknown
}
USER_COLUMNS: dict[str, Kind] = {
    "user_id": "int", "ratings": "int", "mean": "float", "genres": "texts",
    "genre_counts": "ints", "histogram": "ints", "search": "text",
}


SEQUEL_LOOK = 200  # the matches of a sequel's words read for its number
SEQUEL_NAMED = 20  # of them, those read for a name the words run together ("toystory")
SEQUEL_PARTS = ("", " part", " chapter")  # "godfather 2": "godfather part ii"
NUMBERED_WORDS = 6  # the words typed read for a sequel titled by fewer (63 choices)
NAME_LOOK = 200  # the matches at a word read for a name that begins with the query
SHADOWED = 10  # times better known: a match that makes a film of the exact name not first
TYPO_NEAREST = 10  # spellings put first where only a query's letters in order matched


class MovieIndex(SearchableTable):
    """TMDB movies, with their linked MovieLens movie, then MovieLens-only movies; rows in
    order of how well known the movie is, which is also the unfiltered list's order."""

    def __init__(self, columns: Columns) -> None:
        """`columns` as `movie_columns` makes them."""
        super().__init__(columns["search"])
        self.columns = columns
        self._titles, self._years, self._tmdb_ids, self._ml_ids = (
            columns[name] for name in ("title", "year", "tmdb_id", "ml_id"))
        self._by_tmdb = {movie: key for key, movie in enumerate(self._tmdb_ids)
                         if movie is not None}
        self._by_ml = {movie: key for key, movie in enumerate(self._ml_ids) if movie is not None}
        self._by_imdb = {movie: key for key, movie in enumerate(columns["imdb_id"])
                         if movie is not None}
        # A film TMDB 5000 lacks, by the TMDB id links.csv gives it (Heat, 949).
        self._by_tmdb_link = {movie: key for key, movie in enumerate(columns["tmdb_link"])
                              if movie is not None}
        self._by_name: dict[str, list[int]] | None = None
        self._by_bare_name: dict[str, list[int]] | None = None
        self._by_part: dict[str, list[int]] | None = None  # `titled_in_part`
        self._all_genres: list[str] | None = None
        self._series: tuple[dict[str, list[int]], list[frozenset[str]]] | None = None
        self._by_lead: dict[str, list[int]] | None = None  # the films each actor leads
        self._allowed: dict[MovieFilter, Allowed] = {}
        self._genre_names: dict[str, frozenset[str]] = {}
        self._raters: int | None = None  # the most raters any movie has
        self._most_votes: int | None = None

    def entry(self, key: int) -> MovieEntry:
        return MovieEntry(key, self._titles[key], self._years[key], self._tmdb_ids[key],
                          self._ml_ids[key])

    def prepare(self) -> None:
        super().prepare()
        self._names()

    def prepare_sequels(self) -> None:
        """What a sequel's number typed without its titles' articles looks up, made off the
        screen's thread; a command that names no sequel never makes it (18 ms at
        ml-latest-small)."""
        self._bare_names()

    def search(self, query: str) -> np.ndarray:
        return self._answer(query)[0]

    def search_or_nearest(self, query: str, count: int) -> tuple[np.ndarray, bool]:
        """As the table's, and True also where the matches are only spelled like the query,
        its letters in order ("nolan" was "7 of 11,006 movies", White Oleander first); a film
        the query names (a sequel's number, a link) is a match."""
        found, spelled = self._answer(query)
        return (found, spelled) if len(found) else (self.closest(query, count), True)

    def _answer(self, query: str) -> tuple[np.ndarray, bool]:
        """As the table searches, but the films the query names exactly come first (`names`:
        "seven" is Se7en before Seven Pounds, "shining" The Shining before Shining
        Through), and a query ending in a sequel's number also finds the titles that write
        it the other way, next: "godfather 2" finds The Godfather: Part II, which its letters
        alone do not (nor "toy story ii" Toy Story 2, nor "toy story three", a number in
        words counting where no title holds the words typed: "ready player one" is that
        film, not the first of a series of "player"); where only the query's letters in
        order matched, its nearest spellings (`closest`) come before them, and the answer is
        only spelled like the query (True). A link pasted (`links`) finds its film."""
        link = read_link(query)
        if link is not None and link.title is None:
            entry = self.by_link(link)
            return np.asarray([] if entry is None else [entry.key], dtype=np.int64), False
        if link is not None:
            query = link.title or query
        folded = fold(query)
        found = self._begun_by_name(folded, super().search(query))
        first = self._named_exactly(folded, found)
        sequel = sequel_number(folded)
        held = len(found) > 0 and holds(self._search_text[int(found[0])], folded)
        if sequel is not None and not (sequel.in_words and held):  # "ready player one"
            last = self._last  # what typing on narrows from stays the whole query's answer
            # Among the words' best matches only: a sequel shares its film's words, and
            # reading every match of "the" cost 37 ms a key at ml-latest-small (this path is
            # a keystroke's).
            near = super().search(sequel.words)[:SEQUEL_LOOK]
            sequel = self._as_named(sequel, near)
            named = [key for key in near if any(sequel.pattern.match(name)
                                                for name in self.columns["names"][key])]
            counted = [key for key in self._nth_of_series(near, sequel.words, sequel.number)
                       if key not in named]
            # The film at that place in its series before those so numbered where it far
            # outshines them: "captain america 2" named a TV film of 1979, "Captain America
            # II", not The Winter Soldier, the second of Chris Evans'; they are still found,
            # after it.
            if named and counted and len(self._not_outshone(named, counted)) < len(named):
                named = [*counted, *named]
            first += [key for key in (
                named or counted or self._nth_by_initials(near, sequel.words, sequel.number)
                or self._numbered_by_fewer_words(near, sequel)) if key not in first]
            kept = self._not_outshone(first)
            first = [*kept, *(key for key in first if key not in kept)]
            self._last = last
        # Only letters in order matched: "batamn" had Sebastian Maniscalco's special and not
        # Batman. A typo's nearest spellings go first; the answer is only spelled like the
        # query where no film is named either.
        letters_only = len(found) > 0 and not held
        spelled = letters_only and not first
        if letters_only:
            first += [int(key) for key in self.closest(query, TYPO_NEAREST)
                      if int(key) not in first]
        if not first:
            return found, spelled
        return np.concatenate([np.asarray(first, dtype=np.int64),
                               found[~np.isin(found, first)]]), spelled

    def _begun_by_name(self, folded: str, found: np.ndarray) -> np.ndarray:
        """`found`, with the films one of whose names begins with the query (`names`)
        ranked among those whose title does, the better known first: a person types a
        film's name from its start, whichever name they know it by. "lord" is The Lord of
        the Rings, whose title begins with its article, before Lord of Illusions; "et" is
        E.T., not after Ethan Frome; "star wars" is The Empire Strikes Back too (MovieLens'
        "Star Wars: Episode V - …"); so does a whole subtitle of two words or more, for a
        film better known than the first found: "tokyo drift" is The Fast and the Furious:
        Tokyo Drift before Tokyo Drifter, which few know, but "cold blood" stays In Cold
        Blood, "the last" The Last Samurai and "apocalypse" Apocalypse Now. Those names are
        words of the search text, so their films are among the first that matched at a word
        (NAME_LOOK of them are read)."""
        if not folded or not len(found):
            return found
        titled = self.begun(found, folded)
        rest = found[titled:]
        bare, first = without_article(folded), int(found[0])
        bare = bare if " " in bare else ""  # no subtitle is empty
        names, subtitles = self.columns["names"], self.columns["subtitles"]
        named = [key for key in rest[:NAME_LOOK].tolist()
                 if any(name.startswith(folded) for name in names[key])
                 or (key < first and bare in subtitles[key])]
        if not named:
            return found
        return np.concatenate([np.sort(np.concatenate([found[:titled], named])),
                               rest[~np.isin(rest, named)]])

    def outshining(self, query: str, found: np.ndarray, spelled: bool) -> float | None:
        """How well known (`known_share`) a person's best film must be for the person to be
        what `query` meant, given the search's answer (`found`, and whether it is only
        `spelled` like the query): anything where no title holds it ("nolan"), else SHADOWED
        times the best known title that does ("kubrick" is 2001 and The Shining, not the
        documentary few rated that holds the name). None where no one can be: a film named
        so ("hugo" is Hugo, whatever Hugo Weaving played; a sequel's number, a link), or a
        title too well known to be outshone, which spares the command line the person model
        (half a second)."""
        if spelled:
            return 0.0
        folded = fold(query)
        # The film shown first holds the query, unless the query names it otherwise (a
        # sequel's number, a link): that film is meant.
        if (self._names().get(without_article(folded))
                or folded not in self._search_text[int(found[0])]):
            return None
        held = next(int(key) for key in np.sort(found)  # the best known first: it stops early
                    if folded in self._search_text[int(key)])
        needed = SHADOWED * self.known_share(held)
        return needed if needed <= 1.0 else None

    def best_known(self, tmdb_ids: list[int]) -> float:
        """How well known (`known_share`) the best known of these TMDB films is."""
        keys = [key for tmdb in tmdb_ids if (key := self._by_tmdb.get(tmdb)) is not None]
        return self.known_share(min(keys)) if keys else 0.0

    def _named_exactly(self, folded: str, found: np.ndarray) -> list[int]:
        """The films a query (`folded`) names exactly, but those a far better known match
        outshines (SHADOWED): "lord of the rings" is the trilogy before the cartoon of 1978
        that bears the name alone, as a person typing it means."""
        return self._not_outshone(self._names().get(without_article(folded), []),
                                  found[:1].tolist())

    def _not_outshone(self, named: list[int], beside: Sequence[int] = ()) -> list[int]:
        """The films a query names, but those a far better known one of them (or of
        `beside`, the search's best match) outshines (SHADOWED): "ocean's 11" names the film
        of 1960 exactly (MovieLens' "Ocean's Eleven (a.k.a. Ocean's 11)") and that of 2001
        by its number, which a person typing it means; the other is still found, after."""
        if not named:
            return []
        best = self.known_share(min([*named, *beside]))
        return [key for key in named if self.known_share(key) * SHADOWED >= best]

    def _names(self) -> dict[str, list[int]]:
        """Each name (`names`) to the films it names, the best known first: made once, off
        the screen's thread where the app prepares search (87k films at ml-32m)."""
        if self._by_name is None:
            named: dict[str, list[int]] = {}
            for key, names in enumerate(self.columns["names"]):
                for name in names:
                    named.setdefault(name, []).append(key)
            self._by_name = named
        return self._by_name

    def _nth_of_series(self, keys: np.ndarray, words: str, number: int) -> list[int]:
        """The `number`th by year of the films among `keys` named by a title beginning with
        `words` (any of their names: Raiders of the Lost Ark is MovieLens' "Indiana Jones and
        the Raiders of the Lost Ark" too) and of the series of the best known of them (of
        those whose series the words name, where one is): its title's series, or one of its
        leads: Harry Potter's titles number nothing, and people
        type "harry potter 3"; "rocky 6" is Rocky Balboa, not The Rocky Horror Picture Show of
        1975. A film with no cast to tell (MovieLens' alone, as both Deathly Hallows are)
        counts where it shares a genre with the best known: "harry potter 7" is the first
        Deathly Hallows, and The Rocky Horror Picture Show (Comedy, Musical) is no Rocky."""
        # Its articles aside: "fast and furious 1" is The Fast and the Furious.
        bare = without_articles(words)
        begun = [key for key in keys.tolist() if any(
            f"{without_articles(name)} ".startswith(f"{bare} ")
            for name in self.columns["names"][key])]
        if not begun:
            return []
        # The series named by the words, where one is: "blade 3" is Blade: Trinity, not the
        # third of Blade Runner's, the best known film whose title begins so.
        anchor = next((key for key in begun if bare in self._series_names(key)), begun[0])
        titles, leads, kinds = (self._series_names(anchor), self._leads(anchor),
                                self._kinds(anchor))
        # A title that has the words later, or a word begun by them, counts with a lead in
        # common: Live Free or Die Hard is the fourth, Aliens the second, X2 (MovieLens' "X2:
        # X-Men United") the second X-Men; AVP: Alien vs. Predator is no Alien.
        within = [key for key in keys.tolist() if key not in begun and leads & self._leads(key)
                  and any(f" {words}" in f" {name}" for name in self.columns["names"][key])]
        films = sorted([key for key in begun if titles & self._series_names(key)
                        or leads & self._leads(key)
                        or not (self._leads(key) or kinds.isdisjoint(self._kinds(key)))]
                       + within, key=lambda key: (self._years[key] is None, self._years[key] or 0))
        # Leads in common are surer than a title's start: "lord of the rings 2" is The Two
        # Towers, not The Fellowship of the Ring after the cartoon of 1978 of the name alone.
        shared = [key for key in films if leads & self._leads(key)]
        nth = (shared if len(shared) >= number else films)[number - 1:number]
        # A film whose name gives the series another number is not this one, whatever the
        # count says: "fast and furious 2" counted Fast & Furious 6 second, the films before
        # it being titled otherwise.
        return [key for key in nth if not any(
            (numbered := sequel_number(name)) is not None
            and without_articles(numbered.words) == bare and numbered.number != number
            for name in self.columns["names"][key])]

    def _as_named(self, sequel: Sequel, near: np.ndarray) -> Sequel:
        """The sequel typed as its film is named where its words run together ("toystory 2",
        "ironman 2": Toy Story and Iron Man came first, and the second last; "harrypotter 3"
        the Philosopher's Stone), read among the words' best matches: the first words of
        one of their names that are the words typed but for spaces."""
        typed = name_key(sequel.words)
        for key in near[:SEQUEL_NAMED].tolist():
            for name in self.columns["names"][key]:
                words = name.split()
                begun = next((" ".join(words[:count]) for count in range(1, len(words) + 1)
                              if "".join(words[:count]) == typed), None)
                if begun is not None and begun != sequel.words:
                    return sequel_number(f"{begun} {sequel.number}") or sequel
        return sequel

    def _nth_by_initials(self, near: np.ndarray, words: str, number: int) -> list[int]:
        """The `number`th of a series typed by its initials, "lotr 2" (The Two Towers, where
        the words alone found the cartoon of 1978, The Lord of the Rings): the series of the
        best match whose initials the words are, read as if its name had been typed."""
        if not len(near):
            return []
        for name in self.columns["series"][int(near[0])]:  # articles too: "lotr"
            if "".join(word[0] for word in name.split()) == words.replace(" ", ""):
                return self._nth_of_series(super().search(name)[:SEQUEL_LOOK], name, number)
        return []

    def _numbered_by_fewer_words(self, near: np.ndarray, sequel: Sequel) -> list[int]:
        """A sequel titled by some of the words typed and its number, where its series is
        typed longer: "fast and furious 7" is Furious 7, "fast and furious 5" Fast Five,
        neither of which begins with the series' words, and the count by year stops at the
        films that do. It is of the words' best match's series (`_alike`), so a stranger's
        "Fast 5" is not the fifth. Looked up by name, each choice of the words in their
        order with the number however written (a keystroke's path: a scan of "the" reads
        thousands of titles)."""
        if not len(near):
            return []
        words = sequel.words.split()[:NUMBERED_WORDS]
        named = self._numbered([" ".join(chosen) for count in range(1, len(words) + 1)
                                for chosen in combinations(words, count)], sequel.number)
        return [key for key in named if self._alike(int(near[0]), key)][:1]

    def _numbered(self, stems: list[str], number: int) -> list[int]:
        """The films named by one of `stems` and `number` however written ("toy story" and
        3: "toy story 3", "toy story iii", "toy story three"), the best known first: looked
        up by name, not scanned."""
        named, bare = self._names(), self._bare_names()
        return sorted({key for stem in stems for spelled in number_spellings(number)
                       for key in (*named.get(f"{stem} {spelled}", ()),
                                   *bare.get(without_articles(f"{stem} {spelled}"), ()))})

    def _bare_names(self) -> dict[str, list[int]]:
        """The names (`names`) that hold an article inside, without it, to their films: a
        sequel's name as people type it ("fast and furious 2", MovieLens' "Fast and the
        Furious 2, The"). Made as the app prepares search, or at the first sequel a command
        names."""
        if self._by_bare_name is None:
            bare: dict[str, list[int]] = {}
            for key, names in enumerate(self.columns["names"]):
                for name in names:
                    if (without := without_articles(name)) != name:
                        bare.setdefault(without, []).append(key)
            self._by_bare_name = bare
        return self._by_bare_name

    def _alike(self, one: int, other: int) -> bool:
        """Two films that may be of one series: a lead in common, or a genre where either
        has no cast to tell (MovieLens' alone: its Fast & Furious 6)."""
        leads, others = self._leads(one), self._leads(other)
        if leads and others:
            return bool(leads & others)
        return not self._kinds(one).isdisjoint(self._kinds(other))

    def earlier_in_series(self, key: int) -> list[int]:
        """The films of the movie's series made before it, the earliest first: those sharing
        its title's series and one of its leads (The Fellowship of the Ring before The Return
        of the King, not the cartoon of 1978; The Godfather, with Pacino, before Part II;
        Spider-Man of 2002 is not before Homecoming). A film with no cast to tell (MovieLens'
        alone, and a few of TMDB's) has none."""
        leads = self._leads(key)
        return ([film for film in self.made_before_in_series(key) if leads & self._leads(film)]
                if leads else [])

    def made_before_in_series(self, key: int) -> list[int]:
        """The films whose titles share a series with the movie's, made before it, the
        earliest first, whatever their cast: a prequel or a reboot too (Star Wars of 1977
        before The Phantom Menace), and now and then a film merely titled alike (Heat before
        The Heat). A film with a cast follows only films with one: MovieLens alone has the
        cartoon of The Lord of the Rings (1978) and the Casino Royale of 1967, and of the 76
        ratings of a film after such a one disliked, 16 % liked it. A film without one
        (MovieLens' alone: Ghostbusters II, Star Wars: Episode VII) follows every one: 147
        ratings of it after every earlier film was disliked averaged 1.5 stars, 1 % liked."""
        year = self._years[key]
        if year is None:
            return []
        cast = self.columns["cast"]
        earlier = {film for film in self.in_series(key)
                   if (self._years[film] or year) < year and (cast[film] or not cast[key])}
        return sorted(earlier, key=lambda film: (self._years[film], film))

    def made_before_in_line(self, key: int) -> list[int]:
        """The films a dislike carries over from, made before the movie, the earliest first:
        its title's series' (`made_before_in_series`), and those with a lead in common whose
        title's series its names hold (The Matrix before The Matrix Reloaded, Alien before
        Aliens, Die Hard before A Good Day to Die Hard, as search counts "alien 2"): 57
        ratings of such a film after every such earlier film was disliked averaged 1.9 stars,
        7 % liked, against 3.4 and 40 % otherwise. Not what a sequel's note reads: now and
        then a word of a title is another film's with the same lead (Mad Max: Fury Road holds
        The Road's)."""
        year = self._years[key]
        if year is None:
            return []
        earlier = set(self.made_before_in_series(key)) | {
            film for film in self._sharing_a_lead(key)
            if (self._years[film] or year) < year and self._named_after(key, film)}
        return sorted(earlier, key=lambda film: (self._years[film], film))

    def in_line(self, key: int) -> set[int]:
        """The films `made_before_in_line` may find the movie before: its title's series,
        and those with a lead in common, made after it, whose names hold its title's
        series."""
        year = self._years[key]
        return self.in_series(key) | ({film for film in self._sharing_a_lead(key)
                                       if (self._years[film] or 0) > year
                                       and self._named_after(film, key)} if year else set())

    def _sharing_a_lead(self, key: int) -> set[int]:
        if self._by_lead is None:  # the column read whole: a command pays this once
            by_lead: dict[str, list[int]] = {}
            for film, cast in enumerate(self.columns["cast"]):
                for lead in cast[:LEADS]:
                    by_lead.setdefault(lead, []).append(film)
            self._by_lead = by_lead
        return {film for lead in self._leads(key) for film in self._by_lead.get(lead, ())
                if film != key}

    def _named_after(self, later: int, earlier: int) -> bool:
        """Whether `later`'s names hold the series of `earlier`'s title, another series than
        its own."""
        series = self._series_index()[1]
        return not series[earlier] & series[later] and any(
            f" {name}" in f" {title}" for name in series[earlier]
            for title in self.columns["names"][later])

    def in_series(self, key: int) -> set[int]:
        """The films whose titles share a series with the movie's, its own among them."""
        films, series = self._series_index()
        return {film for name in series[key] for film in films.get(name, ())}

    def _series_index(self) -> tuple[dict[str, list[int]], list[frozenset[str]]]:
        """Each title series' films, and each film's title series (`_series_names`), read
        once: a command that reads a series pays this once, the column read whole."""
        if self._series is None:
            series = [_bare_series(names) for names in self.columns["series"]]
            films: dict[str, list[int]] = {}
            for film, names in enumerate(series):
                for name in names:
                    films.setdefault(name, []).append(film)
            self._series = (films, series)
        return self._series

    def _kinds(self, key: int) -> set[str]:
        """Its genres by TMDB's names, whichever catalogue gave them."""
        return {tmdb_genre(genre) for genre in self.columns["genres"][key]}

    def _leads(self, key: int) -> set[str]:
        return set(self.columns["cast"][key][:LEADS])

    def _series_names(self, key: int) -> frozenset[str]:
        """Its titles' series in both catalogues (MovieLens' "Star Wars: Episode V - …" is
        TMDB's "The Empire Strikes Back"), worked out where the list is built (it took the
        first personal list 57 ms at ml-latest-small): one film's, where search reads a few
        and `_series_index` every one."""
        return _bare_series(self.columns["series"][key])

    def by_tmdb(self, tmdb_id: int) -> MovieEntry | None:
        """The film TMDB knows by `tmdb_id`: one of TMDB 5000's, else a MovieLens film
        links.csv gives that id (its entry's `tmdb_id` is None: not in TMDB 5000)."""
        key = self._by_tmdb.get(tmdb_id, self._by_tmdb_link.get(tmdb_id))
        return None if key is None else self.entry(key)

    def by_movielens(self, ml_id: int) -> MovieEntry | None:
        key = self._by_ml.get(ml_id)
        return None if key is None else self.entry(key)

    def by_imdb(self, imdb_id: int) -> MovieEntry | None:
        key = self._by_imdb.get(imdb_id)
        return None if key is None else self.entry(key)

    def by_link(self, link: Link) -> MovieEntry | None:
        """The film an IMDb or a TMDB link names (None for a Letterboxd one: its title is
        searched)."""
        if link.imdb_id is not None:
            return self.by_imdb(link.imdb_id)
        return None if link.tmdb_id is None else self.by_tmdb(link.tmdb_id)

    def by_title(self, title: str, year: int | None) -> MovieEntry | None:
        """The best-known movie named `title` (`names`: any of its titles in either
        catalogue, any case, accents or punctuation, with or without a leading article)
        and this year (any year when None); or named so with its number written another way
        ("toy story three", "rocky two", "godfather 2"), where none is or a far better
        known one is (`rate "ocean's 11" 4` rated MovieLens' film of 1960, "a.k.a. Ocean's
        11", not Ocean's Eleven of 2001)."""
        bare = bare_title(title)
        sequel = sequel_number(bare)
        spelled = [] if sequel is None else self._numbered(
            [f"{sequel.words}{part}" for part in SEQUEL_PARTS], sequel.number)
        named, spelled = ([key for key in keys if year is None or self._years[key] == year]
                          for keys in (self._names().get(bare, []), spelled))
        kept = self._not_outshone(named, spelled[:1]) or spelled
        return self.entry(kept[0]) if kept else None

    def passes(self, item: Identified, movie_filter: MovieFilter) -> bool:
        """Whether the movie `item` (a pick, an entry) names is one `movie_filter` lets
        through; a movie this index does not know (or a part it has no figure for) is not."""
        entry = self.entry_of(item)
        return entry is not None and self._passes(entry.key, movie_filter)

    def entry_of(self, movie: Identified) -> MovieEntry | None:
        """The catalogue's movie a rating, a mark or a pick is of, by either id; None for
        one this index lacks."""
        entry = self.by_movielens(movie.movielens_id) if movie.movielens_id else None
        return entry or (self.by_tmdb(movie.tmdb_id) if movie.tmdb_id else None)

    def by_key(self, kind: str, movie: int) -> MovieEntry | None:
        """A movie as `Ask.left_out` names it: ("tmdb" or "movielens", its id there)."""
        return self.by_tmdb(movie) if kind == "tmdb" else self.by_movielens(movie)

    def allowed(self, movie_filter: MovieFilter) -> Allowed:
        """Every movie `movie_filter` lets through, by its ids (worked out once a filter)."""
        if movie_filter not in self._allowed:
            keys = [key for key in range(len(self)) if self._passes(key, movie_filter)]
            self._allowed[movie_filter] = Allowed(*(
                np.unique(np.array([ids[key] for key in keys if ids[key] is not None],
                                   dtype=np.int64)) for ids in (self._tmdb_ids, self._ml_ids)))
        return self._allowed[movie_filter]

    def _passes(self, key: int, f: MovieFilter) -> bool:
        columns = self.columns
        if f.genre is not None and self._named(f.genre).isdisjoint(columns["genres"][key]):
            return False
        if any(not self._named(genre).isdisjoint(columns["genres"][key]) for genre in f.without):
            return False
        for value, (low, high) in ((columns["year"][key], f.years),
                                   (columns["runtime"][key], f.runtime)):
            if (low is not None or high is not None) and (
                    value is None or value != value or (low is not None and value < low)
                    or (high is not None and value > high)):
                return False
        if f.language and columns["language"][key].casefold() != f.language.casefold():
            return False
        return not (f.min_votes and (columns["vote_count"][key] or 0) < f.min_votes)

    def _named(self, genre: str) -> frozenset[str]:
        """The genres, as movies here carry them, that `genre` names (in either catalogue's
        name, any case or punctuation): worked out once a genre, not once a movie."""
        if genre not in self._genre_names:
            wanted = name_key(tmdb_genre(genre))
            self._genre_names[genre] = frozenset(
                known for known in self.all_genres() if name_key(tmdb_genre(known)) == wanted)
        return self._genre_names[genre]

    def known_share(self, key: int) -> float:
        """How well known a movie is, 0-1: its MovieLens ratings as a share of the most rated
        film's, else its TMDB votes as a share of the most voted film's."""
        columns = self.columns
        if columns["ml_ratings"][key]:
            if self._raters is None:
                self._raters = max(1, max(columns["ml_ratings"]))
            return columns["ml_ratings"][key] / self._raters
        if self._most_votes is None:
            self._most_votes = max(1, max((v or 0) for v in columns["vote_count"]))
        return (columns["vote_count"][key] or 0) / self._most_votes

    def imdb_id(self, key: int) -> int | None:
        return self.columns["imdb_id"][key]

    def tmdb_link(self, key: int) -> int | None:
        """TMDB's id of the film: TMDB 5000's, else the one links.csv gives it."""
        return self._tmdb_ids[key] if self._tmdb_ids[key] is not None else (
            self.columns["tmdb_link"][key])

    def details(self, key: int) -> MovieDetails:
        columns = self.columns
        return MovieDetails(self.entry(key), *(columns[name][key] for name in (
            "overview", "genres", "director", "cast", "vote_average", "vote_count", "runtime",
            "ml_ratings", "ml_mean", "imdb_id")), self.tmdb_link(key))

    def titled(self, title: str) -> list[MovieEntry]:
        """The TMDB movies titled exactly `title` (in any case; else their original title;
        else any of their `names`: without accents, punctuation or a leading article, or
        as MovieLens titles them, "seven" for Se7en), the most voted first."""
        wanted = title.casefold()
        titles, originals = self._titles, self.columns["original_title"]
        tmdb = self._by_tmdb.values()
        for found in ([key for key in tmdb if titles[key].casefold() == wanted],
                      [key for key in tmdb if originals[key].casefold() == wanted],
                      [key for key in self._names().get(bare_title(title), [])
                       if self._tmdb_ids[key] is not None]):
            if found:
                votes = self.columns["vote_count"]
                return [self.entry(key) for key in sorted(found, key=lambda k: -votes[k])]
        return []

    def titled_in_part(self, name: str) -> list[int]:
        """The films one part of whose title (`title_parts`) is `name` (bare): read once, when
        an import first has a title no film bears whole."""
        if self._by_part is None:
            self._by_part = {}
            for key, title in enumerate(self._titles):
                for part in title_parts(title):
                    self._by_part.setdefault(part, []).append(key)
        return self._by_part.get(name, [])

    def last_year(self) -> int | None:
        """The year of the newest movie either catalogue holds."""
        return max((int(year) for year in self._years if year), default=None)

    def all_genres(self) -> list[str]:
        """Every genre either catalogue gives a movie, by TMDB's names where it has one: read
        once (6 ms at ml-latest-small, which every tuned list paid)."""
        if self._all_genres is None:
            self._all_genres = sorted({genre for genres in self.columns["genres"]
                                       for genre in genres})
        return list(self._all_genres)

    def chart_genres(self) -> list[str]:
        """The genres a chart filters by: TMDB's, or where the data has no TMDB 5000,
        MovieLens' (as `building.chart_build` charts). Never both: MovieLens-only movies'
        genres ("Sci-Fi", "IMAX") are no chart's."""
        genres = self.columns["genres"]
        keys = self._by_tmdb.values() if self._by_tmdb else range(len(self))
        return sorted({genre for key in keys for genre in genres[key]})


def _bare_series(names: Iterable[str]) -> frozenset[str]:
    """A film's title series read without their articles: The Fast and the Furious and Fast &
    Furious are one series."""
    return frozenset(without_articles(name) for name in names)


class UserIndex(SearchableTable):
    """MovieLens users with how much they rated and the genres they like most."""

    def __init__(self, columns: Columns) -> None:
        """`columns` as `user_columns` makes them. Entries are made as rows are drawn: at
        ml-32m's 200k users, making them all first cost most of a second of every start."""
        super().__init__(columns["search"])
        self.columns = columns
        self._by_id = {user: key for key, user in enumerate(columns["user_id"])}

    def entry(self, key: int) -> UserEntry:
        columns = self.columns
        return UserEntry(key, columns["user_id"][key], columns["ratings"][key],
                         float(columns["mean"][key]),
                         list(zip(columns["genres"][key], columns["genre_counts"][key],
                                  strict=True)),
                         columns["histogram"][key])

    def by_id(self, user_id: int) -> UserEntry | None:
        key = self._by_id.get(user_id)
        return None if key is None else self.entry(key)

    def check(self, user_id: int) -> None:
        """Raise what is said of an id no user has."""
        if user_id not in self._by_id:
            raise unknown_user(user_id, list(self._by_id))


@dataclass(frozen=True)
class CatalogIndex:
    """Both lists. They are cached beside the catalogue, so a warm start reads two files of
    arrays instead of grouping 100k ratings and folding every title again, and never imports
    pandas."""

    movies: MovieIndex
    users: UserIndex

    def save(self, folder: Path) -> None:
        save_columns(folder / "movies", MOVIE_COLUMNS, self.movies.columns)
        save_columns(folder / "users", USER_COLUMNS, self.users.columns)

    @classmethod
    def load(cls, folder: Path) -> CatalogIndex:
        return cls(MovieIndex(load_columns(folder / "movies", MOVIE_COLUMNS)),
                   UserIndex(load_columns(folder / "users", USER_COLUMNS)))

    def prepare_search(self) -> None:
        """Both lists' first-key scans made ready, off the screen's thread, after they show."""
        self.movies.prepare()
        self.movies.prepare_sequels()
        self.users.prepare()
