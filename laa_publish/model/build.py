"""Turn schema-valid documents into typed model objects; invalid documents are left out."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from laa_publish.load.positions import YamlDocument
from laa_publish.model.entities import (
    DEFAULT_LICENCE,
    Area,
    Baseline,
    Benefit,
    Comparator,
    Contribution,
    Dimension,
    DimensionValue,
    Framework,
    Indicator,
    Measure,
    Outcome,
    Partner,
    Settings,
    SignOff,
    Target,
    Theme,
)
from laa_publish.model.levels import build_levels
from laa_publish.model.periods import normalise_period


def build_settings(data: dict[str, Any]) -> Settings:
    """Settings from a schema-valid partnership.yaml."""
    agreement = data["agreement"]
    return Settings(
        name=data["name"],
        place=data["place"],
        place_area=data["place_area"],
        agreement_title=agreement["title"],
        agreement_start=agreement["start"],
        agreement_end=agreement["end"],
        core_team=data["core_team"],
        contact_name=data["contact"]["name"],
        contact_email=data["contact"]["email"],
        themes=tuple(Theme(t["id"], t["title"], t.get("description", "")) for t in data["themes"]),
        site_url=data.get("site_url"),
        repository_url=data.get("repository_url"),
        dimensions=tuple(
            Dimension(
                d["id"],
                d["title"],
                tuple(
                    DimensionValue(str(v["code"]), v["label"], bool(v.get("ranked", True)))
                    for v in d["values"]
                ),
            )
            for d in data.get("dimensions", ())
        ),
        disclosure_threshold=int(data.get("disclosure", {}).get("threshold", 5)),
        consistency_tolerance=float(data.get("consistency_tolerance", 0.5)),
        levels=build_levels(data.get("levels")),
        licence=data.get("licence", DEFAULT_LICENCE),
    )


def build_partners(data: dict[str, Any]) -> dict[str, Partner]:
    """Partners by id; the first of any duplicate id wins (duplicates are reported)."""
    partners: dict[str, Partner] = {}
    for p in data["partners"]:
        partners.setdefault(
            p["id"],
            Partner(
                id=p["id"],
                name=p["name"],
                short_name=p.get("short_name", p["name"]),
                type=p["type"],
                team=p["team"],
                website=p.get("website"),
                description=p.get("description"),
            ),
        )
    return partners


def build_areas(data: dict[str, Any]) -> dict[str, Area]:
    """Areas by code; the first of any duplicate code wins (duplicates are reported)."""
    areas: dict[str, Area] = {}
    for a in data["areas"]:
        areas.setdefault(
            a["code"],
            Area(
                code=a["code"],
                name=a["name"],
                level=a["level"],
                parent=a.get("parent"),
                overlaps=tuple(a.get("overlaps", ())),
                valid_from=a.get("valid_from"),
                valid_to=a.get("valid_to"),
            ),
        )
    return areas


def build_outcome(doc: YamlDocument) -> Outcome:
    """An outcome from its schema-valid document."""
    d = doc.data
    return Outcome(
        id=d["id"],
        title=d["title"],
        theme=d["theme"],
        lead_partner=d["lead_partner"],
        contributing_partners=tuple(d.get("contributing_partners", ())),
        narrative=d["narrative"],
        summary=d["summary"],
        priority=int(d.get("priority", 99)),
        source=doc.path,
    )


def build_indicator(doc: YamlDocument, place_area: str) -> Indicator:
    """An indicator from its schema-valid document, with defaults filled in."""
    d = doc.data
    folder = PurePosixPath(doc.path).parent
    baseline = d.get("baseline")
    return Indicator(
        id=d["id"],
        title=d["title"],
        national_indicator=d.get("national_indicator"),
        outcome=d["outcome"],
        partner=d["partner"],
        definition=d["definition"],
        source=d["source"],
        methodology=d["methodology"],
        limitations=d["limitations"],
        contact_name=d["contact"]["name"],
        contact_email=d["contact"]["email"],
        unit=d["unit"],
        rate_per=d.get("rate_per"),
        decimals=int(d["decimals"]),
        polarity=d["polarity"],
        frequency=d["frequency"],
        period_type=d["period_type"],
        aggregation=d["aggregation"],
        baseline=(
            Baseline(
                normalise_period(baseline["period"]),
                float(baseline["value"]),
                baseline.get("area", place_area),
            )
            if baseline
            else None
        ),
        targets=tuple(
            Target(
                normalise_period(t["period"]),
                float(t["value"]),
                float(t["tolerance"]),
                t.get("area", place_area),
            )
            for t in d.get("targets", ())
        ),
        data_path=str(folder / d.get("data", f"{d['id']}.csv")),
        source_path=doc.path,
        breakdowns=tuple(d.get("breakdowns", ())),
        comparators=tuple(
            Comparator(
                id=c["id"],
                name=c["name"],
                kind=c["kind"],
                source=c["source"],
                source_url=c.get("source_url"),
                retrieved=c["retrieved"],
            )
            for c in d.get("comparators", ())
        ),
        comparator_path=(
            str(folder / d.get("comparator_data", f"{d['id']}-comparators.csv"))
            if d.get("comparators")
            else None
        ),
    )


def build_framework(doc: YamlDocument) -> Framework:
    """A partner's framework from its schema-valid document."""
    d = doc.data
    return Framework(
        partner=d["partner"],
        name=d["framework"],
        url=d.get("url"),
        measures=tuple(
            Measure(
                code=m["code"],
                name=m["name"],
                description=m.get("description"),
                outcomes=tuple(m.get("outcomes", ())),
                indicators=tuple(m.get("indicators", ())),
            )
            for m in d["measures"]
        ),
        source=doc.path,
    )


def build_contributions(doc: YamlDocument) -> list[Contribution]:
    """A partner's budget contributions from its schema-valid document."""
    d = doc.data
    return [
        Contribution(
            partner=d["partner"],
            outcome=c["outcome"],
            year=c["year"],
            pooled=float(c.get("pooled", 0)),
            aligned=float(c.get("aligned", 0)),
            in_kind=float(c.get("in_kind", 0)),
            spent=float(c["spent"]) if "spent" in c else None,
            note=c.get("note"),
            source=doc.path,
            index=i,
        )
        for i, c in enumerate(d["contributions"])
    ]


def _dated(value: dict[str, Any] | None) -> tuple[float | None, str | None]:
    if not value:
        return None, None
    return float(value["value"]), str(value["date"])


def build_benefits(doc: YamlDocument) -> list[Benefit]:
    """A partner's benefits from its schema-valid document."""
    d = doc.data
    benefits = []
    for i, b in enumerate(d["benefits"]):
        expected_value, expected_date = _dated(b["expected"])
        actual_value, actual_date = _dated(b.get("actual"))
        s = b.get("sign_off")
        benefits.append(
            Benefit(
                id=b["id"],
                title=b["title"],
                partner=d["partner"],
                outcome=b["outcome"],
                description=b["description"],
                type=b["type"],
                measure_indicator=b["measure"].get("indicator"),
                measure_description=b["measure"].get("description"),
                unit=b["measure"]["unit"],
                baseline=float(b["baseline"]) if "baseline" in b else None,
                expected_value=float(expected_value or 0),
                expected_date=str(expected_date),
                actual_value=actual_value,
                actual_date=actual_date,
                status=b["status"],
                sign_off=(
                    SignOff(s["partner"], s["role"], s.get("name"), s["date"], s["evidence"])
                    if s
                    else None
                ),
                source=doc.path,
                index=i,
            )
        )
    return benefits
