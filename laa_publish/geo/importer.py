"""`laa-publish boundaries import`: a downloaded boundary file made into the register's file.

It keeps the register's areas, builds the larger areas from their parts where the download
has only the smallest, simplifies everything as one topology until the file fits its budget,
and writes it in the register's layout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely

from laa_publish.geo.budget import BOUNDARIES_FILE, size_budget
from laa_publish.geo.geojson_text import feature_collection_text
from laa_publish.geo.simplify import SimplifyError, finish, simplify_shared
from laa_publish.load.repository import AREAS_FILE, SETTINGS_FILE
from laa_publish.model.levels import DEFAULT_LEVELS, Levels, build_levels

# from no simplification up to about half a kilometre, each step roughly doubling
TOLERANCES = (0.0, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3)
METRES_PER_DEGREE = 111_320  # of latitude; enough to say what a tolerance means
WGS84_NAMES = ("CRS84", "EPSG::4326", "EPSG:4326")
SHOWN = 10  # codes listed in the report before '…and N more'


class ImportFailed(Exception):
    """A problem with the input that the user must fix; its text says how."""


@dataclass(frozen=True, slots=True)
class RegisterArea:
    """What the importer needs of a registered area."""

    code: str
    name: str
    level: str
    parent: str | None
    current: bool


@dataclass(slots=True)
class ImportReport:
    """What the import did, for the user to read and check."""

    source: str
    output: str
    code_property: str = ""
    read: int = 0
    kept: int = 0
    outside: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    tolerance: float = 0.0
    size: int = 0
    budget: int = 0

    def text(self) -> str:
        """The report as lines for the terminal."""
        metres = round(self.tolerance * METRES_PER_DEGREE)
        lines = [
            f"Read {self.read} features from {self.source}, keyed by {self.code_property!r}.",
            f"Kept {self.kept} registered areas.",
        ]
        if self.outside:
            lines.append(f"Left out {len(self.outside)} not in the register: {_few(self.outside)}.")
        if self.unmapped:
            lines.append(
                f"Left out {len(self.unmapped)} at levels that are not mapped: "
                f"{_few(self.unmapped)}."
            )
        if self.repeated:
            lines.append(
                f"Left out {len(self.repeated)} repeated features, keeping the first of each "
                f"code: {_few(self.repeated)}."
            )
        if self.repaired:
            lines.append(f"Repaired {len(self.repaired)} invalid shapes: {_few(self.repaired)}.")
        if self.built:
            lines.append(
                f"Built {len(self.built)} larger areas from their parts: {_few(self.built)}."
            )
        if self.partial:
            lines.append(
                f"Warning: {len(self.partial)} larger areas were built from only some of their "
                f"parts, so their shapes are too small: {_few(self.partial)}."
            )
        simplified = (
            f"simplified by {self.tolerance:g} degrees (about {metres} m)"
            if self.tolerance
            else "not simplified"
        )
        lines.append(
            f"Wrote {self.output}: {self.size:,} bytes of {self.budget:,} allowed, "
            f"{simplified}, shared edges kept."
        )
        if self.missing:
            lines.append(
                f"{len(self.missing)} mapped areas have no boundary: {_few(self.missing)}; "
                "'laa-publish validate' reports each."
            )
        return "\n".join(lines) + "\n"


def _few(codes: list[str]) -> str:
    shown = ", ".join(codes[:SHOWN])
    return shown + (f", and {len(codes) - SHOWN} more" if len(codes) > SHOWN else "")


def _levels(root: Path) -> Levels:
    """The declared levels, read leniently: malformed settings fall back to the standard ones."""
    import yaml

    try:
        data = yaml.safe_load((root / SETTINGS_FILE).read_text(encoding="utf-8"))
        declared = data.get("levels") if isinstance(data, dict) else None
        return build_levels(declared if isinstance(declared, list) else None)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, AttributeError):
        return DEFAULT_LEVELS


def _register(root: Path) -> dict[str, RegisterArea]:
    """The register's areas by code, read leniently: the validator reports its mistakes."""
    import yaml

    path = root / AREAS_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ImportFailed(
            f"The area register {AREAS_FILE} cannot be read ({exc.__class__.__name__}); "
            "run 'laa-publish validate' to see why."
        ) from exc
    entries = data.get("areas") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ImportFailed(f"{AREAS_FILE} has no list of areas; run 'laa-publish validate'.")
    out: dict[str, RegisterArea] = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            out[entry["code"]] = RegisterArea(
                entry["code"],
                str(entry.get("name") or entry["code"]),
                str(entry.get("level") or ""),
                entry["parent"] if isinstance(entry.get("parent"), str) else None,
                not entry.get("valid_to"),
            )
    return out


def _read_source(path: Path) -> list[dict[str, Any]]:
    """The download's features, refusing anything that is not GeoJSON in longitude and latitude."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise ImportFailed(f"{path} cannot be read: {exc.strerror}.") from exc
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ImportFailed(f"{path} is not a GeoJSON file: it is not valid JSON ({exc}).") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFailed(f"{path} is not a GeoJSON FeatureCollection.")
    crs = json.dumps(data.get("crs") or {})
    if data.get("crs") and not any(name in crs for name in WGS84_NAMES):
        raise ImportFailed(
            f"{path} is not in longitude and latitude (its crs is {crs}). Download the GeoJSON "
            "in WGS 84 (EPSG:4326) from the ONS Open Geography Portal, not British National "
            "Grid."
        )
    listed = data.get("features")
    features = [f for f in listed if isinstance(f, dict)] if isinstance(listed, list) else []
    if not features:
        raise ImportFailed(f"{path} has no features.")
    return features


def _properties(feature: dict[str, Any]) -> dict[str, Any]:
    """A feature's properties, or none when they are missing or not an object."""
    properties = feature.get("properties")
    return properties if isinstance(properties, dict) else {}


def _code_property(features: list[dict[str, Any]], register: dict[str, RegisterArea]) -> str:
    """The property whose values match the most registered codes, such as WD23CD."""
    counts: dict[str, int] = {}
    for feature in features:
        for key, value in _properties(feature).items():
            if isinstance(value, str) and value in register:
                counts[key] = counts.get(key, 0) + 1
    if not counts:
        raise ImportFailed(
            "No property of the features holds a code from the area register; check that the "
            "file covers this place, or name the property with --code-property."
        )
    return max(sorted(counts), key=lambda key: counts[key])


def _parse_geometry(feature: dict[str, Any], code: str) -> Any:
    """The feature's geometry as GEOS reads it, or a clear error naming the area."""
    if feature.get("geometry") is None:
        raise ImportFailed(f"The feature for {code} has no geometry.")
    try:
        geometry = shapely.from_geojson(json.dumps(feature["geometry"], allow_nan=False))
    except (shapely.errors.GEOSException, ValueError) as exc:
        raise ImportFailed(
            f"The feature for {code} has a geometry that cannot be read: {exc}"
        ) from exc
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ImportFailed(f"The feature for {code} is a {geometry.geom_type}, not a polygon.")
    return geometry


def _geometry(feature: dict[str, Any], code: str, report: ImportReport) -> Any:
    """The feature's polygon, repaired if it crosses itself, checked to be in degrees."""
    geometry = _parse_geometry(feature, code)
    if not geometry.is_empty and not shapely.is_valid(geometry):
        geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
        report.repaired.append(code)
    if geometry.is_empty:
        raise ImportFailed(f"The feature for {code} has an empty geometry.")
    west, south, east, north = geometry.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ImportFailed(
            f"The feature for {code} has positions such as [{west}, {south}], which are not "
            "longitude and latitude: download the file in WGS 84."
        )
    return geometry


def _parts(
    register: dict[str, RegisterArea], present: set[str], levels: Levels
) -> dict[str, list[str]]:
    """Each mapped area's current parts among `present`, for the areas that have any."""
    parts: dict[str, list[str]] = {}
    for area in sorted(register.values(), key=lambda a: a.code):
        parent = register.get(area.parent or "")
        if area.current and area.code in present and parent and parent.level in levels.geographic:
            parts.setdefault(parent.code, []).append(area.code)
    return parts


def _plan(
    register: dict[str, RegisterArea], present: set[str], levels: Levels
) -> list[tuple[str, list[str]]]:
    """The larger areas to join and their parts, smallest level first, so later joins use them.

    Worked out from codes alone, so the budget and the report are known before any geometry.
    """
    have = set(present)
    plan: list[tuple[str, list[str]]] = []
    for level in levels.tree:
        parts = _parts(register, have, levels)
        for code in sorted(parts):
            if register[code].level == level and register[code].current:
                plan.append((code, parts[code]))
                have.add(code)
    return plan


def _incomplete(
    register: dict[str, RegisterArea], plan: list[tuple[str, list[str]]], levels: Levels
) -> list[str]:
    """The planned areas some of whose current mapped parts have no shape: they come out small."""
    wanted: dict[str, int] = {}
    for area in register.values():
        if area.parent and area.current and area.level in levels.geographic:
            wanted[area.parent] = wanted.get(area.parent, 0) + 1
    return [
        f"{code} ({len(parts)} of {wanted[code]} parts)"
        for code, parts in plan
        if len(parts) < wanted[code]
    ]


def _join(shapes: dict[str, Any], plan: list[tuple[str, list[str]]]) -> None:
    """Join each larger area from its simplified parts, so the levels share every edge."""
    for code, parts in plan:
        shapes[code] = finish(shapely.union_all([shapes[c] for c in parts]))


def _keep(
    features: list[dict[str, Any]],
    register: dict[str, RegisterArea],
    report: ImportReport,
    levels: Levels,
) -> dict[str, Any]:
    """The current mapped areas' shapes, by code, noting in the report what was left out."""
    shapes: dict[str, Any] = {}
    for feature in features:
        code = _properties(feature).get(report.code_property)
        area = register.get(code) if isinstance(code, str) else None
        if area is None:
            report.outside.append(str(code))
        elif area.level not in levels.geographic or not area.current:
            report.unmapped.append(area.code)
        elif area.code in shapes:
            report.repeated.append(area.code)
        else:
            shapes[area.code] = _geometry(feature, area.code, report)
    if not shapes:
        raise ImportFailed(
            f"No feature's {report.code_property!r} is the code of a current mapped area "
            f"(a {', '.join(levels.of(lv).noun for lv in levels.geographic)}) in {AREAS_FILE}; "
            "nothing was written."
        )
    return shapes


def _fit(
    smallest: list[tuple[str, Any]],
    plan: list[tuple[str, list[str]]],
    names: dict[str, str],
    budget: int,
) -> tuple[float, str]:
    """The least simplification, of a bounded ladder, whose file fits the budget, and its text."""
    failure = ""
    for tolerance in TOLERANCES:
        try:
            simplified = dict(simplify_shared(smallest, tolerance))
        except SimplifyError as exc:
            failure = f" (at {tolerance:g} degrees: {exc})"
            continue
        _join(simplified, plan)
        text = feature_collection_text([(c, names[c], g) for c, g in simplified.items()])
        if len(text.encode("utf-8")) <= budget:
            return tolerance, text
    raise ImportFailed(
        f"The shapes do not fit in {budget:,} bytes even simplified by {TOLERANCES[-1]:g} "
        f"degrees{failure}; check that the file holds only this place's areas. Nothing was "
        "written."
    )


def import_boundaries(
    source: Path,
    root: Path,
    *,
    code_property: str | None = None,
    output: Path | None = None,
    budget: int | None = None,
) -> ImportReport:
    """Import `source` into the register's boundaries file and report what was done."""
    register = _register(root)
    levels = _levels(root)
    target = output or root / BOUNDARIES_FILE
    report = ImportReport(str(source), str(target))
    features = _read_source(source)
    report.read = len(features)
    report.code_property = code_property or _code_property(features, register)
    shapes = _keep(features, register, report, levels)
    report.kept = len(shapes)
    # the smallest areas are simplified together; larger ones are joined from them afterwards
    plan = _plan(register, set(shapes), levels)
    report.built = [code for code, _ in plan]
    report.partial = _incomplete(register, plan, levels)
    smallest = sorted((c, g) for c, g in shapes.items() if c not in report.built)
    wanted = [a.code for a in register.values() if a.level in levels.geographic and a.current]
    report.missing = sorted(set(wanted) - set(shapes) - set(report.built))
    report.budget = size_budget(len(smallest) + len(plan)) if budget is None else budget
    names = {code: area.name for code, area in register.items()}
    report.tolerance, text = _fit(smallest, plan, names, report.budget)
    data = text.encode("utf-8")
    _write(target, data)
    report.size = len(data)
    return report


def _write(target: Path, data: bytes) -> None:
    """Write the file's bytes as they are, so its size is the size that was measured."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        raise ImportFailed(f"{target} cannot be written: {exc.strerror or exc}.") from exc
