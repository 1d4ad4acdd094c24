"""Movie night in the app: the people marked in the Users list (g), in the order they were
marked, and what the engine is asked about them. You are one of them by your profile, read
afresh at every question, as For you reads it; a friend by their file, read the same way;
each with their watchlist, which W draws the list from."""

from __future__ import annotations

from tui_recsys.app.friends import Friends, is_friend
from tui_recsys.data.marks_file import Marks
from tui_recsys.data.profile_file import Profile
from tui_recsys.engine.catalog import your_ratings
from tui_recsys.engine.catalog.entries import UserEntry
from tui_recsys.engine.catalog.your_ratings import YOU
from tui_recsys.engine.question import YOU_MEMBER, GroupBy, Member, Noted

ORDER_NAMES = {GroupBy.LEAST_MISERY: "least misery", GroupBy.AVERAGE: "average"}


def toggled(group: tuple[UserEntry, ...], entry: UserEntry) -> tuple[UserEntry, ...]:
    """The group with `entry` added at the end, or taken out if it was in."""
    if any(member.key == entry.key for member in group):
        return tuple(member for member in group if member.key != entry.key)
    return (*group, entry)


def name(entry: UserEntry) -> str:
    if entry.movielens:
        return f"user {entry.user_id}"
    return YOU_MEMBER if entry.key == YOU else entry.name


def joined(entry: UserEntry, group: tuple[UserEntry, ...]) -> str:
    """What marking `entry` did, in words: "User 42 joins movie night: you, user 42." """
    you = entry.key == YOU
    now_in = any(member.key == entry.key for member in group)
    verb = ("join" if now_in else "leave") + ("" if you else "s")
    who = entry.name if is_friend(entry) else name(entry).capitalize()  # a name as written
    return f"{who} {verb} movie night: {names(group)}."


NAMED = 3  # people a heading names before "and N others"


def names(group: tuple[UserEntry, ...], *, most: int | None = None) -> str:
    """Everyone's names, or (`most`) the first few and how many others: a heading's line has
    room for its order's key after them."""
    shown = [name(entry) for entry in group]
    if most is not None and len(shown) > most:
        return f"{', '.join(shown[:most - 1])} and {len(shown) - most + 1} others"
    return ", ".join(shown) or "nobody yet"


def includes_you(group: tuple[UserEntry, ...]) -> bool:
    return any(entry.key == YOU for entry in group)


def members(group: tuple[UserEntry, ...], yours: tuple[Profile, Marks] | None,
            friends: Friends) -> tuple[Member, ...]:
    """The group as the engine is asked about it, each with their watchlist; `yours` is your
    profile and marks, read when you are in; a friend's files are read now (raises
    RecsysError when one cannot be)."""
    return tuple(_member(entry, yours, friends) for entry in group)


def _member(entry: UserEntry, yours: tuple[Profile, Marks] | None,
            friends: Friends) -> Member:
    if entry.movielens:
        return Member(name(entry), user_id=entry.user_id)
    if entry.key != YOU:
        return your_ratings.member(name(entry), friends.ratings(entry.key),
                                   friends.marks(entry.key))
    assert yours is not None, "you are in the group: your files are read"
    profile, marks = yours
    return your_ratings.member(name(entry), profile.ratings.values(), marks)


def seen_or_hidden(group: tuple[UserEntry, ...], friends: Friends) -> frozenset[tuple[str, int]]:
    """What the friends in the group saw or hid, by their marks beside their files (raises
    RecsysError when one cannot be read)."""
    return frozenset().union(*(your_ratings.seen_or_hidden(friends.marks(entry.key))
                               for entry in group if is_friend(entry)))


def other_order(order: GroupBy) -> GroupBy:
    return GroupBy.AVERAGE if order is GroupBy.LEAST_MISERY else GroupBy.LEAST_MISERY


def noted(group: tuple[UserEntry, ...], yours: Noted,
          friends: Friends) -> Noted:
    """What `i` shows again at a movie night, each saying why it was left out: yours
    (`yours`), then what the friends in the group saw or hid, by name (raises RecsysError
    when their marks cannot be read)."""
    return your_ratings.noted_with_theirs(yours, ((name(entry), friends.marks(entry.key))
                                                  for entry in group if is_friend(entry)))
