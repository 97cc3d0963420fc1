"""How each area has changed: every area's own series on its indicator's page, by level."""

from __future__ import annotations

import csv
import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, materialise

from laa_publish.compute.audit import Audit
from laa_publish.compute.progress import Computed, compute
from laa_publish.load.history import History
from laa_publish.model.entities import Partnership
from laa_publish.model.periods import period_words
from laa_publish.model.site_paths import indicator_page
from laa_publish.render.context import Context
from laa_publish.render.pages.area_trends import area_series, area_trends
from laa_publish.render.site import render_site
from laa_publish.render.symbols import SymbolKey
from laa_publish.validate.run import check

_ID = re.compile(r'\bid="([^"]+)"')


@pytest.fixture(scope="module")
def fixture_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Partnership, Computed, dict[str, str]]:
    """The base fixture partnership rendered to Markdown once for this module."""
    result = check(materialise(None, tmp_path_factory.mktemp("trends") / "repo"))
    p = result.partnership
    assert p is not None, result.issues
    computed = compute(p)
    return p, computed, render_site(p, computed, History(), Audit()).files


def _section(page: str) -> str:
    start = page.index("## How each area has changed")
    return page[start : page.index("\n## ", start + 1)]


def _summary(section: str) -> dict[str, list[str]]:
    """Each area's summary row by its trend anchor: its cells after the area cell."""
    rows = {}
    for line in section.splitlines():
        found = re.match(r'\| <span id="trend-([^"]+)"></span>', line)
        if found:
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            rows[found.group(1)] = cells
    return rows


def _series_rows(section: str) -> dict[str, list[str]]:
    """The full-series tables' rows: area name to its cells, one per period."""
    return {
        name: re.findall(r"<td>([^<]*)</td>", cells)
        for name, cells in re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', section)
    }


def test_every_area_with_data_has_a_row_with_its_first_latest_change_and_direction(
    fixture_site: tuple[Partnership, Computed, dict[str, str]],
) -> None:
    _, computed, files = fixture_site
    section = _section(files[indicator_page("NI-116")])
    rows = _summary(section)
    published = computed.published["NI-116"]
    everyone = published[published["breakdown"] == ""]
    assert set(rows) == set(everyone["area"])
    # NI-116 is a percentage where lower is better; cells: trend, first, latest, change, direction
    assert rows["E07000001"][2:4] == ["25.0% (2022-23)", "24.0% (2023-24)"]
    assert rows["E07000001"][4] == "−1.0 points"
    assert "Improving" in rows["E07000001"][5]
    assert rows["E08000001"][2:5] == ["22.0% (2022-23)", "20.5% [p] (2024-25)", "−1.5 points"]
    # one figure only: no first, no change, and no direction can be judged
    assert rows["E05000001"][2:5] == ["", "24.0% (2023-24)", ""]
    assert "Not comparable" in rows["E05000001"][5]
    # headings follow the level order, titled from the levels
    assert section.index("### City-wide") < section.index("### Districts")
    assert section.index("### Districts") < section.index("### Neighbourhoods")


def test_a_worsening_area_is_called_worsening_by_polarity(
    fixture_site: tuple[Partnership, Computed, dict[str, str]],
) -> None:
    p, computed, _ = fixture_site
    frame = computed.published["NI-116"]
    ind = p.indicators["NI-116"]
    # the same figures read the other way round when higher is better
    flipped = dataclasses.replace(ind, polarity="higher_is_better")
    ctx = Context(p=p, computed=computed, history=History())
    text = "\n".join(area_trends(ctx, flipped, indicator_page("NI-116"), frame, SymbolKey()))
    rows = _summary(text)
    assert "Worsening" in rows["E07000001"][5] and "Improving" not in rows["E07000001"][5]


def test_suppressed_figures_are_c_and_never_drawn_or_written_as_a_number(
    fixture_site: tuple[Partnership, Computed, dict[str, str]],
) -> None:
    _, _, files = fixture_site
    section = _section(files[indicator_page("NI-116")])
    series = _series_rows(section)
    # South Testford's 2024-25 figure is withheld at source; North Testford's (23.5) is
    # withheld as well so that it cannot be worked out from the city figure
    assert series["South Testford"] == ["17.5", "16.5", "[c]"]
    assert series["North Testford"] == ["25.0", "24.0", "[c]"]
    assert "23.5" not in section
    rows = _summary(section)
    assert rows["E07000001"][3] == "24.0% (2023-24)"
    # two published figures, so the sparkline draws two points, not three
    [points] = re.findall(r'<polyline points="([^"]+)"', rows["E07000001"][1])
    assert len(points.split()) == 2
    assert "`[c]` confidential" in files[indicator_page("NI-116")]


def test_trend_anchors_are_unique_and_named_after_the_area_code(
    fixture_site: tuple[Partnership, Computed, dict[str, str]],
) -> None:
    p, _, files = fixture_site
    for ident in p.indicators:
        page = files[indicator_page(ident)]
        ids = _ID.findall(page)
        assert len(ids) == len(set(ids)), ident
        trends = [i for i in ids if i.startswith("trend-")]
        assert trends and all(i.removeprefix("trend-") in p.areas for i in trends)
        assert sorted(trends) == sorted(f"trend-{c}" for c in _summary(_section(page)))


def test_many_periods_fold_into_details_and_a_missing_period_is_x(
    fixture_site: tuple[Partnership, Computed, dict[str, str]],
) -> None:
    _, _, files = fixture_site
    quarterly = _section(files[indicator_page("LOC-SSC-01")])
    annual = _section(files[indicator_page("NI-116")])
    assert "<summary>Every period for each area</summary>" in quarterly
    assert "<details" not in annual and '<div class="laa-series" data-search-exclude>' in annual
    # HTML blocks stand alone, so Markdown passes them through untouched
    blocks = re.findall(r"\n\n(<(?:details|div) class=\"laa-series\".*?)\n\n", quarterly, re.S)
    assert blocks
    for block in blocks:
        assert block.endswith(("</details>", "</div>"))
    assert _series_rows(quarterly)["North Testford"] == ["90", "[x]", "[x]", "[x]", "80"]


def test_series_are_gathered_by_area_in_period_order_without_breakdowns() -> None:
    frame = pd.DataFrame(
        {
            "area": ["B", "A", "A", "A", "B"],
            "period": ["2024", "2024", "2023", "2024", "2023"],
            "ordinal": [2024, 2024, 2023, 2024, 2023],
            "value": [5.0, 3.0, 1.0, 99.0, None],
            "status": ["provisional", "final", "final", "final", "suppressed"],
            "breakdown": ["", "", "", "sex=f", ""],
            "revised": [False, True, False, False, False],
        }
    )
    periods, series = area_series(frame)
    assert periods == ["2023", "2024"]
    assert [s.area for s in series] == ["A", "B"]
    assert series[0].values == [1.0, 3.0] and series[0].revised == [False, True]
    assert series[1].values == [None, 5.0]
    assert series[1].statuses == ["suppressed", "provisional"]


class _Row(HTMLParser):
    """The text and sparklines of one table row of built HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svgs += 1

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.cells.append(data.strip())


@pytest.mark.slow
def test_the_example_crime_page_shows_hollins_park_moving(example_site: Path) -> None:
    page = (example_site / "indicators" / "NI-16.html").read_text(encoding="utf-8")
    assert page.count('id="trend-E05099901"') == 1
    start = page.index('id="trend-E05099901"')
    row = page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]
    parsed = _Row()
    parsed.feed(row)
    assert parsed.svgs == 1 and 'class="laa-spark"' in row
    assert 'href="../areas/E05099901.html"' in row and "Hollins Park" in parsed.cells
    with (REPO / "data/partners/police/indicators/NI-16.csv").open(encoding="utf-8") as handle:
        mine = [r for r in csv.DictReader(handle) if r["area"] == "E05099901"]
    text = " ".join(parsed.cells)
    first, latest = mine[0], mine[-1]
    first_period, latest_period = (period_words(p["period"], "quarter") for p in (first, latest))
    assert f"{first['value']} per 1,000 ({first_period})" in text
    assert f"{latest['value']} per 1,000 [p] ({latest_period})" in text
    change = float(latest["value"]) - float(first["value"])
    # crime: lower is better
    assert ("Improving" if change < 0 else "Worsening") in parsed.cells
    [series] = re.findall(r'<tr><th scope="row">Hollins Park</th>(.*?)</tr>', page)
    cells = re.findall(r"<td>([^<]*)</td>", series)
    assert len(cells) == len({r["period"] for r in mine})
    assert cells[0] == first["value"] and cells[-1] == f"{latest['value']} [p]"
    assert "<summary>Every period for each area</summary>" in page
