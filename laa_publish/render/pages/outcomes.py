"""Outcome pages and the home page's scorecard: where each shared outcome stands."""

from __future__ import annotations

from laa_publish.compute.progress import AT_RISK, IMPROVING, OFF_TRACK, ON_TRACK, WORSENING
from laa_publish.model.entities import Outcome
from laa_publish.model.site_paths import METHOD_PAGE, OUTCOMES_INDEX
from laa_publish.render.context import (
    Context,
    Rendered,
    link,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.pages.alignment import outcome_alignment_section
from laa_publish.render.pages.budgets import outcome_budget_section
from laa_publish.render.pages.indicator_row import indicator_row
from laa_publish.render.renderers import renders
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import direction_count, escape, status_badge, table


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
        "## Indicators",
        "",
    ]
    key = SymbolKey()
    rows = []
    for ind in ctx.p.outcome_indicators(outcome.id):
        row = indicator_row(ctx, ind, page, key)
        rows.append([row.indicator, row.period, row.latest, row.target, row.status, row.direction])
    if rows:
        parts += [
            table(
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
        parts += [narrative.strip(), ""]
    parts += outcome_alignment_section(ctx, outcome)
    parts += outcome_budget_section(ctx, outcome, rendered)
    paths = [outcome.source, outcome.narrative]
    parts += [ctx.updated_note(*paths), ""]
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
