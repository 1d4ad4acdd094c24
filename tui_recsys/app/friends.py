"""Friends: other people's ratings files (`tui-recsys --friend FILE`: as `profile export`
writes them, or the ratings export a friend has from Letterboxd or IMDb, which the engine
matches), shown in the Users list after You so that enter lists their picks (For you from their
file) and g brings them to movie night as it brings you or a MovieLens user; and beside a file,
the marks their own tui-recsys keeps there (what they saw or hid, left out of their lists as
what they rated is). Read only, and read afresh when they change: a friend may send a newer
export while the app runs. Nothing here is ever written."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui_recsys.data import user_files
from tui_recsys.data.guest_profiles import guest_names, kept_friends, marks_source, others
from tui_recsys.data.marks_file import Marks
from tui_recsys.data.profile_file import Profile, Rated
from tui_recsys.engine.catalog.entries import UserEntry
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.catalog.your_ratings import YOU, profile_entry
from tui_recsys.errors import RecsysError

if TYPE_CHECKING:
    from tui_recsys.engine.engine import Engine


def is_friend(entry: UserEntry) -> bool:
    """Neither a MovieLens user nor You."""
    return not entry.movielens and entry.key != YOU


class Entries:
    """Each person's users-list entry with the reading of their file it came from, worked
    out again only when the file changes: the list is filled again each time it is shown and
    at each of your ratings, and a file of 2,698 ratings takes 18 ms to describe."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[Profile, UserEntry]] = {}

    def of(self, profile: Profile, movies: MovieIndex, key: int = YOU,
           name: str = "You") -> UserEntry:
        known = self._known.get(key)
        if known is None or known[0] is not profile:
            known = profile, profile_entry(profile, movies, key, name)
            self._known[key] = known
        return known[1]


Readers = tuple[user_files.FreshRead[Profile], user_files.FreshRead[Marks]]


@dataclass(frozen=True)
class Friend:
    key: int  # in the users list: below You's, where no MovieLens user is
    name: str
    path: Path


class Friends:
    def __init__(self, paths: Sequence[Path], engine: Engine, folder: Path | None = None) -> None:
        """`engine` reads a friend's file as a profile (matching an export to its catalogue)
        and what they saw or hid; `folder`, the friends folder `paths` were found in, as it is
        now: a friend dropped into it later is found (`look_again`)."""
        self._engine = engine
        self.people: list[Friend] = []
        self._files: dict[int, user_files.FreshRead[Profile]] = {}
        self._marks: dict[int, user_files.FreshRead[Marks]] = {}
        for i, (name, path) in enumerate(zip(guest_names(paths), paths, strict=True)):
            self._join(Friend(YOU - 1 - i, name, path), *self._readers(path))
        self._entries = Entries()
        self.folder = folder
        self._folder = None if folder is None else user_files.stamp(folder)  # as last seen

    def look_again(self, yours: Path) -> tuple[list[Path], bool]:
        """Where the friends folder changed since the last look: the friends kept there
        (`kept_friends`: this week's export beside last week's too) that are not among these,
        to be read and added, and whether any kept there was taken out of it (they leave
        these now, as at the next start). `yours`, your own profile, is You, never a friend."""
        if self.folder is None or (now := user_files.stamp(self.folder)) == self._folder:
            return [], False
        self._folder = now
        gone = [friend for friend in self.people
                if friend.path.parent == self.folder and not friend.path.exists()]
        for friend in gone:
            self.people.remove(friend)
        known = {friend.path for friend in self.people}
        kept = others(kept_friends(self.folder)[0], yours)[0]  # yours kept there: You
        return [path for path in kept if path not in known], bool(gone)

    def rewritten(self) -> list[Friend]:
        """The friends whose file or marks were written over since the last look
        (`look_again` sees a file come or go, not one saved over the old)."""
        return [friend for friend in self.people  # | looks at both
                if self._files[friend.key].changed() | self._marks[friend.key].changed()]

    def _readers(self, path: Path) -> Readers:
        return (user_files.FreshRead[Profile](path, self._engine.guest_profile),
                user_files.FreshRead[Marks](marks_source(path), self._engine.guest_marks))

    def _join(self, friend: Friend, files: user_files.FreshRead[Profile],
              marks: user_files.FreshRead[Marks]) -> None:
        self.people.append(friend)
        self._files[friend.key], self._marks[friend.key] = files, marks

    def read(self, path: Path) -> Readers:
        """A friend's file and marks, read (off the screen's thread: an export is matched
        film by film), for `add`; raises RecsysError when they cannot be."""
        files, marks = self._readers(path)
        files()
        marks()
        return files, marks

    def add(self, path: Path, readers: Readers) -> Friend:
        """A friend brought while the app runs (the palette's "Add a friend"), as `read`
        read them, after the others; one of the same name is replaced, as the newest file
        of a person counts in the friends folder."""
        files, marks = readers
        name = guest_names([path])[0]
        same = next((friend for friend in self.people if friend.name == name), None)
        if same is not None:
            self.people.remove(same)
        key = same.key if same else min((f.key for f in self.people), default=YOU) - 1
        friend = Friend(key, name, path)
        self._join(friend, files, marks)
        return friend

    def path_of(self, key: int) -> Path | None:
        """The file a friend is read from (the newest of theirs in the friends folder)."""
        return next((friend.path for friend in self.people if friend.key == key), None)

    def check(self, kept: Collection[Path] = ()) -> list[str]:
        """Read every file now: one named by `--friend` that cannot be read is said, in one
        line, before the app starts instead of missing from its list; one `kept` in the
        friends folder is left out, with the line the app shows for it (a bad file there
        would keep the app from starting every time). The readings stay for the app."""
        said = []
        for friend in list(self.people):
            try:
                self._files[friend.key]()
                self._marks[friend.key]()
            except RecsysError as error:
                if friend.path not in kept:
                    raise
                self.people.remove(friend)
                said.append(f"{friend.name} is not among your friends this time: {error}")
        return said

    def profile(self, key: int) -> Profile:
        """The friend's ratings as their file holds them now; raises RecsysError when it
        cannot be read."""
        return self._files[key]()

    def ratings(self, key: int) -> tuple[Rated, ...]:
        return tuple(self.profile(key).ratings.values())

    def marks(self, key: int) -> Marks:
        """What the friend saw, hid or means to watch, as their marks beside their file hold
        it now (none where there is no such file); raises RecsysError when it cannot be
        read."""
        return self._marks[key]()

    def entries(self, movies: MovieIndex) -> list[UserEntry]:
        """Each friend as the users list shows a user, leaving out a file that cannot be read
        now (a movie night they are in says why)."""
        entries = []
        for friend in self.people:
            try:
                profile = self._files[friend.key]()  # the same object while the file is
            except RecsysError:
                continue
            entries.append(self._entries.of(profile, movies, friend.key, friend.name))
        return entries
