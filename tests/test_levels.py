"""Declared area levels: a city with wards and no districts works like the standard levels."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, materialise

from laa_publish.compute.progress import compute, publishable
from laa_publish.issues import has_errors
from laa_publish.load.history import History
from laa_publish.model.entities import Partnership
from laa_publish.model.levels import DEFAULT_LEVELS, Level, Levels, build_levels
from laa_publish.render.site import Rendered, render_site
from laa_publish.validate.run import check

CITY = "E08000001"
WARDS = ("E05000011", "E05000012", "E05000013")


def test_the_tree_runs_from_the_smallest_level_up_and_leaves_groupings_out() -> None:
    assert DEFAULT_LEVELS.tree == ("neighbourhood", "district", "city", "county")
    assert DEFAULT_LEVELS.small_areas == ("neighbourhood", "school_cluster")
    assert DEFAULT_LEVELS.tops == ("city", "county")
    assert not DEFAULT_LEVELS.in_tree("school_cluster", "city")
    assert DEFAULT_LEVELS.in_tree("district", "county")


def test_declared_levels_keep_their_order_names_and_flags() -> None:
    levels = build_levels(
        [
            {"id": "country", "name": "Country", "plural": "Countries"},
            {"id": "region", "name": "Region", "plural": "Regions", "parent": "country"},
            {"id": "lsoa", "name": "LSOA", "plural": "LSOAs", "parent": ["region"]},
            {
                "id": "pcn",
                "name": "Primary care network",
                "plural": "Primary care networks",
                "parent": "region",
                "geographic": False,
                "small_area": True,
            },
        ]
    )
    assert levels.ids == ("country", "region", "lsoa", "pcn")
    assert levels.tree == ("lsoa", "region", "country")
    assert levels.small_areas == ("pcn",)
    assert levels.of("lsoa").nouns == "LSOAs"  # an acronym keeps its capitals in running text
    assert levels.of("pcn").nouns == "primary care networks"
    assert levels.depth("lsoa") == 2 and levels.depth("country") == 0


def test_no_declaration_means_the_standard_levels_and_an_unknown_id_reads_as_itself() -> None:
    assert build_levels(None) is DEFAULT_LEVELS
    assert DEFAULT_LEVELS.of("parish") == Level("parish", "Parish", "Parishs")
    assert "parish" not in DEFAULT_LEVELS


def test_a_loop_of_parents_is_found_and_ends() -> None:
    levels = Levels(
        (
            Level("a", "A", "As", ("b",)),
            Level("b", "B", "Bs", ("a",)),
            Level("c", "C", "Cs", ("a",)),
        )
    )
    assert levels.looped == frozenset({"a", "b"})
    assert levels.depth("c") >= 1  # does not run forever
    assert levels.tops == ()


@pytest.fixture(scope="module")
def wards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Partnership, Rendered]:
    root = materialise(FIXTURES / "valid" / "city-and-wards", tmp_path_factory.mktemp("w") / "r")
    result = check(root)
    assert not has_errors(result.issues), result.issues
    assert result.partnership is not None
    p = result.partnership
    return p, render_site(p, compute(p), History())


def test_wards_roll_up_into_the_city_with_no_districts_between(
    wards: tuple[Partnership, Rendered],
) -> None:
    p, _ = wards
    frame = publishable(p, "LOC-SSC-01")
    assert frame is not None
    city = frame[(frame["area"] == CITY) & (frame["period"] == "2024-Q2")]
    assert city["value"].tolist() == [155.0]  # 70 + 81 + 4, computed: no city figure was sent
    assert city["derived"].tolist() == [True]
    assert city["note"].tolist() == ["Computed from 3 ward figures."]


def test_a_declared_small_area_level_is_under_disclosure_control(
    wards: tuple[Partnership, Rendered],
) -> None:
    p, _ = wards
    frame = publishable(p, "LOC-SSC-01")
    assert frame is not None
    latest = frame[frame["period"] == "2024-Q2"].set_index("area")
    assert latest.loc["E05000013", "suppression"] != ""  # a count of 4 in a ward
    assert latest.loc["E05000013", "value"] != latest.loc["E05000013", "value"]  # hidden: NaN
    hidden = [code for code in WARDS if latest.loc[code, "suppression"]]
    assert len(hidden) == 2  # and one more, so the city total does not give it away
    assert latest.loc[CITY, "suppression"] == ""  # the whole place is not a small area


def test_pages_name_the_declared_levels(wards: tuple[Partnership, Rendered]) -> None:
    _, rendered = wards
    ward = rendered.files["areas/E05000011.md"]
    city = rendered.files[f"areas/{CITY}.md"]
    index = rendered.files["areas/index.md"]
    assert "**Level:** Ward" in ward
    assert "- **Wards:** [Ashby](E05000011.md), [Brook](E05000012.md), [Castle](E05000013.md)" in (
        city
    )
    assert "### Wards" in index and "Map of the 3 wards of Testford" in index
    assert "Where Ashby is in Testford" in ward  # its locator map, among its sibling wards
    [areas] = [entry["Areas"] for entry in rendered.nav if "Areas" in entry]
    sections = {title for entry in areas if isinstance(entry, dict) for title in entry}
    assert sections == {"City", "Wards"}


def test_the_place_area_must_be_at_a_top_level(tmp_path: Path) -> None:
    root = materialise(FIXTURES / "valid" / "city-and-wards", tmp_path / "repo")
    settings = root / "site_config/partnership.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace(f"place_area: {CITY}", "place_area: E05000011"), "utf-8")
    found = [i for i in check(root).issues if i.code == "level-hierarchy"]
    assert len(found) == 1
    assert found[0].path == "site_config/partnership.yaml" and found[0].line == 4
    assert '"E05000011" is at level "ward"' in found[0].message
    assert '"city"' in found[0].hint
