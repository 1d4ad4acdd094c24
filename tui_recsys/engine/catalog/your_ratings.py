"""Your ratings against the catalogues: a file from elsewhere matched to movies, and a movie
from the lists turned into a rating to keep."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from tui_recsys.data.letterboxd import Film
from tui_recsys.data.links import SHORT, SHORT_LINK
from tui_recsys.data.marks_file import (
    HIDDEN,
    NOT_SEEN,
    SEEN,
    WATCHLIST,
    Mark,
    Marks,
    put_there_after,
)
from tui_recsys.data.profile_file import Profile, Rated, replaces
from tui_recsys.data.rating_files import ImportedRow, RatingFile
from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.data.titles import (
    bare_title,
    before_other_name,
    numbers_as_digits,
    without_numbers,
)
from tui_recsys.engine.answer import NOT_INTERESTED, Recommendation
from tui_recsys.engine.catalog.entries import GENRE_MIX, MovieEntry, UserEntry
from tui_recsys.engine.catalog.finding import LONGEST_TITLE, title_and_year
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.question import Ask, Member, Noted, keys_of
from tui_recsys.text import plural

T = TypeVar("T", Rated, Mark)
YOU = -1  # your key in the users list, which no MovieLens user has


def rated(entry: MovieEntry, stars: float, rated_at: int = 0) -> Rated:
    return Rated(entry.ml_id, entry.tmdb_id, entry.title, entry.year, stars, rated_at)


def match(row: ImportedRow, movies: MovieIndex) -> MovieEntry | None:
    """The movie a row names: by its ids first (exact), then by title and year, or a year
    either side (sites date a film by different releases)."""
    for found in (movies.by_movielens(row.movielens_id) if row.movielens_id else None,
                  movies.by_tmdb(row.tmdb_id) if row.tmdb_id else None,
                  movies.by_imdb(row.imdb_id) if row.imdb_id else None):
        if found is not None:
            return found
    if not row.title:
        return None
    title, year = (row.title, row.year) if row.year else title_and_year(movies, row.title)
    years = (year, year - 1, year + 1) if year else (None,)
    exact = next((found for year in years
                  if (found := movies.by_title(title, year)) is not None), None)
    if exact is not None or row.television:  # an episode: a search for nothing
        return exact
    return _titled_in_part(title, year, movies) if year else _numbered_alike(title, movies)


def _titled_in_part(title: str, year: int, movies: MovieIndex) -> MovieEntry | None:
    """The one film of the row's year (else of a year either side) titled so in part: the
    row's title is one part of the film's ("Castle in the Sky" is Laputa: Castle in the
    Sky, "Avengers: Infinity War" MovieLens' "Avengers: Infinity War - Part I"), or the
    film's title is the row's without the other name the row gives ("Birdman or (The
    Unexpected Virtue of Ignorance)" is Birdman). Never a film's whole title as a part of
    the row's: a film the catalogues lack is often a short or a making-of that shares its
    main film's year and name (Watchmen: Tales of the Black Freighter is no Watchmen). Of
    two such films, none is taken."""
    in_part, shorter = movies.titled_in_part(bare_title(title)), before_other_name(title)
    for years in ((year,), (year - 1, year + 1)):
        found = {key for key in in_part if movies.entry(key).year in years} | {
            entry.key for made in years if shorter is not None
            and (entry := movies.by_title(shorter, made)) is not None}
        if found:
            return movies.entry(found.pop()) if len(found) == 1 else None
    return None


def _numbered_alike(title: str, movies: MovieIndex) -> MovieEntry | None:
    """A title without a year (Netflix's) that writes a number another way than the
    catalogues: "John Wick: Chapter 2" is MovieLens' "John Wick: Chapter Two". The best known
    of the search's matches whose title is the same but for that."""
    bare = bare_title(title)
    words = without_numbers(bare)
    if words in (bare, ""):
        return None  # no number in it, or nothing else
    wanted = numbers_as_digits(bare)
    return next((entry for key in movies.search(words)[:NUMBERED_ALIKE]
                 if numbers_as_digits(bare_title((entry := movies.entry(int(key))).title))
                 == wanted), None)


NUMBERED_ALIKE = 20  # of the search's matches, read for one numbered another way


@dataclass(frozen=True)
class Unmatched:
    row: ImportedRow
    why: str


def unmatched_because(row: ImportedRow, movies: MovieIndex, last_year: int | None) -> str:
    """Why no movie of the catalogues is the one a row names, as far as the row tells, and
    the films of about its year (`NEAREST_YEARS`) the search finds for its title: Letterboxd's "The
    Fellowship of the Ring" written without "The Lord of the Rings: ", or a typo, to correct
    in the file (a guess is never imported: a wrong one would be a rating of another film)."""
    if row.television:
        return f"a TV title ({row.title_type}); the catalogues hold films"
    if row.only_an_unread_link:
        what = SHORT_LINK if SHORT.fullmatch(row.link) else "no film's page"
        return (f"its link is {what}; give the film page's address (letterboxd.com/film/...), "
                f"the Title or the tmdbID")
    if row.year and last_year and row.year > last_year:
        return f"newer than the data, whose films end in {last_year}"
    found = (movies.search_or_nearest(row.title, NEAREST_READ)[0][:NEAREST_READ]
             if row.title and len(row.title) <= LONGEST_TITLE else [])
    near = (entry for entry in map(movies.entry, map(int, found))
            if not row.year or abs((entry.year or 0) - row.year) <= NEAREST_YEARS)
    said = "; ".join(f"{entry.title} ({entry.year or 'no year'})"
                     for entry in itertools.islice(near, NEAREST))
    return ("no movie of the catalogues has its ids, or its title and year"
            + (f"; did you mean {said}?" if said else ""))


NEAREST_READ = 50  # of the search's matches for an unmatched row's title, read for its year
NEAREST = 2  # films said
# How far a film said may be dated from the row, a suggestion only (a match is a year either
# side): Letterboxd's Andrei Rublev is of 1966, MovieLens' of 1969, when it was released.
NEAREST_YEARS = 3


@dataclass
class ImportReport:
    kind: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    yours_newer: int = 0  # films you rated here on a later day than the file's row: yours kept
    duplicates: int = 0  # rows naming a movie an earlier row named (`_matched` keeps one)
    unrated: int = 0  # rows of a film watched but not rated, skipped
    rated: int = 0  # films seen that you rated, not marked seen: the rating says so already
    seen: int = 0  # films to watch that you rated, saw or hid since, not put on the watchlist
    off_watchlist: int = 0  # films newly marked seen that were on the watchlist: taken off
    unhidden: int = 0  # films put on the watchlist after you hid them: not hidden any more
    unmatched: list[Unmatched] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return self.new + self.changed + self.unchanged + self.yours_newer

    def summary(self, source: str = "file") -> str:
        """`source`: which file, where an import reads several (ratings.csv)."""
        return (f"{self.kind} {source}: {self.matched:,} matched ({self.new:,} new, "
                f"{self.changed:,} changed, {self.unchanged:,} unchanged{self._kept()}), "
                f"{len(self.unmatched):,} unmatched, {plural(self.duplicates, 'duplicate')}, "
                f"{self.unrated:,} without a rating skipped")

    def _kept(self) -> str:
        return (f", {self.yours_newer:,} kept as you rated them later"
                if self.yours_newer else "")


def _matched(file: RatingFile, movies: MovieIndex, report: ImportReport,
             make: Callable[[MovieEntry, ImportedRow], T]) -> dict[tuple[str, int], T]:
    """Each of the file's rows that names a movie, made into what is kept of it by `make`,
    one per movie (the others count as duplicates): the latest, the later row, or where both
    rows have a day the later day's (Netflix lists the newest first; a diary a film rewatched
    and rated again); the rows that name none go to the report's unmatched, each with why."""
    chosen: dict[tuple[str, int], T] = {}
    dated: dict[tuple[str, int], int] = {}
    last_year = movies.last_year()
    for row in file.rows:
        entry = match(row, movies)
        if entry is None:
            report.unmatched.append(Unmatched(row, unmatched_because(row, movies, last_year)))
            continue
        kept = make(entry, row)
        key = kept.key  # type: ignore[attr-defined]
        if key in chosen:
            report.duplicates += 1
            if not replaces(row.rated_at, dated[key]):
                continue
        chosen[key], dated[key] = kept, row.rated_at
    return chosen


def import_ratings(profile: Profile, file: RatingFile, movies: MovieIndex) -> ImportReport:
    """Merge the file's ratings into `profile`, each with the date the file gives: importing
    the same file twice changes nothing, and an older export (a site's, which knows nothing of
    what you rated here since) never undoes a rating you made on a later day."""
    report = ImportReport(file.kind, unrated=file.unrated)
    chosen = _matched(file, movies, report, lambda entry, row: rated(entry, row.stars,
                                                                    row.rated_at))
    for rating in chosen.values():
        before = profile.find(rating.movielens_id, rating.tmdb_id)
        if before is not None and _later_day(before, rating) and before.stars != rating.stars:
            report.yours_newer += 1
        elif profile.rate(rating, as_then=True):
            if before is None:
                report.new += 1
            else:
                report.changed += 1
        else:
            report.unchanged += 1
    return report


def _later_day(yours: Rated, theirs: Rated) -> bool:
    """Whether you rated it on a later day than the file says: by the day, as sites date a
    rating (Letterboxd: the day alone), so a rating of the same day is the file's to change."""
    return bool(yours.rated_on and theirs.rated_on and yours.rated_on > theirs.rated_on)


def import_marks(marks: Marks, kind: str, file: RatingFile, movies: MovieIndex,
                 profile: Profile | None = None) -> ImportReport:
    """Put the file's films on your `kind` list, each marked when the file says: importing the
    same file twice changes nothing. A film seen that `profile` rates is left off the seen
    list, which holds what you saw without rating it (Letterboxd's watched.csv has both); a
    film to watch that `profile` rates or the marks say you saw or hid is left off the
    watchlist, as rating it or marking it seen or not interested takes it off (an older
    watchlist export brought them back), unless the file put it there on a later day than
    each of those (to see again, or a mind changed: then it is hidden no more); a film newly
    marked seen is taken off it, as `seen` does."""
    report = ImportReport(file.kind)

    def marked(entry: MovieEntry, row: ImportedRow) -> Mark:
        return Mark(kind, entry.ml_id, entry.tmdb_id, entry.title, entry.year, row.rated_at)

    if kind == WATCHLIST:  # a list that gives your rating of a film (IMDb's): seen, not to watch
        rated_there = replace(file, rows=[row for row in file.rows if row.stars])
        file = replace(file, rows=[row for row in file.rows if not row.stars])
        report.seen = len(_matched(rated_there, movies, report, marked))
    chosen = _matched(file, movies, report, marked)
    for mark in chosen.values():
        ids = mark.movielens_id, mark.tmdb_id
        rated = profile is not None and profile.find(*ids) is not None
        if kind == SEEN and rated:
            report.rated += 1
        elif kind == WATCHLIST and profile is not None and _done_since(mark, profile, marks):
            # on it here since (to see again): already there, not "not to watch"
            there = marks.find(WATCHLIST, *ids) is not None
            report.unchanged += there
            report.seen += not there
        else:  # our own marks file (no profile) puts back exactly what it held
            displacing = kind == SEEN or (kind == WATCHLIST and profile is not None)
            new, off = (marks.add_displacing(mark, as_then=True) if displacing
                        else (marks.add(mark, as_then=True), None))
            report.new += new
            report.unchanged += not new
            report.off_watchlist += off == WATCHLIST
            report.unhidden += off == HIDDEN
    return report


def _done_since(wanted: Mark, profile: Profile, marks: Marks) -> bool:
    """Whether a film the file puts on the watchlist was rated, seen or hidden since it was
    put there (or either moment is not known): left off. Put there after each, it was
    meant (`put_there_after`)."""
    ids = wanted.movielens_id, wanted.tmdb_id
    rating = profile.find(*ids)
    done = [*([rating.rated_at] if rating else []),
            *(mark.marked_at for mark in (marks.find(SEEN, *ids), marks.find(HIDDEN, *ids))
              if mark is not None)]
    return bool(done) and not all(put_there_after(wanted, moment) for moment in done)


def profile_entry(profile: Profile, movies: MovieIndex, key: int = YOU,
                  name: str = "You") -> UserEntry:
    """You (or a friend's ratings file), as the users list shows a user: how many ratings,
    the stars given, and the genres of the movies liked."""
    stars = [r.stars for r in profile.ratings.values()]
    histogram = [0] * 10
    for value in stars:
        histogram[round(value * 2) - 1] += 1
    genres: Counter[str] = Counter()
    for r in profile.ratings.values():
        entry = movies.entry_of(r)
        if entry is not None and r.stars >= LIKED_RATING:
            genres.update(movies.details(entry.key).genres)
    mix = sorted(genres.items(), key=lambda item: (-item[1], item[0]))[:GENRE_MIX]
    return UserEntry(key, 0, len(stars), sum(stars) / len(stars) if stars else 0.0, mix,
                     histogram, name)


def seen_ids(marks: Marks) -> tuple[int, ...]:
    """The MovieLens ids of the movies marked seen: what For you folds in beside ratings."""
    return tuple(mark.movielens_id for mark in marks.of(SEEN) if mark.movielens_id is not None)


def seen_unrated(profile: Profile, marks: Marks) -> list[Mark]:
    """The films marked seen that you did not rate too: what Letterboxd logs without a
    rating, and what For you reads beside your ratings (a film both rated and marked seen is
    one of your ratings)."""
    return [mark for mark in marks.of(SEEN)
            if profile.find(mark.movielens_id, mark.tmdb_id) is None]


def not_seen_ids(profile: Profile, marks: Marks) -> frozenset[int]:
    """The MovieLens ids of the movies you have not seen: those a quick start asked and you
    said so, and those on your watchlist (to watch, so not yet). Never asked about in a quick
    start, nor offered to rate first. One you rated or marked seen since is seen."""
    seen = {key for key in left_out(profile, marks) if key[0] == "movielens"}
    return frozenset(mark.movielens_id for mark in [*marks.of(NOT_SEEN), *marks.of(WATCHLIST)]
                     if mark.movielens_id is not None
                     and ("movielens", mark.movielens_id) not in seen)


def left_out(profile: Profile, marks: Marks) -> frozenset[tuple[str, int]]:
    """What recommendations leave out: every movie you rated, saw or are not interested in."""
    return keys_of(profile.ratings.values()) | seen_or_hidden(marks)


def watchlist_keys(marks: Marks) -> frozenset[tuple[str, int]]:
    """The movies on someone's watchlist, as an `Ask` or a movie night's `Member` flags them."""
    return keys_of(marks.of(WATCHLIST))


def hidden_keys(marks: Marks) -> frozenset[tuple[str, int]]:
    """The movies someone is not interested in, as an `Ask` or a movie night's `Member`
    holds them."""
    return keys_of(marks.of(HIDDEN))


def seen_or_hidden(marks: Marks) -> frozenset[tuple[str, int]]:
    """What someone saw or is not interested in: left out of a list for them, as what they
    rated is (a friend's marks, kept beside their profile, at a movie night)."""
    return keys_of([*marks.of(SEEN), *marks.of(HIDDEN)])


def for_you_asked(ask: Ask, profile: Profile, marks: Marks) -> Ask:
    """For you's question from your files, as the app and the command line both ask it: your
    ratings, the films marked seen without stars (read as choices), those you have not seen
    (never offered to rate first) and those you are not interested in (no sequel of theirs)."""
    return replace(ask, ratings=tuple(profile.ratings.values()), seen=seen_ids(marks),
                   not_seen=not_seen_ids(profile, marks), hidden=hidden_keys(marks))


def member(name: str, ratings: Iterable[Rated], marks: Marks | None) -> Member:
    """Someone of a movie night by their ratings (yours, a friend's file) and the marks kept
    beside them: their watchlist, and the films they are not interested in."""
    if marks is None:
        return Member(name, ratings=tuple(ratings))
    return Member(name, ratings=tuple(ratings), watchlist=watchlist_keys(marks),
                  hidden=hidden_keys(marks))


def yours_asked(ask: Ask, marks: Marks, profile: Profile, *, only_watchlist: bool,
                include_seen: bool = False) -> Ask:
    """A list of yours as your files draw it: your watchlist flagged (or, `only_watchlist`,
    the list drawn from it alone), and what you rated, saw or hid left out, or with
    `include_seen` shown again, each such pick saying which it is: the list said nothing, and
    with the app's note gone nothing on screen told it from the list without them."""
    ask = replace(ask, flagged=watchlist_keys(marks), only_flagged=only_watchlist)
    if include_seen:
        return replace(ask, noted=noted(profile, marks))
    return replace(ask, left_out=left_out(profile, marks))


def noted(profile: Profile, marks: Marks) -> Noted:
    """Each movie you rated, saw or hid, by key, and which (`Ask.noted`); a rating first."""
    said = dict.fromkeys(hidden_keys(marks), what_you_did(None, {HIDDEN}))
    said.update(dict.fromkeys(keys_of(marks.of(SEEN)), what_you_did(None, {SEEN})))
    for rated in profile.ratings.values():
        said.update(dict.fromkeys(keys_of([rated]), what_you_did(rated, ())))
    return tuple(said.items())


def what_you_did(rating: Rated | None, kinds: Collection[str]) -> str:
    """What a pick you rated (`rating`) or marked (`kinds`) says where it is shown though
    lists leave it out (`Recommendation.yours`): "rated 4.5", "seen", "not interested"; ""
    for the watchlist, which leaves nothing out."""
    if rating is not None:
        return f"rated {rating.stars:g}"
    return "seen" if SEEN in kinds else NOT_INTERESTED if HIDDEN in kinds else ""


def yours_of(entry: MovieEntry, profile: Profile, marks: Marks) -> tuple[str, bool]:
    """What you did of `entry` (`what_you_did`), and whether it is on your watchlist: what
    `search` says beside each match, so "did I rate Aliens?" is one command."""
    ids = entry.ml_id, entry.tmdb_id
    kinds = {kind for kind in (SEEN, HIDDEN) if marks.find(kind, *ids) is not None}
    return (what_you_did(profile.find(*ids), kinds),
            marks.find(WATCHLIST, *ids) is not None)


def noted_with_theirs(noted: Noted, theirs: Iterable[tuple[str, Marks]]) -> Noted:
    """`noted` (yours) with what the friends at a movie night saw or hid, each saying whose
    ("seen by sam", "sam: not interested") where it says nothing of yours: `i` showed them
    again there unmarked."""
    said = dict(noted)
    for name, marks in theirs:
        for key in keys_of(marks.of(SEEN)):
            said.setdefault(key, f"seen by {name}")
        for key in hidden_keys(marks):
            said.setdefault(key, f"{name}: {NOT_INTERESTED}")
    return tuple(said.items())


def films(movies: Iterable[Rated | Mark | Recommendation], index: MovieIndex) -> list[Film]:
    """Each movie as Letterboxd imports it, its TMDB and IMDb ids from the catalogue (links.csv
    gives TMDB's of a film TMDB 5000 lacks); a rating with its stars and the day it was made,
    a mark of one seen with that day."""
    rows = []
    for movie in movies:
        entry = index.entry_of(movie)
        rating = movie.stars if isinstance(movie, Rated) else None
        day = (movie.rated_on if isinstance(movie, Rated) else
               movie.marked_on if isinstance(movie, Mark) and movie.kind == SEEN
               else "")
        rows.append(Film(movie.title, movie.year,
                         index.tmdb_link(entry.key) if entry else movie.tmdb_id,
                         index.imdb_id(entry.key) if entry else None, rating, day))
    return rows
