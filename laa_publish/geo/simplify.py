"""Simplify boundaries as one network of edges, so neighbours keep their shared edges exactly.

Simplifying each shape on its own moves the two copies of a shared edge differently, which
opens slivers and overlaps between neighbours. Here every boundary is broken into edges that
run between the points where three or more areas meet; GEOS simplifies those edges together
without letting any two cross; the simplified edges are cut back into faces; and each area is
rebuilt as the union of the faces it held most of. Two neighbours are then made of the same faces
along the same edges, so they cannot gap or overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

from laa_publish.geo.budget import DECIMALS

GRID = 10.0**-DECIMALS
# a face belongs to the area that held most of it before simplifying, unless together the
# areas held less than this share of it: then it lies outside them all (a lake, the sea)
INSIDE = 0.5


class SimplifyError(ValueError):
    """The shapes came out empty or invalid at this tolerance: try a smaller one."""


def _as_written(coords: np.ndarray) -> np.ndarray:
    """Each coordinate as the file's text will give it back: the nearest double to its decimal.

    GEOS's grid puts a vertex at k x 0.00001, which can differ from the parsed text in its
    last bit; joining areas from those would then differ from joining the areas read back.
    """
    flat = [float(f"{v:.{DECIMALS}f}") for v in coords.ravel().tolist()]
    return np.asarray(flat, dtype=float).reshape(coords.shape)


def finish(geometry: shapely.Geometry) -> shapely.Geometry:
    """Coordinates as written, rings wound as RFC 7946 asks (outer anticlockwise)."""
    return shapely.orient_polygons(shapely.transform(geometry, _as_written), exterior_cw=False)


def _faces(geometries: Sequence[shapely.Geometry], tolerance: float) -> list[shapely.Geometry]:
    """The smallest pieces the boundaries cut the place into, simplified and rounded."""
    edges = shapely.line_merge(shapely.union_all([shapely.boundary(g) for g in geometries]))
    if tolerance > 0:
        # the topology-preserving simplifier keeps each edge's ends and never lets two cross
        edges = shapely.simplify(edges, tolerance, preserve_topology=True)
    faces = shapely.get_parts(shapely.polygonize(list(shapely.get_parts(edges))))
    # rounding a shared vertex gives the same point in both faces that share it
    rounded = shapely.set_precision(faces, GRID)
    return [face for face in rounded if not face.is_empty and face.area > 0]


def simplify_shared(
    shapes: Sequence[tuple[str, shapely.Geometry]], tolerance: float
) -> list[tuple[str, shapely.Geometry]]:
    """The shapes, which must not overlap, simplified by `tolerance` degrees together.

    Larger areas are built afterwards from the simplified parts, so they share every edge.
    """
    if not shapes:
        return []
    geometries = [geometry for _, geometry in shapes]
    try:
        faces = _faces(geometries, tolerance)
        tree = shapely.STRtree(geometries)
        owners: list[list[Any]] = [[] for _ in shapes]
        face_index, area_index = tree.query(faces, predicate="intersects")
        shares = shapely.area(
            shapely.intersection(np.take(faces, face_index), np.take(geometries, area_index))
        ) / shapely.area(np.take(faces, face_index))
        best: dict[int, tuple[float, int]] = {}
        total: dict[int, float] = {}
        for f, a, share in zip(
            face_index.tolist(), area_index.tolist(), shares.tolist(), strict=True
        ):
            total[f] = total.get(f, 0.0) + share
            if share > best.get(f, (-1.0, 0))[0]:
                best[f] = (share, a)
        for f, (_, a) in sorted(best.items()):
            if total[f] > INSIDE:
                owners[a].append(faces[f])
        rebuilt = [finish(shapely.union_all(parts)) for parts in owners]
    except shapely.errors.GEOSException as exc:
        raise SimplifyError(str(exc)) from exc
    for (code, _), geometry in zip(shapes, rebuilt, strict=True):
        if geometry.is_empty or not shapely.is_valid(geometry):
            raise SimplifyError(f"{code} is empty or invalid after simplifying")
    return [(code, g) for (code, _), g in zip(shapes, rebuilt, strict=True)]
