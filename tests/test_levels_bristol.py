"""Bristol's real wards under declared levels: a unitary city with 34 wards and no districts.

Real data beats our fixtures. Bristol publishes ward figures with no district between the
wards and the city, which the fixed levels could not register without inventing areas. Here
the partnership declares `city` and `ward`, registers the 34 wards from the ONS boundary
file, imports those boundaries, and publishes Bristol's real indicator 11-1-1-c (a ward
series with the city-wide figure on rows with no code) as a measure with no better
direction, as Open SDG data has none.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import materialise

from laa_publish.compute.progress import NOT_JUDGED, compute
from laa_publish.geo.importer import import_boundaries
from laa_publish.issues import has_errors
from laa_publish.load.history import History
from laa_publish.model.entities import Partnership
from laa_publish.render.site import Rendered, render_site
from laa_publish.validate.run import check

REAL = Path(__file__).resolve().parents[2] / "shared/realdata"
WARDS_FILE = REAL / "opensdg-sample/bristol/geojson/Bristol_Wards_(December_2020)_UK_BGC_V2.geojson"
FIGURES = REAL / "bristol_indicator_11-1-1-c.csv"
BRISTOL = "E06000023"
pytestmark = pytest.mark.skipif(
    not (WARDS_FILE.is_file() and FIGURES.is_file()), reason="the shared real data is absent"
)
INDICATOR = """\
id: BRS-11-1-1-C
title: Ward indicator 11.1.1 (c), from Bristol's Open SDG data
outcome: CYP-1
partner: city-council
definition: Bristol's local indicator 11.1.1 (c), by ward, as published in its Open SDG data.
source: Bristol City Council, sdg-data-bristol (MIT licence).
methodology: As published by Bristol City Council.
limitations: Imported as published; no target or better direction is set.
contact:
  name: Research team
  email: research@testford.example.org
unit: percentage
decimals: 1
polarity: none
frequency: annual
period_type: financial_year
aggregation: none
"""


def _register(root: Path) -> list[tuple[str, str]]:
    """Bristol, its 34 wards (named as the ONS file names them) and the city-and-ward levels."""
    features = json.loads(WARDS_FILE.read_text(encoding="utf-8"))["features"]
    wards = sorted((f["properties"]["WD20CD"], f["properties"]["WD20NM"]) for f in features)
    lines = ["areas:", f"  - {{code: {BRISTOL}, name: Bristol, level: city,"]
    lines[-1] += " valid_from: 2016-05-05}"
    for code, name in wards:
        lines.append(
            f"  - {{code: {code}, name: {json.dumps(name)}, level: ward, parent: {BRISTOL},"
            " valid_from: 2016-05-05}"
        )
    (root / "data/registers/areas.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = root / "site_config/partnership.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("place: Testford", "place: Bristol")
    text = text.replace("place_area: E08000001", f"place_area: {BRISTOL}")
    text += (
        "levels:\n"
        "  - {id: city, name: City, plural: City}\n"
        "  - {id: ward, name: Ward, plural: Wards, parent: city, small_area: true}\n"
    )
    settings.write_text(text, encoding="utf-8")
    return wards


def _figures(root: Path) -> int:
    """Bristol's file as laa-publish's CSV: an empty GeoCode is the whole city."""
    folder = root / "data/partners/city-council/indicators"
    for stale in folder.glob("*"):
        stale.unlink()
    for stale in (root / "data/partners/police/indicators").glob("*"):
        stale.unlink()
    (folder / "BRS-11-1-1-C.yaml").write_text(INDICATOR, encoding="utf-8")
    with FIGURES.open(encoding="utf-8-sig", newline="") as handle:
        rows = [
            (r["Year"], r["GeoCode"] or BRISTOL, r["Value"].strip()) for r in csv.DictReader(handle)
        ]
    lines = ["period,area,value,status,note", *(f"{p},{a},{v},final," for p, a, v in rows)]
    (folder / "BRS-11-1-1-C.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


@pytest.fixture(scope="module")
def bristol(tmp_path_factory: pytest.TempPathFactory) -> tuple[Partnership, Rendered, int]:
    root = materialise(None, tmp_path_factory.mktemp("bristol") / "repo")
    wards = _register(root)
    rows = _figures(root)
    report = import_boundaries(WARDS_FILE, root)
    assert report.kept == len(wards) == 34 and not report.missing
    result = check(root)
    assert not has_errors(result.issues), [str(i) for i in result.issues if i.severity == "error"]
    assert result.partnership is not None
    p = result.partnership
    return p, render_site(p, compute(p), History()), rows


def test_the_34_wards_register_under_the_city_with_no_districts(
    bristol: tuple[Partnership, Rendered, int],
) -> None:
    p, rendered, rows = bristol
    wards = [a for a in p.areas.values() if a.level == "ward"]
    assert len(wards) == 34 and {a.parent for a in wards} == {BRISTOL}
    assert len(p.observations["BRS-11-1-1-C"]) == rows == 140  # every real row kept
    pages = [path for path in rendered.files if path.startswith("areas/E05")]
    assert len(pages) == 34
    city = rendered.files[f"areas/{BRISTOL}.md"]
    assert "- **Wards:** " in city and city.count("](E05") >= 34


def test_every_ward_page_has_its_locator_map_and_the_indicator_maps_the_wards(
    bristol: tuple[Partnership, Rendered, int],
) -> None:
    _, rendered, _ = bristol
    southville = rendered.files["areas/E05010914.md"]
    assert "**Level:** Ward" in southville and "Where Southville is in Bristol" in southville
    assert "maps/areas/E05010914.svg" in rendered.drawings
    indicator = rendered.files["indicators/BRS-11-1-1-C.md"]
    assert "maps/BRS-11-1-1-C-ward.svg" in rendered.drawings
    assert "wards, 2020 to 2021" in indicator or "wards, 2020-21" in indicator
    assert "Neither higher nor lower is better for this measure" in indicator
    index = rendered.files["areas/index.md"]
    assert "Map of the 34 wards of Bristol" in index


def test_a_measure_with_no_better_direction_is_not_judged_in_any_ward(
    bristol: tuple[Partnership, Rendered, int],
) -> None:
    p, _, _ = bristol
    computed = compute(p)
    statuses = {h.status for h in computed.progress["BRS-11-1-1-C"].values()}
    assert statuses == {NOT_JUDGED}
    assert computed.outcomes["CYP-1"].improving == computed.outcomes["CYP-1"].worsening == 0
