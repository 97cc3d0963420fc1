"""Charts are drawn on every core, each distinct spec once, and the result never depends on how."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import record_calls

from laa_publish.model.entities import Baseline, Indicator, Target
from laa_publish.render import svg_pool
from laa_publish.render.charts import (
    accessible_svg,
    chart_rows,
    indicator_chart_spec,
    narrow_spec,
    spec_hash,
)
from laa_publish.render.svg_pool import POOL_THRESHOLD, render_many, workers_for


def _spec(n: int) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"x": i, "y": (i * n) % 7} for i in range(5)]},
        "mark": "line",
        "encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y"}},
        "width": 100,
        "height": 50,
    }


def test_small_batches_stay_in_process_and_large_ones_use_every_core() -> None:
    assert workers_for(POOL_THRESHOLD - 1, 2) == 0
    assert workers_for(POOL_THRESHOLD, 2) == 2
    assert workers_for(500, 1) == 0  # one core: a pool would only add start-up cost
    assert workers_for(500, 8) == 8


def test_pool_draws_the_same_svg_as_one_process(tmp_path: Path) -> None:
    specs = [_spec(n) for n in range(POOL_THRESHOLD + 2)]
    keys = [spec_hash(s) for s in specs]
    pooled = render_many(specs, keys, tmp_path / "pool", workers=2)
    single = render_many(specs, keys, None, workers=1)
    assert pooled == single
    assert all(s.startswith("<svg") for s in pooled)
    assert sorted(p.stem for p in (tmp_path / "pool").glob("*.svg")) == sorted(set(keys))


def test_cached_and_repeated_specs_are_not_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = [_spec(1), _spec(2), _spec(1)]
    keys = [spec_hash(s) for s in specs]
    drawn = record_calls(monkeypatch, svg_pool, "convert")
    first = render_many(specs, keys, tmp_path, workers=1)
    assert len(drawn) == 2 and first[0] == first[2]
    again = render_many(specs, keys, tmp_path, workers=1)
    assert len(drawn) == 2 and again == first


def test_published_svg_drops_what_an_image_never_reads() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="9">'
        '<g class="mark-line role-mark" role="graphics-object" aria-roledescription="line mark"'
        ' pointer-events="none" opacity="1" fill="#123"><path aria-hidden="true" d="M0,0"/></g>'
        "</svg>"
    )
    out = accessible_svg(svg, "T", "D", "c")
    body = out.split("</desc>", 1)[1]
    assert body == '<g fill="#123"><path d="M0,0"/></g></svg>'


@pytest.mark.parametrize(("start", "step"), [(20.0, 1.7), (123_456.0, 9_876.0)])
def test_narrow_chart_text_is_never_below_11_px_at_its_natural_width(
    start: float, step: float
) -> None:
    ind = Indicator(
        id="NI-1", title="Percentage of people who believe people from different backgrounds",
        national_indicator="NI 1", outcome="O", partner="p", definition="d", source="s",
        methodology="m", limitations="l", contact_name="c", contact_email="c@x.example",
        unit="rate", rate_per=1000, decimals=1, polarity="lower_is_better",
        frequency="annual", period_type="financial_year", aggregation="rate",
        baseline=Baseline("2021-22", 22.0, "E1"), targets=(Target("2030-31", 19.0, 0.5, "E1"),),
        data_path="x.csv", source_path="x.yaml",
    )  # fmt: skip
    count = 10
    frame = pd.DataFrame(
        {
            "period": [f"{2020 + i}-{(21 + i) % 100:02d}" for i in range(count)],
            "ordinal": [2020 + i for i in range(count)],
            "area": ["E1"] * count,
            "value": [start + step * i for i in range(count)],
            "status": ["final"] * (count - 1) + ["provisional"],
            "numerator": [math.nan] * count,
        }
    )
    spec = indicator_chart_spec(ind, chart_rows(ind, frame, "E1"), "A long message " * 8)
    svg = svg_pool.convert(json.dumps(narrow_spec(spec)))
    opening = re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg)
    assert opening is not None
    width = float(opening.group(1))
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg)]
    # the content column of a 390 px phone is 358 px: drawn there at 358 / width of its size
    assert sizes and min(sizes) * min(1.0, 358 / width) >= 11, (width, min(sizes))


def test_a_chart_with_only_its_baseline_still_draws_and_names_it() -> None:
    ind = Indicator(
        id="NI-1", title="t", national_indicator="NI 1", outcome="O", partner="p",
        definition="d", source="s", methodology="m", limitations="l", contact_name="c",
        contact_email="c@x.example", unit="count", rate_per=None, decimals=0,
        polarity="lower_is_better", frequency="annual", period_type="financial_year",
        aggregation="sum", baseline=Baseline("2021-22", 22.0, "E1"), targets=(),
        data_path="x.csv", source_path="x.yaml",
    )  # fmt: skip
    frame = pd.DataFrame(
        {"period": ["2022-23"], "ordinal": [2022], "area": ["E1"], "value": [math.nan]}
    )
    svg = svg_pool.convert(json.dumps(indicator_chart_spec(ind, chart_rows(ind, frame, "E1"), "m")))
    assert ">Baseline</text>" in svg
