"""The detail pane: everything the catalogues say about the current movie, the one every movie
key acts on, which its heading names; or about a user."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui_recsys.app.friends import is_friend
from tui_recsys.app.labels import movie_label, movie_links
from tui_recsys.data.marks_file import HIDDEN, SEEN, WATCHLIST, Mark
from tui_recsys.data.profile_file import Rated
from tui_recsys.engine.catalog.entries import MovieDetails, UserEntry
from tui_recsys.engine.catalog.your_ratings import YOU
from tui_recsys.text import as_stars, bar, clean, plural, sparkline

CAST_SHOWN = 5  # of a film's billed cast; p offers them all
NOTHING_YET = "Highlight a movie to see its details."

# Each of your marks in a line, and the words before its day, where it is known.
MARKED = {WATCHLIST: ("On your watchlist", " since"), SEEN: ("Seen", " on"),
          HIDDEN: ("Not interested (never recommended)", " since")}


def describe(details: MovieDetails, why: str | None = None, yours: Rated | None = None,
             marks: Sequence[Mark] = ()) -> Text:
    entry = details.entry
    text = Text()
    text.append(entry.title, style="bold")
    if entry.year:
        text.append(f" ({entry.year})")
    if yours is not None:
        when = f", on {yours.rated_on}" if yours.rated_on else ""
        text.append(f"\nYou rated it {as_stars(yours.stars)}{when}", style="bold")
    for mark in marks:  # a rewatch keeps its watchlist mark beside its rating
        said, before_day = MARKED[mark.kind]
        when = f"{before_day} {mark.marked_on}" if mark.marked_on else ""
        text.append(f"\n{said}{when}", style="bold")
    if why:
        text.append(f"\nWhy: {why}", style="bold")
    facts = []
    if details.genres:
        facts.append(", ".join(details.genres))
    if details.runtime:
        facts.append(f"{details.runtime:.0f} min")
    if facts:
        text.append("\n" + " · ".join(facts), style="italic")
    if details.director:
        text.append(f"\nDirector: {details.director}")
    if details.cast:
        more = len(details.cast) - CAST_SHOWN
        text.append(f"\nCast: {', '.join(details.cast[:CAST_SHOWN])}"
                    + (f" and {more} more (p)" if more > 0 else ""))
    if details.vote_count is not None:
        text.append(f"\nTMDB: {details.vote_average:.1f}/10 from "
                    f"{plural(details.vote_count, 'vote')}")
    if details.ml_ratings:
        text.append(f"\nMovieLens: {details.ml_mean:.2f}/5 from "
                    f"{plural(details.ml_ratings, 'rating')}")
    if entry.tmdb_id is None:
        text.append("\nOnly in MovieLens: no story or cast to compare.", style="dim")
    elif entry.ml_id is None:
        text.append("\nOnly in TMDB 5000: no user ratings.", style="dim")
    if details.overview:
        text.append(f"\n\n{details.overview}")
    for name, url in movie_links(details):
        text.append(f"\n{name}: ")
        text.append(url, style=f"link {url}")
    return text


def describe_user(user: UserEntry, friends: Path, file: Path | None = None) -> Text:
    """`friends`: the folder whose files are friends at every start, which You's say; `file`:
    a friend's, which theirs say (of several of theirs there, the newest counts)."""
    text = Text()
    you, friend = user.key == YOU, is_friend(user)
    text.append("You (your profile)" if you else f"{user.name} (a friend's ratings, read only)"
                if friend else f"MovieLens user {user.user_id}", style="bold")
    if you and not user.ratings:
        text.append("\n\nNo ratings yet: highlight a movie and press s (or + / -) to rate it, "
                    "or import yours (ctrl+p, Import: your Letterboxd export, IMDb's "
                    "ratings). Press enter for movies to rate first.", style="dim")
        return _kept_friends(text, friends)
    text.append(f"\n{plural(user.ratings, 'rating')}, {user.mean:.2f} stars on average")
    if file is not None:  # after what they rated: a long path filled the three lines at 80x24
        text.append(f"\nfrom {clean(str(file))}", style="dim")
    text.append("\n\nStars given  ")
    text.append(sparkline([float(n) for n in user.histogram], low=0.0))
    text.append("  (½ to 5)", style="dim")
    if user.genre_mix:
        text.append("\nLiked (4+ stars), by genre:")
        most = user.genre_mix[0][1]
        width = max(len(genre) for genre, _ in user.genre_mix)
        for genre, count in user.genre_mix:
            text.append(f"\n  {genre:<{width}}  {bar(count / most, 16):<16} {count}")
    text.append("\n\nPress enter for your picks (For you)." if you
                else "\n\nPress enter for their picks (For you, from their ratings), g to bring "
                     "them to movie night (key 8)." if friend
                else "\n\nPress enter for this user's top picks.", style="dim")
    return _kept_friends(text, friends) if you else text


def _kept_friends(text: Text, friends: Path) -> Text:
    text.append(f"\nA friend's ratings export (Letterboxd's zip, IMDb's CSV, their profile) "
                f"kept in {clean(str(friends))} is among these users at every start.",
                style="dim")
    return text


class DetailsPane(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    DetailsPane { height: 2fr; border-top: hkey $primary-background; padding: 0 1;
                  border-title-align: left; border-title-color: $accent; }
    """

    # What the pane shows, all of it, and its heading (`f` opens them whole: `FullDetails`).
    text = Text(NOTHING_YET)
    heading: Text | None = None

    def compose(self):  # noqa: ANN201 - a generator of one widget
        yield Static(self.text, id="details-text", markup=False)

    def show(self, details: MovieDetails, why: str | None = None,
             yours: Rated | None = None, marks: Sequence[Mark] = ()) -> None:
        self._update(describe(details, why, yours, marks),
                     Text(f"Current movie: {movie_label(details.entry)}"))

    def show_user(self, user: UserEntry, friends: Path, file: Path | None = None) -> None:
        self._update(describe_user(user, friends, file), Text(
            f"MovieLens user {user.user_id}" if user.movielens else user.name))

    def show_hint(self, hint: str) -> None:
        """Nothing to describe yet: what to do instead (cleaned, as `ResultsPane.show_message`
        is: a hint can name a folder)."""
        self._update(Text(clean(hint), style="dim"), None)

    def _update(self, text: Text, heading: Text | None) -> None:
        self.text, self.heading = text, heading
        self.border_title = heading and Text.assemble(heading, ("  f: more", "dim"))
        self.query_one("#details-text", Static).update(text)
        self.scroll_home(animate=False)
