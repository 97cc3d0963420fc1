"""The partnership's typed data model, built only from files that passed their schema."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from laa_publish.load.positions import YamlDocument

AREA_LEVELS = ("city", "county", "district", "neighbourhood", "school_cluster")
LEVEL_TITLES = {
    "city": "City-wide",
    "county": "County-wide",
    "district": "District",
    "neighbourhood": "Neighbourhood",
    "school_cluster": "School cluster",
}
OBSERVATION_STATUSES = ("final", "provisional", "not_available", "suppressed")


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme block that groups outcomes."""

    id: str
    title: str
    description: str


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
    valid_from: str
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


@dataclass(slots=True)
class Partnership:
    """Everything the site is built from, after loading and validation."""

    settings: Settings
    partners: dict[str, Partner]
    areas: dict[str, Area]
    outcomes: dict[str, Outcome]
    indicators: dict[str, Indicator]
    observations: dict[str, pd.DataFrame] = field(default_factory=dict)
    narratives: dict[str, str] = field(default_factory=dict)
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    home_intro: str | None = None

    def outcome_indicators(self, outcome_id: str) -> list[Indicator]:
        """The indicators that evidence one outcome, in id order."""
        return sorted(
            (i for i in self.indicators.values() if i.outcome == outcome_id), key=lambda i: i.id
        )

    def children(self, code: str) -> list[Area]:
        """Areas whose parent is `code`, by name."""
        return sorted(
            (a for a in self.areas.values() if a.parent == code), key=lambda a: (a.level, a.name)
        )
