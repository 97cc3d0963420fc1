"""Estimates that cannot be added up: survey percentages, standardised rates and levels."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from tools.example.areas import district_of
from tools.example.cells import Cell, Table, quantize
from tools.example.model import (
    CITY,
    GROUPS,
    REFERENCE_YEAR,
    Area,
    IndicatorSpec,
    city_link,
    deprivation_centre,
    from_link,
    local_effects,
)
from tools.example.timeline import period_midpoint


def simulate_dsr(
    spec: IndicatorSpec, wards: Sequence[Area], periods: Sequence[str], rng: np.random.Generator
) -> Table:
    """Directly standardised rates with 95% intervals, for neighbourhoods and above.

    Standardised rates cannot be added, so districts and the city are
    population-weighted averages of their neighbourhoods' rates, with intervals
    from the pooled number of deaths.
    """
    effects = local_effects(spec, wards, rng)
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
    centre_dep = deprivation_centre(wards)
    draws = rng.normal(0.0, spec.model.ward_sd, len(groups))
    effects = {
        code: spec.model.gradient * (deprivation_centre(parts) - centre_dep) + float(d)
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
