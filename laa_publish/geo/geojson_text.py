"""Write the register's boundaries file: one line opening each feature, then a ring a line.

Diffs then show which area's shape changed, and a position reported by the validator points
at one ring.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import shapely

from laa_publish.geo.budget import DECIMALS


def _number(value: float) -> str:
    text = f"{round(value, DECIMALS) + 0.0:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _ring(points: Any) -> str:
    return "[" + ", ".join(f"[{_number(x)}, {_number(y)}]" for x, y in points) + "]"


def _polygon_lines(polygon: Any) -> list[str]:
    rings = [polygon.exterior, *polygon.interiors]
    return [_ring(shapely.get_coordinates(ring).tolist()) for ring in rings]


def _geometry(geometry: Any) -> tuple[str, list[str]]:
    if geometry.geom_type == "Polygon":
        return "Polygon", _polygon_lines(geometry)
    parts = list(shapely.get_parts(geometry))
    lines: list[str] = []
    for polygon in parts:
        rings = _polygon_lines(polygon)
        rings[0] = "[" + rings[0]
        rings[-1] += "]"
        lines += rings
    return "MultiPolygon", lines


def feature_collection_text(features: Sequence[tuple[str, str, Any]]) -> str:
    """The file for (code, name, Polygon or MultiPolygon) features, sorted by code."""
    out = ['{"type": "FeatureCollection", "features": [']
    ordered = sorted(features, key=lambda f: f[0])
    for i, (code, name, geometry) in enumerate(ordered):
        kind, lines = _geometry(geometry)
        props = json.dumps({"code": code, "name": name}, ensure_ascii=False)
        out.append(
            f'{{"type": "Feature", "properties": {props}, "geometry": {{"type": "{kind}", '
            '"coordinates": ['
        )
        out.append(",\n".join(lines))
        out.append("]}}" + ("," if i < len(ordered) - 1 else ""))
    out.append("]}")
    return "\n".join(out) + "\n"
