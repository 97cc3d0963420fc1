"""Reading and checking the boundaries file, beyond the fixture cases' positions."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from conftest import FIXTURES, materialise

from laa_publish.geo.budget import BOUNDARIES_FILE, TOPOJSON_FILE, size_budget
from laa_publish.load.boundaries import load_boundaries_bytes
from laa_publish.load.json_positions import first_duplicate_key, json_positions
from laa_publish.load.positions import Position
from laa_publish.validate.run import check

GEOJSON = FIXTURES / "valid" / "boundaries" / BOUNDARIES_FILE
TOPOJSON = FIXTURES / "valid" / "boundaries-topojson" / TOPOJSON_FILE


def test_positions_follow_nesting_strings_and_empty_containers() -> None:
    text = '[{}, "x,]", {"k": [], "z": "a\\"b"},\n {"deep": [[1, 2], [3, 4]]}]'
    found = json_positions(text)
    assert found[(1,)] == Position(1, 6)
    assert found[(2, "z")] == Position(1, 28)
    assert found[(3, "deep", 1, 0)] == Position(2, 21)
    assert len(found) == len({k for k in found})  # one position a value
    assert first_duplicate_key(text) is None
    assert first_duplicate_key('{"a": {"b": 1}, "c": {"b": 2, "b": 3}}') == ("b", Position(1, 31))


def test_topojson_arcs_decode_to_the_same_shapes_as_the_geojson() -> None:
    geo, issues = load_boundaries_bytes(GEOJSON.read_bytes(), BOUNDARIES_FILE)
    topo, more = load_boundaries_bytes(TOPOJSON.read_bytes(), TOPOJSON_FILE)
    assert geo is not None and topo is not None and issues == more == []

    def shapes(doc: object) -> dict[str, shapely.Geometry]:
        return {
            s.code: shapely.from_geojson(json.dumps(s.geometry))
            for s in doc.shapes  # type: ignore[attr-defined]
        }

    left, right = shapes(geo), shapes(topo)
    assert sorted(left) == sorted(right)
    for code, shape in left.items():
        assert shapely.equals_exact(shapely.normalize(shape), shapely.normalize(right[code]), 1e-9)


def test_only_collections_and_topologies_are_read() -> None:
    doc, issues = load_boundaries_bytes(b'{"type": "Feature"}', BOUNDARIES_FILE)
    assert doc is None
    assert [(i.code, i.line) for i in issues] == [("boundary-format", 1)]
    assert "'Feature'" in issues[0].message and "FeatureCollection" in issues[0].message


def test_a_file_over_its_budget_is_refused_with_the_figures(tmp_path: Path) -> None:
    root = materialise(FIXTURES / "valid" / "boundaries", tmp_path / "r")
    path = root / BOUNDARIES_FILE
    text = path.read_text(encoding="utf-8")
    budget = size_budget(3)  # Testford and its two districts
    assert budget == 65_000
    padded = text.rstrip() + " " * (budget - len(text.encode()) + 1) + "\n"
    path.write_text(padded, encoding="utf-8")
    issues = check(root).issues
    assert [(i.code, i.path) for i in issues] == [("boundary-too-large", BOUNDARIES_FILE)]
    assert f"{budget + 1:,} bytes" in issues[0].message and "65,000" in issues[0].message
    path.write_text(text.rstrip() + " " * (budget - len(text.encode()) - 2) + "\n")
    assert check(root).issues == []


def test_latitude_first_is_named_as_such(tmp_path: Path) -> None:
    root = materialise(FIXTURES / "invalid" / "boundary-geometry", tmp_path / "r")
    found = [i for i in check(root).issues if i.code == "boundary-coordinates"]
    assert len(found) == 1
    assert "[52.05, -1.4] is not in the United Kingdom" in found[0].message
    assert "latitude written before longitude" in found[0].message
    assert "Swap the two numbers" in found[0].hint


def test_the_crossing_is_named_where_the_engine_found_it(tmp_path: Path) -> None:
    root = materialise(FIXTURES / "invalid" / "boundary-geometry", tmp_path / "r")
    found = [i for i in check(root).issues if i.code == "boundary-invalid-shape"]
    assert [i.message.split(": ", 1)[1] for i in found] == [
        "the shape is not valid: self-intersection at -1.40000, 52.05000. A boundary may not "
        "cross itself, and its holes must lie inside it without crossing it."
    ]


def test_a_place_keeps_one_boundaries_file(tmp_path: Path) -> None:
    root = materialise(FIXTURES / "valid" / "boundaries", tmp_path / "r")
    (root / TOPOJSON_FILE).write_bytes(TOPOJSON.read_bytes())
    issues = check(root).issues
    assert [(i.code, i.path) for i in issues] == [("boundary-format", TOPOJSON_FILE)]


def test_the_valid_shapes_reach_the_model(tmp_path: Path) -> None:
    root = materialise(FIXTURES / "valid" / "boundaries-topojson", tmp_path / "r")
    result = check(root)
    assert result.issues == [] and result.partnership is not None
    shapes = result.partnership.boundaries
    assert sorted(shapes) == ["E07000001", "E07000002", "E08000001"]
    assert shapely.equals(
        shapes["E08000001"], shapely.union_all([shapes["E07000001"], shapes["E07000002"]])
    )
