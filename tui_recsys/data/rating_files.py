"""Ratings people already have elsewhere, read into rows to match against the catalogues: an
IMDb ratings export, a Letterboxd ratings.csv, a MovieLens-style ratings.csv for one user, a
profile exported by `tui-recsys profile export`, or any other CSV as Letterboxd's importer
reads it (another tool's file for it, a spreadsheet of one's films). The format is told by the
header row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui_recsys.data import user_files, viewing_history
from tui_recsys.data.links import Link, read_link
from tui_recsys.data.marks_file import COLUMNS as MARK_COLUMNS
from tui_recsys.data.marks_file import KINDS as MARK_KINDS
from tui_recsys.data.profile_file import COLUMNS as PROFILE_COLUMNS
from tui_recsys.data.profile_file import parse_moment, parse_stars
from tui_recsys.data.spreadsheet import delimiter, number, plain_cell
from tui_recsys.errors import DataError
from tui_recsys.text import clean, echo


@dataclass(frozen=True)
class ImportedRow:
    """One rating as the file gives it: whichever ids or title it has, and its stars."""

    line: int
    stars: float
    title: str = ""
    year: int | None = None
    movielens_id: int | None = None
    tmdb_id: int | None = None
    imdb_id: int | None = None
    rated_at: int = 0  # when the site says it was rated (seconds since the epoch), 0 if not
    title_type: str = ""  # IMDb's "Title Type": Movie, TV Series, TV Episode, ...
    listed: str = ""  # in a file of our marks, the list it was on (watchlist, seen, ...)
    link: str = ""  # the film's page as a file for Letterboxd's importer gives it (LetterboxdURI)

    @property
    def television(self) -> bool:
        return self.title_type.casefold().startswith(("tv", "podcast"))

    def describe(self) -> str:
        if self.title:
            return f"{self.title} ({self.year})" if self.year else self.title
        if self.imdb_id is not None:
            return f"tt{self.imdb_id:07d}"
        if self.tmdb_id is not None:
            return f"TMDB id {self.tmdb_id}"
        if self.movielens_id is not None:
            return f"MovieLens id {self.movielens_id}"
        return self.link or "(no title)"

    @property
    def only_an_unread_link(self) -> bool:
        """Whether the row names its film by nothing but a link that names none here (a
        boxd.it one, which only Letterboxd's site can tell)."""
        named = self.title or self.imdb_id or self.tmdb_id or self.movielens_id
        return bool(self.link) and not named


Parse = Callable[[dict[str, str], int, str], ImportedRow]


@dataclass(frozen=True)
class Layout:
    """A file's layout, told by its header: the columns it must have (`needed`, and one at
    least of `one_of`), the column of its stars ("" in a list of films), how a row is read;
    `as_importer`: its columns named as Letterboxd's importer reads a header, whatever their
    case or spacing (`importer_names`), else exactly as written."""

    kind: str
    needed: tuple[str, ...]
    stars: str
    parse: Parse
    one_of: tuple[str, ...] = ()
    as_importer: bool = False

    def names(self, fieldnames: list[str]) -> list[str]:
        return importer_names(fieldnames) if self.as_importer else fieldnames

    def fits(self, fieldnames: list[str]) -> bool:
        header = set(self.names(fieldnames))
        return header.issuperset(self.needed) and (not self.one_of
                                                   or not header.isdisjoint(self.one_of))


@dataclass(frozen=True)
class RatingFile:
    kind: str  # "IMDb", "Letterboxd", "MovieLens", "tui-recsys"
    rows: list[ImportedRow]
    unrated: int = 0  # rows of a watched film with no rating, skipped
    said: str = ""  # what reading it left out, for the import to say (Netflix's days)


def _moment(text: str | None, where: str, column: str) -> int:
    """A site's date (ISO, as IMDb and Letterboxd export it) or seconds since the epoch (as
    MovieLens does); 0 when there is none."""
    text = (text or "").strip()
    if not text:
        return 0
    seconds = int(text) if text.isdigit() and len(text) <= 12 else parse_moment(text)
    if seconds is None:
        raise DataError(f"{where}: {column} {echo(text)} is not a date such as 2024-05-14; fix "
                        f"or empty it")
    return seconds


WHOLE = re.compile(r"[0-9]{1,18}(?:\.0*)?")  # "1999", or "1999.0" as a spreadsheet writes it
TT = re.compile(r"tt([0-9]{1,12})")


def _whole(text: str, where: str, column: str) -> int | None:
    """A whole number read as an integer, never through a float (which turned
    99999999999999999999 into 100000000000000000000), within what an id or a year can be."""
    text = text.strip()
    if not text:
        return None
    if not WHOLE.fullmatch(text):
        raise DataError(f"{where}: {column} {echo(text)} is not a whole number of at most 18 "
                        f"digits; fix or remove the row")
    return int(text.partition(".")[0])


def _const(row: dict[str, str], where: str) -> int:
    """An IMDb export's id (its Const, tt0114709) as a number."""
    const = row["Const"].strip()
    found = TT.fullmatch(const)
    if found is None:
        raise DataError(f"{where}: Const {echo(const)} is not an IMDb id like tt0114709; fix or "
                        f"remove the row")
    return int(found[1])


def _out_of_ten(text: str, where: str, column: str) -> float:
    """A rating of 1 to 10 (IMDb's, Letterboxd importer's Rating10), in half stars."""
    text = text.strip()
    score = int(text.partition(".")[0]) if WHOLE.fullmatch(text) else 0
    if not 1 <= score <= 10:
        raise DataError(f"{where}: {column} {echo(text)} is not a whole number from 1 to 10; "
                        f"fix or remove the row")
    return score / 2


def _imdb(row: dict[str, str], line: int, where: str) -> ImportedRow:
    imdb_id = _const(row, where)
    return ImportedRow(line, _out_of_ten(row["Your Rating"], where, "Your Rating"),
                       clean(row.get("Title") or ""),
                       _whole(row.get("Year") or "", where, "Year"), imdb_id=imdb_id,
                       rated_at=_moment(row.get("Date Rated"), where, "Date Rated"),
                       title_type=clean(row.get("Title Type") or ""))


def _letterboxd(row: dict[str, str], line: int, where: str) -> ImportedRow:
    return ImportedRow(line, parse_stars(row["Rating"].strip(), where), clean(row["Name"]),
                       _whole(row.get("Year") or "", where, "Year"),
                       rated_at=_moment(row.get("Date"), where, "Date"))


def _movielens(row: dict[str, str], line: int, where: str) -> ImportedRow:
    return ImportedRow(line, parse_stars(row["rating"].strip(), where),
                       movielens_id=_whole(row["movieId"], where, "movieId"),
                       rated_at=_moment(row.get("timestamp"), where, "timestamp"))


def _exported(row: dict[str, str], line: int, where: str) -> ImportedRow:
    return ImportedRow(line, parse_stars(row["rating"].strip(), where),
                       clean(plain_cell(row["title"])),
                       _whole(row["year"], where, "year"),
                       movielens_id=_whole(row["movielens_id"], where, "movielens_id"),
                       tmdb_id=_whole(row["tmdb_id"], where, "tmdb_id"),
                       rated_at=_moment(row["rated_at"], where, "rated_at"))


# The columns of the CSV Letterboxd's importer reads (letterboxd.com/about/importing-data),
# each with the names a spreadsheet of one's films gives it, folded (any case, no spaces or
# underscores), the likeliest first; and MovieLens' id, which it does not read and we do.
IMPORTER_NAMES = {
    "Title": ("title", "name", "movie", "film"),
    "Year": ("year",),
    "tmdbID": ("tmdbid", "tmdb"),
    "imdbID": ("imdbid", "imdb", "const"),
    "movieId": ("movieid", "movielensid"),
    "Rating": ("rating",),
    "Rating10": ("rating10", "yourrating"),
    "WatchedDate": ("watcheddate", "daterated", "ratedat", "date"),
    "LetterboxdURI": ("letterboxduri", "letterboxdurl", "letterboxdlink", "letterboxd", "uri",
                      "url", "link"),
}
FILM_COLUMNS = ("Title", "tmdbID", "imdbID", "movieId", "LetterboxdURI")
NOT_A_NAME = re.compile(r"[^0-9a-z]")


def importer_names(fieldnames: list[str]) -> list[str]:
    """A header's columns as Letterboxd's importer names them ("tmdb_id" is tmdbID, "Movie"
    Title, "Your Rating" Rating10): of several that could be one, the likeliest; the others,
    and one already so named, keep their names."""
    folded = [NOT_A_NAME.sub("", name.casefold()) for name in fieldnames]
    names = list(fieldnames)
    for name, aliases in IMPORTER_NAMES.items():
        found = next((alias for alias in aliases if alias in folded), None)
        if name not in fieldnames and found is not None:
            names[folded.index(found)] = name
    return names


def _for_letterboxd(row: dict[str, str], line: int, where: str) -> ImportedRow:
    """A film rated in the CSV Letterboxd's importer reads (as `profile export --format
    letterboxd` writes it, or a spreadsheet of one's films), on its scale of 0.5 to 5."""
    text = row["Rating"].strip()
    if 5 < number(text) <= 10:
        raise DataError(f"{where}: Rating {echo(text)} is more than 5 stars; if the file rates "
                        f"out of 10, name that column Rating10, as Letterboxd's importer reads "
                        f"it")
    return _letterboxd_import(row, line, where, parse_stars(text, where))


def _for_letterboxd_out_of_ten(row: dict[str, str], line: int, where: str) -> ImportedRow:
    """A film rated 1 to 10 (Letterboxd's importer's Rating10)."""
    return _letterboxd_import(row, line, where, _out_of_ten(row["Rating10"], where, "Rating10"))


def _letterboxd_import(row: dict[str, str], line: int, where: str,
                       stars: float) -> ImportedRow:
    """A row of the CSV Letterboxd's importer reads. Its LetterboxdURI, a film's page there
    (letterboxd.com/film/heat-1995), names the film by the words of its title, as `rate`
    reads one; a link to IMDb or TMDB in that column, by its id. What the other columns give
    comes first."""
    imdb = TT.fullmatch((row.get("imdbID") or "").strip())
    page = clean(row.get("LetterboxdURI") or "").strip()
    link = read_link(page) or Link()
    return ImportedRow(line, stars, clean(plain_cell(row.get("Title") or "")) or link.title or "",
                       _whole(row.get("Year") or "", where, "Year"),
                       movielens_id=_whole(row.get("movieId") or "", where, "movieId"),
                       tmdb_id=_whole(row.get("tmdbID") or "", where, "tmdbID") or link.tmdb_id,
                       imdb_id=int(imdb[1]) if imdb else link.imdb_id,
                       rated_at=_moment(row.get("WatchedDate"), where, "WatchedDate"),
                       link=page)


IMPORTER = "Letterboxd import"
FORMATS = [
    Layout("IMDb", ("Const", "Your Rating"), "Your Rating", _imdb),
    Layout("Letterboxd", ("Name", "Year", "Rating"), "Rating", _letterboxd),
    Layout("tui-recsys", PROFILE_COLUMNS, "rating", _exported),
    Layout("MovieLens", ("movieId", "rating"), "rating", _movielens),
    # any other CSV, as Letterboxd's importer would read it: `profile export --format
    # letterboxd`, another tool's file for that importer, a spreadsheet of one's films
    Layout(IMPORTER, ("Rating",), "Rating", _for_letterboxd, FILM_COLUMNS, as_importer=True),
    Layout(IMPORTER, ("Rating10",), "Rating10", _for_letterboxd_out_of_ten, FILM_COLUMNS,
           as_importer=True),
]
IMPORTER_EXPECTED = ("a CSV as Letterboxd's importer reads it (a Title, tmdbID, imdbID or "
                     "LetterboxdURI column")
EXPECTED = ("an IMDb ratings export (Const, Your Rating), a Letterboxd ratings.csv (Name, Year, "
            "Rating), a MovieLens ratings.csv (movieId, rating), a tui-recsys profile export or "
            f"{IMPORTER_EXPECTED}, and Rating of 0.5 to 5 or Rating10 of 1 to 10)")


def read_rating_file(path: Path, user: int | None = None) -> RatingFile:
    """Every row of a ratings file (of MovieLens `user` alone, in a file of many users); the
    first bad one raises DataError naming it and the fix."""
    text = user_files.read_text(path, "a ratings file")
    if text is None:
        raise DataError(f"{path}: no such file; name the CSV to import")
    return parse_rating_file(text, str(path), user)


def parse_rating_file(text: str, where_from: str, user: int | None = None) -> RatingFile:
    """A ratings file's `text` (from `where_from`: a path, or a member of a zip); `user`: the
    rows of that MovieLens userId alone."""
    return _parse(text, where_from, FORMATS, "a ratings file", EXPECTED, user)


def _imdb_listed(row: dict[str, str], line: int, where: str) -> ImportedRow:
    """A film of an IMDb list. IMDb's exports give your rating of it too, where you rated it:
    its stars then, which say you saw it (the import leaves it off the watchlist)."""
    score = _whole(row.get("Your Rating") or "", where, "Your Rating")
    stars = score / 2 if score is not None and 1 <= score <= 10 else 0.0
    return ImportedRow(line, stars, clean(row.get("Title") or ""),
                       _whole(row.get("Year") or "", where, "Year"), imdb_id=_const(row, where),
                       rated_at=_moment(row.get("Created"), where, "Created"),
                       title_type=clean(row.get("Title Type") or ""))


def _letterboxd_listed(row: dict[str, str], line: int, where: str) -> ImportedRow:
    return ImportedRow(line, 0.0, clean(row["Name"]), _whole(row.get("Year") or "", where,
                                                              "Year"),
                       rated_at=_moment(row.get("Date"), where, "Date"))


def _ours_listed(row: dict[str, str], line: int, where: str) -> ImportedRow:
    """A list as `watchlist export` writes it, or your marks file itself, each row saying
    which list the film was on: a marks file brought from another machine puts every film
    back where it was."""
    listed = row["mark"].strip()
    if listed not in MARK_KINDS:
        raise DataError(f"{where}: mark {echo(listed)} is not one of {', '.join(MARK_KINDS)}; "
                        f"fix or remove the row")
    return ImportedRow(line, 0.0, clean(plain_cell(row["title"])),
                       _whole(row["year"], where, "year"),
                       movielens_id=_whole(row["movielens_id"], where, "movielens_id"),
                       tmdb_id=_whole(row["tmdb_id"], where, "tmdb_id"),
                       rated_at=_moment(row["marked_at"], where, "marked_at"), listed=listed)


def _picks_listed(row: dict[str, str], line: int, where: str) -> ImportedRow:
    """A list of picks as `recommend --export` and the app's `e` write it: films to watch.
    Its stars are what a model predicted, never read as yours."""
    return ImportedRow(line, 0.0, clean(plain_cell(row["title"])),
                       _whole(row["year"], where, "year"),
                       movielens_id=_whole(row["movielens_id"], where, "movielens_id"),
                       tmdb_id=_whole(row["tmdb_id"], where, "tmdb_id"))


NETFLIX = "Netflix"


def _netflix_listed(day_first: bool | None) -> Parse:
    """A row of Netflix's viewing history (Title, Date): a film by its title alone (the best
    known of that title, as `rate` takes one), an episode of a series told by its title; its
    day read in the order `day_first` (`viewing_history.day_first` of the whole file)."""
    def parse(row: dict[str, str], line: int, where: str) -> ImportedRow:
        title = clean(row["Title"])
        moment = viewing_history.moment(row["Date"], day_first, f"{where}: Date")
        return ImportedRow(line, 0.0, title,
                           rated_at=_moment(row["Date"], where, "Date") if moment is None
                           else moment,
                           title_type="TV episode" if viewing_history.episode(title) else "")
    return parse


IMDB_LIST = Layout("IMDb watchlist", ("Const", "Title", "Created"), "", _imdb_listed)
LIST_FORMATS = [
    IMDB_LIST,
    Layout("Letterboxd", ("Name", "Year", "Letterboxd URI"), "", _letterboxd_listed),
    Layout("Letterboxd list", ("Position", "Name", "Year", "URL"), "", _letterboxd_listed),
    Layout("tui-recsys", MARK_COLUMNS, "", _ours_listed),
    Layout("tui-recsys picks", ("rank", "title", "year", "tmdb_id", "movielens_id", "score"),
           "", _picks_listed),
    Layout(NETFLIX, ("Title", "Date"), "", _netflix_listed(None)),  # its days: `_parse`
    Layout(IMPORTER, (), "", lambda row, line, where: _letterboxd_import(row, line, where, 0.0),
           FILM_COLUMNS, as_importer=True),
]
LIST_EXPECTED = ("an IMDb watchlist export (Const, Title, Created), a Letterboxd watched.csv "
                 "or watchlist.csv (Date, Name, Year, Letterboxd URI) or list export "
                 "(Position, Name, Year, URL), Netflix's viewing history (Title, Date), a "
                 f"tui-recsys list or picks export, or {IMPORTER_EXPECTED})")
LIST_PREAMBLE = "Letterboxd list export"  # a list export's first line, before its films


def holds_ratings(text: str) -> bool:
    """Whether a CSV's header is one of a ratings file's (else, perhaps, a list's). An IMDb
    list (a watchlist) carries "Your Rating" too, as a ratings export does: its list columns
    say which it is."""
    return _known(text, FORMATS) and not _known(text, [IMDB_LIST])


def holds_a_list(text: str) -> bool:
    """Whether a CSV's header is one of a list of films' own (a watchlist, films seen, picks),
    which says what it holds. Any other CSV that names films and rates none (read as
    Letterboxd's importer would) could be a watchlist or films seen: `films_without_ratings`."""
    return _known(text, [layout for layout in LIST_FORMATS if not layout.as_importer])


def films_without_ratings(text: str) -> bool:
    """Whether a CSV is a list of films: one of a list's own layouts, or any that names films
    (a Title, tmdbID, imdbID or LetterboxdURI column) and rates none of them."""
    return _known(text, LIST_FORMATS) and not holds_ratings(text)


def holds_viewing_history(text: str) -> bool:
    """Whether a list of films is Netflix's viewing history: films seen, not to watch."""
    return _known(text, [layout for layout in LIST_FORMATS if layout.kind == NETFLIX])


def _body(text: str) -> tuple[str, int]:
    """A CSV's table, and how many lines come before it: a Letterboxd list export opens with
    the list's own name, date and description, then its films under a header of their own
    ("Position,Name,Year,URL,Description")."""
    if text.startswith(LIST_PREAMBLE):
        lines = text.splitlines(keepends=True)
        for before, line in enumerate(lines):
            if line.startswith("Position,"):
                return "".join(lines[before:]), before
    return text, 0


def _known(text: str, layouts: list[Layout]) -> bool:
    first = _body(text)[0].partition("\n")[0]
    fieldnames = next(csv.reader([first], delimiter=delimiter(first)), [])
    return any(layout.fits(fieldnames) for layout in layouts)


def _empty(where_from: str) -> DataError:
    return DataError(f"{where_from} is empty; export it again, or name another file")


def unknown_file(text: str, where_from: str) -> DataError:
    """What `import` says of a CSV that is neither a ratings file nor a list of films."""
    if not text.strip():
        return _empty(where_from)
    if films_without_ratings(text):
        return DataError(f"{where_from}: names films but rates none (no Rating column, of 0.5 "
                         f"to 5 stars, nor Rating10, of 1 to 10): name its column of ratings "
                         f"so, or say what its films are on the command line, with `import "
                         f"--as watchlist` or `--as seen`")
    return _not_known(where_from, "a file", text.partition("\n")[0].rstrip("\r"),
                      f"{EXPECTED}, or {LIST_EXPECTED}")


def _not_known(where_from: str, noun: str, header: str, expected: str) -> DataError:
    return DataError(f"{where_from}: not {noun} I know; its header is {echo(header)}, expected "
                     f"{expected}")


def parse_list_file(text: str, where_from: str) -> RatingFile:
    """A list of films (seen, or to watch) with no ratings: its rows' stars are 0."""
    return _parse(text, where_from, LIST_FORMATS, "a list of films", LIST_EXPECTED)


def _parse(text: str, where_from: str, layouts: list[Layout], noun: str, expected: str,
           user: int | None = None) -> RatingFile:
    """Every row of a file of one of `layouts`, told by its header (of the MovieLens userId
    `user` alone, where given); the first bad one raises DataError naming it and the fix."""
    if not text.strip():
        raise _empty(where_from)
    text, before = _body(text)
    try:
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter(text))
        fieldnames = list(reader.fieldnames or ())
        layout = next((layout for layout in layouts if layout.fits(fieldnames)), None)
        if layout is None:
            raise _not_known(where_from, noun, ",".join(fieldnames), expected)
        reader.fieldnames = layout.names(fieldnames)
        header = set(reader.fieldnames)
        kind, stars, parse = layout.kind, layout.stars, layout.parse
        said = ""
        if kind == NETFLIX:  # its days in the account's order, which the whole file tells
            dates = [row["Date"] or "" for row in csv.DictReader(io.StringIO(text),
                                                                  delimiter=delimiter(text))]
            first = viewing_history.day_first(dates)
            parse = _netflix_listed(first)
            if first is None and any(viewing_history.DAY.fullmatch(day) for day in dates):
                said = ("its days could be read day first or month first (every one is 12 or "
                        "less), so none is given a day")
        if user is not None and "userId" not in header:
            raise DataError(f"{where_from}: --user picks one user's rows of a MovieLens ratings "
                            f"file, and this one has no userId column; leave --user out")
        rows, users, unrated = [], set(), 0
        for line, row in enumerate(reader, start=2 + before):
            if not any((value or "").strip() for value in row.values()):
                continue
            if None in row or any(value is None for value in row.values()):
                raise DataError(f"{where_from}, row {line}: the fields do not match the header; "
                                f"fix or remove the row")
            if user is not None and row["userId"].strip() != str(user):
                continue
            where = f"{where_from}, row {line}"
            if stars and not row[stars].strip():
                unrated += 1  # watched or listed, not rated
                continue
            rows.append(parse(row, line, where))
            users.add((row.get("userId") or "").strip())
    except csv.Error as exc:
        raise DataError(f"{where_from}: not a readable CSV ({exc}); export it again") from None
    if len(users) > 1:
        some = sorted(users, key=lambda one: (len(one), one))[0]
        raise DataError(f"{where_from}: holds the ratings of {len(users):,} users; import one "
                        f"user's with --user ID (such as --user {some})")
    if user is not None and not rows:
        raise DataError(f"{where_from}: no ratings of userId {user}; check the id")
    return RatingFile(kind, rows, unrated, said)
