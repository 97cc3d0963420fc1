"""Outcome pages and the home page's scorecard: where each shared outcome stands."""

from __future__ import annotations

from laa_publish.compute.progress import AT_RISK, OFF_TRACK, ON_TRACK
from laa_publish.model.entities import Outcome
from laa_publish.render.context import (
    Context,
    Rendered,
    indicator_page,
    link,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.pages.partnership import (
    outcome_alignment_section,
    outcome_budget_section,
)
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import direction_badge, escape, status_badge, table, with_unit


def _partners_line(ctx: Context, outcome: Outcome, page: str) -> str:
    lead = md_link(page, partner_page(outcome.lead_partner), ctx.partner_name(outcome.lead_partner))
    others = ", ".join(
        md_link(page, partner_page(p), ctx.partner_name(p)) for p in outcome.contributing_partners
    )
    return f"**Lead partner:** {lead}" + (f" · **Working with:** {others}" if others else "")


def outcomes_by_theme(ctx: Context) -> list[tuple[str, str, list[Outcome]]]:
    """Outcomes grouped under their theme blocks, in the settings' order."""
    groups = []
    for theme in ctx.p.settings.themes:
        members = sorted(
            (o for o in ctx.p.outcomes.values() if o.theme == theme.id),
            key=lambda o: (o.priority, o.id),
        )
        groups.append((theme.id, theme.title, members))
    return groups


def direction_counts(improving: int, worsening: int) -> str:
    """Counts of improving and worsening indicators, each with an icon and words."""
    return (
        '<span class="laa-direction laa-direction--improving">'
        f'<span aria-hidden="true">↗</span> {improving} improving</span><br>'
        '<span class="laa-direction laa-direction--worsening">'
        f'<span aria-hidden="true">↘</span> {worsening} worsening</span>'
    )


def scorecard(ctx: Context, page: str) -> list[str]:
    """One table per theme: each outcome's overall status, counts and direction."""
    parts: list[str] = []
    for _, title, members in outcomes_by_theme(ctx):
        if not members:
            continue
        parts += [f"### {escape(title)}", ""]
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


def outcome_markdown(ctx: Context, outcome: Outcome, rendered: Rendered) -> str:
    """The page for one outcome: summary, indicator scorecard and the story behind the curve."""
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
        f"([how this is judged]({link(page, 'about/method.md')}))",
        "",
        "## Indicators",
        "",
    ]
    key = SymbolKey()
    rows = []
    for ind in ctx.p.outcome_indicators(outcome.id):
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
                with_unit(head.target.value, ind) if head and head.target else "",
                status_badge(head.status if head else "no_data"),
                direction_badge(head.direction, head.change) if head else "",
            ]
        )
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


def outcomes_index(ctx: Context) -> str:
    """Every outcome, by theme, with its overall status."""
    page = "outcomes/index.md"
    parts = [
        "# Outcomes",
        "",
        f"The partners agreed {len(ctx.p.outcomes)} shared outcomes for "
        f"{escape(ctx.p.settings.place)}, grouped in {len(ctx.p.settings.themes)} theme blocks.",
        "",
    ]
    for _, title, members in outcomes_by_theme(ctx):
        parts += [f"## {escape(title)}", ""]
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
