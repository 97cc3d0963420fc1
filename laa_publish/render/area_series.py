"""Each area's own series of an indicator, found once per indicator for every area page.

A county has hundreds of areas and indicators, so the series are split out of the published
frame in one pivot per indicator, not by scanning the frame for every table cell.
"""

from __future__ import annotations

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
    rows = everyone[["area", "ordinal", "value"]].drop_duplicates(["area", "ordinal"], keep="last")
    grid = rows.pivot(index="area", columns="ordinal", values="value").sort_index(axis=1)
    values = grid.to_numpy(dtype=float)
    known = ~np.isnan(values)
    width = values.shape[1]
    first = known.argmax(axis=1)
    last = width - 1 - known[:, ::-1].argmax(axis=1)
    if keep:
        first = np.maximum(first, last - keep + 1)
    result: dict[str, Series] = {}
    for area, row, start, end, has in zip(
        grid.index.tolist(),
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
