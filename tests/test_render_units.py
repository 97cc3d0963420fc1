"""Unit tests for the render stage: escaping, formatting, symbols, downloads and charts."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import replace

import markdown
import pandas as pd
import pytest

from laa_publish.compute.progress import Progress
from laa_publish.model.entities import Baseline, Indicator, Target
from laa_publish.render.charts import (
    LABEL_CHAR_PX,
    NUMBER_AXIS_PX,
    accessible_svg,
    breakdown_chart_altair,
    breakdown_chart_spec,
    budget_chart_altair,
    budget_chart_spec,
    chart_message,
    chart_rows,
    indicator_chart_spec,
    narrow_spec,
    spec_hash,
)
from laa_publish.render.context import ChartJob, Rendered, figure
from laa_publish.render.downloads import (
    FORMULA_STARTS,
    neutralise,
    observations_csv,
    write_columns,
    write_csv,
)
from laa_publish.render.inline import note, searched
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import change_text, compact_number, escape, number, with_unit

IND = Indicator(
    id="NI-116",
    title="Children in poverty",
    national_indicator="NI 116",
    outcome="CYP-1",
    partner="city-council",
    definition="d",
    source="s",
    methodology="m",
    limitations="l",
    contact_name="c",
    contact_email="c@x.example",
    unit="percentage",
    rate_per=None,
    decimals=1,
    polarity="lower_is_better",
    frequency="annual",
    period_type="financial_year",
    aggregation="rate",
    baseline=None,
    targets=(Target("2024-25", 20.0, 0.5, "E1"), Target("2025-26", 19.0, 0.5, "E1")),
    data_path="x.csv",
    source_path="x.yaml",
)


def _frame(values: list[float | None], statuses: list[str] | None = None) -> pd.DataFrame:
    periods = [f"{2020 + i}-{(21 + i) % 100:02d}" for i in range(len(values))]
    return pd.DataFrame(
        {
            "period": periods,
            "ordinal": [2020 + i for i in range(len(values))],
            "area": ["E1"] * len(values),
            "value": [math.nan if v is None else v for v in values],
            "numerator": [math.nan] * len(values),
            "denominator": [math.nan] * len(values),
            "lower_ci": [math.nan] * len(values),
            "upper_ci": [math.nan] * len(values),
            "status": statuses or ["final"] * len(values),
            "note": [""] * len(values),
            "line": list(range(2, len(values) + 2)),
        }
    )


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "![x](data:text/html;base64,AAAA)",
        "**bold** _it_ `code`",
        "# heading",
        "1. item",
        "- item",
        "a | b",
        "{: onclick=alert(1) }",
    ],
)
def test_escaped_partner_text_renders_as_literal_text(payload: str) -> None:
    html = markdown.markdown(f"Title: {escape(payload)}", extensions=["tables", "attr_list"])
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html
    assert 'onclick="' not in html
    text = markdown.markdown(escape(payload)).removeprefix("<p>").removesuffix("</p>")
    assert "<h1" not in text and "<ol" not in text and "<ul" not in text


def test_numbers_are_fixed_point_with_units() -> None:
    assert number(1234.5678, 2) == "1,234.57"
    assert number(-0.00001, 2) == "0.00"
    assert number(1e-9, 3) == "0.000"
    assert with_unit(45.25, IND) == "45.2%" or with_unit(45.25, IND) == "45.3%"
    assert with_unit(3.0, replace(IND, unit="rate", rate_per=1000)) == "3.0 per 1,000"
    assert with_unit(1200, replace(IND, unit="currency", decimals=0)) == "£1,200"
    assert change_text(-1.25, IND) in ("−1.2 points", "−1.3 points")
    assert change_text(0.01, IND) == "no change"
    assert compact_number(6420.0) == "6420"
    assert compact_number(0.125) == "0.125"
    assert compact_number(None) == ""


def test_symbol_key_explains_only_the_symbols_used() -> None:
    key = SymbolKey()
    assert key.cell(19.8, "provisional", IND) == "19.8% [p]"
    assert key.cell(None, "suppressed", IND) == "[c]"
    legend = key.legend()
    assert "[p]" in legend and "[c]" in legend and "[x]" not in legend
    assert SymbolKey().legend() == ""


@pytest.mark.parametrize("cell", ["=1+1", "+44 1234", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_text_cells_that_start_a_formula_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    out = write_csv(["note", "value"], [[cell, "-1.5"]], {"note"})
    row = list(csv.reader(io.StringIO(out, newline="")))[1]
    assert row == ["'" + cell, "-1.5"]


def test_download_keeps_numbers_numeric_and_hides_suppressed_values() -> None:
    frame = _frame([22.0, 21.5, None], ["final", "final", "suppressed"])
    frame.loc[0, "note"] = '=HYPERLINK("http://x")'
    rows = list(csv.DictReader(io.StringIO(observations_csv(IND, frame, {"E1": "Testford"}))))
    assert [r["value"] for r in rows] == ["22.0", "21.5", ""]
    assert rows[0]["note"].startswith("'=")
    assert rows[0]["area_name"] == "Testford"
    assert rows[2]["status"] == "suppressed"


def _progress(status: str, target: Target | None) -> Progress:
    return Progress(
        indicator="NI-116",
        area="E1",
        latest_period="2024-25",
        latest_value=20.6,
        latest_provisional=False,
        previous_period="2023-24",
        previous_value=21.0,
        change_since_previous=-0.4,
        comparison_period="2023-24",
        comparison_value=21.0,
        change=-0.4,
        baseline_period=None,
        baseline_value=None,
        change_since_baseline=None,
        target=target,
        status=status,
        direction="improving",
    )


def _latest(
    status: str, value: float | None, period: str | None, baseline: tuple[str, float] | None
) -> Progress:
    return replace(
        _progress(status, IND.targets[0]),
        latest_period=period,
        latest_value=value,
        baseline_period=baseline[0] if baseline else None,
        baseline_value=baseline[1] if baseline else None,
    )


def test_chart_message_runs_from_the_baseline_to_the_latest_figure() -> None:
    frame = _frame([41.2, 26.5, 26.6])
    rose = chart_message(IND, frame, _latest("at_risk", 26.6, "2022-23", ("2021-22", 26.5)))
    assert rose == (
        "Children in poverty rose from 26.5% at the 2021-22 baseline to 26.6% in 2022-23 "
        "(+0.1 points); target 20.0%; at risk"
    )
    fell = chart_message(IND, frame, _latest("at_risk", 26.6, "2022-23", ("2020-21", 41.2)))
    assert fell.startswith(
        "Children in poverty fell from 41.2% at the 2020-21 baseline to 26.6% in 2022-23 "
        "(−14.6 points)"
    )


def test_chart_message_says_when_nothing_changed_since_the_baseline() -> None:
    frame = _frame([20.6, 22.0, 20.6])
    message = chart_message(IND, frame, _latest("at_risk", 20.6, "2022-23", ("2020-21", 20.6)))
    assert message.startswith(
        "Children in poverty was 20.6% in 2022-23, unchanged from 20.6% at the 2020-21 baseline;"
    )


def test_chart_message_without_a_baseline_compares_the_first_figure_and_says_so() -> None:
    frame = _frame([24.1, 22.0, 20.6])
    message = chart_message(IND, frame, _latest("at_risk", 20.6, "2022-23", None))
    assert message == (
        "Children in poverty fell from 24.1% in 2020-21 to 20.6% in 2022-23 (−3.5 points; "
        "no baseline is set, so this compares the first published figure); target 20.0%; at risk"
    )
    single = chart_message(IND, _frame([24.1]), _latest("at_risk", 24.1, "2020-21", None))
    assert single.startswith("Children in poverty was 24.1% in 2020-21 (no baseline is set);")


def test_chart_message_names_a_suppressed_latest_period_and_marks_provisional() -> None:
    frame = _frame([24.1, 22.0, None], ["final", "provisional", "suppressed"])
    head = replace(_latest("at_risk", 22.0, "2021-22", ("2020-21", 24.1)), latest_provisional=True)
    message = chart_message(IND, frame, head)
    assert message.startswith(
        "Children in poverty fell from 24.1% at the 2020-21 baseline to 22.0% in 2021-22 "
        "(provisional; −2.1 points); no figure is published for 2022-23;"
    )
    assert "no data" in chart_message(IND, _frame([None]), None)
    assert "no data" in chart_message(IND, frame, _latest("at_risk", None, None, None))


def test_chart_spec_layers_actuals_and_targets_in_period_order() -> None:
    rows = chart_rows(IND, _frame([24.1, 22.0, 20.6, 20.1, 19.6]), "E1")
    assert [r["series"] for r in rows if r["period"] == "2024-25"] == ["Actual", "Target"]
    assert [r["order"] for r in rows] == sorted(r["order"] for r in rows)
    spec = indicator_chart_spec(IND, rows, "A message")
    assert spec["description"] == "A message"
    assert spec["encoding"]["x"]["sort"][0] == "2020-21"
    assert spec["encoding"]["color"]["scale"]["range"] == ["#12436D", "#801650"]
    assert spec_hash(spec) == spec_hash(dict(reversed(list(spec.items()))))


def test_chart_rings_the_baseline_and_draws_provisional_points_hollow() -> None:
    ind = replace(IND, baseline=Baseline("2021-22", 22.04, "E1"))
    frame = _frame([24.1, 22.0, 20.6], ["final", "final", "provisional"])
    rows = chart_rows(ind, frame, "E1")
    marked = [
        (r["period"], r["value"], r["series"])
        for r in rows
        if r["series"] not in {"Actual", "Target"}
    ]
    assert marked == [("2021-22", 22.0, "Baseline"), ("2022-23", 20.6, "Provisional")]
    spec = indicator_chart_spec(ind, rows, "A message")
    lines, marks = spec["layer"]
    assert lines["transform"][0]["filter"]["oneOf"] == ["Actual", "Target"]
    assert marks["encoding"]["color"]["scale"]["domain"] == ["Provisional", "Baseline"]
    assert marks["encoding"]["color"]["legend"] is not None  # named in the legend, in words
    assert marks["mark"]["filled"] is False and marks["encoding"]["fill"]["value"] == "#ffffff"
    assert marks["encoding"]["size"]["condition"]["value"] > marks["encoding"]["size"]["value"]
    assert all(layer["encoding"]["x"]["sort"][0] == "2020-21" for layer in spec["layer"])
    plain = indicator_chart_spec(IND, chart_rows(IND, _frame([24.1, 22.0]), "E1"), "m")
    assert "layer" not in plain  # nothing to mark: the chart is as before


def test_narrow_chart_fits_a_phone_with_its_legend_below() -> None:
    ind = replace(IND, baseline=Baseline("2021-22", 22.0, "E1"))
    spec = indicator_chart_spec(ind, chart_rows(ind, _frame([24.1, 22.0, 20.6]), "E1"), "m " * 60)
    narrow = narrow_spec(spec)
    # numbers on the y axis: a fixed plot width, one layout pass (fit-x costs half as much again)
    assert narrow["width"] == 350 - NUMBER_AXIS_PX - 4 * LABEL_CHAR_PX and "autosize" not in narrow
    assert max(len(line) for line in narrow["title"]["text"]) <= 350 // 8
    for layer in narrow["layer"]:
        assert layer["encoding"]["color"]["legend"]["orient"] == "bottom"
        assert layer["encoding"]["y"]["axis"]["tickCount"] == 4
    assert spec["width"] == 640 and "autosize" not in spec  # the wide chart is untouched


def test_a_figure_queues_one_drawing_for_every_screen_sized_for_a_phone() -> None:
    spec = indicator_chart_spec(IND, chart_rows(IND, _frame([24.1, 22.0]), "E1"), "Fell")
    rendered = Rendered()
    job = ChartJob(path="charts/X.svg", spec=spec, title="T", description="Fell", ident="c-x")
    markup = "\n".join(figure(rendered, "indicators/X.md", job))
    [queued] = rendered.charts
    assert queued.path == "charts/X.svg" and queued.spec == narrow_spec(spec)
    assert '<img src="../charts/X.svg" alt="Fell" width="350"' in markup
    assert "<picture>" not in markup and "<source" not in markup


def test_accessible_svg_adds_role_title_and_description() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" role="graphics-document" width="10"><g/></svg>'
    out = accessible_svg(svg, "T <&>", "D", "chart-x")
    assert out.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="10" role="img"')
    assert '<title id="chart-x-title">T &lt;&amp;&gt;</title>' in out
    assert '<desc id="chart-x-desc">D</desc>' in out
    assert "graphics-document" not in out


@pytest.mark.parametrize("overall", [None, 12.5])
@pytest.mark.parametrize("groups", [1, 2, 5])
def test_breakdown_chart_from_its_skeleton_is_what_altair_builds(
    overall: float | None, groups: int
) -> None:
    rows = [{"label": f"Group {n} & <x>", "value": 3.5 * n} for n in range(groups)]
    message = "Children in low-income families by sex, 2026-Q2: best Female (15.2%) " * 2
    fast = breakdown_chart_spec(rows, overall, "Per cent", message)
    full = breakdown_chart_altair(rows, overall, "Per cent", message)
    assert json.dumps(fast) == json.dumps(full)  # same keys in the same order


@pytest.mark.parametrize("kinds", [("Pooled",), ("Pooled", "Aligned", "In kind")])
def test_budget_chart_from_its_skeleton_is_what_altair_builds(kinds: tuple[str, ...]) -> None:
    rows = [
        {"year": f"202{n}-2{n + 1}", "amount": 1000.0 * (n + 1), "kind": kind, "order": i}
        for n in range(3)
        for i, kind in enumerate(kinds)
    ]
    fast = budget_chart_spec(rows, "Pooled money grew")
    full = budget_chart_altair(rows, "Pooled money grew", list(kinds))
    assert json.dumps(fast) == json.dumps(full)


def test_csv_written_by_column_matches_by_row() -> None:
    header = ("period", "value", "note")
    rows = [("2024", "1.5", "=cmd|' /C calc'!A0"), ("2025", "-2", "fine"), ("2026", "", "@x")]
    by_row = write_csv(header, rows, {"period", "note"})
    by_column = write_columns(
        header, [list(c) for c in zip(*rows, strict=True)], {"period", "note"}
    )
    assert by_row == by_column and "'=cmd" in by_row and "'@x" in by_row and ",-2," in by_row


@pytest.mark.parametrize("start", FORMULA_STARTS)
@pytest.mark.parametrize("neighbour", ["", "plain", "a\x1f", "\x1f"])
def test_a_column_finds_every_formula_start_wherever_it_sits(start: str, neighbour: str) -> None:
    cells = ["ok", neighbour, f"{start}SUM(A1)", neighbour, "last"]
    by_column = write_columns(("note",), [cells], {"note"})
    by_row = write_csv(("note",), [[c] for c in cells], {"note"})
    assert by_column == by_row and neutralise(f"{start}SUM(A1)") in by_column.replace('"', "")
    clean = ["ok", neighbour, "x=1", "y-2"]
    assert write_columns(("note",), [clean], {"note"}) == write_csv(
        ("note",), [[c] for c in clean], {"note"}
    )


def test_chart_message_writes_months_and_quarters_in_words() -> None:
    monthly = replace(IND, period_type="month", frequency="monthly")
    frame = _frame([30.0, 26.6]).assign(period=["2025-09", "2026-09"])
    message = chart_message(monthly, frame, _latest("at_risk", 26.6, "2026-09", ("2025-09", 30.0)))
    assert "from 30.0% at the September 2025 baseline to 26.6% in September 2026" in message
    quarterly = replace(IND, period_type="quarter", frequency="quarterly")
    frame = _frame([30.0, 26.6]).assign(period=["2025-Q3", "2026-Q2"])
    message = chart_message(quarterly, frame, _latest("at_risk", 26.6, "2026-Q2", None))
    assert "from 30.0% in July to September 2025 to 26.6% in April to June 2026" in message


def test_notes_link_to_built_pages_and_downloads_and_stay_out_of_search() -> None:
    w = note("indicators/NI-116.md")
    assert w.link("about/method.md#direction-of-travel", "method") == (
        '<a href="../about/method.html#direction-of-travel">method</a>'
    )
    assert w.link("downloads/NI-116.csv", "CSV") == '<a href="../downloads/NI-116.csv">CSV</a>'
    assert w.paragraph(w.text("<b>&")) == "<p data-search-exclude>&lt;b&gt;&amp;</p>"
    md = searched("indicators/NI-116.md")
    assert md.link("about/method.md", md.text("a*b")) == r"[a\*b](../about/method.md)"
    assert md.paragraph("x") == "x" and md.items(["a"]) == ["- a"]
