"""Indicator pages: headline, chart with its table, values by area, metadata and download."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from laa_publish.frames import rows_of
from laa_publish.model.entities import Dimension, Indicator, all_people
from laa_publish.model.periods import PERIOD_TYPES, date_words, period_ordinal, period_words
from laa_publish.model.site_paths import (
    INDICATORS_INDEX,
    METHOD_PAGE,
    comparators_download,
    indicator_download,
)
from laa_publish.render import comparators as comp
from laa_publish.render.charts import (
    breakdown_chart_spec,
    chart_message,
    chart_rows,
    indicator_chart_spec,
)
from laa_publish.render.context import (
    ChartJob,
    Context,
    Rendered,
    figure,
    indicator_page,
    link,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.inline import note
from laa_publish.render.jsonld import jsonld_block
from laa_publish.render.pages.area_trends import area_trends
from laa_publish.render.pages.indicator_row import indicator_row
from laa_publish.render.pages.outcomes import STORY_ANCHOR
from laa_publish.render.pages.revisions import indicator_revisions
from laa_publish.render.renderers import renders
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import (
    change_text,
    direction_badge,
    escape,
    html_table,
    html_text,
    plain_number,
    status_badge,
    table,
    with_unit,
)

POLARITY_TEXT = {
    "higher_is_better": "Higher is better",
    "lower_is_better": "Lower is better",
    "none": "Neither: a rise or a fall is not in itself good or bad, so it is not judged",
}
"""Whether higher or lower is better: the word 'polarity' stays in the partners' files."""
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


def tolerance_words(tolerance: float, ind: Indicator, page: str) -> str:
    """What a target's tolerance means for its status, linked to the method's definition."""
    method = f"[tolerance]({link(page, METHOD_PAGE)}#status-against-the-target)"
    if round(tolerance, ind.decimals) == 0:
        return f"Any miss counts as off track (the target has no {method})."
    return (
        f"Missing it by up to {tolerance_text(tolerance, ind)} counts as at risk, not off "
        f"track (the target's {method})."
    )


def _headline(ctx: Context, ind: Indicator, page: str) -> list[str]:
    head = ctx.headline(ind.id)
    place = escape(ctx.area_name(ctx.place))
    if head is None or head.latest_value is None:
        return [f"No value has been published for {place} yet."]
    latest = with_unit(head.latest_value, ind)
    kind = ind.period_type
    lines = [
        f"- **Latest ({place}):** {latest} in "
        f"{escape(period_words(head.latest_period or '', kind))}"
        + (" `[p]` provisional" if head.latest_provisional else ""),
    ]
    if head.target is not None:
        lines.append(
            f"- **Target for {escape(period_words(head.target.period, kind))}:** "
            f"{with_unit(head.target.value, ind)}: {status_badge(head.status)}. "
            f"{tolerance_words(head.target.tolerance, ind, page)}"
        )
    else:
        lines.append(
            f"- **Target:** none set for {escape(period_words(head.latest_period or '', kind))}: "
            f"{status_badge(head.status)}"
        )
    if head.comparison_period is not None:
        lines.append(
            f"- **Direction of travel:** {direction_badge(head.direction)} "
            f"({change_text(head.change, ind)} since "
            f"{escape(period_words(head.comparison_period, kind))})"
        )
    else:
        lines.append(f"- **Direction of travel:** {direction_badge(head.direction)}")
    if head.previous_period is not None and head.previous_period != head.comparison_period:
        lines.append(
            "- **Since the previous period "
            f"({escape(period_words(head.previous_period, kind))}):** "
            f"{change_text(head.change_since_previous, ind)}"
        )
    if head.baseline_value is not None:
        lines.append(
            f"- **Since the baseline ({escape(period_words(head.baseline_period or '', kind))}, "
            f"{with_unit(head.baseline_value, ind)}):** "
            f"{change_text(head.change_since_baseline, ind)}"
        )
    lines.append(
        f"- **Higher or lower is better:** {POLARITY_TEXT[ind.polarity]}. "
        f"[How progress is judged]({link(page, METHOD_PAGE)})"
    )
    return lines


def _figure(
    ctx: Context,
    ind: Indicator,
    frame: pd.DataFrame,
    rendered: Rendered,
    series: list[comp.Series],
) -> list[str]:
    everyone = all_people(frame)
    area_rows = everyone[everyone["area"] == ctx.place]
    message = chart_message(ind, area_rows, ctx.headline(ind.id))
    rows = comp.with_comparators(chart_rows(ind, area_rows, ctx.place), ind, series)
    job = ChartJob(
        path=f"charts/{ind.id}.svg",
        spec=indicator_chart_spec(ind, rows, message),
        title=f"{ind.title}: {ctx.area_name(ctx.place)}",
        description=message + comp.latest_words(ind, series),
        ident=f"chart-{ind.id.lower()}",
    )
    return figure(rendered, indicator_page(ind.id), job)


def _values_table(
    ctx: Context, ind: Indicator, frame: pd.DataFrame, key: SymbolKey, series: list[comp.Series]
) -> str:
    """The chart's figures for the whole place, a period a row, as an HTML table."""
    everyone = all_people(frame)
    place_rows = everyone[everyone["area"] == ctx.place]
    targets = {t.period: t for t in ind.targets if t.area == ctx.place}
    periods = list(dict.fromkeys([*place_rows["period"].tolist()]))
    by_period = {r.period: r for r in rows_of(place_rows)}
    others = [p for s in series for p in s.periods]
    extra = sorted(
        dict.fromkeys(p for p in [*targets, *others] if p not in by_period),
        key=lambda p: period_ordinal(p, ind.period_type) or 0,
    )
    rows = []
    for period in [*periods, *extra]:
        row = by_period.get(period)
        target = targets.get(period)
        outside = [_comparator_cell(s, period, ind) for s in series]
        if row is None:
            rows.append(
                [
                    html_text(period_words(period, ind.period_type)),
                    "",
                    with_unit(target.value, ind) if target else "",
                    *outside,
                    "Target only: no figure reported for this period yet."
                    if target
                    else "Comparators only: no figure reported for this period.",
                    "",
                ]
            )
            continue
        note = html_text(row.note or "")
        rows.append(
            [
                html_text(period_words(period, ind.period_type)),
                key.cell(row.value, row.status, ind, bool(getattr(row, "revised", False))),
                with_unit(target.value, ind) if target else "",
                *outside,
                " ".join(n for n in (_baseline_note(ind, period), note) if n),
                ctx.source_html(getattr(row, "source", ""), ind.partner),
            ]
        )
    headers = [comp.column_header(s.comparator) for s in series]
    return html_table(
        ["Period", "Value", "Target", *headers, "Note", "Source"],
        rows,
        ["l", "r", "r", *("r" for _ in headers), "l", "l"],
    )


def _comparator_cell(series: comp.Series, period: str, ind: Indicator) -> str:
    value = series.value_in(period)
    return with_unit(value, ind) if value is not None else ""


def _place_values(ctx: Context, frame: pd.DataFrame) -> dict[str, float]:
    """The place's own published figures by period, to set beside the comparators'."""
    everyone = all_people(frame)
    mine = everyone[(everyone["area"] == ctx.place) & everyone["value"].notna()]
    return dict(zip(mine["period"].astype(str), mine["value"].astype(float), strict=True))


def _has_place_rows(ctx: Context, frame: pd.DataFrame) -> bool:
    """Whether the place has any row for everyone, even a suppressed one, to chart and list."""
    everyone = all_people(frame)
    return bool((everyone["area"] == ctx.place).any())


def _baseline_note(ind: Indicator, period: str) -> str:
    """Names the baseline row in words, as the chart's ring does."""
    baseline = ind.baseline
    if baseline is not None and baseline.period == period:
        return "<strong>Baseline.</strong>"
    return ""


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
        ["Whether higher or lower is better", POLARITY_TEXT[ind.polarity]],
        [
            "Frequency",
            f"{escape(ind.frequency.capitalize())} ({PERIOD_TYPES[ind.period_type].description}, "
            f"e.g. {PERIOD_TYPES[ind.period_type].example})",
        ],
        ["Combining areas", AGGREGATION_TEXT[ind.aggregation]],
        ["Contact", f"{escape(ind.contact_name)} ({escape(ind.contact_email)})"],
    ]
    return [table(["Item", "Detail"], rows, ["l", "l"])]


def _outcome_line(ctx: Context, ind: Indicator, page: str) -> list[str]:
    """Near the top: the outcome this indicator evidences, and the partners' story behind it."""
    outcome = ctx.p.outcomes.get(ind.outcome)
    if outcome is None:
        return []
    target = outcome_page(outcome.id)
    story = ""
    if outcome.id in ctx.p.narratives:
        story = f" · [Read the story behind the curve]({link(page, target)}#{STORY_ANCHOR})"
    return [f"Part of the outcome {md_link(page, target, outcome.title)}{story}", ""]


@renders("indicator")
def indicator_markdown(ctx: Context, ident: str, rendered: Rendered) -> str:
    """The full page for one indicator."""
    ind = ctx.p.indicators[ident]
    page = indicator_page(ind.id)
    frame = ctx.computed.published.get(ind.id)
    key = SymbolKey()
    series = comp.comparator_series(ind, ctx.p.comparators.get(ind.id))
    parts = [f"# {escape(ind.id)}: {escape(ind.title)}", ""]
    place = ctx.area_name(ctx.place)
    has_figures = frame is not None and not frame.empty
    place_values = _place_values(ctx, frame) if frame is not None and has_figures else {}
    context_line = comp.key_fact(ind, series, place, place_values)
    parts += [*_outcome_line(ctx, ind, page), *_headline(ctx, ind, page), *context_line, ""]
    if frame is not None and has_figures:
        parts += [f"## Trend in {escape(place)}", ""]
        if _has_place_rows(ctx, frame):
            parts += [*_figure(ctx, ind, frame, rendered, series), ""]
            parts += [_values_table(ctx, ind, frame, key, series), ""]
        else:  # an empty chart and table would say nothing; say where the figures are
            parts += [
                f"No figure is published for {escape(place)} as a whole: the figures below "
                "are for its areas or for groups of people.",
                "",
            ]
        parts += comp.comparison_section(ind, series, place, place_values)
        parts += area_trends(ctx, ind, page, frame, key, rendered)
        parts += _breakdown_section(ctx, ind, frame, rendered, key)
    revisions = indicator_revisions(ctx, ind)
    legend = key.legend()
    if legend:
        parts += [legend, ""]
    parts += [
        "## Download the data",
        "",
        _download_note(ind, page),
        "",
        *_comparators_download(ind, page, series),
        *revisions,
        "## About this indicator",
        "",
        *_metadata(ctx, ind, page),
        "",
        ctx.updated_note(page, ind.source_path, ind.data_path),
        "",
        _latest_data_commit(ctx, ind, frame, page),
        "",
        jsonld_block(ctx, ind),
        "",
    ]
    return "\n".join(parts)


def _download_note(ind: Indicator, page: str) -> str:
    """Where the indicator's observations are: the same words on every indicator page."""
    w = note(page)
    return w.paragraph(
        w.link(indicator_download(ind.id), f"{w.text(ind.id)} observations (CSV)")
        + ": every period and area, with numerators, denominators, status and notes, and in "
        f"its {w.code('commit')} column the version of the partnership's data that last set "
        "each figure."
    )


def _comparators_download(ind: Indicator, page: str, series: list[comp.Series]) -> list[str]:
    if not series:
        return []
    w = note(page)
    return [
        w.paragraph(
            w.link(comparators_download(ind.id), f"{w.text(ind.id)} comparators (CSV)")
            + ": the figures for places outside the partnership shown above, with their "
            "sources and the dates they were retrieved. They are not part of the partnership's "
            "data."
        ),
        "",
    ]


def _latest_data_commit(ctx: Context, ind: Indicator, frame: pd.DataFrame | None, page: str) -> str:
    """The newest commit behind the figures shown: where an auditor starts tracing them."""
    shas = sorted(set(frame["source"])) if frame is not None and "source" in frame else []
    latest = ctx.audit.latest(shas)
    w = note(page)
    if latest is None:
        return w.paragraph(w.em("The latest change to the data behind these figures is not known."))
    release = ctx.audit.current
    shown = (
        f" They are the figures of the release of {date_words(release.date)}." if release else ""
    )
    return w.paragraph(
        w.em(
            f"The data behind these figures last changed on {date_words(latest.day)}, by "
            f"{w.text(latest.author)} ({w.text(ctx.partner_name(ind.partner))}): version "
            f"{w.code(latest.sha[:10])} in the data's history.{shown}"
        )
    )


@renders("indicators-index")
def indicators_index(ctx: Context, key: str, out: Rendered) -> str:
    """All indicators, grouped by outcome, with their latest city-wide status."""
    page = INDICATORS_INDEX
    parts = [
        "# Indicators",
        "",
        f"{len(ctx.p.indicators)} indicators show progress towards the partnership's outcomes. "
        f"Values are for {escape(ctx.area_name(ctx.place))} as a whole.",
        "",
    ]
    symbols = SymbolKey()
    for outcome in sorted(ctx.p.outcomes.values(), key=lambda o: o.id):
        inds = ctx.p.outcome_indicators(outcome.id)
        if not inds:
            continue
        parts += [f"## {escape(outcome.id)}: {escape(outcome.title)}", ""]
        rows = []
        for ind in inds:
            row = indicator_row(ctx, ind, page, symbols, html=True)
            rows.append([row.indicator, row.period, row.latest, row.status])
        parts += [  # each indicator's page is found by its own words; these are its figures
            html_table(["Indicator", "Period", "Latest", "Status"], rows, ["l", "l", "r", "l"]),
            "",
        ]
    legend = symbols.legend()
    if legend:
        parts += [legend, ""]
    return "\n".join(parts)


def _latest_by_group(
    frame: pd.DataFrame, place: str, dim_id: str
) -> tuple[str, pd.DataFrame, float | None] | None:
    """The latest period with figures by one dimension, those rows, and everyone's value."""
    mine = frame[(frame["area"] == place) & frame["breakdown"].str.fullmatch(f"{dim_id}=[^;]+")]
    mine = mine[mine["value"].notna() | mine["status"].eq("suppressed")]
    if mine.empty:
        return None
    period = str(mine["period"].iloc[mine["ordinal"].argmax()])
    everyone = frame[
        (frame["area"] == place) & (frame["breakdown"] == "") & (frame["period"] == period)
    ]["value"].dropna()
    overall = float(everyone.iloc[0]) if len(everyone) else None
    return period, mine[mine["period"] == period], overall


def _dimension_block(
    ctx: Context,
    ind: Indicator,
    dim: Dimension,
    frame: pd.DataFrame,
    rendered: Rendered,
    key: SymbolKey,
) -> list[str]:
    """A chart and a table of one dimension's groups, with each group's gap to everyone."""
    found = _latest_by_group(frame, ctx.place, dim.id)
    if found is None:
        return []
    period, rows, overall = found
    when = period_words(period, ind.period_type)
    order = {v.code: i for i, v in enumerate(dim.values)}
    rows = rows.assign(_order=rows[dim.id].map(order)).sort_values("_order")
    table_rows: list[list[str]] = []
    chart_rows: list[dict[str, object]] = []
    groups = Groups()
    for row in rows_of(rows):
        label = dim.label(str(getattr(row, dim.id)))
        value = None if pd.isna(row.value) else float(row.value)
        gap = ""
        if value is not None and overall is not None:
            gap = change_text(value - overall, ind)
        revised = bool(getattr(row, "revised", False))
        table_rows.append([html_text(label), key.cell(value, str(row.status), ind, revised), gap])
        if value is not None:
            chart_rows.append({"label": label, "value": float(plain_number(value, ind.decimals))})
        code = str(getattr(row, dim.id))
        groups.add(label, value, getattr(row, "numerator", None), ind, dim.ranked(code))
    if overall is not None:
        table_rows.append(["<strong>Everyone</strong>", with_unit(overall, ind), ""])
    message = breakdown_message(ind, dim.title, when, groups, overall)
    parts = [f"### By {escape(dim.title.lower())}, {escape(when)}", ""]
    if chart_rows:
        job = ChartJob(
            path=f"charts/{ind.id}-{dim.id}.svg",
            spec=breakdown_chart_spec(chart_rows, overall, _axis_label(ind), message),
            title=f"{ind.title} by {dim.title.lower()}",
            description=message,
            ident=f"chart-{ind.id.lower()}-{dim.id}",
        )
        parts += figure(rendered, indicator_page(ind.id), job)
    gap_header = f"Gap to everyone in {html_text(ctx.area_name(ctx.place))}"
    return [
        *parts,
        html_table([html_text(dim.title), "Value", gap_header], table_rows, ["l", "r", "r"]),
        "",
        *groups.not_ranked(),
    ]


def _breakdown_section(
    ctx: Context, ind: Indicator, frame: pd.DataFrame, rendered: Rendered, key: SymbolKey
) -> list[str]:
    """For each community of shared interest: the latest figures by group, and the gap."""
    parts: list[str] = []
    for dim_id in ind.breakdowns:
        dim = ctx.p.settings.dimension(dim_id)
        if dim is not None:
            parts += _dimension_block(ctx, ind, dim, frame, rendered, key)
    if not parts:
        return []
    w = note(indicator_page(ind.id))
    return [
        "## Who is being left behind",
        "",
        w.paragraph(
            "The same figure for communities of shared interest, beside the figure for "
            f"everyone. Small numbers are withheld ({w.code('[c]')}) so that no one can be "
            "identified."
        ),
        "",
        *parts,
    ]


def _axis_label(ind: Indicator) -> str:
    if ind.unit == "percentage":
        return "Per cent"
    if ind.unit == "rate" and ind.rate_per:
        return f"Rate per {ind.rate_per:,}"
    return ind.unit.capitalize()


@dataclass(slots=True)
class Groups:
    """A dimension's groups sorted for naming the best and worst: only real, non-zero counts.

    A group with nothing counted shows 0, but a zero from a small group says little, so it
    is never called the best (or the worst); a withheld figure is not known at all.
    """

    ranked: list[tuple[str, float]] = field(default_factory=list)
    zero: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    unranked: list[str] = field(default_factory=list)  # "Not known" and the like

    def add(
        self,
        label: str,
        value: float | None,
        numerator: object,
        ind: Indicator,
        rankable: bool = True,
    ) -> None:
        """Sort one group into ranked, zero, withheld or never ranked."""
        if not rankable:
            self.unranked.append(label)
        elif value is None:
            self.withheld.append(label)
        elif round(value, ind.decimals) == 0 or (
            isinstance(numerator, float | int) and not pd.isna(numerator) and numerator == 0
        ):
            self.zero.append(label)
        else:
            self.ranked.append((label, value))

    def not_ranked(self) -> list[str]:
        """Sentences saying which groups are left out of best and worst, and why."""
        lines = [
            _left_out(names, why)
            for names, why in (
                (self.unranked, "not a group of people with something in common."),
                (self.zero, "nothing was counted, and a zero in a small group says little."),
            )
            if names
        ]
        if self.withheld:
            names = _and(self.withheld)
            lines.append(
                f"The {'figure' if len(self.withheld) == 1 else 'figures'} for {escape(names)} "
                f"{'is' if len(self.withheld) == 1 else 'are'} withheld (`[c]`) to protect "
                "privacy, and are not compared."
            )
        return [" ".join(lines), ""] if lines else []


def _left_out(names: list[str], why: str) -> str:
    """'A and B are not called best or worst: <why>'"""
    verb = "is" if len(names) == 1 else "are"
    return f"{escape(_and(names))} {verb} not called best or worst: {why}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def breakdown_message(
    ind: Indicator, title: str, period: str, groups: Groups, overall: float | None
) -> str:
    """The chart's message: the best and worst group with a real figure, and everyone's."""
    if not groups.ranked and not groups.zero:
        return f"{ind.title} by {title.lower()}, {period}: figures withheld"
    text = f"{ind.title} by {title.lower()}, {period}: "
    if len(groups.ranked) >= 2:
        ranked = sorted(groups.ranked, key=lambda g: g[1])
        worst, best = (ranked[0], ranked[-1]) if ind.higher_is_better else (ranked[-1], ranked[0])
        if not ind.judged:  # neither is better: the highest and the lowest
            text += (
                f"highest {ranked[-1][0]} ({with_unit(ranked[-1][1], ind)}), "
                f"lowest {ranked[0][0]} ({with_unit(ranked[0][1], ind)})"
            )
        else:
            text += (
                f"best {best[0]} ({with_unit(best[1], ind)}), "
                f"worst {worst[0]} ({with_unit(worst[1], ind)})"
            )
    else:
        text += "too few groups with figures to name the best and worst"
    if overall is not None:
        text += f"; everyone {with_unit(overall, ind)}"
    return text
