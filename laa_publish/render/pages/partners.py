"""Partner pages: who the partners are, what they lead and which indicators they own."""

from __future__ import annotations

from laa_publish.compute.progress import (
    FALLING,
    IMPROVING,
    NO_CHANGE,
    NO_DATA,
    NOT_COMPARABLE,
    RISING,
    STATUS_ORDER,
    WORSENING,
)
from laa_publish.model.entities import Indicator
from laa_publish.model.site_paths import ALL_DATA_ZIP, METHOD_PAGE, PARTNERS_INDEX, partner_zip
from laa_publish.render.area_series import one_series
from laa_publish.render.context import (
    Context,
    Rendered,
    link,
    md_link,
    outcome_page,
    partner_page,
)
from laa_publish.render.pages.alignment import framework_section
from laa_publish.render.pages.indicator_row import indicator_row
from laa_publish.render.renderers import renders
from laa_publish.render.sparkline import POINTS, sparkline
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import escape, html_table, md_url, table

TYPE_TEXT = {
    "council": "Local authority",
    "police": "Police",
    "health": "Health (NHS)",
    "fire": "Fire and rescue",
    "education": "Education",
    "voluntary": "Voluntary and community sector",
    "business": "Business",
    "probation": "Probation",
    "housing": "Housing",
    "employment": "Employment and skills",
    "other": "Other",
}


DIRECTION_RANK = {
    WORSENING: 0,
    NO_CHANGE: 1,
    RISING: 2,
    FALLING: 2,
    NOT_COMPARABLE: 2,
    IMPROVING: 3,
}


def worst_first(ctx: Context, ind: Indicator) -> tuple[int, int, str]:
    """Sort key: by status (off track first), then worsening first, then by id."""
    head = ctx.headline(ind.id)
    status, direction = (head.status, head.direction) if head else (NO_DATA, NOT_COMPARABLE)
    return STATUS_ORDER.index(status), DIRECTION_RANK[direction], ind.id


@renders("partner")
def partner_markdown(ctx: Context, ident: str, out: Rendered) -> str:
    """The page for one partner."""
    partner = ctx.p.partners[ident]
    page = partner_page(partner.id)
    parts = [f"# {escape(partner.name)}", ""]
    if partner.description:
        parts += [escape(partner.description), ""]
    facts = [f"**Type:** {TYPE_TEXT[partner.type]}"]
    if partner.website:
        facts.append(f"**Website:** <{md_url(partner.website)}>")
    parts += [" · ".join(facts), ""]
    led = [
        o
        for o in sorted(ctx.p.outcomes.values(), key=lambda o: o.id)
        if o.lead_partner == partner.id
    ]
    helps = [
        o
        for o in sorted(ctx.p.outcomes.values(), key=lambda o: o.id)
        if partner.id in o.contributing_partners
    ]
    parts += ["## Outcomes", ""]
    if led or helps:
        parts += [
            f"- {md_link(page, outcome_page(o.id), f'{o.id}: {o.title}')} (lead)" for o in led
        ]
        parts += [
            f"- {md_link(page, outcome_page(o.id), f'{o.id}: {o.title}')} (contributor)"
            for o in helps
        ]
        parts.append("")
    else:
        parts += ["This partner does not lead or contribute to an outcome yet.", ""]
    parts += framework_section(ctx, partner.id, page)
    owned = sorted(
        (i for i in ctx.p.indicators.values() if i.partner == partner.id),
        key=lambda i: worst_first(ctx, i),
    )
    parts += ["## Indicators this partner reports", ""]
    if owned:
        parts += [
            "Worst first: off track, then at risk, then on track, then those without a "
            "target or figures; within each, worsening before no change before improving "
            f"([how progress is judged]({link(page, METHOD_PAGE)})).",
            "",
        ]
        key = SymbolKey()
        rows = []
        for ind in owned:
            row = indicator_row(ctx, ind, page, key, html=True)
            values = one_series(ctx.computed.published.get(ind.id), ctx.place, POINTS)
            trend = " ".join(part for part in (sparkline(values), row.direction) if part)
            rows.append([row.indicator, row.period, row.latest, row.target, row.status, trend])
        parts += [
            html_table(
                ["Indicator", "Period", "Latest", "Target", "Status", "Trend"],
                rows,
                ["l", "l", "r", "r", "l", "l"],
            ),
            "",
        ]
        legend = key.legend()
        if legend:
            parts += [legend, ""]
        parts += [
            f"Download these indicators' figures as one zip, [{escape(partner.id)}.zip]"
            f"({link(page, partner_zip(partner.id))}): a CSV file for each, with any "
            "comparators and a `datapackage.json` that describes the columns. "
            f"[All the partnership's data]({link(page, ALL_DATA_ZIP)}) is a zip too.",
            "",
        ]
    else:
        parts += ["None yet.", ""]
    return "\n".join(parts)


@renders("partners-index")
def partners_index(ctx: Context, key: str, out: Rendered) -> str:
    """The partner register as a table."""
    page = PARTNERS_INDEX
    rows = []
    for partner in sorted(ctx.p.partners.values(), key=lambda p: p.name):
        led = sum(1 for o in ctx.p.outcomes.values() if o.lead_partner == partner.id)
        owned = sum(1 for i in ctx.p.indicators.values() if i.partner == partner.id)
        rows.append(
            [
                md_link(page, partner_page(partner.id), partner.name),
                TYPE_TEXT[partner.type],
                str(led),
                str(owned),
            ]
        )
    return "\n".join(
        [
            "# Partners",
            "",
            f"{len(ctx.p.partners)} organisations make up the partnership. Each publishes its own "
            "data and is named as the source of every figure it reports.",
            "",
            table(
                ["Partner", "Type", "Outcomes led", "Indicators reported"],
                rows,
                ["l", "l", "r", "r"],
            ),
            "",
        ]
    )
