"""A Frictionless Data Package describing every CSV download, with its size and SHA-256."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from laa_publish.model.entities import Indicator
from laa_publish.model.site_paths import COMMITS_CSV, REVISIONS_CSV
from laa_publish.render.context import Context, Rendered
from laa_publish.render.data_archives import archive_title, packed
from laa_publish.render.downloads import (
    COMMIT_COLUMNS,
    COMPARATOR_COLUMNS,
    OBSERVATION_COLUMNS,
    observation_columns,
    unit_text,
)
from laa_publish.render.pages.revisions import REVISIONS_COLUMNS
from laa_publish.render.renderers import renders

_FIELDS: dict[str, tuple[str, str]] = {
    "indicator": ("string", "The indicator's id."),
    "period": ("string", "The period, written as the indicator's period type says."),
    "area_code": ("string", "The area's code (ONS GSS where it has one)."),
    "area_name": ("string", "The area's name."),
    "value": ("number", "The published value; empty when suppressed or not available."),
    "unit": ("string", "The value's unit."),
    "numerator": ("number", "The count the value was computed from, where given."),
    "denominator": ("number", "The population the value was computed from, where given."),
    "lower_ci": ("number", "Lower bound of the 95% confidence interval."),
    "upper_ci": ("number", "Upper bound of the 95% confidence interval."),
    "status": ("string", "final, provisional, not_available or suppressed."),
    "note": ("string", "A note beside the value."),
    "revised": ("boolean", "true when the release shown revised the value."),
    "commit": ("string", "The git commit that last set the value (see commits.csv)."),
    "commit_date": ("date", "The date of that commit."),
    "date": ("date", "The date of the commit."),
    "author": ("string", "The author of that commit."),
    "partner": ("string", "The id of the partner responsible for the figure."),
    "breakdown": ("string", "The group within the area, as dimension=code pairs."),
    "old_value": ("number", "The value the previous release published."),
    "new_value": ("number", "The value this release published; empty when withdrawn."),
    "new_status": ("string", "The status of the new value."),
    "release": ("string", "The id of the release that published the revision."),
    "release_date": ("date", "The date of that release."),
    "previous_release": ("string", "The id of the release the value is compared with."),
    "revision_class": ("string", "revision (new information), correction or recomputed."),
    "reason": ("string", "The reason the partner recorded for the revision."),
    "comparator_id": ("string", "The comparator's id, as the indicator declares it."),
    "comparator_name": ("string", "The place outside the partnership, e.g. England."),
    "comparator_kind": ("string", "national, region, similar_areas or other."),
    "part_of_partnership": ("boolean", "Always false: a comparator is outside the partnership."),
    "source": ("string", "Who publishes the comparator's figures, and where."),
    "source_url": ("string", "The web address of that source, where given."),
    "retrieved": ("date", "The date the comparator's figures were copied from the source."),
}
COMPARATORS_SUFFIX = "-comparators.csv"


def _field(name: str) -> dict[str, Any]:
    kind, description = _FIELDS[name]
    spec: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if kind == "boolean":
        spec |= {"trueValues": ["true"], "falseValues": ["false"]}
    return spec


def _dimension_field(ctx: Context, ident: str) -> dict[str, Any]:
    """A breakdown column: the group's code, one of the dimension's declared values."""
    dimension = ctx.p.settings.dimension(ident)
    title = dimension.title if dimension else ident
    spec: dict[str, Any] = {
        "name": ident,
        "type": "string",
        "description": f"The {title} group the value is for; empty on the figure for everyone.",
    }
    if dimension is not None:
        spec["constraints"] = {"enum": [v.code for v in dimension.values]}
    return spec


def _indicator(ctx: Context, path: str) -> Indicator | None:
    """The indicator whose observations a CSV holds (current or archived), if any."""
    if path in (REVISIONS_CSV, COMMITS_CSV) or path.endswith(COMPARATORS_SUFFIX):
        return None
    return ctx.p.indicators.get(path.removesuffix(".csv").split("/")[-1])


def _fields(ctx: Context, path: str) -> list[dict[str, Any]]:
    """The columns of one CSV, as its renderer writes them."""
    if path == REVISIONS_CSV:
        return [_field(c) for c in REVISIONS_COLUMNS]
    if path == COMMITS_CSV:
        return [_field(c) for c in COMMIT_COLUMNS]
    if path.endswith(COMPARATORS_SUFFIX):
        return [_field(c) for c in COMPARATOR_COLUMNS]
    indicator = _indicator(ctx, path)
    columns = observation_columns(indicator) if indicator else OBSERVATION_COLUMNS
    dimensions = set(indicator.breakdowns) if indicator else set()
    fields = [_dimension_field(ctx, c) if c in dimensions else _field(c) for c in columns]
    if indicator is not None:  # the unit is the indicator's, so it is said once, here
        for spec in fields:
            if spec["name"] in ("value", "lower_ci", "upper_ci"):
                spec["description"] += f" Unit: {unit_text(indicator)}."
    return fields


def _schema(ctx: Context, path: str) -> dict[str, Any]:
    """A CSV's table schema; an observations file's commit column refers to commits.csv."""
    schema: dict[str, Any] = {"fields": _fields(ctx, path), "missingValues": [""]}
    if _indicator(ctx, path) is not None:
        reference = {"resource": _name(COMMITS_CSV), "fields": "commit"}
        schema["foreignKeys"] = [{"fields": "commit", "reference": reference}]
    return schema


def _name(path: str) -> str:
    """A resource name: lower-case, unique per path, as Frictionless requires."""
    stem = path.removeprefix("downloads/").removesuffix(".csv")
    return re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-")


def _title(ctx: Context, path: str) -> str:
    if path == REVISIONS_CSV:
        return "Revisions log"
    if path == COMMITS_CSV:
        return "Commits that set the figures: date and author"
    if path.endswith(COMPARATORS_SUFFIX):
        ind = ctx.p.indicators.get(path.removeprefix("downloads/").removesuffix(COMPARATORS_SUFFIX))
        name = f"{ind.id}: {ind.title}" if ind else path
        return f"{name}: comparators (places outside the partnership)"
    parts = path.removesuffix(".csv").split("/")
    ind = ctx.p.indicators.get(parts[-1])
    title = f"{ind.id}: {ind.title}" if ind else parts[-1]
    if len(parts) == 4 and parts[1] == "releases":
        return f"{title}, as published in release {parts[2]}"
    return title


def resource(ctx: Context, path: str, size: int, sha256: str) -> dict[str, Any]:
    """One CSV's description: where it is, its columns and types, size and hash; for an
    indicator's figures, also the partner responsible for every one of them."""
    described: dict[str, Any] = {}
    indicator = _indicator(ctx, path)
    if indicator is not None:
        partner = ctx.p.partners.get(indicator.partner)
        name = partner.name if partner else indicator.partner
        described["description"] = (
            f"Every figure here is reported by {name} (partner id {indicator.partner}), "
            f"in the unit {unit_text(indicator)}."
        )
    return described | {
        "name": _name(path),
        "path": path,
        "title": _title(ctx, path),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{sha256}",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": _schema(ctx, path),
    }


def archive_resource(path: str, title: str, data: bytes) -> dict[str, Any]:
    """One zip archive's description: where it is, what it holds, size and hash."""
    return {
        "name": _name(path),
        "path": path,
        "title": title,
        "profile": "data-resource",
        "format": "zip",
        "mediatype": "application/zip",
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
    }


def package_json(
    ctx: Context, title: str, description: str, resources: list[dict[str, Any]]
) -> str:
    """A package of `resources`, stamped with the built commit and release, deterministically."""
    settings = ctx.p.settings
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": re.sub(r"[^a-z0-9]+", "-", settings.name.lower()).strip("-"),
        "title": title,
        "description": description,
        "resources": resources,
    }
    head = ctx.history.head
    if head is not None:
        package["created"] = head.date
        package["sources"] = [{"title": f"git commit {head.sha}"}]
    if ctx.audit.current is not None:
        package["version"] = ctx.audit.current.id
    return json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def csv_downloads(out: Rendered) -> list[str]:
    """Every CSV download rendered so far, sorted by path."""
    return sorted(p for p in out.files if p.startswith("downloads/") and p.endswith(".csv"))


@renders("datapackage")
def datapackage_json(ctx: Context, key: str, out: Rendered) -> str:
    """The package: every CSV and zip rendered before it, sorted by path.

    The registry renders it last, so it describes the final bytes of every download; the
    CSVs' hashes come with their compressed copies, made once for the zips. The archives
    make it a general data package; each CSV is still a tabular data resource.
    """
    resources = [
        resource(ctx, path, member.size, member.sha256)
        for path, member in zip(
            csv_downloads(out), packed(ctx, out, csv_downloads(out)), strict=True
        )
    ]
    resources += [
        archive_resource(path, archive_title(ctx, path), data)
        for path, data in sorted(out.copies.items())
        if path.startswith("downloads/") and path.endswith(".zip")
    ]
    name = ctx.p.settings.name
    return package_json(
        ctx,
        f"{name}: indicator data",
        f"Every figure published by the {name}, with its provenance.",
        sorted(resources, key=lambda r: str(r["path"])),
    )
