"""The importer end to end on a tiny repository: inputs, placeholders, config and failures."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml

from laa_publish.issues import Severity
from laa_publish.opensdg import ImportFailed, ImportSummary, run_import
from laa_publish.opensdg.dimensions import Dimensions, dimension_id
from laa_publish.validate.run import check

FIXTURES = Path(__file__).resolve().parent / "fixtures/opensdg"
TINY = FIXTURES / "tiny"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportSummary]:
    into = tmp_path_factory.mktemp("tiny") / "partnership"
    return into, run_import(TINY, into, None)


def _indicator(root: Path, ident: str) -> tuple[dict[str, object], list[dict[str, str]]]:
    (folder,) = (root / "data/partners").iterdir()
    doc = yaml.safe_load((folder / "indicators" / f"{ident}.yaml").read_text(encoding="utf-8"))
    text = (folder / "indicators" / f"{ident}.csv").read_text(encoding="utf-8")
    return doc, list(csv.DictReader(io.StringIO(text)))


def _settings(root: Path) -> dict[str, object]:
    return yaml.safe_load((root / "site_config/partnership.yaml").read_text(encoding="utf-8"))


def test_tiny_repository_reconciles_and_validates(tiny: tuple[Path, ImportSummary]) -> None:
    """Every row read is written or reported, and the partnership has no error."""
    root, summary = tiny
    assert summary.rows_read == summary.rows_written + summary.rows_reported
    assert (summary.rows_read, summary.rows_written) == (29, 21)
    assert [i for i in check(root).issues if i.severity == Severity.ERROR] == []


def test_reported_rows_are_grouped_by_reason_with_file_and_line(
    tiny: tuple[Path, ImportSummary],
) -> None:
    """The report counts each reason and names each row's file, line and reason."""
    _, summary = tiny
    assert summary.by_reason == {
        "duplicate": 1,
        "period": 5,
        "status-contradicts": 1,
        "not-a-number": 1,
    }
    lines = summary.lines()
    assert "  period it cannot represent: 5" in lines
    assert (
        '  data/indicator_1-2-1.csv:13: status that contradicts its value: the status "Missing '
        'value; suppressed" says there is no figure, but the value is 12' in lines
    )
    assert "  data/indicator_1-2-1.csv:12: duplicate key: the same key cells as line 11" in lines


def test_placeholders_archives_and_pages_without_charts(tiny: tuple[Path, ImportSummary]) -> None:
    """Templates and archived files are skipped; no-data and non-statistical become pages."""
    root, summary = tiny
    skipped = {s.file: s.reason for s in summary.skipped}
    assert skipped["data/indicator_1-1-1.csv"].startswith("the Open SDG placeholder template")
    assert skipped["data/archive/indicator_9-9-9.csv"] == "archived"
    assert skipped["data/indicator_5-1-1.csv"] == "archived (its metadata says so)"
    for ident, title in (("SDG-3-1-1", "No data yet"), ("SDG-4-1-1", "A page of words")):
        doc, rows = _indicator(root, ident)
        assert doc["title"] == title and rows == []


def test_metadata_is_read_in_input_order_and_titles_translate(
    tiny: tuple[Path, ImportSummary],
) -> None:
    """The translated name wins; HTML becomes paragraphs; the body is kept."""
    root, _ = tiny
    doc, _rows = _indicator(root, "SDG-1-2-1-S1")
    assert doc["title"].startswith("Proportion of people in tiny households")
    assert doc["definition"] == "People in tiny households & flats.\n\nSecond paragraph."
    assert "below the front matter" in doc["limitations"]
    assert doc["contact"]["email"] == "data.team@tiny.example"
    assert _indicator(root, "SDG-2-1-1-S1")[0]["title"].startswith("Every form of year")


def test_series_and_period_types_split_a_file(tiny: tuple[Path, ImportSummary]) -> None:
    """Two series, and five period types, make one indicator each, numbered S1, S2…"""
    root, summary = tiny
    assert summary.split["data/indicator_1-2-1.csv"] == ["SDG-1-2-1-S1", "SDG-1-2-1-S2"]
    ids = summary.split["data/indicator_2-1-1.csv"]
    kinds = [_indicator(root, i)[0]["period_type"] for i in ids]
    assert kinds == ["calendar_year", "financial_year", "academic_year", "quarter", "month"]
    periods = [_indicator(root, i)[1][0]["period"] for i in ids]
    assert periods == ["2015", "2015-16", "2019/20", "2013-Q1", "1993-01"]
    assert _indicator(root, ids[2])[1][0]["note"] == "Note 5"


def test_statuses_values_and_areas(tiny: tuple[Path, ImportSummary]) -> None:
    """Statuses map to ours, thousands separators go, an empty GeoCode is the whole place."""
    root, _ = tiny
    _doc, rows = _indicator(root, "SDG-1-2-1-S2")
    assert [(r["sex"], r["value"], r["status"]) for r in rows] == [
        ("", "30", "final"),
        ("female", "", "suppressed"),
        ("male", "", "not_available"),
        ("not-known", "", "not_available"),
    ]
    place = _settings(root)["place_area"]
    adults = _indicator(root, "SDG-1-2-1-S1")[1]
    assert {r["area"] for r in adults} >= {place, "E05010885", "E92000001"}
    assert [r["status"] for r in adults if r["area"] == "E05010886"] == ["provisional"]
    white = [r for r in _indicator(root, "SDG-2-1-1-S1")[1] if r["ethnic_group"] == "white"]
    assert white[0]["value"] == "1234"


def test_dimension_ids_merge_spellings_and_avoid_reserved_names(
    tiny: tuple[Path, ImportSummary],
) -> None:
    """Ethnic group and Ethnic Group are one dimension; Source is not the source column."""
    root, _ = tiny
    dims = {d["id"]: d for d in _settings(root)["dimensions"]}  # type: ignore[attr-defined]
    assert set(dims) == {"sex", "ethnic_group", "source_group"}
    labels = [v["label"] for v in dims["ethnic_group"]["values"]]
    assert labels == ["White", "Mixed, multiple", "Asian"]
    assert _indicator(root, "SDG-2-1-1-S1")[0]["breakdowns"] == ["ethnic_group", "source_group"]
    assert {"code": "not-known", "label": "Not known", "ranked": False} in dims["sex"]["values"]


@pytest.mark.parametrize(
    ("column", "ident"),
    [
        ("Sex", "sex"),
        ("Ethnic Group", "ethnic_group"),
        ("Value", "value_group"),
        ("Area", "area_group"),
        ("Status", "status_group"),
        ("Line", "line_group"),
        ("Breakdown", "breakdown_group"),
        ("16 to 24", "d_16_to_24"),
    ],
)
def test_dimension_id(column: str, ident: str) -> None:
    """Ids are lower-case snake case and never a column our CSV format keeps for itself."""
    assert dimension_id(column) == ident


def test_two_columns_of_one_file_never_share_an_id() -> None:
    """Sex and sex in one file become sex and sex_2."""
    assert Dimensions().ids_for(["Sex", "sex", "SEX"]) == {
        "Sex": "sex",
        "sex": "sex_2",
        "SEX": "sex_3",
    }


def test_config_supplies_partnership_levels_polarity_and_targets(tmp_path: Path) -> None:
    """What Open SDG lacks comes from the config, and the report lists fewer defaults."""
    config = tmp_path / "import.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "partnership": {"name": "Tiny Partnership", "place": "Tiny"},
                "partner": {"id": "tiny-council", "name": "Tiny Council", "type": "council"},
                "place_area": {"code": "E06000023", "name": "Tiny"},
                "levels": [
                    {"id": "city", "name": "City", "plural": "City", "from": ["place"]},
                    {
                        "id": "ward",
                        "name": "Ward",
                        "plural": "Wards",
                        "parent": "city",
                        "small_area": True,
                    },
                ],
                "slash_years": "financial_year",
                "indicators": {
                    "SDG-1-2-1-S1": {
                        "polarity": "lower_is_better",
                        "baseline": {"period": "2019", "value": 41.5},
                        "targets": [{"period": "2020", "value": 40, "tolerance": 1}],
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    summary = run_import(TINY, tmp_path / "out", config)
    root = tmp_path / "out"
    settings = _settings(root)
    assert settings["name"] == "Tiny Partnership" and settings["place_area"] == "E06000023"
    assert [lv["id"] for lv in settings["levels"]] == ["city", "ward"]  # type: ignore[attr-defined]
    doc, _ = _indicator(root, "SDG-1-2-1-S1")
    assert doc["polarity"] == "lower_is_better" and doc["partner"] == "tiny-council"
    assert doc["targets"] == [{"period": "2020", "value": 40, "tolerance": 1}]
    assert _indicator(root, "SDG-1-2-1-S2")[0]["polarity"] == "none"
    financial = _indicator(root, "SDG-2-1-1-S2")[1]  # 2019/20 joins 2015-16
    assert [r["period"] for r in financial] == ["2015-16", "2019-20"]
    assert not any("partnership name" in d for d in summary.defaults)
    outside = [r for r in summary.reported if r.reason == "area-outside"]
    assert [r.line for r in outside] == [10]  # England is not part of the city
    assert [i for i in check(root).issues if i.severity == Severity.ERROR] == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("colour: blue\n", "unknown keys"),
        ("partner:\n  email: a@b.example\n", "partner has unknown keys"),
        ("slash_years: fortnightly\n", "slash_years"),
        ("indicators:\n  1-2-1:\n    polarity: up\n", "polarity"),
        ("levels: city\n", "levels"),
        ("[1, 2\n", "not valid YAML"),
    ],
)
def test_a_bad_config_fails_in_one_sentence(tmp_path: Path, text: str, words: str) -> None:
    """Config mistakes stop the import before anything is written."""
    config = tmp_path / "import.yaml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed, match=words):
        run_import(TINY, tmp_path / "out", config)
    assert not (tmp_path / "out").exists()


def test_an_unusable_repository_fails_in_one_sentence(tmp_path: Path) -> None:
    """A missing folder, or one without Open SDG files, is one clear error."""
    with pytest.raises(ImportFailed, match="is not a folder"):
        run_import(tmp_path / "missing", tmp_path / "out", None)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImportFailed, match="no Open SDG data files"):
        run_import(tmp_path / "empty", tmp_path / "out", None)


def test_import_refuses_a_folder_it_did_not_write_and_replaces_its_own(tmp_path: Path) -> None:
    """A second import into the same folder replaces the first; other folders are safe."""
    run_import(TINY, tmp_path / "out", None)
    stale = next((tmp_path / "out/data/partners").glob("*/indicators")) / "OLD.yaml"
    stale.write_text("id: OLD\n", encoding="utf-8")
    run_import(TINY, tmp_path / "out", None)
    assert not stale.exists()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not empty"):
        run_import(TINY, tmp_path / "mine", None)
    assert (tmp_path / "mine/notes.txt").read_text(encoding="utf-8") == "keep me"


def test_translations_default_and_given(tmp_path: Path) -> None:
    """Translations beside the repository are found; a named folder is used instead."""
    repo = tmp_path / "repo"
    shutil.copytree(TINY, repo)
    shutil.rmtree(repo / "translations")
    shared = tmp_path / "sdg-translations-en"
    shared.mkdir()
    (shared / "global_indicators.yml").write_text("1-2-1-title: Shared title\n", "utf-8")
    run_import(repo, tmp_path / "a", None)
    assert _indicator(tmp_path / "a", "SDG-1-2-1-S1")[0]["title"].startswith("Shared title")
    other = tmp_path / "other"
    other.mkdir()
    (other / "global_indicators.yml").write_text("1-2-1-title: Other title\n", "utf-8")
    run_import(repo, tmp_path / "b", None, translations=other)
    assert _indicator(tmp_path / "b", "SDG-1-2-1-S1")[0]["title"].startswith("Other title")
    shutil.rmtree(other)
    shutil.rmtree(shared)
    run_import(repo, tmp_path / "c", None)  # no translations: the graph title is the fallback
    assert _indicator(tmp_path / "c", "SDG-1-2-1-S1")[0]["title"].startswith("CSV graph title")


def test_example_configs_are_valid() -> None:
    """The documented example configs load."""
    from laa_publish.opensdg.config import load_config

    for name in ("bristol-import.yaml", "ons-import.yaml"):
        config = load_config(FIXTURES / name)
        assert config.partnership["name"] and config.levels


def test_two_files_for_one_indicator_keep_the_first_and_say_so(tmp_path: Path) -> None:
    """indicator_1-2-1.csv and indicator_1.2.1.csv are one id: the second is skipped, named."""
    repo = tmp_path / "repo"
    shutil.copytree(TINY, repo)
    (repo / "data/indicator_1.2-1.csv").write_text("Year,Value\n2020,1\n", encoding="utf-8")
    summary = run_import(repo, tmp_path / "out", None)
    skipped = {s.file: s.reason for s in summary.skipped}
    assert (
        "the same indicator id as data/indicator_1-2-1.csv" in skipped["data/indicator_1.2-1.csv"]
    )


def test_unreadable_metadata_is_said_and_the_data_still_imported(tmp_path: Path) -> None:
    """Front matter that is not YAML leaves the indicator without metadata, and says so."""
    repo = tmp_path / "repo"
    shutil.copytree(TINY, repo)
    (repo / "meta/2-1-1.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    summary = run_import(repo, tmp_path / "out", None)
    assert "meta/2-1-1.md has front matter that is not valid YAML: its metadata was not read" in (
        summary.notes
    )
    assert _indicator(tmp_path / "out", "SDG-2-1-1-S1")[0]["title"].startswith("Indicator 2.1.1")


def test_a_config_naming_a_missing_lookup_fails(tmp_path: Path) -> None:
    """The lookup names areas by code: a config that names one that is not there stops."""
    config = tmp_path / "import.yaml"
    config.write_text("lookup: nowhere.csv\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="lookup"):
        run_import(TINY, tmp_path / "out", config)


def test_a_breakdown_with_one_group_in_the_whole_repository_splits_instead(
    tmp_path: Path,
) -> None:
    """A dimension needs two values: a column with one group beside the all-people rows
    becomes a split, even when another file holds that column at another value throughout."""
    repo = tmp_path / "repo"
    shutil.copytree(TINY, repo)
    (repo / "data/indicator_8-1-1.csv").write_text(
        "Year,Tenure,Value\n2020,,1\n2020,Renters,2\n2021,,3\n2021,Renters,4\n", "utf-8"
    )
    (repo / "data/indicator_8-2-1.csv").write_text(
        "Year,Tenure,Value\n2020,Owners,5\n2021,Owners,6\n", "utf-8"
    )
    summary = run_import(repo, tmp_path / "out", None)
    assert summary.split["data/indicator_8-1-1.csv"] == ["SDG-8-1-1-S1", "SDG-8-1-1-S2"]
    doc, rows = _indicator(tmp_path / "out", "SDG-8-2-1")
    assert doc["title"].endswith("(Owners)") and len(rows) == 2
    assert "tenure" not in {d["id"] for d in _settings(tmp_path / "out")["dimensions"]}
    assert [i for i in check(tmp_path / "out").issues if i.severity == Severity.ERROR] == []
