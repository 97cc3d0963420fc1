"""Charts: Vega-Lite specs built with Altair, rendered once to static SVG and cached by hash."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import re
import textwrap
from collections.abc import Mapping
from html import escape
from typing import Any

import altair as alt
import pandas as pd

from laa_publish.compute.progress import Progress
from laa_publish.model.entities import Indicator
from laa_publish.model.periods import period_ordinal, period_words
from laa_publish.render.text import STATUS_TEXT, change_text, plain_number, with_unit

log = logging.getLogger(__name__)
ACTUAL_COLOUR = "#12436D"  # Analysis Function dark blue: 10.4:1 on white
TARGET_COLOUR = "#801650"  # Analysis Function dark pink: 9.4:1 on white
CHART_WIDTH, CHART_HEIGHT = 640, 280
# Places outside the partnership: grey, dashed and with their own point shapes, so neither
# colour nor dash alone tells them from the place's line (each at least 4.5:1 on white)
COMPARATOR_STYLES = (
    ("#505A5F", [2, 3], "square"),
    ("#6F777B", [8, 3, 2, 3], "triangle-up"),
    ("#3D3D3D", [1, 3], "cross"),
)
TITLE_CHAR_PX = 8  # widest average character of the 13 px bold title, digits and £ included
PERIOD_AXIS_TITLES = {
    "financial_year": "Financial year (April to March)",
    "calendar_year": "Calendar year",
    "academic_year": "Academic year (September to August)",
    "quarter": "Calendar quarter",
    "month": "Month",
}
# A group's name longer than 22 characters goes on two lines, split at its last space within
# the first 23, so labels such as "Black, Black British, Caribbean or African" are not cut;
# each line then fits the narrow chart's label limit too.
WRAP_LABEL = (
    "length(datum.label) > 22 && lastindexof(substring(datum.label, 0, 23), ' ') > 0"
    " ? [substring(datum.label, 0, lastindexof(substring(datum.label, 0, 23), ' ')),"
    " substring(datum.label, lastindexof(substring(datum.label, 0, 23), ' ') + 1)]"
    " : datum.label"
)
# The SVG is laid out with the renderer's font measurements; browsers' sans-serif fonts run
# up to about a sixth wider, so labels right-aligned to the axis get room on the left.
LABEL_PADDING = {"left": 30, "top": 5, "right": 5, "bottom": 5}
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
# Inside the image these carry nothing: the chart is one image (role="img", or an <img>
# with alt text), so marks' roles and labels are never read, and no script or style uses
# the classes. Dropping them makes each SVG about a quarter smaller.
_INNER_NOISE = re.compile(r'\s(?:class|role|aria-[a-z]+|pointer-events)="[^"]*"|\sopacity="1"')


def _title(message: str, width: int) -> alt.Title:
    """The chart's message as its title, wrapped so that no line is wider than the chart."""
    return alt.Title(textwrap.wrap(message, width // TITLE_CHAR_PX), anchor="start", fontSize=13)


def chart_message(indicator: Indicator, frame: pd.DataFrame, headline: Progress | None) -> str:
    """The chart's message in words, baseline to latest as the page's figures give them.

    E.g. 'Fly-tipping rose from 265 at the 2022-23 baseline to 266 in 2025-26 (+1)'; with no
    baseline it compares the first published figure with the latest, and says so.
    """
    valid = frame[frame["value"].notna()]
    if valid.empty or headline is None or headline.latest_value is None:
        return f"{indicator.title}: no data has been published yet"
    kind = indicator.period_type
    end, latest = headline.latest_value, period_words(str(headline.latest_period), kind)
    provisional = ["provisional"] if headline.latest_provisional else []
    if headline.baseline_value is not None and headline.baseline_period is not None:
        baseline = period_words(headline.baseline_period, kind)
        start, start_text = headline.baseline_value, f"at the {baseline} baseline"
        note: list[str] = []
    else:
        first = valid.iloc[0]
        start, start_text = float(first["value"]), f"in {period_words(str(first['period']), kind)}"
        note = ["no baseline is set, so this compares the first published figure"]
    if len(valid) == 1 and headline.baseline_value is None:
        movement = f"was {with_unit(end, indicator)} in {latest}" + _aside(
            [*provisional, "no baseline is set"]
        )
    elif plain_number(start, indicator.decimals) == plain_number(end, indicator.decimals):
        movement = (
            f"was {with_unit(end, indicator)} in {latest}, unchanged from "
            f"{with_unit(start, indicator)} {start_text}" + _aside([*provisional, *note])
        )
    else:
        verb = "rose" if end > start else "fell"
        change = change_text(end - start, indicator)
        movement = (
            f"{verb} from {with_unit(start, indicator)} {start_text} "
            f"to {with_unit(end, indicator)} in {latest}" + _aside([*provisional, change, *note])
        )
    parts = [f"{indicator.title} {movement}"]
    last = frame.iloc[-1] if not frame.empty else None
    if (
        last is not None
        and pd.isna(last["value"])
        and str(last["period"]) != str(headline.latest_period)
    ):
        parts.append(f"no figure is published for {period_words(str(last['period']), kind)}")
    if headline.target is not None:
        parts.append(f"target {with_unit(headline.target.value, indicator)}")
    parts.append(STATUS_TEXT[headline.status][1].lower())
    return "; ".join(parts)


def _aside(details: list[str]) -> str:
    """Details in one pair of brackets, e.g. ' (provisional; +1)', or nothing."""
    return f" ({'; '.join(details)})" if details else ""


def chart_rows(indicator: Indicator, frame: pd.DataFrame, area: str) -> list[dict[str, Any]]:
    """Actual and target points for one area, ordered by period, numbers fixed-formatted."""
    rows: list[dict[str, Any]] = []
    for _, row in frame[frame["value"].notna()].iterrows():
        rows.append(
            {
                "period": row["period"],
                "order": int(row["ordinal"]),
                "value": float(plain_number(row["value"], indicator.decimals)),
                "series": "Actual",
            }
        )
    for target in indicator.targets:
        if target.area != area:
            continue
        ordinal = period_ordinal(target.period, indicator.period_type)
        if ordinal is None:
            continue
        rows.append(
            {
                "period": target.period,
                "order": ordinal,
                "value": float(plain_number(target.value, indicator.decimals)),
                "series": "Target",
            }
        )
    return sorted(rows + _marker_rows(indicator, frame, area), key=_row_order)


MARKERS = ("Provisional", "Baseline")  # drawn over the actual line, each named in the legend
_SERIES_ORDER = {name: n for n, name in enumerate(("Actual", "Target", *MARKERS))}


def _row_order(row: Mapping[str, Any]) -> tuple[int, int]:
    return int(row["order"]), _SERIES_ORDER[row["series"]]


def _marker_rows(indicator: Indicator, frame: pd.DataFrame, area: str) -> list[dict[str, Any]]:
    """Points to mark: provisional figures (hollow) and the baseline (a ring)."""
    valid = frame[frame["value"].notna()]
    marks: list[dict[str, Any]] = []
    if "status" in valid.columns:
        for _, row in valid[valid["status"] == "provisional"].iterrows():
            value = float(plain_number(row["value"], indicator.decimals))
            marks.append(_mark(row["period"], int(row["ordinal"]), value, "Provisional"))
    base = indicator.baseline
    ordinal = period_ordinal(base.period, indicator.period_type) if base is not None else None
    if base is None or ordinal is None:
        return marks
    at_base = valid[valid["ordinal"] == ordinal]
    if base.area == area:
        marks.append(_mark(base.period, ordinal, base.value, "Baseline", indicator.decimals))
    elif not at_base.empty:
        value = float(at_base.iloc[0]["value"])
        marks.append(_mark(base.period, ordinal, value, "Baseline", indicator.decimals))
    return marks


def _mark(
    period: str, order: int, value: float, series: str, decimals: int | None = None
) -> dict[str, Any]:
    shown = float(plain_number(value, decimals)) if decimals is not None else value
    return {"period": period, "order": order, "value": shown, "series": series}


def _axis_title(indicator: Indicator) -> str:
    if indicator.unit == "percentage":
        return "Per cent"
    if indicator.unit == "rate" and indicator.rate_per:
        return f"Rate per {indicator.rate_per:,}"
    if indicator.unit == "currency":
        return "Pounds (£)"
    return indicator.unit.capitalize()


def indicator_chart_spec(
    indicator: Indicator, rows: list[dict[str, Any]], message: str
) -> dict[str, Any]:
    """A line chart of actuals against the target trajectory, as a Vega-Lite dict."""
    periods = list(dict.fromkeys(r["period"] for r in rows))
    series = sorted({r["series"] for r in rows}) or ["Actual"]
    domain = tuple(s for s in ("Actual", "Target") if s in series) or ("Actual",)
    # comparators (places outside the partnership) follow, in the order their rows come
    domain += tuple(dict.fromkeys(r["series"] for r in rows if r["series"] not in _SERIES_ORDER))
    markers = tuple(m for m in MARKERS if m in series)
    x_title, y_title = PERIOD_AXIS_TITLES[indicator.period_type], _axis_title(indicator)
    many = len(periods) > 12
    if not markers:
        skeleton = _line_skeleton(x_title, y_title, domain, many)
        return _filled(skeleton, rows, message, CHART_WIDTH, sort=("x", periods))
    spec = _filled(
        _marked_skeleton(x_title, y_title, domain, many, markers), rows, message, CHART_WIDTH
    )
    for layer in spec["layer"]:
        layer["encoding"]["x"]["sort"] = list(periods)
    return spec


@functools.cache
def _marked_skeleton(
    x_title: str, y_title: str, domain: tuple[str, ...], many: bool, markers: tuple[str, ...]
) -> str:
    """The line chart with provisional points hollow and the baseline ringed, in a legend.

    Size, fill and the legend's words tell the marks apart, so colour is never
    the only signal; the values table says the same in words.
    """
    line: dict[str, Any] = json.loads(_line_skeleton(x_title, y_title, domain, many))
    rings = {"Provisional": ACTUAL_COLOUR, "Baseline": "#1a1a1a"}
    legend = {"title": None, "orient": "top", "symbolStrokeWidth": 2}
    marks = {
        "mark": {"type": "point", "filled": False, "strokeWidth": 2, "opacity": 1},
        "transform": [{"filter": {"field": "series", "oneOf": list(markers)}}],
        "encoding": {
            "x": dict(line["encoding"]["x"]),
            "y": dict(line["encoding"]["y"]),
            "color": {
                "field": "series",
                "type": "nominal",
                "scale": {"domain": list(markers), "range": [rings[m] for m in markers]},
                "legend": legend,
            },
            "fill": _when_baseline("transparent", "#ffffff"),
            "size": _when_baseline(260, 60),
        },
    }
    drawn = {
        "mark": line.pop("mark"),
        "transform": [{"filter": {"field": "series", "oneOf": list(domain)}}],
        "encoding": line.pop("encoding"),
    }
    line["layer"] = [drawn, marks]
    line["resolve"] = {"scale": {"color": "independent"}}
    return json.dumps(line)


def _when_baseline(ring: object, hollow: object) -> dict[str, Any]:
    """A mark property that differs for the baseline ring and the hollow provisional point."""
    return {"condition": {"test": "datum.series === 'Baseline'", "value": ring}, "value": hollow}


@functools.cache
def _line_skeleton(x_title: str, y_title: str, domain: tuple[str, ...], many: bool) -> str:
    """The line chart without its data, words and period order, built and validated once.

    Altair costs about 12 ms a chart to build and validate; a copy of this costs well under
    one, and the filled copy is exactly what Altair would have made (the goldens prove it).
    """
    colours = {"Actual": ACTUAL_COLOUR, "Target": TARGET_COLOUR}
    dashes = {"Actual": [1, 0], "Target": [6, 4]}
    shapes = {"Actual": "circle", "Target": "diamond"}
    others = [s for s in domain if s not in colours]
    for n, name in enumerate(others):
        colour, dash, shape = COMPARATOR_STYLES[n % len(COMPARATOR_STYLES)]
        colours[name], dashes[name], shapes[name] = colour, dash, shape
    chart = (
        alt.Chart(alt.Data(values=[]))
        .mark_line(point=alt.OverlayMarkDef(size=55, filled=True), strokeWidth=2.5)
        .encode(
            x=alt.X(
                "period:O",
                sort=[],
                title=x_title,
                axis=alt.Axis(labelAngle=-45 if many else 0, labelOverlap="greedy"),
            ),
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False)),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=list(domain), range=[colours[s] for s in domain]),
                legend=alt.Legend(title=None, orient="top", symbolStrokeWidth=2.5),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=list(domain), range=[dashes[s] for s in domain]),
                legend=None,
            ),
            shape=alt.Shape(
                "series:N",
                scale=alt.Scale(domain=list(domain), range=[shapes[s] for s in domain]),
                legend=None,
            ),
        )
        .properties(
            width=CHART_WIDTH,
            height=CHART_HEIGHT,
            title=_title(SLOT, CHART_WIDTH),
            description=SLOT,
        )
        .configure_axis(labelColor="#333333", titleColor="#333333", labelFontSize=12)
        .configure_legend(labelColor="#333333", labelFontSize=12)
        .configure_title(color="#1a1a1a")
        .configure_view(stroke="#bbbbbb")
    )
    spec = chart.to_dict()
    if others:  # comparators' names are long: list the series one a line, uncut
        spec["encoding"]["color"]["legend"].update(columns=1, labelLimit=0)
    return json.dumps(spec)


SLOT = "\x00slot\x00"  # stands for the message while a skeleton is built


def _filled(
    skeleton: str,
    rows: list[dict[str, Any]],
    message: str,
    width: int,
    sort: tuple[str, list[str]] | None = None,
) -> dict[str, Any]:
    """A copy of a skeleton with its data, message and (optionally) one channel's order."""
    spec: dict[str, Any] = json.loads(skeleton)
    spec["data"] = {"values": [dict(r) for r in rows]}
    spec["title"]["text"] = _title(message, width).text
    spec["description"] = message
    if sort is not None:
        spec["encoding"][sort[0]]["sort"] = list(sort[1])
    return spec


def spec_hash(spec: Mapping[str, Any]) -> str:
    """A stable hash of a spec, the cache key for its SVG."""
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def accessible_svg(svg: str, title: str, description: str, ident: str) -> str:
    """Give the SVG role=img with a <title> and <desc>, so it reads as one image with a message."""
    head = _SVG_OPEN.search(svg)
    if head is None:
        return svg
    attrs = head.group(1)
    attrs = re.sub(r'\s(role|aria-[a-z]+)="[^"]*"', "", attrs)
    opening = (
        f'<svg{attrs} role="img" aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )
    return svg[: head.start()] + opening + _INNER_NOISE.sub("", svg[head.end() :])


BUDGET_COLOURS = {"Pooled": "#12436D", "Aligned": "#801650", "In kind": "#1B6B3A"}


def budget_chart_spec(rows: list[dict[str, Any]], message: str) -> dict[str, Any]:
    """Stacked bars of pooled, aligned and in-kind money by financial year."""
    kinds = tuple(k for k in BUDGET_COLOURS if any(r["kind"] == k for r in rows))
    return _filled(_budget_skeleton(kinds), rows, message, CHART_WIDTH)


@functools.cache
def _budget_skeleton(kinds: tuple[str, ...]) -> str:
    """The budget chart for these kinds of money, without data or words (see _line_skeleton)."""
    return json.dumps(budget_chart_altair([], SLOT, list(kinds)))


def budget_chart_altair(
    rows: list[dict[str, Any]], message: str, kinds: list[str]
) -> dict[str, Any]:
    """The budget chart built by Altair in full: the reference the skeleton must match."""
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(stroke="#ffffff", strokeWidth=1)
        .encode(
            x=alt.X("year:O", title="Financial year (April to March)", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("amount:Q", title="Pounds (£)", stack="zero", axis=alt.Axis(format="~s")),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=kinds, range=[BUDGET_COLOURS[k] for k in kinds]),
                legend=alt.Legend(title=None, orient="top"),
                sort=kinds,
            ),
            order=alt.Order("order:Q"),
        )
        .properties(
            width=CHART_WIDTH,
            height=CHART_HEIGHT,
            title=_title(message, CHART_WIDTH),
            description=message,
        )
    )
    return _configured(chart)


def breakdown_chart_spec(
    rows: list[dict[str, Any]], overall: float | None, axis_title: str, message: str
) -> dict[str, Any]:
    """Horizontal bars for each group, with a dashed rule at the all-people value."""
    spec: dict[str, Any] = json.loads(_breakdown_skeleton(overall is not None))
    spec["height"] = max(60, 28 * len(rows))
    spec["layer"][0]["encoding"]["x"]["title"] = axis_title
    spec["title"]["text"] = _title(message, CHART_WIDTH - 120).text
    spec["description"] = message
    values = [dict(r) for r in rows]
    # Altair lifts data shared by every layer to the top; otherwise each layer keeps its own
    if "data" in spec:
        spec["data"] = {"values": values}
    else:
        spec["layer"][0]["data"] = {"values": values}
    spec["layer"][0]["encoding"]["y"]["sort"] = [r["label"] for r in rows]
    for layer in spec["layer"][1:]:
        layer["data"] = {"values": [{"overall": overall, "name": "Everyone"}]}
    return spec


@functools.cache
def _breakdown_skeleton(with_overall: bool) -> str:
    """The breakdown chart without data, words, axis title or height (see _line_skeleton).

    Built once for each shape: the axis title and height differ for nearly every chart,
    and Altair takes about 0.1 s to build and validate one.
    """
    rows = [{"label": SLOT, "value": 0.0}]
    return json.dumps(breakdown_chart_altair(rows, 0.0 if with_overall else None, SLOT, SLOT))


def breakdown_chart_altair(
    rows: list[dict[str, Any]], overall: float | None, axis_title: str, message: str
) -> dict[str, Any]:
    """The breakdown chart built by Altair in full: the reference the skeleton must match."""
    labels = [r["label"] for r in rows]
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color=ACTUAL_COLOUR)
        .encode(
            y=alt.Y(
                "label:N",
                sort=labels,
                title=None,
                axis=alt.Axis(labelExpr=WRAP_LABEL, labelLineHeight=13),
            ),
            x=alt.X("value:Q", title=axis_title),
        )
    )
    layers: list[Any] = [bars]
    if overall is not None:
        rule = (
            alt.Chart(alt.Data(values=[{"overall": overall, "name": "Everyone"}]))
            .mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4], strokeWidth=2.5)
            .encode(x="overall:Q")
        )
        text = (
            alt.Chart(alt.Data(values=[{"overall": overall, "name": "Everyone"}]))
            .mark_text(color=TARGET_COLOUR, align="left", dx=4, dy=-6, fontSize=12)
            .encode(x="overall:Q", y=alt.value(0), text="name:N")
        )
        layers += [rule, text]
    chart = alt.layer(*layers).properties(
        width=CHART_WIDTH - 120,
        height=max(60, 28 * len(rows)),
        title=_title(message, CHART_WIDTH - 120),
        description=message,
        padding=LABEL_PADDING,
    )
    return _configured(chart)


def _configured(chart: Any) -> dict[str, Any]:
    """Apply the site's chart styling and return the Vega-Lite dict."""
    spec: dict[str, Any] = (
        chart.configure_axis(labelColor="#333333", titleColor="#333333", labelFontSize=12)
        .configure_legend(labelColor="#333333", labelFontSize=12)
        .configure_title(color="#1a1a1a")
        .configure_view(stroke="#bbbbbb")
        .to_dict()
    )
    return spec


NARROW_WIDTH = 350  # whole chart, axes included: fits the 358 px content column at 390 px
NARROW_PADDING = {"left": 20, "top": 5, "right": 5, "bottom": 5}
# A y axis of numbers: its title and the padding around the plot, then each label character
NUMBER_AXIS_PX, LABEL_CHAR_PX = 52, 8


def narrow_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The chart as published: drawn for a phone, it fits its width, legend below, fewer ticks.

    Shown at its natural size on a 390 px screen, its 11 to 13 px text stays that size
    instead of shrinking to about 6 px as a 640 px drawing scaled into the column would;
    wider screens show it larger (see `render.context.figure`).
    """
    narrow: dict[str, Any] = json.loads(json.dumps(spec))
    if any(_names_on_y(e) for e in _encodings(narrow)):
        # group names vary in length, so the plot is fitted to the width (a second layout
        # pass, which costs the converter about half as much again)
        narrow["width"] = NARROW_WIDTH
        narrow["autosize"] = {"type": "fit-x", "contains": "padding"}
    else:
        # numbers on the y axis: an allowance for their widest label, and one layout pass
        narrow["width"] = NARROW_WIDTH - _number_axis_px(narrow)
    # the fit measures right-aligned axis labels a little short: room so none is cut off
    narrow["padding"] = dict(NARROW_PADDING)
    # legends below the plot, one above another: side by side they set the chart's width
    legend = narrow.setdefault("config", {}).setdefault("legend", {})
    legend["layout"] = {"bottom": {"direction": "vertical", "anchor": "start"}}
    title = narrow.get("title")
    if isinstance(title, dict):
        words = title["text"] if isinstance(title["text"], str) else " ".join(title["text"])
        # the title sets the width when it is the widest part: it wraps within the padding
        inner = NARROW_WIDTH - NARROW_PADDING["left"] - NARROW_PADDING["right"]
        title["text"] = textwrap.wrap(words, inner // TITLE_CHAR_PX)
    # a chart with comparators lists its series one a line at the bottom, each name on two
    # lines; the legend of marked points then goes to the top, where it has room
    listed = any(_listed(e.get("color")) for e in _encodings(narrow))
    for encoding in _encodings(narrow):
        x, y, colour = encoding.get("x"), encoding.get("y"), encoding.get("color")
        if isinstance(x, dict) and x.get("type") == "ordinal":
            x.setdefault("axis", {})["labelAngle"] = -45
        if isinstance(y, dict) and y.get("type") == "nominal":  # group names: cut, with …
            y["axis"] = {**(y.get("axis") or {}), "labelLimit": NARROW_WIDTH // 3}
        quantity = [c for c in (x, y) if isinstance(c, dict) and c.get("type") == "quantitative"]
        for channel in quantity:
            if channel.get("axis", {}) is not None:
                channel.setdefault("axis", {})["tickCount"] = 4
        if isinstance(colour, dict) and isinstance(colour.get("legend"), dict):
            colour["legend"]["orient"] = "top" if listed and not _listed(colour) else "bottom"
            if _listed(colour):
                colour["legend"]["labelExpr"] = SPLIT_COMPARATOR
    return narrow


def _number_axis_px(spec: Mapping[str, Any]) -> int:
    """Room for the y axis, from its widest label: the largest value written with commas."""
    values = [
        abs(float(row["value"]))
        for row in (spec.get("data") or {}).get("values", [])
        if isinstance(row.get("value"), int | float) and math.isfinite(row["value"])
    ]
    widest = len(f"{max(values, default=0.0):,.0f}") + 2  # a decimal point and digit, or a sign
    return NUMBER_AXIS_PX + LABEL_CHAR_PX * widest


def _names_on_y(encoding: dict[str, Any]) -> bool:
    y = encoding.get("y")
    return isinstance(y, dict) and y.get("type") == "nominal"


# "England (comparator, not part of the partnership)" on two lines, at the bracket
SPLIT_COMPARATOR = (
    "indexof(datum.label, ' (comparator') > 0"
    " ? [substring(datum.label, 0, indexof(datum.label, ' (comparator')),"
    " substring(datum.label, indexof(datum.label, ' (comparator') + 1)]"
    " : datum.label"
)


def _listed(colour: object) -> bool:
    """Whether a colour channel's legend lists comparators, one series a line."""
    return (
        isinstance(colour, dict)
        and isinstance(colour.get("legend"), dict)
        and colour["legend"].get("columns") == 1
    )


def _encodings(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The encoding of a single chart and of each of its layers."""
    found = [spec["encoding"]] if isinstance(spec.get("encoding"), dict) else []
    return found + [e for layer in spec.get("layer", []) for e in _encodings(layer)]
