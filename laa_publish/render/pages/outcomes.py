"""Outcome pages and the home page's scorecard: where each shared outcome stands."""

from __future__ import annotations

import posixpath

from laa_publish.compute.progress import AT_RISK, IMPROVING, OFF_TRACK, ON_TRACK, WORSENING
from laa_publish.model.entities import Outcome
from laa_publish.model.periods import period_words
from laa_publish.model.site_paths import METHOD_PAGE, OUTCOMES_INDEX
from laa_publish.render.area_series import one_series
from laa_publish.render.context import (
    Context,
    Rendered,
    built_link,
    indicator_page,
    link,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.inline import note
from laa_publish.render.pages.alignment import outcome_alignment_section
from laa_publish.render.pages.budgets import outcome_budget_section
from laa_publish.render.pages.indicator_row import indicator_row
from laa_publish.render.renderers import renders
from laa_publish.render.sparkline import POINTS, sparkline
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import (
    direction_badge,
    direction_count,
    escape,
    html_table,
    html_text,
    status_badge,
    table,
    with_unit,
)


def _partners_line(ctx: Context, outcome: Outcome, page: str) -> str:
    lead = md_link(page, partner_page(outcome.lead_partner), ctx.partner_name(outcome.lead_partner))
    others = ", ".join(
        md_link(page, partner_page(p), ctx.partner_name(p)) for p in outcome.contributing_partners
    )
    return f"**Lead partner:** {lead}" + (f" · **Working with:** {others}" if others else "")


def direction_counts(improving: int, worsening: int) -> str:
    """Counts of improving and worsening indicators, each with an icon and words."""
    return f"{direction_count(IMPROVING, improving)}<br>{direction_count(WORSENING, worsening)}"


def scorecard(ctx: Context, page: str) -> list[str]:
    """One table per theme: each outcome's overall status, counts and direction."""
    parts: list[str] = []
    for theme, members in ctx.p.outcomes_by_theme():
        if not members:
            continue
        parts += [f"### {escape(theme.title)}", ""]
        rows = []
        for outcome in members:
            summary = ctx.computed.outcomes[outcome.id]
            counts = summary.counts
            rows.append(
                [
                    md_link(page, outcome_page(outcome.id), f"{outcome.id}: {outcome.title}"),
                    status_badge(summary.status),
                    str(counts.get(ON_TRACK, 0)),
                    str(counts.get(AT_RISK, 0)),
                    str(counts.get(OFF_TRACK, 0)),
                    direction_counts(summary.improving, summary.worsening),
                ]
            )
        parts += [
            table(
                ["Outcome", "Overall", "On track", "At risk", "Off track", "Direction of travel"],
                rows,
                ["l", "l", "r", "r", "r", "l"],
            ),
            "",
        ]
    return parts


STORY_ANCHOR = "story"
MULTIPLE_WIDTH, MULTIPLE_HEIGHT = 160, 48


def small_multiples(ctx: Context, outcome: Outcome, page: str) -> list[str]:
    """Every indicator's curve, side by side, each with its latest figure and status in words.

    Drawn as sparkline SVG, not through the chart converter: a county has 300 of them. Each
    line is labelled for screen readers; the words beside it say the same.
    """
    indicators = ctx.p.outcome_indicators(outcome.id)
    if not indicators:
        return []
    folder = posixpath.dirname(page)
    items = []
    for ind in indicators:
        head = ctx.headline(ind.id)
        href = built_link(folder, indicator_page(ind.id))
        title = f'<p class="laa-multiple__title"><a href="{href}">{html_text(ind.title)}</a></p>'
        if head is None or not head.latest_period:
            items.append(f'<li class="laa-multiple">{title}<p>No figures yet.</p></li>')
            continue
        values = one_series(ctx.computed.published.get(ind.id), ctx.place, POINTS)
        latest = with_unit(head.latest_value, ind)
        period = period_words(head.latest_period, ind.period_type)
        label = f"{ind.title}: the latest {len(values)} figures, ending at {latest} in {period}"
        line = sparkline(values, label, width=MULTIPLE_WIDTH, height=MULTIPLE_HEIGHT)
        words = (
            f"<p><strong>{html_text(latest)}</strong> ({html_text(period)})<br>"
            f"{status_badge(head.status)} {direction_badge(head.direction)}</p>"
        )
        items.append(f'<li class="laa-multiple">{title}\n{line}\n{words}</li>')
    w = note(page)
    return [
        "## Every indicator's curve",
        "",
        w.paragraph(
            f"Each indicator's latest figures for {w.text(ctx.area_name(ctx.place))}, {POINTS} "
            "at most, oldest to latest. The story behind the curves follows the table below."
        ),
        "",
        '<ul class="laa-multiples">',
        *items,
        "</ul>",
        "",
    ]


@renders("outcome")
def outcome_markdown(ctx: Context, ident: str, rendered: Rendered) -> str:
    """The page for one outcome: summary, indicator scorecard and the story behind the curve."""
    outcome = ctx.p.outcomes[ident]
    page = outcome_page(outcome.id)
    theme = next((t.title for t in ctx.p.settings.themes if t.id == outcome.theme), outcome.theme)
    summary = ctx.computed.outcomes[outcome.id]
    parts = [
        f"# {escape(outcome.id)}: {escape(outcome.title)}",
        "",
        f"{escape(outcome.summary)}",
        "",
        f"**Theme:** {escape(theme)} · {_partners_line(ctx, outcome, page)}",
        "",
        f"**Overall:** {status_badge(summary.status)} "
        f"([how this is judged]({link(page, METHOD_PAGE)}))",
        "",
    ]
    parts += small_multiples(ctx, outcome, page)
    parts += ["## Indicators", ""]
    key = SymbolKey()
    rows = []
    for ind in ctx.p.outcome_indicators(outcome.id):
        row = indicator_row(ctx, ind, page, key, html=True)
        rows.append([row.indicator, row.period, row.latest, row.target, row.status, row.direction])
    if rows:  # the figures are on each indicator's page, which search finds by its words
        parts += [
            html_table(
                ["Indicator", "Period", "Latest", "Target", "Status", "Direction"],
                rows,
                ["l", "l", "r", "r", "l", "l"],
            ),
            "",
        ]
    else:
        parts += ["No indicators are linked to this outcome yet.", ""]
    legend = key.legend()
    if legend:
        parts += [legend, ""]
    narrative = ctx.p.narratives.get(outcome.id)
    if narrative:
        # a fixed anchor: each indicator page links here, whatever headings the partners use
        parts += [f'<div id="{STORY_ANCHOR}"></div>', "", narrative.strip(), ""]
    parts += outcome_alignment_section(ctx, outcome)
    parts += outcome_budget_section(ctx, outcome, rendered)
    paths = [outcome.source, outcome.narrative]
    parts += [ctx.updated_note(page, *paths), ""]
    return "\n".join(parts)


@renders("outcomes-index")
def outcomes_index(ctx: Context, key: str, out: Rendered) -> str:
    """Every outcome, by theme, with its overall status."""
    page = OUTCOMES_INDEX
    parts = [
        "# Outcomes",
        "",
        f"The partners agreed {len(ctx.p.outcomes)} shared outcomes for "
        f"{escape(ctx.p.settings.place)}, grouped in {len(ctx.p.settings.themes)} theme blocks.",
        "",
    ]
    for theme, members in ctx.p.outcomes_by_theme():
        parts += [f"## {escape(theme.title)}", ""]
        if not members:
            parts += ["No outcomes in this theme yet.", ""]
        for outcome in members:
            summary = ctx.computed.outcomes[outcome.id]
            parts.append(
                f"- {md_link(page, outcome_page(outcome.id), f'{outcome.id}: {outcome.title}')}: "
                f"{status_badge(summary.status)}. {escape(outcome.summary)}"
            )
        parts.append("")
    return "\n".join(parts)
