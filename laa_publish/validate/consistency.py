"""Where a partner submits both an area and its parts, the two must agree."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from laa_publish.frames import rows_of
from laa_publish.issues import Issue, warning
from laa_publish.model.aggregate import child_totals
from laa_publish.model.entities import Indicator, Partnership


def consistency_issues(
    p: Partnership,
    indicator: Indicator,
    frame: pd.DataFrame,
    path: str,
    value_column: int | None,
    totals: pd.DataFrame | None = None,
) -> Iterator[Issue]:
    """Warn when a submitted parent differs from its children by more than the tolerance."""
    if totals is None:
        totals = child_totals(indicator, frame, p.areas, p.settings.levels)
    if totals.empty:
        return
    submitted = frame[frame["value"].notna()].rename(columns={"area": "parent"})
    joined = submitted.merge(
        totals, on=["parent", "ordinal", "breakdown"], suffixes=("", "_parts"), how="inner"
    )
    if joined.empty:
        return
    precision = 0.5 * 10 ** (-indicator.decimals) + 1e-9
    allowed = (joined["value_parts"].abs() * p.settings.consistency_tolerance / 100).clip(
        lower=precision
    )
    gaps = (joined["value"] - joined["value_parts"]).abs()
    for row in rows_of(joined[gaps > allowed]):
        what = f" ({row.breakdown})" if row.breakdown else ""
        dp = indicator.decimals
        parts = f"{row.children} part{'' if row.children == 1 else 's'}"
        yield warning(
            "rollup-mismatch",
            path,
            int(row.line),
            value_column,
            f"{row.period} {p.areas[row.parent].name} ({row.parent}){what}: the submitted value "
            f"{row.value:.{dp}f} differs from {row.value_parts:.{dp}f}, the figure from its "
            f"{parts} (tolerance {p.settings.consistency_tolerance:g}%).",
            "Check that the figure and the figures for its parts come from the same extract and "
            "definition: counts must add up, and rates must come from the summed numerators and "
            "denominators.",
        )
