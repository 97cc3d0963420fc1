"""Read the boundaries file (GeoJSON, or TopoJSON with its arcs decoded) into one shape a feature.

Nothing is judged here beyond what reading needs: the validator checks codes and geometry,
with positions found in the text only once a problem needs one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from laa_publish.issues import Issue, error
from laa_publish.load.json_positions import first_duplicate_key, json_positions
from laa_publish.load.positions import JsonPath, Position
from laa_publish.load.yaml_loader import decode_text

# far beyond any budget (a national ward map is about 30 MB at full detail): past this the file
# is not even read, so a wrong file cannot exhaust memory
MAX_BOUNDARY_BYTES = 64 * 1024 * 1024
CODE_PROPERTY = "code"


@dataclass(frozen=True, slots=True)
class RawShape:
    """One feature as written: its code, its geometry, and where each part sits in the file."""

    index: int
    code: object  # as written: checked by the validator
    geometry: object  # {"type": ..., "coordinates": ...}, TopoJSON arcs already decoded
    where: JsonPath  # the feature (or TopoJSON geometry) in the file
    code_where: JsonPath
    ring_where: tuple[JsonPath, ...] = ()  # TopoJSON: each ring's arc list, in ring order


@dataclass(slots=True)
class BoundaryDocument:
    """The parsed file, its size, and positions worked out on first need."""

    path: str
    text: str
    size: int
    shapes: list[RawShape]
    _positions: dict[JsonPath, Position] | None = field(default=None, repr=False)

    def position(self, path: JsonPath) -> Position:
        """The position of the value at `path`, or of its nearest ancestor."""
        if self._positions is None:
            self._positions = json_positions(self.text)
        for end in range(len(path), -1, -1):
            found = self._positions.get(tuple(path[:end]))
            if found is not None:
                return found
        return Position(1, 1)


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Duplicate(key)
        seen[key] = value
    return seen


def _syntax(path: str, exc: json.JSONDecodeError) -> Issue:
    return error(
        "boundary-json",
        path,
        exc.lineno,
        exc.colno,
        f"The boundaries file is not valid JSON: {exc.msg.lower()}.",
        "Export the file again as GeoJSON, or run 'laa-publish boundaries import' on the "
        "file downloaded from the ONS Open Geography Portal.",
    )


def _duplicate(path: str, text: str, key: str) -> Issue:
    found = first_duplicate_key(text)
    where = found[1] if found else Position(1, 1)
    return error(
        "boundary-json",
        path,
        where.line,
        where.column,
        f"The key {key!r} appears twice in one object, so one of its values would be lost.",
        "Keep one of the two and delete the other.",
    )


def _features(data: dict[str, Any]) -> Iterator[RawShape]:
    for i, feature in enumerate(data.get("features") or []):
        where: JsonPath = ("features", i)
        props = feature.get("properties") if isinstance(feature, dict) else None
        code = props.get(CODE_PROPERTY) if isinstance(props, dict) else None
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        code_where = (*where, "properties", CODE_PROPERTY) if code is not None else where
        yield RawShape(i, code, geometry, where, code_where)


def _arc_points(arcs: list[Any], transform: dict[str, Any] | None) -> list[list[list[float]]]:
    """Each arc's positions, undoing the quantised delta encoding when there is a transform."""
    out = []
    for arc in arcs:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x, y = x + dx, y + dy
                points.append([x * sx + tx, y * sy + ty])
            out.append(points)
        else:
            out.append([list(p[:2]) for p in arc])
    return out


def _ring(refs: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for ref in refs:
        points = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def _topology(data: dict[str, Any]) -> Iterator[RawShape]:
    arcs = _arc_points(data.get("arcs") or [], data.get("transform"))
    index = 0
    for name, obj in sorted((data.get("objects") or {}).items()):
        for i, geom in enumerate(obj.get("geometries") or [] if isinstance(obj, dict) else []):
            where: JsonPath = ("objects", name, "geometries", i)
            props = geom.get("properties") or {}
            code = props.get(CODE_PROPERTY, geom.get("id"))
            code_where = (*where, "properties", CODE_PROPERTY) if CODE_PROPERTY in props else where
            kind, refs = geom.get("type"), geom.get("arcs") or []
            try:
                if kind == "Polygon":
                    rings = [_ring(r, arcs) for r in refs]
                    coords: Any = rings
                    ring_where = tuple((*where, "arcs", r) for r in range(len(refs)))
                else:
                    coords = [[_ring(r, arcs) for r in poly] for poly in refs]
                    ring_where = tuple(
                        (*where, "arcs", p, r)
                        for p, poly in enumerate(refs)
                        for r in range(len(poly))
                    )
            except (IndexError, TypeError, KeyError, ValueError):
                coords, ring_where = None, ()
            geometry = {"type": kind, "coordinates": coords} if coords is not None else None
            yield RawShape(index, code, geometry, where, code_where, ring_where)
            index += 1


def load_boundaries_bytes(raw: bytes, path: str) -> tuple[BoundaryDocument | None, list[Issue]]:
    """Parse a boundaries file, refusing duplicate keys, into one raw shape per feature."""
    text, issues = decode_text(raw, path, MAX_BOUNDARY_BYTES)
    if text is None:
        return None, issues
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as exc:
        return None, [_syntax(path, exc)]
    except _Duplicate as dup:
        return None, [_duplicate(path, text, dup.key)]
    kind = data.get("type") if isinstance(data, dict) else None
    if kind not in ("FeatureCollection", "Topology"):
        return None, [
            error(
                "boundary-format",
                path,
                1,
                1,
                f"The file is a {kind or type(data).__name__!r}; a boundaries file is a GeoJSON "
                "FeatureCollection or a TopoJSON Topology.",
                "Run 'laa-publish boundaries import' on the GeoJSON file downloaded from the ONS "
                "Open Geography Portal; it writes this file for you.",
            )
        ]
    assert isinstance(data, dict)
    shapes = list(_features(data) if kind == "FeatureCollection" else _topology(data))
    return BoundaryDocument(path, text, len(raw), shapes), []
