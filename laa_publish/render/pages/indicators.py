"""Indicator pages: headline, chart with its table, values by area, metadata and download."""

from __future__ import annotations

import pandas as pd

from laa_publish.model.entities import LEVEL_TITLES, Indicator, all_people
from laa_publish.model.periods import PERIOD_TYPES, period_ordinal
from laa_publish.render.charts import chart_message, chart_rows, indicator_chart_spec
from laa_publish.render.context import (
    ChartJob,
    Context,
    Rendered,
    area_page,
    indicator_page,
    link,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import (
    attr,
    change_text,
    direction_badge,
    escape,
    status_badge,
    table,
    with_unit,
)

POLARITY_TEXT = {"higher_is_better": "Higher is better", "lower_is_better": "Lower is better"}
AGGREGATION_TEXT = {
    "sum": "Counts add up across areas.",
    "rate": "Rates for larger areas are recomputed from numerators and denominators.",
    "none": "Values cannot be combined across areas.",
}


def tolerance_text(tolerance: float, ind: Indicator) -> str:
    """A target's tolerance in the indicator's unit; percentages in points."""
    if round(tolerance, ind.decimals) == 0:
        return "none"
    return change_text(tolerance, ind).lstrip("+")


def _headline(ctx: Context, ind: Indicator, page: str) -> list[str]:
    head = ctx.headline(ind.id)
    place = escape(ctx.area_name(ctx.place))
    if head is None or head.latest_value is None:
        return [f"No value has been published for {place} yet."]
    latest = with_unit(head.latest_value, ind)
    lines = [
        f"- **Latest ({place}):** {latest} in {escape(head.latest_period)}"
        + (" `[p]` provisional" if head.latest_provisional else ""),
    ]
    if head.target is not None:
        lines.append(
            f"- **Target for {escape(head.target.period)}:** "
            f"{with_unit(head.target.value, ind)} (tolerance "
            f"{tolerance_text(head.target.tolerance, ind)}): {status_badge(head.status)}"
        )
    else:
        lines.append(
            f"- **Target:** none set for {escape(head.latest_period)}: {status_badge(head.status)}"
        )
    if head.comparison_period is not None:
        lines.append(
            f"- **Direction of travel:** {direction_badge(head.direction, head.change)} "
            f"({change_text(head.change, ind)} since {escape(head.comparison_period)})"
        )
    else:
        lines.append(f"- **Direction of travel:** {direction_badge(head.direction, None)}")
    if head.previous_period is not None and head.previous_period != head.comparison_period:
        lines.append(
            f"- **Since the previous period ({escape(head.previous_period)}):** "
            f"{change_text(head.change_since_previous, ind)}"
        )
    if head.baseline_value is not None:
        lines.append(
            f"- **Since the baseline ({escape(head.baseline_period)}, "
            f"{with_unit(head.baseline_value, ind)}):** "
            f"{change_text(head.change_since_baseline, ind)}"
        )
    lines.append(
        f"- **Polarity:** {POLARITY_TEXT[ind.polarity]}. "
        f"[How progress is judged]({link(page, 'about/method.md')})"
    )
    return lines


def _figure(ctx: Context, ind: Indicator, frame: pd.DataFrame, rendered: Rendered) -> list[str]:
    place = ctx.place
    area_rows = all_people(frame)[all_people(frame)["area"] == place]
    message = chart_message(ind, area_rows, ctx.headline(ind.id))
    rows = chart_rows(ind, area_rows, place)
    chart_path = f"charts/{ind.id}.svg"
    rendered.charts.append(
        ChartJob(
            path=chart_path,
            spec=indicator_chart_spec(ind, rows, message),
            title=f"{ind.title}: {ctx.area_name(place)}",
            description=message,
            ident=f"chart-{ind.id.lower()}",
        )
    )
    src = link(indicator_page(ind.id), chart_path)
    return [
        '<figure class="laa-chart">',
        f'<img src="{attr(src)}" alt="{attr(message)}" width="692" loading="lazy">',
        f"<figcaption>{attr(message)}. The table below gives the same figures.</figcaption>",
        "</figure>",
    ]


def _values_table(ctx: Context, ind: Indicator, frame: pd.DataFrame, key: SymbolKey) -> str:
    everyone = all_people(frame)
    place_rows = everyone[everyone["area"] == ctx.place]
    targets = {t.period: t for t in ind.targets if t.area == ctx.place}
    periods = list(dict.fromkeys([*place_rows["period"].tolist()]))
    by_period = {r.period: r for r in place_rows.itertuples(index=False)}
    extra = sorted(
        (t for t in targets if t not in by_period),
        key=lambda p: period_ordinal(p, ind.period_type) or 0,
    )
    rows = []
    for period in [*periods, *extra]:
        row = by_period.get(period)
        target = targets.get(period)
        if row is None:
            rows.append(
                [
                    escape(period),
                    "",
                    with_unit(target.value, ind) if target else "",
                    "Target only: no figure reported for this period yet.",
                ]
            )
            continue
        rows.append(
            [
                escape(period),
                key.cell(row.value, row.status, ind),
                with_unit(target.value, ind) if target else "",
                escape(row.note) if row.note else "",
            ]
        )
    return table(["Period", "Value", "Target", "Note"], rows, ["l", "r", "r", "l"])


def _areas_table(ctx: Context, ind: Indicator, page: str, key: SymbolKey) -> str:
    progress = ctx.computed.progress.get(ind.id, {})
    place_head = progress.get(ctx.place)
    order = {level: i for i, level in enumerate(LEVEL_TITLES)}
    areas = sorted(
        (ctx.p.areas[c] for c in progress if c in ctx.p.areas),
        key=lambda a: (order[a.level], a.name),
    )
    rows = []
    for area in areas:
        head = progress[area.code]
        versus = ""
        comparable = (
            place_head is not None
            and place_head.latest_value is not None
            and area.code != ctx.place
            and head.latest_period == place_head.latest_period
        )
        if comparable and place_head is not None and place_head.latest_value is not None:
            versus = change_text((head.latest_value or 0) - place_head.latest_value, ind)
        rows.append(
            [
                md_link(page, area_page(area.code), area.name),
                LEVEL_TITLES[area.level],
                escape(head.latest_period),
                key.cell(
                    head.latest_value, "provisional" if head.latest_provisional else "final", ind
                ),
                versus,
                status_badge(head.status),
            ]
        )
    place = escape(ctx.area_name(ctx.place))
    return table(
        ["Area", "Level", "Period", "Latest value", f"Difference from {place}", "Status"],
        rows,
        ["l", "l", "l", "r", "r", "l"],
    )


def _metadata(ctx: Context, ind: Indicator, page: str) -> list[str]:
    outcome = ctx.p.outcomes.get(ind.outcome)
    rows = [
        ["Indicator id", f"`{ind.id}`"],
        ["National Indicator Set", escape(ind.national_indicator or "Local indicator")],
        [
            "Outcome",
            md_link(page, outcome_page(ind.outcome), outcome.title)
            if outcome
            else escape(ind.outcome),
        ],
        ["Owner", md_link(page, partner_page(ind.partner), ctx.partner_name(ind.partner))],
        ["Definition", escape(ind.definition)],
        ["Source", escape(ind.source)],
        ["Methodology", escape(ind.methodology)],
        ["Limitations", escape(ind.limitations)],
        ["Unit", escape(ind.unit_label)],
        ["Polarity", POLARITY_TEXT[ind.polarity]],
        [
            "Frequency",
            f"{escape(ind.frequency.capitalize())} ({PERIOD_TYPES[ind.period_type].description}, "
            f"e.g. {PERIOD_TYPES[ind.period_type].example})",
        ],
        ["Combining areas", AGGREGATION_TEXT[ind.aggregation]],
        ["Contact", f"{escape(ind.contact_name)} ({escape(ind.contact_email)})"],
    ]
    return [table(["Item", "Detail"], rows, ["l", "l"])]


def indicator_markdown(ctx: Context, ind: Indicator, rendered: Rendered) -> str:
    """The full page for one indicator."""
    page = indicator_page(ind.id)
    frame = ctx.computed.published.get(ind.id)
    key = SymbolKey()
    parts = [f"# {escape(ind.id)}: {escape(ind.title)}", ""]
    parts += [*_headline(ctx, ind, page), ""]
    if frame is not None and not frame.empty:
        parts += [f"## Trend in {escape(ctx.area_name(ctx.place))}", ""]
        parts += [*_figure(ctx, ind, frame, rendered), ""]
        parts += [_values_table(ctx, ind, frame, key), ""]
        parts += ["## Latest value in each area", ""]
        parts += [_areas_table(ctx, ind, page, key), ""]
    legend = key.legend()
    if legend:
        parts += [legend, ""]
    parts += [
        "## Download the data",
        "",
        f"[{escape(ind.id)} observations (CSV)]({link(page, f'downloads/{ind.id}.csv')}): every "
        "period and area, with numerators, denominators, status and notes.",
        "",
        "## About this indicator",
        "",
        *_metadata(ctx, ind, page),
        "",
        ctx.updated_note(ind.source_path, ind.data_path),
        "",
    ]
    return "\n".join(parts)


def indicators_index(ctx: Context) -> str:
    """All indicators, grouped by outcome, with their latest city-wide status."""
    page = "indicators/index.md"
    parts = [
        "# Indicators",
        "",
        f"{len(ctx.p.indicators)} indicators show progress towards the partnership's outcomes. "
        f"Values are for {escape(ctx.area_name(ctx.place))} as a whole.",
        "",
    ]
    key = SymbolKey()
    for outcome in sorted(ctx.p.outcomes.values(), key=lambda o: o.id):
        inds = ctx.p.outcome_indicators(outcome.id)
        if not inds:
            continue
        parts += [f"## {escape(outcome.id)}: {escape(outcome.title)}", ""]
        rows = []
        for ind in inds:
            head = ctx.headline(ind.id)
            rows.append(
                [
                    md_link(page, indicator_page(ind.id), f"{ind.id}: {ind.title}"),
                    escape(head.latest_period) if head else "",
                    key.cell(
                        head.latest_value if head else None,
                        "provisional" if head and head.latest_provisional else "final",
                        ind,
                    ),
                    status_badge(head.status if head else "no_data"),
                ]
            )
        parts += [
            table(["Indicator", "Period", "Latest", "Status"], rows, ["l", "l", "r", "l"]),
            "",
        ]
    legend = key.legend()
    if legend:
        parts += [legend, ""]
    return "\n".join(parts)
