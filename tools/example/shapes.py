"""Made-up boundaries for made-up places: a place tiled by districts, each tiled by wards.

Maps need shapes, and a fictional place has none, so they are drawn from a raster. The cells
inside a noisy blob go to the nearest district seed, then to the nearest ward seed of that
district, both measured in a plane bent by smooth noise, so that boundaries wiggle like real
ones. Fragments and corner-only contacts are repaired, so every area is one piece. Outlines
are traced along the cell edges keeping every grid node, so neighbours share each vertex,
then simplified as one topology (``laa_publish.geo.simplify``) so that they still do.
Everything is drawn from one ``numpy.random.default_rng``: the same inputs give the same bytes.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely

from laa_publish.geo.geojson_text import feature_collection_text
from laa_publish.geo.simplify import SimplifyError, simplify_shared

LOG = logging.getLogger("tools.example")

Ward = tuple[str, str]  # code, name
District = tuple[str, str, Sequence[Ward]]  # code, name, wards
Feature = tuple[str, str, shapely.Geometry]  # code, name, shape

KM_PER_DEGREE = 111.32  # along the equator, and near enough along a meridian
CELLS_PER_WARD = 24  # cells across an average ward: enough for boundaries to wiggle
MAX_CELLS = 3_000_000  # the raster's limit, for a national-size place
PERSISTENCE = 0.6  # each octave of noise this much weaker than the one before
WARP = 0.45  # how far noise moves a point, as a share of the scale it varies over
FINEST = 4  # cells: the finest wiggle, coarser than what smoothing irons out
SMOOTHING = 5  # rounds of smoothing the traced boundaries: enough to undo the staircase
TOLERANCE = 0.25  # simplification, in cells
ATTEMPTS = 8  # draws of seeds and noise tried before giving up
ROUNDS = 40  # repair rounds for one draw
TILE = 32  # cells a side when finding the nearest of many seeds
OUTSIDE = -1
UNSET = -2
# district names that say where the district is: bearing in degrees from north, or the middle
COMPASS: dict[str, float | None] = {
    "north": 0.0,
    "north east": 45.0,
    "east": 90.0,
    "south east": 135.0,
    "south": 180.0,
    "south west": 225.0,
    "west": 270.0,
    "north west": 315.0,
    "central": None,
    "centre": None,
}


class TilingError(RuntimeError):
    """This draw gave an area in pieces, or one lost to simplifying: the next draw is tried."""


@dataclass(frozen=True)
class Grid:
    """Square cells `cell` km wide, `nx` by `ny`, centred on the place; row 0 is the south."""

    nx: int
    ny: int
    cell: float

    @property
    def extent(self) -> float:
        """Half the grid's larger side in km, the reach of the noise lattices."""
        return max(self.nx, self.ny) * self.cell / 2

    def axes(self) -> tuple[np.ndarray, np.ndarray]:
        """The cells' centres in km east, by column, and north, by row, of the place's centre."""
        xs = (np.arange(self.nx) + 0.5 - self.nx / 2) * self.cell
        ys = (np.arange(self.ny) + 0.5 - self.ny / 2) * self.cell
        return xs, ys

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Every cell's centre in km east and north of the place's centre."""
        x, y = np.meshgrid(*self.axes())
        return x, y


# --------------------------------------------------------------------------------------------
# Noise
# --------------------------------------------------------------------------------------------


def _blend(
    values: np.ndarray, at: np.ndarray, scale: float, extent: float, axis: int
) -> np.ndarray:
    """Lattice values along one axis, blended smoothly to the points `at` (km)."""
    f = (at + extent) / scale + 1
    i = np.floor(f).astype(np.int64)
    t = f - i
    shape = [1, 1]
    shape[axis] = -1
    weight = (t * t * (3 - 2 * t)).reshape(shape)
    low, high = np.take(values, i, axis=axis), np.take(values, i + 1, axis=axis)
    return low + (high - low) * weight


def _noise(rng: np.random.Generator, grid: Grid, scale: float) -> np.ndarray:
    """Value noise in [-1, 1] over the cells, changing over about `scale` km.

    Random lattice values blended smoothly, one axis and then the other, which on a regular
    grid is the same as blending both at once and far quicker.
    """
    n = math.ceil(2 * grid.extent / scale) + 3
    lattice = rng.uniform(-1.0, 1.0, (n, n))
    xs, ys = grid.axes()
    return _blend(_blend(lattice, xs, scale, grid.extent, 1), ys, scale, grid.extent, 0)


def _fbm(rng: np.random.Generator, grid: Grid, scale: float) -> np.ndarray:
    """Noise with detail from `scale` down to FINEST cells, as natural boundaries have."""
    total, weight, strength = np.zeros((grid.ny, grid.nx)), 0.0, 1.0
    while True:
        total += strength * _noise(rng, grid, scale)
        weight += strength
        scale, strength = scale / 2, strength * PERSISTENCE
        if scale < FINEST * grid.cell:
            return total / weight


def _warp(rng: np.random.Generator, grid: Grid, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """The cells' centres moved by noise up to WARP times `scale`, so boundaries wiggle."""
    x, y = grid.centres()
    dx, dy = _fbm(rng, grid, scale), _fbm(rng, grid, scale)
    return x + WARP * scale * dx, y + WARP * scale * dy


# --------------------------------------------------------------------------------------------
# Labels on the raster
# --------------------------------------------------------------------------------------------


def _components(label: np.ndarray) -> np.ndarray:
    """Each cell's 4-connected patch of equal labels, numbered by its first run along a row.

    The union-find runs on runs of equal cells along rows, far fewer than the cells.
    """
    start = np.ones(label.shape, dtype=bool)
    start[:, 1:] = label[:, 1:] != label[:, :-1]
    run = np.cumsum(start.ravel()).reshape(label.shape) - 1
    runs = int(run[-1, -1]) + 1
    same = label[:-1, :] == label[1:, :]
    joins = np.unique(run[:-1][same] * runs + run[1:][same])
    a, b = joins // runs, joins % runs
    parent = np.arange(runs)
    while True:
        ra, rb = parent[a], parent[b]
        hook = ra != rb
        if not hook.any():
            return parent[run]
        np.minimum.at(parent, np.maximum(ra, rb)[hook], np.minimum(ra, rb)[hook])
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def _checkerboards(label: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The 2x2 blocks where two cells of one label meet only at a corner: rows, cols."""
    p, q, r, s = label[:-1, :-1], label[:-1, 1:], label[1:, :-1], label[1:, 1:]
    bad = ((p == s) & (q != p) & (r != p)) | ((q == r) & (p != q) & (s != q))
    rows, cols = np.nonzero(bad)
    return rows, cols


def _clean_mask(inside: np.ndarray) -> np.ndarray:
    """The place as one piece without holes or pinches: its biggest patch, holes filled."""
    for _ in range(ROUNDS):
        patches = _components(inside.astype(np.int8))
        ids, counts = np.unique(patches[inside], return_counts=True)
        border = np.unique(
            np.concatenate([patches[[0, -1], :].ravel(), patches[:, [0, -1]].ravel()])
        )
        inside = (patches == ids[np.argmax(counts)]) | (~inside & ~np.isin(patches, border))
        rows, cols = _checkerboards(inside.astype(np.int8))
        if not len(rows):
            return inside
        for dr in (0, 1):
            for dc in (0, 1):
                inside[rows + dr, cols + dc] = True
    raise TilingError("the place's outline would not come out in one piece")


def _drop_fragments(label: np.ndarray) -> None:
    """Unset every patch of a label but its biggest, so each area is one piece."""
    patches = _components(label)
    assigned = label >= 0
    ids, first, counts = np.unique(patches[assigned], return_index=True, return_counts=True)
    owner = label[assigned][first]
    order = np.lexsort((ids, -counts, owner))
    leading = np.r_[True, owner[order][1:] != owner[order][:-1]]
    label[assigned & ~np.isin(patches, ids[order][leading])] = UNSET


def _fill(label: np.ndarray, group: np.ndarray, group_of: np.ndarray) -> None:
    """Give unset cells a neighbour's label from the same group, growing areas into the gaps."""
    ny, nx = label.shape
    while (label == UNSET).any():
        padded = np.pad(label, 1, constant_values=OUTSIDE)
        before = int((label == UNSET).sum())
        for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            near = padded[1 + dy : 1 + dy + ny, 1 + dx : 1 + dx + nx]
            take = (label == UNSET) & (near >= 0) & (group_of[np.maximum(near, 0)] == group)
            label[take] = near[take]
        if int((label == UNSET).sum()) == before:
            raise TilingError("a fragment has no neighbour to join")


def _fix_corners(label: np.ndarray, group: np.ndarray, group_of: np.ndarray) -> bool:
    """Join cells of a label that meet only at a corner by widening the join; say if any did."""
    p, q, r, s = label[:-1, :-1], label[:-1, 1:], label[1:, :-1], label[1:, 1:]
    changed = False
    for a, d, (b, b_at), (c, c_at) in (
        (p, s, (q, (0, 1)), (r, (1, 0))),
        (q, r, (p, (0, 0)), (s, (1, 1))),
    ):
        bad = (a == d) & (a >= 0) & (b != a) & (c != a)
        for other, at in ((b, b_at), (c, c_at)):
            rows, cols = np.nonzero(bad)
            rows, cols = rows + at[0], cols + at[1]
            wanted = a[bad]
            ok = (other[bad] >= 0) & (group[rows, cols] == group_of[wanted])
            label[rows[ok], cols[ok]] = wanted[ok]
            bad[np.nonzero(bad)[0][ok], np.nonzero(bad)[1][ok]] = False
            changed = changed or bool(ok.any())
    return changed


def _repair(label: np.ndarray, group: np.ndarray, group_of: np.ndarray) -> None:
    """Make every label one 4-connected piece with no corner-only joins, within its group."""
    for _ in range(ROUNDS):
        _drop_fragments(label)
        _fill(label, group, group_of)
        if not _fix_corners(label, group, group_of):
            if (np.bincount(label[label >= 0], minlength=len(group_of)) == 0).any():
                raise TilingError("an area got no cells")
            return
    raise TilingError("areas would not come out in one piece")


# --------------------------------------------------------------------------------------------
# Seeds
# --------------------------------------------------------------------------------------------


def _nearest(points: np.ndarray, seeds: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each point's nearest seed, each seed's distance less its weight (so areas vary in size)."""
    out = np.empty(len(points), dtype=np.int64)
    step = max(1, 4_000_000 // max(len(seeds), 1))
    for start in range(0, len(points), step):
        chunk = points[start : start + step]
        d = np.hypot(chunk[:, None, 0] - seeds[None, :, 0], chunk[:, None, 1] - seeds[None, :, 1])
        out[start : start + step] = np.argmin(d - weights[None, :], axis=1)
    return out


def _nearest_tiled(
    px: np.ndarray, py: np.ndarray, seeds: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """`_nearest` for a raster and many seeds: each tile only weighs the seeds that could win."""
    out = np.empty(px.shape, dtype=np.int64)
    for r in range(0, px.shape[0], TILE):
        for c in range(0, px.shape[1], TILE):
            tx, ty = px[r : r + TILE, c : c + TILE], py[r : r + TILE, c : c + TILE]
            x0, x1, y0, y1 = tx.min(), tx.max(), ty.min(), ty.max()
            gap_x = np.maximum(np.maximum(x0 - seeds[:, 0], seeds[:, 0] - x1), 0)
            gap_y = np.maximum(np.maximum(y0 - seeds[:, 1], seeds[:, 1] - y1), 0)
            reach_x = np.maximum(np.abs(seeds[:, 0] - x0), np.abs(seeds[:, 0] - x1))
            reach_y = np.maximum(np.abs(seeds[:, 1] - y0), np.abs(seeds[:, 1] - y1))
            low = np.hypot(gap_x, gap_y) - weights
            near = np.flatnonzero(low <= (np.hypot(reach_x, reach_y) - weights).min())
            points = np.column_stack([tx.ravel(), ty.ravel()])
            found = near[_nearest(points, seeds[near], weights[near])]
            out[r : r + TILE, c : c + TILE] = found.reshape(tx.shape)
    return out


def _relax(
    rng: np.random.Generator, points: np.ndarray, seeds: np.ndarray, rounds: int
) -> np.ndarray:
    """Seeds moved `rounds` times to the middle of their share of a sample of `points`."""
    sample = points[rng.choice(len(points), min(len(points), 60 * len(seeds)), replace=False)]
    for _ in range(rounds):
        owner = _nearest(sample, seeds, np.zeros(len(seeds)))
        count = np.bincount(owner, minlength=len(seeds))
        for axis in (0, 1):
            total = np.bincount(owner, weights=sample[:, axis], minlength=len(seeds))
            seeds[:, axis] = np.where(count > 0, total / np.maximum(count, 1), seeds[:, axis])
    return seeds


def _spread(rng: np.random.Generator, points: np.ndarray, n: int) -> np.ndarray:
    """`n` seeds spread over `points`: drawn at random, then evened out a little, not wholly."""
    seeds = points[rng.choice(len(points), n, replace=False)].astype(float)
    return _relax(rng, points, seeds, 3)


def _weights(rng: np.random.Generator, seeds: np.ndarray, share: float) -> np.ndarray:
    """Random head starts for the seeds, so areas vary in size.

    Each is at most `share` (under a half) of the distance to the seed's nearest neighbour,
    so no seed is crowded out of an area of its own.
    """
    if len(seeds) < 2:
        return np.zeros(len(seeds))
    gap = np.hypot(seeds[:, None, 0] - seeds[None, :, 0], seeds[:, None, 1] - seeds[None, :, 1])
    np.fill_diagonal(gap, np.inf)
    return gap.min(axis=1) * rng.uniform(-share, share, len(seeds))


def _compass_seeds(names: Sequence[str], radius: float) -> np.ndarray:
    """Seeds where the district names say: North in the north, Central in the middle."""
    seeds = []
    for name in names:
        key = name.lower().replace("-", " ")
        if key not in COMPASS:
            raise ValueError(f"district {name!r} is not named for a compass point")
        bearing = COMPASS[key]
        if bearing is None:
            seeds.append((0.0, 0.0))
        else:
            angle = math.radians(bearing)
            seeds.append((radius * math.sin(angle), radius * math.cos(angle)))
    return np.array(seeds)


def _hilbert(points: np.ndarray, order: int = 10) -> np.ndarray:
    """Each point's place along a Hilbert curve: consecutive districts then lie side by side."""
    n = 1 << order
    low, span = points.min(axis=0), np.maximum(np.ptp(points, axis=0), 1e-9)
    x, y = ((points - low) / span * (n - 1)).astype(np.int64).T.copy()
    d = np.zeros(len(points), dtype=np.int64)
    s = n // 2
    while s > 0:
        rx, ry = (x & s) > 0, (y & s) > 0
        d += s * s * ((3 * rx.astype(np.int64)) ^ ry.astype(np.int64))
        flip = ~ry & rx
        x[flip], y[flip] = n - 1 - x[flip], n - 1 - y[flip]
        turn = ~ry
        x[turn], y[turn] = y[turn], x[turn].copy()
        s //= 2
    return d


def _clockwise(seeds: np.ndarray, facing: np.ndarray) -> np.ndarray:
    """Seeds in clockwise order seen from the place's centre, starting behind `facing`.

    Listed wards then run round the city, so the last ward of one district borders the first
    of the next, as the example's school clusters assume.
    """
    bearing = np.degrees(np.arctan2(seeds[:, 0], seeds[:, 1]))
    start = math.degrees(math.atan2(facing[0], facing[1])) + 180
    return np.argsort((bearing - start) % 360, kind="stable")


# --------------------------------------------------------------------------------------------
# Outlines
# --------------------------------------------------------------------------------------------


def _edges(label: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every unit cell edge with different labels either side: start and end nodes (x, y)."""
    padded = np.pad(label, 1, constant_values=OUTSIDE)
    jv, iv = np.nonzero(padded[1:-1, :-1] != padded[1:-1, 1:])
    jh, ih = np.nonzero(padded[:-1, 1:-1] != padded[1:, 1:-1])
    starts = np.concatenate([np.c_[iv, jv], np.c_[ih, jh]])
    ends = np.concatenate([np.c_[iv, jv + 1], np.c_[ih + 1, jh]])
    return starts, ends


def _faces(
    label: np.ndarray, count: int, starts: np.ndarray, ends: np.ndarray
) -> list[shapely.Geometry]:
    """Each label's cells as one polygon in grid units, traced with every node on its edge.

    Neighbours then have the same vertices along every edge they share.
    """
    coords = np.stack([starts, ends], axis=1).reshape(-1, 2).astype(float)
    lines = shapely.linestrings(coords, indices=np.repeat(np.arange(len(starts)), 2))
    faces = shapely.get_parts(shapely.polygonize(lines))
    inner = shapely.get_coordinates(shapely.point_on_surface(faces))
    owner = label[np.floor(inner[:, 1]).astype(np.int64), np.floor(inner[:, 0]).astype(np.int64)]
    cells = np.bincount(label[label >= 0], minlength=count)
    if len(faces) != count or sorted(owner.tolist()) != list(range(count)):
        raise TilingError("an area is not one piece")
    if (shapely.get_num_interior_rings(faces) > 0).any():
        raise TilingError("an area lies inside another")
    shapes: list[shapely.Geometry] = [None] * count
    for face, who in zip(faces, owner.tolist(), strict=True):
        if round(face.area) != cells[who]:
            raise TilingError("a traced outline does not match its cells")
        shapes[who] = face
    return shapes


def _smoothed_nodes(grid: Grid, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Every grid node's position once the boundaries through it are smoothed, in grid units.

    Staircases of cell edges become slopes and curves. Nodes where three areas meet stay put,
    and every ring reads its vertices from this one table, so shared edges stay shared.
    """
    across = grid.nx + 1
    count = across * (grid.ny + 1)
    a = starts[:, 1] * across + starts[:, 0]
    b = ends[:, 1] * across + ends[:, 0]
    free = (np.bincount(a, minlength=count) + np.bincount(b, minlength=count)) == 2
    row, col = np.divmod(np.arange(count), across)
    nodes = np.column_stack([col, row]).astype(float)
    for _ in range(SMOOTHING):
        for axis in (0, 1):
            total = np.bincount(a, nodes[b, axis], count) + np.bincount(b, nodes[a, axis], count)
            nodes[free, axis] = 0.5 * nodes[free, axis] + 0.25 * total[free]
    return nodes


def _to_degrees(
    grid: Grid, centre: tuple[float, float], nodes: np.ndarray, shapes: Sequence[shapely.Geometry]
) -> list[shapely.Geometry]:
    """Shapes traced on grid nodes, moved to the smoothed nodes in longitude and latitude."""
    lon, lat = centre
    per_lon = grid.cell / (KM_PER_DEGREE * math.cos(math.radians(lat)))
    per_lat = grid.cell / KM_PER_DEGREE

    def place(xy: np.ndarray) -> np.ndarray:
        node = nodes[
            np.rint(xy[:, 1]).astype(np.int64) * (grid.nx + 1) + np.rint(xy[:, 0]).astype(np.int64)
        ]
        return np.column_stack(
            [lon + (node[:, 0] - grid.nx / 2) * per_lon, lat + (node[:, 1] - grid.ny / 2) * per_lat]
        )

    moved = [shapely.transform(shape, place) for shape in shapes]
    if not all(shapely.is_valid(moved)):
        raise TilingError("smoothing made an outline cross itself")
    return moved


# --------------------------------------------------------------------------------------------
# The tiling
# --------------------------------------------------------------------------------------------


def _grid(size_km: float, wards: int) -> Grid:
    """A raster fine enough for about CELLS_PER_WARD cells across a ward, within MAX_CELLS."""
    radius = size_km / 2
    side = 3.2 * radius
    ward_km = math.sqrt(math.pi * radius * radius / max(wards, 1))
    cell = max(ward_km / CELLS_PER_WARD, side / math.sqrt(MAX_CELLS))
    n = math.ceil(side / cell)
    return Grid(n, n, cell)


def _place_cells(rng: np.random.Generator, grid: Grid, radius: float) -> np.ndarray:
    """The place's cells: a lobed blob with a wiggly edge, about `radius` km from the centre."""
    wx, wy = _warp(rng, grid, 0.8 * radius)
    theta = np.arctan2(wy, wx)
    lobes = np.arange(2, 6)
    strength = np.r_[rng.uniform(0.06, 0.16), rng.uniform(0.02, 0.07, 3)]
    phase = rng.uniform(0.0, 2 * math.pi, len(lobes))
    wave = strength[:, None, None] * np.cos(lobes[:, None, None] * theta + phase[:, None, None])
    return _clean_mask(np.hypot(wx, wy) < radius * (1 + wave.sum(axis=0)))


def _district_cells(
    rng: np.random.Generator,
    grid: Grid,
    inside: np.ndarray,
    names: Sequence[str],
    radius: float,
    compass: bool,
) -> np.ndarray:
    """Each cell's district (OUTSIDE beyond the place), seeds placed by name or spread about."""
    n = len(names)
    spacing = math.sqrt(inside.sum() * grid.cell**2 / n)
    px, py = _warp(rng, grid, spacing)
    points = np.column_stack([px[inside], py[inside]])
    if compass:
        seeds = _relax(rng, points, _compass_seeds(names, 0.5 * radius), 1)
    else:
        seeds = _spread(rng, points, n)
        seeds = seeds[np.argsort(_hilbert(seeds), kind="stable")]
    weights = _weights(rng, seeds, 0.1)
    label = np.where(inside, _nearest_tiled(px, py, seeds, weights), OUTSIDE)
    _repair(label, np.where(inside, 0, OUTSIDE), np.zeros(n, dtype=np.int64))
    return label


def _ward_cells(
    rng: np.random.Generator,
    grid: Grid,
    district: np.ndarray,
    sizes: Sequence[int],
) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's ward (numbered across districts in listed order), and each ward's district."""
    group_of = np.repeat(np.arange(len(sizes)), sizes)
    first = np.r_[0, np.cumsum(sizes)[:-1]]
    flat = np.full(district.size, OUTSIDE, dtype=np.int64)
    spacing = math.sqrt((district >= 0).sum() * grid.cell**2 / max(len(group_of), 1))
    px, py = (a.ravel() for a in _warp(rng, grid, spacing))
    order = np.argsort(district.ravel(), kind="stable")
    bounds = np.searchsorted(district.ravel()[order], np.arange(len(sizes) + 1))
    for d, n in enumerate(sizes):
        cells = order[bounds[d] : bounds[d + 1]]
        points = np.column_stack([px[cells], py[cells]])
        seeds = _spread(rng, points, n)
        seeds = seeds[_clockwise(seeds, seeds.mean(axis=0))]
        flat[cells] = first[d] + _nearest(points, seeds, _weights(rng, seeds, 0.2))
    label = flat.reshape(district.shape)
    _repair(label, district, group_of)
    return label, group_of


def _check(features: Sequence[Feature], parents: Sequence[int]) -> None:
    """Refuse shapes that are not single valid polygons, or whose children do not tile them."""
    shapes = [shape for _, _, shape in features]
    if any(s.geom_type != "Polygon" or not s.is_valid for s in shapes):
        raise TilingError("a shape is not one valid polygon")
    children: dict[int, list[shapely.Geometry]] = {}
    for shape, parent in zip(shapes, parents, strict=True):
        if parent >= 0:
            children.setdefault(parent, []).append(shape)
    for parent, parts in children.items():
        whole = shapes[parent]
        spread = abs(sum(p.area for p in parts) - whole.area)
        if (
            spread > 1e-10 * whole.area
            or shapely.union_all(parts).symmetric_difference(whole).area > 1e-10 * whole.area
        ):
            raise TilingError(f"{features[parent][0]} is not tiled exactly by its parts")


def _simplified(
    wards: Sequence[shapely.Geometry], codes: Sequence[str], tolerance: float
) -> list[shapely.Geometry]:
    """The wards simplified as one topology, with a smaller tolerance if one is spoilt."""
    for _ in range(4):
        try:
            shapes = [
                shape
                for _, shape in simplify_shared(list(zip(codes, wards, strict=True)), tolerance)
            ]
            if all(s.geom_type == "Polygon" for s in shapes):
                return shapes
            LOG.debug("simplifying by %g degrees split a ward; trying less", tolerance)
        except SimplifyError as error:
            LOG.debug("simplifying by %g degrees failed (%s); trying less", tolerance, error)
        tolerance *= 0.6
    raise TilingError("simplifying spoilt the shapes")


def _unions(
    parts: Sequence[shapely.Geometry], owner: Sequence[int], count: int
) -> list[shapely.Geometry]:
    """Each owner's parts joined into one shape, wound as RFC 7946 asks.

    The parts share their edges vertex for vertex, so the union adds no vertex of its own.
    """
    groups: list[list[shapely.Geometry]] = [[] for _ in range(count)]
    for part, who in zip(parts, owner, strict=True):
        groups[who].append(part)
    return [shapely.orient_polygons(shapely.union_all(g), exterior_cw=False) for g in groups]


def _draw(
    place: tuple[str, str],
    districts: Sequence[District],
    centre: tuple[float, float],
    size_km: float,
    rng: np.random.Generator,
    compass: bool,
) -> list[Feature]:
    """One draw of the tiling; TilingError if an area came out in pieces."""
    sizes = [len(wards) for _, _, wards in districts]
    grid = _grid(size_km, sum(sizes))
    inside = _place_cells(rng, grid, size_km / 2)
    names = [name for _, name, _ in districts]
    district = _district_cells(rng, grid, inside, names, size_km / 2, compass)
    ward, group_of = _ward_cells(rng, grid, district, sizes)
    wards = [w for _, _, listed in districts for w in listed]
    starts, ends = _edges(ward)
    traced = _faces(ward, len(group_of), starts, ends)
    traced = _to_degrees(grid, centre, _smoothed_nodes(grid, starts, ends), traced)
    tolerance = TOLERANCE * grid.cell / KM_PER_DEGREE
    ward_shapes = _simplified(traced, [code for code, _ in wards], tolerance)
    district_shapes = _unions(ward_shapes, group_of.tolist(), len(districts))
    place_shape = _unions(district_shapes, [0] * len(districts), 1)[0]
    features = [(*place, place_shape)]
    features += [
        (code, name, s) for (code, name, _), s in zip(districts, district_shapes, strict=True)
    ]
    features += [(code, name, s) for (code, name), s in zip(wards, ward_shapes, strict=True)]
    _check(features, [-1] + [0] * len(districts) + [1 + int(d) for d in group_of])
    return features


def synthetic_tiling(
    place: tuple[str, str],
    districts: Sequence[tuple[str, str, Sequence[tuple[str, str]]]],
    centre: tuple[float, float],
    size_km: float,
    seed: int,
    compass: bool = False,
) -> list[tuple[str, str, shapely.Geometry]]:
    """Shapes for a place, its districts and their wards that tile each other exactly.

    `centre` is (longitude, latitude); the place is about `size_km` across. With `compass`,
    districts named North, East, ... lie that way. Returns (code, name, Polygon) for the
    place, then each district, then each ward, in the order given.
    """
    if any(not wards for _, _, wards in districts) or not districts:
        raise ValueError("every district needs at least one ward")
    for attempt in range(ATTEMPTS):
        try:
            return _draw(
                place, districts, centre, size_km, np.random.default_rng([seed, attempt]), compass
            )
        except TilingError as error:
            LOG.debug("synthetic boundaries, draw %d: %s", attempt, error)
    raise TilingError(f"no tiling of {place[1]} in {ATTEMPTS} draws")


def boundaries_text(
    place: tuple[str, str],
    districts: Sequence[tuple[str, str, Sequence[tuple[str, str]]]],
    centre: tuple[float, float],
    size_km: float,
    seed: int,
    compass: bool = False,
) -> str:
    """The boundaries file for `synthetic_tiling`'s shapes, written as the importer writes it."""
    return feature_collection_text(
        synthetic_tiling(place, districts, centre, size_km, seed, compass)
    )
