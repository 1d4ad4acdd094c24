"""What a cache entry names in its answers (titles, years, ids, genres), as columns.

A warm query reads these instead of the catalogue's tables, so it never imports pandas, which
alone takes longer than the whole answer should (the docs/performance.md has both). Every
column is stored as arrays in one `.npz`: numbers as they are (a missing one as a mask), text
as UTF-8 with offsets, lists as offsets into their items. Loading parses nothing and makes a
row of text or of a list only when it is read: JSON's decoder took most of a second for 200k
users' rows at ml-32m's size, and a warm start reads a few dozen of them. Nothing in it is ever
executed, like the rest of the cache. An entry written as JSON (before this layout) still
loads.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain, pairwise
from pathlib import Path
from typing import Literal, overload

import numpy as np

Kind = Literal["text", "int", "int?", "float", "float?", "texts", "ints"]
Columns = dict[str, Sequence]

NONE = type(None)
TYPES: dict[Kind, tuple[set[type], set[type]]] = {  # a column's cells, and their items' types
    "text": ({str}, set()),
    "int": ({int}, set()),
    "int?": ({int, NONE}, set()),
    "float": ({int, float}, set()),
    "float?": ({int, float, NONE}, set()),
    "texts": ({list}, {str}),
    "ints": ({list}, {int}),
}
MISSING, OFFSETS, ITEMS = "__missing", "__offsets", "__items"  # arrays beside a column's own


class Rows(Sequence):
    """Rows cut from one flat sequence (a text, a list of numbers) at `bounds`, each made
    when it is read; with `items`, a row is a list of the texts `items` cuts from `flat`."""

    def __init__(self, flat: Sequence, bounds: list[int], items: list[int] | None = None) -> None:
        self.flat, self.bounds, self.items = flat, bounds, items

    def __len__(self) -> int:
        return len(self.bounds) - 1

    @overload
    def __getitem__(self, row: int) -> object: ...

    @overload
    def __getitem__(self, row: slice) -> list: ...

    def __getitem__(self, row: int | slice) -> object:
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        start, end = self.bounds[row], self.bounds[row + 1]
        if self.items is None:
            return self.flat[start:end]
        cut = self.items
        return [self.flat[cut[i]:cut[i + 1]] for i in range(start, end)]

    @property
    def of_text(self) -> bool:
        """Whether each row is one text (not a list of them)."""
        return self.items is None and isinstance(self.flat, str)

    def utf8_rows(self) -> list[bytes]:
        """Each text row as UTF-8 bytes. Where every character is ASCII (most search texts),
        the flat text is encoded once and cut, which one byte per character allows; else
        row by row."""
        if not self.of_text:
            raise TypeError("utf8_rows needs rows that are one text each")
        flat = str(self.flat)
        if not flat.isascii():
            return [str(row).encode() for row in self]
        blob = flat.encode("ascii")
        return [blob[start:end] for start, end in pairwise(self.bounds)]

    def __iter__(self) -> Iterator[object]:
        flat, cut = self.flat, self.items
        if cut is None:
            return (flat[start:end] for start, end in pairwise(self.bounds))
        return ([flat[cut[i]:cut[i + 1]] for i in range(start, end)]
                for start, end in pairwise(self.bounds))


def _holds(column: Sequence, kind: Kind) -> bool:
    """Whether every cell is of `kind`, by the set of types seen (at C speed)."""
    cells, items = TYPES[kind]
    if not set(map(type, column)) <= cells:
        return False
    return not items or set(map(type, chain.from_iterable(column))) <= items


def _plain(value: object, kind: Kind) -> object:
    """A cell as a plain Python value: numpy scalars as numbers, a missing number as None."""
    if kind == "texts":
        return [str(v) for v in value]  # type: ignore[attr-defined]
    if kind == "ints":
        return [int(v) for v in value]  # type: ignore[attr-defined]
    if kind == "text":
        return str(value)
    if value is None or math.isnan(float(value)):  # type: ignore[arg-type]
        return None
    return int(value) if kind.startswith("int") else float(value)  # type: ignore[call-overload]


def _bounds(lengths: Sequence[int]) -> np.ndarray:
    return np.concatenate(([0], np.cumsum(np.asarray(lengths, dtype=np.int64)))).astype(
        np.int64)


def _text(cells: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Texts as one UTF-8 blob and their bounds in characters (not bytes)."""
    return (np.frombuffer("".join(cells).encode("utf-8"), dtype=np.uint8),
            _bounds([len(cell) for cell in cells]))


def _arrays(name: str, kind: Kind, cells: list) -> dict[str, np.ndarray]:
    """A column (its cells as `_plain` made them) as the arrays that hold it."""
    if kind == "text":
        blob, bounds = _text(cells)
        return {name: blob, name + OFFSETS: bounds}
    if kind == "texts":
        blob, items = _text(list(chain.from_iterable(cells)))
        return {name: blob, name + ITEMS: items, name + OFFSETS: _bounds(list(map(len, cells)))}
    if kind == "ints":
        return {name: np.array(list(chain.from_iterable(cells)), dtype=np.int64),
                name + OFFSETS: _bounds(list(map(len, cells)))}
    if kind.startswith("float"):
        return {name: np.array([np.nan if cell is None else cell for cell in cells],
                               dtype=np.float64)}
    values = np.array([0 if cell is None else cell for cell in cells], dtype=np.int64)
    if kind == "int":
        return {name: values}
    return {name: values, name + MISSING: np.array([cell is None for cell in cells])}


def _expected(kinds: Mapping[str, Kind]) -> set[str]:
    beside = {"text": (OFFSETS,), "texts": (ITEMS, OFFSETS), "ints": (OFFSETS,),
              "int?": (MISSING,)}
    return {name + suffix for name, kind in kinds.items()
            for suffix in ("", *beside.get(kind, ()))}


def _cut(bounds: np.ndarray, size: int, what: str) -> list[int]:
    """`bounds` as a list, checked to cut a flat sequence of `size` from end to end."""
    if (bounds.dtype.kind != "i" or bounds.ndim != 1 or not len(bounds) or bounds[0] != 0
            or bounds[-1] != size or np.any(np.diff(bounds) < 0)):
        raise ValueError(f"{what}: its offsets do not fit its values")
    return bounds.tolist()


def _column(name: str, kind: Kind, arrays: Mapping[str, np.ndarray], what: str) -> Sequence:
    """A column back from its arrays; anything malformed raises ValueError."""
    values = arrays[name]
    if values.ndim != 1:
        raise ValueError(f"{what}: {name} is not a column")
    if kind in ("text", "texts"):
        if values.dtype != np.uint8:
            raise ValueError(f"{what}: {name} is not text")
        text = values.tobytes().decode("utf-8")  # a UnicodeDecodeError is a ValueError
        if kind == "text":
            return Rows(text, _cut(arrays[name + OFFSETS], len(text), f"{what}: {name}"))
        items = _cut(arrays[name + ITEMS], len(text), f"{what}: {name}")
        return Rows(text, _cut(arrays[name + OFFSETS], len(items) - 1, f"{what}: {name}"),
                    items)
    if values.dtype.kind != ("f" if kind.startswith("float") else "i"):
        raise ValueError(f"{what}: {name} is {values.dtype}, not {kind}")
    cells = values.tolist()
    if kind == "ints":
        return Rows(cells, _cut(arrays[name + OFFSETS], len(cells), f"{what}: {name}"))
    if kind == "float?":
        for row in np.flatnonzero(np.isnan(values)).tolist():
            cells[row] = None
    if kind == "int?":
        missing = arrays[name + MISSING]
        if missing.shape != values.shape or missing.dtype != bool:
            raise ValueError(f"{what}: {name}'s missing cells do not fit its values")
        for row in np.flatnonzero(missing).tolist():
            cells[row] = None
    return cells


def save_columns(stem: Path, kinds: Mapping[str, Kind],
                 columns: Mapping[str, Sequence[object]]) -> None:
    """The columns to `stem` + ".npz"."""
    arrays: dict[str, np.ndarray] = {}
    for name, kind in kinds.items():
        arrays.update(_arrays(name, kind, [_plain(value, kind) for value in columns[name]]))
    np.savez(stem.with_suffix(".npz"), **arrays)


def _from_json(path: Path, kinds: Mapping[str, Kind]) -> Columns:
    """An entry's columns as they were written before they were arrays, checked cell by
    cell."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != set(kinds):
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{path.name} holds {found}, expected {sorted(kinds)}")
    for name, kind in kinds.items():
        if not isinstance(data[name], list) or not _holds(data[name], kind):
            raise ValueError(f"{path.name}: {name} holds a value that is not {kind}")
    return data


def load_columns(stem: Path, kinds: Mapping[str, Kind], rows: int | None = None) -> Columns:
    """The columns `kinds` names (saved by `save_columns` to `stem`), checked whole: an entry
    from another version or a damaged one raises ValueError naming its file here, never an odd
    value in the middle of an answer."""
    arrays_path, json_path = stem.with_suffix(".npz"), stem.with_suffix(".json")
    path = arrays_path
    if not arrays_path.exists() and json_path.exists():
        path, columns = json_path, _from_json(json_path, kinds)
    else:
        with np.load(arrays_path, allow_pickle=False) as saved:
            arrays = {name: saved[name] for name in saved.files}
        if set(arrays) != _expected(kinds):
            raise ValueError(f"{arrays_path.name} holds {sorted(arrays)}, expected "
                             f"{sorted(_expected(kinds))}")
        columns = {name: _column(name, kind, arrays, arrays_path.name)
                   for name, kind in kinds.items()}
    for name, column in columns.items():
        rows = len(column) if rows is None else rows
        if len(column) != rows:
            raise ValueError(f"{path.name}: {name} has {len(column)} rows, expected {rows}")
    return columns
