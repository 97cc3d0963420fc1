"""Generate the Brackenford example partnership for laa-publish.

Brackenford is a fictional English city with a fictional Local Area Agreement
(2023 to 2027). This script writes the whole example dataset from the tables of
metadata below:

- ``site_config/partnership.yaml``;
- ``data/registers/partners.yaml`` and ``data/registers/areas.yaml``;
- ``data/outcomes/<ID>.yaml``;
- ``data/partners/<partner>/indicators/<ID>.yaml`` and ``<ID>.csv``;
- ``data/partners/<partner>/framework.yaml``, ``budgets.yaml`` and ``benefits.yaml``.

The narratives in ``content/`` are written by hand from the generated figures.

Run it from anywhere::

    python benchmarks/generate_example.py --root /path/to/repository

The output is deterministic: every indicator draws from its own
``numpy.random.default_rng`` seeded from a fixed seed and the indicator's id, and
nothing reads the clock, so the same script always writes the same bytes.

The engine (``period_range``, ``synthetic_areas``, ``simulate_indicator``,
``make_targets``, ``render_csv``...) is importable, so that a benchmark generator
can build much larger partnerships with the same believable shapes.

How a value is modelled: an indicator has a city-wide level in mid-2019 on a link
scale (logit for percentages, log for rates and counts), a yearly trend, an extra
trend from the start of the agreement (April 2023), shocks such as COVID-19, and
seasonality. Each neighbourhood departs from the city by a deprivation gradient
and a persistent local effect, and its counts are drawn (binomial or Poisson)
from its own denominator. Districts and the city are the exact sums of their
neighbourhoods, so rates recomputed from numerators and denominators agree at
every level.

Some indicators also carry breakdown rows (by age band, sex, ethnic group,
disability or deprivation decile) whose groups add up exactly to the all-people
rows, drawn from a second generator so that the all-people figures do not change.
Others leave out their district or city rows (``computed``), for laa-publish to
roll up from the neighbourhoods. Small counts are written as they are: the site
suppresses them.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import math
import textwrap
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np

LOG = logging.getLogger("generate_example")

SEED = 20230401
CITY = "E06000999"
REFERENCE_YEAR = 2019.5  # the model's levels describe mid-2019
AGREEMENT_START = 2023.25  # 1 April 2023, as a decimal year
YAML_WIDTH = 92

# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------

PER_YEAR = {"financial_year": 1, "calendar_year": 1, "academic_year": 1, "quarter": 4, "month": 12}
FIRST_MONTH = {"financial_year": 4, "calendar_year": 1, "academic_year": 9}
FREQUENCY = {
    "financial_year": "annual",
    "calendar_year": "annual",
    "academic_year": "annual",
    "quarter": "quarterly",
    "month": "monthly",
}
PERIOD_RANGES = {
    "financial_year": ("2019-20", "2025-26"),
    "calendar_year": ("2018", "2024"),
    "academic_year": ("2018/19", "2024/25"),
    "quarter": ("2019-Q2", "2026-Q2"),
    "month": ("2021-01", "2026-09"),
}
BASELINE_PERIOD = {
    "financial_year": "2022-23",
    "calendar_year": "2022",
    "academic_year": "2022/23",
    "quarter": "2023-Q1",
    "month": "2023-03",
}
TARGET_RANGES = {
    "financial_year": ("2023-24", "2026-27"),
    "calendar_year": ("2023", "2026"),
    "academic_year": ("2023/24", "2026/27"),
    "quarter": ("2025-Q1", "2026-Q4"),
}


def period_ordinal(period: str, period_type: str) -> int:
    """An integer that orders periods of one type (years, quarters or months since year 0)."""
    if period_type in ("financial_year", "academic_year", "calendar_year"):
        return int(period[:4])
    if period_type == "quarter":
        return int(period[:4]) * 4 + int(period[-1]) - 1
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def period_label(ordinal: int, period_type: str) -> str:
    """Write an ordinal in the period type's own format."""
    if period_type == "financial_year":
        return f"{ordinal}-{(ordinal + 1) % 100:02d}"
    if period_type == "academic_year":
        return f"{ordinal}/{(ordinal + 1) % 100:02d}"
    if period_type == "calendar_year":
        return str(ordinal)
    if period_type == "quarter":
        return f"{ordinal // 4}-Q{ordinal % 4 + 1}"
    return f"{ordinal // 12}-{ordinal % 12 + 1:02d}"


def period_range(period_type: str, first: str, last: str) -> list[str]:
    """Every period from first to last inclusive, in order."""
    start, end = period_ordinal(first, period_type), period_ordinal(last, period_type)
    return [period_label(o, period_type) for o in range(start, end + 1)]


def period_months(period: str, period_type: str) -> list[tuple[int, int]]:
    """The (year, month) pairs a period covers."""
    ordinal = period_ordinal(period, period_type)
    if period_type == "month":
        return [(ordinal // 12, ordinal % 12 + 1)]
    if period_type == "quarter":
        year, first = ordinal // 4, (ordinal % 4) * 3 + 1
        return [(year, first + i) for i in range(3)]
    start = ordinal * 12 + FIRST_MONTH[period_type] - 1
    return [((start + i) // 12, (start + i) % 12 + 1) for i in range(12)]


def decimal_year(year: int, month: int) -> float:
    """The middle of a month as a decimal year."""
    return year + (month - 0.5) / 12


def period_midpoint(period: str, period_type: str) -> float:
    """The middle of a period as a decimal year."""
    months = period_months(period, period_type)
    return sum(decimal_year(y, m) for y, m in months) / len(months)


def season_index(period: str, period_type: str) -> int | None:
    """Quarter (0-3) or month (0-11) within the year, for seasonal effects."""
    if period_type == "quarter":
        return period_ordinal(period, period_type) % 4
    if period_type == "month":
        return period_ordinal(period, period_type) % 12
    return None


def period_years(period_type: str) -> float:
    """The length of one period in years."""
    return 1.0 / PER_YEAR[period_type]


# --------------------------------------------------------------------------------------------
# Shocks: how strongly an event bears on each month (0 to 1)
# --------------------------------------------------------------------------------------------

_COVID = {
    (2020, 3): 0.3, (2020, 4): 1.0, (2020, 5): 1.0, (2020, 6): 0.8, (2020, 7): 0.5,
    (2020, 8): 0.4, (2020, 9): 0.45, (2020, 10): 0.55, (2020, 11): 0.8, (2020, 12): 0.6,
    (2021, 1): 0.9, (2021, 2): 0.9, (2021, 3): 0.7, (2021, 4): 0.5, (2021, 5): 0.35,
    (2021, 6): 0.25, (2021, 7): 0.15, (2021, 8): 0.1, (2021, 9): 0.1, (2021, 10): 0.05,
    (2021, 11): 0.05, (2021, 12): 0.1,
}  # fmt: skip


def _ramp(index: int, start: tuple[int, int], end: tuple[int, int], up: bool) -> float:
    a, b = start[0] * 12 + start[1] - 1, end[0] * 12 + end[1] - 1
    share = (index - a + 1) / (b - a + 1)
    return share if up else 1.0 - share


def shock_intensity(profile: str, year: int, month: int) -> float:
    """How strongly a named shock applies in one month.

    ``covid`` is the lockdown pattern; ``recession`` the slower labour-market shock
    of 2020-22; ``energy`` the 2022-23 energy-price crisis; ``rebound`` the burst
    of activity after reopening in 2021-22; ``school_years`` the disrupted school
    years 2020/21 (fully) and 2021/22 (half); ``grading`` the generous exam grading
    of 2019/20 to 2021/22.
    """
    index = year * 12 + month - 1
    if profile == "covid":
        return _COVID.get((year, month), 0.0)
    if profile in ("school_years", "grading"):
        school_year = year if month >= 9 else year - 1
        weights = (
            {2019: 1.0, 2020: 1.0, 2021: 0.6} if profile == "grading" else {2020: 1.0, 2021: 0.5}
        )
        return weights.get(school_year, 0.0)
    if profile == "recession":
        if (year, month) < (2020, 3):
            return 0.0
        if (year, month) == (2020, 3):
            return 0.3
        if (year, month) <= (2021, 3):
            return 1.0
        return max(0.0, _ramp(index, (2021, 4), (2022, 6), up=False))
    if profile == "energy":
        if (2022, 4) <= (year, month) <= (2022, 9):
            return _ramp(index, (2022, 4), (2022, 10), up=True)
        if (2022, 10) <= (year, month) <= (2023, 3):
            return 1.0
        if (2023, 4) <= (year, month) <= (2023, 12):
            return _ramp(index, (2023, 4), (2023, 12), up=False)
        return 0.0
    if profile == "rebound":
        if (2021, 4) <= (year, month) <= (2022, 3):
            return 1.0
        return 0.5 if (2022, 4) <= (year, month) <= (2022, 9) else 0.0
    raise ValueError(f"unknown shock profile {profile!r}")


# --------------------------------------------------------------------------------------------
# The model of one indicator
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    """How an indicator's values behave over time and across neighbourhoods.

    ``level`` is the city-wide value in mid-2019 in the indicator's own terms: a
    percentage, a rate per ``rate_per`` per period, a count per period, or for
    ``level`` indicators the value itself. The other effects are on the link scale
    (logit for percentages, log for rates and counts, identity for levels).
    """

    level: float
    trend: float = 0.0
    trend_after: float = 0.0
    shocks: tuple[tuple[str, float], ...] = ()
    season: tuple[float, ...] = ()
    gradient: float = 0.0
    ward_sd: float = 0.08
    noise_sd: float = 0.03
    steps: tuple[tuple[float, float], ...] = ()
    hotspots: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Group:
    """A population group or caseload used as a denominator or as weights.

    ``kind`` is ``population`` (people living there: fixed within a year),
    ``cohort`` (people or cases passing through in a year: drawn at random and
    scaled to the period length) or ``fixed`` (a fixed number per neighbourhood).
    """

    per_person: float
    dep_coef: float = 0.0
    kind: str = "population"


GROUPS: dict[str, Group] = {
    "population": Group(1.0),
    "children": Group(0.185, 0.13),
    "adults16": Group(0.815, -0.03),
    "adults18": Group(0.79, -0.03),
    "working_age": Group(0.63, 0.02),
    "age10_17": Group(0.095, 0.12),
    "age16_17": Group(0.023, 0.12),
    "age18_24": Group(0.085, 0.10),
    "females15_17": Group(0.0175, 0.12),
    "households": Group(0.43, -0.035),
    "older65": Group(0.175, -0.18),
    "benefit_households": Group(0.085, 0.45),
    "births": Group(0.0118, 0.12, "cohort"),
    "year6": Group(0.0116, 0.10, "cohort"),
    "ks4": Group(0.0108, 0.10, "cohort"),
    "age19": Group(0.0110, 0.10, "cohort"),
    "eligible2": Group(0.0036, 0.55, "cohort"),
    "referrals": Group(0.0115, 0.45, "cohort"),
    "marac": Group(0.0017, 0.40, "cohort"),
    "reablement": Group(0.0023, -0.10, "cohort"),
    "moveon": Group(0.0042, 0.45, "cohort"),
    "business_births": Group(0.0042, -0.15, "cohort"),
    "waste_tonnes": Group(0.40, -0.05, "cohort"),
    "litter_sites": Group(56, 0.0, "fixed"),
}


@dataclass(frozen=True)
class Area:
    """One area in the register, with the figures the model needs for neighbourhoods."""

    code: str
    name: str
    level: str
    parent: str | None = None
    valid_from: str = "2009-04-01"
    valid_to: str | None = None
    population: int = 0
    deprivation: float = 0.0
    growth: float = 0.006
    overlaps: tuple[str, ...] = ()
    comment: str = ""

    def size(self, group: str, year: float) -> float:
        """Expected size of a population group (per year for cohorts) around `year`."""
        g = GROUPS[group]
        if g.kind == "fixed":
            return g.per_person
        people = self.population * math.pow(1.0 + self.growth, year - REFERENCE_YEAR)
        return people * g.per_person * math.exp(g.dep_coef * self.deprivation)


@dataclass(frozen=True)
class Breakdown:
    """How an indicator's figures divide between the groups of one breakdown dimension.

    ``groups`` holds, for each value code, its share of the denominator (of the count,
    for ``sum`` indicators) and its relative rate: a group with relative rate 2 has
    twice the rate of a group with 1. For ``deprivation_decile`` the shares follow
    each area's own deprivation instead. ``levels`` is ``city`` (city-wide rows only)
    or ``districts`` (district rows, and city rows that are their exact sums).
    """

    dimension: str
    groups: tuple[tuple[str, float, float], ...]
    levels: str = "city"


@dataclass(frozen=True)
class IndicatorSpec:
    """Everything needed to write one indicator's YAML and simulate its CSV."""

    id: str
    title: str
    partner: str
    outcome: str
    contact: str
    unit: str
    polarity: str
    period_type: str
    aggregation: str
    model: Model
    definition: str
    source: str
    methodology: str
    limitations: str
    decimals: int = 1
    rate_per: int | None = None
    group: str = "population"
    style: str = ""  # for aggregation "none": "survey", "dsr" or "level"
    levels: str = "all"  # "all" (city, districts, neighbourhoods), "districts" or "city"
    clusters: bool = False
    national: str | None = None
    last_period: str | None = None
    intent: str | None = None  # "on", "risk", "off"; None means no target
    tolerance: float = 0.0
    target_step: float | None = None
    district_targets: tuple[str, ...] = ()
    provisional: tuple[str, ...] = ()
    unavailable: tuple[tuple[str, str, str], ...] = ()  # (period, "all"|"below_city", note)
    coverage: tuple[tuple[str, float], ...] = ()  # (period, share of the cohort measured)
    notes: tuple[tuple[str, str, str], ...] = ()  # (period, area, note)
    suppress_below: int = 0
    survey_n: int = 0
    comment: str = ""
    breakdowns: tuple[Breakdown, ...] = ()
    computed: tuple[str, ...] = ()  # levels left out of the CSV for laa-publish to roll up

    @property
    def higher_is_better(self) -> bool:
        """True when a higher value is better."""
        return self.polarity == "higher_is_better"

    @property
    def kind(self) -> str:
        """How the values are simulated: percent, rate, count, survey, dsr or level."""
        if self.aggregation == "sum":
            return "count"
        if self.aggregation == "rate":
            return "percent" if self.unit == "percentage" else "rate"
        return self.style

    @property
    def scale(self) -> float:
        """Multiplier from numerator / denominator to value."""
        return 100.0 if self.unit == "percentage" else float(self.rate_per or 1)

    @property
    def link(self) -> str:
        """The model's link scale."""
        if self.kind in ("percent", "survey"):
            return "logit"
        return "identity" if self.kind == "level" else "log"


def to_link(value: float, link: str) -> float:
    """Move a value onto the model's link scale."""
    if link == "logit":
        p = value / 100.0
        return math.log(p / (1.0 - p))
    return math.log(value) if link == "log" else value


def from_link(x: float, link: str) -> float:
    """Move a link-scale value back to the indicator's own terms."""
    if link == "logit":
        return 100.0 / (1.0 + math.exp(-x))
    return math.exp(x) if link == "log" else x


def city_link(spec: IndicatorSpec, period: str, seasonal: bool = True) -> float:
    """The modelled city-wide value of a period on the link scale (before any noise)."""
    m = spec.model
    total = 0.0
    months = period_months(period, spec.period_type)
    for year, month in months:
        u = decimal_year(year, month)
        x = m.trend * (u - REFERENCE_YEAR) + m.trend_after * max(0.0, u - AGREEMENT_START)
        x += sum(size * shock_intensity(name, year, month) for name, size in m.shocks)
        x += sum(shift for when, shift in m.steps if u >= when)
        total += x
    value = to_link(m.level, spec.link) + total / len(months)
    index = season_index(period, spec.period_type)
    if seasonal and m.season and index is not None:
        value += m.season[index]
    return value


def seasonal_factor(spec: IndicatorSpec, period: str) -> float:
    """How much the season lifts (above 1) or lowers a period's expected value."""
    with_season = from_link(city_link(spec, period), spec.link)
    return with_season / from_link(city_link(spec, period, seasonal=False), spec.link)


# --------------------------------------------------------------------------------------------
# Observations
# --------------------------------------------------------------------------------------------


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


def _sum_cells(cells: Iterable[Cell]) -> Cell:
    items = list(cells)
    num = sum(c.numerator or 0 for c in items)
    if items and items[0].denominator is None:
        return Cell(numerator=num)
    return Cell(numerator=num, denominator=sum(c.denominator or 0 for c in items))


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
                full[code] = _sum_cells(row[p] for p in parts)
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


# --------------------------------------------------------------------------------------------
# Breakdowns and boundary changes
# --------------------------------------------------------------------------------------------

BreakdownKey = tuple[str, str, str]  # (area code, dimension, value code)
BreakdownTable = dict[str, dict[BreakdownKey, Cell]]  # period -> key -> cell

ABOLISHED = "E05099900"  # Eastgate Docks, abolished in May 2022
SPLIT_INTO = (("E05099905", 0.3), ("E05099908", 0.25))  # share of Canal Basin and Eastgate


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


def _set_values(spec: IndicatorSpec, cells: Iterable[Cell]) -> bool:
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
                        cells[(CITY, code)] = _sum_cells(cells[(d, code)] for d in bases)
                if _set_values(spec, cells.values()):
                    break
            else:
                raise RuntimeError(f"{spec.id}: could not avoid rounding ties in breakdowns")
            for (area, code), cell in cells.items():
                if cell.denominator == 0:
                    continue
                cell.status = row[area].status
                out[period][(area, b.dimension, code)] = cell
    return out


def split_abolished(
    spec: IndicatorSpec, table: Table, areas: Sequence[Area], seed: int = SEED
) -> None:
    """Publish neighbourhoods on the boundaries of the time, for districts laa-publish computes.

    Eastgate Docks existed until May 2022. laa-publish only rolls a district up when
    every neighbourhood that existed in the period has a figure, so an indicator whose
    districts are computed gives Eastgate Docks its own figures up to then, taken out
    of the parts of Canal Basin and Eastgate it later joined. District and city totals
    do not change.
    """
    docks = next(a for a in areas if a.code == ABOLISHED)
    rng = np.random.default_rng([seed, zlib.crc32(spec.id.encode()), 2])
    for period, row in table.items():
        year, month = period_months(period, spec.period_type)[0]
        if f"{year:04d}-{month:02d}-01" > (docks.valid_to or ""):
            continue
        for _ in range(50):
            moved: dict[str, Cell] = {}
            kept: dict[str, Cell] = {}
            for code, share in SPLIT_INTO:
                cell = row[code]
                num = cell.numerator or 0
                if cell.denominator is None:
                    part = int(rng.binomial(num, share))
                    moved[code] = Cell(numerator=part)
                    kept[code] = Cell(numerator=num - part, status=cell.status, note=cell.note)
                    continue
                den = int(rng.binomial(cell.denominator, share))
                part = int(rng.hypergeometric(num, cell.denominator - num, den)) if den else 0
                moved[code] = Cell(numerator=part, denominator=den)
                kept[code] = Cell(
                    numerator=num - part,
                    denominator=cell.denominator - den,
                    status=cell.status,
                    note=cell.note,
                )
            joined = _sum_cells(moved.values())
            joined.status = row[SPLIT_INTO[0][0]].status
            if _set_values(spec, [joined, *kept.values()]):
                break
        else:
            raise RuntimeError(f"{spec.id}: could not avoid rounding ties for Eastgate Docks")
        row.update(kept)
        row[ABOLISHED] = joined


# --------------------------------------------------------------------------------------------
# Baseline and targets
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A target for one period (city-wide unless an area is given)."""

    period: str
    value: Decimal
    tolerance: Decimal
    area: str | None = None


def status_of(value: Decimal, target: Target, higher_is_better: bool) -> str:
    """The published method: met, within tolerance, or further off."""
    shortfall = target.value - value if higher_is_better else value - target.value
    if shortfall <= 0:
        return "on"
    return "risk" if shortfall <= target.tolerance else "off"


def _round_target(value: float, spec: IndicatorSpec) -> Decimal:
    step = spec.target_step or 10.0**-spec.decimals
    return quantize(Decimal(round(value / step)) * Decimal(repr(step)), spec.decimals)


def make_targets(
    spec: IndicatorSpec, city: Mapping[str, Decimal]
) -> tuple[tuple[str, Decimal], list[Target]]:
    """The baseline and a straight-line target trajectory that gives the intended status.

    Targets run from the baseline (2022-23 or its equivalent) to the latest
    period, where they sit just below the latest value (on track), just above it
    within tolerance (at risk) or beyond tolerance (off track), and carry on at
    the same pace to 2026-27. Sub-annual targets follow the seasonal pattern.
    """
    ptype = spec.period_type
    base_period = BASELINE_PERIOD[ptype]
    baseline = city[base_period]
    if spec.intent is None:
        return (base_period, baseline), []
    latest_period = max((p for p, v in city.items() if v is not None), key=str)
    sign = 1.0 if spec.higher_is_better else -1.0
    f_base, f_last = seasonal_factor(spec, base_period), seasonal_factor(spec, latest_period)
    base_d, last_d = float(baseline) / f_base, float(city[latest_period]) / f_last
    tol_d = spec.tolerance / f_last
    gain = sign * (last_d - base_d)
    if spec.intent == "on":
        reach = 0.6 * gain
    elif spec.intent == "risk":
        reach = gain + 0.5 * tol_d
    else:
        reach = max(0.5 * tol_d, gain + 1.8 * tol_d)
    t0 = period_midpoint(base_period, ptype)
    t1 = period_midpoint(latest_period, ptype)
    tolerance = quantize(spec.tolerance, spec.decimals)
    targets = []
    first, last = TARGET_RANGES[ptype]
    for period in period_range(ptype, first, last):
        share = (period_midpoint(period, ptype) - t0) / (t1 - t0)
        goal = (base_d + sign * reach * share) * seasonal_factor(spec, period)
        targets.append(Target(period, _round_target(goal, spec), tolerance))
    return (base_period, baseline), targets


def district_targets(
    spec: IndicatorSpec, targets: list[Target], city_base: Decimal, area_base: Decimal, area: str
) -> list[Target]:
    """Targets for a district that ask for the same proportional change as the city's."""
    ratio = float(area_base) / float(city_base)
    tolerance = quantize(spec.tolerance * ratio, spec.decimals)
    return [
        Target(t.period, _round_target(float(t.value) * ratio, spec), tolerance, area)
        for t in targets
        if t.area is None
    ]


# --------------------------------------------------------------------------------------------
# Writing: YAML in a hand-written style, CSV with fixed decimals
# --------------------------------------------------------------------------------------------

_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def yaml_scalar(text: str) -> str:
    """A plain scalar where that is safe, otherwise a double-quoted one."""
    plain = (
        text
        and text[0].isalpha()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.lower() not in _YAML_WORDS
        and "\n" not in text
    )
    if plain:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def yaml_text(key: str, text: str, indent: int = 0) -> list[str]:
    """A key with a string value: on one line if it fits, else as a folded block."""
    pad = " " * indent
    line = f"{pad}{key}: {yaml_scalar(text)}"
    if len(line) <= YAML_WIDTH:
        return [line]
    body = textwrap.wrap(
        text, width=YAML_WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
    )
    return [f"{pad}{key}: >-", *(f"{pad}  {b}" for b in body)]


def schema_line(path: Path, root: Path, name: str) -> str:
    """The yaml-language-server comment, with a path relative to the file."""
    depth = len(path.relative_to(root).parts) - 1
    return f"# yaml-language-server: $schema={'../' * depth}laa_publish/schemas/{name}.schema.json"


def fmt(value: Decimal | int | None, decimals: int = 0) -> str:
    """A number written plainly with fixed decimals; empty for None."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{quantize(value, decimals):f}"


def breakdown_dimensions(spec: IndicatorSpec) -> list[str]:
    """The dimensions an indicator breaks down by, in the order first declared."""
    return list(dict.fromkeys(b.dimension for b in spec.breakdowns))


def csv_columns(spec: IndicatorSpec) -> list[str]:
    """The columns an indicator uses."""
    cols = ["period", "area", *breakdown_dimensions(spec), "value"]
    if spec.aggregation == "rate":
        cols += ["numerator", "denominator"]
    if spec.kind in ("survey", "dsr"):
        cols += ["lower_ci", "upper_ci"]
    return [*cols, "status", "note"]


def render_csv(
    spec: IndicatorSpec,
    table: Table,
    breakdowns: BreakdownTable | None = None,
    areas: Sequence[Area] = (),
) -> str:
    """The CSV text, sorted by period, area code and breakdown (all-people rows first).

    Rows for the levels in ``spec.computed`` are left out: laa-publish rolls them up.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = csv_columns(spec)
    dims = breakdown_dimensions(spec)
    order = {
        (b.dimension, code): (dims.index(b.dimension), i)
        for b in spec.breakdowns
        for i, (code, _, _) in enumerate(b.groups)
    }
    left_out = {a.code for a in areas if a.level in spec.computed}
    writer.writerow(columns)
    for period in sorted(table):
        rows: list[tuple[str, tuple[int, int], dict[str, str], Cell]] = [
            (code, (-1, 0), {}, cell) for code, cell in table[period].items()
        ]
        rows += [
            (code, order[(dim, value)], {dim: value}, cell)
            for (code, dim, value), cell in (breakdowns or {}).get(period, {}).items()
        ]
        for code, _, groups, c in sorted(rows, key=lambda r: (r[0], r[1])):
            if code in left_out:
                continue
            cells = {
                "period": period,
                "area": code,
                **{dim: groups.get(dim, "") for dim in dims},
                "value": fmt(c.value, spec.decimals),
                "numerator": fmt(c.numerator),
                "denominator": fmt(c.denominator),
                "lower_ci": fmt(c.lower_ci, spec.decimals),
                "upper_ci": fmt(c.upper_ci, spec.decimals),
                "status": c.status,
                "note": c.note,
            }
            writer.writerow([cells[col] for col in columns])
    return buffer.getvalue()


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with Unix line endings, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    LOG.debug("wrote %s", path)


# --------------------------------------------------------------------------------------------
# Synthetic areas for benchmarks
# --------------------------------------------------------------------------------------------


def synthetic_areas(
    districts: int, per_district: int, seed: int = SEED, city: str = CITY
) -> list[Area]:
    """A city with `districts` districts of `per_district` neighbourhoods each.

    Deprivation runs from the most deprived first district to the least deprived
    last one, with some spread inside each district, like the example city.
    """
    rng = np.random.default_rng([seed, districts, per_district])
    out = [Area(city, "Synthetic city", "city")]
    serial = 1
    for d in range(districts):
        code = f"SYN-D-{d + 1:03d}"
        out.append(Area(code, f"District {d + 1}", "district", city))
        centre = 1.2 - 2.4 * d / max(1, districts - 1)
        for _ in range(per_district):
            out.append(
                Area(
                    f"E05{900000 + serial:06d}",
                    f"Neighbourhood {serial}",
                    "neighbourhood",
                    code,
                    population=int(rng.integers(12000, 24000)),
                    deprivation=round(centre + float(rng.normal(0.0, 0.35)), 2),
                )
            )
            serial += 1
    return out


# ============================================================================================
# The Brackenford tables
# ============================================================================================

PARTNERSHIP = {
    "name": "Brackenford Partnership",
    "place": "Brackenford",
    "agreement_title": "Brackenford Local Area Agreement 2023–2027",
    "start": "2023-04-01",
    "end": "2027-03-31",
    "core_team": "@brackenford-laa/core",
    "contact_name": "Brackenford Partnership core team",
    "contact_email": "laa@brackenford.example",
    "site_url": "https://brackenford-laa.github.io/laa-data/",
    "repository_url": "https://github.com/brackenford-laa/laa-data",
}

# Breakdown dimensions: (id, title, ((code, label), ...)). Codes are what the CSVs carry.
DECILE_LABELS = {1: " (most deprived 10% in England)", 10: " (least deprived 10%)"}
DIMENSIONS = (
    ("age_band", "Age band", (
        ("0-15", "Aged 0 to 15"),
        ("16-24", "Aged 16 to 24"),
        ("25-49", "Aged 25 to 49"),
        ("50-64", "Aged 50 to 64"),
        ("65+", "Aged 65 and over"),
    )),
    ("sex", "Sex", (("F", "Female"), ("M", "Male"))),
    ("ethnicity", "Ethnic group", (
        ("white", "White"),
        ("mixed", "Mixed or multiple ethnic groups"),
        ("asian", "Asian or Asian British"),
        ("black", "Black, Black British, Caribbean or African"),
        ("other", "Other ethnic group"),
        ("not_known", "Not known"),
    )),
    ("disability", "Disability", (
        ("disabled", "Disabled (Equality Act definition)"),
        ("not_disabled", "Not disabled"),
    )),
    ("deprivation_decile", "Deprivation decile", tuple(
        (str(k), f"Decile {k}{DECILE_LABELS.get(k, '')}") for k in range(1, 11)
    )),
)  # fmt: skip
DISCLOSURE_THRESHOLD = 5
CONSISTENCY_TOLERANCE = 0.5

THEMES = (
    (
        "children-young-people",
        "Children and young people",
        "Giving every child in Brackenford a healthy and safe start, and the chance to do well "
        "at school and go on to learning or work.",
    ),
    (
        "safer-stronger",
        "Safer and stronger communities",
        "Cutting violence, crime and fire, and building neighbourhoods where people feel safe, "
        "get on well together and have a say.",
    ),
    (
        "healthier-older",
        "Healthier communities and older people",
        "Helping people live longer, healthier lives with less harm from alcohol and drugs, "
        "and supporting older and vulnerable people to live independently in warm, decent homes.",
    ),
    (
        "economic",
        "Economic development and enterprise",
        "More people in good jobs with the skills employers need, more businesses that start "
        "and grow, and a cleaner, greener city.",
    ),
)


@dataclass(frozen=True)
class Partner:
    """One partner organisation."""

    id: str
    name: str
    short_name: str
    type: str
    domain: str
    description: str


PARTNERS = (
    Partner(
        "city-council", "Brackenford City Council", "City Council", "council",
        "brackenford-council.example",
        "The unitary council for the city, responsible for children's and adult social care, "
        "housing, planning, waste and public health.",
    ),
    Partner(
        "police", "Brackenshire Police", "Police", "police", "brackenshire-police.example",
        "The county police force, whose Brackenford district command leads on crime, "
        "anti-social behaviour and youth diversion.",
    ),
    Partner(
        "nhs", "NHS Brackenford Integrated Care Board", "NHS ICB", "health",
        "brackenford-icb.example",
        "Plans and buys NHS services for the city's residents and hosts the partnership's "
        "public health intelligence team.",
    ),
    Partner(
        "fire", "Brackenshire Fire and Rescue Service", "Fire and Rescue", "fire",
        "brackenshire-fire.example",
        "Responds to fires and other emergencies and runs prevention work such as Safe and "
        "Well visits.",
    ),
    Partner(
        "schools", "Brackenford Schools Partnership", "Schools Partnership", "education",
        "brackenford-schools.example",
        "Brings together the city's 92 maintained schools and academies, and tracks young "
        "people's destinations after 16.",
    ),
    Partner(
        "vcs", "Brackenford Voluntary Action", "Voluntary Action", "voluntary",
        "brackenford-va.example",
        "The umbrella body for more than 340 voluntary and community groups, speaking for the "
        "sector in the partnership.",
    ),
    Partner(
        "jobcentre", "Jobcentre Plus Brackenford", "Jobcentre Plus", "employment",
        "jobcentre-brackenford.example",
        "Helps people into work and runs benefits for working-age residents from its two city "
        "offices.",
    ),
    Partner(
        "chamber", "Brackenford Chamber of Commerce", "Chamber of Commerce", "business",
        "brackenford-chamber.example",
        "Represents about 1,100 member businesses and leads the partnership's work on skills, "
        "apprenticeships and enterprise.",
    ),
)  # fmt: skip

N, E, S, W = "BRK-D-N", "BRK-D-E", "BRK-D-S", "BRK-D-W"

# Neighbourhoods: (code, name, district, mid-2019 population, deprivation, yearly growth)
_WARDS = (
    ("E05099901", "Hollins Park", N, 17800, 0.6, 0.004),
    ("E05099902", "Moorside", N, 16200, -0.2, 0.005),
    ("E05099903", "Thornbury", N, 15100, -0.8, 0.004),
    ("E05099904", "Kettlewell", N, 18600, 0.3, 0.007),
    ("E05099905", "Canal Basin", E, 21400, 1.2, 0.022),
    ("E05099906", "Millbridge", E, 19900, 1.6, 0.008),
    ("E05099907", "St Anne's", E, 20300, 1.1, 0.009),
    ("E05099908", "Eastgate", E, 18700, 0.9, 0.008),
    ("E05099909", "Southfield", S, 18200, 0.4, 0.005),
    ("E05099910", "Ashby Green", S, 16900, -0.3, 0.006),
    ("E05099911", "Brackley Fields", S, 17400, 0.1, 0.011),
    ("E05099912", "Riverside", S, 19100, 0.2, 0.012),
    ("E05099913", "Westleigh", W, 17300, -1.0, 0.003),
    ("E05099914", "Oakhurst", W, 15800, -1.4, 0.002),
    ("E05099915", "Fernley", W, 16600, -0.9, 0.004),
    ("E05099916", "Highcliffe", W, 17100, -0.6, 0.003),
)

# Which school cluster serves each neighbourhood.
CLUSTER_OF = {
    "E05099901": "BRK-SC-01", "E05099902": "BRK-SC-01", "E05099903": "BRK-SC-01",
    "E05099904": "BRK-SC-02", "E05099905": "BRK-SC-02",
    "E05099906": "BRK-SC-03", "E05099907": "BRK-SC-03",
    "E05099908": "BRK-SC-04", "E05099909": "BRK-SC-04", "E05099910": "BRK-SC-04",
    "E05099911": "BRK-SC-05", "E05099912": "BRK-SC-05", "E05099913": "BRK-SC-05",
    "E05099914": "BRK-SC-06", "E05099915": "BRK-SC-06", "E05099916": "BRK-SC-06",
}  # fmt: skip

_CLUSTERS = (
    ("BRK-SC-01", "Hollins and Moorside cluster", (N,)),
    ("BRK-SC-02", "Kettlewell and Canal Basin cluster", (N, E)),
    ("BRK-SC-03", "Millbridge and St Anne's cluster", (E,)),
    ("BRK-SC-04", "Eastgate and Southfield cluster", (E, S)),
    ("BRK-SC-05", "Riverside and Westleigh cluster", (S, W)),
    ("BRK-SC-06", "Oakhurst and Fernley cluster", (W,)),
)


def brackenford_areas() -> list[Area]:
    """The area register: city, districts, neighbourhoods (one abolished) and clusters."""
    areas = [Area(CITY, "Brackenford", "city")]
    areas += [
        Area(code, name, "district", CITY)
        for code, name in ((N, "North"), (E, "East"), (S, "South"), (W, "West"))
    ]
    for code, name, district, people, dep, growth in _WARDS:
        areas.append(Area(code, name, "neighbourhood", district, population=people,
                          deprivation=dep, growth=growth))  # fmt: skip
    areas.append(
        Area(
            "E05099900",
            "Eastgate Docks",
            "neighbourhood",
            E,
            valid_to="2022-05-04",
            comment="Abolished in the 2022 boundary review: split between Canal Basin and "
            "Eastgate. Most indicators publish all years on current boundaries. Those whose "
            "district totals laa-publish computes (NI 40, NI 53, NI 123) publish on the "
            "boundaries of the time, so Eastgate Docks has figures up to 2022-23: a district "
            "is only added up when every neighbourhood that existed has a figure.",
        )
    )
    areas += [
        Area(code, name, "school_cluster", CITY, overlaps=overlaps)
        for code, name, overlaps in _CLUSTERS
    ]
    return areas


@dataclass(frozen=True)
class Outcome:
    """One shared outcome."""

    id: str
    title: str
    theme: str
    lead: str
    contributors: tuple[str, ...]
    summary: str
    priority: int


OUTCOMES = (
    Outcome("CYP-1", "Fewer children grow up in poverty", "children-young-people",
            "city-council", ("jobcentre", "vcs", "nhs", "schools"),
            "Growing up poor harms children's health, learning and chances in later life, "
            "and in Brackenford it is concentrated in the east of the city.", 1),
    Outcome("CYP-2", "Children do well at school", "children-young-people", "schools",
            ("city-council", "vcs"),
            "Good qualifications open the door to further learning and work, and the gap "
            "between the city's neighbourhoods starts early.", 2),
    Outcome("CYP-3", "Young people are learning or working, and stay out of trouble",
            "children-young-people", "schools",
            ("city-council", "police", "jobcentre", "chamber"),
            "Time spent not in education, employment or training, or a first brush with the "
            "youth justice system, can follow a young person for years.", 3),
    Outcome("CYP-4", "Children have a healthy and safe start in life",
            "children-young-people", "nhs", ("city-council", "schools", "vcs"),
            "The first years of life and the early teens shape health for good, and children "
            "at risk need help quickly.", 4),
    Outcome("SSC-1", "Fewer people are hurt by violence and domestic abuse", "safer-stronger",
            "police", ("city-council", "nhs", "vcs"),
            "Violence does lasting harm to victims and families and is the crime residents "
            "fear most.", 1),
    Outcome("SSC-2", "Homes are safer from burglary, theft and fire", "safer-stronger", "fire",
            ("police", "city-council"),
            "Burglary, vehicle crime and fires at home cost residents dearly and are largely "
            "preventable.", 2),
    Outcome("SSC-3", "People feel safe where they live", "safer-stronger", "police",
            ("city-council", "vcs"),
            "Feeling safe, and trusting that concerns will be dealt with, matters as much to "
            "residents as the crime figures themselves.", 3),
    Outcome("SSC-4", "People get on well together and help each other", "safer-stronger",
            "vcs", ("city-council", "police"),
            "Strong neighbourhoods are ones where people from different backgrounds mix, "
            "volunteer and have a say in local decisions.", 4),
    Outcome("HCOP-1", "People live longer, healthier lives", "healthier-older", "nhs",
            ("city-council", "vcs"),
            "People in Millbridge can expect to die years earlier than people in Oakhurst, "
            "and much of that gap is preventable.", 1),
    Outcome("HCOP-2", "Less harm from alcohol and drugs", "healthier-older", "nhs",
            ("police", "city-council", "vcs"),
            "Alcohol and drug misuse fill hospital beds, drive crime and break up families.",
            2),
    Outcome("HCOP-3", "Older and vulnerable people live independently", "healthier-older",
            "city-council", ("nhs", "fire", "vcs"),
            "Most people want to live in their own home for as long as they can, with the "
            "right support when they need it.", 3),
    Outcome("HCOP-4", "Everyone has a decent home they can afford to heat",
            "healthier-older", "city-council", ("vcs", "fire", "nhs"),
            "A warm, secure and affordable home underpins health, learning and work.", 4),
    Outcome("EDE-1", "More people are in work", "economic", "jobcentre",
            ("city-council", "chamber", "vcs"),
            "Work is the surest route out of poverty, and too many Brackenford residents "
            "who want a job do not have one.", 1),
    Outcome("EDE-2", "People have the skills employers need", "economic", "chamber",
            ("schools", "jobcentre", "city-council"),
            "Employers in the city report hard-to-fill vacancies while many residents lack "
            "basic qualifications.", 2),
    Outcome("EDE-3", "More businesses start, survive and grow", "economic", "chamber",
            ("city-council",),
            "New and growing businesses create the jobs that the city's growing population "
            "will need.", 3),
    Outcome("EDE-4", "A cleaner, greener city", "economic", "city-council",
            ("vcs", "chamber", "fire"),
            "Clean streets and lower carbon emissions make the city a better place to live, "
            "work and invest.", 4),
)  # fmt: skip

# Contacts: (partner, name) -> email local part is "first.last".
FY, CY, AY, QTR, MON = "financial_year", "calendar_year", "academic_year", "quarter", "month"
UP, DOWN = "higher_is_better", "lower_is_better"
PCT = "percentage"
RIVERSIDE, CANAL, MILLBRIDGE, STANNES = "E05099912", "E05099905", "E05099906", "E05099907"
RESIDENTS_SURVEY = (
    "Brackenford Residents' Survey, run each winter (January to March) by Brackenford City "
    "Council and Brackenshire Police using the Place Survey questions; about 2,000 residents "
    "aged 18 and over by post and online."
)
SURVEY_METHOD = (
    "Around 500 interviews in each district, weighted by age, sex and district to the ONS "
    "mid-year estimates. The city figure is the adult-population-weighted average of the "
    "four districts. The 95% confidence intervals allow for the weighting (design effect 1.4)."
)
SURVEY_LIMITS = (
    "A sample survey: differences of a few points between districts or years may be chance "
    "(check the confidence intervals). Not published below district level. The survey did not "
    "run in 2020-21 because of COVID-19 restrictions, and from 2021-22 residents could answer "
    "online as well as by post, which may affect comparisons with earlier years."
)
NO_SURVEY = ("2020-21", "all", "Survey not run in 2020-21 because of COVID-19 restrictions")
CRIME_RULES = (
    "2023-Q2",
    CITY,
    "Home Office Counting Rules changed in May 2023 (principal crime rule)",
)
QUARTER_RATE = (
    "Rates are for the quarter, not annualised: multiply by four for a rough yearly rate."
)


INDICATORS: tuple[IndicatorSpec, ...] = (
    # ---------------------------------------------------------------- children and young people
    IndicatorSpec(
        id="NI-116",
        national="NI 116",
        title="Children in poverty",
        partner="city-council",
        outcome="CYP-1",
        contact="Priya Sharma",
        unit=PCT,
        polarity=DOWN,
        period_type=FY,
        aggregation="rate",
        group="children",
        last_period="2024-25",
        intent="off",
        tolerance=1.0,
        district_targets=(E,),
        model=Model(
            level=24.0,
            trend=0.035,
            shocks=(("covid", -0.10),),
            gradient=0.62,
            ward_sd=0.06,
            noise_sd=0.02,
            hotspots=((MILLBRIDGE, 0.12),),
        ),
        definition="The percentage of children aged under 16 who live in relative low-income "
        "families: before housing costs, the family's income is below 60% of the UK median, "
        "and the family receives Child Benefit and at least one other benefit, tax credit or "
        "Universal Credit during the year.",
        source="Department for Work and Pensions, Children in low income families: local area "
        "statistics (Stat-Xplore); ONS mid-year population estimates.",
        methodology="Numerator: children aged 0 to 15 in relative low-income families in the "
        "financial year, by home address. Denominator: children aged 0 to 15 in the ONS "
        "mid-year estimate for the year. Neighbourhood counts add up to the districts and the "
        "city, and every percentage is recomputed from its counts.",
        limitations="The figures are calibrated to the national Households Below Average "
        "Income survey and are revised with it. The fall in 2020-21 partly reflects the "
        "temporary £20 a week Universal Credit uplift rather than a lasting improvement. DWP "
        "publishes each year in March, so 2025-26 figures are not due until March 2027.",
    ),
    IndicatorSpec(
        id="LOC-CYP-01",
        title="Eligible two-year-olds taking up funded early education",
        partner="city-council",
        outcome="CYP-1",
        contact="Tom Whitfield",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="eligible2",
        intent="on",
        tolerance=2.0,
        provisional=("2025-26",),
        model=Model(
            level=66.0,
            trend=-0.02,
            trend_after=0.16,
            shocks=(("covid", -0.45),),
            gradient=-0.12,
            ward_sd=0.12,
            noise_sd=0.05,
        ),
        definition="The percentage of two-year-olds eligible for 15 hours a week of funded "
        "early education (because of low family income, special educational needs or care "
        "experience) who take up a funded place.",
        source="Brackenford City Council early years funding system and the DWP list of "
        "eligible families, at the January census each year.",
        methodology="Numerator: eligible children with a funded place at the January census. "
        "Denominator: children on the DWP eligibility list plus children found eligible "
        "locally, by home neighbourhood. The 2025-26 figure is provisional until the "
        "Department for Education publishes its national statistics in June.",
        limitations="A snapshot at the census: the eligibility list changes through the "
        "year. Children who move into the city after the list is issued are counted only "
        "once the family applies. Settings closed or ran reduced hours for much of 2020-21.",
    ),
    IndicatorSpec(
        id="NI-75",
        national="NI 75",
        title="Pupils achieving five good GCSEs including English and maths",
        partner="schools",
        outcome="CYP-2",
        contact="Joanne Reid",
        unit=PCT,
        polarity=UP,
        period_type=AY,
        aggregation="rate",
        group="ks4",
        clusters=True,
        intent="risk",
        tolerance=2.0,
        unavailable=(
            ("2019/20", "all", "Exams cancelled because of COVID-19: no comparable results"),
            ("2020/21", "all", "Exams cancelled because of COVID-19: no comparable results"),
        ),
        model=Model(
            level=45.5,
            trend=0.02,
            shocks=(("grading", 0.22),),
            gradient=-0.42,
            ward_sd=0.08,
            noise_sd=0.05,
        ),
        definition="The percentage of pupils at the end of Key Stage 4 who achieve five or "
        "more GCSEs (or equivalent) at grades 9 to 4 including English and maths. Grade 4 "
        "replaced the grade C used when NI 75 was defined.",
        source="Department for Education Key Stage 4 pupil-level results for state-funded "
        "schools, matched to pupils' home addresses by the Brackenford Schools Partnership.",
        methodology="Numerator: pupils meeting the threshold. Denominator: pupils at the end "
        "of Key Stage 4. Neighbourhood figures use the pupil's home address; school cluster "
        "figures group pupils by the cluster that serves their home, so that both add up to "
        "the city total. Results are final, published each spring for the previous summer.",
        limitations="Exams were cancelled in 2019/20 and 2020/21 and grades were awarded by "
        "schools, so those years are not shown. Grading in 2021/22 was deliberately more "
        "generous, and returned to pre-pandemic standards in 2022/23, so the 2021/22 peak "
        "is not a like-for-like improvement.",
    ),
    IndicatorSpec(
        id="NI-79",
        national="NI 79",
        title="Young people qualified to Level 2 by age 19",
        partner="schools",
        outcome="CYP-2",
        contact="Joanne Reid",
        unit=PCT,
        polarity=UP,
        period_type=AY,
        aggregation="rate",
        group="age19",
        clusters=True,
        intent="on",
        tolerance=1.5,
        notes=(("2020/21", CITY, "Includes grades awarded by schools during COVID-19"),),
        model=Model(
            level=77.5,
            trend=0.01,
            trend_after=0.07,
            shocks=(("grading", 0.12),),
            gradient=-0.33,
            ward_sd=0.07,
            noise_sd=0.04,
        ),
        definition="The percentage of young people who have reached Level 2 (five GCSEs at "
        "grades 9 to 4, or an equivalent vocational qualification) by the age of 19.",
        source="Department for Education, Level 2 and 3 attainment age 16 to 25, local "
        "authority tables, with home-address matching by the Brackenford Schools Partnership.",
        methodology="Numerator: young people who turned 19 during the academic year and had "
        "reached Level 2. Denominator: everyone in that cohort who was in a Brackenford "
        "state school at age 15. Neighbourhood figures use the address at age 15; school "
        "cluster figures use the cluster that served it.",
        limitations="Published about eight months after the academic year ends. The cohorts "
        "reaching 19 between 2019/20 and 2021/22 include grades awarded by schools during "
        "COVID-19. Young people who left England are still counted in the denominator.",
    ),
    IndicatorSpec(
        id="NI-117",
        national="NI 117",
        title="16 and 17-year-olds not in education, employment or training (NEET)",
        partner="schools",
        outcome="CYP-3",
        contact="Marcus Bell",
        unit=PCT,
        polarity=DOWN,
        period_type=QTR,
        aggregation="rate",
        group="age16_17",
        intent="on",
        tolerance=0.5,
        model=Model(
            level=6.2,
            trend=-0.035,
            trend_after=-0.06,
            shocks=(("recession", 0.18),),
            season=(-0.06, -0.02, 0.08, 0.22),
            gradient=0.48,
            ward_sd=0.1,
            noise_sd=0.05,
        ),
        breakdowns=(
            Breakdown("sex", (("F", 0.49, 0.8), ("M", 0.51, 1.2)), "districts"),
            Breakdown(
                "ethnicity",
                (
                    ("white", 0.71, 1.0),
                    ("mixed", 0.05, 1.35),
                    ("asian", 0.13, 0.55),
                    ("black", 0.06, 1.2),
                    ("other", 0.02, 0.9),
                    ("not_known", 0.03, 2.0),
                ),
            ),
        ),
        definition="The percentage of 16 and 17-year-olds living in Brackenford who are not "
        "in education, employment or training, or whose activity is not known.",
        source="Client Caseload Information System (CCIS) kept by the Brackenford Schools "
        "Partnership tracking team and returned monthly to the Department for Education.",
        methodology="Numerator: young people recorded as NEET or with activity not known at "
        "the end of the quarter. Denominator: all 16 and 17-year-olds known to the service "
        "and living in Brackenford, by home neighbourhood. "
        "Figures by sex are given for the districts and the city, and by ethnic group (as "
        "recorded by the young person's school) for the city; the groups add up exactly to "
        "the all-people figures.",
        limitations="The rate rises every autumn while young people change courses and the "
        "team confirms their destinations, so compare a quarter with the same quarter a year "
        "earlier. The national measure averages December to February, so it will not match "
        "any single quarter here.",
    ),
    IndicatorSpec(
        id="NI-111",
        national="NI 111",
        title="First-time entrants to the youth justice system",
        partner="police",
        outcome="CYP-3",
        contact="Sophie Turner",
        unit="rate",
        rate_per=100000,
        decimals=0,
        polarity=DOWN,
        period_type=FY,
        aggregation="rate",
        group="age10_17",
        intent="risk",
        tolerance=20,
        target_step=5,
        provisional=("2025-26",),
        suppress_below=3,
        model=Model(
            level=300.0,
            trend=-0.07,
            trend_after=-0.02,
            shocks=(("covid", -0.25),),
            gradient=0.55,
            ward_sd=0.15,
            noise_sd=0.05,
        ),
        breakdowns=(
            Breakdown("sex", (("F", 0.49, 0.35), ("M", 0.51, 1.0))),
            Breakdown(
                "ethnicity",
                (
                    ("white", 0.7, 1.0),
                    ("mixed", 0.06, 1.8),
                    ("asian", 0.13, 0.6),
                    ("black", 0.07, 2.4),
                    ("other", 0.02, 1.0),
                    ("not_known", 0.02, 1.3),
                ),
            ),
        ),
        definition="Young people aged 10 to 17 living in Brackenford who received their first "
        "youth caution, youth conditional caution or court conviction, per 100,000 residents "
        "aged 10 to 17.",
        source="Brackenshire Police crime system and Brackenford Youth Justice Service case "
        "records; ONS mid-year population estimates.",
        methodology="Numerator: first-time entrants in the financial year, by home "
        "neighbourhood. Denominator: residents aged 10 to 17. Neighbourhood counts of one or "
        "two young people are suppressed, along with a second neighbourhood in the same "
        "district so that neither can be worked out from the district total. "
        "Figures by sex and by ethnic group are given for the city only; groups of fewer "
        "than five young people are published as [c].",
        limitations="Small numbers: a handful of young people can move a neighbourhood rate "
        "sharply. The rate also falls when more young people are diverted to out-of-court "
        "outcomes that do not count, so read it alongside reoffending. The 2025-26 figure is "
        "provisional until the Youth Justice Board signs off the annual return.",
    ),
    IndicatorSpec(
        id="NI-53",
        national="NI 53",
        title="Breastfeeding at 6 to 8 weeks",
        partner="nhs",
        outcome="CYP-4",
        contact="Rachel Hughes",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="births",
        intent="on",
        tolerance=2.0,
        model=Model(
            level=45.0,
            trend=0.03,
            shocks=(("covid", -0.12),),
            gradient=-0.38,
            ward_sd=0.1,
            noise_sd=0.04,
        ),
        computed=("district",),
        definition="The percentage of infants due a 6 to 8 week health visitor review who are "
        "totally or partially breastfed at the review.",
        source="Brackenford Health Visiting Service (commissioned by the council's public "
        "health team and reported through NHS Brackenford ICB) to the Office for Health "
        "Improvement and Disparities.",
        methodology="Numerator: infants recorded as totally or partially breastfed at the "
        "6 to 8 week review. Denominator: infants due a review in the financial year, by the "
        "mother's home neighbourhood. "
        "The ICB submits the neighbourhood and city figures, on the ward boundaries of the "
        "time (Eastgate Docks until 2022-23); laa-publish computes the districts from the "
        "neighbourhoods.",
        limitations="Infants whose feeding status was not recorded count in the denominator "
        "only, so gaps in recording lower the rate. Many reviews were done by phone or video "
        "in 2020-21.",
    ),
    IndicatorSpec(
        id="NI-56",
        national="NI 56",
        title="Obesity among children in Year 6",
        partner="nhs",
        outcome="CYP-4",
        contact="Amara Okafor",
        unit=PCT,
        polarity=DOWN,
        period_type=AY,
        aggregation="rate",
        group="year6",
        clusters=True,
        intent="risk",
        tolerance=1.0,
        coverage=(("2019/20", 0.74), ("2020/21", 0.12)),
        unavailable=(
            (
                "2019/20",
                "below_city",
                "Not published: measurement stopped when schools closed in March 2020",
            ),
            (
                "2020/21",
                "below_city",
                "Not published: only a sample of schools took part during COVID-19",
            ),
        ),
        notes=(
            (
                "2019/20",
                CITY,
                "About three quarters of children measured before schools closed in March 2020",
            ),
            ("2020/21", CITY, "Estimate from a sample of schools"),
        ),
        model=Model(
            level=21.8,
            trend=0.01,
            trend_after=-0.04,
            shocks=(("school_years", 0.22),),
            gradient=0.36,
            ward_sd=0.07,
            noise_sd=0.04,
        ),
        definition="The percentage of children in Year 6 (aged 10 to 11) whose body mass "
        "index is at or above the 95th centile of the UK90 growth reference.",
        source="National Child Measurement Programme (NCMP), measured by the Brackenford "
        "school nursing service and published by NHS England.",
        methodology="Numerator: Year 6 children measured and classified as living with "
        "obesity. Denominator: Year 6 children measured. Neighbourhood figures use home "
        "postcode; school cluster figures use the cluster that serves the child's home.",
        limitations="In 2019/20 measurement stopped in March 2020, and in 2020/21 only a "
        "sample of schools took part, so those years have city estimates only. Parents can "
        "withdraw their child, and children living with obesity are more likely to be "
        "withdrawn.",
    ),
    IndicatorSpec(
        id="NI-59",
        national="NI 59",
        title="Initial assessments for children's social care completed within 7 working days",
        partner="city-council",
        outcome="CYP-4",
        contact="Tom Whitfield",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="referrals",
        intent="on",
        tolerance=3.0,
        provisional=("2025-26",),
        notes=(("2023-24", CITY, "Recording practice changed in April 2023"),),
        model=Model(
            level=73.0,
            trend=-0.03,
            trend_after=0.2,
            shocks=(("covid", -0.25),),
            steps=((AGREEMENT_START, 0.1),),
            gradient=-0.08,
            ward_sd=0.1,
            noise_sd=0.05,
        ),
        definition="The percentage of initial assessments of children referred to social "
        "care that were completed within 7 working days of the referral.",
        source="Brackenford City Council children's social care case management system; the "
        "same records feed the national children in need census.",
        methodology="Numerator: assessments completed within 7 working days. Denominator: "
        "assessments completed in the financial year, by the child's home neighbourhood. "
        "Brackenford still monitors the 7-day standard for its front door, alongside the "
        "national 45-day single assessment.",
        limitations="A new case management system went live in April 2023 and changed when "
        "the clock starts, so figures from 2023-24 are not directly comparable with earlier "
        "years. The 2025-26 figure is provisional until the census return is validated.",
    ),
    IndicatorSpec(
        id="NI-112",
        national="NI 112",
        title="Under-18 conception rate",
        partner="nhs",
        outcome="CYP-4",
        contact="Amara Okafor",
        unit="rate",
        rate_per=1000,
        polarity=DOWN,
        period_type=CY,
        aggregation="rate",
        group="females15_17",
        levels="districts",
        intent="on",
        tolerance=1.5,
        model=Model(level=19.0, trend=-0.05, gradient=0.7, ward_sd=0.1, noise_sd=0.03),
        breakdowns=(
            Breakdown(
                "deprivation_decile",
                tuple((str(k), 0.0, math.exp(-0.17 * (k - 1))) for k in range(1, 11)),
            ),
        ),
        definition="Conceptions to women aged under 18, per 1,000 women aged 15 to 17.",
        source="Office for National Statistics, Conceptions in England and Wales, with local "
        "analysis by the NHS Brackenford ICB public health intelligence team.",
        methodology="Numerator: conceptions in the calendar year to women under 18 living in "
        "Brackenford, whether they led to a birth or a legal abortion. Denominator: women "
        "aged 15 to 17 in the ONS mid-year estimate. Published for the city and districts. "
        "Figures by deprivation decile (the national Index of Multiple Deprivation decile of "
        "the small area of the home address) are given for the city: numbers are too small "
        "to break the districts down.",
        limitations="Published about 15 months after the year ends, so 2024 is the latest "
        "year. Neighbourhood numbers are too small to publish each year; the team shares "
        "three-year pooled figures with partners on request.",
    ),
    # ---------------------------------------------------------------- safer and stronger
    IndicatorSpec(
        id="NI-15",
        national="NI 15",
        title="Serious violent crime",
        partner="police",
        outcome="SSC-1",
        contact="Mark Dawson",
        unit="rate",
        rate_per=1000,
        decimals=2,
        polarity=DOWN,
        period_type=QTR,
        aggregation="rate",
        intent="off",
        tolerance=0.03,
        provisional=("2026-Q2",),
        notes=(CRIME_RULES,),
        model=Model(
            level=0.25,
            trend=0.03,
            shocks=(("covid", -0.3),),
            season=(-0.07, 0.03, 0.1, -0.06),
            gradient=0.62,
            ward_sd=0.1,
            noise_sd=0.05,
            steps=((2023.4, 0.05),),
            hotspots=((RIVERSIDE, 0.55),),
        ),
        definition="Police-recorded most serious violence (homicide, attempted murder, "
        "wounding with intent to cause grievous bodily harm and other acts endangering "
        "life) per 1,000 residents, in the quarter.",
        source="Brackenshire Police crime recording system, extracted on the tenth working "
        "day after the quarter ends; ONS mid-year population estimates.",
        methodology="Numerator: crimes recorded in the quarter, by the location of the "
        "offence. Denominator: residents in the ONS mid-year estimate for that year. "
        + QUARTER_RATE,
        limitations="Recording follows the Home Office Counting Rules, which changed in May "
        "2023. Rates for Riverside, which includes the city centre and its night-time "
        "economy, are inflated by visitors who are not residents. The latest quarter is "
        "provisional: crimes can be reclassified as investigations progress.",
    ),
    IndicatorSpec(
        id="NI-20",
        national="NI 20",
        title="Assault with injury",
        partner="police",
        outcome="SSC-1",
        contact="Mark Dawson",
        unit="rate",
        rate_per=1000,
        decimals=2,
        polarity=DOWN,
        period_type=QTR,
        aggregation="rate",
        intent="on",
        tolerance=0.1,
        provisional=("2026-Q2",),
        notes=(CRIME_RULES,),
        model=Model(
            level=2.4,
            trend=-0.015,
            trend_after=-0.05,
            shocks=(("covid", -0.32),),
            season=(-0.08, 0.02, 0.1, -0.04),
            gradient=0.55,
            ward_sd=0.08,
            noise_sd=0.04,
            hotspots=((RIVERSIDE, 0.45),),
        ),
        definition="Police-recorded assaults with injury (actual bodily harm and other "
        "injury) per 1,000 residents, in the quarter.",
        source="Brackenshire Police crime recording system; ONS mid-year population estimates.",
        methodology="Numerator: crimes recorded in the quarter, by the location of the "
        "offence. Denominator: residents in the ONS mid-year estimate for that year. "
        + QUARTER_RATE,
        limitations="Many assaults are never reported, so changes can reflect willingness to "
        "report as well as violence itself. The Home Office Counting Rules changed in May "
        "2023. Riverside's rate is inflated by visitors to the city centre.",
    ),
    IndicatorSpec(
        id="NI-32",
        national="NI 32",
        title="Repeat incidents of domestic violence",
        partner="police",
        outcome="SSC-1",
        contact="Sophie Turner",
        unit=PCT,
        polarity=DOWN,
        period_type=QTR,
        aggregation="rate",
        group="marac",
        levels="districts",
        intent="risk",
        tolerance=3.0,
        provisional=("2026-Q2",),
        model=Model(
            level=26.0,
            trend=0.03,
            shocks=(("covid", 0.25),),
            gradient=0.1,
            ward_sd=0.05,
            noise_sd=0.05,
        ),
        breakdowns=(Breakdown("sex", (("F", 0.93, 1.0), ("M", 0.07, 0.6))),),
        definition="The percentage of cases heard at the Multi-Agency Risk Assessment "
        "Conference (MARAC) in the quarter that are repeat cases: a further incident within "
        "12 months of the last referral.",
        source="Brackenford MARAC case records, kept by Brackenshire Police's Public "
        "Protection Unit.",
        methodology="Numerator: repeat cases heard in the quarter. Denominator: all cases "
        "heard in the quarter, by the victim's home district. Published for the districts and "
        "the city only, to protect victims. "
        "Figures by the victim's sex are given for the city only.",
        limitations="A low repeat rate can mean that repeat incidents are being missed rather "
        "than prevented: SafeLives expects 28% to 40% for a MARAC that identifies repeats "
        "well. Read it with the number of cases heard. Small district numbers vary a lot "
        "from quarter to quarter.",
    ),
    IndicatorSpec(
        id="NI-16",
        national="NI 16",
        title="Serious acquisitive crime",
        partner="police",
        outcome="SSC-2",
        contact="Mark Dawson",
        unit="rate",
        rate_per=1000,
        decimals=2,
        polarity=DOWN,
        period_type=QTR,
        aggregation="rate",
        intent="on",
        tolerance=0.12,
        provisional=("2026-Q2",),
        model=Model(
            level=2.9,
            trend=-0.04,
            trend_after=-0.03,
            shocks=(("covid", -0.42),),
            season=(0.03, -0.08, -0.05, 0.12),
            gradient=0.5,
            ward_sd=0.08,
            noise_sd=0.04,
            hotspots=((RIVERSIDE, 0.3),),
        ),
        definition="Police-recorded domestic burglary, theft of or from a vehicle, and robbery, "
        "per 1,000 residents, in the quarter.",
        source="Brackenshire Police crime recording system; ONS mid-year population estimates.",
        methodology="Numerator: crimes recorded in the quarter, by the location of the "
        "offence. Denominator: residents in the ONS mid-year estimate for that year. "
        + QUARTER_RATE,
        limitations="Burglary definitions changed nationally in April 2017; all the figures "
        "here use the current definitions. Thefts from vehicles are under-reported when "
        "nothing of value is taken.",
    ),
    IndicatorSpec(
        id="LOC-SSC-01",
        title="Accidental dwelling fires",
        partner="fire",
        outcome="SSC-2",
        contact="Steve Bannister",
        unit="rate",
        rate_per=10000,
        decimals=2,
        polarity=DOWN,
        period_type=QTR,
        aggregation="rate",
        group="households",
        intent="risk",
        tolerance=0.2,
        model=Model(
            level=2.65,
            trend=-0.035,
            shocks=(("covid", 0.1),),
            season=(0.12, -0.06, -0.12, 0.07),
            gradient=0.45,
            ward_sd=0.1,
            noise_sd=0.04,
        ),
        definition="Accidental fires in homes attended by Brackenshire Fire and Rescue "
        "Service, per 10,000 households, in the quarter.",
        source="Home Office Incident Recording System (IRS) returns by Brackenshire Fire and "
        "Rescue Service; household numbers from the council tax base.",
        methodology="Numerator: accidental primary fires in dwellings in the quarter, by "
        "address. Denominator: households on the council tax base in October of that year. "
        + QUARTER_RATE,
        limitations="Numbers are small in each neighbourhood (often under five a quarter), "
        "so neighbourhood rates swing from quarter to quarter. More fires happen in winter, "
        "so compare like quarters.",
    ),
    IndicatorSpec(
        id="LOC-SSC-02",
        title="Deliberate fires",
        partner="fire",
        outcome="SSC-2",
        contact="Steve Bannister",
        unit="count",
        decimals=0,
        polarity=DOWN,
        period_type=QTR,
        aggregation="sum",
        intent="off",
        tolerance=12,
        target_step=5,
        notes=(("2025-Q3", CITY, "Long dry spell: many grass fires in July and August"),),
        model=Model(
            level=148.0,
            trend=-0.035,
            trend_after=0.03,
            shocks=(("covid", 0.22),),
            season=(-0.18, 0.32, 0.02, 0.1),
            gradient=0.85,
            ward_sd=0.15,
            noise_sd=0.08,
            hotspots=((MILLBRIDGE, 0.25),),
            steps=((2025.5, 0.25), (2025.75, -0.25)),
        ),
        definition="Deliberate primary and secondary fires (including fires in grassland, "
        "refuse and derelict vehicles) attended by Brackenshire Fire and Rescue Service in "
        "the quarter.",
        source="Home Office Incident Recording System (IRS) returns by Brackenshire Fire and "
        "Rescue Service.",
        methodology="A count of incidents in the quarter by incident location. Neighbourhood "
        "counts add up to the districts and the city.",
        limitations="Secondary fires depend heavily on the weather: a dry spring or summer "
        "brings many more grass fires. Bonfire season lifts the October to December quarter.",
    ),
    IndicatorSpec(
        id="NI-17",
        national="NI 17",
        title="Perceptions of anti-social behaviour",
        partner="police",
        outcome="SSC-3",
        contact="Sophie Turner",
        unit=PCT,
        polarity=DOWN,
        period_type=FY,
        aggregation="none",
        style="survey",
        levels="districts",
        survey_n=500,
        intent="risk",
        tolerance=2.0,
        unavailable=(NO_SURVEY,),
        model=Model(
            level=19.0, trend=-0.025, trend_after=-0.03, gradient=0.5, ward_sd=0.05, noise_sd=0.02
        ),
        definition="The percentage of residents with a high perceived level of anti-social "
        "behaviour, scored across seven problems in their local area: noisy neighbours, "
        "teenagers hanging around, rubbish, vandalism, drug use or dealing, drunk or rowdy "
        "behaviour and abandoned cars.",
        source=RESIDENTS_SURVEY,
        methodology=SURVEY_METHOD,
        limitations=SURVEY_LIMITS,
    ),
    IndicatorSpec(
        id="NI-21",
        national="NI 21",
        title="Police and council dealing with local concerns about anti-social behaviour "
        "and crime",
        partner="police",
        outcome="SSC-3",
        contact="Sophie Turner",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="none",
        style="survey",
        levels="districts",
        survey_n=500,
        intent="off",
        tolerance=2.0,
        unavailable=(NO_SURVEY,),
        model=Model(level=28.0, trend=-0.035, gradient=-0.1, ward_sd=0.05, noise_sd=0.02),
        definition="The percentage of residents who agree that the police and the council "
        "are dealing with the anti-social behaviour and crime issues that matter in their "
        "area.",
        source=RESIDENTS_SURVEY,
        methodology=SURVEY_METHOD,
        limitations=SURVEY_LIMITS,
    ),
    IndicatorSpec(
        id="LOC-SSC-03",
        title="Hate crimes recorded",
        partner="police",
        outcome="SSC-3",
        contact="Mark Dawson",
        unit="count",
        decimals=0,
        polarity=DOWN,
        period_type=QTR,
        aggregation="sum",
        provisional=("2026-Q2",),
        comment="No target: the partnership wants more hate crime to be reported.",
        model=Model(
            level=104.0,
            trend=0.055,
            shocks=(("covid", -0.1),),
            season=(-0.08, 0.02, 0.1, -0.04),
            gradient=0.45,
            ward_sd=0.15,
            noise_sd=0.06,
            hotspots=((RIVERSIDE, 0.5),),
        ),
        definition="Crimes recorded by Brackenshire Police in the quarter that the victim or "
        "anyone else perceived to be motivated by hostility or prejudice towards race, "
        "religion, sexual orientation, disability or transgender identity.",
        source="Brackenshire Police crime recording system (hate crime flag).",
        methodology="A count of crimes recorded in the quarter, by the location of the "
        "offence. Neighbourhood counts add up to the districts and the city.",
        limitations="The partnership wants more hate crime to be reported, so a rise can mean "
        "more confidence in reporting rather than more crime. For that reason this measure "
        "has no target and is read alongside the Residents' Survey.",
    ),
    IndicatorSpec(
        id="NI-1",
        national="NI 1",
        title="People who believe people from different backgrounds get on well together",
        partner="city-council",
        outcome="SSC-4",
        contact="Nadia Karim",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="none",
        style="survey",
        levels="districts",
        survey_n=500,
        intent="on",
        tolerance=2.0,
        unavailable=(NO_SURVEY,),
        model=Model(
            level=71.0, trend=0.02, trend_after=0.03, gradient=-0.12, ward_sd=0.05, noise_sd=0.02
        ),
        definition="The percentage of residents who agree that their local area (within 15 to "
        "20 minutes' walk) is a place where people from different backgrounds get on well "
        "together.",
        source=RESIDENTS_SURVEY,
        methodology=SURVEY_METHOD,
        limitations=SURVEY_LIMITS,
    ),
    IndicatorSpec(
        id="NI-4",
        national="NI 4",
        title="People who feel they can influence decisions in their area",
        partner="city-council",
        outcome="SSC-4",
        contact="Nadia Karim",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="none",
        style="survey",
        levels="districts",
        survey_n=500,
        intent="off",
        tolerance=2.0,
        unavailable=(NO_SURVEY,),
        model=Model(level=25.0, trend=-0.03, gradient=-0.15, ward_sd=0.05, noise_sd=0.02),
        definition="The percentage of residents who agree that they can influence decisions "
        "affecting their local area.",
        source=RESIDENTS_SURVEY,
        methodology=SURVEY_METHOD,
        limitations=SURVEY_LIMITS,
    ),
    IndicatorSpec(
        id="NI-6",
        national="NI 6",
        title="Regular volunteering",
        partner="vcs",
        outcome="SSC-4",
        contact="Kieran Walsh",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="none",
        style="survey",
        levels="districts",
        survey_n=500,
        intent="risk",
        tolerance=2.0,
        unavailable=(NO_SURVEY,),
        model=Model(
            level=21.0,
            trend=-0.035,
            trend_after=0.03,
            shocks=(("covid", 0.3),),
            gradient=-0.2,
            ward_sd=0.05,
            noise_sd=0.02,
        ),
        definition="The percentage of residents who have given unpaid help to groups, clubs "
        "or organisations at least once a month in the last 12 months.",
        source=RESIDENTS_SURVEY,
        methodology=SURVEY_METHOD,
        limitations=SURVEY_LIMITS,
    ),
    IndicatorSpec(
        id="LOC-SSC-04",
        title="Hours volunteered through voluntary and community groups",
        partner="vcs",
        outcome="SSC-4",
        contact="Kieran Walsh",
        unit="count",
        decimals=0,
        polarity=UP,
        period_type=FY,
        aggregation="sum",
        intent="on",
        tolerance=15000,
        target_step=1000,
        model=Model(
            level=385000.0,
            trend=-0.03,
            trend_after=0.06,
            shocks=(("covid", 0.25),),
            gradient=-0.2,
            ward_sd=0.25,
            noise_sd=0.06,
            hotspots=((RIVERSIDE, 0.5), (STANNES, 0.3)),
        ),
        definition="Hours given by volunteers to voluntary and community groups that are "
        "members of Brackenford Voluntary Action, in the financial year.",
        source="Brackenford Voluntary Action annual membership return (about 340 groups).",
        methodology="Groups report the hours their volunteers gave, by the neighbourhood "
        "where the group is based; city-wide groups are counted where their main base is. "
        "Neighbourhood counts add up to the districts and the city.",
        limitations="Hours are estimated by the groups. About one group in five does not "
        "return and its hours are carried forward from its last return. Mutual aid groups "
        "set up during COVID-19 joined in 2020-21, and some have since closed.",
    ),
    # ---------------------------------------------------------------- healthier communities
    IndicatorSpec(
        id="NI-120",
        national="NI 120",
        title="All-age all-cause mortality rate",
        partner="nhs",
        outcome="HCOP-1",
        contact="Amara Okafor",
        unit="rate",
        rate_per=100000,
        decimals=1,
        polarity=DOWN,
        period_type=CY,
        aggregation="none",
        style="dsr",
        intent="on",
        tolerance=25.0,
        model=Model(
            level=1075.0, trend=-0.012, shocks=(("covid", 0.18),), gradient=0.2, ward_sd=0.04
        ),
        definition="Deaths from all causes, directly age-standardised to the 2013 European "
        "Standard Population, per 100,000 residents, in the calendar year.",
        source="ONS death registrations and mid-year population estimates, analysed by the "
        "NHS Brackenford ICB public health intelligence team.",
        methodology="Deaths registered in the calendar year by usual residence, standardised "
        "by five-year age band. Confidence intervals use Dobson's method. Standardised rates "
        "cannot be added up, so district and city rates are calculated directly rather than "
        "from the neighbourhoods.",
        limitations="2020 and 2021 were dominated by COVID-19 deaths. Neighbourhood rates rest "
        "on about 150 to 250 deaths a year and have wide intervals. Deaths are counted by the "
        "year they were registered, not the year they happened.",
    ),
    IndicatorSpec(
        id="NI-123",
        national="NI 123",
        title="Stopping smoking: four-week quitters",
        partner="nhs",
        outcome="HCOP-1",
        contact="Rachel Hughes",
        unit="rate",
        rate_per=100000,
        decimals=0,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="adults16",
        intent="on",
        tolerance=30,
        target_step=5,
        provisional=("2025-26",),
        model=Model(
            level=610.0,
            trend=-0.04,
            trend_after=0.1,
            shocks=(("covid", -0.4),),
            gradient=0.3,
            ward_sd=0.08,
            noise_sd=0.04,
        ),
        computed=("district", "city"),
        definition="People who set a quit date with the Brackenford Stop Smoking Service and "
        "had not smoked in the last two weeks of the four weeks after it, per 100,000 "
        "residents aged 16 and over.",
        source="Brackenford Stop Smoking Service quarterly returns to NHS England; ONS "
        "mid-year population estimates.",
        methodology="Numerator: four-week quitters in the financial year, by home "
        "neighbourhood. Denominator: residents aged 16 and over. "
        "The ICB submits neighbourhood figures only, on the ward boundaries of the time "
        "(Eastgate Docks until 2022-23); laa-publish adds up the numerators and denominators "
        "and recomputes the district and city rates.",
        limitations="Quits are self-reported, though about 85% are confirmed by a carbon "
        "monoxide test. The service ran remotely from April 2020 to September 2021. The "
        "2025-26 figure is provisional until the annual return is signed off.",
    ),
    IndicatorSpec(
        id="NI-8",
        national="NI 8",
        title="Adults taking part in sport and active recreation",
        partner="city-council",
        outcome="HCOP-1",
        contact="Nadia Karim",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="none",
        style="survey",
        levels="city",
        survey_n=500,
        intent="risk",
        tolerance=2.0,
        model=Model(level=58.5, trend=0.01, shocks=(("covid", -0.35),), noise_sd=0.01),
        definition="The percentage of adults aged 16 and over who do at least 150 minutes of "
        "moderate-intensity sport or physical activity a week.",
        source="Sport England Active Lives Adult Survey, Brackenford local authority sample.",
        methodology="About 500 responses a year, weighted by Sport England. Results for the "
        "12 months to November are published each April and shown against the financial "
        "year in which that period ends.",
        limitations="Published for the city only: the sample is too small for districts. "
        "Activity is self-reported. COVID-19 restrictions cut activity sharply in 2020-21.",
    ),
    IndicatorSpec(
        id="NI-39",
        national="NI 39",
        title="Alcohol-related hospital admissions",
        partner="nhs",
        outcome="HCOP-2",
        contact="Amara Okafor",
        unit="rate",
        rate_per=100000,
        decimals=0,
        polarity=DOWN,
        period_type=FY,
        aggregation="rate",
        last_period="2024-25",
        intent="off",
        tolerance=20,
        target_step=5,
        model=Model(
            level=615.0,
            trend=0.018,
            shocks=(("covid", -0.12),),
            gradient=0.5,
            ward_sd=0.08,
            noise_sd=0.03,
            hotspots=((RIVERSIDE, 0.15),),
        ),
        breakdowns=(
            Breakdown(
                "age_band",
                (
                    ("0-15", 0.185, 0.025),
                    ("16-24", 0.11, 0.5),
                    ("25-49", 0.345, 1.0),
                    ("50-64", 0.185, 2.1),
                    ("65+", 0.175, 1.9),
                ),
            ),
            Breakdown("sex", (("F", 0.505, 1.0), ("M", 0.495, 1.75)), "districts"),
        ),
        definition="Hospital admissions where the main reason for admission is an "
        "alcohol-related condition, or a secondary diagnosis is an alcohol-related external "
        "cause (the narrow measure), per 100,000 residents.",
        source="Hospital Episode Statistics, via the Office for Health Improvement and "
        "Disparities, with neighbourhood analysis by NHS Brackenford ICB from Secondary Uses "
        "Service data.",
        methodology="Numerator: admission episodes for Brackenford residents in the financial "
        "year, by home neighbourhood. Denominator: ONS mid-year population. This is a crude "
        "rate so that neighbourhoods add up; the national figure is age-standardised and "
        "will differ. "
        "Figures by age band are given for the city, and by sex for the districts and the "
        "city.",
        limitations="Published about 14 months after the year ends, so 2024-25 is the latest "
        "year. Admissions depend on hospital coding practice as well as on harm.",
    ),
    IndicatorSpec(
        id="NI-40",
        national="NI 40",
        title="Drug users in effective treatment",
        partner="nhs",
        outcome="HCOP-2",
        contact="Rachel Hughes",
        unit="count",
        decimals=0,
        polarity=UP,
        period_type=FY,
        aggregation="sum",
        intent="on",
        tolerance=40,
        target_step=10,
        provisional=("2025-26",),
        model=Model(
            level=1520.0,
            trend=0.0,
            trend_after=0.045,
            shocks=(("covid", -0.06),),
            gradient=0.9,
            ward_sd=0.12,
            noise_sd=0.03,
        ),
        computed=("district", "city"),
        definition="Adults using opiates or crack cocaine who are in structured treatment and "
        "either completed it or stayed in it for at least 12 weeks, in the financial year.",
        source="National Drug Treatment Monitoring System (NDTMS) reports for Brackenford's "
        "treatment services.",
        methodology="A count of people by home neighbourhood, each counted once in the year. "
        "Neighbourhood counts add up to the districts and the city. "
        "The ICB submits neighbourhood figures only, on the ward boundaries of the time (so "
        "Eastgate Docks appears until 2022-23); laa-publish adds them up to the districts and"
        " the city.",
        limitations="The count depends on treatment capacity as well as need: extra national "
        "funding from 2022 paid for more places. The 2025-26 figure is provisional until "
        "NDTMS closes the year.",
    ),
    IndicatorSpec(
        id="NI-125",
        national="NI 125",
        title="Older people still at home 91 days after reablement",
        partner="city-council",
        outcome="HCOP-3",
        contact="Helen Osei",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="reablement",
        intent="risk",
        tolerance=2.0,
        provisional=("2025-26",),
        model=Model(
            level=82.0,
            trend=0.01,
            shocks=(("covid", -0.25),),
            gradient=-0.1,
            ward_sd=0.1,
            noise_sd=0.05,
        ),
        breakdowns=(Breakdown("sex", (("F", 0.63, 1.02), ("M", 0.37, 0.96))),),
        definition="The percentage of people aged 65 and over discharged from hospital into "
        "reablement or rehabilitation services who are still at home 91 days after "
        "discharge.",
        source="Brackenford City Council adult social care system, as used for the Adult "
        "Social Care Outcomes Framework (measure 2B1).",
        methodology="Denominator: people aged 65 and over discharged from hospital into "
        "reablement during the financial year (the whole year, not only the October to "
        "December sample used nationally). Numerator: those at home 91 days later. "
        "Figures by sex are given for the city.",
        limitations="People who die within 91 days count as not at home. Numbers in each "
        "neighbourhood are small (30 to 60 people a year).",
    ),
    IndicatorSpec(
        id="NI-130",
        national="NI 130",
        title="Social care clients receiving self-directed support",
        partner="city-council",
        outcome="HCOP-3",
        contact="Helen Osei",
        unit="rate",
        rate_per=100000,
        decimals=0,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="adults18",
        intent="on",
        tolerance=40,
        target_step=10,
        provisional=("2025-26",),
        model=Model(level=1090.0, trend=0.035, gradient=0.32, ward_sd=0.08, noise_sd=0.02),
        definition="Adults receiving long-term social care support through a personal budget "
        "or direct payment, per 100,000 residents aged 18 and over.",
        source="Brackenford City Council adult social care system (Short and Long Term "
        "Support return).",
        methodology="Numerator: clients with a personal budget or direct payment on 31 March, "
        "by home neighbourhood. Denominator: residents aged 18 and over.",
        limitations="Counts people with support at one date, not everyone helped during the "
        "year. Clients placed outside the city are counted at their last Brackenford address.",
    ),
    IndicatorSpec(
        id="LOC-HCOP-01",
        title="Safe and Well visits to older people's homes",
        partner="fire",
        outcome="HCOP-3",
        contact="Steve Bannister",
        unit="count",
        decimals=0,
        polarity=UP,
        period_type=FY,
        aggregation="sum",
        group="older65",
        intent="on",
        tolerance=100,
        target_step=50,
        model=Model(
            level=2600.0,
            trend=0.0,
            trend_after=0.07,
            shocks=(("covid", -0.9),),
            gradient=0.35,
            ward_sd=0.1,
            noise_sd=0.05,
        ),
        computed=("city",),
        definition="Safe and Well visits completed by Brackenshire Fire and Rescue Service "
        "in homes where someone aged 65 or over lives, in the financial year.",
        source="Brackenshire Fire and Rescue Service community safety database.",
        methodology="A count of completed visits by the neighbourhood of the home. Referrals "
        "come from adult social care, health visitors, the NHS and residents themselves. "
        "The service submits neighbourhood and district figures; laa-publish adds the "
        "districts up to the city.",
        limitations="Counts visits, not their effect: a visit fits smoke alarms and gives "
        "advice on falls, health and scams. Visits were suspended from April to August 2020 "
        "and limited to high-risk homes until spring 2021.",
    ),
    IndicatorSpec(
        id="NI-141",
        national="NI 141",
        title="Vulnerable people achieving independent living",
        partner="vcs",
        outcome="HCOP-3",
        contact="Kieran Walsh",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="moveon",
        intent="off",
        tolerance=2.0,
        model=Model(
            level=69.0,
            trend=-0.01,
            trend_after=-0.06,
            shocks=(("covid", -0.2),),
            gradient=-0.1,
            ward_sd=0.08,
            noise_sd=0.04,
        ),
        definition="The percentage of people leaving housing-related support services "
        "(supported housing, refuges and floating support) who move on in a planned way to "
        "more independent living.",
        source="Quarterly outcome returns from the city's supported housing providers, "
        "collected by Brackenford Voluntary Action for the providers' forum.",
        methodology="Numerator: planned departures in the financial year. Denominator: all "
        "departures, by the neighbourhood of the service.",
        limitations="Providers judge whether a departure was planned. Services based in one "
        "neighbourhood serve people from across the city.",
    ),
    IndicatorSpec(
        id="NI-154",
        national="NI 154",
        title="Net additional homes provided",
        partner="city-council",
        outcome="HCOP-4",
        contact="Gareth Lloyd",
        unit="count",
        decimals=0,
        polarity=UP,
        period_type=FY,
        aggregation="sum",
        intent="off",
        tolerance=50,
        target_step=10,
        provisional=("2025-26",),
        model=Model(
            level=860.0,
            trend=0.0,
            trend_after=-0.06,
            shocks=(("covid", -0.35),),
            gradient=0.2,
            ward_sd=0.45,
            noise_sd=0.45,
            hotspots=((CANAL, 1.3), (RIVERSIDE, 0.6)),
        ),
        definition="The net increase in homes in the financial year: new homes built plus "
        "conversions and changes of use, minus demolitions.",
        source="Brackenford City Council planning monitoring (site surveys and building "
        "control completions).",
        methodology="A count of net additional dwellings by the neighbourhood of the site. "
        "Neighbourhood counts add up to the districts and the city.",
        limitations="Large sites make neighbourhood figures lumpy: one block of flats can "
        "double a neighbourhood's total. The 2025-26 figure is provisional until the annual "
        "site survey is complete.",
    ),
    IndicatorSpec(
        id="NI-155",
        national="NI 155",
        title="Affordable homes delivered",
        partner="city-council",
        outcome="HCOP-4",
        contact="Gareth Lloyd",
        unit="count",
        decimals=0,
        polarity=UP,
        period_type=FY,
        aggregation="sum",
        intent="risk",
        tolerance=20,
        target_step=5,
        provisional=("2025-26",),
        model=Model(
            level=225.0,
            trend=0.06,
            shocks=(("covid", -0.45),),
            gradient=0.3,
            ward_sd=0.45,
            noise_sd=0.25,
            hotspots=((CANAL, 1.1),),
        ),
        definition="Affordable homes completed in the financial year (gross, before any "
        "losses): social rent, affordable rent and shared ownership.",
        source="Brackenford City Council housing enabling team, reconciled with Homes England "
        "returns.",
        methodology="A count of completions by the neighbourhood of the site. Neighbourhood "
        "counts add up to the districts and the city.",
        limitations="Gross delivery: homes sold or demolished under right to buy or "
        "regeneration are not taken off. Completions bunch at the end of funding rounds.",
    ),
    IndicatorSpec(
        id="NI-187",
        national="NI 187",
        title="Households on income-related benefits living in homes with low energy efficiency",
        partner="city-council",
        outcome="HCOP-4",
        contact="Gareth Lloyd",
        unit=PCT,
        polarity=DOWN,
        period_type=FY,
        aggregation="rate",
        group="benefit_households",
        intent="on",
        tolerance=0.8,
        provisional=("2025-26",),
        model=Model(
            level=9.6, trend=-0.05, trend_after=-0.04, gradient=0.3, ward_sd=0.1, noise_sd=0.03
        ),
        definition="The percentage of households receiving income-related benefits whose "
        "home has a low energy efficiency rating (SAP below 35, roughly EPC band F or G).",
        source="Brackenford City Council housing stock condition model, matched to Housing "
        "Benefit, Universal Credit housing costs and Council Tax Reduction records.",
        methodology="Numerator: households in the benefit records whose home is modelled "
        "below SAP 35. Denominator: all households in the benefit records, by home "
        "neighbourhood. The model is updated each summer with new Energy Performance "
        "Certificates and retrofit completions.",
        limitations="Modelled: most homes have no recent survey. The 2025-26 figure is "
        "provisional until the summer model update is checked.",
    ),
    # ---------------------------------------------------------------- economic development
    IndicatorSpec(
        id="NI-151",
        national="NI 151",
        title="Employment rate (aged 16 to 64)",
        partner="jobcentre",
        outcome="EDE-1",
        contact="Fiona McLeod",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="none",
        style="survey",
        levels="city",
        survey_n=1100,
        intent="risk",
        tolerance=1.5,
        model=Model(level=71.5, trend=0.02, shocks=(("recession", -0.1),), noise_sd=0.01),
        definition="The percentage of residents aged 16 to 64 who are in employment.",
        source="ONS Annual Population Survey, 12 months to March, via Nomis.",
        methodology="Survey estimate from about 1,100 Brackenford residents a year, weighted "
        "by ONS. The confidence interval is as published by ONS.",
        limitations="A survey with wide intervals at local level: changes of one or two "
        "points from year to year are usually not significant. Response to the survey fell "
        "sharply from 2020 and ONS reweighted the series in 2024.",
    ),
    IndicatorSpec(
        id="NI-152",
        national="NI 152",
        title="Working-age people on out-of-work benefits",
        partner="jobcentre",
        outcome="EDE-1",
        contact="Fiona McLeod",
        unit=PCT,
        polarity=DOWN,
        period_type=QTR,
        aggregation="rate",
        group="working_age",
        intent="off",
        tolerance=0.3,
        district_targets=(E,),
        model=Model(
            level=10.6,
            trend=-0.02,
            trend_after=0.05,
            shocks=(("recession", 0.32),),
            season=(0.02, -0.01, -0.02, 0.01),
            gradient=0.62,
            ward_sd=0.06,
            noise_sd=0.012,
        ),
        breakdowns=(
            Breakdown(
                "age_band",
                (("16-24", 0.17, 0.55), ("25-49", 0.53, 0.85), ("50-64", 0.3, 1.5)),
                "districts",
            ),
            Breakdown("disability", (("disabled", 0.21, 4.5), ("not_disabled", 0.79, 1.0))),
        ),
        definition="Residents aged 16 to 64 claiming an out-of-work benefit (Jobseeker's "
        "Allowance, Employment and Support Allowance, Income Support, or Universal Credit "
        "with no or low earnings) as a percentage of the working-age population.",
        source="Department for Work and Pensions benefit statistics (Stat-Xplore), analysed by "
        "Jobcentre Plus Brackenford; ONS mid-year population estimates.",
        methodology="Numerator: claimants in the last month of the quarter, by home "
        "neighbourhood. Denominator: residents aged 16 to 64. "
        "Figures by age band are given for the districts and the city, and by disability for"
        " the city: the claimant's health condition from the benefit record, over the Census "
        "2021 disability rate applied to the population.",
        limitations="Universal Credit does not separate in-work and out-of-work claimants "
        "directly; DWP uses conditionality groups as a proxy, and the rise in the "
        "administrative earnings threshold in 2023 moved some claimants between groups. The "
        "move of legacy benefit claimants to Universal Credit from 2024 also affects the series.",
    ),
    IndicatorSpec(
        id="LOC-EDE-01",
        title="Young people aged 18 to 24 claiming unemployment benefits",
        partner="jobcentre",
        outcome="EDE-1",
        contact="Fiona McLeod",
        unit=PCT,
        polarity=DOWN,
        period_type=QTR,
        aggregation="rate",
        group="age18_24",
        intent="off",
        tolerance=0.3,
        model=Model(
            level=5.1,
            trend=-0.04,
            trend_after=0.09,
            shocks=(("recession", 0.72),),
            season=(0.02, -0.04, 0.05, -0.03),
            gradient=0.5,
            ward_sd=0.08,
            noise_sd=0.02,
        ),
        definition="Residents aged 18 to 24 claiming Jobseeker's Allowance, or Universal "
        "Credit and required to look for work (the claimant count), as a percentage of "
        "residents aged 18 to 24.",
        source="ONS Claimant Count, via Nomis; ONS mid-year population estimates.",
        methodology="Numerator: claimants in the last month of the quarter, by home "
        "neighbourhood. Denominator: residents aged 18 to 24.",
        limitations="Universal Credit widened the claimant count to include some people in "
        "low-paid work, so levels are not comparable with the years before it. Students are "
        "in the denominator but rarely claim.",
    ),
    IndicatorSpec(
        id="NI-163",
        national="NI 163",
        title="Working-age people qualified to at least Level 2",
        partner="chamber",
        outcome="EDE-2",
        contact="Daniel Price",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="none",
        style="survey",
        levels="city",
        survey_n=1100,
        intent="on",
        tolerance=1.5,
        notes=(("2022-23", CITY, "Break in series: new qualification questions from 2022"),),
        model=Model(
            level=73.5, trend=0.03, trend_after=0.04, noise_sd=0.01, steps=((2022.3, 0.08),)
        ),
        definition="The percentage of residents aged 16 to 64 qualified to at least Level 2 "
        "(five GCSEs at grades 9 to 4 or equivalent).",
        source="ONS Annual Population Survey, 12 months to March, via Nomis.",
        methodology="Survey estimate from about 1,100 Brackenford residents a year, weighted "
        "by ONS. The confidence interval is as published by ONS.",
        limitations="In 2022 the survey moved to the Regulated Qualifications Framework, "
        "which lifted the estimate: earlier years are not directly comparable. Changes of a "
        "point or two are usually within sampling error.",
    ),
    IndicatorSpec(
        id="LOC-EDE-02",
        title="Apprenticeship starts by Brackenford residents",
        partner="chamber",
        outcome="EDE-2",
        contact="Daniel Price",
        unit="count",
        decimals=0,
        polarity=UP,
        period_type=FY,
        aggregation="sum",
        intent="off",
        tolerance=80,
        target_step=10,
        provisional=("2025-26",),
        model=Model(
            level=2350.0,
            trend=-0.04,
            trend_after=-0.02,
            shocks=(("covid", -0.3),),
            gradient=0.15,
            ward_sd=0.1,
            noise_sd=0.04,
        ),
        computed=("city",),
        breakdowns=(
            Breakdown(
                "age_band",
                (("16-24", 0.56, 1.0), ("25-49", 0.34, 1.0), ("50-64", 0.1, 1.0)),
                "districts",
            ),
            Breakdown("sex", (("F", 0.47, 1.0), ("M", 0.53, 1.0)), "districts"),
        ),
        definition="Apprenticeships started by people living in Brackenford, at any level "
        "and age, in the financial year.",
        source="Department for Education Individualised Learner Record, by learner home "
        "postcode, analysed by Brackenford Chamber of Commerce.",
        methodology="A count of starts by home neighbourhood; a person who starts two "
        "apprenticeships in the year counts twice. Neighbourhood counts add up to the "
        "districts and the city. "
        "Figures by age band and sex are given for the districts. The Chamber submits "
        "neighbourhood and district figures; laa-publish adds the districts up to the city, "
        "for each group as well as for all starts.",
        limitations="Starts, not achievements: about half of apprentices finish. The 2025-26 "
        "figure is provisional until the final data return in October.",
    ),
    IndicatorSpec(
        id="NI-171",
        national="NI 171",
        title="New business registration rate",
        partner="chamber",
        outcome="EDE-3",
        contact="Daniel Price",
        unit="rate",
        rate_per=10000,
        decimals=1,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="adults16",
        last_period="2024-25",
        intent="off",
        tolerance=2.0,
        model=Model(
            level=52.0,
            trend=0.0,
            trend_after=-0.03,
            shocks=(("covid", -0.15), ("rebound", 0.12)),
            gradient=-0.2,
            ward_sd=0.15,
            noise_sd=0.04,
            hotspots=((RIVERSIDE, 0.5), (CANAL, 0.3)),
        ),
        definition="New enterprises registering for VAT or PAYE in the year, per 10,000 "
        "residents aged 16 and over.",
        source="ONS Business Demography, with neighbourhood analysis of the Inter-Departmental "
        "Business Register by Brackenford Chamber of Commerce.",
        methodology="Numerator: business births by registered address in the financial year. "
        "Denominator: residents aged 16 and over.",
        limitations="Registered addresses are not always where a business trades: Riverside "
        "includes the offices of several formation agents. ONS publishes each November, so "
        "2024-25 is the latest year.",
    ),
    IndicatorSpec(
        id="LOC-EDE-03",
        title="Three-year business survival rate",
        partner="chamber",
        outcome="EDE-3",
        contact="Daniel Price",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="business_births",
        last_period="2024-25",
        intent="on",
        tolerance=2.0,
        model=Model(
            level=54.0,
            trend=0.0,
            trend_after=0.06,
            shocks=(("covid", -0.08),),
            gradient=-0.12,
            ward_sd=0.08,
            noise_sd=0.04,
        ),
        definition="The percentage of businesses born in Brackenford three years earlier that "
        "are still trading.",
        source="ONS Business Demography, with neighbourhood analysis of the Inter-Departmental "
        "Business Register by Brackenford Chamber of Commerce.",
        methodology="Denominator: businesses born in the financial year three years earlier, "
        "by registered address. Numerator: those still active in the year shown.",
        limitations="A business that moves out of the city still counts as surviving. "
        "Published each November, so 2024-25 is the latest year.",
    ),
    IndicatorSpec(
        id="NI-186",
        national="NI 186",
        title="Per capita reduction in CO2 emissions",
        partner="city-council",
        outcome="EDE-4",
        contact="Nadia Karim",
        unit=PCT,
        polarity=UP,
        period_type=CY,
        aggregation="none",
        style="level",
        levels="city",
        intent="on",
        tolerance=1.5,
        model=Model(level=41.0, trend=1.5, shocks=(("covid", 7.0), ("energy", 2.0)), noise_sd=0.4),
        definition="The percentage reduction in carbon dioxide emissions per resident in the "
        "calendar year compared with 2005, for emissions within the scope of local "
        "authority influence.",
        source="Department for Energy Security and Net Zero, UK local authority and regional "
        "greenhouse gas emissions statistics (June 2026 release).",
        methodology="(1 minus per-resident emissions in the year divided by per-resident "
        "emissions in 2005) times 100. The whole series is revised each June when the "
        "department improves its methods; all years here come from the latest release.",
        limitations="Published for the city only, about 18 months after the year ends. 2020 "
        "emissions were unusually low because of lockdowns. Large industrial sites and "
        "motorways are outside the scope of local authority influence and not counted.",
    ),
    IndicatorSpec(
        id="NI-192",
        national="NI 192",
        title="Household waste sent for reuse, recycling and composting",
        partner="city-council",
        outcome="EDE-4",
        contact="Nadia Karim",
        unit=PCT,
        polarity=UP,
        period_type=FY,
        aggregation="rate",
        group="waste_tonnes",
        levels="districts",
        intent="off",
        tolerance=1.5,
        provisional=("2025-26",),
        model=Model(
            level=40.5,
            trend=0.0,
            trend_after=0.01,
            shocks=(("covid", 0.04),),
            gradient=-0.18,
            ward_sd=0.05,
            noise_sd=0.015,
        ),
        definition="The percentage of household waste collected by the council that is sent "
        "for reuse, recycling or composting.",
        source="WasteDataFlow returns by Brackenford City Council.",
        methodology="Numerator: tonnes of household waste sent for reuse, recycling or "
        "composting in the financial year. Denominator: tonnes of household waste collected. "
        "Districts follow the four collection depots' rounds.",
        limitations="Rejected recycling loads are taken off only when the contractor reports "
        "them, sometimes a quarter late. Weekly food waste collections started citywide in "
        "April 2026, after the latest year shown.",
    ),
    IndicatorSpec(
        id="NI-195",
        national="NI 195",
        title="Streets and open spaces with unacceptable levels of litter",
        partner="city-council",
        outcome="EDE-4",
        contact="Nadia Karim",
        unit=PCT,
        polarity=DOWN,
        period_type=FY,
        aggregation="rate",
        group="litter_sites",
        intent="on",
        tolerance=1.0,
        model=Model(
            level=9.5,
            trend=0.01,
            trend_after=-0.09,
            gradient=0.45,
            ward_sd=0.12,
            noise_sd=0.05,
            hotspots=((RIVERSIDE, 0.3),),
        ),
        computed=("city",),
        definition="The percentage of surveyed transects (stretches of street or open land) "
        "that fall below grade B for litter in the Local Environmental Quality survey.",
        source="Brackenford City Council Local Environmental Quality surveys, using the Keep "
        "Britain Tidy method.",
        methodology="Numerator: transects graded below B. Denominator: transects inspected, "
        "56 a year in each neighbourhood across three survey rounds. "
        "The council submits neighbourhood and district figures; laa-publish recomputes the "
        "city percentage from the summed transects.",
        limitations="A sample: one or two transects make a big difference to a "
        "neighbourhood's figure. Graffiti, fly-posting and detritus are surveyed but not "
        "included here.",
    ),
    IndicatorSpec(
        id="LOC-EDE-04",
        title="Fly-tipping incidents reported",
        partner="city-council",
        outcome="EDE-4",
        contact="Nadia Karim",
        unit="count",
        decimals=0,
        polarity=DOWN,
        period_type=MON,
        aggregation="sum",
        provisional=("2026-08", "2026-09"),
        comment="No target: reports rose when online reporting became easier.",
        notes=(("2023-10", CITY, "New online reporting form launched in October 2023"),),
        model=Model(
            level=315.0,
            trend=-0.05,
            steps=((2023.75, 0.2),),
            shocks=(("covid", 0.25),),
            season=(0.12, -0.12, -0.02, 0.04, 0.08, 0.08, 0.1, 0.1, 0.0, -0.06, -0.12, -0.2),
            gradient=0.6,
            ward_sd=0.12,
            noise_sd=0.08,
            hotspots=((RIVERSIDE, 0.2),),
        ),
        definition="Fly-tipping incidents on public land reported to or found by Brackenford "
        "City Council in the month.",
        source="Brackenford City Council street scene case system, as returned to Defra "
        "(Flycapture).",
        methodology="A count of incidents in the month by location. Neighbourhood counts add "
        "up to the districts and the city. The last two months are provisional while "
        "duplicate reports are merged.",
        limitations="Counts reported incidents, so easier reporting raises the figure: the "
        "online form launched in October 2023 added about a fifth. For that reason this "
        "measure has no target.",
    ),
)


# --------------------------------------------------------------------------------------------
# Partners' own frameworks, budget contributions and benefits
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """One measure in a partner's own performance framework."""

    code: str
    name: str
    description: str
    outcomes: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Framework:
    """A partner's own performance framework and how it lines up with the shared outcomes."""

    partner: str
    name: str
    path: str  # where it is published on the partner's website
    measures: tuple[Measure, ...]


# EDE-4 (a cleaner, greener city) is deliberately left without a partner measure: the
# council's climate work sits in a separate action plan, outside the Council Plan.
FRAMEWORKS = (
    Framework("city-council", "Brackenford Council Plan 2023–2027", "council-plan", (
        Measure("CP-1.1", "Children living in low-income families",
                "The Council Plan's lead measure of child poverty is the shared indicator.",
                indicators=("NI-116",)),
        Measure("CP-1.3", "Take-up of funded early education by eligible two-year-olds",
                "Tracked monthly by the early years team and reported to Cabinet each "
                "quarter.", indicators=("LOC-CYP-01",)),
        Measure("CP-2.2", "Children's social care assessments completed on time",
                "The front door's seven-day standard, reported to the Children's "
                "Improvement Board.", indicators=("NI-59",)),
        Measure("CP-3.1", "Older people living independently after a stay in hospital",
                "Combines reablement outcomes with the number of people directing their own "
                "support.", outcomes=("HCOP-3",), indicators=("NI-125", "NI-130")),
        Measure("CP-4.2", "New affordable homes",
                "Completions by the council and housing associations on council-enabled "
                "sites.", indicators=("NI-155",)),
        Measure("CP-4.5", "Households helped out of fuel poverty",
                "Homes improved through the council's retrofit grants and the warm homes "
                "advice line.", outcomes=("HCOP-4", "CYP-1")),
    )),
    Framework("police", "Brackenshire Police and Crime Plan 2024–2029",
              "police-and-crime-plan", (
        Measure("PCP-1.1", "Reduce serious violence",
                "The Serious Violence Duty measure, reported to the Police and Crime Panel.",
                indicators=("NI-15", "NI-20")),
        Measure("PCP-1.3", "Repeat victims of domestic abuse",
                "Repeat cases heard at MARAC, read alongside the number of cases referred.",
                indicators=("NI-32",)),
        Measure("PCP-2.2", "Neighbourhood crime: burglary, vehicle crime and robbery",
                "The national neighbourhood crime measure, for the Brackenford district "
                "command.", indicators=("NI-16",)),
        Measure("PCP-2.5", "Alcohol-related violence in the night-time economy",
                "Assaults in and around licensed premises in the city centre, with the "
                "hospital's alcohol care team.", outcomes=("SSC-1", "HCOP-2")),
        Measure("PCP-3.1", "Public confidence in local policing",
                "The Residents' Survey question the plan uses for confidence.",
                indicators=("NI-21", "NI-17")),
        Measure("PCP-4.2", "Young people diverted from the justice system",
                "First-time entrants, read with the number of young people on the Turnaround "
                "programme.", indicators=("NI-111",)),
    )),
    Framework("nhs", "NHS Brackenford Joint Forward Plan 2023–2028", "joint-forward-plan", (
        Measure("JFP-P1", "Smokers supported to quit",
                "Prevention priority 1: four-week quitters through the stop smoking service.",
                indicators=("NI-123",)),
        Measure("JFP-P2", "Alcohol-related hospital admissions",
                "Prevention priority 2, with the alcohol care team's frequent-attender "
                "caseload.", indicators=("NI-39",)),
        Measure("JFP-P3", "People in effective drug treatment",
                "Continuity of care from prison and custody into community treatment.",
                indicators=("NI-40",)),
        Measure("JFP-C2", "Breastfeeding at 6 to 8 weeks",
                "Children and young people priority: the infant feeding pathway.",
                indicators=("NI-53",)),
        Measure("JFP-C4", "Healthy weight in childhood",
                "Year 6 obesity from the National Child Measurement Programme.",
                indicators=("NI-56", "NI-112")),
        Measure("JFP-A1", "People going home from hospital with reablement",
                "Discharge to assess: people aged 65 and over still at home 91 days later.",
                outcomes=("HCOP-3", "HCOP-1"), indicators=("NI-125",)),
    )),
    Framework("fire", "Brackenshire Community Risk Management Plan 2022–2026",
              "community-risk-management-plan", (
        Measure("CRMP-P1", "Accidental fires in the home",
                "Prevention objective 1, targeted at the neighbourhoods with most fires.",
                indicators=("LOC-SSC-01",)),
        Measure("CRMP-P2", "Deliberate fires",
                "Arson reduction with the police and the council's street scene team.",
                indicators=("LOC-SSC-02",)),
        Measure("CRMP-P4", "Safe and Well visits to people at higher risk",
                "Visits to older people and those referred by health and social care.",
                indicators=("LOC-HCOP-01",)),
        Measure("CRMP-P5", "Homes made warmer and safer through onward referrals",
                "Referrals from Safe and Well visits to the council's warm homes service.",
                outcomes=("HCOP-4",)),
    )),
    Framework("schools", "Brackenford Schools Partnership Improvement Plan 2024–2027",
              "improvement-plan", (
        Measure("SIP-1", "Attainment at 16 in English and maths",
                "The plan's headline measure for secondary schools.", indicators=("NI-75",)),
        Measure("SIP-2", "Attainment gap for disadvantaged pupils",
                "The gap at 16 between pupils eligible for free school meals and their "
                "classmates.", outcomes=("CYP-2", "CYP-1")),
        Measure("SIP-3", "Young people qualified to Level 2 by 19",
                "Shared with the city's further education college.", indicators=("NI-79",)),
        Measure("SIP-4", "Destinations after 16: not in education, employment or training",
                "The tracking team's monthly NEET and 'not known' figures.",
                indicators=("NI-117",)),
        Measure("SIP-5", "Pupils' health and wellbeing",
                "Healthy schools programme, including the daily mile and school meals.",
                outcomes=("CYP-4",), indicators=("NI-56",)),
    )),
    Framework("vcs", "Brackenford Voluntary Action Strategy 2023–2028", "strategy", (
        Measure("VA-1", "Volunteers recruited and placed",
                "Through the volunteer centre and the partnership's volunteer passport.",
                indicators=("NI-6", "LOC-SSC-04")),
        Measure("VA-2", "Planned moves on from supported housing",
                "Outcomes reported by the supported housing providers' forum.",
                indicators=("NI-141",)),
        Measure("VA-3", "Residents helped with money and debt advice",
                "Advice agencies' clients, and the extra income they were helped to claim.",
                outcomes=("CYP-1", "HCOP-4")),
        Measure("VA-4", "Community groups supported to raise funds",
                "Groups helped to bid for grants, and the money they won.",
                outcomes=("SSC-4",)),
    )),
    Framework("jobcentre", "Jobcentre Plus Brackenford District Delivery Plan 2025-26",
              "district-plan", (
        Measure("JCP-1", "Claimants moving into work",
                "Off-flows into work from Universal Credit intensive work search.",
                outcomes=("EDE-1",), indicators=("NI-152",)),
        Measure("JCP-2", "Young people on the Youth Offer moving into work or training",
                "Youth hubs run with the council and the Chamber.",
                outcomes=("CYP-3",), indicators=("LOC-EDE-01",)),
        Measure("JCP-3", "Disabled people and people with health conditions supported into "
                "work", "Work coaches and disability employment advisers, with the "
                "ICB's employment advice in GP practices.", outcomes=("EDE-1", "HCOP-1")),
        Measure("JCP-4", "Sector-based work academy places",
                "Short training and a guaranteed interview with employers who are hiring.",
                outcomes=("EDE-2",)),
    )),
    Framework("chamber", "Brackenford Chamber of Commerce Business Plan 2024–2026",
              "business-plan", (
        Measure("BCC-1", "Apprenticeship starts with member businesses",
                "The Chamber's apprenticeship hub matches young people with employers.",
                indicators=("LOC-EDE-02",)),
        Measure("BCC-2", "Start-ups supported through the Enterprise Hub",
                "Pre-start advice, and mentoring in the first three years.",
                indicators=("NI-171", "LOC-EDE-03")),
        Measure("BCC-3", "Employers working with schools",
                "Enterprise advisers and employer encounters for every secondary pupil.",
                outcomes=("CYP-3", "EDE-2")),
        Measure("BCC-4", "Members signed up to the Good Employment Charter",
                "Fair pay, secure hours and support for staff with health conditions.",
                outcomes=("EDE-1",)),
    )),
)  # fmt: skip

# Budget contributions: (partner, outcome, pooled, aligned, in kind, note) for 2023-24, in
# pounds. Later years follow BUDGET_GROWTH with a small, fixed wobble per line.
BUDGET_YEARS = ("2023-24", "2024-25", "2025-26", "2026-27")
BUDGET_GROWTH = {"2023-24": 1.0, "2024-25": 1.035, "2025-26": 1.06, "2026-27": 1.075}
SPENT_TO_DATE = "2026-27"  # the year in progress: about five months of spend so far
BUDGET_LINES = (
    ("city-council", "CYP-1", 450_000, 1_200_000, 60_000,
     "Family hubs and the Household Support Fund top-up."),
    ("city-council", "CYP-4", 800_000, 2_400_000, 0, "Early help, pooled with the ICB."),
    ("city-council", "SSC-1", 280_000, 420_000, 35_000,
     "Domestic abuse safe accommodation and the community safety team."),
    ("city-council", "HCOP-3", 3_100_000, 1_800_000, 0,
     "Better Care Fund: pooled under a section 75 agreement with the ICB."),
    ("city-council", "HCOP-4", 650_000, 900_000, 0, "Warm homes grants and advice."),
    ("city-council", "EDE-1", 0, 350_000, 40_000, "Employment support in family hubs."),
    ("city-council", "EDE-4", 0, 750_000, 0, "Recycling campaigns and enforcement."),
    ("nhs", "HCOP-3", 3_600_000, 1_100_000, 0,
     "Better Care Fund: pooled under a section 75 agreement with the council."),
    ("nhs", "HCOP-1", 420_000, 650_000, 0, "Stop smoking service and health checks."),
    ("nhs", "HCOP-2", 380_000, 1_400_000, 0, "Alcohol care team and drug treatment."),
    ("nhs", "CYP-4", 150_000, 900_000, 25_000, "Infant feeding and school nursing."),
    ("police", "SSC-1", 320_000, 600_000, 90_000,
     "Domestic abuse hub and the Violence Reduction Unit."),
    ("police", "SSC-3", 0, 250_000, 120_000, "Neighbourhood policing officers' time."),
    ("police", "CYP-3", 140_000, 210_000, 0, "Turnaround youth diversion programme."),
    ("police", "HCOP-2", 60_000, 0, 0, "Drug testing on arrest."),
    ("fire", "SSC-2", 0, 380_000, 45_000, "Home fire safety and arson reduction."),
    ("fire", "HCOP-3", 90_000, 160_000, 40_000, "Safe and Well visits."),
    ("fire", "HCOP-4", 0, 0, 25_000, "Onward referrals to the warm homes service."),
    ("schools", "CYP-2", 220_000, 540_000, 80_000,
     "School-to-school support, pooled through the Schools Forum."),
    ("schools", "CYP-3", 110_000, 260_000, 0, "The NEET tracking and careers team."),
    ("vcs", "SSC-4", 15_000, 0, 420_000, "Volunteer time, valued at £14.50 an hour."),
    ("vcs", "HCOP-3", 0, 60_000, 180_000, "Befriending and home-from-hospital volunteers."),
    ("vcs", "CYP-1", 0, 0, 95_000, "Advice agencies' volunteer advisers."),
    ("jobcentre", "EDE-1", 0, 520_000, 140_000, "Work coaches based in family hubs."),
    ("jobcentre", "CYP-3", 0, 120_000, 35_000, "Youth hub work coaches."),
    ("jobcentre", "EDE-2", 80_000, 0, 0, "Flexible Support Fund for work academies."),
)  # fmt: skip


@dataclass(frozen=True)
class SignOff:
    """Who confirmed a realised benefit, when, and where the evidence is."""

    partner: str
    role: str
    name: str
    date: str
    evidence: str


# A value written as ("NI-40", "2022-23") is read from that indicator's city-wide figure.
Figure = float | tuple[str, str]


@dataclass(frozen=True)
class BenefitSpec:
    """One entry in a partner's benefits register."""

    id: str
    partner: str
    title: str
    outcome: str
    type: str
    description: str
    unit: str
    expected: tuple[Figure, str]
    status: str
    indicator: str | None = None
    measure: str | None = None
    baseline: Figure | None = None
    actual: tuple[Figure, str] | None = None
    sign_off: SignOff | None = None


COUNCIL_MINUTES = "https://democracy.brackenford-council.example/meetings"
BENEFITS = (
    BenefitSpec(
        "BEN-CC-01", "city-council", "Joint reablement cuts residential care placements",
        "HCOP-3", "cashable_saving",
        "The pooled reablement service helps older people home from hospital, so fewer need a "
        "care home placement. The saving falls to the council's adult social care budget.",
        "pounds", (1_200_000, "2025-03-31"), "signed_off",
        measure="Spending avoided on residential and nursing placements for people aged 65 "
        "and over, a year",
        baseline=0, actual=(1_340_000, "2025-03-31"),
        sign_off=SignOff("city-council", "Section 151 Officer", "Elaine Marsh", "2025-07-15",
                         f"{COUNCIL_MINUTES}/audit-committee/2025-07-15/minutes"),
    ),
    BenefitSpec(
        "BEN-CC-02", "city-council", "One application route for hardship funds", "CYP-1",
        "non_cashable_financial",
        "Families apply once for the Household Support Fund and the voluntary sector's "
        "hardship grants, instead of filling in three forms for three teams.",
        "hours", (3_500, "2026-03-31"), "realised",
        measure="Staff hours saved in assessing applications, a year",
        baseline=0, actual=(3_900, "2026-03-31"),
    ),
    BenefitSpec(
        "BEN-CC-03", "city-council", "Shared retrofit surveyors with the fire service",
        "HCOP-4", "shared_resources",
        "Fire service Safe and Well advisers refer cold homes straight to the council's "
        "retrofit surveyors, who share one list of homes to visit.",
        "percentage", (6.5, "2027-03-31"), "identified",
        indicator="NI-187", baseline=("NI-187", "2022-23"),
    ),
    BenefitSpec(
        "BEN-POL-01", "police", "Co-located domestic abuse hub", "SSC-1", "service_quality",
        "Police, council and health staff work from one hub, so high-risk victims get one "
        "safety plan rather than three.",
        "percentage", (26.0, "2026-12-31"), "tracking",
        indicator="NI-32", baseline=("NI-32", "2023-Q1"),
    ),
    BenefitSpec(
        "BEN-POL-02", "police", "Youth diversion reduces custody and court costs", "CYP-3",
        "cashable_saving",
        "Young people diverted through the Turnaround programme do not go through custody "
        "and court, saving police and Youth Justice Service time and costs.",
        "pounds", (350_000, "2025-03-31"), "signed_off",
        measure="Custody, case file and court costs avoided, a year",
        baseline=0, actual=(410_000, "2025-03-31"),
        sign_off=SignOff("police", "Chief Constable", "Andrew Pike", "2025-10-02",
                         "https://www.brackenshire-pcc.example/accountability-board/"
                         "2025-10-02/minutes"),
    ),
    BenefitSpec(
        "BEN-POL-03", "police", "Shared anti-social behaviour case system", "SSC-3",
        "shared_knowledge",
        "Police and council officers record anti-social behaviour cases in one system, so "
        "repeat callers and victims are spotted whoever they call.",
        "count", (1_200, "2026-12-31"), "tracking",
        measure="Cases managed jointly in the shared system, a year", baseline=0,
    ),
    BenefitSpec(
        "BEN-NHS-01", "nhs", "Hospital bed days released by faster discharge", "HCOP-3",
        "non_cashable_financial",
        "Discharge to assess with council reablement means older people leave hospital as "
        "soon as they are well enough, freeing beds for others.",
        "count", (5_500, "2025-03-31"), "signed_off",
        measure="Bed days released at Brackenford General Hospital, a year",
        baseline=0, actual=(6_240, "2025-03-31"),
        sign_off=SignOff("nhs", "Chief Finance Officer", "Ruth Adeyemi", "2025-06-26",
                         "https://www.brackenford-icb.example/board-meetings/2025-06-26/"
                         "papers"),
    ),
    BenefitSpec(
        "BEN-NHS-02", "nhs", "Shared recovery hub brings more people into drug treatment",
        "HCOP-2", "service_quality",
        "Treatment, housing and employment advice in one recovery hub in Millbridge, with "
        "police referrals on arrest.",
        "people", (1_800, "2027-03-31"), "tracking",
        indicator="NI-40", baseline=("NI-40", "2022-23"),
    ),
    BenefitSpec(
        "BEN-NHS-03", "nhs", "Making Every Contact Count training across partners",
        "HCOP-1", "shared_skills",
        "Frontline staff from every partner learn to raise smoking, drinking and activity "
        "briefly and refer people on.",
        "people", (1_200, "2026-03-31"), "realised",
        measure="Frontline staff trained", baseline=0, actual=(1_450, "2026-03-31"),
    ),
    BenefitSpec(
        "BEN-FIRE-01", "fire", "Safe and Well visits by referral from adult social care",
        "HCOP-3", "shared_resources",
        "Social workers and reablement staff refer older people for a Safe and Well visit, "
        "so firefighters reach the homes most at risk.",
        "count", (2_850, "2025-03-31"), "signed_off",
        indicator="LOC-HCOP-01", baseline=("LOC-HCOP-01", "2022-23"),
        actual=(("LOC-HCOP-01", "2024-25"), "2025-03-31"),
        sign_off=SignOff("city-council", "Director of Adult Social Services", "Paul Hendry",
                         "2025-07-22",
                         f"{COUNCIL_MINUTES}/health-and-wellbeing-board/2025-07-22/minutes"),
    ),
    BenefitSpec(
        "BEN-FIRE-02", "fire", "Shared premises at Millbridge community fire station",
        "SSC-2", "cashable_saving",
        "The council's neighbourhood team and a police safer neighbourhood base moved into "
        "Millbridge fire station, and their old buildings were sold.",
        "pounds", (90_000, "2024-09-30"), "signed_off",
        measure="Running costs saved a year across the three services",
        baseline=0, actual=(96_500, "2024-12-31"),
        sign_off=SignOff("fire", "Treasurer to the Fire Authority", "Graham Oduya",
                         "2025-02-18",
                         "https://www.brackenshire-fire.example/fire-authority/2025-02-18/"
                         "minutes"),
    ),
    BenefitSpec(
        "BEN-SCH-01", "schools", "Careers leads reach every Year 11 pupil at risk of NEET",
        "CYP-3", "influence_reach",
        "Schools, the Chamber and Jobcentre Plus youth hubs share one list of Year 11 pupils "
        "at risk of becoming NEET, and each gets a named careers lead.",
        "percentage", (4.5, "2027-03-31"), "tracking",
        indicator="NI-117", baseline=("NI-117", "2023-Q1"),
    ),
    BenefitSpec(
        "BEN-SCH-02", "schools", "Shared attendance data with the council", "CYP-2",
        "shared_knowledge",
        "Schools share daily attendance with the council's early help team, so families are "
        "offered help before absence becomes persistent.",
        "count", (92, "2025-09-01"), "realised",
        measure="Schools sharing daily attendance data", baseline=0, actual=(88, "2025-12-01"),
    ),
    BenefitSpec(
        "BEN-VCS-01", "vcs", "Community champions reach residents services miss", "SSC-4",
        "influence_reach",
        "Trained volunteers from faith and community groups share health and safety "
        "messages with neighbours that the statutory partners rarely reach.",
        "people", (12_000, "2025-03-31"), "signed_off",
        measure="Residents reached by community champions, a year",
        baseline=0, actual=(14_800, "2025-03-31"),
        sign_off=SignOff("city-council", "Director of Public Health", "Dr Meera Shah",
                         "2025-05-20",
                         f"{COUNCIL_MINUTES}/health-and-wellbeing-board/2025-05-20/minutes"),
    ),
    BenefitSpec(
        "BEN-VCS-02", "vcs", "Volunteer passport shared by every partner", "SSC-4",
        "shared_skills",
        "One set of checks and training lets a volunteer help any partner without starting "
        "again.",
        "hours", (400_000, "2027-03-31"), "tracking",
        indicator="LOC-SSC-04", baseline=("LOC-SSC-04", "2022-23"),
    ),
    BenefitSpec(
        "BEN-VCS-03", "vcs", "Extra income claimed through money advice", "HCOP-4",
        "non_cashable_financial",
        "Advice agencies, funded jointly by the council and the ICB, help residents claim "
        "benefits and grants they are owed. The money goes to residents, not partners.",
        "pounds", (2_600_000, "2026-03-31"), "realised",
        measure="Extra benefit and grant income for residents, a year",
        baseline=1_900_000, actual=(2_850_000, "2026-03-31"),
    ),
    BenefitSpec(
        "BEN-JCP-01", "jobcentre", "Work coaches in family hubs", "EDE-1", "service_quality",
        "Work coaches see parents at the family hub they already use, instead of at the "
        "Jobcentre.",
        "people", (250, "2027-03-31"), "identified",
        measure="Parents helped into work from family hubs, a year",
    ),
    BenefitSpec(
        "BEN-CHB-01", "chamber", "Employers share training rooms for work academies", "EDE-2",
        "shared_resources",
        "Member businesses lend training rooms and kit to sector-based work academies run "
        "with Jobcentre Plus.",
        "count", (180, "2027-03-31"), "identified",
        measure="Work academy places hosted by employers, a year",
    ),
    BenefitSpec(
        "BEN-CHB-02", "chamber", "One apprenticeship hub for the city", "EDE-2",
        "influence_reach",
        "The Chamber, schools and Jobcentre Plus advertise every apprenticeship vacancy in "
        "one place, reaching young people who would not have heard of them.",
        "people", (2_300, "2027-03-31"), "tracking",
        indicator="LOC-EDE-02", baseline=("LOC-EDE-02", "2022-23"),
    ),
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Rendering the Brackenford files
# --------------------------------------------------------------------------------------------


def partner_of(partner_id: str) -> Partner:
    """The partner with this id."""
    return next(p for p in PARTNERS if p.id == partner_id)


def email_for(name: str, partner_id: str) -> str:
    """first.last@domain for a contact at a partner."""
    local = ".".join(part.lower().replace("'", "") for part in name.split())
    return f"{local}@{partner_of(partner_id).domain}"


def render_partnership(path: Path, root: Path) -> str:
    """site_config/partnership.yaml."""
    p = PARTNERSHIP
    lines = [
        schema_line(path, root, "partnership"),
        "# Settings for the Brackenford Partnership's performance site.",
        "# Owned by the core team: partners edit only their own folders under data/partners/.",
        "",
        f"name: {p['name']}",
        f"place: {p['place']}",
        f"place_area: {CITY}  # Brackenford (a fictional unitary authority code)",
        "",
        "agreement:",
        f"  title: {p['agreement_title']}",
        f"  start: {p['start']}",
        f"  end: {p['end']}",
        "",
        f'core_team: "{p["core_team"]}"',
        "contact:",
        f"  name: {p['contact_name']}",
        f"  email: {p['contact_email']}",
        "",
        f"site_url: {p['site_url']}",
        f"repository_url: {p['repository_url']}",
        "",
        "# The four theme blocks of a Local Area Agreement. Outcomes name one of these ids.",
        "themes:",
    ]
    for ident, title, description in THEMES:
        lines += [f"  - id: {ident}", f"    title: {title}"]
        lines += yaml_text("description", description, 4)
    lines += [
        "",
        "# Communities of shared interest: the breakdowns an indicator's CSV may carry as",
        "# columns. An indicator lists the ones it uses under 'breakdowns:'; each CSV cell holds",
        "# one of the codes below, or is left empty on the all-people row.",
        "dimensions:",
    ]
    for ident, title, values in DIMENSIONS:
        lines += [f"  - id: {ident}", f"    title: {title}", "    values:"]
        for code, label in values:
            written = code if code.isdigit() else yaml_scalar(code)
            lines += [f"      - code: {written}", f"        label: {yaml_scalar(label)}"]
    lines += [
        "",
        "# Statistical disclosure control: counts from 1 to 4 for neighbourhoods, school",
        "# clusters and breakdowns are published as [c], with a second figure hidden where",
        "# needed so that none can be worked out from a total.",
        "disclosure:",
        f"  threshold: {DISCLOSURE_THRESHOLD}",
        "",
        "# How far (in per cent) a submitted figure may differ from the sum of its parts",
        "# before laa-publish warns that they disagree.",
        f"consistency_tolerance: {CONSISTENCY_TOLERANCE}",
    ]
    return "\n".join(lines) + "\n"


def render_partners(path: Path, root: Path) -> str:
    """data/registers/partners.yaml."""
    lines = [
        schema_line(path, root, "partners"),
        "# The partner register. Each partner's team owns data/partners/<id>/ (see CODEOWNERS).",
        "# All organisations, people and web addresses here are fictional.",
        "",
        "partners:",
    ]
    for i, p in enumerate(PARTNERS):
        if i:
            lines.append("")
        lines += [
            f"  - id: {p.id}",
            f"    name: {p.name}",
            f"    short_name: {p.short_name}",
            f"    type: {p.type}",
            f'    team: "@brackenford-laa/{p.id}"',
            f"    website: https://www.{p.domain}",
            *yaml_text("description", p.description, 4),
        ]
    return "\n".join(lines) + "\n"


def render_areas(path: Path, root: Path, areas: Sequence[Area]) -> str:
    """data/registers/areas.yaml, grouped by level with short comments."""
    lines = [
        schema_line(path, root, "areas"),
        "# The area register: every area code used in the data.",
        "# Brackenford is fictional, and so are all these codes. The neighbourhoods are",
        "# electoral wards and use the GSS format (E05...); districts and school clusters",
        "# have no GSS code, so they use local codes.",
        "",
        "areas:",
        "  # The whole city: the top of the tree, so it has no parent.",
    ]
    for area in areas:
        if area.level == "city":
            lines += _area_lines(area)
    lines += ["", "  # The four districts used for neighbourhood management."]
    for area in areas:
        if area.level == "district":
            lines += _area_lines(area)
    for district in (N, E, S, W):
        name = next(a.name for a in areas if a.code == district)
        lines += ["", f"  # Neighbourhoods (wards) in the {name} district."]
        for area in areas:
            if area.level == "neighbourhood" and area.parent == district:
                lines += _area_lines(area)
    lines += [
        "",
        "  # School clusters: groups of schools that work together. A cluster's parent is",
        "  # the city; overlaps lists the districts its catchment straddles.",
    ]
    for area in areas:
        if area.level == "school_cluster":
            lines += _area_lines(area)
    return "\n".join(lines) + "\n"


def _area_lines(area: Area) -> list[str]:
    lines = []
    if area.comment:
        lines += ["  " + line for line in textwrap.wrap("# " + area.comment, YAML_WIDTH - 4,
                                                       subsequent_indent="# ",
                                                       break_on_hyphens=False)]  # fmt: skip
    lines += [f"  - code: {area.code}", f"    name: {yaml_scalar(area.name)}"]
    lines.append(f"    level: {area.level}")
    if area.parent:
        lines.append(f"    parent: {area.parent}")
    if area.overlaps:
        lines.append(f"    overlaps: [{', '.join(area.overlaps)}]")
    lines.append(f"    valid_from: {area.valid_from}")
    if area.valid_to:
        lines.append(f"    valid_to: {area.valid_to}")
    return lines


def render_outcome(path: Path, root: Path, outcome: Outcome) -> str:
    """data/outcomes/<ID>.yaml."""
    theme = next(t[1] for t in THEMES if t[0] == outcome.theme)
    lines = [
        schema_line(path, root, "outcome"),
        f"# A shared outcome in the {theme} theme.",
        "",
        f"id: {outcome.id}",
        *yaml_text("title", outcome.title),
        f"theme: {outcome.theme}",
        f"priority: {outcome.priority}",
        "",
        f"lead_partner: {outcome.lead}",
        "contributing_partners:",
        *(f"  - {c}" for c in outcome.contributors),
        "",
        f"narrative: content/outcomes/{outcome.id}.md",
        *yaml_text("summary", outcome.summary),
    ]
    return "\n".join(lines) + "\n"


def render_indicator(
    path: Path,
    root: Path,
    spec: IndicatorSpec,
    baseline: tuple[str, Decimal],
    targets: Sequence[Target],
) -> str:
    """data/partners/<partner>/indicators/<ID>.yaml."""
    lines = [schema_line(path, root, "indicator")]
    if spec.national:
        lines.append(f"# {spec.national} from the National Indicator Set (2008), kept locally.")
    else:
        lines.append("# A local indicator chosen by the partnership.")
    lines += ["", f"id: {spec.id}", *yaml_text("title", spec.title)]
    if spec.national:
        lines.append(f"national_indicator: {spec.national}")
    lines += [f"outcome: {spec.outcome}", f"partner: {spec.partner}", ""]
    for key in ("definition", "source", "methodology", "limitations"):
        lines += yaml_text(key, getattr(spec, key))
    lines += [
        "",
        "contact:",
        f"  name: {spec.contact}",
        f"  email: {email_for(spec.contact, spec.partner)}",
        "",
        f"unit: {spec.unit}",
    ]
    if spec.rate_per:
        lines.append(f"rate_per: {spec.rate_per}")
    lines += [
        f"decimals: {spec.decimals}",
        f"polarity: {spec.polarity}",
        f"frequency: {FREQUENCY[spec.period_type]}",
        f"period_type: {spec.period_type}",
        f"aggregation: {spec.aggregation}",
    ]
    if spec.breakdowns:
        lines += [
            "# Breakdown columns in the CSV: dimensions declared in site_config/partnership.yaml.",
            f"breakdowns: [{', '.join(breakdown_dimensions(spec))}]",
        ]
    lines += [
        "",
        "baseline:",
        f'  period: "{baseline[0]}"',
        f"  value: {fmt(baseline[1], spec.decimals)}",
        "",
    ]
    if not targets:
        lines += [f"# {spec.comment}" if spec.comment else "# No targets set.", "targets: []"]
        return "\n".join(lines) + "\n"
    lines.append("targets:")
    if spec.period_type == QTR:
        lines.append("  # Quarterly targets follow the usual seasonal pattern.")
    for t in targets:
        lines.append(f'  - period: "{t.period}"')
        if t.area:
            lines.append(f"    area: {t.area}")
        lines += [
            f"    value: {fmt(t.value, spec.decimals)}",
            f"    tolerance: {fmt(t.tolerance, spec.decimals)}",
        ]
    return "\n".join(lines) + "\n"


def _partner_header(path: Path, root: Path, schema: str, partner: str, about: str) -> list[str]:
    name = partner_of(partner).name
    return [
        schema_line(path, root, schema),
        *textwrap.wrap(
            f"# {about.format(name=name)}",
            YAML_WIDTH,
            subsequent_indent="# ",
            break_on_hyphens=False,
        ),
        "",
        f"partner: {partner}",
    ]


def _id_list(key: str, items: Sequence[str], indent: int) -> list[str]:
    return [f"{' ' * indent}{key}: [{', '.join(items)}]"] if items else []


def render_framework(path: Path, root: Path, fw: Framework) -> str:
    """data/partners/<partner>/framework.yaml."""
    lines = _partner_header(
        path, root, "framework", fw.partner,
        "{name}'s own performance framework, and the shared outcomes and indicators each of "
        "its measures feeds. The partnership's alignment view is built from these files.",
    )  # fmt: skip
    lines += [
        f"framework: {yaml_scalar(fw.name)}",
        f"url: https://www.{partner_of(fw.partner).domain}/{fw.path}",
        "",
        "measures:",
    ]
    for i, m in enumerate(fw.measures):
        if i:
            lines.append("")
        lines += [f"  - code: {m.code}", *yaml_text("name", m.name, 4)]
        lines += yaml_text("description", m.description, 4)
        lines += _id_list("outcomes", m.outcomes, 4) + _id_list("indicators", m.indicators, 4)
    return "\n".join(lines) + "\n"


def _wobble(*parts: str) -> float:
    """A fixed number between -1 and 1 for a combination of names."""
    return (zlib.crc32("/".join(parts).encode()) % 2001) / 1000.0 - 1.0


def _pounds(amount: float, step: int = 1000) -> int:
    return round(amount / step) * step


def budget_entries(partner: str) -> list[dict[str, str | int]]:
    """A partner's contributions for every year of the agreement, in pounds."""
    entries: list[dict[str, str | int]] = []
    for who, outcome, pooled, aligned, in_kind, note in BUDGET_LINES:
        if who != partner:
            continue
        for year in BUDGET_YEARS:
            factor = BUDGET_GROWTH[year] * (1.0 + 0.03 * _wobble(who, outcome, year))
            entry: dict[str, str | int] = {"outcome": outcome, "year": year}
            for key, base in (("pooled", pooled), ("aligned", aligned), ("in_kind", in_kind)):
                if base:
                    entry[key] = _pounds(base * factor)
            money = int(entry.get("pooled", 0)) + int(entry.get("aligned", 0))
            if money:
                if year == SPENT_TO_DATE:
                    share = 0.45 + 0.05 * _wobble(who, outcome, year, "spent")
                else:
                    share = 0.955 + 0.04 * _wobble(who, outcome, year, "spent")
                entry["spent"] = _pounds(money * share, 10)
            if year == BUDGET_YEARS[0]:
                entry["note"] = note
            elif year == SPENT_TO_DATE and money:
                entry["note"] = "Budget for the year; spend to the end of September 2026."
            entries.append(entry)
    return entries


def render_budgets(path: Path, root: Path, partner: str) -> str:
    """data/partners/<partner>/budgets.yaml."""
    lines = _partner_header(
        path, root, "budgets", partner,
        "{name}'s contributions to the shared outcomes, in pounds, by financial year. Pooled "
        "money goes into a joint budget; aligned money stays in the partner's own budget but "
        "is spent to the shared plan; in_kind values staff time, buildings and equipment; "
        "spent is spend to date from the pooled and aligned money. laa-publish adds up the "
        "totals: never type them here.",
    )  # fmt: skip
    lines.append("contributions:")
    current = ""
    for entry in budget_entries(partner):
        if entry["outcome"] != current:
            current = str(entry["outcome"])
            title = next(o.title for o in OUTCOMES if o.id == current)
            lines += ["", f"  # {current}: {title}"]
        lines.append(f"  - outcome: {current}")
        for key in ("year", "pooled", "aligned", "in_kind", "spent"):
            if key in entry:
                lines.append(f"    {key}: {entry[key]}")
        if "note" in entry:
            lines += yaml_text("note", str(entry["note"]), 4)
    return "\n".join(lines) + "\n"


def _figure(value: Figure, tables: Mapping[str, Table], decimals: int = 0) -> str:
    if isinstance(value, tuple):
        ident, period = value
        spec = next(s for s in INDICATORS if s.id == ident)
        return fmt(tables[ident][period][CITY].value, spec.decimals)
    return f"{value:.{decimals}f}" if decimals else f"{value:g}" if value % 1 else str(int(value))


def render_benefits(path: Path, root: Path, partner: str, tables: Mapping[str, Table]) -> str:
    """data/partners/<partner>/benefits.yaml."""
    lines = _partner_header(
        path, root, "benefits", partner,
        "{name}'s entries in the partnership's benefits register: what working together is "
        "expected to gain, how it is measured, and who signed off what was realised.",
    )  # fmt: skip
    lines.append("benefits:")
    for b in (b for b in BENEFITS if b.partner == partner):
        lines += ["", f"  - id: {b.id}", *yaml_text("title", b.title, 4)]
        lines += [f"    outcome: {b.outcome}", f"    type: {b.type}"]
        lines += yaml_text("description", b.description, 4)
        lines.append("    measure:")
        if b.indicator:
            lines.append(f"      indicator: {b.indicator}")
        if b.measure:
            lines += yaml_text("description", b.measure, 6)
        lines.append(f"      unit: {b.unit}")
        if b.baseline is not None:
            lines.append(f"    baseline: {_figure(b.baseline, tables)}")
        for key, pair in (("expected", b.expected), ("actual", b.actual)):
            if pair is not None:
                lines += [
                    f"    {key}:",
                    f"      value: {_figure(pair[0], tables)}",
                    f"      date: {pair[1]}",
                ]
        lines.append(f"    status: {b.status}")
        if b.sign_off:
            s = b.sign_off
            lines += [
                "    sign_off:",
                f"      partner: {s.partner}",
                f"      role: {yaml_scalar(s.role)}",
                f"      name: {yaml_scalar(s.name)}",
                f"      date: {s.date}",
                f"      evidence: {s.evidence}",
            ]
    return "\n".join(lines) + "\n"


def indicator_periods(spec: IndicatorSpec) -> list[str]:
    """The periods published for an indicator."""
    first, last = PERIOD_RANGES[spec.period_type]
    return period_range(spec.period_type, first, spec.last_period or last)


def build_indicator(
    spec: IndicatorSpec, areas: Sequence[Area]
) -> tuple[Table, tuple[str, Decimal], list[Target]]:
    """Simulate an indicator and set its baseline and targets."""
    table = simulate_indicator(spec, areas, indicator_periods(spec), CLUSTER_OF)
    if "district" in spec.computed:
        split_abolished(spec, table, areas)
    city: dict[str, Decimal] = {}
    for period, row in table.items():
        value = row[CITY].value
        if value is not None:
            city[period] = value
    baseline, targets = make_targets(spec, city)
    for district in spec.district_targets:
        area_base = table[baseline[0]][district].value
        if area_base is not None:
            targets += district_targets(spec, targets, baseline[1], area_base, district)
    return table, baseline, targets


def write_dataset(root: Path) -> dict[str, str]:
    """Write every generated file under `root`; return each indicator's latest status."""
    areas = brackenford_areas()
    files = {
        root / "site_config" / "partnership.yaml": render_partnership,
        root / "data" / "registers" / "partners.yaml": render_partners,
    }
    for path, render in files.items():
        write_text(path, render(path, root))
    path = root / "data" / "registers" / "areas.yaml"
    write_text(path, render_areas(path, root, areas))
    for outcome in OUTCOMES:
        path = root / "data" / "outcomes" / f"{outcome.id}.yaml"
        write_text(path, render_outcome(path, root, outcome))
    statuses: dict[str, str] = {}
    tables: dict[str, Table] = {}
    rows = 0
    for spec in INDICATORS:
        table, baseline, targets = build_indicator(spec, areas)
        tables[spec.id] = table
        folder = root / "data" / "partners" / spec.partner / "indicators"
        path = folder / f"{spec.id}.yaml"
        write_text(path, render_indicator(path, root, spec, baseline, targets))
        text = render_csv(spec, table, simulate_breakdowns(spec, table, areas), areas)
        write_text(folder / f"{spec.id}.csv", text)
        rows += text.count("\n") - 1
        statuses[spec.id] = _latest_status(spec, table, targets)
    for fw in FRAMEWORKS:
        path = root / "data" / "partners" / fw.partner / "framework.yaml"
        write_text(path, render_framework(path, root, fw))
    for partner in dict.fromkeys(line[0] for line in BUDGET_LINES):
        path = root / "data" / "partners" / partner / "budgets.yaml"
        write_text(path, render_budgets(path, root, partner))
    for partner in dict.fromkeys(b.partner for b in BENEFITS):
        path = root / "data" / "partners" / partner / "benefits.yaml"
        write_text(path, render_benefits(path, root, partner, tables))
    LOG.info(
        "wrote %d outcomes and %d indicators (%d observation rows) under %s",
        len(OUTCOMES),
        len(INDICATORS),
        rows,
        root,
    )
    return statuses


def _latest_status(spec: IndicatorSpec, table: Table, targets: Sequence[Target]) -> str:
    latest = max(p for p, row in table.items() if row[CITY].value is not None)
    value = table[latest][CITY].value
    target = next((t for t in targets if t.period == latest and t.area is None), None)
    if target is None or value is None:
        return "none"
    return status_of(value, target, spec.higher_is_better)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Generate the Brackenford example data.")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the repository to write into (default: this script's repository)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every file written")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(message)s"
    )
    statuses = write_dataset(args.root.resolve())
    for spec in INDICATORS:
        if spec.intent and statuses[spec.id] != spec.intent:
            LOG.warning("%s: latest status is %s, not %s", spec.id, statuses[spec.id], spec.intent)
    counts = {s: list(statuses.values()).count(s) for s in ("on", "risk", "off", "none")}
    LOG.info("latest city-wide status: %s", counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
