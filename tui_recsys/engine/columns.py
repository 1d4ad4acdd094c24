"""What a cache entry names in its answers (titles, years, ids, genres), as JSON columns.

A warm query reads these instead of the catalogue's tables, so it never imports pandas, which
alone takes longer than the whole answer should (the README's "Performance" has both). JSON
holds text, lists of text and missing values (null) as they are, loads at C speed, and is never
executed, like the rest of the cache.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import Literal

Kind = Literal["text", "int", "int?", "float", "float?", "texts", "ints"]
Columns = dict[str, list]


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


def _holds(column: list, kind: Kind) -> bool:
    """Whether every cell is of `kind`, by the set of types seen (at C speed: a warm start
    checks a hundred thousand cells)."""
    cells, items = TYPES[kind]
    if not set(map(type, column)) <= cells:
        return False
    return not items or set(map(type, chain.from_iterable(column))) <= items


def _plain(value: object, kind: Kind) -> object:
    """A cell as JSON holds it: numpy scalars as Python numbers, a missing number as null."""
    if kind == "texts":
        return [str(v) for v in value]  # type: ignore[attr-defined]
    if kind == "ints":
        return [int(v) for v in value]  # type: ignore[attr-defined]
    if kind == "text":
        return str(value)
    if value is None or math.isnan(float(value)):  # type: ignore[arg-type]
        return None
    return int(value) if kind.startswith("int") else float(value)  # type: ignore[call-overload]


def save_columns(path: Path, kinds: Mapping[str, Kind],
                 columns: Mapping[str, Sequence[object]]) -> None:
    plain = {name: [_plain(value, kind) for value in columns[name]]
             for name, kind in kinds.items()}
    path.write_text(json.dumps(plain, ensure_ascii=False, allow_nan=False), encoding="utf-8")


def load_columns(path: Path, kinds: Mapping[str, Kind], rows: int | None = None) -> Columns:
    """The columns `kinds` names, each checked cell by cell: an entry from another version or
    a damaged one raises ValueError here, never an odd value in the middle of an answer."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != set(kinds):
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{path.name} holds {found}, expected {sorted(kinds)}")
    for name, kind in kinds.items():
        column = data[name]
        if not isinstance(column, list):
            raise ValueError(f"{path.name}: {name} is not a column")
        rows = len(column) if rows is None else rows
        if len(column) != rows:
            raise ValueError(f"{path.name}: {name} has {len(column)} rows, expected {rows}")
        if not _holds(column, kind):
            raise ValueError(f"{path.name}: {name} holds a value that is not {kind}")
    return data
