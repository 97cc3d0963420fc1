"""Each area on its indicator's page, by level: latest figure, comparison, trend and series."""

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
from laa_publish.compute.progress import NOT_COMPARABLE, Computed, compute
from laa_publish.load.history import History
from laa_publish.model.entities import Partnership
from laa_publish.model.periods import period_words
from laa_publish.model.site_paths import indicator_page
from laa_publish.render.context import Context, Rendered
from laa_publish.render.pages.area_trends import (
    MAX_FIGURES,
    MIN_PERIODS,
    area_series,
    area_trends,
    shown_periods,
)
from laa_publish.render.site import render_site
from laa_publish.render.sparkline import POINTS
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
    start = page.index("## Each area: latest figure and trend")
    return page[start : page.index("\n## ", start + 1)]


def _summary(section: str) -> dict[str, list[str]]:
    """Each area's summary row by its trend anchor: its data cells, after the area's name."""
    return {
        code: re.findall(r"<td[^>]*>(.*?)</td>", cells)
        for code, cells in re.findall(
            r'<tr id="trend-([^"]+)"><th[^>]*>.*?</th>(.*?)</tr>', section
        )
    }


def _headers(section: str, level: str) -> list[str]:
    """The summary table's column headings at one level."""
    block = section.split(f"### {level}", 1)[1]
    return re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', block.split("</thead>", 1)[0])


def _series_rows(section: str) -> dict[str, list[str]]:
    """The full-series tables' rows: area name to its cells, one per period."""
    return {
        name: re.findall(r"<td>([^<]*)</td>", cells)
        for name, cells in re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', section)
    }


def test_every_area_with_data_has_a_row_with_its_latest_change_and_direction(
    fixture_site: tuple[Partnership, Computed, dict[str, str]],
) -> None:
    _, computed, files = fixture_site
    section = _section(files[indicator_page("NI-116")])
    rows = _summary(section)
    published = computed.published["NI-116"]
    everyone = published[published["breakdown"] == ""]
    assert set(rows) == set(everyone["area"])
    # NI-116 is a percentage where lower is better. Both districts' latest figures are for
    # 2023-24 and their lines start in 2022-23: each period is said once, in the heading
    assert _headers(section, "Districts") == [
        "Area",
        "Latest figure (2023-24)",
        "Compared with Testford",
        "Trend",
        "Change since 2022-23",
        "Direction of travel",
    ]
    assert rows["E07000001"][:2] == ["24.0%", "–"]  # not the city's period: not compared
    assert rows["E07000001"][3] == "−1.0 points"
    assert "Improving" in rows["E07000001"][4]
    # the city has a target, so its level shows a status; its own row is not compared
    assert _headers(section, "City-wide")[1:3] == ["Latest figure (2024-25)", "Status"]
    assert rows["E08000001"][0] == "20.5% [p]" and "At risk" in rows["E08000001"][1]
    assert rows["E08000001"][3] == "−1.5 points"
    # one figure only: no change, and no direction can be judged
    assert "Change over the line" in _headers(section, "Neighbourhoods")
    assert rows["E05000001"][3] == ""
    assert "Not comparable" in rows["E05000001"][4]
    # headings follow the level order, titled from the levels
    assert section.index("### City-wide") < section.index("### Districts")
    assert section.index("### Districts") < section.index("### Neighbourhoods")


def test_rates_are_compared_with_the_place_in_polarity_words(
    fixture_site: tuple[Partnership, Computed, dict[str, str]],
) -> None:
    p, computed, _ = fixture_site
    ind, frame = p.indicators["NI-116"], computed.published["NI-116"]
    # as if the city's latest figure were for 2023-24, the districts' latest period: 21.0%
    city = computed.progress["NI-116"]["E08000001"]
    same = dataclasses.replace(city, latest_period="2023-24", latest_value=21.0)
    progress = {**computed.progress, "NI-116": {**computed.progress["NI-116"], "E08000001": same}}
    ctx = Context(p=p, computed=dataclasses.replace(computed, progress=progress), history=History())
    rows = _summary(
        "\n".join(area_trends(ctx, ind, indicator_page("NI-116"), frame, SymbolKey(), Rendered()))
    )
    # lower is better: North (24.0%) is worse, South (16.5%) better, the city itself not compared
    assert rows["E07000001"][1] == "worse by 3.0 points"
    assert rows["E07000002"][1] == "better by 4.5 points"
    text = "\n".join(
        area_trends(ctx, ind, indicator_page("NI-116"), frame, SymbolKey(), Rendered())
    )
    assert not any(
        h.startswith("Compared") for h in _headers(_section(text + "\n## "), "City-wide")
    )
    # a count is never compared with the place's total
    count = dataclasses.replace(ind, unit="count")
    text = "\n".join(
        area_trends(ctx, count, indicator_page("NI-116"), frame, SymbolKey(), Rendered())
    )
    assert "Compared with" not in text and "counts are not compared" in text.lower()


def test_each_rows_direction_of_travel_is_the_methods_as_on_the_area_page(
    fixture_site: tuple[Partnership, Computed, dict[str, str]],
) -> None:
    _, computed, files = fixture_site
    for ident in ("NI-116", "LOC-SSC-01"):
        rows = _summary(_section(files[indicator_page(ident)]))
        for code, cells in rows.items():
            head = computed.headline(ident, code)
            direction = head.direction if head else NOT_COMPARABLE  # nothing published to judge
            assert f"laa-direction--{direction.replace('_', '-')}" in cells[-1], (ident, code)


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
    assert rows["E07000001"][0] == "24.0%"
    # two published figures, so the sparkline draws two points, not three
    [points] = re.findall(r'<polyline points="([^"]+)"', rows["E07000001"][2])
    assert len(points.split()) == 2
    assert "<code>[c]</code> confidential" in files[indicator_page("NI-116")]


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
    # the line and its change cover the latest 12 figures; each period is said in the heading
    first, latest = mine[-POINTS], mine[-1]
    first_period, latest_period = (period_words(p["period"], "quarter") for p in (first, latest))
    assert f"{latest['value']} per 1,000 [p]" in text
    assert f"Latest figure ({latest_period})" in page and f"Change since {first_period}" in page
    change = float(latest["value"]) - float(first["value"])
    assert f"{abs(change):.2f}" in text
    # crime: lower is better, and a rate is compared with the whole place in words
    assert re.search(r"(better|worse) by [\d.]+ per 1,000", text)
    [series] = re.findall(r'<tr><th scope="row">Hollins Park</th>(.*?)</tr>', page)
    cells = re.findall(r"<td>([^<]*)</td>", series)
    assert len(cells) == len({r["period"] for r in mine})
    assert cells[0] == mine[0]["value"] and cells[-1] == f"{latest['value']} [p]"
    assert "<summary>Every period for each area</summary>" in page


@pytest.mark.parametrize(
    ("areas", "periods", "shown"),
    [
        (1, 40, 40),  # the whole place: every period
        (12, 40, 40),  # 480 figures fit
        (34, 69, 29),  # the example's neighbourhoods on a monthly measure: the latest that fit
        (200, 40, 5),  # a county's 200 wards on a quarterly measure: the latest five quarters
        (400, 40, 4),  # never fewer than 4
        (400, 3, 3),  # never more periods than there are
    ],
)
def test_a_levels_tables_show_the_latest_periods_that_fit(
    areas: int, periods: int, shown: int
) -> None:
    assert shown_periods(areas, periods) == shown
    assert shown_periods(areas, periods) * areas <= max(MAX_FIGURES, MIN_PERIODS * areas)
