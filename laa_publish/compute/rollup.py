"""Roll figures up the area tree: counts are summed, rates recomputed from their parts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from laa_publish.model.aggregate import child_totals
from laa_publish.model.entities import Area, Indicator
from laa_publish.model.levels import DEFAULT_LEVELS, Levels


def roll_up(
    indicator: Indicator,
    frame: pd.DataFrame,
    areas: dict[str, Area],
    totals: pd.DataFrame | None = None,
    levels: Levels = DEFAULT_LEVELS,
) -> pd.DataFrame:
    """Add a computed row for each parent, period and breakdown with complete child figures.

    A parent's own submitted figure always wins; computed rows are marked `derived`. Levels
    are rolled up bottom-up, so districts computed from neighbourhoods feed the city.
    `totals`, when given, must be ``child_totals`` of this very frame (validation finds
    them while checking the submitted parents); otherwise they are computed here.
    """
    frame = frame.assign(derived=False)
    if indicator.aggregation not in ("sum", "rate") or frame.empty:
        return frame
    periods = dict(zip(frame["ordinal"].tolist(), frame["period"].tolist(), strict=False))
    parent_levels: pd.Series | None = None
    have: pd.MultiIndex | None = None  # the rows the frame already has, kept with the above
    every = totals  # totals for every parent; only rows added at a lower level change them
    for level in levels.tree[1:]:
        if every is None:
            every = child_totals(indicator, frame, areas, levels)
        if parent_levels is None or have is None:
            parent_levels = every["parent"].map(lambda c: areas[c].level)
            have = pd.MultiIndex.from_frame(frame[["area", "ordinal", "breakdown"]])
        totals = every[parent_levels == level]
        if totals.empty:
            continue
        wanted = pd.MultiIndex.from_frame(totals[["parent", "ordinal", "breakdown"]])
        totals = totals[~wanted.isin(have)]
        if totals.empty:
            continue
        parents = set(totals["parent"].tolist())
        kids = {a.level for a in areas.values() if a.parent in parents}
        kid_level = levels.of(sorted(kids)[0]).noun if kids else "area"
        added = pd.DataFrame(
            {
                "period": totals["ordinal"].map(periods),
                "ordinal": totals["ordinal"].astype("Int64"),
                "area": totals["parent"],
                "value": totals["value"].astype(float),
                "numerator": totals["numerator"].astype(float),
                "denominator": totals["denominator"].astype(float),
                "lower_ci": np.nan,
                "upper_ci": np.nan,
                "status": np.where(totals["provisional"], "provisional", "final"),
                "note": [f"Computed from {n} {kid_level} figures." for n in totals["children"]],
                "line": 0,
                "breakdown": totals["breakdown"],
                "derived": True,
            }
        )
        for dim in indicator.breakdowns:
            added[dim] = _dimension_values(totals["breakdown"], dim)
        extra = [c for c in frame.columns if c not in added.columns]  # text kept beside figures
        added = added.assign(**dict.fromkeys(extra, ""))
        frame = pd.concat([frame, added[frame.columns]], ignore_index=True)
        every = parent_levels = have = None
    return frame.sort_values(["ordinal", "area", "breakdown"], kind="stable").reset_index(drop=True)


def _dimension_values(keys: pd.Series, dim: str) -> pd.Series:
    """The code of one dimension inside canonical breakdown keys such as 'age=16-24;sex=F'."""

    def pick(key: str) -> str:
        for part in key.split(";") if key else ():
            name, _, code = part.partition("=")
            if name == dim:
                return code
        return ""

    return keys.map(pick)
