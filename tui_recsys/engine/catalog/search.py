"""Search as one types, on whole columns of folded text, so the app only draws the rows that
fit on screen: title prefix first, then a word that starts with the query, then any substring,
then fuzzy matches (the query's letters in order); case and accents never matter, and within
each group the better-known row comes first."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from tui_recsys.data.titles import fold
from tui_recsys.engine.cache.column_files import Rows

FUZZY_MIN_LENGTH = 3


FUZZY_GAP = 2


def ranked_matches(texts: Sequence[str], query: str) -> np.ndarray:
    """Positions of `texts` (already folded) matching the folded `query`, best groups first."""
    if not query:
        return np.arange(len(texts))
    word = re.compile(rf"\b{re.escape(query)}").search
    compact = query.replace(" ", "")
    fuzzy = (re.compile(f".{{0,{FUZZY_GAP}}}".join(map(re.escape, compact))).search
             if len(compact) >= FUZZY_MIN_LENGTH else None)
    groups: tuple[list[int], ...] = ([], [], [], [])
    for position, text in enumerate(texts):
        if query in text:
            groups[0 if text.startswith(query) else 1 if word(text) else 2].append(position)
        elif fuzzy is not None and fuzzy(text):
            groups[3].append(position)
    return np.array([position for group in groups for position in group], dtype=np.int64)


class _Scanner:
    """Every row's text in two forms that C scans: one fixed-width byte array (numpy's string
    functions) and one joined byte string (a regular expression), made at the first scan.

    Folded texts hold only ASCII letters, digits and single spaces (`titles.fold`), so a word
    starts where a text does or after a space, and bytes hold them in a quarter of the space.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        if isinstance(texts, Rows) and texts.of_text:  # as cached: one text and its bounds
            encoded = texts.ascii_rows()
        else:
            encoded = [text.encode("ascii", "replace") for text in texts]
        self.array = np.array(encoded, dtype=bytes)
        self.joined = b"\n".join(encoded)
        lines = np.fromiter(map(len, encoded), np.int64, len(encoded)) + 1
        self.starts = np.cumsum(lines) - lines

    def matches(self, query: str) -> np.ndarray:
        """`ranked_matches` over every row, in C."""
        wanted = query.encode("ascii", "replace")
        where = np.strings.find(self.array, wanted)
        found, prefix = where >= 0, where == 0
        word = found & ~prefix & (np.strings.find(self.array, b" " + wanted) >= 0)
        groups = [np.flatnonzero(prefix), np.flatnonzero(word),
                  np.flatnonzero(found & ~prefix & ~word)]
        compact = wanted.replace(b" ", b"")
        if len(compact) >= FUZZY_MIN_LENGTH:
            gap = b".{0,%d}" % FUZZY_GAP
            pattern = re.compile(gap.join(re.escape(compact[i:i + 1])
                                          for i in range(len(compact))))
            offsets = np.fromiter((match.start() for match in pattern.finditer(self.joined)),
                                  np.int64)
            rows = np.unique(np.searchsorted(self.starts, offsets, side="right") - 1)
            groups.append(rows[~found[rows]])
        return np.concatenate(groups).astype(np.int64)


class SearchableTable:
    """Rows with one folded search text each, searched as the user types.

    A first key scans every row in C (`_Scanner`: 200k users in about 20 ms); a query that
    extends the previous one can only match rows the previous one matched (once that one was
    long enough to include fuzzy matches), so when those are few, typing narrows the last
    answer in Python instead (docs/performance.md's scale table has the figures). Each
    remembered answer is one tuple, replaced whole, so searches racing in two threads never
    mix.
    """

    # Narrowing in Python costs about eight times a C scan per row: it wins below an eighth
    # of the table, and always below a few thousand rows.
    NARROW_SHARE, NARROW_BELOW = 8, 5_000

    def __init__(self, search_text: Sequence[str]) -> None:
        self._search_text = search_text
        self._scanner: _Scanner | None = None
        self._last: tuple[str, np.ndarray] = ("", np.arange(len(search_text)))

    def __len__(self) -> int:
        return len(self._search_text)

    def prepare(self) -> None:
        """Make what a first key scans, ahead of it (about 30 ms for 200k users)."""
        if self._scanner is None:
            self._scanner = _Scanner(self._search_text)

    def search(self, query: str) -> np.ndarray:
        folded = fold(query)
        previous, answer = self._last
        if not folded:
            found = np.arange(len(self._search_text))
        elif (len(previous.replace(" ", "")) >= FUZZY_MIN_LENGTH and folded.startswith(previous)
                and len(answer) < max(self.NARROW_BELOW, len(self) // self.NARROW_SHARE)):
            within = np.sort(answer)
            found = within[ranked_matches([self._search_text[i] for i in within], folded)]
        else:
            self.prepare()
            assert self._scanner is not None
            found = self._scanner.matches(folded)
        self._last = (folded, found)
        return found
