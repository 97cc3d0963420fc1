"""Project every mapped level's shapes once per build into SVG path data that each map reuses.

A county draws some 900 maps from the same few hundred shapes. Projecting and formatting them
once, and assembling each map from the finished strings with its own fills, costs a few
milliseconds a map; a chart spec per map would cost the converter about 50 ms each.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from laa_publish.model.entities import Area, Partnership

WIDTH = 600  # viewBox units across: a map is shown at most 480 CSS px wide, so whole numbers
# place every vertex within a pixel, and each move takes few digits
MAX_HEIGHT = 600
MARGIN = 5
# Past this many shapes a level is not drawn as one map: at a phone's width its areas would be
# specks, and the page would carry megabytes of paths. The table beside it lists them all.
MAX_AREAS = 600


@dataclass(frozen=True, slots=True)
class Shape:
    """One area's outline in viewBox units, with a point inside it for its label."""

    code: str
    path: str
    label: tuple[int, int]
    centre: tuple[float, float]  # its centroid, for saying where it lies


@dataclass(frozen=True, slots=True)
class Level:
    """The current areas of one level that have a shape, in name order."""

    level: str
    shapes: dict[str, Shape]

    @property
    def drawable(self) -> bool:
        """Whether this level makes a useful map: two areas or more, and not too many."""
        return 2 <= len(self.shapes) <= MAX_AREAS


@dataclass(frozen=True, slots=True)
class Atlas:
    """Every level's shapes in one shared frame, so a locator can overlay levels."""

    width: int
    height: int
    levels: dict[str, Level]
    outline: str  # the whole place, for a locator's backdrop

    def level(self, name: str) -> Level | None:
        """A level's shapes, if it has any."""
        return self.levels.get(name)


class _Frame:
    """Longitude and latitude to viewBox units: equirectangular, true to scale at the centre.

    Over a county or a city the error against a conformal projection is below a pixel, and
    unlike Web Mercator it needs no library and no tiles.
    """

    def __init__(self, bounds: tuple[float, float, float, float]) -> None:
        west, south, east, north = bounds
        self.kx = math.cos(math.radians((south + north) / 2))
        span_x = max((east - west) * self.kx, 1e-9)
        span_y = max(north - south, 1e-9)
        inner = WIDTH - 2 * MARGIN
        self.scale = min(inner / span_x, (MAX_HEIGHT - 2 * MARGIN) / span_y)
        self.west, self.north = west, north
        # a tall place is fitted by its height, and the frame shrinks to its width
        self.width = math.ceil(span_x * self.scale + 2 * MARGIN)
        self.height = math.ceil(span_y * self.scale + 2 * MARGIN)
        self.dx = MARGIN

    def xy(self, points: np.ndarray) -> np.ndarray:
        """Whole viewBox units for an array of [lon, lat] rows."""
        x = (points[:, 0] - self.west) * self.kx * self.scale + self.dx
        y = (self.north - points[:, 1]) * self.scale + MARGIN
        return np.rint(np.column_stack([x, y])).astype(np.int64)


def _ring_path(points: np.ndarray) -> str:
    """One closed ring: an absolute start, then relative moves, repeats dropped."""
    if len(points) > 1 and (points[0] == points[-1]).all():
        points = points[:-1]
    steps = np.diff(points, axis=0)
    steps = steps[(steps != 0).any(axis=1)]
    if len(steps) < 2:
        return ""
    moves = " ".join(f"{dx} {dy}" for dx, dy in steps.tolist())
    return f"M{points[0][0]} {points[0][1]}l{moves}z"


def _rings(geometry: Any) -> Iterable[np.ndarray]:
    for polygon in shapely.get_parts(geometry):
        yield shapely.get_coordinates(polygon.exterior)
        for hole in polygon.interiors:
            yield shapely.get_coordinates(hole)


def path_data(geometry: Any, frame: _Frame) -> str:
    """A shape's SVG path data in the frame, holes and all (drawn with the even-odd rule)."""
    return "".join(_ring_path(frame.xy(ring)) for ring in _rings(geometry))


def _shape(code: str, geometry: Any, frame: _Frame) -> Shape:
    inside = shapely.get_coordinates(shapely.point_on_surface(geometry))
    centre = shapely.get_coordinates(shapely.centroid(geometry))
    lx, ly = frame.xy(inside)[0].tolist()
    cx, cy = frame.xy(centre)[0].tolist()
    return Shape(code, path_data(geometry, frame), (lx, ly), (float(cx), float(cy)))


def build_atlas(p: Partnership) -> Atlas | None:
    """Project every current mapped area's shape; None when the place keeps no boundaries."""
    current: list[Area] = sorted(
        (a for a in p.areas.values() if a.code in p.boundaries and a.valid_to is None),
        key=lambda a: (a.name, a.code),
    )
    if not current:
        return None
    geometries = [p.boundaries[a.code] for a in current]
    west, south, east, north = shapely.total_bounds(geometries).tolist()
    frame = _Frame((west, south, east, north))
    levels: dict[str, Level] = {}
    for level in p.settings.levels.geographic:
        members = [a for a in current if a.level == level]
        if members:
            shapes = {a.code: _shape(a.code, p.boundaries[a.code], frame) for a in members}
            levels[level] = Level(level, shapes)
    whole = (
        shapely.union_all(geometries)
        if p.settings.place_area not in p.boundaries
        else (p.boundaries[p.settings.place_area])
    )
    return Atlas(frame.width, frame.height, levels, path_data(whole, frame))


# the last partnership drawn and its atlas: holding the partnership keeps its id from being
# reused by another while the atlas is cached
_LAST: list[tuple[Partnership, Atlas | None]] = []


def atlas(p: Partnership) -> Atlas | None:
    """The build's atlas, projected on first use (before the render forks, via `warm`)."""
    if not _LAST or _LAST[0][0] is not p:
        _LAST[:] = [(p, build_atlas(p))]
    return _LAST[0][1]


def warm(p: Partnership) -> None:
    """Project before the pages are shared out, so each worker inherits the paths."""
    atlas(p)
