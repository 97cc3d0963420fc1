"""Breakdown rows (by age, sex, ethnic group...) and figures on old ward boundaries.

Breakdown groups add up exactly to the all-people rows, drawn from a second generator so
that the all-people figures do not change.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence

import numpy as np

from tools.example.areas import district_of
from tools.example.cells import Cell, Table, set_values, sum_cells
from tools.example.model import CITY, SEED, Area, Breakdown, IndicatorSpec

BreakdownKey = tuple[str, str, str]  # (area code, dimension, value code)
BreakdownTable = dict[str, dict[BreakdownKey, Cell]]  # period -> key -> cell


def _group_shares(b: Breakdown, wards: Sequence[Area]) -> np.ndarray:
    """Each group's share of an area's denominator (or of its count).

    Deprivation deciles follow the area's neighbourhoods: a deprived district has most
    of its people in the low deciles and few or none in the highest. Groups below 2%
    are left out altogether.
    """
    if b.dimension == "deprivation_decile":
        weights = np.zeros(len(b.groups))
        for w in wards:
            centre = 5.5 - 3.2 * w.deprivation
            near = np.array([math.exp(-((int(c) - centre) ** 2) / 8.0) for c, _, _ in b.groups])
            weights += w.population * near / near.sum()
    else:
        weights = np.array([share for _, share, _ in b.groups], dtype=float)
    weights = weights / weights.sum()
    weights[weights < 0.02] = 0.0
    return weights / weights.sum()


def _split_cell(
    spec: IndicatorSpec, cell: Cell | None, shares: np.ndarray, rates: np.ndarray,
    rng: np.random.Generator,
) -> list[Cell] | None:  # fmt: skip
    """Divide one published cell between groups so that the parts add up exactly."""
    if cell is None or cell.value is None or cell.numerator is None:
        return None
    if cell.denominator is None:
        weights = shares * rates
        counts = rng.multinomial(cell.numerator, weights / weights.sum())
        return [Cell(numerator=int(c)) for c in counts]
    for _ in range(100):
        dens = rng.multinomial(cell.denominator, shares)
        weights = dens * rates
        nums = rng.multinomial(cell.numerator, weights / weights.sum())
        if spec.kind != "percent" or bool((nums <= dens).all()):
            return [
                Cell(numerator=int(n), denominator=int(d)) for n, d in zip(nums, dens, strict=True)
            ]
    raise RuntimeError(f"{spec.id}: could not split a cell between groups")


def simulate_breakdowns(
    spec: IndicatorSpec, table: Table, areas: Sequence[Area], seed: int = SEED
) -> BreakdownTable:
    """Breakdown rows for the city (and districts) whose parts add up to each published row.

    Draws come from their own generator, so adding a breakdown never changes the
    all-people figures. A group with nobody in it in an area gets no row there.
    """
    out: BreakdownTable = {period: {} for period in table}
    rng = np.random.default_rng([seed, zlib.crc32(spec.id.encode()), 1])
    wards = [a for a in areas if a.level == "neighbourhood" and a.valid_to is None]
    districts = district_of(areas)
    for b in spec.breakdowns:
        codes = [code for code, _, _ in b.groups]
        rates = np.array([rate for _, _, rate in b.groups], dtype=float)
        bases = {CITY: wards} if b.levels == "city" else dict(sorted(districts.items()))
        shares = {code: _group_shares(b, parts) for code, parts in bases.items()}
        for period, row in table.items():
            for _ in range(50):
                cells: dict[tuple[str, str], Cell] = {}
                for area in bases:
                    parts = _split_cell(spec, row.get(area), shares[area], rates, rng)
                    for code, cell in zip(codes, parts or (), strict=False):
                        cells[(area, code)] = cell
                if b.levels == "districts" and len(cells) == len(bases) * len(codes):
                    for code in codes:
                        cells[(CITY, code)] = sum_cells(cells[(d, code)] for d in bases)
                if set_values(spec, cells.values()):
                    break
            else:
                raise RuntimeError(f"{spec.id}: could not avoid rounding ties in breakdowns")
            for (area, code), cell in cells.items():
                if cell.denominator == 0:
                    continue
                cell.status = row[area].status
                out[period][(area, b.dimension, code)] = cell
    return out
