"""Each area's own series of an indicator, found once per indicator for every area page.

A county has hundreds of areas and indicators, so the series are split out of the published
frame in one pivot per indicator, not by scanning the frame for every table cell.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from laa_publish.model.entities import all_people

Series = tuple[float | None, ...]
# published frames by id, kept with the series found in them (holding the frame keeps its id)
MAX_CACHED = 4096  # indicators; a county has 300
_CACHE: dict[tuple[int, int], tuple[pd.DataFrame, dict[str, Series]]] = {}


def _split(frame: pd.DataFrame, keep: int) -> dict[str, Series]:
    """Each area's values in period order up to its last, gaps as None; the last `keep` if > 0."""
    everyone = all_people(frame)
    if everyone.empty:
        return {}
    # a grid of areas × periods filled with numpy: a pandas pivot costs several times more,
    # once for each of a county's 300 indicators in every worker
    area_at, areas = pd.factorize(everyone["area"], sort=True)
    period_at, _ = pd.factorize(everyone["ordinal"], sort=True)
    values = np.full((len(areas), int(period_at.max()) + 1), np.nan)
    cells = area_at * values.shape[1] + period_at
    order = np.arange(len(cells))
    if len(np.unique(cells)) < len(cells):  # the same area and period twice: the last wins
        _, last_first = np.unique(cells[::-1], return_index=True)
        order = len(cells) - 1 - last_first
    values[area_at[order], period_at[order]] = everyone["value"].to_numpy(
        dtype=float, na_value=np.nan
    )[order]
    known = ~np.isnan(values)
    width = values.shape[1]
    first = known.argmax(axis=1)
    last = width - 1 - known[:, ::-1].argmax(axis=1)
    if keep:
        first = np.maximum(first, last - keep + 1)
    result: dict[str, Series] = {}
    for area, row, start, end, has in zip(
        [str(a) for a in areas],
        values.tolist(),
        first.tolist(),
        last.tolist(),
        known.any(axis=1),
        strict=True,
    ):
        if has:
            # NaN is the one value unequal to itself: a gap, drawn as a break in the line
            result[str(area)] = tuple(v if v == v else None for v in row[start : end + 1])
    return result


def area_series(frame: pd.DataFrame | None, area: str, last: int = 0) -> Series:
    """One area's series of a published indicator frame (its `last` periods), or () if none."""
    if frame is None:
        return ()
    cached = _CACHE.get((id(frame), last))
    if cached is None or cached[0] is not frame:
        if len(_CACHE) >= MAX_CACHED:  # another build's frames: let them go
            _CACHE.clear()
        cached = (frame, _split(frame, last))
        _CACHE[(id(frame), last)] = cached
    return cached[1].get(area, ())


def warm(frames: Iterable[pd.DataFrame], last: int) -> None:
    """Split every indicator's series before pages are shared out over forked workers.

    Area, outcome, partner and home pages each read most indicators' series: split here
    once, every worker inherits them instead of splitting them again.
    """
    for frame in frames:
        area_series(frame, "", last)
