"""`boundaries import` on Bristol's real ward boundaries: under budget, valid, with no gaps."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import shapely
from conftest import CliResult

from laa_publish.geo.budget import BOUNDARIES_FILE, size_budget
from laa_publish.geo.simplify import simplify_shared
from laa_publish.validate.boundaries import UK_LATITUDE, UK_LONGITUDE

BRISTOL = (
    Path(__file__).resolve().parents[2]
    / "shared/realdata/opensdg-sample/bristol/geojson"
    / "Bristol_Wards_(December_2020)_UK_BGC_V2.geojson"
)
CITY = "E06000023"
pytestmark = pytest.mark.skipif(not BRISTOL.is_file(), reason="the shared real data is absent")


def _register(root: Path) -> list[str]:
    """Bristol and its 34 wards, as a partnership would register them."""
    wards = sorted(
        (f["properties"]["WD20CD"], f["properties"]["WD20NM"])
        for f in json.loads(BRISTOL.read_text(encoding="utf-8"))["features"]
    )
    lines = ["areas:", f"  - code: {CITY}", "    name: Bristol", "    level: city"]
    for code, name in wards:
        lines += [f"  - code: {code}", f'    name: "{name}"', "    level: neighbourhood"]
        lines += [f"    parent: {CITY}"]
    (root / "data/registers").mkdir(parents=True)
    (root / "data/registers/areas.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [code for code, _ in wards]


def _shapes(path: Path, key: str = "code") -> dict[str, shapely.Geometry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        f["properties"][key]: shapely.from_geojson(json.dumps(f["geometry"]))
        for f in data["features"]
    }


def _overlap(shapes: list[shapely.Geometry]) -> float:
    return sum(
        shapely.intersection(a, b).area
        for a, b in itertools.combinations(shapes, 2)
        if shapely.intersects(a, b)
    )


def _gaps(shapes: list[shapely.Geometry], outline: shapely.Geometry) -> float:
    """Area enclosed by wards but covered by none of them, where the wards once were.

    A hole that was never ward land, such as the River Avon once simplifying closes its
    mouth, is not a gap between neighbours: a hole counts when most of it lay inside the
    original wards.
    """
    union = shapely.union_all(shapes)
    holes = [shapely.Polygon(h) for p in shapely.get_parts(union) for h in p.interiors]
    return sum(h.area for h in holes if shapely.intersection(h, outline).area > 0.5 * h.area)


@pytest.mark.parametrize("budget", [None, 30_000], ids=["default-budget", "tight-budget"])
def test_bristol_imports_under_budget_with_no_gaps_or_overlaps(
    tmp_path: Path, run_cli: Callable[..., CliResult], budget: int | None
) -> None:
    wards = _register(tmp_path)
    args = ["boundaries", "import", str(BRISTOL), "--root", str(tmp_path)]
    result = run_cli(*args, *(["--budget", str(budget)] if budget else []))
    assert result.code == 0, result.err
    written = tmp_path / BOUNDARIES_FILE
    size = len(written.read_bytes())
    assert size <= (budget or size_budget(35))
    assert "keyed by 'WD20CD'" in result.out and "Built 1 larger areas" in result.out
    shapes = _shapes(written)
    assert sorted(shapes) == sorted([*wards, CITY])
    original = _shapes(BRISTOL, "WD20CD")
    outline = shapely.union_all(list(original.values()))
    mine = [shapes[w] for w in wards]
    for code, shape in shapes.items():
        assert shapely.is_valid(shape), code
        for polygon in shapely.get_parts(shape):
            assert polygon.exterior.is_ccw, code  # RFC 7946 winding
        x, y = shapely.get_coordinates(shape).T
        assert UK_LONGITUDE[0] <= x.min() and x.max() <= UK_LONGITUDE[1]
        assert UK_LATITUDE[0] <= y.min() and y.max() <= UK_LATITUDE[1]
    text = written.read_text(encoding="utf-8")
    assert max(len(d) for d in re.findall(r"-?\d+\.(\d+)", text)) <= 5  # about a metre
    # the measured gaps and overlaps between neighbouring wards are nil
    assert _overlap(mine) < 1e-12
    assert _gaps(mine, outline) < 1e-12
    assert shapely.difference(shapely.union_all(mine), shapes[CITY]).area < 1e-12
    assert shapely.difference(shapes[CITY], shapely.union_all(mine)).area < 1e-12
    # and the place keeps its shape: the outline moves by under 2% of its area
    assert shapely.symmetric_difference(outline, shapes[CITY]).area < 0.02 * outline.area
    # neighbours still meet along a line, not at points or across a sliver
    for a, b in itertools.combinations(wards, 2):
        if (
            shapely.touches(original[a], original[b])
            and shapely.intersection(original[a].boundary, original[b].boundary).length > 1e-3
        ):
            assert shapely.intersection(shapes[a].boundary, shapes[b].boundary).length > 0, (a, b)


def test_simplifying_each_ward_alone_would_open_gaps_that_the_import_does_not() -> None:
    original = _shapes(BRISTOL, "WD20CD")
    codes = sorted(original)
    outline = shapely.union_all(list(original.values()))
    tolerance = 0.001  # about 110 m, what the tight budget above needs
    naive = [shapely.simplify(original[c], tolerance) for c in codes]
    shared = [g for _, g in simplify_shared([(c, original[c]) for c in codes], tolerance)]
    naive_gaps, naive_overlap = _gaps(naive, outline), _overlap(naive)
    assert naive_gaps > 1e-6 and naive_overlap > 1e-6  # slivers of thousands of square metres
    assert _overlap(shared) < 1e-12 and _gaps(shared, outline) < 1e-12


def test_two_imports_write_the_same_bytes(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    _register(tmp_path)
    texts = []
    for name in ("a.geojson", "b.geojson"):
        out = tmp_path / name
        run_cli("boundaries", "import", str(BRISTOL), "--root", str(tmp_path), "--output", str(out))
        texts.append(out.read_bytes())
    assert texts[0] == texts[1]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json", "is not valid JSON"),
        ('{"type": "Feature"}', "is not a GeoJSON FeatureCollection"),
        (
            '{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": '
            '"urn:ogc:def:crs:EPSG::27700"}}, "features": [{"type": "Feature"}]}',
            "British National Grid",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"LAD23CD": "E06000001"}, "geometry": null}]}',
            "No property of the features holds a code from the area register",
        ),
        (
            '{"type": "FeatureCollection", "features": {"not": "a list"}}',
            "has no features",
        ),
        ("[" * 100_000 + "]" * 100_000, "is not valid JSON"),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"WD20CD": "E05010885"}, "geometry": null}]}',
            "The feature for E05010885 has no geometry",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"WD20CD": "E05010885"}, "geometry": {"type": "Polygon", "coordinates": "x"}}]}',
            "The feature for E05010885 has a geometry that cannot be read",
        ),
    ],
    ids=[
        "not-json",
        "not-a-collection",
        "wrong-crs",
        "no-code-property",
        "features-not-a-list",
        "nested-too-deep",
        "no-geometry",
        "unreadable-geometry",
    ],
)
def test_bad_input_is_one_clear_error_without_a_traceback(
    tmp_path: Path, run_cli: Callable[..., CliResult], content: str, words: str
) -> None:
    _register(tmp_path)
    source = tmp_path / "download.geojson"
    source.write_text(content, encoding="utf-8")
    result = run_cli("boundaries", "import", str(source), "--root", str(tmp_path))
    assert result.code == 1
    assert words in result.err and "Traceback" not in result.err + result.out
    assert not (tmp_path / BOUNDARIES_FILE).exists()


@pytest.mark.parametrize("budget", ["0", "-5", "12kb", "1e5"])
def test_a_budget_that_is_not_a_byte_count_is_a_usage_error(
    tmp_path: Path, run_cli: Callable[..., CliResult], budget: str
) -> None:
    _register(tmp_path)
    args = ("boundaries", "import", str(BRISTOL), "--root", str(tmp_path), "--budget", budget)
    result = run_cli(*args)
    assert result.code == 2 and "positive whole number of bytes" in result.err
    assert not (tmp_path / BOUNDARIES_FILE).exists()


def test_repeated_and_missing_wards_are_reported_and_the_city_is_marked_partial(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    codes = _register(tmp_path)
    data = json.loads(BRISTOL.read_text(encoding="utf-8"))
    features = [f for f in data["features"] if f["properties"]["WD20CD"] != codes[0]]
    data["features"] = [*features, features[0]]
    source = tmp_path / "download.geojson"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("boundaries", "import", str(source), "--root", str(tmp_path))
    assert result.code == 0, result.err
    repeated = features[0]["properties"]["WD20CD"]
    assert f"Left out 1 repeated features, keeping the first of each code: {repeated}" in result.out
    assert f"{CITY} (33 of 34 parts)" in result.out
    written = _shapes(tmp_path / BOUNDARIES_FILE)
    assert codes[0] not in written and len(written) == 34
