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
from laa_publish.model.entities import GEOGRAPHIC_LEVELS

AREAS_FILE = "data/registers/areas.yaml"
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
    built: list[str] = field(default_factory=list)
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
        if self.repaired:
            lines.append(f"Repaired {len(self.repaired)} invalid shapes: {_few(self.repaired)}.")
        if self.built:
            lines.append(
                f"Built {len(self.built)} larger areas from their parts: {_few(self.built)}."
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


def _register(root: Path) -> dict[str, RegisterArea]:
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
                entry.get("parent"),
                not entry.get("valid_to"),
            )
    return out


def _read_source(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise ImportFailed(f"{path} cannot be read: {exc.strerror}.") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
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
    features = [f for f in data.get("features") or [] if isinstance(f, dict)]
    if not features:
        raise ImportFailed(f"{path} has no features.")
    return features


def _code_property(features: list[dict[str, Any]], register: dict[str, RegisterArea]) -> str:
    """The property whose values match the most registered codes, such as WD23CD."""
    counts: dict[str, int] = {}
    for feature in features:
        for key, value in (feature.get("properties") or {}).items():
            if isinstance(value, str) and value in register:
                counts[key] = counts.get(key, 0) + 1
    if not counts:
        raise ImportFailed(
            "No property of the features holds a code from the area register; check that the "
            "file covers this place, or name the property with --code-property."
        )
    return max(sorted(counts), key=lambda key: counts[key])


def _geometry(feature: dict[str, Any], code: str, report: ImportReport) -> Any:
    geometry = shapely.from_geojson(json.dumps(feature.get("geometry")))
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ImportFailed(f"The feature for {code} is a {geometry.geom_type}, not a polygon.")
    if not shapely.is_valid(geometry):
        geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
        report.repaired.append(code)
    lon, lat = shapely.get_coordinates(geometry)[0]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ImportFailed(
            f"The feature for {code} has positions such as [{lon}, {lat}], which are not "
            "longitude and latitude: download the file in WGS 84."
        )
    return geometry


def _parts(register: dict[str, RegisterArea], shapes: dict[str, Any]) -> dict[str, list[str]]:
    """Each mapped area's current mapped parts, for the areas that have any."""
    parts: dict[str, list[str]] = {}
    for area in sorted(register.values(), key=lambda a: a.code):
        parent = register.get(area.parent or "")
        if area.current and area.code in shapes and parent and parent.level in GEOGRAPHIC_LEVELS:
            parts.setdefault(parent.code, []).append(area.code)
    return parts


def _build_parents(
    shapes: dict[str, Any], register: dict[str, RegisterArea], report: ImportReport | None
) -> None:
    """Join each larger area from its parts, smallest levels first, so they share every edge."""
    for level in reversed(GEOGRAPHIC_LEVELS):
        parts = _parts(register, shapes)
        for code in sorted(parts):
            area = register[code]
            if area.level != level or not area.current:
                continue
            shapes[code] = finish(shapely.union_all([shapes[c] for c in parts[code]]))
            if report is not None:
                report.built.append(code)


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
    target = output or root / BOUNDARIES_FILE
    report = ImportReport(str(source), str(target))
    features = _read_source(source)
    report.read = len(features)
    report.code_property = code_property or _code_property(features, register)
    shapes: dict[str, Any] = {}
    for feature in features:
        code = (feature.get("properties") or {}).get(report.code_property)
        area = register.get(code) if isinstance(code, str) else None
        if area is None:
            report.outside.append(str(code))
        elif area.level not in GEOGRAPHIC_LEVELS or not area.current:
            report.unmapped.append(area.code)
        elif area.code not in shapes:
            shapes[area.code] = _geometry(feature, area.code, report)
    report.kept = len(shapes)
    # the smallest areas are simplified together; larger ones are joined from them afterwards
    smallest = sorted((c, g) for c, g in shapes.items() if c not in _parts(register, shapes))
    _build_parents(dict(shapes), register, report)
    wanted = [a for a in register.values() if a.level in GEOGRAPHIC_LEVELS and a.current]
    every = len(smallest) + len(report.built)
    report.missing = sorted(
        a.code for a in wanted if a.code not in shapes and a.code not in report.built
    )
    report.budget = budget or size_budget(every)
    for tolerance in TOLERANCES:
        try:
            simplified = dict(simplify_shared(smallest, tolerance))
        except SimplifyError:
            continue
        _build_parents(simplified, register, None)
        text = feature_collection_text([(c, register[c].name, g) for c, g in simplified.items()])
        size = len(text.encode("utf-8"))
        if size <= report.budget:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            report.tolerance, report.size = tolerance, size
            return report
    raise ImportFailed(
        f"The shapes do not fit in {report.budget:,} bytes even simplified by "
        f"{TOLERANCES[-1]:g} degrees; check that the file holds only this place's areas."
    )
