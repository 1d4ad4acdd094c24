"""Search as one types, on whole columns of folded text, so the app only draws the rows that
fit on screen: title prefix first, then a word that starts with the query (a long title's
initials are one of its words: "lotr"), then any substring, then every word of the query in
any order, each where a word starts (people leave a title's small words out: "fast and
furious" is The Fast and the Furious, "lord rings" The Lord of the Rings), those that begin
with its first word first, then fuzzy matches (the query's letters in order); case and
accents never matter, and within each group the better-known row comes first."""

from __future__ import annotations

import bisect
import difflib
import functools
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from tui_recsys.data.titles import ARTICLES, fold
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
    groups: tuple[list[int], ...] = ([], [], [], [], [], [])
    for position, text in enumerate(texts):
        if query in text:
            groups[0 if text.startswith(query) else 1 if word(text) else 2].append(position)
        elif holds(text, query):
            groups[3 if text.startswith(_openings(query)) else 4].append(position)
        elif fuzzy is not None and fuzzy(text):
            groups[5].append(position)
    return np.array([position for group in groups for position in group], dtype=np.int64)


def _openings(query: str) -> tuple[str, ...]:
    """How a title begins that begins with the query's first word, after an English article
    or not: of the titles holding every word, those come first ("planet apes" is Planet of
    the Apes before Dawn of the Planet of the Apes), as people type a title from its start."""
    first = query.split()[0]
    return (first, *(f"{article} {first}" for article in ARTICLES))


def holds(text: str, query: str) -> bool:
    """Whether a folded text holds the folded query whole, or every word of a query of
    several, each where a word starts: what a search finds other than by its letters in
    order."""
    if query in text:
        return True
    words = query.split()
    spaced = f" {text}"
    return len(words) > 1 and all(f" {word}" in spaced for word in words)


ALPHABET = b"abcdefghijklmnopqrstuvwxyz0123456789 "  # what a folded Latin text holds
OTHER = len(ALPHABET)  # any other byte: another script's (UTF-8), and padding
CODES = np.full(256, OTHER, dtype=np.uint8)
CODES[np.frombuffer(ALPHABET, np.uint8)] = np.arange(OTHER, dtype=np.uint8)
SIGNATURE_WORDS = 4  # 256 bits a row
SPREAD = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: pairs of close letters apart
PAIR_BIT = ((np.arange((OTHER + 1) ** 2, dtype=np.uint64) * SPREAD) >> np.uint64(56)).astype(
    np.uint8).reshape(OTHER + 1, OTHER + 1)  # each pair of codes -> one of 256 bits
GATHER = np.uint64(0x0102040810204080)  # boolean byte i -> bit 56 + i
CHUNK_ROWS = 1 << 15  # rows signed at a time: their temporaries stay a few megabytes
PARALLEL_FROM = 100_000  # texts searched on two threads from this many (fewer: not worth it)
CLOSE_FROM = 4  # letters a query needs before a spelling near it is offered
CLOSE_PAIRS = 0.6  # of its pairs of letters a row must hold to be read as near the query
CLOSE_READ = 300  # rows read letter by letter, those holding most of the query's pairs
CLOSE_ENOUGH = 0.75  # of the query's letters a row's words must match, in order
CLOSE_WORDS = 8  # where a row's words start: the places a misspelt word is compared


def signatures(codes: np.ndarray) -> np.ndarray:
    """Every row's signature: a 256-bit Bloom filter of the pairs of its letters one to
    FUZZY_GAP + 1 apart, as SIGNATURE_WORDS words. A query can only match a row whose
    signature holds every pair of its consecutive letters (a substring's are one apart, a
    fuzzy match's at most FUZZY_GAP + 1), so a first key scans the few rows that do.

    Rows are as wide as the longest title (256 bytes for ml-latest-small's), most of them
    padding, so only the pairs of letters are looked up; their bits are set in a rows x 256
    table of booleans and packed, bit b of a row in word b // 64 at place b % 64."""
    rows = len(codes)
    signed = np.zeros((rows, SIGNATURE_WORDS), dtype=np.uint64)
    for start in range(0, rows, CHUNK_ROWS):
        chunk = codes[start:start + CHUNK_ROWS]
        letters = chunk < OTHER
        held = np.zeros((len(chunk), 64 * SIGNATURE_WORDS), dtype=bool)
        for gap in range(1, min(FUZZY_GAP + 1, chunk.shape[1] - 1) + 1):
            row, column = np.nonzero(letters[:, :-gap] & letters[:, gap:])
            held[row, PAIR_BIT[chunk[row, column], chunk[row, column + gap]]] = True
        signed[start:start + len(chunk)] = np.packbits(held, axis=1,
                                                       bitorder="little").view("<u8")
    return signed


def _required(text: bytes) -> np.ndarray | None:
    """The signature bits a row must hold to contain `text`'s letters in order (each pair
    of consecutive letters); None when a letter is outside the alphabet (no filter then)."""
    codes = CODES[np.frombuffer(text, np.uint8)]
    if len(codes) < 2 or np.any(codes >= OTHER):
        return None
    bits = PAIR_BIT[codes[:-1], codes[1:]]
    required = np.zeros(SIGNATURE_WORDS, dtype=np.uint64)
    for bit in bits:
        required[bit >> 6] |= np.uint64(1) << np.uint64(bit & 63)
    return required


class _Scanner:
    """Every row's text as one fixed-width byte array (numpy's string functions scan it in
    C), and each row's signature of letter pairs (`signatures`), made at the first scan.

    Folded texts hold letters, digits and single spaces (`titles.fold`), so a word starts
    where a text does or after a space. As UTF-8, a Latin title takes a quarter of the space
    of numpy's text, and another script's (Солярис, 千と千尋の神隠し) is matched byte for
    byte, which for UTF-8 is character for character; its letters sign nothing, so a query
    holding them reads every row.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        if isinstance(texts, Rows) and texts.of_text:  # as cached: one text and its bounds
            encoded = texts.utf8_rows()
        else:
            encoded = [text.encode() for text in texts]
        # Wider than the longest text: every row ends in at least one NUL, which no text
        # holds, so a match never runs from one row into the next; in whole 8-byte words, so
        # that a row's marks turn into bits a word at a time (`_bits`).
        self.width = -(-(max(map(len, encoded), default=0) + 1) // 8) * 8
        self.array = np.array(encoded, dtype=f"S{self.width}")
        self.matrix = self.array.view(np.uint8).reshape(-1, self.width)  # the same bytes
        self.signatures = signatures(CODES[self.matrix])

    def closest(self, query: str, count: int) -> np.ndarray:
        """Up to `count` rows spelled nearest `query` (folded), for a typo: "godfahter" or
        "pulp fictoin" have no row holding their letters in order, "batamn" only rows that
        hold them far apart.
        The rows holding most of the query's pairs of letters (`signatures`) are read, each
        compared with the query at its first words' starts, and those alike enough kept,
        the likest first, then the better known."""
        wanted = query.encode()
        required = _required(wanted)
        if len(query.replace(" ", "")) < CLOSE_FROM or required is None:
            return np.empty(0, dtype=np.int64)
        held = np.bitwise_count(self.signatures & required).sum(axis=1, dtype=np.int64)
        enough = max(2, int(np.ceil(CLOSE_PAIRS * np.bitwise_count(required).sum())))
        rows = np.flatnonzero(held >= enough)
        if len(rows) > CLOSE_READ:  # those holding most, of those alike the better known
            rows = np.sort(rows[np.argsort(-held[rows], kind="stable")[:CLOSE_READ]])
        matcher = difflib.SequenceMatcher(None, b=query, autojunk=False)
        alike = []
        for row in rows.tolist():
            text = self.array[row].decode()
            starts = [0, *(i + 1 for i, letter in enumerate(text) if letter == " ")]
            best = 0.0
            for start in starts[:CLOSE_WORDS]:
                matcher.set_seq1(text[start:start + len(query)])
                # the cheap upper bounds first, as difflib's get_close_matches does
                if matcher.quick_ratio() > max(best, CLOSE_ENOUGH - 0.01):
                    best = max(best, matcher.ratio())
            if best >= CLOSE_ENOUGH:
                alike.append((-round(best, 1), row))
        return np.array([row for _, row in sorted(alike)[:count]], dtype=np.int64)

    def candidates(self, text: bytes, within: np.ndarray | None = None) -> np.ndarray:
        """The rows (of `within`, sorted, when given) whose signature allows `text`'s
        letters in order."""
        return self._holding(_required(text), within)

    def _holding(self, required: np.ndarray | None,
                 within: np.ndarray | None = None) -> np.ndarray:
        """The rows (of the sorted `within`, when given) whose signature holds every bit of
        `required` (every row where it is None)."""
        signed = self.signatures if within is None else self.signatures[within]
        held = np.ones(len(signed), dtype=bool)
        for index in np.flatnonzero(required) if required is not None else ():
            held &= (signed[:, index] & required[index]) == required[index]
        rows = np.flatnonzero(held)
        return rows if within is None else within[rows]

    def matches(self, query: str, within: np.ndarray | None = None, *,
                same_letters: bool = False) -> np.ndarray:
        """`ranked_matches` over every row (or the sorted rows `within`), in C, reading only
        the rows whose signature allows the query. `same_letters`: `within` are exactly the
        rows holding the query's letters in order (the answer to the same query with another
        space), so the fuzzy matches are those rows less the others."""
        wanted = query.encode()
        rows = self.candidates(wanted, within)
        where = np.full(len(self.array), -1, dtype=np.int64)
        if len(rows) > len(self.array) // 2:  # most rows: a scan beats copying them first
            where[rows] = _find(self.array, wanted)[rows]
        elif len(rows):
            where[rows] = _find(self.array[rows], wanted)
        found, prefix = where >= 0, where == 0
        inside = np.flatnonzero(found & ~prefix)
        at_word = _find(self.array[inside], b" " + wanted) >= 0
        every_word = self._every_word(wanted, found, within)
        found[every_word] = True
        opened = np.zeros(len(every_word), dtype=bool)
        for opening in _openings(query) if len(every_word) else ():
            opened |= np.strings.startswith(self.array[every_word], opening.encode())
        groups = [np.flatnonzero(prefix), inside[at_word], inside[~at_word],
                  every_word[opened], every_word[~opened]]
        compact = wanted.replace(b" ", b"")
        if within is not None and same_letters:
            groups.append(within[~found[within]])
        elif len(compact) >= FUZZY_MIN_LENGTH:
            groups.append(self._fuzzy(compact, found, within))
        return np.concatenate(groups).astype(np.int64)

    def _every_word(self, wanted: bytes, found: np.ndarray,
                    within: np.ndarray | None) -> np.ndarray:
        """The rows (of the sorted `within`, when given) not `found` that hold every word of
        a query of several, each where a word starts, in any order: only rows whose
        signature holds every word's pairs of letters are read, the longest word first, as
        the fewest rows hold it, each word only in the rows that held the ones before."""
        if len(wanted.split()) < 2:  # a word typed twice is a query of several, as `holds` reads it
            return np.empty(0, dtype=np.int64)
        words = sorted(set(wanted.split()), key=len, reverse=True)
        rows = np.arange(len(self.array)) if within is None else within
        required = np.zeros(SIGNATURE_WORDS, dtype=np.uint64)
        for word in words:
            signed = _required(word)
            if signed is not None:  # a word of another script's letters signs nothing
                required |= signed
        rows = self._holding(required, rows[~found[rows]])
        for word in words:
            texts = self.array[rows]
            rows = rows[(np.strings.startswith(texts, word)) | (_find(texts, b" " + word) >= 0)]
        return rows.astype(np.int64)

    def _fuzzy(self, compact: bytes, found: np.ndarray,
               within: np.ndarray | None) -> np.ndarray:
        """The rows not `found` that hold `compact`'s letters in order, at most FUZZY_GAP
        apart, followed in every candidate row at once: where each letter stands in a row is
        a string of bits, and where the query can have reached after each letter is the
        last letter's bits moved on by one to FUZZY_GAP + 1 columns, kept where the next
        letter stands."""
        rows = self.candidates(compact, within)
        rows = rows[~found[rows]]
        if not len(rows):
            return rows
        text = self.matrix[rows]
        places: dict[int, np.ndarray] = {}
        for letter in set(compact):
            places[letter] = _bits(text == letter)
        reached = places[compact[0]]
        for letter in compact[1:]:
            moved = np.zeros_like(reached)
            for gap in range(1, FUZZY_GAP + 2):
                moved |= _moved_on(reached, gap)
            reached = moved & places[letter]
        return rows[reached.any(axis=1)]


def _find(texts: np.ndarray, wanted: bytes) -> np.ndarray:
    """Where `wanted` first stands in each text (-1: nowhere). numpy's string search lets
    go of the interpreter's lock, so a long array is searched in halves on two threads."""
    if len(texts) < PARALLEL_FROM:
        return np.strings.find(texts, wanted)
    half = len(texts) // 2
    other = _helper().submit(np.strings.find, texts[half:], wanted)
    return np.concatenate((np.strings.find(texts[:half], wanted), other.result()))


@functools.cache
def _helper() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")


def _bits(marks: np.ndarray) -> np.ndarray:
    """Each row of booleans (its length a multiple of 8) as 64-bit words, column j in bit
    j % 64 of word j // 64: eight booleans read as one word, gathered into one byte by one
    multiplication (each lands on its own bit of the top byte, none carries)."""
    eights = (marks.view("<u8") * GATHER) >> np.uint64(56)
    rows, count = eights.shape
    words = np.zeros((rows, -(-count // 8) * 8), dtype=np.uint8)
    words[:, :count] = eights
    return words.view("<u8")


def _moved_on(words: np.ndarray, columns: int) -> np.ndarray:
    """The bits of each row moved `columns` (under 64) columns on, across its words."""
    moved = words << np.uint64(columns)
    moved[:, 1:] |= words[:, :-1] >> np.uint64(64 - columns)
    return moved


class SearchableTable:
    """Rows with one folded search text each, searched as the user types.

    A first key scans the rows in C (`_Scanner`); a query that extends the previous one can
    only match rows the previous one matched (once that one was long enough to include fuzzy
    matches), so typing scans only the last answer's rows (docs/performance.md's scale table
    has the figures). Each remembered answer is one tuple, replaced whole, so searches racing
    in two threads never mix.
    """

    def __init__(self, search_text: Sequence[str]) -> None:
        self._search_text = search_text
        self._scanner: _Scanner | None = None
        self._last: tuple[str, np.ndarray] = ("", np.arange(len(search_text)))

    def __len__(self) -> int:
        return len(self._search_text)

    def prepare(self) -> None:
        """Make what a first key scans, ahead of it (docs/performance.md has its cost)."""
        if self._scanner is None:
            self._scanner = _Scanner(self._search_text)

    def closest(self, query: str, count: int = CLOSE_READ) -> np.ndarray:
        """The rows spelled nearest `query` (`_Scanner.closest`): offered as what a typo
        may have meant, where `search` found nothing or only its letters in order."""
        folded = fold(query)
        if not folded:
            return np.empty(0, dtype=np.int64)
        self.prepare()
        assert self._scanner is not None
        return self._scanner.closest(folded, count)

    def begun(self, found: np.ndarray, folded: str) -> int:
        """How many of `found` (`search`'s answer to `folded`), from the first, have a search
        text that begins with it: `search` puts those first, so a few are read, halving
        (at ml-32m "a" begins tens of thousands)."""
        assert self._scanner is not None
        array, wanted = self._scanner.array, folded.encode()
        return bisect.bisect_left(range(len(found)), True,
                                  key=lambda i: not array[found[i]].startswith(wanted))

    def search_or_nearest(self, query: str, count: int) -> tuple[np.ndarray, bool]:
        """`search`'s matches; where there are none (a typo, "godfahter"), the `count` rows
        spelled nearest it, and True: what they are is said wherever they are shown."""
        found = self.search(query)
        return (found, False) if len(found) else (self.closest(query, count), True)

    def search(self, query: str) -> np.ndarray:
        folded = fold(query)
        previous, answer = self._last
        if not folded:  # nothing typed lists every row; "!!!" names none
            found = (np.arange(len(self._search_text)) if not query.strip()
                     else np.empty(0, dtype=np.int64))
        else:
            self.prepare()
            assert self._scanner is not None
            letters = previous.replace(" ", "")
            narrows = len(letters) >= FUZZY_MIN_LENGTH and folded.startswith(previous)
            # The rows of a query of several words hold them in any order, not its letters
            # in order, so they are no fuzzy match of the same letters spaced otherwise.
            found = self._scanner.matches(folded, np.sort(answer) if narrows else None,
                                          same_letters=folded.replace(" ", "") == letters
                                          and " " not in previous)
        self._last = (folded, found)
        return found
