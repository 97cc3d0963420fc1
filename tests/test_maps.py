"""Maps drawn from a small fixture: paths shared between levels, fills by band, key and text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import shapely
from conftest import FIXTURES, materialise
from rendering import render_repository

from laa_publish.model.entities import Partnership
from laa_publish.render.maps.atlas import MAX_AREAS, Level, Shape, build_atlas
from laa_publish.render.maps.classes import PALETTE, band_uppers, bands
from laa_publish.render.maps.draw import (
    Choropleth,
    MapValue,
    choropleth_svg,
    compass,
    describe,
    map_key,
)
from laa_publish.validate.run import check

NORTH, SOUTH, PLACE = "E07000001", "E07000002", "E08000001"


@pytest.fixture(scope="module")
def mapped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return materialise(FIXTURES / "valid" / "boundaries", tmp_path_factory.mktemp("maps") / "r")


@pytest.fixture(scope="module")
def partnership(mapped: Path) -> Partnership:
    result = check(mapped)
    assert result.partnership is not None and result.issues == []
    return result.partnership


def _moves(path: str) -> list[tuple[int, int]]:
    """The absolute vertices of a one-ring path: 'Mx y' then relative 'l' moves, closed by z."""
    match = re.fullmatch(r"M(-?\d+) (-?\d+)l([-\d ]+)z", path)
    assert match, path
    x, y = int(match[1]), int(match[2])
    points = [(x, y)]
    steps = [int(n) for n in match[3].split()]
    for dx, dy in zip(steps[::2], steps[1::2], strict=True):
        x, y = x + dx, y + dy
        points.append((x, y))
    return points


def test_the_atlas_projects_each_level_once_and_neighbours_share_their_edge(
    partnership: Partnership,
) -> None:
    atlas = build_atlas(partnership)
    assert atlas is not None
    assert set(atlas.levels) == {"city", "district"}  # Riverside is abolished; clusters unmapped
    districts = atlas.levels["district"]
    assert list(districts.shapes) == [NORTH, SOUTH]  # name order
    assert districts.drawable and not atlas.levels["city"].drawable  # one area is no map
    north, south = (_moves(districts.shapes[c].path) for c in (NORTH, SOUTH))
    # north of the shared edge is up the page; both squares meet along the same whole-unit line
    assert max(y for _, y in north) == min(y for _, y in south)
    shared = {p for p in north} & {p for p in south}
    assert len(shared) == 2
    # the frame keeps the place's proportions: 0.2 degrees of longitude at 52 N against 0.1 of
    # latitude is about 1.23 : 1
    assert atlas.width / atlas.height == pytest.approx(0.2 * 0.6157 / 0.1, rel=0.03)
    assert compass(atlas, districts.shapes[NORTH].centre) == "north"
    assert compass(atlas, districts.shapes[SOUTH].centre) == "south"


def test_quantile_bands_and_shades_follow_polarity() -> None:
    assert band_uppers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == (2, 4, 6, 8)
    assert band_uppers([3, 3, 3]) == ()
    assert band_uppers([1, 1, 1, 2]) == (1,)
    worse_high = bands([1.0, 2.0, 3.0], "lower_is_better")
    better_high = bands([1.0, 2.0, 3.0], "higher_is_better")
    # the darkest shade always marks the worst values
    assert worse_high.shades[worse_high.band(3.0)] == PALETTE[-1]
    assert better_high.shades[better_high.band(1.0)] == PALETTE[-1]
    assert better_high.shades[better_high.band(3.0)] == PALETTE[0]
    neither = bands([1.0, 2.0], "none")
    assert neither.worst_high is None and neither.shades[neither.band(2.0)] == PALETTE[-1]


def _values() -> list[MapValue]:
    return [
        MapValue(NORTH, "North Testford", 23.5, "23.5%", False, "worse"),
        MapValue(SOUTH, "South Testford", 17.5, "17.5%", False, "better"),
    ]


def test_a_choropleth_fills_each_area_by_its_band_with_a_key_and_a_true_description(
    partnership: Partnership,
) -> None:
    atlas = build_atlas(partnership)
    assert atlas is not None
    level = atlas.levels["district"]
    values = _values()
    spec = Choropleth(
        "map-district",
        "Children in poverty: districts, 2024-25",
        "districts",
        "Testford",
        True,
        bands([v.value for v in values if v.value is not None], "lower_is_better"),
    )
    svg = choropleth_svg(atlas, level, spec, values)
    key = map_key(spec, values, spec.ident)
    north, south = level.shapes[NORTH].path, level.shapes[SOUTH].path
    # lower is better: the higher figure is the darker, worse band
    assert f'<path d="{north}" fill="{PALETTE[-1]}"/>' in svg
    assert f'<path d="{south}" fill="{PALETTE[0]}"/>' in svg
    assert svg.count("<path ") == 2
    desc = re.search(r'<desc id="map-district-desc">(.*?)</desc>', svg)
    assert desc is not None
    assert desc[1] == (
        "Highest: North Testford, 23.5%. Lowest: South Testford, 17.5%. 1 of 2 districts with "
        "a figure do better than Testford, 1 worse."
    )
    assert 'aria-labelledby="map-district-title map-district-desc"' in svg
    items = re.findall(r'fill="([^"]+)"[^>]*/></svg> ([^<]+)</li>', key)
    # best first, so the key reads from good to bad
    assert items == [(PALETTE[0], "17.5% (1)"), (PALETTE[-1], "23.5% (1)")]
    assert "Lighter is better, darker is worse." in key


def test_missing_and_suppressed_areas_get_patterns_not_colours(partnership: Partnership) -> None:
    atlas = build_atlas(partnership)
    assert atlas is not None
    values = [
        MapValue(NORTH, "North Testford", 23.5, "23.5%", False, "worse"),
        MapValue(SOUTH, "South Testford", None, "[c]", True, ""),
    ]
    spec = Choropleth("m", "t", "districts", "Testford", True, bands([23.5], "lower_is_better"))
    svg = choropleth_svg(atlas, atlas.levels["district"], spec, values)
    key = map_key(spec, values, "m")
    assert 'fill="url(#m-c)"><title>South Testford: [c] suppressed</title>' in svg
    assert '<pattern id="m-c"' in svg and "[c] suppressed</li>" in key
    assert '<pattern id="m-key-c"' in key  # the key draws its own swatch's dots
    assert "no figure</li>" not in key  # nothing is missing, so the key does not list it
    assert describe(spec, values).endswith(
        "0 of 1 districts with a figure do better than Testford, 1 worse. 1 suppressed [c]."
    )
    counts = Choropleth("m", "t", "districts", "Testford", False, None)
    gone = [MapValue(NORTH, "North Testford", None, "", False, "")]
    assert describe(counts, gone) == "1 with no figure."


def test_a_level_with_too_many_areas_is_not_drawn() -> None:
    shape = Shape("X", "M0 0l1 0 0 1z", (0, 0), (0.0, 0.0))
    assert not Level("neighbourhood", {f"A{i}": shape for i in range(MAX_AREAS + 1)}).drawable
    assert Level("neighbourhood", {f"A{i}": shape for i in range(MAX_AREAS)}).drawable


def test_pages_carry_the_maps_with_the_same_figures_as_their_tables(
    mapped: Path, tmp_path: Path
) -> None:
    site = render_repository(mapped, tmp_path / "cache")
    pages = site.rendered.files
    ni116 = pages["indicators/NI-116.md"]
    figure = re.search(
        r"<figure class=\"laa-map\" id=\"map-district\"[^>]*>.*?</figure>", ni116, re.S
    )
    assert figure is not None
    # the drawing is a file of its own, shown as an image whose text alternative says the same
    image = re.search(r'<img class="laa-map-img" src="([^"]+)" alt="([^"]+)"', figure[0])
    assert image is not None and image[1] == "../maps/NI-116-district.svg"
    svg = site.rendered.drawings["maps/NI-116-district.svg"]
    assert svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg
    # the latest published figures: 2024-25 is suppressed in both districts, so 2023-24 shows,
    # in the map's title, its shapes, its key and the table beside it alike
    assert image[2].startswith("Children in poverty: districts, 2023-24. Highest: North")
    assert f'fill="{PALETTE[-1]}"/>' in svg and "24.0% (1)</li>" in figure[0]
    assert f'fill="{PALETTE[0]}"/>' in svg and "16.5% (1)</li>" in figure[0]
    table = ni116[figure.end() :]
    assert re.search(r"North Testford</a></th><td[^>]*>24.0%", table)
    assert re.search(r"South Testford</a></th><td[^>]*>16.5%", table)
    # Testford's latest is 2024-25, so neither district is compared with it, on the map or in
    # the table
    gist = "2 not compared with Testford, whose latest figure is for another period."
    assert gist in image[2] and f"{gist}</desc>" in svg
    # the district page shows where it lies; the areas index links each numbered area
    assert (
        "A map of Testford divided into its 2 districts: North Testford, South Testford."
        in (site.rendered.drawings[f"maps/areas/{PLACE}.svg"])
    )
    assert 'id="map-locator"' in pages[f"areas/{NORTH}.md"]
    assert "lies in the north of Testford" in pages[f"areas/{NORTH}.md"]
    assert "lies in the north of Testford" in site.rendered.drawings[f"maps/areas/{NORTH}.svg"]
    cluster = pages["areas/TST-SC-01.md"]
    assert "districts that Central school cluster covers parts of shaded" in cluster
    assert 'src="../maps/areas/TST-SC-01.svg"' in cluster
    index = pages["areas/index.md"]
    assert f'<a href="{NORTH}.html"><path' in index and f'<a href="{SOUTH}.html"><path' in index
    assert re.search(r"<text x=\"\d+\" y=\"\d+\">1</text><text x=\"\d+\" y=\"\d+\">2</text>", index)
    assert '<ol class="laa-map-numbers"><li><a href="E07000001.html">North Testford</a>' in index


def test_no_boundaries_means_no_maps(tmp_path: Path) -> None:
    site = render_repository(materialise(None, tmp_path / "r"), tmp_path / "cache")
    assert not any("laa-map" in text for text in site.rendered.files.values())


def test_shapes_come_from_the_file_unchanged(partnership: Partnership) -> None:
    north = partnership.boundaries[NORTH]
    assert shapely.equals(north, shapely.box(-1.5, 52.05, -1.3, 52.1))
