"""Observations: draw every neighbourhood's figures and add them up to larger areas.

Counts are drawn (binomial or Poisson) from each neighbourhood's own denominator, and
districts and the city are the exact sums of their neighbourhoods, so rates recomputed
from numerators and denominators agree at every level. Small counts are written as they
are, or suppressed where the indicator says so.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from decimal import Decimal

import numpy as np

from tools.example.areas import district_of
from tools.example.cells import Cell, Table, is_tie, ratio_value, sum_cells
from tools.example.estimates import simulate_dsr, simulate_level, simulate_survey
from tools.example.model import (
    GROUPS,
    REFERENCE_YEAR,
    SEED,
    Area,
    IndicatorSpec,
    city_link,
    from_link,
    local_effects,
)
from tools.example.timeline import period_midpoint, period_years


def _denominator(
    spec: IndicatorSpec, ward: Area, period: str, rng: np.random.Generator, coverage: float
) -> int:
    group = GROUPS[spec.group]
    mid = period_midpoint(period, spec.period_type)
    if group.kind == "population":
        return max(1, round(ward.size(spec.group, math.floor(mid) + 0.5)))
    if group.kind == "fixed":
        return round(group.per_person * coverage)
    expected = ward.size(spec.group, mid) * period_years(spec.period_type) * coverage
    return max(1, int(rng.poisson(expected)))


def simulate_neighbourhoods(
    spec: IndicatorSpec, wards: Sequence[Area], periods: Sequence[str], rng: np.random.Generator
) -> Table:
    """Draw numerators, denominators or counts for every neighbourhood and period."""
    effects = local_effects(spec, wards, rng)
    coverage = dict(spec.coverage)
    sizes = np.array([w.size(spec.group, REFERENCE_YEAR) for w in wards])
    weights = sizes * np.exp([effects[w.code] for w in wards])
    shares = weights / weights.sum()  # how a count divides between neighbourhoods
    table: Table = {}
    for period in periods:
        row: dict[str, Cell] = {}
        centre = city_link(spec, period)
        for i, ward in enumerate(wards):
            noise = float(rng.normal(0.0, spec.model.noise_sd))
            if spec.kind == "count":
                mean = from_link(centre, "log") * float(shares[i]) * math.exp(noise)
                row[ward.code] = Cell(numerator=int(rng.poisson(mean)))
                continue
            den = _denominator(spec, ward, period, rng, coverage.get(period, 1.0))
            x = centre + effects[ward.code] + noise
            if spec.kind == "percent":
                num = int(rng.binomial(den, from_link(x, "logit") / 100.0))
            else:
                num = int(rng.poisson(den * from_link(x, "log") / spec.scale))
            row[ward.code] = Cell(numerator=num, denominator=den)
        table[period] = row
    return table


def members(areas: Sequence[Area], clusters: Mapping[str, str]) -> dict[str, list[str]]:
    """For every area above neighbourhood level, the neighbourhoods that make it up."""
    wards = [a for a in areas if a.level == "neighbourhood" and a.valid_to is None]
    out: dict[str, list[str]] = {}
    for a in areas:
        if a.level == "city":
            out[a.code] = [w.code for w in wards]
        elif a.level == "district":
            out[a.code] = [w.code for w in wards if w.parent == a.code]
        elif a.level == "school_cluster":
            out[a.code] = [w.code for w in wards if clusters.get(w.code) == a.code]
    return out


def roll_up(spec: IndicatorSpec, table: Table, groups: Mapping[str, list[str]]) -> Table:
    """Add neighbourhood counts up to districts, clusters and the city, then set values.

    Where a recomputed rate would sit exactly on a rounding boundary, the first
    neighbourhood's numerator is nudged by one and everything is summed again.
    """
    for _ in range(50):
        out: Table = {}
        tie: tuple[str, str] | None = None
        for period, row in table.items():
            full = dict(row)
            for code, parts in groups.items():
                full[code] = sum_cells(row[p] for p in parts)
            for code, cell in full.items():
                if cell.denominator is None:
                    cell.value = Decimal(cell.numerator or 0)
                    continue
                num, den = cell.numerator or 0, cell.denominator
                if is_tie(num, den, spec.scale, spec.decimals) and tie is None:
                    tie = (period, groups[code][0] if code in groups else code)
                cell.value = ratio_value(num, den, spec.scale, spec.decimals)
            out[period] = full
        if tie is None:
            return out
        cell = table[tie[0]][tie[1]]
        cell.numerator = (cell.numerator or 0) + (1 if (cell.numerator or 0) == 0 else -1)
    raise RuntimeError(f"{spec.id}: could not avoid rounding ties")


def _keep_levels(spec: IndicatorSpec, table: Table, areas: Sequence[Area]) -> Table:
    level_of = {a.code: a.level for a in areas}
    keep = {"city"}
    if spec.levels in ("all", "districts"):
        keep.add("district")
    if spec.levels == "all":
        keep.add("neighbourhood")
    if spec.clusters:
        keep.add("school_cluster")
    return {
        period: {code: cell for code, cell in row.items() if level_of[code] in keep}
        for period, row in table.items()
    }


def _blank(cell: Cell, status: str, note: str) -> None:
    cell.value = cell.lower_ci = cell.upper_ci = None
    cell.numerator = cell.denominator = None
    cell.status, cell.note = status, note


def suppress_small(spec: IndicatorSpec, table: Table, areas: Sequence[Area]) -> None:
    """Suppress small neighbourhood numerators, with a second cell in the same district.

    A district that has exactly one suppressed neighbourhood also loses its next
    smallest one, so that no suppressed number can be found by subtraction.
    """
    if not spec.suppress_below:
        return
    primary = f"Fewer than {spec.suppress_below} people: suppressed to protect confidentiality"
    secondary = "Suppressed so that a smaller figure cannot be worked out from the total"
    for row in table.values():
        for parts in district_of(areas).values():
            counts = {
                w.code: row[w.code].numerator or 0
                for w in parts
                if w.code in row and row[w.code].value is not None
            }
            small = [code for code, num in counts.items() if 0 < num < spec.suppress_below]
            extra: list[str] = []
            if len(small) == 1:
                extra = [min((num, code) for code, num in counts.items() if code not in small)[1]]
            for code in small:
                _blank(row[code], "suppressed", primary)
            for code in extra:
                _blank(row[code], "suppressed", secondary)


def apply_statuses(spec: IndicatorSpec, table: Table, areas: Sequence[Area]) -> None:
    """Mark provisional periods, unavailable figures and notes."""
    level_of = {a.code: a.level for a in areas}
    for period, row in table.items():
        for cell in row.values():
            if period in spec.provisional and cell.status == "final":
                cell.status = "provisional"
    for period, scope, note in spec.unavailable:
        for code, cell in table.get(period, {}).items():
            if scope == "all" or level_of[code] != "city":
                _blank(cell, "not_available", note)
    for period, code, note in spec.notes:
        cell = table[period][code]
        cell.note = f"{cell.note}; {note}" if cell.note else note


def simulate_indicator(
    spec: IndicatorSpec,
    areas: Sequence[Area],
    periods: Sequence[str],
    clusters: Mapping[str, str] | None = None,
    seed: int = SEED,
) -> Table:
    """All observations of one indicator: every period and area it is published for."""
    rng = np.random.default_rng([seed, zlib.crc32(spec.id.encode())])
    wards = [a for a in areas if a.level == "neighbourhood" and a.valid_to is None]
    if spec.kind == "survey":
        table = simulate_survey(spec, areas, periods, rng)
    elif spec.kind == "dsr":
        table = simulate_dsr(spec, wards, periods, rng)
    elif spec.kind == "level":
        table = simulate_level(spec, periods, rng)
    else:
        raw = simulate_neighbourhoods(spec, wards, periods, rng)
        table = roll_up(spec, raw, members(areas, clusters or {}))
    table = _keep_levels(spec, table, areas)
    suppress_small(spec, table, areas)
    apply_statuses(spec, table, areas)
    return table
