"""Title normalisation, so the two catalogues can be matched and searched.

MovieLens writes "American President, The (1995)" where TMDB writes "The American President"
with a release date; both must reduce to the same key.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from tui_recsys.errors import UsageError
from tui_recsys.text import echo

if TYPE_CHECKING:
    import pandas as pd

_YEAR = re.compile(r"\s*\((\d{4})(?:\s*[-\u2013]\s*\d{0,4})?\)\s*$")
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_TRAILING_ARTICLE = re.compile(
    r"^(?P<body>.+?),\s*(?P<article>the|a|an|les|la|le|l'|il|el|los|las|das|der|die|den|det|"
    r"lo|gli|une|un|o|os|as)$",
    re.IGNORECASE,
)
# Letters and digits of any script are kept ("Солярис", "千と千尋の神隠し" are searched as
# typed); everything else (punctuation, symbols, "_") separates words.
_NON_WORD = re.compile(r"[\W_]+")
# Latin letters no decomposition reaches, as people type them without the mark: "soren"
# finds Søren, "lodz" Łódź.
_PLAIN_LATIN = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss",
                              "æ": "ae", "œ": "oe", "\u0131": "i", "ħ": "h"})  # \u0131: dotless i
ARTICLES = ("the", "a", "an")  # English, left out of a title as people type it
_LEADING_ARTICLE = re.compile(rf"^(?:{'|'.join(ARTICLES)}) ")
# The Unicode blocks of combining marks, which NFKD splits off accented letters.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents or punctuation: the form searches and matches compare.
    Empty when the text holds no letter or digit ("!!!"): such a text names nothing."""
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    plain = stripped.lower().translate(_PLAIN_LATIN).replace("&", " and ")
    return _NON_WORD.sub(" ", plain).strip()


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx")
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                 "eighteen", "nineteen", "twenty")
_SEQUEL = re.compile(rf"^(?P<rest>.*\S)\s+(?P<number>\d{{1,2}}|{'|'.join(_ROMAN)}|"
                     rf"{'|'.join(_NUMBER_WORDS)})$")


class Sequel(NamedTuple):
    words: str  # before the number, without a leading English article
    pattern: re.Pattern[str]  # a name (`names_all`) of this sequel
    number: int
    in_words: bool = False  # typed as a word ("toy story three"), as titles end ("no one")


def sequel_number(query: str) -> Sequel | None:
    """A folded query ending in a sequel's number ("godfather 2", "rocky iii", "toy story
    three") as the words before it, a pattern of the names (`names_all`) of that sequel, and
    the number. None for any other query, or for a number past twenty (a year, "2049").

    A sequel's name is the words, maybe "part", "chapter", "vol" or "episode", then the
    number, in digits, Roman numerals or a word: titles write it one way and people type
    another ("The Godfather: Part II", "Toy Story 2", "John Wick: Chapter Two"). A number
    further on is a part of another film: "hunger games 2" is not The Hunger Games:
    Mockingjay - Part 2, nor "harry potter 2" Deathly Hallows: Part 2."""
    found = _SEQUEL.match(query)
    if found is None:
        return None
    number = found["number"]
    value = (int(number) if number.isdigit() else _ROMAN.index(number) + 1
             if number in _ROMAN else _NUMBER_WORDS.index(number) + 1)
    if not 1 <= value <= len(_ROMAN):
        return None
    words = without_article(found["rest"])
    written = "|".join(number_spellings(value))
    # An article anywhere, or none: "fast and furious 2" is MovieLens' "Fast and the Furious
    # 2, The" (2 Fast 2 Furious), as people type a title's words and not its articles.
    articles = rf"(?:(?:{'|'.join(ARTICLES)}) )*"
    spaced = f" {articles}".join(re.escape(word) for word in without_articles(words).split())
    return Sequel(words, re.compile(
        rf"{articles}{spaced} (?:(?:part|chapter|vol|volume|episode) )?(?:{written})\b"), value,
        number in _NUMBER_WORDS)


def number_spellings(value: int) -> tuple[str, str, str]:
    """A sequel's number (1 to 20) as titles write it: digits, a Roman numeral, a word."""
    return str(value), _ROMAN[value - 1], _NUMBER_WORDS[value - 1]


_AS_DIGITS = {word: str(value) for words in (_NUMBER_WORDS, _ROMAN[1:])
              for value, word in enumerate(words, start=1 if words is _NUMBER_WORDS else 2)}


def numbers_as_digits(folded: str) -> str:
    """A folded title with its numbers written in digits: "john wick chapter two" and "john
    wick chapter 2" are one film, as MovieLens and Netflix title it (Roman numerals from ii:
    "i" is also a word)."""
    return " ".join(_AS_DIGITS.get(word, word) for word in folded.split())


def without_numbers(folded: str) -> str:
    """A folded title's words but its numbers, however written: what to search for a title
    that may write them another way."""
    return " ".join(word for word in folded.split()
                    if not word.isdigit() and word not in _AS_DIGITS)


def name_key(name: str) -> str:
    """What two spellings of one name share, its letters and digits in lower case: "Sci-Fi",
    "scifi" and "sci fi" are one genre, "French" and "FRENCH" one language."""
    return fold(name).replace(" ", "")


def named_among(name: str, known: Sequence[str], what: str) -> str:
    """The one of `known` that `name` names by `name_key` ("scifi" Sci-Fi, "rose pine"
    rose-pine); otherwise a UsageError that lists them in their order, with the closest
    first where one is close ("unknown genre 'Dramma'; did you mean Drama? choose one of:
    …")."""
    by_key = {name_key(one): one for one in known}
    found = by_key.get(name_key(name))
    if found is not None:
        return found
    close = difflib.get_close_matches(name_key(name), list(by_key), n=2, cutoff=0.7)
    guess = f"did you mean {' or '.join(by_key[key] for key in close)}? " if close else ""
    raise UsageError(f"unknown {what} {echo(name)}; {guess}choose one of: {', '.join(known)}")


def bare_title(text: str) -> str:
    """`fold` without a leading English article: "matrix" names The Matrix as surely as
    MovieLens' "Matrix, The" does."""
    return without_article(fold(text))


# Where a title's parts meet ("Laputa: Castle in the Sky", "Avengers: Infinity War - Part I"),
# and where a title gives another name for the film ("Birdman or (The Unexpected Virtue of
# Ignorance)", "Castle in the Sky (Tenkû no shiro Rapyuta)").
_PART_BREAK = re.compile(r"\s*:\s+|\s+[-\u2013\u2014]\s+")
_OTHER_NAME = re.compile(r"\s+(?:or\s+)?\(")
PART_LETTERS = 4  # the fewest letters a part names a film by ("Up: ..." names no film "Up")


def title_parts(title: str) -> set[str]:
    """The names the parts of a title make (`bare_title`): each run of it from its start to
    where two parts meet, and from there to its end ("laputa", "castle in the sky"); none
    for a title of one part."""
    breaks = list(_PART_BREAK.finditer(title))
    parts = {title[:at.start()] for at in breaks} | {title[at.end():] for at in breaks}
    return {bare for part in parts
            if len((bare := bare_title(part)).replace(" ", "")) >= PART_LETTERS}


def before_other_name(title: str) -> str | None:
    """A title without the other name it gives in brackets ("birdman" of "Birdman or (The
    Unexpected Virtue of Ignorance)"), bare; None where it gives none."""
    found = _OTHER_NAME.search(title)
    return bare_title(title[:found.start()]) if found and found.start() else None


def without_article(folded: str) -> str:
    """A folded text without a leading English article (`bare_title` of what is folded)."""
    return _LEADING_ARTICLE.sub("", folded)


def without_articles(folded: str) -> str:
    """A folded text without its English articles, wherever they are ("fast and the
    furious" is "fast and furious"), where it holds more than articles."""
    return " ".join(word for word in folded.split() if word not in ARTICLES) or folded


INITIALS_FROM = 3  # words: "lotr" for The Lord of the Rings, nothing for The Matrix


def initials(folded: pd.Series) -> pd.Series:
    """Each folded title's initials without a leading article, where it has INITIALS_FROM
    words or more ("lord of the rings" -> "lotr", "2 fast 2 furious" -> "2f2f"): how people
    shorten a long title, and search finds it by them. Empty for a shorter title."""
    words = folded.str.replace(_LEADING_ARTICLE.pattern, "", regex=True).str.split()
    return words.map(lambda parts: "".join(part[0] for part in parts)
                     if len(parts) >= INITIALS_FROM else "")


# Marks inside a word, which people leave out as they type it: "spiderman", "xmen", "walle",
# "et", "schindlers list".
_JOINERS = re.compile("[-\u2010\u2011\u00b7.'\u2019]")


def joined_all(texts: pd.Series, folded: pd.Series) -> pd.Series:
    """Each text folded with the marks inside its words dropped, not spaced ("Spider-Man" ->
    "spiderman", "E.T. the Extra-Terrestrial" -> "et the extraterrestrial"); empty where that
    is what `fold_all` gave anyway (`folded`, the texts as it folds them)."""
    joined = fold_all(texts.str.replace(_JOINERS.pattern, "", regex=True))
    return joined.where(joined != folded, "")


def names_all(titles: pd.Series) -> pd.Series:
    """Each row's titles (a list: its own, its original, its other catalogue's and a.k.a.s)
    as the names a query equal to them means: folded, without a leading English article,
    also `joined_all`, each once. "seven" names Se7en (MovieLens: "Seven (a.k.a. Se7en)"),
    "shining" The Shining and "spiderman" Spider-Man as surely as a title typed whole."""
    each = _with_episodes_unnumbered(_each_title(titles))
    folded = fold_all(each)
    forms = folded.to_frame("folded").assign(joined=joined_all(each, folded)).stack()
    return _bare_by_row(forms.droplevel(1), titles.index)


# MovieLens numbers a saga's episodes in their titles, as nobody else does: its "Star Wars:
# Episode VII - The Force Awakens" is TMDB's, Letterboxd's and everyone's "Star Wars: The Force
# Awakens".
_EPISODE = re.compile(r"^(?P<series>[^:]+): Episode [IVXLC]+ [-\u2013] (?P<title>.+)$")


def _with_episodes_unnumbered(each: pd.Series) -> pd.Series:
    """The titles (one a line, by row), and each episode's title without its number: a
    Letterboxd export's "Star Wars: The Force Awakens" was left unmatched, with a "did you
    mean" of the same film."""
    unnumbered = each.str.replace(_EPISODE.pattern, r"\g<series>: \g<title>", regex=True)
    return each.to_frame("title").assign(unnumbered=unnumbered).stack().droplevel(1)


# Where a subtitle starts: "The Fast and the Furious: Tokyo Drift", "Star Wars: Episode V -
# The Empire Strikes Back".
_SUBTITLE = re.compile(r"(?::| -) ")


def subtitles_all(titles: pd.Series) -> pd.Series:
    """Each row's subtitles (of a list of titles, as `names_all` reads), each from where one
    starts to the end, folded, without a leading English article: people call a film by its
    subtitle ("tokyo drift", "empire strikes back"), and search ranks a film whose subtitle
    they typed whole as one whose title begins so."""
    tails = _each_title(titles).map(
        lambda title: [title[found.end():] for found in _SUBTITLE.finditer(title)])
    return _bare_by_row(fold_all(tails.explode().dropna()), titles.index)


def _each_title(titles: pd.Series) -> pd.Series:
    """Every title of every row (a list each), one a line, by the row's index."""
    each = titles.explode()
    return each[each.notna() & (each != "")].astype(str)


def _bare_by_row(folded: pd.Series, rows: pd.Index) -> pd.Series:
    """Folded texts (by their row's index) as a list for each of `rows`, without a leading
    English article, each once; empty for a row without any."""
    bare = folded.str.replace(_LEADING_ARTICLE.pattern, "", regex=True)
    named = bare[bare != ""].rename("name").rename_axis("row").reset_index().drop_duplicates()
    grouped = named.groupby("row")["name"].agg(list)
    return grouped.reindex(rows).map(lambda names: names if isinstance(names, list) else [])


def fold_all(texts: pd.Series) -> pd.Series:
    """`fold` over a whole column, the same steps at C speed (for the app's search lists)."""
    stripped = texts.str.normalize("NFKD").str.replace(_COMBINING.pattern, "", regex=True)
    return (stripped.str.lower().str.translate(_PLAIN_LATIN).str.replace("&", " and ",
                                                                          regex=False)
            .str.replace(_NON_WORD.pattern, " ", regex=True).str.strip())


def front_article(title: str) -> str:
    """'American President, The' -> 'The American President'."""
    match = _TRAILING_ARTICLE.match(title.strip())
    if match is None:
        return title.strip()
    article = match.group("article")
    joiner = "" if article.endswith("'") else " "
    return f"{article}{joiner}{match.group('body')}"


def split_movielens_title(raw: str) -> tuple[str, int | None, list[str]]:
    """A MovieLens title as (display title, year, alternative titles).

    'Spirited Away (Sen to Chihiro no kamikakushi) (2001)' gives
    ('Spirited Away', 2001, ['Sen to Chihiro no kamikakushi']).
    """
    text = raw.strip()
    year: int | None = None
    match = _YEAR.search(text)
    if match is not None:
        year = int(match.group(1))
        text = text[: match.start()]
    alternatives: list[str] = []
    while (paren := _PAREN.search(text)) is not None and paren.start() > 0:
        alternatives.insert(0, front_article(paren.group(1).removeprefix("a.k.a. ")))
        text = text[: paren.start()]
    return front_article(text), year, alternatives
