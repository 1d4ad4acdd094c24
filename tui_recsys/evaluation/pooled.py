"""Figures read group by group, each group of newcomers against the models trained without
them, put together as if read at once: every user counts once, whichever group they were in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

import numpy as np

from tui_recsys.engine.metrics import BeyondAccuracy, TopNScores


def pooled(parts: Sequence[TopNScores]) -> TopNScores:
    """One scorer's figures over several groups: each the groups' mean weighed by the users
    it read, which is the figure over all of them for every mean over users (precision to
    hit rate, and beyond accuracy). Overlap and coverage are read over a group's lists
    together, so theirs is the groups' mean too, not the figure over every list."""
    if len(parts) == 1:
        return parts[0]
    weights = np.array([part.users for part in parts], dtype=np.float64)
    total = float(weights.sum())

    def mean(values: list[float]) -> float:
        return float(np.dot(weights, values) / total) if total else 0.0

    beyond = None
    if all(part.beyond is not None for part in parts):
        beyond = BeyondAccuracy(**{f.name: mean([getattr(part.beyond, f.name) for part in parts])
                                   for f in fields(BeyondAccuracy)})
    return TopNScores(
        **{f.name: mean([getattr(part, f.name) for part in parts]) for f in fields(TopNScores)
           if f.name not in ("users", "beyond")},
        users=int(total), beyond=beyond)


def pooled_scorers(tables: Sequence[dict[str, TopNScores]]) -> dict[str, TopNScores]:
    """Tables of the same scorers, one a group, as one."""
    return {name: pooled([table[name] for table in tables]) for name in tables[0]}


def pooled_tables(tables: Sequence[dict[int, dict[str, TopNScores]]]
                  ) -> dict[int, dict[str, TopNScores]]:
    """Tables by a count (of ratings, of rounds), one a group, as one; a count some group
    lacks (none of its users had that many ratings) is read over the groups that have it."""
    counts = sorted({count for table in tables for count in table})
    return {count: pooled_scorers([table[count] for table in tables if count in table])
            for count in counts}
