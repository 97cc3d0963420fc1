"""The partnership's typed data model, built only from files that passed their schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from laa_publish.load.positions import YamlDocument
from laa_publish.model.levels import DEFAULT_LEVELS, Levels
from laa_publish.model.releases import Release

OBSERVATION_STATUSES = ("final", "provisional", "not_available", "suppressed")


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme block that groups outcomes."""

    id: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class DimensionValue:
    """One allowed value of a breakdown dimension."""

    code: str
    label: str
    ranked: bool = True  # False for "Not known" and the like: never called best or worst


@dataclass(frozen=True, slots=True)
class Dimension:
    """A community of shared interest (age band, ethnicity…) that observations can break down by."""

    id: str
    title: str
    values: tuple[DimensionValue, ...]

    def label(self, code: str) -> str:
        """The display label of a value code."""
        return next((v.label for v in self.values if v.code == code), code)

    def ranked(self, code: str) -> bool:
        """Whether a value is a group that may be called best or worst."""
        return next((v.ranked for v in self.values if v.code == code), True)


DEFAULT_LICENCE = "the Open Government Licence v3.0"


@dataclass(frozen=True, slots=True)
class Settings:
    """Partnership-wide settings from site_config/partnership.yaml."""

    name: str
    place: str
    place_area: str
    agreement_title: str
    agreement_start: str
    agreement_end: str
    core_team: str
    contact_name: str
    contact_email: str
    themes: tuple[Theme, ...]
    site_url: str | None = None
    repository_url: str | None = None
    dimensions: tuple[Dimension, ...] = ()
    disclosure_threshold: int = 5
    consistency_tolerance: float = 0.5
    levels: Levels = DEFAULT_LEVELS
    licence: str = DEFAULT_LICENCE

    @property
    def disclosure_levels(self) -> tuple[str, ...]:
        """The levels whose counts disclosure control protects: the declared small areas."""
        return self.levels.small_areas

    def dimension(self, ident: str) -> Dimension | None:
        """A declared dimension by id."""
        return next((d for d in self.dimensions if d.id == ident), None)


@dataclass(frozen=True, slots=True)
class Partner:
    """An organisation in the partnership."""

    id: str
    name: str
    short_name: str
    type: str
    team: str
    website: str | None
    description: str | None


@dataclass(frozen=True, slots=True)
class Area:
    """A geography at one level of the hierarchy, with the dates it was valid."""

    code: str
    name: str
    level: str
    parent: str | None
    overlaps: tuple[str, ...]
    valid_from: str | None  # None where the register does not know when the area began
    valid_to: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """A shared outcome agreed by the partners."""

    id: str
    title: str
    theme: str
    lead_partner: str
    contributing_partners: tuple[str, ...]
    narrative: str
    summary: str
    priority: int
    source: str


@dataclass(frozen=True, slots=True)
class Target:
    """A target value for one period and area, with its tolerance."""

    period: str
    value: float
    tolerance: float
    area: str


@dataclass(frozen=True, slots=True)
class Baseline:
    """The value progress is measured from."""

    period: str
    value: float
    area: str


COMPARATOR_KINDS = {
    "national": "National",
    "region": "Region",
    "similar_areas": "Similar areas",
    "other": "Other",
}


@dataclass(frozen=True, slots=True)
class Comparator:
    """A place outside the partnership whose figures give the place's figures context."""

    id: str
    name: str
    kind: str
    source: str
    source_url: str | None
    retrieved: str

    @property
    def label(self) -> str:
        """The name as charts and tables show it, never mistaken for a partnership area."""
        return f"{self.name} (comparator, not part of the partnership)"


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator's metadata, baseline and targets."""

    id: str
    title: str
    national_indicator: str | None
    outcome: str
    partner: str
    definition: str
    source: str
    methodology: str
    limitations: str
    contact_name: str
    contact_email: str
    unit: str
    rate_per: int | None
    decimals: int
    polarity: str
    frequency: str
    period_type: str
    aggregation: str
    baseline: Baseline | None
    targets: tuple[Target, ...]
    data_path: str
    source_path: str
    breakdowns: tuple[str, ...] = ()
    comparators: tuple[Comparator, ...] = ()
    comparator_path: str | None = None  # the comparator file, when comparators are declared

    @property
    def judged(self) -> bool:
        """Whether one direction is better, so the indicator is called improving or on track."""
        return self.polarity != "none"

    @property
    def higher_is_better(self) -> bool:
        """True when a rising value is good news."""
        return self.polarity == "higher_is_better"

    @property
    def unit_label(self) -> str:
        """The unit as a reader would say it, e.g. 'rate per 1,000'."""
        if self.unit == "rate" and self.rate_per:
            return f"rate per {self.rate_per:,}"
        return {"percentage": "per cent (%)", "currency": "pounds (£)"}.get(self.unit, self.unit)


@dataclass(frozen=True, slots=True)
class Measure:
    """One measure of a partner's own performance framework, aligned to shared outcomes."""

    code: str
    name: str
    description: str | None
    outcomes: tuple[str, ...]
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Framework:
    """A partner's own performance framework (Police and Crime Plan, Council Plan…)."""

    partner: str
    name: str
    url: str | None
    measures: tuple[Measure, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Contribution:
    """One partner's money for one outcome in one financial year."""

    partner: str
    outcome: str
    year: str
    pooled: float
    aligned: float
    in_kind: float
    spent: float | None
    note: str | None
    source: str
    index: int

    @property
    def total(self) -> float:
        """Pooled, aligned and in-kind together: computed, never typed."""
        return self.pooled + self.aligned + self.in_kind


BENEFIT_TYPES = {
    "cashable_saving": "Cashable saving",
    "non_cashable_financial": "Non-cashable financial",
    "shared_skills": "Shared skills",
    "shared_resources": "Shared resources",
    "shared_knowledge": "Shared knowledge",
    "influence_reach": "Influence and reach",
    "service_quality": "Service quality",
}
BENEFIT_STATUSES = {
    "identified": "Identified",
    "tracking": "Tracking",
    "realised": "Realised",
    "signed_off": "Signed off",
}


@dataclass(frozen=True, slots=True)
class SignOff:
    """Who confirmed a realised benefit, when, and the evidence."""

    partner: str
    role: str
    name: str | None
    date: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Benefit:
    """An entry in the benefits-realisation register."""

    id: str
    title: str
    partner: str
    outcome: str
    description: str
    type: str
    measure_indicator: str | None
    measure_description: str | None
    unit: str
    baseline: float | None
    expected_value: float
    expected_date: str
    actual_value: float | None
    actual_date: str | None
    status: str
    sign_off: SignOff | None
    source: str
    index: int


@dataclass(slots=True)
class Partnership:
    """Everything the site is built from, after loading and validation."""

    settings: Settings
    partners: dict[str, Partner]
    areas: dict[str, Area]
    outcomes: dict[str, Outcome]
    indicators: dict[str, Indicator]
    observations: dict[str, pd.DataFrame] = field(default_factory=dict)
    # each indicator's comparator figures (comparator, period, ordinal, value, note, line):
    # kept apart from observations so they never reach statuses, ranks or roll-ups
    comparators: dict[str, pd.DataFrame] = field(default_factory=dict)
    # each indicator's totals of children by parent, found while checking the roll-up and
    # reused when rolling up, so the largest computation runs once
    child_totals: dict[str, pd.DataFrame] = field(default_factory=dict)
    # each checked table's key (validate.table_cache), which decides its observations and
    # child totals: the figures' cache keys use it instead of hashing them again
    observation_keys: dict[str, str] = field(default_factory=dict)
    narratives: dict[str, str] = field(default_factory=dict)
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    home_intro: str | None = None
    frameworks: dict[str, Framework] = field(default_factory=dict)
    contributions: list[Contribution] = field(default_factory=list)
    benefits: dict[str, Benefit] = field(default_factory=dict)
    releases: list[Release] = field(default_factory=list)
    # each mapped area's boundary (a shapely Polygon or MultiPolygon, longitude and latitude),
    # empty when the place keeps no boundaries file
    boundaries: dict[str, Any] = field(default_factory=dict)
    # outcomes whose own file could not be read or failed its schema: that file carries the
    # error, so a reference to one of them is not reported a second time as unknown
    broken_outcomes: frozenset[str] = frozenset()
    # children of each area, indexed once: looking them up by scanning every area from every
    # area page would grow with the square of a national register
    _children: tuple[tuple[int, int], dict[str, list[Area]]] | None = field(
        default=None, repr=False, compare=False
    )

    def declares_outcome(self, ident: str) -> bool:
        """Whether an outcome is declared, even by a file with errors of its own."""
        return ident in self.outcomes or ident in self.broken_outcomes

    def outcome_indicators(self, outcome_id: str) -> list[Indicator]:
        """The indicators that evidence one outcome, in id order."""
        return sorted(
            (i for i in self.indicators.values() if i.outcome == outcome_id), key=lambda i: i.id
        )

    def outcomes_by_theme(self) -> list[tuple[Theme, list[Outcome]]]:
        """Each theme block in the settings' order, with its outcomes by priority then id."""
        return [
            (
                theme,
                sorted(
                    (o for o in self.outcomes.values() if o.theme == theme.id),
                    key=lambda o: (o.priority, o.id),
                ),
            )
            for theme in self.settings.themes
        ]

    def children(self, code: str) -> list[Area]:
        """Areas whose parent is `code`, by level then name."""
        key = (id(self.areas), len(self.areas))
        if self._children is None or self._children[0] != key:
            index: dict[str, list[Area]] = {}
            for area in self.areas.values():
                if area.parent is not None:
                    index.setdefault(area.parent, []).append(area)
            for kids in index.values():
                kids.sort(key=lambda a: (a.level, a.name))
            self._children = (key, index)
        return list(self._children[1].get(code, ()))


def all_people(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows without a breakdown: the figures for everyone in an area."""
    if "breakdown" not in frame.columns:
        return frame
    return frame[frame["breakdown"] == ""]
