"""Parquet files read as pandas: the Hub's raw tables and the cache's own.

List columns come back as Python lists, as the catalogue was built: pandas would hold numpy
arrays, which compare, print and join differently. Arrow converts them in one call, where a
Python loop over the cells cost three times as long on every warm start.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq


def read_frame(path: Path, *, columns: Sequence[str] | None = None,
               lists: Iterable[str] = ()) -> pd.DataFrame:
    """`columns` (all when None) of a parquet file; a missing one raises ArrowInvalid, a
    ValueError, like any other unreadable file."""
    table = pq.read_table(path, columns=None if columns is None else list(columns))
    frame = table.to_pandas()
    for name in lists:
        frame[name] = table.column(name).to_pylist()
    return frame


def optional_ints(column: pd.Series) -> list[int | None]:
    """A whole column as optional ints (None where missing), with one pandas call instead of
    one per cell."""
    return [None if missing else int(value)
            for value, missing in zip(column.tolist(), column.isna().tolist(), strict=True)]


def frame_columns(frame: pd.DataFrame, kinds: Mapping[str, str]) -> dict[str, list]:
    """The columns `kinds` names as plain lists, with None where an optional number ("int?",
    "float?") is missing: pandas would give NA or NaN, which JSON cannot hold."""
    def plain(column: pd.Series, kind: str) -> list:
        if kind == "int?":
            return optional_ints(column)
        if kind == "float?":
            return [None if missing else float(value) for value, missing
                    in zip(column.tolist(), column.isna().tolist(), strict=True)]
        return column.tolist()

    return {name: plain(frame[name], kind) for name, kind in kinds.items()}
