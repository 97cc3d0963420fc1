"""Revisions: published values that differ from the release before, with their reasons."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from laa_publish.frames import rows_of
from laa_publish.model.entities import Indicator
from laa_publish.model.releases import Release

KEY = ["period", "area", "breakdown"]
DERIVED_REASON = "Recomputed from revised figures for the areas within it."


@dataclass(frozen=True, slots=True)
class Revision:
    """One published value changed by a release: what it was, what it is, and why."""

    indicator: str
    period: str
    ordinal: int
    area: str
    breakdown: str
    old_value: float
    new_value: float | None
    new_status: str
    release: Release
    previous: Release
    revision_class: str
    reason: str
    source: str
    derived: bool

    def sort_key(self) -> tuple[str, str, int, str, str]:
        """Newest release first, then by indicator, period, area and breakdown."""
        return (self.indicator, self.release.id, self.ordinal, self.area, self.breakdown)


def revised_rows(ind: Indicator, previous: pd.DataFrame | None, current: pd.DataFrame) -> pd.Series:
    """Which rows of `current` revise a value `previous` published.

    A value is revised when the earlier release published a number and this one publishes a
    different number at the shown precision, or withdraws it (not available). A value hidden
    by disclosure control is not marked: [c] says all that may be said.
    """
    if previous is None or previous.empty or current.empty:
        return pd.Series(False, index=current.index)
    before = previous[[*KEY, "value"]].drop_duplicates(KEY).rename(columns={"value": "_old"})
    merged = current[KEY].merge(before, on=KEY, how="left")
    old = merged["_old"].round(ind.decimals).to_numpy()
    new = current["value"].round(ind.decimals).to_numpy()
    status = current["status"].to_numpy()
    was = ~pd.isna(old)
    withdrawn = pd.isna(new) & (status == "not_available")
    differs = ~pd.isna(new) & (new != old)
    return pd.Series(was & (differs | withdrawn), index=current.index)


def revisions_between(
    ind: Indicator,
    previous: pd.DataFrame | None,
    current: pd.DataFrame,
    before: Release,
    release: Release,
) -> list[Revision]:
    """Every value `release` revised in one indicator, with the reason recorded beside it."""
    mask = revised_rows(ind, previous, current)
    if not mask.any() or previous is None:
        return []
    old = previous.drop_duplicates(KEY).set_index(KEY)["value"]
    found = []
    for row in rows_of(current[mask.to_numpy()]):
        derived = bool(getattr(row, "derived", False))
        reason = str(getattr(row, "revision_reason", "") or "")
        found.append(
            Revision(
                indicator=ind.id,
                period=str(row.period),
                ordinal=int(row.ordinal),
                area=str(row.area),
                breakdown=str(row.breakdown),
                old_value=float(old[(row.period, row.area, row.breakdown)]),
                new_value=None if pd.isna(row.value) else float(row.value),
                new_status=str(row.status),
                release=release,
                previous=before,
                revision_class=str(getattr(row, "revision_class", "") or ""),
                reason=DERIVED_REASON if derived else reason,
                source=str(getattr(row, "source", "") or ""),
                derived=derived,
            )
        )
    return found
