"""The example's synthetic boundaries: wards tile districts, districts tile the place, exactly."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
import shapely

from laa_publish.geo.budget import BOUNDARIES_FILE, size_budget
from laa_publish.validate.boundaries import UK_LATITUDE, UK_LONGITUDE
from laa_publish.validate.run import check
from tools.example.shapes import boundaries_text, synthetic_tiling

REPO = Path(__file__).resolve().parents[1]
District = tuple[str, str, list[tuple[str, str]]]
SMALL: list[District] = [
    (f"D{d}", f"District {d}", [(f"W{d}{w}", f"Ward {d}{w}") for w in range(4)]) for d in range(3)
]
# districts of one ward and of many, side by side
MIXED: list[District] = [
    (f"D{d}", f"District {d}", [(f"W{d}{w}", f"Ward {d}{w}") for w in range(n)])
    for d, n in enumerate((1, 6, 3))
]


def _tiles(parts: list[shapely.Geometry], whole: shapely.Geometry) -> None:
    """The parts cover the whole with no overlap and nothing left over."""
    for a, b in itertools.combinations(parts, 2):
        assert shapely.intersection(a, b).area < 1e-12
    union = shapely.union_all(parts)
    assert shapely.symmetric_difference(union, whole).area < 1e-10 * whole.area


def _single_polygons_in_the_uk(shapes: Sequence[shapely.Geometry]) -> None:
    """Each shape is one valid polygon, drawn within the validator's bounds for the UK."""
    for g in shapes:
        assert g.geom_type == "Polygon" and shapely.is_valid(g)
        x, y = shapely.get_coordinates(g).T
        assert UK_LONGITUDE[0] <= x.min() and x.max() <= UK_LONGITUDE[1]
        assert UK_LATITUDE[0] <= y.min() and y.max() <= UK_LATITUDE[1]


@pytest.mark.parametrize("districts", [SMALL, MIXED], ids=["3x4", "1-6-3"])
def test_a_small_tiling_nests_exactly_and_is_the_same_twice(districts: list[District]) -> None:
    out = synthetic_tiling(("P", "Place"), districts, (-1.0, 52.0), 10.0, 7)
    codes = ["P"] + [d for d, _, _ in districts] + [w for _, _, ws in districts for w, _ in ws]
    assert [code for code, _, _ in out] == codes
    shapes = {code: g for code, _, g in out}
    _single_polygons_in_the_uk(list(shapes.values()))
    for code, _, wards in districts:
        _tiles([shapes[w] for w, _ in wards], shapes[code])
    _tiles([shapes[code] for code, _, _ in districts], shapes["P"])
    text = boundaries_text(("P", "Place"), districts, (-1.0, 52.0), 10.0, 7)
    assert text == boundaries_text(("P", "Place"), districts, (-1.0, 52.0), 10.0, 7)
    assert text != boundaries_text(("P", "Place"), districts, (-1.0, 52.0), 10.0, 8)


def test_the_example_ships_a_valid_tiling_of_its_current_areas() -> None:
    path = REPO / BOUNDARIES_FILE
    result = check(REPO)
    assert result.partnership is not None
    assert not [i for i in result.issues if i.code.startswith("boundary-")]
    p = result.partnership
    current = {
        a.code for a in p.areas.values() if a.valid_to is None and a.level != "school_cluster"
    }
    data = json.loads(path.read_text(encoding="utf-8"))
    drawn = [f["properties"]["code"] for f in data["features"]]
    # one feature for every current area but the school clusters, and no other
    assert sorted(drawn) == sorted(current)
    assert len(path.read_bytes()) <= size_budget(len(current))
    shapes = p.boundaries
    _single_polygons_in_the_uk(list(shapes.values()))
    for district in (a for a in p.areas.values() if a.level == "district"):
        wards = [c.code for c in p.children(district.code) if c.code in shapes]
        assert len(wards) == 4
        _tiles([shapes[w] for w in wards], shapes[district.code])
    districts = [a.code for a in p.areas.values() if a.level == "district"]
    _tiles([shapes[d] for d in districts], shapes[p.settings.place_area])
    # plausible shapes: between 15 and 60 corners a ward
    corners = [
        len(f["geometry"]["coordinates"][0]) - 1
        for f in data["features"]
        if p.areas[f["properties"]["code"]].level == "neighbourhood"
    ]
    assert min(corners) >= 15 and max(corners) <= 60


def test_districts_named_for_the_compass_lie_that_way() -> None:
    districts = [
        (f"D{i}", name, [(f"W{i}{w}", "w") for w in range(3)])
        for i, name in enumerate(("North", "East", "South", "West"))
    ]
    tiling = synthetic_tiling(("P", "P"), districts, (-1.0, 52.0), 10.0, 3, compass=True)
    out = {c: g for c, _, g in tiling}
    centre = out["P"].centroid
    assert out["D0"].centroid.y > centre.y and out["D2"].centroid.y < centre.y
    assert out["D1"].centroid.x > centre.x and out["D3"].centroid.x < centre.x


def test_a_compass_tiling_needs_compass_names() -> None:
    districts = [("D0", "Riverside", [("W0", "w")]), ("D1", "North", [("W1", "w")])]
    with pytest.raises(ValueError, match="Riverside"):
        synthetic_tiling(("P", "P"), districts, (-1.0, 52.0), 10.0, 3, compass=True)
