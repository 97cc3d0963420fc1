"""The two real Open SDG samples import, reconcile and validate; one test per hard case.

The samples are read from the shared real data at test time (skipped when it is absent),
each imported once per module into pytest's temporary folders.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest
import yaml

from laa_publish.issues import Severity
from laa_publish.opensdg import ImportSummary, run_import
from laa_publish.opensdg.units import shown_decimals
from laa_publish.validate.run import check

SAMPLE = Path(__file__).resolve().parents[2] / "shared/realdata/opensdg-sample"
FIXTURES = Path(__file__).resolve().parent / "fixtures/opensdg"
SCHEMAS = Path(__file__).resolve().parents[1] / "laa_publish/schemas"
pytestmark = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the shared real data is absent")

Imported = tuple[Path, ImportSummary]


def _import(factory: pytest.TempPathFactory, name: str, config: Path | None) -> Imported:
    into = factory.mktemp(f"{name}-import") / "partnership"
    return into, run_import(SAMPLE / name, into, config)


@pytest.fixture(scope="module")
def bristol(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    return _import(tmp_path_factory, "bristol", None)


@pytest.fixture(scope="module")
def ons(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    return _import(tmp_path_factory, "ons", None)


@pytest.fixture(scope="module")
def bristol_configured(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    return _import(tmp_path_factory, "bristol", FIXTURES / "bristol-import.yaml")


@pytest.fixture(scope="module")
def ons_configured(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    return _import(tmp_path_factory, "ons", FIXTURES / "ons-import.yaml")


def _indicator(root: Path, ident: str) -> tuple[dict[str, object], list[dict[str, str]]]:
    (folder,) = (root / "data/partners").iterdir()
    doc = yaml.safe_load((folder / "indicators" / f"{ident}.yaml").read_text(encoding="utf-8"))
    text = (folder / "indicators" / f"{ident}.csv").read_text(encoding="utf-8")
    return doc, list(csv.DictReader(io.StringIO(text)))


def _reported(summary: ImportSummary, file: str) -> dict[int, str]:
    return {r.line: r.reason for r in summary.reported if r.file == f"data/{file}"}


def _areas(root: Path) -> dict[str, dict[str, str]]:
    data = yaml.safe_load((root / "data/registers/areas.yaml").read_text(encoding="utf-8"))
    return {a["code"]: a for a in data["areas"]}


# --- every sample: reconciliation, validation, schemas ---------------------------------


@pytest.mark.parametrize("name", ["bristol", "ons"])
def test_every_row_read_is_written_or_reported(name: str, request: pytest.FixtureRequest) -> None:
    """rows read = rows written + rows reported, and each reported row names file and line."""
    root, summary = request.getfixturevalue(name)
    assert summary.rows_read == summary.rows_written + summary.rows_reported
    assert summary.rows_written > 0
    written = sum(
        len(_indicator(root, p.stem)[1])
        for p in (root / "data/partners").glob("*/indicators/*.csv")
    )
    assert written == summary.rows_written
    for row in summary.reported:
        assert row.file.startswith("data/") and row.line >= 2 and row.detail
    text = "\n".join(summary.lines())
    assert f"{summary.rows_read} read, {summary.rows_written} written" in text


@pytest.mark.parametrize("name", ["bristol", "ons", "bristol_configured", "ons_configured"])
def test_the_imported_partnership_passes_validate(
    name: str, request: pytest.FixtureRequest
) -> None:
    """FULL VALIDATE: `laa-publish validate` finds no error in the imported partnership.

    Levels and polarity none are declared by the other engineer's work; this test is the one
    to watch while it lands.
    """
    root, _ = request.getfixturevalue(name)
    errors = [i for i in check(root).issues if i.severity == Severity.ERROR]
    assert errors == []


@pytest.mark.parametrize("name", ["bristol", "ons"])
def test_every_yaml_file_meets_its_schema(name: str, request: pytest.FixtureRequest) -> None:
    """Each written YAML file passes its JSON Schema, whatever the cross-file rules say."""
    root, _ = request.getfixturevalue(name)
    files = {
        "site_config/partnership.yaml": "partnership",
        "data/registers/partners.yaml": "partners",
        "data/registers/areas.yaml": "areas",
    }
    files |= {str(p.relative_to(root)): "outcome" for p in root.glob("data/outcomes/*.yaml")}
    files |= {str(p.relative_to(root)): "indicator" for p in root.glob("data/partners/*/*/*.yaml")}
    for path, schema in files.items():
        spec = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(yaml.safe_load((root / path).read_text(encoding="utf-8")), spec)


def test_levels_are_declared_as_the_brief_lays_them_out(bristol: Imported, ons: Imported) -> None:
    """Bristol: city and wards; the ONS: country, region, local authority."""
    settings = yaml.safe_load((bristol[0] / "site_config/partnership.yaml").read_text("utf-8"))
    assert settings["levels"] == [
        {"id": "city", "name": "City", "plural": "City", "geographic": True, "small_area": False},
        {
            "id": "ward",
            "name": "Ward",
            "plural": "Wards",
            "parent": "city",
            "geographic": True,
            "small_area": True,
        },
    ]
    assert settings["place_area"] == "E06000023"
    national = yaml.safe_load((ons[0] / "site_config/partnership.yaml").read_text("utf-8"))
    assert [lv["id"] for lv in national["levels"]] == ["country", "region", "local_authority"]
    assert national["levels"][1]["parent"] == "country"


def test_polarity_is_none_without_a_config(bristol: Imported) -> None:
    """No direction is better unless the config says so; no targets are invented."""
    for path in (bristol[0] / "data/partners").glob("*/indicators/*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["polarity"] == "none"
        assert "targets" not in doc and "baseline" not in doc


def test_the_summary_says_which_defaults_it_used(bristol: Imported) -> None:
    """Without a config the report lists the defaults: levels, years, multipliers, polarity."""
    text = "\n".join(bristol[1].lines())
    for words in ("levels city, ward", "read as academic years", "polarity none", "(label)"):
        assert words in text


@pytest.mark.parametrize(
    ("name", "licence"),
    [("bristol", "the MIT License"), ("ons", "the Open Government Licence v3.0")],
)
def test_the_licence_is_named_from_the_repository(
    name: str, licence: str, request: pytest.FixtureRequest
) -> None:
    """Bristol's data are MIT-licensed, the ONS's under the OGL: every page's footer says so."""
    root, summary = request.getfixturevalue(name)
    result = check(root)
    assert result.partnership is not None
    assert result.partnership.settings.licence == licence
    home = (root / "content/index.md").read_text(encoding="utf-8")
    assert home.rstrip().endswith(f"as published there, under {licence}.")
    assert any(f'licence "{licence}"' in line for line in summary.lines())


@pytest.mark.parametrize("name", ["bristol", "ons"])
def test_no_start_date_is_invented_for_an_area(name: str, request: pytest.FixtureRequest) -> None:
    """Open SDG does not say when an area began, so the register gives no valid_from."""
    root, _ = request.getfixturevalue(name)
    assert all("valid_from" not in area for area in _areas(root).values())


@pytest.mark.parametrize("name", ["bristol", "ons"])
def test_two_imports_give_identical_bytes(tmp_path: Path, name: str) -> None:
    """No timestamps, sorted output: the same repository gives the same files."""
    first = run_import(SAMPLE / name, tmp_path / "a", None)
    second = run_import(SAMPLE / name, tmp_path / "b", None)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    assert files_a == files_b
    for rel in files_a:
        if (tmp_path / "a" / rel).is_file():
            assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    assert first.lines()[1:] == second.lines()[1:]


# --- Bristol's hard cases ---------------------------------------------------------------


def test_bristol_1_1_1_template_is_skipped_with_one_line(bristol: Imported) -> None:
    """Placeholder template data is not imported; the report says so once."""
    root, summary = bristol
    assert [s.file for s in summary.skipped] == ["data/indicator_1-1-1.csv"]
    assert "placeholder template" in summary.skipped[0].reason
    assert not list(root.glob("data/partners/*/indicators/SDG-1-1-1*"))
    assert sum("indicator_1-1-1.csv" in line for line in summary.lines()) == 1


def test_bristol_10_3_1_and_11_2_1_split_by_unit(bristol: Imported) -> None:
    """Several units in one file make one indicator each, with the unit each label names."""
    root, summary = bristol
    assert summary.split["data/indicator_10-3-1.csv"] == [f"SDG-10-3-1-S{n}" for n in range(1, 5)]
    units = {f"S{n}": _indicator(root, f"SDG-10-3-1-S{n}")[0]["unit"] for n in range(1, 5)}
    assert sorted(units.values()) == ["currency", "percentage", "percentage", "ratio"]
    assert len(summary.split["data/indicator_11-2-1.csv"]) == 3
    titles = {_indicator(root, f"SDG-11-2-1-S{n}")[0]["title"] for n in range(1, 4)}
    assert len(titles) == 3  # each says its unit


@pytest.mark.parametrize("ident", ["16-1-4", "2-1-2"])
def test_bristol_series_in_one_file_split(bristol: Imported, ident: str) -> None:
    """16-1-4 and 2-1-2 hold two series each (with \\r\\r\\n line ends): two indicators."""
    root, summary = bristol
    ids = summary.split[f"data/indicator_{ident}.csv"]
    assert ids == [f"SDG-{ident.upper()}-S1", f"SDG-{ident.upper()}-S2"]
    assert not _reported(summary, f"indicator_{ident}.csv")
    assert all(_indicator(root, i)[0]["period_type"] == "financial_year" for i in ids)


def test_bristol_3_d_2_months_and_academic_years_split(bristol: Imported) -> None:
    """An indicator has one period type, so months and academic years part."""
    root, summary = bristol
    kinds = {
        _indicator(root, i)[0]["period_type"] for i in summary.split["data/indicator_3-d-2.csv"]
    }
    assert kinds == {"month", "academic_year"}
    doc, rows = _indicator(root, "SDG-3-D-2-S2")
    assert doc["frequency"] == "monthly" and rows[0]["period"] == "2014-11"


def test_bristol_3_3_2_three_year_ranges_are_reported(bristol: Imported) -> None:
    """2000 - 02 is a range of years: each row is reported, none guessed."""
    root, summary = bristol
    assert set(_reported(summary, "indicator_3-3-2.csv").values()) == {"period"}
    assert len(_reported(summary, "indicator_3-3-2.csv")) == 18
    assert _indicator(root, "SDG-3-3-2")[1] == []


def test_bristol_14_4_1_a_dates_and_duplicates_are_reported(bristol: Imported) -> None:
    """The byte-order-marked file's sample dates and repeated keys are each reported."""
    _, summary = bristol
    reasons = _reported(summary, "indicator_14-4-1-a.csv")
    assert len(reasons) == 7989
    assert set(reasons.values()) == {"period", "duplicate"}
    assert reasons[143] == "duplicate"  # 2016-03-05 Old Cattle Crossing, first on line 142


def test_bristol_6_3_1_na_and_duplicates(bristol: Imported) -> None:
    """n/a rows are written as not available; repeated sites are reported."""
    root, summary = bristol
    rows = _indicator(root, "SDG-6-3-1")[1]
    na = [r for r in rows if r["note"] == "n/a in the source"]
    assert len(na) == 4 and {r["status"] for r in na} == {"not_available"}
    reasons = _reported(summary, "indicator_6-3-1.csv")
    assert set(reasons.values()) == {"duplicate"} and len(reasons) == 32
    assert len(rows) + len(reasons) == 976  # every row of the file


def test_bristol_4_2_2_trailing_spaces_in_numbers(bristol: Imported) -> None:
    """70 followed by a space is the number 70."""
    rows = _indicator(bristol[0], "SDG-4-2-2")[1]
    assert {r["value"] for r in rows if r["period"] == "2017"} >= {"70"}
    assert not _reported(bristol[1], "indicator_4-2-2.csv")


def test_bristol_9_1_2_newline_in_a_quoted_cell(bristol: Imported) -> None:
    """The Group label with a newline is one value of one dimension."""
    root = bristol[0]
    doc, rows = _indicator(root, "SDG-9-1-2")
    assert doc["breakdowns"] == ["group"] and len(rows) == 18
    settings = yaml.safe_load((root / "site_config/partnership.yaml").read_text("utf-8"))
    (group,) = [d for d in settings["dimensions"] if d["id"] == "group"]
    labels = [v["label"] for v in group["values"]]
    assert "Proportion of population who cycle to work" in labels
    assert not [label for label in labels if "\n" in label]


def test_bristol_4_2_1_authority_code_on_every_row_is_the_place(bristol: Imported) -> None:
    """GeoCode E06000023 is Bristol itself: every row is the whole place's."""
    doc, rows = _indicator(bristol[0], "SDG-4-2-1")
    assert {r["area"] for r in rows} == {"E06000023"}
    assert doc["period_type"] == "academic_year"


def test_bristol_wards_named_from_the_lookup_with_boundaries(bristol: Imported) -> None:
    """Wards are named by the ONS lookup ("and", not "&"); the GeoJSON gives their shapes."""
    root, summary = bristol
    areas = _areas(root)
    assert areas["E05010886"]["name"] == "Avonmouth and Lawrence Weston"
    assert areas["E05010886"]["parent"] == "E06000023" and areas["E05010886"]["level"] == "ward"
    assert len([a for a in areas.values() if a["level"] == "ward"]) == 34
    shapes = json.loads((root / "data/registers/boundaries.geojson").read_text("utf-8"))
    assert {f["properties"]["code"] for f in shapes["features"]} == set(areas)
    assert summary.boundaries


# --- the ONS's hard cases ---------------------------------------------------------------


def test_ons_1_5_2_no_data_placeholder_is_an_indicator_without_figures(ons: Imported) -> None:
    """The one-line "no data" file keeps its metadata and has no figures."""
    doc, rows = _indicator(ons[0], "SDG-1-5-2")
    assert rows == [] and doc["title"].startswith("Direct economic loss")
    assert not _reported(ons[1], "indicator_1-5-2.csv")


@pytest.mark.parametrize(
    ("file", "cell"),
    [("indicator_3-1-1.csv", "2003-05"), ("indicator_11-3-1.csv", "2013/16")],
)
def test_ons_ranges_of_years_are_reported(ons: Imported, file: str, cell: str) -> None:
    """Three- and four-year ranges are reported row by row."""
    details = [r.detail for r in ons[1].reported if r.file == f"data/{file}"]
    assert details and all("range of years" in d for d in details)
    assert any(f'"{cell}"' in d for d in details)


def test_ons_5_5_1_lettered_year_is_reported(ons: Imported) -> None:
    """1974a and 1974b (the two elections that year) are not periods."""
    rows = [r for r in ons[1].reported if r.file == "data/indicator_5-5-1.csv"]
    assert [(r.line, r.reason) for r in rows] == [(17, "period"), (18, "period")]
    assert '"1974a"' in rows[0].detail and '"1974b"' in rows[1].detail


def test_ons_11_6_1_finest_geography_wins(ons: Imported) -> None:
    """Authority rows carry their region's code: the area is the authority, in that region."""
    root, _ = ons
    areas = _areas(root)
    assert areas["E06000015"]["name"] == "Derby"  # "Derby City Council" found by name
    assert areas["E06000015"]["parent"] == "E12000004"
    rows = _indicator(root, "SDG-11-6-1")[1]
    regional = {r["area"] for r in rows if r["period"] == "2000/01"}
    assert "E12000004" in regional and "E06000015" not in regional
    derby = [r for r in rows if r["area"] == "E06000015"]
    assert {r["period"] for r in derby} >= {"2014/15"}
    authorities = [a for a in _areas(root).values() if a["level"] == "local_authority"]
    assert len(authorities) > 100


def test_ons_8_4_1_millions_label_or_apply(ons: Imported, ons_configured: Imported) -> None:
    """By default the figures stay as published and the title says millions; apply multiplies."""
    doc, rows = _indicator(ons[0], "SDG-8-4-1-S1")
    assert "millions" in doc["title"].lower() and rows[0]["value"] == "976.646"
    doc, rows = _indicator(ons_configured[0], "SDG-8-4-1-S1")
    assert rows[0]["value"] == "976646000"
    assert "multiplied out" in doc["definition"]


def test_ons_1_3_1_nine_series(ons: Imported) -> None:
    """Nine series make nine indicators, titled from graph_titles."""
    ids = ons[1].split["data/indicator_1-3-1.csv"]
    assert ids == [f"SDG-1-3-1-S{n}" for n in range(1, 10)]
    titles = {_indicator(ons[0], i)[0]["title"] for i in ids}
    assert len(titles) == 9


def test_ons_3_3_5_blank_first_line_and_a_code_that_does_not_exist(ons: Imported) -> None:
    """The header on line 2 is read; K02000002 is reported at its line."""
    reasons = _reported(ons[1], "indicator_3-3-5.csv")
    assert reasons == {248: "area-unknown"}
    assert ons[1].rows_read >= 246


def test_ons_16_1_4_suppressed_with_a_value_is_reported(ons: Imported) -> None:
    """A suppressed row must not publish a figure: it is reported, the others are written."""
    reasons = _reported(ons[1], "indicator_16-1-4.csv")
    assert reasons == {350: "status-contradicts"}
    rows = _indicator(ons[0], "SDG-16-1-4")[1]
    assert {r["status"] for r in rows} >= {"final", "suppressed", "not_available"}
    assert all(r["value"] == "" for r in rows if r["status"] == "suppressed")


def test_ons_dimensions_never_collide(ons: Imported) -> None:
    """Ethnicity and Ethnic group are two dimensions; no id is a reserved column name."""
    settings = yaml.safe_load((ons[0] / "site_config/partnership.yaml").read_text("utf-8"))
    ids = [d["id"] for d in settings["dimensions"]]
    assert len(ids) == len(set(ids))
    assert {"ethnicity", "ethnic_group", "sex", "age"} <= set(ids)
    assert not {"period", "area", "value", "status", "note", "breakdown", "line"} & set(ids)


@pytest.mark.parametrize("ident", ["3-9-1", "1-5-1"])
def test_ons_national_and_regional_codes(ons: Imported, ident: str) -> None:
    """Countries, regions and authorities are registered at their levels, with parents."""
    root, _ = ons
    areas = _areas(root)
    assert areas["E92000001"]["level"] == "country" and "parent" not in areas["E92000001"]
    assert areas["E12000004"]["level"] == "region"
    assert areas["E12000004"]["parent"] == "E92000001"
    codes = {
        r["area"]
        for p in root.glob(f"data/partners/*/indicators/SDG-{ident}*.csv")
        for r in _indicator(root, p.stem)[1]
    }
    assert "E92000001" in codes


def test_ons_figures_a_unit_cannot_hold_change_the_unit_and_say_so(ons: Imported) -> None:
    """11-6-1's "Other" disposal can be negative: not a percentage, so a ratio, reported."""
    doc, rows = _indicator(ons[0], "SDG-11-6-1")
    assert doc["unit"] == "ratio" and min(float(r["value"]) for r in rows) < 0
    (line,) = [i for i in ons[1].imported if i.id == "SDG-11-6-1"]
    assert "do not fit percentage" in line.note


def test_configs_read_slash_years_and_set_polarity(
    bristol_configured: Imported, ons_configured: Imported
) -> None:
    """The ONS's 2000/01 is a financial year; Bristol's named indicators get their polarity."""
    doc, rows = _indicator(ons_configured[0], "SDG-11-6-1")
    assert doc["period_type"] == "financial_year" and rows[0]["period"] == "2000-01"
    doc, _ = _indicator(bristol_configured[0], "SDG-11-1-1-C")
    assert doc["polarity"] == "higher_is_better"
    assert doc["baseline"] == {"period": "2017-18", "value": 76.4}
    assert _indicator(bristol_configured[0], "SDG-16-1-4-S2")[0]["polarity"] == "higher_is_better"
    assert _indicator(bristol_configured[0], "SDG-16-1-4-S1")[0]["polarity"] == "none"
    partners = yaml.safe_load(
        (bristol_configured[0] / "data/registers/partners.yaml").read_text("utf-8")
    )
    assert partners["partners"][0]["id"] == "bristol-city-council"


def test_spreadsheet_precision_is_not_published_as_measured(bristol: Imported) -> None:
    """16-1-4 gives 88.7412621682 for a survey percentage: shown as 88.7%, the rest kept."""
    doc, rows = _indicator(bristol[0], "SDG-16-1-4-S1")
    assert doc["decimals"] == 1
    assert "88.7412621682" in {r["value"] for r in rows}  # the figures keep every digit


@pytest.mark.parametrize(
    ("given", "values", "shown"),
    [
        (10, [88.74, 48.27, 83.99], 1),
        (2, [2.4337, 1.2], 2),
        (4, [0.0042, 0.0051], 4),
        (6, [0.00042], 4),  # never more than four places
        (0, [12.0], 0),  # never more than the source gives
        (3, [1234.567, 2345.1], 0),
        (2, [0.0, 0.0], 2),  # nothing to judge by: as given
    ],
)
def test_three_significant_digits_of_the_typical_figure(
    given: int, values: list[float], shown: int
) -> None:
    assert shown_decimals(given, np.array(values)) == shown
