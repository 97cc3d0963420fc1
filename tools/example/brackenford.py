"""The Brackenford tables: partners, outcomes, indicators, frameworks, budgets and benefits.

Each is read from its data file in ``tables/`` (see ``tables/README.md``) into frozen
records, so that the renderers and the simulation never see raw YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tools.example.model import Breakdown, IndicatorSpec, Model
from tools.example.tables import number, read_csv, read_yaml


@dataclass(frozen=True)
class Partner:
    """One partner organisation."""

    id: str
    name: str
    short_name: str
    type: str
    domain: str
    description: str


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


def _model(fields: dict[str, Any]) -> Model:
    """A Model from its YAML mapping: shocks and hotspots are name -> size mappings."""
    return Model(
        **{
            **fields,
            "shocks": tuple(fields.get("shocks", {}).items()),
            "hotspots": tuple(fields.get("hotspots", {}).items()),
            "season": tuple(fields.get("season", ())),
            "steps": tuple((when, shift) for when, shift in fields.get("steps", ())),
        }
    )


def _indicator(fields: dict[str, Any]) -> IndicatorSpec:
    """An IndicatorSpec from its YAML mapping (fields as in tables/README.md)."""
    tuples = ("district_targets", "provisional", "computed")
    return IndicatorSpec(
        **{
            **fields,
            **{key: tuple(fields[key]) for key in tuples if key in fields},
            "model": _model(fields["model"]),
            "unavailable": tuple(
                (r["period"], r["scope"], r["note"]) for r in fields.get("unavailable", ())
            ),
            "coverage": tuple(fields.get("coverage", {}).items()),
            "notes": tuple((r["period"], r["area"], r["note"]) for r in fields.get("notes", ())),
            "breakdowns": tuple(
                Breakdown(
                    b["dimension"],
                    tuple(tuple(group) for group in b["groups"]),
                    b.get("levels", "city"),
                )
                for b in fields.get("breakdowns", ())
            ),
        }
    )


def _figure(value: Any) -> Figure:
    """A number, or an {indicator, period} mapping read from the generated figures."""
    if isinstance(value, dict):
        return (value["indicator"], value["period"])
    return value


def _dated(pair: dict[str, Any] | None) -> tuple[Figure, str] | None:
    return None if pair is None else (_figure(pair["value"]), pair["date"])


def _benefit(fields: dict[str, Any]) -> BenefitSpec:
    expected = _dated(fields["expected"])
    assert expected is not None
    sign_off = fields.get("sign_off")
    return BenefitSpec(
        **{
            **fields,
            "expected": expected,
            "baseline": None if "baseline" not in fields else _figure(fields["baseline"]),
            "actual": _dated(fields.get("actual")),
            "sign_off": SignOff(**sign_off) if sign_off else None,
        }
    )


_PARTNERSHIP = read_yaml("partnership.yaml")
PARTNERSHIP: dict[str, str] = _PARTNERSHIP["partnership"]
DISCLOSURE_THRESHOLD: int = _PARTNERSHIP["disclosure_threshold"]
CONSISTENCY_TOLERANCE: float = _PARTNERSHIP["consistency_tolerance"]
LEVELS: list[dict[str, object]] = _PARTNERSHIP["levels"]
THEMES: tuple[tuple[str, str, str], ...] = tuple(
    (t["id"], t["title"], t["description"]) for t in _PARTNERSHIP["themes"]
)
# Breakdown dimensions: (id, title, ((code, label, ranked), ...)). Codes are what the CSVs
# carry; a value that is not ranked (Not known) is never called the best or worst group.
DIMENSIONS: tuple[tuple[str, str, tuple[tuple[str, str, bool], ...]], ...] = tuple(
    (d["id"], d["title"], tuple((v[0], v[1], v[2] if len(v) > 2 else True) for v in d["values"]))
    for d in _PARTNERSHIP["dimensions"]
)

PARTNERS: tuple[Partner, ...] = tuple(Partner(**p) for p in read_yaml("partners.yaml")["partners"])
OUTCOMES: tuple[Outcome, ...] = tuple(
    Outcome(**{**o, "contributors": tuple(o["contributors"])})
    for o in read_yaml("outcomes.yaml")["outcomes"]
)
INDICATORS: tuple[IndicatorSpec, ...] = tuple(
    _indicator(i) for i in read_yaml("indicators.yaml")["indicators"]
)
FRAMEWORKS: tuple[Framework, ...] = tuple(
    Framework(
        fw["partner"],
        fw["name"],
        fw["path"],
        tuple(
            Measure(
                **{
                    **m,
                    "outcomes": tuple(m.get("outcomes", ())),
                    "indicators": tuple(m.get("indicators", ())),
                }
            )
            for m in fw["measures"]
        ),
    )
    for fw in read_yaml("frameworks.yaml")["frameworks"]
)

# Budget contributions for 2023-24, in pounds (tables/budget_lines.csv). Later years
# follow BUDGET_GROWTH with a small, fixed wobble per line.
_BUDGETS = read_yaml("budgets.yaml")
BUDGET_GROWTH: dict[str, float] = _BUDGETS["growth"]
BUDGET_YEARS: tuple[str, ...] = tuple(BUDGET_GROWTH)
SPENT_TO_DATE: str = _BUDGETS["spent_to_date"]
BUDGET_LINES: tuple[tuple[str, str, int, int, int, str], ...] = tuple(
    (
        row["partner"],
        row["outcome"],
        int(number(row["pooled"])),
        int(number(row["aligned"])),
        int(number(row["in_kind"])),
        row["note"],
    )
    for row in read_csv("budget_lines.csv")
)

BENEFITS: tuple[BenefitSpec, ...] = tuple(
    _benefit(b) for b in read_yaml("benefits.yaml")["benefits"]
)


def partner_of(partner_id: str) -> Partner:
    """The partner with this id."""
    return next(p for p in PARTNERS if p.id == partner_id)


def email_for(name: str, partner_id: str) -> str:
    """first.last@domain for a contact at a partner."""
    local = ".".join(part.lower().replace("'", "") for part in name.split())
    return f"{local}@{partner_of(partner_id).domain}"
