"""How figures for several areas combine: the one rule shared by roll-ups and their checks."""

from __future__ import annotations

import numpy as np
import pandas as pd

from laa_publish.model.entities import Area, Indicator
from laa_publish.model.levels import DEFAULT_LEVELS, Levels
from laa_publish.model.periods import period_end, period_start

_SCALE = {"percentage": 100.0, "ratio": 1.0}
KEY = ["parent", "ordinal", "breakdown"]


def ratio_scale(indicator: Indicator) -> float | None:
    """What numerator / denominator is multiplied by, or None when the unit is not a ratio."""
    if indicator.unit == "rate":
        return float(indicator.rate_per or 1)
    return _SCALE.get(indicator.unit)


def scale(indicator: Indicator) -> float:
    """What numerator / denominator is multiplied by to give the published value."""
    return ratio_scale(indicator) or 1.0


def tree_children(areas: dict[str, Area], levels: Levels = DEFAULT_LEVELS) -> dict[str, list[str]]:
    """Children of each area along the tree of places on the ground (wards to city), sorted."""
    children: dict[str, list[str]] = {}
    for area in sorted(areas.values(), key=lambda a: a.code):
        parent = areas.get(area.parent) if area.parent else None
        if parent is None or not levels.in_tree(area.level, parent.level):
            continue
        children.setdefault(parent.code, []).append(area.code)
    return children


def _expected_children(
    children: dict[str, list[str]], areas: dict[str, Area], ordinals: list[int], period_type: str
) -> pd.DataFrame:
    """How many children of each parent existed in each period: one array comparison."""
    pairs = [(parent, kid) for parent, kids in children.items() for kid in kids]
    starts = np.array([period_start(o, period_type).isoformat() for o in ordinals], dtype=object)
    ends = np.array([period_end(o, period_type).isoformat() for o in ordinals], dtype=object)
    valid_from = np.array([areas[kid].valid_from or "" for _, kid in pairs], dtype=object)
    valid_to = np.array([areas[kid].valid_to or "9999" for _, kid in pairs], dtype=object)
    alive = (valid_from[:, None] <= ends[None, :]) & (valid_to[:, None] >= starts[None, :])
    parents = list(children)
    firsts = np.cumsum([0, *(len(children[p]) for p in parents[:-1])])  # pairs run by parent
    counts = (
        np.add.reduceat(alive.astype(np.int64), firsts, axis=0)
        if pairs and ordinals
        else np.zeros((len(parents), len(ordinals)), dtype=np.int64)
    )
    return pd.DataFrame(
        {
            "parent": np.repeat(np.asarray(parents, dtype=object), len(ordinals)),
            "ordinal": np.tile(np.asarray(ordinals, dtype=np.int64), len(parents)),
            "expected": counts.ravel(),
        }
    )


def child_totals(
    indicator: Indicator,
    frame: pd.DataFrame,
    areas: dict[str, Area],
    levels: Levels = DEFAULT_LEVELS,
) -> pd.DataFrame:
    """Combined figures of each parent's children, where every child that existed has one.

    Counts are summed; rates are recomputed from summed numerators and denominators, never
    averaged. Columns: parent, ordinal, breakdown, children, value, numerator, denominator,
    provisional.
    """
    columns = [*KEY, "children", "value", "numerator", "denominator", "provisional"]
    if indicator.aggregation not in ("sum", "rate") or frame.empty:
        return pd.DataFrame(columns=columns)
    children = tree_children(areas, levels)
    parent_of = {kid: parent for parent, kids in children.items() for kid in kids}
    # rows whose period could not be read were reported already; they cannot be placed in time
    rows = frame[frame["area"].isin(parent_of.keys()) & frame["ordinal"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    usable = ~rows["status"].isin(("not_available", "suppressed")) & rows["value"].notna()
    if indicator.aggregation == "rate":
        usable &= rows["numerator"].notna() & rows["denominator"].notna()
    work = pd.DataFrame(
        {
            "parent": rows["area"].map(parent_of),
            "ordinal": rows["ordinal"].astype(int),
            "breakdown": rows["breakdown"],
            "usable": usable,
            "value": rows["value"].where(usable, 0.0),
            "numerator": rows["numerator"].where(usable, 0.0),
            "denominator": rows["denominator"].where(usable, 0.0),
            "provisional": rows["status"] == "provisional",
        }
    )
    work["children"] = 1
    grouped = work.groupby(KEY, sort=True).sum(numeric_only=True).reset_index()
    grouped["provisional"] = grouped["provisional"] > 0
    expected = _expected_children(
        children, areas, sorted(grouped["ordinal"].unique().tolist()), indicator.period_type
    )
    grouped = grouped.merge(expected, on=["parent", "ordinal"], how="left")
    complete = (grouped["usable"] == grouped["expected"]) & (
        grouped["children"] == grouped["expected"]
    )
    grouped = grouped[complete & (grouped["expected"] > 0)].copy()
    if indicator.aggregation == "rate":
        grouped = grouped[grouped["denominator"] > 0]
        grouped["value"] = grouped["numerator"] / grouped["denominator"] * scale(indicator)
    else:
        grouped["numerator"] = np.nan
        grouped["denominator"] = np.nan
    return grouped[columns].reset_index(drop=True)
