"""How large the boundaries file may be: one rule for the validator's cap and the importer's aim."""

from __future__ import annotations

BOUNDARIES_FILE = "data/registers/boundaries.geojson"
# the same shapes as TopoJSON, whose shared arcs make a large place's file smaller
TOPOJSON_FILE = "data/registers/boundaries.topojson"
# a fixed part for the place's outline and the file's frame, and a share for each mapped area:
# 30 areas may take 200 KB, enough for a ward's shape at street-level detail, small enough
# for every map of a build to be projected from it in well under a second
BASE_BYTES = 50_000
BYTES_PER_AREA = 5_000
# five decimal places of a degree are about a metre: finer adds bytes, not detail
DECIMALS = 5


def size_budget(areas: int) -> int:
    """The most bytes a boundaries file for `areas` mapped areas may take."""
    return BASE_BYTES + BYTES_PER_AREA * max(areas, 0)
