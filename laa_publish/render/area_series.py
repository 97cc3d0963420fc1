"""Each area's own series of an indicator, found once per indicator for every area page.

A county has hundreds of areas and indicators, so the series are split out of the published
frame in one pivot per indicator, not by scanning the frame for every table cell. Pages
that show one area's series of many indicators (the whole place's, on the home, outcome
and partner pages) take only that area's row of the same grid.
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


def _grid(everyone: pd.DataFrame, mine: np.ndarray | None = None) -> tuple[pd.Index, np.ndarray]:
    """Areas × periods of values, gaps as NaN; only the `mine` rows when given (one area).

    The periods are everyone's, so one area's row has the same gaps as in the whole grid.
    """
    period_at, _ = pd.factorize(everyone["ordinal"], sort=True)
    width = int(period_at.max()) + 1
    if mine is None:
        area_at, areas = pd.factorize(everyone["area"], sort=True)
    else:
        period_at = period_at[mine]
        area_at, areas = np.zeros(len(period_at), dtype=np.intp), pd.Index([])
    # a grid of areas × periods filled with numpy: a pandas pivot costs several times more,
    # once for each of a county's 300 indicators in every worker
    values = np.full((len(areas) if mine is None else 1, width), np.nan)
    cells = area_at * width + period_at
    order = np.arange(len(cells))
    if len(np.unique(cells)) < len(cells):  # the same area and period twice: the last wins
        _, last_first = np.unique(cells[::-1], return_index=True)
        order = len(cells) - 1 - last_first
    figures = everyone["value"].to_numpy(dtype=float, na_value=np.nan)
    values[area_at[order], period_at[order]] = (figures if mine is None else figures[mine])[order]
    return areas, values


def _rows(areas: Iterable[str], values: np.ndarray, keep: int) -> dict[str, Series]:
    """Each row's values up to its last, gaps as None; the last `keep` if > 0; none if empty."""
    known = ~np.isnan(values)
    width = values.shape[1]
    first = known.argmax(axis=1)
    last = width - 1 - known[:, ::-1].argmax(axis=1)
    if keep:
        first = np.maximum(first, last - keep + 1)
    result: dict[str, Series] = {}
    for area, row, start, end, has in zip(
        areas, values.tolist(), first.tolist(), last.tolist(), known.any(axis=1), strict=True
    ):
        if has:
            # NaN is the one value unequal to itself: a gap, drawn as a break in the line
            result[area] = tuple(v if v == v else None for v in row[start : end + 1])
    return result


def _split(frame: pd.DataFrame, keep: int) -> dict[str, Series]:
    """Each area's values in period order up to its last, gaps as None; the last `keep` if > 0."""
    everyone = all_people(frame)
    if everyone.empty:
        return {}
    areas, values = _grid(everyone)
    return _rows([str(a) for a in areas], values, keep)


def _one(frame: pd.DataFrame, area: str, keep: int) -> Series:
    """_split(frame, keep).get(area, ()), without splitting out every other area."""
    everyone = all_people(frame)
    if everyone.empty:
        return ()
    mine = (everyone["area"] == area).to_numpy(dtype=bool, na_value=False)
    if not mine.any():
        return ()
    _, values = _grid(everyone, mine)
    return _rows([area], values, keep).get(area, ())


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


# one area's series by frame id, area and length (holding the frame keeps its id)
_ONE: dict[tuple[int, str, int], tuple[pd.DataFrame, Series]] = {}


def one_series(frame: pd.DataFrame | None, area: str, last: int = 0) -> Series:
    """area_series(frame, area, last), for pages that show one area of many indicators."""
    if frame is None:
        return ()
    split = _CACHE.get((id(frame), last))
    if split is not None and split[0] is frame:
        return split[1].get(area, ())
    cached = _ONE.get((id(frame), area, last))
    if cached is None or cached[0] is not frame:
        if len(_ONE) >= MAX_CACHED:
            _ONE.clear()
        cached = (frame, _one(frame, area, last))
        _ONE[(id(frame), area, last)] = cached
    return cached[1]
