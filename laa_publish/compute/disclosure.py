"""Disclosure control: small counts become [c], and no hidden count can be worked out."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Mapping
from typing import Protocol

import numpy as np
import pandas as pd

PRIMARY, SECONDARY = "primary", "secondary"
MAX_ROUNDS = 50


class Counted(Protocol):
    """What disclosure control reads of an indicator (a model Indicator is one)."""

    @property
    def unit(self) -> str: ...

    @property
    def aggregation(self) -> str: ...


class Placed(Protocol):
    """What disclosure control reads of an area (a model Area is one)."""

    @property
    def code(self) -> str: ...

    @property
    def level(self) -> str: ...

    @property
    def parent(self) -> str | None: ...


class Rules(Protocol):
    """The partnership's disclosure settings (model Settings is one)."""

    @property
    def disclosure_threshold(self) -> int: ...

    @property
    def disclosure_levels(self) -> Collection[str]: ...


def count_column(indicator: Counted, frame: pd.DataFrame) -> str | None:
    """The column holding the count that could identify people, if the indicator has one."""
    if indicator.unit == "count" and indicator.aggregation == "sum":
        return "value"
    if "numerator" in frame.columns and frame["numerator"].notna().any():
        return "numerator"
    return None


def groups(frame: pd.DataFrame, areas: Mapping[str, Placed]) -> Iterator[tuple[int, list[int]]]:
    """(total row, member rows) for every set of cells that add up to a published total.

    Two kinds: the child areas of one level under a parent, for one period and breakdown;
    and the categories of one dimension under the all-people figure, for one period and area.
    """
    index = {
        (a, o, b): i
        for i, (a, o, b) in enumerate(
            zip(
                frame["area"].tolist(),
                frame["ordinal"].tolist(),
                frame["breakdown"].tolist(),
                strict=True,
            )
        )
    }
    by_parent: dict[tuple[str, str], list[str]] = {}
    for child in sorted(areas.values(), key=lambda a: a.code):
        if child.parent:
            by_parent.setdefault((child.parent, child.level), []).append(child.code)
    keys = sorted({(o, b) for _, o, b in index})
    for (parent, _level), kids in sorted(by_parent.items()):
        for ordinal, breakdown in keys:
            total = index.get((parent, ordinal, breakdown))
            members = [
                index[(k, ordinal, breakdown)] for k in kids if (k, ordinal, breakdown) in index
            ]
            if total is not None and len(members) > 1:
                yield total, members
    singles: dict[tuple[str, int, str], list[int]] = {}
    for (area, ordinal, breakdown), row in index.items():
        if breakdown and ";" not in breakdown:
            dim = breakdown.split("=", 1)[0]
            singles.setdefault((area, ordinal, dim), []).append(row)
    for (area, ordinal, _dim), members in sorted(singles.items()):
        total = index.get((area, ordinal, ""))
        if total is not None and len(members) > 1:
            yield total, sorted(members)


def suppress(
    indicator: Counted, frame: pd.DataFrame, areas: Mapping[str, Placed], settings: Rules
) -> pd.DataFrame:
    """Apply primary then secondary suppression; hidden cells lose value and counts."""
    frame = frame.reset_index(drop=True).assign(suppression="")
    column = count_column(indicator, frame)
    if column is None or frame.empty:
        return frame
    counts = frame[column].to_numpy(dtype=float)
    levels = frame["area"].map(lambda c: areas[c].level if c in areas else "")
    small = (
        levels.isin(settings.disclosure_levels).to_numpy() | (frame["breakdown"] != "").to_numpy()
    )
    hidden = frame["status"].eq("suppressed").to_numpy().copy()
    primary = small & (counts > 0) & (counts < settings.disclosure_threshold)
    reason = np.where(primary & ~hidden, PRIMARY, "").astype(object)
    hidden |= primary
    # with nothing hidden no total can give a hidden cell away: no groups to look at
    all_groups = list(groups(frame, areas)) if hidden.any() else []
    # plain lists: this loop reads single cells hundreds of thousands of times
    secret = hidden.tolist()
    order = [(math.inf if c != c else c) for c in counts.tolist()]  # NaN sorts last
    for _ in range(MAX_ROUNDS):
        changed = False
        for total, members in all_groups:
            if secret[total]:
                continue
            visible = [m for m in members if not secret[m]]
            if len(members) - len(visible) != 1 or not visible:
                continue
            pick = min(visible, key=lambda m: (order[m], m))
            secret[pick] = True
            reason[pick] = SECONDARY
            changed = True
        if not changed:
            break
    hidden = np.asarray(secret, dtype=bool)
    newly = hidden & ~frame["status"].eq("suppressed").to_numpy()
    if newly.any():
        frame.loc[newly, ["value", "numerator", "denominator", "lower_ci", "upper_ci"]] = np.nan
        frame.loc[newly, "status"] = "suppressed"
    frame["suppression"] = reason
    return frame
