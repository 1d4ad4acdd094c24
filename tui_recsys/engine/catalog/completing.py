"""What a shell's tab completion offers for a film or a person (`tui-recsys rate godf<TAB>`):
the titles (or names) that go on from the words typed, the best known first, each as the word
being typed completed to the title's end. Words are compared as searches compare them (any
case, accents and punctuation); a leading article may be left out, as every title argument
allows it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tui_recsys.data.titles import ARTICLES, fold, name_key

if TYPE_CHECKING:
    from tui_recsys.engine.catalog.index import MovieIndex

LIMIT = 40  # a screenful in a shell: more is typing one more letter


def going_on(titles: Iterable[tuple[str, int | None]], before: Sequence[str], word: str,
             limit: int = LIMIT, *, all_at_first: bool = False) -> list[str]:
    """Of `titles` (title, year), best known first, the completions of `word` typed after the
    words `before`: "godf" gives "godfather", "godfather: part ii"...; the year is added where
    two films offered share a title ("heat (1995)"), which every title argument reads. A word
    typed in quotes may hold several ("star w"). With nothing typed, nothing is offered (the
    catalogue's best known forty would be noise), but from a list of yours (`all_at_first`)."""
    *within, last = word.split(" ")  # a word quoted ("star w") holds several
    typed = [fold(each) for each in [*before, *within] if fold(each)]
    start, kept = fold(last), word[:len(word) - len(last)]
    if not typed and not start and not all_at_first:
        return []
    found: list[tuple[str, int | None]] = []
    for title, year in titles:
        words = title.split()
        forms = ([words, words[1:]] if len(words) > 1 and fold(words[0]) in ARTICLES
                 else [words])  # "the godf" and "godf" both go on to The Godfather
        rest = next((rest for form in forms
                     if (rest := _going_on(form, typed, start)) is not None), None)
        if rest is not None:
            found.append((kept + as_typed(last, " ".join(rest)), year))
            if len(found) == limit:
                break
    shared = Counter(fold(completion) for completion, _ in found)
    return [completion if shared[fold(completion)] == 1 or year is None
            else f"{completion} ({year})" for completion, year in found]


def _going_on(words: list[str], typed: list[str], start: str) -> list[str] | None:
    """The title's words from the one being typed on, where the words before it are the
    title's first ones and the one being typed begins the next; else None."""
    if len(words) <= len(typed):
        return None
    if any(fold(mine) != given for mine, given in zip(words, typed, strict=False)):
        return None
    return words[len(typed):] if fold(words[len(typed)]).startswith(start) else None


def as_typed(word: str, text: str) -> str:
    """`text` in place of `word`, which it begins, in the case typed: all in lower case where
    the word was ("godfather: part ii"), else as typed and then the text's own ("Star Wars:
    The Last Jedi"); the text's own where nothing was typed or the letters differ ("amel":
    Amélie). A shell keeps
    what was typed and adds the rest, and zsh offers only what begins with the letters typed."""
    if not word or not text.casefold().startswith(word.casefold()):
        return text
    return text.lower() if word == word.lower() else word + text[len(word):]


def people(movies: MovieIndex) -> list[str]:
    """Everyone the catalogue credits as director or cast, those in the most films first
    ("christ": Christopher Walken, Christopher Plummer, Christian Bale...). Counted from the
    cached lists a TAB reads already, not asked of `PersonModel.people_named` (the app's
    person prompt), whose model took 0.6 s to load and index on each TAB."""
    films: Counter[str] = Counter(director for director in movies.columns["director"]
                                  if director)
    for cast in movies.columns["cast"]:
        films.update(cast)
    return [name for name, _ in films.most_common()]


def dimensions(movies: MovieIndex) -> list[str]:
    """What `--more` and `--less` may name: every genre, then the TMDB keywords the most films
    carry first ("hei": heist, heir to the throne, heist movie, bank heist...), as a tuned
    list reads them (`catalog.tuning`): a keyword named as a genre is (TMDB tags eleven films
    "drama") names the genre there, and is offered once."""
    from tui_recsys.engine.catalog.tuning import NOT_ABOUT_THE_FILM

    films: Counter[str] = Counter()
    for keywords in movies.columns["keywords"]:
        films.update(keywords)
    genres = movies.all_genres()
    named = {name_key(genre) for genre in genres}
    return [*genres, *(keyword for keyword, _ in films.most_common()
                       if keyword not in NOT_ABOUT_THE_FILM and name_key(keyword) not in named)]
