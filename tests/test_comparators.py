"""Comparators: places outside the partnership, declared, checked, shown and downloaded."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, materialise
from rendering import Site, render_repository

from laa_publish.compute.progress import compute
from laa_publish.render.charts import indicator_chart_spec, narrow_spec
from laa_publish.render.comparators import comparator_series, comparison_section, key_fact
from laa_publish.validate.run import check

CASE = FIXTURES / "valid" / "comparators"
FOLDER = "data/partners/city-council/indicators"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    tmp = tmp_path_factory.mktemp("comparators")
    return render_repository(materialise(CASE, tmp / "repo"), tmp / "cache")


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Site:
    tmp = tmp_path_factory.mktemp("plain")
    return render_repository(materialise(None, tmp / "repo"), tmp / "cache")


def test_declared_comparators_are_read_in_their_declared_order(site: Site) -> None:
    ind = site.p.indicators["NI-116"]
    assert [(c.id, c.name, c.kind) for c in ind.comparators] == [
        ("england", "England", "national"),
        ("E12000002", "North West", "region"),
    ]
    assert ind.comparators[0].source_url == "https://fingertips.phe.org.uk/"
    assert ind.comparator_path == f"{FOLDER}/NI-116-comparators.csv"
    figures = site.p.comparators["NI-116"]
    assert figures[["comparator", "period", "value"]].values.tolist() == [
        ["england", "2022-23", 19.1],
        ["england", "2023-24", 19.8],
        ["england", "2024-25", 20.1],
        ["E12000002", "2023-24", 23.2],
        ["E12000002", "2024-25", 23.9],
    ]
    assert "LOC-SSC-01" not in site.p.comparators


def test_comparators_never_change_statuses_roll_ups_or_area_comparisons(
    site: Site, plain: Site
) -> None:
    with_them, without = compute(site.p), compute(plain.p)
    assert with_them.progress == without.progress
    assert with_them.outcomes == without.outcomes
    for ident in without.published:
        assert with_them.published[ident].equals(without.published[ident])
    for path, text in plain.rendered.files.items():
        if path.startswith(("areas/", "outcomes/", "partners/")) or path == "index.md":
            assert site.rendered.files[path] == text, path
    assert set(site.p.observations["NI-116"]["area"]) <= set(site.p.areas)


def test_the_chart_draws_each_comparator_as_its_own_named_grey_dashed_line(site: Site) -> None:
    job = next(j for j in site.rendered.charts if j.path == "charts/NI-116.svg")
    names = [
        "England (comparator, not part of the partnership)",
        "North West (comparator, not part of the partnership)",
    ]
    layer = job.spec["layer"][0]
    assert layer["encoding"]["color"]["scale"]["domain"] == ["Actual", "Target", *names]
    colours = layer["encoding"]["color"]["scale"]["range"]
    dashes = layer["encoding"]["strokeDash"]["scale"]["range"]
    assert colours[2:] == ["#505A5F", "#6F777B"] and [1, 0] not in dashes[2:]
    drawn = {r["series"] for r in job.spec["data"]["values"]}
    assert set(names) <= drawn
    assert job.description.endswith(
        "places outside the partnership, for comparison: England 20.1% in 2024-25, "
        "North West 23.9% in 2024-25"
    )
    narrow = narrow_spec(job.spec)
    legend = narrow["layer"][0]["encoding"]["color"]["legend"]
    assert legend["orient"] == "bottom" and "(comparator" in legend["labelExpr"]


def test_a_chart_without_comparators_is_unchanged(plain: Site) -> None:
    job = next(j for j in plain.rendered.charts if j.path == "charts/NI-116.svg")
    rebuilt = indicator_chart_spec(
        plain.p.indicators["NI-116"], job.spec["data"]["values"], job.description
    )
    assert narrow_spec(rebuilt) == job.spec  # the published drawing is the phone layout
    assert "columns" not in json.dumps(job.spec)


def test_the_page_tables_and_compares_comparators_by_polarity(site: Site) -> None:
    page = site.rendered.files["indicators/NI-116.md"]
    head = '<th scope="col" align="right">Target</th><th scope="col" align="right">England'
    assert head + ' (comparator)</th><th scope="col" align="right">North West (comparator)' in page
    row = '<tr><th scope="row">2023-24</th><td align="right">21.0%</td><td align="right"></td>'
    assert row + '<td align="right">19.8%</td><td align="right">23.2%</td>' in page
    section = page[page.index("## Compared with places outside the partnership") :]
    assert "These places are not part of the partnership." in section
    # NI-116: lower is better; Testford 20.5% against England 20.1% and North West 23.9%
    assert (
        "| England (national) | 2024-25 | Worse than England by 0.4 points | 20.5% | 20.1% |"
        in section
    )
    assert "Better than North West by 3.4 points" in section
    assert (
        "- England (national): [OHID Fingertips: Public Health Outcomes Framework]"
        "(https://fingertips.phe.org.uk/), retrieved 3 November 2025." in section
    )
    assert "- North West (region): OHID Fingertips" in section
    assert "../downloads/NI-116-comparators.csv" in page
    assert "Compared with places outside" not in site.rendered.files["indicators/LOC-SSC-01.md"]


def test_the_key_facts_answer_is_that_high_with_the_first_comparator(site: Site) -> None:
    page = site.rendered.files["indicators/NI-116.md"]
    facts = page[: page.index("## Trend in")]
    assert (
        "- **Compared with England (2024-25):** Testford's 20.5% against England's 20.1%: "
        "worse than England by 0.4 points ([every comparison]"
        "(#compared-with-places-outside-the-partnership))." in facts
    )
    assert "**Compared with" not in site.rendered.files["indicators/LOC-SSC-01.md"]


def test_counts_are_shown_beside_comparators_but_never_compared(site: Site) -> None:
    ind = site.p.indicators["NI-116"]
    counted = type(ind)(**{**{f: getattr(ind, f) for f in ind.__slots__}, "unit": "count"})
    series = comparator_series(counted, site.p.comparators["NI-116"])
    text = "\n".join(comparison_section(counted, series, "Testford", {"2024-25": 20.5}))
    assert text.count("Not compared: a count depends on the size of the place.") == 2
    assert "Better than" not in text and "Worse than" not in text
    assert key_fact(counted, series, "Testford", {"2024-25": 20.5}) == []


def test_the_download_flags_every_row_as_outside_the_partnership(site: Site) -> None:
    text = site.rendered.files["downloads/NI-116-comparators.csv"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["comparator_id"], r["period"], r["value"]) for r in rows][:2] == [
        ("england", "2022-23", "19.1"),
        ("england", "2023-24", "19.8"),
    ]
    assert {r["part_of_partnership"] for r in rows} == {"false"}
    assert rows[2]["note"] == "Provisional at source" and rows[-1]["retrieved"] == "2025-11-03"
    assert "downloads/LOC-SSC-01-comparators.csv" not in site.rendered.files
    package = json.loads(site.rendered.files["datapackage.json"])
    resource = next(r for r in package["resources"] if r["path"].endswith("-comparators.csv"))
    assert resource["title"] == (
        "NI-116: Children in poverty: comparators (places outside the partnership)"
    )
    fields = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    assert list(fields) == next(iter(csv.reader(io.StringIO(text))))
    assert fields["part_of_partnership"] == "boolean" and fields["retrieved"] == "date"


def test_formula_like_comparator_text_is_neutralised(tmp_path: Path) -> None:
    root = materialise(CASE, tmp_path / "repo")
    yaml_path = root / FOLDER / "NI-116.yaml"
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8").replace(
            'source: "OHID Fingertips: Public Health Outcomes Framework"\n    source_url',
            'source: "=HYPERLINK(\\"http://x\\")"\n    source_url',
        ),
        encoding="utf-8",
    )
    figures = root / FOLDER / "NI-116-comparators.csv"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace("Provisional at source", "@SUM(A1)"),
        encoding="utf-8",
    )
    text = render_repository(root, tmp_path / "cache").rendered.files[
        "downloads/NI-116-comparators.csv"
    ]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["source"] == '\'=HYPERLINK("http://x")'
    assert rows[2]["note"] == "'@SUM(A1)"


def test_an_undeclared_comparator_file_is_reported_as_not_published(tmp_path: Path) -> None:
    root = materialise(None, tmp_path / "repo")
    (root / FOLDER / "NI-116-comparators.csv").write_text(
        "comparator,period,value\nengland,2024-25,20.1\n", encoding="utf-8"
    )
    found = [(i.code, i.path) for i in check(root).issues]
    assert found == [("file-unexpected", f"{FOLDER}/NI-116-comparators.csv")]


def test_comparator_file_columns_are_checked(tmp_path: Path) -> None:
    root = materialise(CASE, tmp_path / "repo")
    (root / FOLDER / "NI-116-comparators.csv").write_text(
        "comparator,period,valu\nengland,2024-25,20.1\n", encoding="utf-8"
    )
    issues = check(root).issues
    assert [(i.code, i.line, i.column) for i in issues] == [
        ("csv-missing-column", 1, None),
        ("csv-unknown-column", 1, 3),
    ]
    assert 'Did you mean "value"?' in issues[1].hint


def test_at_least_a_third_of_the_example_indicators_have_comparators() -> None:
    result = check(REPO)
    assert result.issues == [] and result.partnership is not None
    p = result.partnership
    shown = {ident for ident, figures in p.comparators.items() if not figures.empty}
    assert 3 * len(shown) >= len(p.indicators), (len(shown), len(p.indicators))
    for ident in shown:
        ind = p.indicators[ident]
        assert {c.name for c in ind.comparators} <= {"England", "North West"}
        assert all(c.source and c.retrieved for c in ind.comparators)
        # every declared comparator has figures, for periods of the indicator's own type
        assert set(p.comparators[ident]["comparator"]) == {c.id for c in ind.comparators}
    assert "England" in {c.name for c in p.indicators["NI-116"].comparators}
