"""Friends: other people's ratings files (`tui-recsys --friend FILE`, as `profile export` writes
them), shown in the Users list after You so that enter lists their picks (For you from their
file) and g brings them to movie night as it brings you or a MovieLens user. Read only, and read
afresh when they change: a friend may send a newer export while the app runs. Nothing here is
ever written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui_recsys.data import user_files
from tui_recsys.data.guest_profiles import guest_names, load_guest_profile
from tui_recsys.data.profile_file import Profile, Rated
from tui_recsys.engine.catalog.entries import UserEntry
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.catalog.your_ratings import YOU, profile_entry
from tui_recsys.errors import RecsysError


def is_friend(entry: UserEntry) -> bool:
    """Neither a MovieLens user nor You."""
    return not entry.movielens and entry.key != YOU


@dataclass(frozen=True)
class Friend:
    key: int  # in the users list: below You's, where no MovieLens user is
    name: str
    path: Path


class Friends:
    def __init__(self, paths: Sequence[Path]) -> None:
        self.people = [Friend(YOU - 1 - i, name, path)
                       for i, (name, path) in enumerate(zip(guest_names(paths), paths,
                                                            strict=True))]
        self._files = {friend.key: user_files.FreshRead[Profile](friend.path, load_guest_profile)
                       for friend in self.people}
        # Each friend's entry with the file's reading it came from: the users list is filled
        # again at each of your ratings, and a long file's entry takes tens of milliseconds.
        self._entries: dict[int, tuple[Profile, UserEntry]] = {}

    def ratings(self, key: int) -> tuple[Rated, ...]:
        """The friend's ratings as their file holds them now; raises RecsysError when it
        cannot be read."""
        return tuple(self._files[key]().ratings.values())

    def entries(self, movies: MovieIndex) -> list[UserEntry]:
        """Each friend as the users list shows a user, leaving out a file that cannot be read
        now (a movie night they are in says why)."""
        entries = []
        for friend in self.people:
            try:
                profile = self._files[friend.key]()  # the same object while the file is
            except RecsysError:
                continue
            known = self._entries.get(friend.key)
            if known is None or known[0] is not profile:
                known = profile, profile_entry(profile, movies, friend.key, friend.name)
                self._entries[friend.key] = known
            entries.append(known[1])
        return entries
