"""Observations: draw every neighbourhood's figures and add them up to larger areas.

Counts are drawn (binomial or Poisson) from each neighbourhood's own denominator, and
districts and the city are the exact sums of their neighbourhoods, so rates recomputed
from numerators and denominators agree at every level. Small counts are written as they
are, or suppressed where the indicator says so.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from tools.example.model import (
    CITY,
    GROUPS,
    REFERENCE_YEAR,
    SEED,
    Area,
    IndicatorSpec,
    city_link,
    from_link,
)
from tools.example.timeline import period_midpoint, period_years


@dataclass
class Cell:
    """One row of an indicator's CSV before formatting."""

    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    lower_ci: Decimal | None = None
    upper_ci: Decimal | None = None
    status: str = "final"
    note: str = ""


Table = dict[str, dict[str, Cell]]  # period -> area code -> cell


def quantize(value: float | Decimal, decimals: int) -> Decimal:
    """Round half up to a fixed number of decimals, without binary noise."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def ratio_value(numerator: int, denominator: int, scale: float, decimals: int) -> Decimal:
    """numerator / denominator x scale, rounded half up."""
    exact = Decimal(numerator) * Decimal(int(scale)) / Decimal(denominator)
    return quantize(exact, decimals)


def is_tie(numerator: int, denominator: int, scale: float, decimals: int) -> bool:
    """True when the exact rate sits on a rounding boundary (x.xx5 exactly).

    Such values round differently under half-up and half-even rules, so the
    generator nudges a numerator to keep every published value unambiguous.
    """
    twice = 2 * numerator * int(scale) * int(10**decimals)
    return twice % denominator == 0 and (twice // denominator) % 2 == 1


def district_of(areas: Sequence[Area]) -> dict[str, list[Area]]:
    """Current neighbourhoods grouped by their district code."""
    out: dict[str, list[Area]] = {}
    for a in areas:
        if a.level == "neighbourhood" and a.valid_to is None and a.parent:
            out.setdefault(a.parent, []).append(a)
    return out


def _centre(wards: Sequence[Area]) -> float:
    weights = np.array([w.population for w in wards], dtype=float)
    return float(np.dot(weights, [w.deprivation for w in wards]) / weights.sum())


def _local_effects(
    spec: IndicatorSpec, wards: Sequence[Area], rng: np.random.Generator
) -> dict[str, float]:
    centre = _centre(wards)
    draws = rng.normal(0.0, spec.model.ward_sd, len(wards))
    hot = dict(spec.model.hotspots)
    return {
        w.code: spec.model.gradient * (w.deprivation - centre) + float(d) + hot.get(w.code, 0.0)
        for w, d in zip(wards, draws, strict=True)
    }


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
    effects = _local_effects(spec, wards, rng)
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


def sum_cells(cells: Iterable[Cell]) -> Cell:
    """One cell holding the sums of the numerators (and denominators) of several."""
    items = list(cells)
    num = sum(c.numerator or 0 for c in items)
    if items and items[0].denominator is None:
        return Cell(numerator=num)
    return Cell(numerator=num, denominator=sum(c.denominator or 0 for c in items))


def set_values(spec: IndicatorSpec, cells: Iterable[Cell]) -> bool:
    """Set each cell's value; False when one would sit exactly on a rounding boundary."""
    for cell in cells:
        num = cell.numerator or 0
        if cell.denominator is None:
            cell.value = Decimal(num)
        elif cell.denominator > 0:
            if is_tie(num, cell.denominator, spec.scale, spec.decimals):
                return False
            cell.value = ratio_value(num, cell.denominator, spec.scale, spec.decimals)
    return True


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


def simulate_dsr(
    spec: IndicatorSpec, wards: Sequence[Area], periods: Sequence[str], rng: np.random.Generator
) -> Table:
    """Directly standardised rates with 95% intervals, for neighbourhoods and above.

    Standardised rates cannot be added, so districts and the city are
    population-weighted averages of their neighbourhoods' rates, with intervals
    from the pooled number of deaths.
    """
    effects = _local_effects(spec, wards, rng)
    by_district: dict[str, list[Area]] = {}
    for w in wards:
        by_district.setdefault(w.parent or "", []).append(w)
    table: Table = {}
    for period in periods:
        year = period_midpoint(period, spec.period_type)
        centre = city_link(spec, period)
        rates: dict[str, tuple[float, float, float]] = {}  # code -> (rate, deaths, people)
        for w in wards:
            true = from_link(centre + effects[w.code], "log")
            people = w.size("population", year)
            age = w.size("older65", year) / (people * GROUPS["older65"].per_person)
            deaths = float(rng.poisson(people * true / spec.scale * age))
            seen = true * math.exp(rng.normal(0.0, 1.0 / math.sqrt(max(deaths, 1.0))))
            rates[w.code] = (seen, deaths, people)
        for district, parts in by_district.items():
            rates[district] = _pool([rates[p.code] for p in parts])
        rates[CITY] = _pool([rates[w.code] for w in wards])
        table[period] = {code: _dsr_cell(*r, decimals=spec.decimals) for code, r in rates.items()}
    return table


def _pool(parts: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    people = sum(p[2] for p in parts)
    return sum(p[0] * p[2] for p in parts) / people, sum(p[1] for p in parts), people


def _dsr_cell(rate: float, deaths: float, _people: float, decimals: int) -> Cell:
    spread = 1.96 / math.sqrt(max(deaths, 1.0))
    return Cell(
        value=quantize(rate, decimals),
        lower_ci=quantize(rate * math.exp(-spread), decimals),
        upper_ci=quantize(rate * math.exp(spread), decimals),
    )


def simulate_survey(
    spec: IndicatorSpec, areas: Sequence[Area], periods: Sequence[str], rng: np.random.Generator
) -> Table:
    """Survey percentages with 95% intervals, for districts and the city (or the city alone).

    District results are drawn around the modelled value with the sampling error
    of about ``survey_n`` interviews (design effect 1.4); the city result is the
    adult-population-weighted average of the districts.
    """
    wards = [a for a in areas if a.level == "neighbourhood" and a.valid_to is None]
    groups = district_of(areas)
    centre_dep = _centre(wards)
    draws = rng.normal(0.0, spec.model.ward_sd, len(groups))
    effects = {
        code: spec.model.gradient * (_centre(parts) - centre_dep) + float(d)
        for (code, parts), d in zip(sorted(groups.items()), draws, strict=True)
    }
    table: Table = {}
    for period in periods:
        x = city_link(spec, period) + float(rng.normal(0.0, spec.model.noise_sd))
        row: dict[str, Cell] = {}
        if spec.levels == "city":
            n = spec.survey_n * float(rng.uniform(0.9, 1.1))
            row[CITY] = _survey_cell(from_link(x, "logit"), n, rng, spec.decimals)
            table[period] = row
            continue
        weights: dict[str, float] = {}
        results: dict[str, tuple[float, float]] = {}
        for code, parts in sorted(groups.items()):
            n = spec.survey_n * float(rng.uniform(0.85, 1.15))
            true = from_link(x + effects[code], "logit")
            se = _survey_se(true, n)
            seen = min(99.0, max(1.0, true + float(rng.normal(0.0, se))))
            results[code] = (seen, _survey_se(seen, n))
            weights[code] = sum(w.size("adults18", REFERENCE_YEAR) for w in parts)
        total = sum(weights.values())
        for code, (seen, se) in results.items():
            row[code] = _interval(seen, se, spec.decimals)
        city = sum(weights[c] * results[c][0] for c in results) / total
        city_se = math.sqrt(sum((weights[c] / total) ** 2 * results[c][1] ** 2 for c in results))
        row[CITY] = _interval(city, city_se, spec.decimals)
        table[period] = row
    return table


def _survey_se(p: float, n: float) -> float:
    return 100.0 * math.sqrt(1.4 * (p / 100.0) * (1.0 - p / 100.0) / n)


def _survey_cell(true: float, n: float, rng: np.random.Generator, decimals: int) -> Cell:
    se = _survey_se(true, n)
    seen = true + float(rng.normal(0.0, se))
    return _interval(seen, _survey_se(seen, n), decimals)


def _interval(value: float, se: float, decimals: int) -> Cell:
    return Cell(
        value=quantize(value, decimals),
        lower_ci=quantize(max(0.0, value - 1.96 * se), decimals),
        upper_ci=quantize(min(100.0, value + 1.96 * se), decimals),
    )


def simulate_level(spec: IndicatorSpec, periods: Sequence[str], rng: np.random.Generator) -> Table:
    """A city-only series modelled directly in the indicator's terms."""
    return {
        p: {
            CITY: Cell(
                value=quantize(
                    city_link(spec, p) + float(rng.normal(0.0, spec.model.noise_sd)),
                    spec.decimals,
                )
            )
        }
        for p in periods
    }


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
