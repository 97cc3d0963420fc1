"""Synthetic partnerships at benchmark sizes, with the same shape as the example data.

Three sizes are used by the benchmarks (see ``benchmarks/run.py``):

- ``example``: the shipped Brackenford data (the repository itself; nothing is generated);
- ``county``: one county, 12 districts, 150 neighbourhoods and 60 school clusters;
  60 outcomes and 300 indicators with 10 years of quarterly data (about 2 million
  observation rows and about 600 pages);
- ``national``: every ward in ``../shared/realdata/ons_ward_lad_cty_2019.csv`` (8,887
  wards in 382 local authority districts, 34 of them in counties) with the whole United
  Kingdom as the root area, and 50 indicators over 10 financial years.

Every partnership written here passes ``laa-publish validate`` (warnings aside): the
registers, outcomes with narratives, indicators with baselines and targets, breakdowns,
school clusters, frameworks, pooled budgets, the benefits register and made-up boundaries
(``tools/example/shapes.py``) for the place, its districts and neighbourhoods.

Values are believable: each indicator has a level, a trend, an extra trend from the start
of the agreement, a COVID-19 dip or spike, seasonality (quarterly data), a deprivation
gradient, a persistent local effect and noise on a link scale (logit for percentages, log
for rates and counts). Counts are drawn (binomial or Poisson) from each neighbourhood's
own denominator, and districts and the root area are exact sums of their parts, so rates
recomputed from numerators and denominators agree at every level, as in the example.

Everything is vectorised with numpy, and each CSV is written by pandas, so the county's
two million rows take seconds. The output is deterministic for a given seed.

Usage::

    python -m benchmarks.synth county --out /tmp/laa-county
    python -m benchmarks.synth national --out /tmp/laa-national

from the repository root (``benchmarks`` and ``tools`` are packages there).

The output folder must not be inside the repository; by default a new temporary folder
is made and its path is logged.
"""

from __future__ import annotations

import argparse
import csv
import logging
import math
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from laa_publish.geo.budget import BOUNDARIES_FILE
from laa_publish.geo.geojson_text import feature_collection_text
from laa_publish.model.periods import PERIOD_TYPES
from tools import example as gx
from tools.example.brackenford import DIMENSIONS
from tools.example.shapes import synthetic_tiling

LOG = logging.getLogger("synth")
REPO = Path(__file__).resolve().parent.parent
REALDATA = REPO.parent / "shared" / "realdata" / "ons_ward_lad_cty_2019.csv"
SIZES = ("county", "national")
SEED = 20260401
REFERENCE_YEAR = 2019.5
VALID_FROM = "2009-04-01"
# where each size's made-up boundaries lie, (longitude, latitude), and how far across in km
BOUNDARY_FRAMES = {"county": ((-0.9, 52.3), 60.0), "national": ((-3.0, 53.5), 400.0)}


# --------------------------------------------------------------------------------------------
# Sizes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    """The shape of one synthetic partnership."""

    name: str
    place: str
    place_name: str
    place_level: str
    period_type: str
    periods: tuple[str, str]
    baseline_period: str
    target_periods: tuple[str, str]
    agreement: tuple[str, str]
    budget_years: tuple[str, ...]
    outcomes_per_theme: tuple[int, int, int, int]
    indicators_per_outcome: int
    partners: tuple[tuple[str, str, str, str], ...]  # id, name, short name, type
    slug: str


COUNTY = Size(
    name="county",
    place="E10000099",
    place_name="Wealdshire",
    place_level="county",
    period_type="quarter",
    periods=("2016-Q3", "2026-Q2"),
    baseline_period="2023-Q1",
    target_periods=("2025-Q1", "2026-Q4"),
    agreement=("2023-04-01", "2027-03-31"),
    budget_years=("2023-24", "2024-25", "2025-26", "2026-27"),
    outcomes_per_theme=(15, 15, 15, 15),
    indicators_per_outcome=5,
    partners=(
        ("county-council", "Wealdshire County Council", "County Council", "council"),
        ("district-councils", "Wealdshire District Councils", "District Councils", "council"),
        ("police", "Wealdshire Constabulary", "Police", "police"),
        ("icb", "Wealdshire Integrated Care Board", "ICB", "health"),
        ("public-health", "Wealdshire Public Health", "Public Health", "health"),
        ("fire", "Wealdshire Fire and Rescue Service", "Fire and Rescue", "fire"),
        ("schools", "Wealdshire Schools Forum", "Schools", "education"),
        ("probation", "Wealdshire Probation Delivery Unit", "Probation", "probation"),
        ("housing", "Wealdshire Housing Partnership", "Housing", "housing"),
        ("vcs", "Wealdshire Community Action", "Community Action", "voluntary"),
    ),
    slug="wealdshire",
)

NATIONAL = Size(
    name="national",
    place="K02000001",
    place_name="United Kingdom",
    place_level="county",
    period_type="financial_year",
    periods=("2015-16", "2024-25"),
    baseline_period="2021-22",
    target_periods=("2023-24", "2026-27"),
    agreement=("2022-04-01", "2027-03-31"),
    budget_years=("2022-23", "2023-24", "2024-25", "2025-26", "2026-27"),
    outcomes_per_theme=(3, 3, 2, 2),
    indicators_per_outcome=5,
    partners=(
        ("ons", "Office for National Statistics", "ONS", "other"),
        ("dhsc", "Department of Health and Social Care", "DHSC", "health"),
        ("home-office", "Home Office", "Home Office", "police"),
        ("dfe", "Department for Education", "DfE", "education"),
        ("dwp", "Department for Work and Pensions", "DWP", "employment"),
        ("mhclg", "Ministry of Housing, Communities and Local Government", "MHCLG", "council"),
    ),
    slug="national",
)

THEMES = (
    ("children-young-people", "Children and young people", "CYP"),
    ("safer-stronger", "Safer and stronger communities", "SSC"),
    ("healthier-older", "Healthier communities and older people", "HCOP"),
    ("economic", "Economic development and enterprise", "EDE"),
)


# --------------------------------------------------------------------------------------------
# Indicator templates: what a measure is, and how its values behave
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A kind of indicator: words, unit and the model's parameters.

    ``kind`` is ``percent`` (binomial numerator of a denominator), ``rate`` (Poisson
    numerator per ``rate_per`` of a population, per period), ``count`` (Poisson count that
    adds up) or ``score`` (a survey score that cannot be combined: values with intervals).
    ``level`` is the place's value in mid-2019, ``share`` the denominator's share of the
    population, ``gradient`` the deprivation effect on the link scale.
    """

    title: str
    kind: str
    polarity: str
    level: float
    share: float = 1.0
    rate_per: int = 1000
    decimals: int = 1
    gradient: float = 0.2
    trend: float = 0.0
    covid: float = 0.0
    season: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    unit_words: str = "people"


T = Template
TEMPLATES: dict[str, tuple[Template, ...]] = {
    "children-young-people": (
        T("Children in low-income families", "percent", "lower_is_better", 18.0, 0.185,
          gradient=0.45, trend=-0.01, unit_words="children"),
        T("Good level of development at age five", "percent", "higher_is_better", 70.0, 0.012,
          gradient=-0.25, trend=0.01, covid=-0.15, unit_words="children"),
        T("Young people not in education, employment or training", "percent",
          "lower_is_better", 5.5, 0.023, gradient=0.4, trend=-0.02, unit_words="young people"),
        T("First-time entrants to the youth justice system", "rate", "lower_is_better", 0.45,
          0.095, rate_per=1000, decimals=2, gradient=0.5, trend=-0.05, unit_words="young people"),
        T("Children in need referrals", "rate", "lower_is_better", 110.0, 0.185,
          rate_per=10000, gradient=0.45, trend=0.01, season=(0.05, -0.02, -0.08, 0.05)),
        T("Obese children in Year 6", "percent", "lower_is_better", 20.5, 0.0116,
          gradient=0.35, trend=0.01, covid=0.12, unit_words="children"),
        T("Persistent absence from secondary school", "percent", "lower_is_better", 13.0, 0.06,
          gradient=0.45, trend=0.05, covid=0.25, season=(0.1, -0.05, -0.1, 0.05)),
        T("Under-18 conceptions", "count", "lower_is_better", 0.35, 0.0175,
          decimals=0, gradient=0.6, trend=-0.06, unit_words="conceptions"),
    ),
    "safer-stronger": (
        T("Serious violent crime", "rate", "lower_is_better", 0.3, 1.0, rate_per=1000,
          decimals=2, gradient=0.55, trend=0.03, covid=-0.2, season=(-0.05, 0.08, 0.1, -0.08)),
        T("Assault with injury", "rate", "lower_is_better", 2.3, 1.0, rate_per=1000,
          decimals=2, gradient=0.5, trend=-0.01, covid=-0.3, season=(-0.08, 0.06, 0.1, -0.06)),
        T("Residents who feel safe after dark", "score", "higher_is_better", 62.0,
          gradient=-2.5, trend=0.2),
        T("Accidental dwelling fires", "count", "lower_is_better", 0.6, 1.0, decimals=0,
          gradient=0.3, trend=-0.03, season=(0.1, -0.05, -0.1, 0.08), unit_words="fires"),
        T("Anti-social behaviour incidents", "rate", "lower_is_better", 7.5, 1.0,
          rate_per=1000, gradient=0.5, trend=-0.03, covid=0.4, season=(-0.1, 0.1, 0.12, -0.1)),
        T("Repeat domestic abuse cases", "percent", "lower_is_better", 28.0, 0.0017,
          gradient=0.15, trend=0.0, unit_words="cases"),
        T("Proven reoffending by adults", "percent", "lower_is_better", 24.0, 0.004,
          gradient=0.25, trend=-0.01, unit_words="offenders"),
        T("People killed or seriously injured on roads", "count", "lower_is_better", 0.25, 1.0,
          decimals=0, gradient=0.0, trend=-0.02, covid=-0.25, unit_words="casualties"),
    ),
    "healthier-older": (
        T("Adults who smoke", "score", "lower_is_better", 13.5, gradient=1.6, trend=-0.35),
        T("Emergency admissions for falls, aged 65 and over", "rate", "lower_is_better", 560.0,
          0.175, rate_per=100000, decimals=0, gradient=0.2, trend=0.01,
          season=(0.08, -0.04, -0.06, 0.04)),
        T("Older people at home 91 days after discharge", "percent", "higher_is_better", 82.0,
          0.0023, gradient=-0.2, trend=0.01, unit_words="people"),
        T("Alcohol-related hospital admissions", "rate", "lower_is_better", 160.0, 1.0,
          rate_per=100000, decimals=0, gradient=0.45, trend=0.01, covid=0.1,
          season=(0.02, 0.0, 0.02, 0.06)),
        T("Households in fuel poverty", "percent", "lower_is_better", 12.5, 0.43, gradient=0.4,
          trend=0.02, unit_words="households"),
        T("Physically active adults", "percent", "higher_is_better", 66.0, 0.79,
          gradient=-0.2, trend=0.005, covid=-0.08),
        T("Successful completions of drug treatment", "percent", "higher_is_better", 6.5, 0.004,
          gradient=-0.1, trend=-0.01),
        T("Delayed transfers of care", "rate", "lower_is_better", 9.0, 0.79, rate_per=100000,
          decimals=1, gradient=0.0, trend=-0.02, season=(0.12, -0.05, -0.08, 0.06)),
    ),
    "economic": (
        T("Working-age people claiming out-of-work benefits", "percent", "lower_is_better", 3.1,
          0.63, gradient=0.6, trend=-0.02, covid=0.6),
        T("Employment rate of working-age people", "percent", "higher_is_better", 74.5, 0.63,
          gradient=-0.25, trend=0.01, covid=-0.05),
        T("New business registrations", "count", "higher_is_better", 1.2, 1.0, decimals=0,
          gradient=-0.15, trend=0.02, covid=-0.3, unit_words="businesses"),
        T("Household waste sent for reuse, recycling and composting", "percent",
          "higher_is_better", 44.0, 0.43, gradient=-0.15, trend=0.01,
          season=(-0.05, 0.06, 0.06, -0.05), unit_words="tonnes"),
        T("Adults qualified to Level 3 or above", "score", "higher_is_better", 55.0,
          gradient=-4.0, trend=0.6),
        T("Young people starting an apprenticeship", "rate", "higher_is_better", 7.0, 0.085,
          rate_per=1000, gradient=-0.1, trend=-0.01, covid=-0.35,
          season=(-0.15, 0.0, 0.25, -0.1), unit_words="young people"),
        T("Homes with full-fibre broadband", "percent", "higher_is_better", 12.0, 0.43,
          gradient=-0.05, trend=0.35, unit_words="homes"),
        T("Net additional homes", "count", "higher_is_better", 0.9, 1.0, decimals=0,
          gradient=-0.1, trend=0.02, covid=-0.2, unit_words="homes"),
    ),
}  # fmt: skip
QUALIFIERS = (
    "",
    " (under 18s)",
    " (aged 18 to 64)",
    " (aged 65 and over)",
    " (women and girls)",
    " (men and boys)",
    " (most deprived fifth)",
    " (rural areas)",
    " (urban areas)",
    " (new cases)",
    " (repeat cases)",
    " (rolling year)",
)
BREAKDOWN_GROUPS: dict[str, tuple[tuple[str, float, float], ...]] = {
    # dimension: (code, share of the denominator, relative rate)
    "sex": (("F", 0.51, 0.9), ("M", 0.49, 1.1)),
    "age_band": (
        ("0-15", 0.19, 0.7),
        ("16-24", 0.11, 1.4),
        ("25-49", 0.33, 1.2),
        ("50-64", 0.19, 0.9),
        ("65+", 0.18, 0.8),
    ),
    "ethnicity": (
        ("white", 0.80, 1.0),
        ("mixed", 0.03, 1.2),
        ("asian", 0.09, 0.9),
        ("black", 0.04, 1.3),
        ("other", 0.02, 1.0),
        ("not_known", 0.02, 1.0),
    ),
    "disability": (("disabled", 0.18, 1.6), ("not_disabled", 0.82, 0.87)),
}


@dataclass
class Indicator:
    """One synthetic indicator: its metadata and the choices that shape its CSV."""

    id: str
    title: str
    outcome: str
    partner: str
    template: Template
    contact: str
    levels: str = "all"  # "all" levels or "upper" (place and districts only)
    computed: bool = False  # leave district and place rows out, for laa-publish to roll up
    clusters: bool = False
    counties: bool = False
    breakdowns: tuple[str, ...] = ()
    intent: str | None = "on"
    district_targets: int = 0
    provisional: bool = False
    gap: str | None = None  # a period not collected below the place
    seed: int = 0

    @property
    def aggregation(self) -> str:
        """How figures combine across areas."""
        return {"percent": "rate", "rate": "rate", "count": "sum"}.get(self.template.kind, "none")

    @property
    def unit(self) -> str:
        """The unit written in the YAML."""
        kind = self.template.kind
        return {"percent": "percentage", "rate": "rate", "count": "count"}.get(kind, "score")

    @property
    def scale(self) -> float:
        """Multiplier from numerator / denominator to value."""
        return 100.0 if self.template.kind == "percent" else float(self.template.rate_per)


# --------------------------------------------------------------------------------------------
# Areas
# --------------------------------------------------------------------------------------------


@dataclass
class Geography:
    """The area register and the arrays the simulation needs."""

    place: str
    place_name: str
    place_level: str
    districts: list[tuple[str, str, str]]  # code, name, parent
    leaves: pd.DataFrame  # code, name, district (index into districts), population, deprivation
    clusters: list[tuple[str, str, list[int]]] = field(default_factory=list)  # code, name, leaves
    counties: list[tuple[str, str, list[int]]] = field(default_factory=list)  # code, name, leaves

    @property
    def district_index(self) -> np.ndarray:
        """For each leaf, the index of its district."""
        return self.leaves["district"].to_numpy()


_PLACE_WORDS = (
    "Ashby", "Bramley", "Cold", "Dunmore", "East", "Fair", "Great", "Hazel", "Kings",
    "Little", "Long", "Market", "New", "North", "Old", "Queens", "Red", "South", "Upper",
    "West", "White", "Wood",
)  # fmt: skip
_PLACE_ENDS = (
    "bridge", "brook", "bury", "combe", "cote", "field", "ford", "gate", "ham", "hill",
    "hurst", "leigh", "mead", "minster", "stead", "stoke", "thorpe", "ton", "well", "worth",
)  # fmt: skip


def _place_name(rng: np.random.Generator, used: set[str]) -> str:
    while True:
        first = _PLACE_WORDS[int(rng.integers(len(_PLACE_WORDS)))]
        end = _PLACE_ENDS[int(rng.integers(len(_PLACE_ENDS)))]
        name = f"{first}{end}" if rng.random() < 0.5 else f"{first} {end.capitalize()}"
        if name not in used:
            used.add(name)
            return name


def county_geography(seed: int = SEED) -> Geography:
    """Wealdshire: 12 districts of 12 or 13 neighbourhoods, and 60 school clusters."""
    rng = np.random.default_rng([seed, 1])
    used: set[str] = set()
    districts = [
        (f"E07000{901 + d}", f"{_place_name(rng, used)} District", COUNTY.place) for d in range(12)
    ]
    rows = []
    serial = 0
    for d in range(12):
        centre = 1.1 - 2.2 * d / 11 + float(rng.normal(0, 0.2))
        for _ in range(13 if d < 6 else 12):
            serial += 1
            rows.append(
                (
                    f"E05200{serial:03d}",
                    _place_name(rng, used),
                    d,
                    int(rng.integers(7000, 16000)),
                    round(centre + float(rng.normal(0.0, 0.35)), 2),
                )
            )
    leaves = pd.DataFrame(rows, columns=["code", "name", "district", "population", "deprivation"])
    clusters = []
    start = 0
    for c in range(60):
        size = 3 if c < 30 else 2  # 30 x 3 + 30 x 2 = 150 neighbourhoods
        members = list(range(start, start + size))
        start += size
        clusters.append((f"WLD-SC-{c + 1:02d}", f"{_place_name(rng, used)} Schools", members))
    return Geography(COUNTY.place, COUNTY.place_name, "county", districts, leaves, clusters)


def national_geography(path: Path = REALDATA, seed: int = SEED) -> Geography:
    """The UK from the ONS 2019 ward lookup: wards in districts, and counties beside them.

    The area model has three tree levels (place, district, neighbourhood), so counties
    are registered as county-level areas beside the tree, with figures of their own.
    """
    lookup = pd.read_csv(path, dtype=str, keep_default_na=False)
    lookup = lookup.sort_values(["LAD19CD", "WD19CD"]).reset_index(drop=True)
    lads = lookup.drop_duplicates("LAD19CD")[["LAD19CD", "LAD19NM"]].to_numpy().tolist()
    lad_index = {code: i for i, (code, _) in enumerate(lads)}
    rng = np.random.default_rng([seed, 2])
    lad_effect = rng.normal(0.0, 0.55, len(lads))
    n = len(lookup)
    district = lookup["LAD19CD"].map(lad_index).to_numpy()
    leaves = pd.DataFrame(
        {
            "code": lookup["WD19CD"],
            "name": lookup["WD19NM"],
            "district": district,
            "population": np.clip(rng.lognormal(np.log(6200), 0.45, n), 1200, 40000).astype(int),
            "deprivation": np.round(lad_effect[district] + rng.normal(0.0, 0.4, n), 2),
        }
    )
    counties = []
    with_county = lookup[lookup["CTY19CD"] != ""]
    for (code, name), rows in with_county.groupby(["CTY19CD", "CTY19NM"], sort=True):
        counties.append((str(code), str(name), rows.index.tolist()))
    return Geography(
        NATIONAL.place,
        NATIONAL.place_name,
        "county",
        [(code, name, NATIONAL.place) for code, name in lads],
        leaves,
        [],
        counties,
    )


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------


def periods_of(size: Size) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Period labels, their midpoints as decimal years, and their season (quarter) index."""
    labels = gx.period_range(size.period_type, *size.periods)
    mids = np.array([gx.period_midpoint(p, size.period_type) for p in labels])
    season = np.array([gx.season_index(p, size.period_type) or 0 for p in labels])
    return labels, mids, season


def covid_profile(labels: Sequence[str], period_type: str) -> np.ndarray:
    """The mean COVID-19 intensity in each period (0 to 1)."""
    return np.array(
        [
            np.mean(
                [gx.shock_intensity("covid", y, m) for y, m in gx.period_months(p, period_type)]
            )
            for p in labels
        ]
    )


# --------------------------------------------------------------------------------------------
# Simulation, vectorised over areas and periods
# --------------------------------------------------------------------------------------------


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


@dataclass
class Simulated:
    """One indicator's figures: rows of areas by periods, for each level."""

    numerator: dict[str, np.ndarray]  # level -> (areas, periods); empty for scores
    denominator: dict[str, np.ndarray]
    value: dict[str, np.ndarray]
    lower: dict[str, np.ndarray] = field(default_factory=dict)
    upper: dict[str, np.ndarray] = field(default_factory=dict)


def _sum_by(index: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    out = np.zeros((groups, values.shape[1]), dtype=values.dtype)
    np.add.at(out, index, values)
    return out


def simulate(
    ind: Indicator,
    geo: Geography,
    mids: np.ndarray,
    season: np.ndarray,
    covid: np.ndarray,
    per_year: int,
) -> Simulated:
    """Draw an indicator's neighbourhood figures and add them up to every level above."""
    t = ind.template
    rng = np.random.default_rng([SEED, zlib.crc32(ind.id.encode())])
    pop = geo.leaves["population"].to_numpy(dtype=float)
    dep = geo.leaves["deprivation"].to_numpy(dtype=float)
    n_leaves, n_periods = len(pop), len(mids)
    years = mids - REFERENCE_YEAR
    after = np.maximum(0.0, mids - 2023.25)
    drift = float(rng.normal(0.0, 0.01))
    time_effect = (t.trend + drift) * years + float(rng.normal(0, 0.02)) * after
    time_effect = time_effect + t.covid * covid + np.asarray(t.season)[season] * (per_year > 1)
    local = rng.normal(0.0, 0.1, n_leaves)
    districts = geo.district_index
    n_districts = len(geo.districts)
    if t.kind == "score":
        return _simulate_score(ind, geo, rng, years, dep, time_effect)
    growth = np.power(1.006, years)
    people = pop[:, None] * growth[None, :]
    noise = rng.normal(0.0, 0.04, (n_leaves, n_periods))
    eta = time_effect[None, :] + (t.gradient * dep + local)[:, None] + noise
    if t.kind == "percent":
        den = np.maximum(20, np.rint(people * t.share * np.exp(0.1 * dep)[:, None]))
        den = den.astype(np.int64)
        p = _expit(_logit(t.level / 100.0) + eta)
        num = rng.binomial(den, p)
    elif t.kind == "rate":
        den = np.maximum(20, np.rint(people * t.share)).astype(np.int64)
        mean = den * (t.level / t.rate_per) * np.exp(eta)
        if per_year == 1:
            mean = mean * 4.0  # annual rates cover four quarters
        num = rng.poisson(mean)
    else:  # count: events per 1,000 residents per quarter, summed
        mean = people / 1000.0 * t.level * np.exp(eta) * (4.0 if per_year == 1 else 1.0)
        num = rng.poisson(mean)
        den = np.zeros_like(num)
    numerator = {"neighbourhood": num}
    denominator = {"neighbourhood": den}
    numerator["district"] = _sum_by(districts, num, n_districts)
    denominator["district"] = _sum_by(districts, den, n_districts)
    numerator["place"] = num.sum(axis=0, keepdims=True)
    denominator["place"] = den.sum(axis=0, keepdims=True)
    if ind.clusters:
        index = np.full(n_leaves, -1)
        for c, (_, _, members) in enumerate(geo.clusters):
            index[members] = c
        keep = index >= 0
        numerator["school_cluster"] = _sum_by(index[keep], num[keep], len(geo.clusters))
        denominator["school_cluster"] = _sum_by(index[keep], den[keep], len(geo.clusters))
    if ind.counties and geo.counties:
        index = np.full(n_leaves, -1)
        for c, (_, _, members) in enumerate(geo.counties):
            index[members] = c
        keep = index >= 0
        numerator["county"] = _sum_by(index[keep], num[keep], len(geo.counties))
        denominator["county"] = _sum_by(index[keep], den[keep], len(geo.counties))
    values = {}
    for level, n in numerator.items():
        if t.kind == "count":
            values[level] = n.astype(float)
        else:
            d = denominator[level]
            values[level] = np.round(n / np.maximum(d, 1) * ind.scale, t.decimals)
    return Simulated(numerator, denominator, values)


def _simulate_score(
    ind: Indicator,
    geo: Geography,
    rng: np.random.Generator,
    years: np.ndarray,
    dep: np.ndarray,
    time_effect: np.ndarray,
) -> Simulated:
    """Survey scores: each area's own estimate with a 95% interval; nothing adds up."""
    t = ind.template
    n_districts = len(geo.districts)
    district_dep = _sum_by(geo.district_index, dep[:, None], n_districts)[:, 0] / np.maximum(
        1, np.bincount(geo.district_index, minlength=n_districts)
    )
    values: dict[str, np.ndarray] = {}
    lower: dict[str, np.ndarray] = {}
    upper: dict[str, np.ndarray] = {}
    levels = {"place": np.zeros(1), "district": district_dep}
    if ind.levels == "all":
        levels["neighbourhood"] = dep
    sample = {"place": 4000.0, "district": 4000.0 / n_districts * 1.5, "neighbourhood": 60.0}
    for level, depr in levels.items():
        true = t.level + t.gradient * depr[:, None] + 6.0 * time_effect[None, :]
        true = np.clip(true, 2.0, 98.0)
        se = np.sqrt(true * (100 - true) / sample[level])
        est = np.clip(true + rng.normal(0.0, 1.0, true.shape) * se, 0.5, 99.5)
        values[level] = np.round(est, t.decimals)
        lower[level] = np.round(np.clip(est - 1.96 * se, 0.0, None), t.decimals)
        upper[level] = np.round(np.clip(est + 1.96 * se, None, 100.0), t.decimals)
        lower[level] = np.minimum(lower[level], values[level])
        upper[level] = np.maximum(upper[level], values[level])
    del years
    return Simulated({}, {}, values, lower, upper)


def split_groups(
    rng: np.random.Generator,
    num: np.ndarray,
    den: np.ndarray,
    groups: Sequence[tuple[str, float, float]],
    kind: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Split flat numerators and denominators into groups that add up exactly.

    Denominators split by the groups' shares; numerators by share times relative rate, never
    above a group's denominator for percentages.
    """
    shares = np.array([g[1] for g in groups])
    shares = shares / shares.sum()
    rates = np.array([g[2] for g in groups])
    weights = shares * rates
    weights = weights / weights.sum()
    den_g = rng.multinomial(den, shares) if den.any() else np.zeros((len(den), len(groups)), int)
    num_g = rng.multinomial(num, weights)
    if kind == "percent":
        for _ in range(20):
            over = np.maximum(num_g - den_g, 0)
            if not over.any():
                break
            num_g -= over
            slack = den_g - num_g
            target = np.argmax(slack, axis=1)
            np.add.at(num_g, (np.arange(len(num_g)), target), over.sum(axis=1))
    return num_g, den_g


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def _area_codes(geo: Geography, level: str) -> list[str]:
    if level == "place":
        return [geo.place]
    if level == "district":
        return [d[0] for d in geo.districts]
    if level == "neighbourhood":
        return geo.leaves["code"].tolist()
    if level == "school_cluster":
        return [c[0] for c in geo.clusters]
    return [c[0] for c in geo.counties]


Block = dict[str, np.ndarray]
NUMBER_COLUMNS = ("value", "numerator", "denominator", "lower_ci", "upper_ci")


def _block(
    codes: Sequence[str],
    n_periods: int,
    value: np.ndarray,
    num: np.ndarray | None = None,
    den: np.ndarray | None = None,
    dims: dict[str, str] | None = None,
    lower: np.ndarray | None = None,
    upper: np.ndarray | None = None,
) -> Block:
    """Rows for areas x periods as flat columns (area-major), numbers as floats."""
    n_areas = value.shape[0]
    block: Block = {
        "ordinal": np.tile(np.arange(n_periods), n_areas),
        "area": np.repeat(np.asarray(codes, dtype=object), n_periods),
        "value": value.ravel().astype(float),
    }
    for dim, code in (dims or {}).items():
        block[dim] = np.full(n_areas * n_periods, code, dtype=object)
    if num is not None and den is not None:
        block["numerator"] = num.ravel().astype(float)
        block["denominator"] = den.ravel().astype(float)
    if lower is not None and upper is not None:
        block["lower_ci"] = lower.ravel().astype(float)
        block["upper_ci"] = upper.ravel().astype(float)
    return block


def _concat(blocks: Sequence[Block], columns: Sequence[str]) -> Block:
    """Stack blocks; a column a block lacks is empty text or NaN there."""
    out: Block = {}
    for col in columns:
        parts = []
        for b in blocks:
            n = len(b["ordinal"])
            if col in b:
                parts.append(b[col])
            elif col in NUMBER_COLUMNS:
                parts.append(np.full(n, np.nan))
            else:
                parts.append(np.full(n, "", dtype=object))
        out[col] = np.concatenate(parts)
    return out


def observations(
    ind: Indicator, sim: Simulated, geo: Geography, labels: Sequence[str]
) -> pd.DataFrame:
    """The indicator's CSV rows, sorted by period, area and breakdown, as text columns."""
    kind = ind.template.kind
    n_periods = len(labels)
    levels = ["place", "district"]
    if ind.levels == "all":
        levels.append("neighbourhood")
    if ind.clusters:
        levels.append("school_cluster")
    if ind.counties and geo.counties:
        levels.append("county")
    if ind.computed:
        levels = [lv for lv in levels if lv not in ("place", "district")]
    blocks = []
    for level in levels:
        codes = _area_codes(geo, level)
        if kind == "score":
            blocks.append(
                _block(
                    codes,
                    n_periods,
                    sim.value[level],
                    lower=sim.lower[level],
                    upper=sim.upper[level],
                )
            )
        elif kind == "count":
            blocks.append(_block(codes, n_periods, sim.value[level]))
        else:
            blocks.append(
                _block(
                    codes, n_periods, sim.value[level], sim.numerator[level], sim.denominator[level]
                )
            )
    if ind.breakdowns and kind != "score":
        blocks += _breakdown_blocks(ind, sim, geo, n_periods)
    numbers = {
        "percent": NUMBER_COLUMNS[:3],
        "rate": NUMBER_COLUMNS[:3],
        "count": ("value",),
        "score": ("value", "lower_ci", "upper_ci"),
    }[kind]
    columns = ["ordinal", "area", *ind.breakdowns, *numbers]
    rows = _concat(blocks, columns)
    n = len(rows["ordinal"])
    status = np.full(n, "final", dtype=object)
    note = np.full(n, "", dtype=object)
    empty = ~np.isfinite(rows["value"])
    status[empty] = "not_available"
    note[empty] = "No one in this group"
    if ind.provisional:
        status[rows["ordinal"] == n_periods - 1] = "provisional"
    if ind.gap is not None:
        gap = labels.index(ind.gap)
        below = (rows["ordinal"] == gap) & np.isin(rows["area"], _area_codes(geo, "neighbourhood"))
        status[below] = "not_available"
        note[below] = "Not collected while the recording system was replaced"
        for col in numbers:
            rows[col][below] = np.nan
    rank = np.zeros(n, dtype=np.int64)
    for d, dim in enumerate(ind.breakdowns):
        codes = [g[0] for g in BREAKDOWN_GROUPS[dim]]
        position = {code: (d + 1) * 100 + i for i, code in enumerate(codes)}
        rank += np.array([position.get(c, 0) for c in rows[dim]], dtype=np.int64)
    order = np.lexsort((rank, rows["area"].astype(str), rows["ordinal"]))
    d = ind.template.decimals
    out: dict[str, np.ndarray] = {
        "period": np.asarray(labels, dtype=object)[rows["ordinal"][order]],
        "area": rows["area"][order],
    }
    for dim in ind.breakdowns:
        out[dim] = rows[dim][order]
    for col in numbers:
        out[col] = fixed(rows[col][order], 0 if col in ("numerator", "denominator") else d)
    out["status"] = status[order]
    out["note"] = note[order]
    return pd.DataFrame(out)


def _breakdown_blocks(
    ind: Indicator, sim: Simulated, geo: Geography, n_periods: int
) -> list[Block]:
    """District rows split into groups, and place rows that are their exact sums."""
    rng = np.random.default_rng([SEED, zlib.crc32(ind.id.encode()), 7])
    blocks = []
    districts = _area_codes(geo, "district")
    kind = ind.template.kind
    for dim in ind.breakdowns:
        groups = BREAKDOWN_GROUPS[dim]
        num = sim.numerator["district"]
        den = sim.denominator["district"]
        num_g, den_g = split_groups(rng, num.ravel(), den.ravel(), groups, kind)
        shape = (*num.shape, len(groups))
        num_g, den_g = num_g.reshape(shape), den_g.reshape(shape)
        for g, (code, _, _) in enumerate(groups):
            for codes, n, d in (
                (districts, num_g[:, :, g], den_g[:, :, g]),
                (
                    [geo.place],
                    num_g[:, :, g].sum(0, keepdims=True),
                    den_g[:, :, g].sum(0, keepdims=True),
                ),
            ):
                if kind == "count":
                    blocks.append(_block(codes, n_periods, n.astype(float), dims={dim: code}))
                    continue
                value = np.round(n / np.maximum(d, 1) * ind.scale, ind.template.decimals)
                missing = d == 0
                value[missing] = np.nan
                n, d = n.astype(float), d.astype(float)
                n[missing] = np.nan
                d[missing] = np.nan
                blocks.append(_block(codes, n_periods, value, n, d, {dim: code}))
    return blocks


def fixed(values: np.ndarray, decimals: int) -> np.ndarray:
    """Numbers as text with fixed decimals, vectorised; missing values become empty cells.

    pandas' own ``float_format`` formats one cell at a time in Python, which costs more
    than everything else in this generator put together.
    """
    values = np.asarray(values, dtype=float)
    ok = np.isfinite(values)
    negative = ok & (values < 0)
    scaled = np.rint(np.abs(np.where(ok, values, 0.0)) * 10**decimals).astype(np.int64)
    text = (scaled // 10**decimals).astype(np.dtypes.StringDType())
    if decimals:
        fraction = (scaled % 10**decimals).astype(np.dtypes.StringDType())
        text = np.strings.add(np.strings.add(text, "."), np.strings.zfill(fraction, decimals))
    text = np.where(negative, np.strings.add("-", text), text)
    return np.where(ok, text, "").astype(object)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write the text columns as CSV with Unix line endings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


# --------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------


def _round(value: float, decimals: int) -> float:
    return float(np.round(value, decimals))


def targets_for(
    ind: Indicator, size: Size, labels: Sequence[str], place: np.ndarray
) -> tuple[tuple[str, float], list[tuple[str, float, float]]]:
    """The baseline and a straight-line trajectory giving the intended latest status."""
    d = ind.template.decimals
    base_i = labels.index(size.baseline_period)
    baseline = float(place[base_i])
    last = float(place[-1])
    tol = max(10.0**-d, _round(abs(baseline) * 0.03, d))
    if ind.intent is None:
        return (size.baseline_period, baseline), []
    sign = 1.0 if ind.template.polarity == "higher_is_better" else -1.0
    offsets = {"on": -0.5, "risk": 0.5, "off": 2.5}
    goal = last + sign * offsets[ind.intent] * tol
    per_year = 4 if size.period_type == "quarter" else 1
    first = gx.period_ordinal(size.target_periods[0], size.period_type)
    latest = gx.period_ordinal(labels[-1], size.period_type)
    base_o = gx.period_ordinal(size.baseline_period, size.period_type)
    out = []
    for period in gx.period_range(size.period_type, *size.target_periods):
        o = gx.period_ordinal(period, size.period_type)
        share = (o - base_o) / max(1, latest - base_o)
        value = baseline + (goal - baseline) * share
        if ind.template.kind == "percent" or ind.template.kind == "score":
            value = min(100.0, max(0.0, value))
        value = max(0.0, value)
        out.append((period, _round(value, d), tol))
    del first, per_year
    return (size.baseline_period, baseline), out


# --------------------------------------------------------------------------------------------
# Planning: outcomes, indicators, partners
# --------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Aisha", "Ben", "Chloe", "Dev", "Ellen", "Farid", "Grace", "Harry", "Imran", "Jess",
    "Kwame", "Laura", "Mohammed", "Nina", "Owen", "Priya", "Rhys", "Sara", "Tom", "Zara",
)  # fmt: skip
LAST_NAMES = (
    "Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Owusu", "Patel", "Roberts", "Shaw", "Turner",
    "Walsh",
)  # fmt: skip


@dataclass
class Outcome:
    """A shared outcome."""

    id: str
    title: str
    theme: str
    lead: str
    contributors: list[str]
    summary: str
    priority: int


@dataclass
class Plan:
    """Everything to write for one synthetic partnership."""

    size: Size
    geo: Geography
    outcomes: list[Outcome]
    indicators: list[Indicator]


OUTCOME_STEMS = {
    "children-young-people": (
        "Every child has a healthy start", "Children do well at school",
        "Young people move on to learning or work", "Fewer children grow up in poverty",
        "Children are safe from harm",
    ),
    "safer-stronger": (
        "Fewer people are hurt by violence", "Neighbourhoods feel safe",
        "Fewer homes and lives are lost to fire", "Less reoffending",
        "Communities get on well together",
    ),
    "healthier-older": (
        "People live longer, healthier lives", "Less harm from alcohol and drugs",
        "Older people live independently", "Warm, decent homes", "People are more active",
    ),
    "economic": (
        "More people in good jobs", "Businesses start and grow", "Skills employers need",
        "A cleaner, greener place", "Homes people can afford",
    ),
}  # fmt: skip
OUTCOME_PLACES = (
    "", " in the most deprived neighbourhoods", " in rural areas", " in market towns",
    " across the county", " for disabled people", " for carers", " for care leavers",
    " for older people", " for young adults", " for families", " in coastal towns",
    " for new arrivals", " in town centres", " for veterans",
)  # fmt: skip


def plan(size: Size, geo: Geography, seed: int = SEED) -> Plan:
    """Choose outcomes, indicators and their shapes, deterministically."""
    rng = np.random.default_rng([seed, 3])
    partner_ids = [p[0] for p in size.partners]
    outcomes: list[Outcome] = []
    indicators: list[Indicator] = []
    serial = 0
    for (theme, title, prefix), count in zip(THEMES, size.outcomes_per_theme, strict=True):
        stems = OUTCOME_STEMS[theme]
        for k in range(count):
            oid = f"{prefix}-{k + 1}"
            where = OUTCOME_PLACES[(k // len(stems)) % len(OUTCOME_PLACES)]
            lead = partner_ids[int(rng.integers(len(partner_ids)))]
            others = [p for p in partner_ids if p != lead]
            picks = rng.choice(len(others), size=min(3, len(others)), replace=False)
            outcome = Outcome(
                oid,
                stems[k % len(stems)] + where,
                theme,
                lead,
                sorted(others[int(i)] for i in picks),
                f"Part of the {title.lower()} theme of the {size.place_name} agreement.",
                k + 1,
            )
            outcomes.append(outcome)
            templates = TEMPLATES[theme]
            for j in range(size.indicators_per_outcome):
                serial += 1
                tpl = templates[(k * size.indicators_per_outcome + j) % len(templates)]
                qualifier = QUALIFIERS[(k * 7 + j * 3) % len(QUALIFIERS)]
                owner = (
                    lead if j == 0 else outcome.contributors[(j - 1) % len(outcome.contributors)]
                )
                indicators.append(
                    _indicator(size, rng, serial, prefix, outcome, owner, tpl, qualifier)
                )
    return Plan(size, geo, outcomes, indicators)


def _indicator(
    size: Size,
    rng: np.random.Generator,
    serial: int,
    prefix: str,
    outcome: Outcome,
    owner: str,
    tpl: Template,
    qualifier: str,
) -> Indicator:
    draw = float(rng.random())
    kind = tpl.kind
    ind = Indicator(
        id=f"LOC-{prefix}-{serial:03d}",
        title=tpl.title + qualifier,
        outcome=outcome.id,
        partner=owner,
        template=tpl,
        contact=f"{FIRST_NAMES[serial % 20]} {LAST_NAMES[(serial * 7) % 20]}",
        seed=serial,
    )
    ind.intent = ("on", "risk", "off", None)[int(rng.choice(4, p=[0.4, 0.2, 0.3, 0.1]))]
    ind.provisional = draw < 0.4
    if kind == "score":
        ind.levels = "all" if size.name == "county" and serial % 3 == 0 else "upper"
    elif size.name == "county":
        ind.computed = serial % 10 == 4
        ind.clusters = prefix == "CYP" and serial % 2 == 0
        if serial % 5 == 1:
            ind.breakdowns = (("sex",), ("age_band",), ("sex", "ethnicity"), ("disability",))[
                (serial // 5) % 4
            ]
        ind.district_targets = 2 if serial % 10 == 7 else 0
        ind.gap = "2020-Q2" if serial % 25 == 3 and not ind.computed else None
    else:
        ind.computed = serial % 10 == 4
        ind.counties = not ind.computed
        if serial % 5 == 1:
            ind.breakdowns = ("sex",)
    return ind


# --------------------------------------------------------------------------------------------
# YAML and Markdown
# --------------------------------------------------------------------------------------------


def _schema(path: Path, root: Path, name: str) -> str:
    return gx.schema_line(path, root, name)


def _email(name: str, partner: str, size: Size) -> str:
    local = ".".join(part.lower() for part in name.split())
    return f"{local}@{partner}.{size.slug}.example"


def render_partnership(path: Path, root: Path, size: Size) -> str:
    """site_config/partnership.yaml."""
    lines = [
        _schema(path, root, "partnership"),
        f"# A synthetic {size.name}-size partnership for the laa-publish benchmarks.",
        "",
        f"name: {size.place_name} Partnership",
        f"place: {size.place_name}",
        f"place_area: {size.place}",
        "",
        "agreement:",
        f"  title: {size.place_name} Local Area Agreement {size.agreement[0][:4]}–"
        f"{size.agreement[1][:4]}",
        f"  start: {size.agreement[0]}",
        f"  end: {size.agreement[1]}",
        "",
        f'core_team: "@{size.slug}-laa/core"',
        "contact:",
        f"  name: {size.place_name} Partnership core team",
        f"  email: laa@{size.slug}.example",
        "",
        f"site_url: https://{size.slug}-laa.example/",
        "",
        "themes:",
    ]
    for ident, title, _ in THEMES:
        lines += [f"  - id: {ident}", f"    title: {title}"]
        lines += gx.yaml_text(
            "description", f"What the partners do together for {title.lower()}.", 4
        )
    lines += ["", "dimensions:"]
    for ident, title, values in DIMENSIONS:
        lines += [f"  - id: {ident}", f"    title: {title}", "    values:"]
        for code, label, ranked in values:
            written = code if code.isdigit() else gx.yaml_scalar(code)
            lines += [f"      - code: {written}", f"        label: {gx.yaml_scalar(label)}"]
            if not ranked:  # as the example: shown, but never called best or worst
                lines.append("        ranked: false")
    lines += ["", "disclosure:", "  threshold: 5", "", "consistency_tolerance: 0.5"]
    return "\n".join(lines) + "\n"


def render_partners(path: Path, root: Path, size: Size) -> str:
    """data/registers/partners.yaml."""
    lines = [_schema(path, root, "partners"), "", "partners:"]
    for ident, name, short, kind in size.partners:
        lines += [
            f"  - id: {ident}",
            f"    name: {gx.yaml_scalar(name)}",
            f"    short_name: {gx.yaml_scalar(short)}",
            f"    type: {kind}",
            f'    team: "@{size.slug}-laa/{ident}"',
            f"    website: https://www.{ident}.{size.slug}.example",
        ]
    return "\n".join(lines) + "\n"


def render_areas(path: Path, root: Path, geo: Geography) -> str:
    """data/registers/areas.yaml."""

    def entry(code: str, name: str, level: str, parent: str | None, extra: str = "") -> list[str]:
        out = [f"  - code: {code}", f"    name: {gx.yaml_scalar(name)}", f"    level: {level}"]
        if parent:
            out.append(f"    parent: {parent}")
        if extra:
            out.append(extra)
        return [*out, f"    valid_from: {VALID_FROM}"]

    lines = [_schema(path, root, "areas"), "", "areas:"]
    lines += entry(geo.place, geo.place_name, geo.place_level, None)
    for code, name, _ in geo.counties:
        lines += entry(code, name, "county", None)
    for code, name, parent in geo.districts:
        lines += entry(code, name, "district", parent)
    district_codes = [d[0] for d in geo.districts]
    for code, name, d in geo.leaves[["code", "name", "district"]].itertuples(index=False):
        lines += entry(code, name, "neighbourhood", district_codes[d])
    leaf_district = geo.district_index
    for code, name, members in geo.clusters:
        spans = sorted({district_codes[leaf_district[m]] for m in members})
        extra = f"    overlaps: [{', '.join(spans)}]" if len(spans) > 1 else ""
        lines += entry(code, name, "school_cluster", geo.place, extra)
    return "\n".join(lines) + "\n"


def render_outcome(path: Path, root: Path, outcome: Outcome) -> str:
    """data/outcomes/<ID>.yaml."""
    lines = [
        _schema(path, root, "outcome"),
        "",
        f"id: {outcome.id}",
        *gx.yaml_text("title", outcome.title),
        f"theme: {outcome.theme}",
        f"priority: {outcome.priority}",
        "",
        f"lead_partner: {outcome.lead}",
        "contributing_partners:",
        *(f"  - {c}" for c in outcome.contributors),
        "",
        f"narrative: content/outcomes/{outcome.id}.md",
        *gx.yaml_text("summary", outcome.summary),
    ]
    return "\n".join(lines) + "\n"


def render_indicator(
    path: Path,
    root: Path,
    ind: Indicator,
    size: Size,
    baseline: tuple[str, float],
    targets: Sequence[tuple[str, float, float, str | None]],
) -> str:
    """data/partners/<partner>/indicators/<ID>.yaml."""
    t = ind.template
    d = t.decimals
    what = {
        "percent": "The percentage of",
        "rate": f"The rate per {t.rate_per:,} of",
        "count": "The number of",
        "score": "The survey estimate, in per cent, of",
    }[t.kind]
    lines = [
        _schema(path, root, "indicator"),
        "",
        f"id: {ind.id}",
        *gx.yaml_text("title", ind.title),
        f"outcome: {ind.outcome}",
        f"partner: {ind.partner}",
        "",
        *gx.yaml_text("definition", f"{what} {t.unit_words}: {ind.title.lower()}, per period."),
        *gx.yaml_text("source", f"Records held by the {ind.partner} partner, extracted monthly."),
        *gx.yaml_text(
            "methodology",
            "Numerators and denominators are counted for each neighbourhood and added up; "
            "rates for larger areas are recomputed from them.",
        ),
        *gx.yaml_text(
            "limitations", "Synthetic data for benchmarks: the figures describe no real place."
        ),
        "",
        "contact:",
        f"  name: {ind.contact}",
        f"  email: {_email(ind.contact, ind.partner, size)}",
        "",
        f"unit: {ind.unit}",
    ]
    if t.kind == "rate":
        lines.append(f"rate_per: {t.rate_per}")
    lines += [
        f"decimals: {d}",
        f"polarity: {t.polarity}",
        f"frequency: {gx.frequency(size.period_type)}",
        f"period_type: {size.period_type}",
        f"aggregation: {ind.aggregation}",
    ]
    if ind.breakdowns:
        lines.append(f"breakdowns: [{', '.join(ind.breakdowns)}]")
    lines += [
        "",
        "baseline:",
        f'  period: "{baseline[0]}"',
        f"  value: {baseline[1]:.{d}f}",
        "",
    ]
    if not targets:
        return "\n".join([*lines, "targets: []"]) + "\n"
    lines.append("targets:")
    for period, value, tolerance, area in targets:
        lines.append(f'  - period: "{period}"')
        if area:
            lines.append(f"    area: {area}")
        lines += [f"    value: {value:.{d}f}", f"    tolerance: {tolerance:.{d}f}"]
    return "\n".join(lines) + "\n"


def render_framework(path: Path, root: Path, partner: str, name: str, p: Plan) -> str:
    """data/partners/<partner>/framework.yaml: measures feeding its indicators and outcomes."""
    own = [i for i in p.indicators if i.partner == partner]
    lead = [o.id for o in p.outcomes if o.lead == partner]
    lines = [
        _schema(path, root, "framework"),
        "",
        f"partner: {partner}",
        f"framework: {gx.yaml_scalar(f'{name} Plan {p.size.agreement[0][:4]}–2028')}",
        f"url: https://www.{partner}.{p.size.slug}.example/plan",
        "",
        "measures:",
    ]
    if not own:
        lines += [
            f"  - code: {partner.upper().replace('-', '')[:6]}-1",
            "    name: Contribution to the shared outcomes",
            f"    outcomes: [{(lead or [p.outcomes[0].id])[0]}]",
        ]
    for k in range(0, len(own), 3):
        chunk = own[k : k + 3]
        code = f"{partner.upper().replace('-', '')[:6]}-{k // 3 + 1}"
        lines += [
            f"  - code: {code}",
            *gx.yaml_text("name", chunk[0].title, 4),
            f"    indicators: [{', '.join(i.id for i in chunk)}]",
        ]
        if lead and k // 3 < len(lead):
            lines.append(f"    outcomes: [{lead[k // 3]}]")
    return "\n".join(lines) + "\n"


def render_budgets(path: Path, root: Path, partner: str, p: Plan) -> str:
    """data/partners/<partner>/budgets.yaml: pooled, aligned and in-kind money by year."""
    lines = [_schema(path, root, "budgets"), "", f"partner: {partner}", "contributions:"]
    rng = np.random.default_rng([SEED, zlib.crc32(partner.encode()), 11])
    years = p.size.budget_years
    for o in p.outcomes:
        if partner != o.lead and partner not in o.contributors:
            continue
        base = float(rng.lognormal(np.log(400000 if partner == o.lead else 120000), 0.5))
        for y, year in enumerate(years):
            growth = 1.0 + 0.03 * y
            pooled = int(round(base * growth * 0.4, -3))
            aligned = int(round(base * growth * 0.5, -3))
            in_kind = int(round(base * growth * 0.1, -3))
            share = 0.45 if y == len(years) - 1 else 0.93 + 0.05 * float(rng.random())
            spent = int(round((pooled + aligned) * share, -1))
            lines += [
                f"  - outcome: {o.id}",
                f"    year: {year}",
                f"    pooled: {pooled}",
                f"    aligned: {aligned}",
                f"    in_kind: {in_kind}",
                f"    spent: {spent}",
            ]
    return "\n".join(lines) + "\n"


BENEFIT_TYPES = (
    "cashable_saving", "non_cashable_financial", "shared_skills", "shared_resources",
    "shared_knowledge", "influence_reach", "service_quality",
)  # fmt: skip
BENEFIT_STATUSES = ("identified", "tracking", "realised", "signed_off")


def render_benefits(path: Path, root: Path, partner: str, p: Plan) -> str:
    """data/partners/<partner>/benefits.yaml: a few benefits at every stage of the lifecycle."""
    lines = [_schema(path, root, "benefits"), "", f"partner: {partner}", "benefits:"]
    mine = [o for o in p.outcomes if o.lead == partner] or p.outcomes[:2]
    code = partner.upper().replace("-", "")
    for k, o in enumerate(mine[:8]):
        status = BENEFIT_STATUSES[k % 4]
        kind = BENEFIT_TYPES[k % len(BENEFIT_TYPES)]
        money = kind in ("cashable_saving", "non_cashable_financial")
        unit = "pounds" if money else ("hours" if k % 2 else "people")
        expected = 150000 + 25000 * k if money else 400 + 50 * k
        lines += [
            "",
            f"  - id: BEN-{code}-{k + 1:02d}",
            *gx.yaml_text("title", f"Joint working on {o.title.lower()}", 4),
            f"    outcome: {o.id}",
            f"    type: {kind}",
            *gx.yaml_text(
                "description", "Partners share staff, premises and data to deliver it once.", 4
            ),
            "    measure:",
            "      description: Gain a year from joint working",
            f"      unit: {unit}",
            "    baseline: 0",
            "    expected:",
            f"      value: {expected}",
            "      date: 2026-03-31",
        ]
        if status in ("realised", "signed_off"):
            lines += [
                "    actual:",
                f"      value: {int(expected * 1.08)}",
                "      date: 2025-03-31",
            ]
        lines.append(f"    status: {status}")
        if status == "signed_off":
            lines += [
                "    sign_off:",
                f"      partner: {partner}",
                "      role: Section 151 Officer",
                "      date: 2025-06-30",
                f"      evidence: https://www.{partner}.{p.size.slug}.example/minutes/2025-06-30",
            ]
    return "\n".join(lines) + "\n"


def render_narrative(outcome: Outcome, lines_by_indicator: list[str]) -> str:
    """content/outcomes/<ID>.md: what the data shows and the story behind the curve."""
    return (
        "## What the data shows\n\n"
        + "\n".join(lines_by_indicator)
        + "\n\n## The story behind the curve\n\n"
        + f"The partners leading on {outcome.title.lower()} meet each quarter to review these "
        "figures. Progress is uneven between districts, and the most deprived neighbourhoods "
        "still have the furthest to go.\n\n## What happens next\n\n"
        "The partners will review the targets at the mid-point of the agreement.\n"
    )


# --------------------------------------------------------------------------------------------
# Writing everything
# --------------------------------------------------------------------------------------------


@dataclass
class Summary:
    """What was written."""

    root: Path
    size: str
    indicators: int
    outcomes: int
    areas: int
    rows: int
    csv_bytes: int
    yaml_bytes: int
    seconds: float


def render_boundaries(size: Size, geo: Geography, seed: int = SEED) -> str:
    """data/registers/boundaries.geojson: made-up shapes in a made-up spot, as the importer writes.

    National districts are laid out county by county, so that each county beside the tree,
    drawn as the union of its districts, is mostly one piece.
    """
    county_of = {
        int(geo.district_index[m]): c for c, (_, _, ms) in enumerate(geo.counties) for m in ms
    }
    wards: dict[int, list[tuple[str, str]]] = {}
    for code, name, d in geo.leaves[["code", "name", "district"]].itertuples(index=False):
        wards.setdefault(int(d), []).append((str(code), str(name)))
    order = sorted(wards, key=lambda d: (county_of.get(d, len(geo.counties)), d))
    districts = [(geo.districts[d][0], geo.districts[d][1], wards[d]) for d in order]
    centre, size_km = BOUNDARY_FRAMES[size.name]
    features = synthetic_tiling((geo.place, geo.place_name), districts, centre, size_km, seed)
    drawn = {code: shape for code, _, shape in features}
    for code, name, members in geo.counties:
        parts = [
            drawn[geo.districts[d][0]]
            for d in sorted({int(geo.district_index[m]) for m in members})
        ]
        features.append(
            (code, name, shapely.orient_polygons(shapely.union_all(parts), exterior_cw=False))
        )
    return feature_collection_text(features)


def write_partnership(size: Size, root: Path, seed: int = SEED) -> Summary:
    """Generate the whole partnership under `root`."""
    start = time.perf_counter()
    geo = county_geography(seed) if size.name == "county" else national_geography(seed=seed)
    p = plan(size, geo, seed)
    labels, mids, season = periods_of(size)
    covid = covid_profile(labels, size.period_type)
    per_year = PERIOD_TYPES[size.period_type].per_year
    yaml_bytes = csv_bytes = rows = 0

    def put(rel: str, text: str) -> None:
        nonlocal yaml_bytes
        gx.write_text(root / rel, text)
        if rel.endswith(".yaml"):
            yaml_bytes += len(text.encode())

    put("mkdocs.yml", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    put("site_config/overrides/README.md", "Theme overrides for this partnership (none).\n")
    for rel, render in (
        ("site_config/partnership.yaml", render_partnership),
        ("data/registers/partners.yaml", render_partners),
    ):
        put(rel, render(root / rel, root, size))
    rel = "data/registers/areas.yaml"
    put(rel, render_areas(root / rel, root, geo))
    put(BOUNDARIES_FILE, render_boundaries(size, geo, seed))
    narrative: dict[str, list[str]] = {o.id: [] for o in p.outcomes}
    district_codes = [d[0] for d in geo.districts]
    for ind in p.indicators:
        sim = simulate(ind, geo, mids, season, covid, per_year)
        frame = observations(ind, sim, geo, labels)
        folder = root / "data" / "partners" / ind.partner / "indicators"
        write_csv(frame, folder / f"{ind.id}.csv")
        rows += len(frame)
        csv_bytes += (folder / f"{ind.id}.csv").stat().st_size
        place = sim.value["place"][0]
        baseline, targets = targets_for(ind, size, labels, place)
        full: list[tuple[str, float, float, str | None]] = [
            (pr, v, tol, None) for pr, v, tol in targets
        ]
        if ind.district_targets and targets:
            base_i = labels.index(size.baseline_period)
            for d in range(ind.district_targets):
                ratio = sim.value["district"][d, base_i] / max(place[base_i], 1e-9)
                full += [
                    (pr, _round(v * ratio, ind.template.decimals), tol, district_codes[d])
                    for pr, v, tol in targets
                ]
        rel = f"data/partners/{ind.partner}/indicators/{ind.id}.yaml"
        put(rel, render_indicator(root / rel, root, ind, size, baseline, full))
        d = ind.template.decimals
        narrative[ind.outcome].append(
            f"- **{ind.title}** was {place[-1]:.{d}f} in {labels[-1]}, against "
            f"{baseline[1]:.{d}f} at the baseline in {baseline[0]}."
        )
    for o in p.outcomes:
        rel = f"data/outcomes/{o.id}.yaml"
        put(rel, render_outcome(root / rel, root, o))
        put(f"content/outcomes/{o.id}.md", render_narrative(o, narrative[o.id]))
    for ident, name, _, _ in size.partners:
        rel = f"data/partners/{ident}/framework.yaml"
        put(rel, render_framework(root / rel, root, ident, name, p))
        for kind, render_own in (("budgets", render_budgets), ("benefits", render_benefits)):
            rel = f"data/partners/{ident}/{kind}.yaml"
            put(rel, render_own(root / rel, root, ident, p))
    put(
        "content/index.md",
        f"Welcome to the performance site of the **{size.place_name} Partnership**, a "
        f"synthetic {size.name}-size partnership generated for the laa-publish benchmarks: "
        f"{len(p.outcomes)} shared outcomes and {len(p.indicators)} indicators.\n",
    )
    n_areas = 1 + len(geo.counties) + len(geo.districts) + len(geo.leaves) + len(geo.clusters)
    summary = Summary(
        root,
        size.name,
        len(p.indicators),
        len(p.outcomes),
        n_areas,
        rows,
        csv_bytes,
        yaml_bytes,
        time.perf_counter() - start,
    )
    LOG.info(
        "%s: %d indicators, %d outcomes, %d areas, %d observation rows (%.0f MB CSV, %.1f MB "
        "YAML) in %.1f s under %s",
        size.name,
        summary.indicators,
        summary.outcomes,
        summary.areas,
        summary.rows,
        csv_bytes / 1e6,
        yaml_bytes / 1e6,
        summary.seconds,
        root,
    )
    return summary


def size_spec(name: str) -> Size:
    """The Size for a name."""
    return {"county": COUNTY, "national": NATIONAL}[name]


def prepare_output(out: Path | None, size: str, force: bool) -> Path:
    """A folder outside the repository, new or emptied of generated data."""
    if out is None:
        return Path(tempfile.mkdtemp(prefix=f"laa-synth-{size}-"))
    out = out.resolve()
    if out == REPO or REPO in out.parents:
        raise SystemExit(f"refusing to write into the repository: {out}")
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out} is not empty (use --force to replace generated data)")
        for name in ("data", "content", "site_config"):
            shutil.rmtree(out / name, ignore_errors=True)
        (out / "mkdocs.yml").unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", choices=SIZES)
    parser.add_argument("--out", type=Path, help="output folder (default: a new temp folder)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--force", action="store_true", help="replace data in a non-empty --out")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    root = prepare_output(args.out, args.size, args.force)
    write_partnership(size_spec(args.size), root, args.seed)
    sys.stdout.write(f"{root}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
