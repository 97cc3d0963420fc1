"""Check the boundaries file: every shape keyed by a known area, closed, wound and drawn on the UK.

Each problem names the feature, ring or coordinate where it sits, so a partner can find it in
an editor; the shapes that pass go on to the maps.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import shapely

from laa_publish.geo.budget import size_budget
from laa_publish.issues import Issue, closest, error, warning
from laa_publish.load.boundaries import CODE_PROPERTY, BoundaryDocument, RawShape
from laa_publish.load.positions import JsonPath, YamlDocument
from laa_publish.model.entities import Area
from laa_publish.model.levels import Levels

# the United Kingdom with its islands, generously: west of St Kilda to east of Lowestoft, the
# Scillies to north of Shetland
UK_LONGITUDE = (-8.7, 1.8)
UK_LATITUDE = (49.8, 60.9)
IMPORT_HINT = (
    "Run 'laa-publish boundaries import' on the boundary file from the ONS Open Geography "
    "Portal; it writes a correct file."
)
_REASON_POINT = re.compile(r"\[(-?[0-9.eE+-]+) (-?[0-9.eE+-]+)\]")


@dataclass(frozen=True, slots=True)
class _Ring:
    points: list[Any]
    where: JsonPath  # the ring in the file
    per_point: bool  # whether each position has a path of its own (GeoJSON, not TopoJSON arcs)
    exterior: bool


def mapped_areas(areas: dict[str, Area], levels: Levels) -> list[Area]:
    """Current areas of the geographic levels: those a boundaries file must draw."""
    on_ground = set(levels.geographic)
    return [a for a in areas.values() if a.level in on_ground and a.valid_to is None]


def _located(doc: BoundaryDocument, code: str, where: JsonPath, message: str, hint: str) -> Issue:
    pos = doc.position(where)
    return error(code, doc.path, pos.line, pos.column, message, hint)


def _polygons(shape: RawShape) -> list[list[Any]] | None:
    geometry = shape.geometry
    if not isinstance(geometry, dict):
        return None
    coords = geometry.get("coordinates")
    if geometry.get("type") == "Polygon" and isinstance(coords, list):
        return [coords]
    if geometry.get("type") == "MultiPolygon" and isinstance(coords, list):
        return coords if all(isinstance(p, list) for p in coords) else None
    return None


def _rings(shape: RawShape, polygons: list[list[Any]]) -> list[_Ring]:
    rings = []
    multi = isinstance(shape.geometry, dict) and shape.geometry.get("type") == "MultiPolygon"
    flat = iter(shape.ring_where)
    for p, polygon in enumerate(polygons):
        for r, ring in enumerate(polygon):
            if shape.ring_where:
                where, per_point = next(flat, shape.where), False
            else:
                base = (*shape.where, "geometry", "coordinates")
                where, per_point = ((*base, p, r) if multi else (*base, r)), True
            rings.append(_Ring(ring, where, per_point, r == 0))
    return rings


def _is_position(point: object) -> bool:
    return (
        isinstance(point, list)
        and len(point) >= 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point[:2])
        and all(math.isfinite(v) for v in point[:2])
    )


def _in_uk(lon: float, lat: float) -> bool:
    return UK_LONGITUDE[0] <= lon <= UK_LONGITUDE[1] and UK_LATITUDE[0] <= lat <= UK_LATITUDE[1]


def _ring_issues(doc: BoundaryDocument, label: str, ring: _Ring) -> Iterator[Issue]:
    """Shape of the positions, closure and place on the map, for one ring."""
    points = ring.points
    if not isinstance(points, list) or not all(_is_position(p) for p in points):
        bad = (
            next((i for i, p in enumerate(points) if not _is_position(p)), 0)
            if isinstance(points, list)
            else 0
        )
        where = (*ring.where, bad) if ring.per_point and isinstance(points, list) else ring.where
        yield _located(
            doc,
            "boundary-format",
            where,
            f"{label}: every position must be a [longitude, latitude] pair of numbers.",
            IMPORT_HINT,
        )
        return
    first, last = points[0][:2] if points else None, points[-1][:2] if points else None
    if len(points) < 4 or first != last:
        shown = f"it starts at {first} and ends at {last}" if points else "it has no positions"
        yield _located(
            doc,
            "boundary-ring-open",
            ring.where,
            f"{label}: a ring must close, ending where it starts, with at least four positions; "
            f"{shown} ({len(points)} positions).",
            "Repeat the first position at the end of the ring. " + IMPORT_HINT,
        )
        return
    outside = [i for i, p in enumerate(points) if not _in_uk(p[0], p[1])]
    if outside:
        i = outside[0]
        lon, lat = points[i][0], points[i][1]
        swapped = _in_uk(lat, lon)
        where = (*ring.where, i) if ring.per_point else ring.where
        yield _located(
            doc,
            "boundary-coordinates",
            where,
            f"{label}: the position [{lon}, {lat}] is not in the United Kingdom "
            f"({len(outside)} of {len(points)} positions are outside it)"
            + ("; it looks like latitude written before longitude." if swapped else "."),
            "GeoJSON gives each position as [longitude, latitude] in degrees (WGS 84), "
            "longitude first. "
            + (
                "Swap the two numbers. "
                if swapped
                else "A file in metres (British National Grid) must be downloaded again in WGS 84. "
            )
            + IMPORT_HINT,
        )
        return


def _winding_issues(doc: BoundaryDocument, label: str, ring: _Ring) -> Iterator[Issue]:
    """Outer rings anticlockwise and holes clockwise, judged only once the shape is valid."""
    points = ring.points
    ccw = bool(shapely.is_ccw(shapely.linearrings([p[:2] for p in points])))
    if ccw != ring.exterior:
        which = "an outer ring" if ring.exterior else "a hole"
        want = "anticlockwise" if ring.exterior else "clockwise"
        yield _located(
            doc,
            "boundary-winding",
            ring.where,
            f"{label}: {which} runs {'clockwise' if ring.exterior else 'anticlockwise'}; "
            f"the GeoJSON standard (RFC 7946) wants {want}.",
            "Reverse the order of the ring's positions. " + IMPORT_HINT,
        )


def _geometry(polygons: list[list[Any]]) -> shapely.Geometry:
    parts = [
        shapely.Polygon([p[:2] for p in poly[0]], [[p[:2] for p in h] for h in poly[1:]])
        for poly in polygons
    ]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _nearest(rings: Sequence[_Ring], x: float, y: float) -> JsonPath:
    """The position in the file closest to a point the geometry engine named."""
    best, where = math.inf, rings[0].where
    for ring in rings:
        for i, p in enumerate(ring.points):
            d = (p[0] - x) ** 2 + (p[1] - y) ** 2
            if d < best:
                best, where = d, ((*ring.where, i) if ring.per_point else ring.where)
    return where


def _validity_issue(doc: BoundaryDocument, label: str, rings: list[_Ring], geom: Any) -> Issue:
    reason = str(shapely.is_valid_reason(geom))
    point = _REASON_POINT.search(reason)
    what = reason.split("[")[0].strip().lower() or "invalid geometry"
    where = _nearest(rings, float(point[1]), float(point[2])) if point else rings[0].where
    at = f" at {float(point[1]):.5f}, {float(point[2]):.5f}" if point else ""
    return _located(
        doc,
        "boundary-invalid-shape",
        where,
        f"{label}: the shape is not valid: {what}{at}. A boundary may not cross itself, and "
        "its holes must lie inside it without crossing it.",
        "Redraw the boundary where it crosses, or simplify the source again with topology "
        "kept. " + IMPORT_HINT,
    )


def _shape(doc: BoundaryDocument, shape: RawShape, label: str) -> tuple[Any, list[Issue]]:
    """The shape's geometry when every ring passes, and the issues of those that don't."""
    polygons = _polygons(shape)
    if polygons is None or not all(polygons):
        kind = shape.geometry.get("type") if isinstance(shape.geometry, dict) else None
        got = f"a {kind!r}" if kind else "no geometry"
        return None, [
            _located(
                doc,
                "boundary-format",
                (*shape.where, "geometry"),
                f"{label} has {got}; each area's boundary must be a Polygon or MultiPolygon "
                "with its coordinates.",
                IMPORT_HINT,
            )
        ]
    rings = _rings(shape, polygons)
    found = [i for ring in rings for i in _ring_issues(doc, label, ring)]
    if found:
        return None, found
    geom = _geometry(polygons)
    if not shapely.is_valid(geom):
        return None, [_validity_issue(doc, label, rings, geom)]
    found = [i for ring in rings for i in _winding_issues(doc, label, ring)]
    return (None, found) if found else (geom, [])


def _code_issue(
    doc: BoundaryDocument,
    shape: RawShape,
    areas: dict[str, Area],
    seen: dict[str, RawShape],
    levels: Levels,
) -> Issue | None:
    code = shape.code
    if not isinstance(code, str) or not code:
        return _located(
            doc,
            "boundary-format",
            shape.where,
            f"Feature {shape.index + 1} has no {CODE_PROPERTY!r} property naming its area.",
            f"Give each feature a property {CODE_PROPERTY!r} holding an area code from "
            "data/registers/areas.yaml. " + IMPORT_HINT,
        )
    if code not in areas:
        near = closest(code, areas)
        return _located(
            doc,
            "boundary-unknown-area",
            shape.code_where,
            f"Feature {shape.index + 1} is for area {code!r}, which is not in the area register.",
            (f"Did you mean {near!r}? " if near else "")
            + "Use a code from data/registers/areas.yaml, or register the area first.",
        )
    if code in seen:
        pos = doc.position(seen[code].code_where)
        return _located(
            doc,
            "boundary-duplicate-area",
            shape.code_where,
            f"Area {code!r} has a second boundary here; the first is on line {pos.line}.",
            "Keep one feature for each area: join the parts into one MultiPolygon.",
        )
    level = areas[code].level
    if level not in levels.geographic:
        pos = doc.position(shape.code_where)
        return warning(
            "boundary-unmapped-level",
            doc.path,
            pos.line,
            pos.column,
            f"Area {code!r} is a {levels.of(level).noun}, a level that is not mapped, so "
            "its boundary is not used.",
            "Delete the feature. Maps show the levels "
            + ", ".join(levels.of(lv).noun for lv in levels.geographic)
            + ".",
        )
    return None


def _missing(
    areas_doc: YamlDocument, drawn: set[str], mapped: list[Area], levels: Levels
) -> Iterator[Issue]:
    wanted = {a.code for a in mapped} - drawn
    for i, entry in enumerate(areas_doc.data.get("areas") or []):
        code = entry.get("code") if isinstance(entry, dict) else None
        if code in wanted:
            wanted.discard(code)
            area = next(a for a in mapped if a.code == code)
            path, line, column = areas_doc.at(("areas", i, "code"))
            yield error(
                "boundary-missing-area",
                path,
                line,
                column,
                f"{area.name} ({code}) is a current {levels.of(area.level).noun} "
                "area but has no boundary in the boundaries file, so maps would leave a hole.",
                "Add its boundary: run 'laa-publish boundaries import' again on a file that "
                "includes it, or give the area a valid_to date if it no longer exists.",
            )


def boundary_issues(
    doc: BoundaryDocument, areas: dict[str, Area], areas_doc: YamlDocument, levels: Levels
) -> tuple[dict[str, Any], list[Issue]]:
    """The valid shapes by area code, and every problem with the file."""
    mapped = mapped_areas(areas, levels)
    budget = size_budget(len(mapped))
    issues: list[Issue] = []
    if doc.size > budget:
        issues.append(
            error(
                "boundary-too-large",
                doc.path,
                None,
                None,
                f"The boundaries file is {doc.size:,} bytes; for {len(mapped)} mapped areas "
                f"it may take {budget:,}.",
                "Simplify the shapes: 'laa-publish boundaries import' keeps the file within "
                "this size while keeping neighbours' shared edges.",
            )
        )
    shapes: dict[str, Any] = {}
    seen: dict[str, RawShape] = {}
    for shape in doc.shapes:
        label = (
            f"The boundary of {shape.code!r}"
            if isinstance(shape.code, str)
            else (f"Feature {shape.index + 1}")
        )
        found = _code_issue(doc, shape, areas, seen, levels)
        if found is not None:
            issues.append(found)
        geom, more = _shape(doc, shape, label)
        issues.extend(more)
        if isinstance(shape.code, str) and shape.code not in seen:
            seen[shape.code] = shape
            if found is None and geom is not None:
                shapes[shape.code] = geom
    issues.extend(_missing(areas_doc, set(seen), mapped, levels))
    return shapes, issues
