"""The model of one indicator: its levels, trends, shocks and population groups.

An indicator has a city-wide level in mid-2019 on a link scale (logit for percentages,
log for rates and counts), a yearly trend, an extra trend from the start of the agreement
(April 2023), shocks such as COVID-19, and seasonality. Each neighbourhood departs from
the city by a deprivation gradient and a persistent local effect.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tools.example.shocks import shock_intensity
from tools.example.tables import number, read_csv
from tools.example.timeline import decimal_year, period_months, season_index

SEED = 20230401
CITY = "E06000999"
# where the fictional city lies: inland in the English Midlands, for its synthetic boundaries
BRACKENFORD_CENTRE = (-1.95, 52.85)
REFERENCE_YEAR = 2019.5  # the model's levels describe mid-2019
AGREEMENT_START = 2023.25  # 1 April 2023, as a decimal year


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


# Population groups and caseloads (tables/groups.csv).
GROUPS: dict[str, Group] = {
    row["group"]: Group(number(row["per_person"]), number(row["dep_coef"]), row["kind"])
    for row in read_csv("groups.csv")
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


def deprivation_centre(wards: Sequence[Area]) -> float:
    """The population-weighted mean deprivation of some neighbourhoods."""
    weights = np.array([w.population for w in wards], dtype=float)
    return float(np.dot(weights, [w.deprivation for w in wards]) / weights.sum())


def local_effects(
    spec: IndicatorSpec, wards: Sequence[Area], rng: np.random.Generator
) -> dict[str, float]:
    """Each neighbourhood's persistent departure from the city, on the link scale."""
    centre = deprivation_centre(wards)
    draws = rng.normal(0.0, spec.model.ward_sd, len(wards))
    hot = dict(spec.model.hotspots)
    return {
        w.code: spec.model.gradient * (w.deprivation - centre) + float(d) + hot.get(w.code, 0.0)
        for w, d in zip(wards, draws, strict=True)
    }
