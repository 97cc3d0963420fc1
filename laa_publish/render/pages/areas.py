"""Area pages: every indicator's latest value beside the parent area's, with child areas."""

from __future__ import annotations

from laa_publish.compute.partnership import sibling_rank
from laa_publish.model.entities import AREA_LEVELS, LEVEL_TITLES, Area
from laa_publish.model.site_paths import AREAS_INDEX
from laa_publish.render.context import Context, Rendered, area_page, indicator_page, md_link
from laa_publish.render.renderers import renders
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import escape, status_badge, table, with_unit


def _rank_header(area: Area) -> str:
    return f"Rank among {LEVEL_TITLES[area.level].lower()}s"


def _rank_text(ctx: Context, indicator: str, code: str) -> str:
    """'2nd of 4', or a dash when there is nothing to compare with."""
    rank = sibling_rank(ctx.p, ctx.computed, indicator, code)
    if rank is None:
        return "–"
    return f"{ordinal(rank.rank)} of {rank.of}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _validity(area: Area) -> str:
    if area.valid_to:
        return f"Existed from {area.valid_from} to {area.valid_to} (boundary change)."
    return f"In use since {area.valid_from}."


@renders("area")
def area_markdown(ctx: Context, code: str, out: Rendered) -> str:
    """The page for one area."""
    area = ctx.p.areas[code]
    page = area_page(area.code)
    parts = [f"# {escape(area.name)}", ""]
    facts = [f"**Code:** `{escape(area.code)}`", f"**Level:** {LEVEL_TITLES[area.level]}"]
    parent = ctx.p.areas.get(area.parent) if area.parent else None
    if parent:
        facts.append(f"**Part of:** {md_link(page, area_page(parent.code), parent.name)}")
    parts += [" · ".join(facts), "", _validity(area), ""]
    if area.overlaps:
        links = ", ".join(
            md_link(page, area_page(code), ctx.area_name(code)) for code in area.overlaps
        )
        parts += [f"This school cluster draws pupils from more than one district: {links}.", ""]
    children = ctx.p.children(area.code)
    if children:
        parts += ["## Areas within " + escape(area.name), ""]
        for level in AREA_LEVELS:
            members = [c for c in children if c.level == level]
            if members:
                names = ", ".join(md_link(page, area_page(c.code), c.name) for c in members)
                parts += [f"- **{LEVEL_TITLES[level]}:** {names}"]
        parts.append("")
    key = SymbolKey()
    rows = []
    for ident in sorted(ctx.p.indicators):
        ind = ctx.p.indicators[ident]
        head = ctx.headline(ident, area.code)
        if head is None:
            continue
        parent_value = ""
        if parent is not None:
            parent_head = ctx.headline(ident, parent.code)
            if parent_head and parent_head.latest_period == head.latest_period:
                parent_value = with_unit(parent_head.latest_value, ind)
        rows.append(
            [
                md_link(page, indicator_page(ind.id), f"{ind.id}: {ind.title}"),
                escape(head.latest_period),
                key.cell(
                    head.latest_value,
                    "provisional" if head.latest_provisional else "final",
                    ind,
                    ctx.revised(ident, head.latest_period, area.code),
                ),
                parent_value,
                _rank_text(ctx, ident, area.code),
                status_badge(head.status),
            ]
        )
    parts += ["## Latest values", ""]
    if rows:
        headers = [
            "Indicator",
            "Period",
            "Value",
            escape(parent.name) if parent else "Parent area",
            _rank_header(area),
            "Status",
        ]
        parts += [table(headers, rows, ["l", "l", "r", "r", "r", "l"]), ""]
        parts += [
            "The rank compares this area with the other "
            f"{LEVEL_TITLES[area.level].lower()}s in the same parent area for the same period: "
            "1 is the best, whichever way is better for the indicator.",
            "",
        ]
        if parent is None:
            parts += ["This is the whole place, so there is no parent area to compare with.", ""]
    else:
        parts += ["No indicator is published for this area.", ""]
    legend = key.legend()
    if legend:
        parts += [legend, ""]
    return "\n".join(parts)


@renders("areas-index")
def areas_index(ctx: Context, key: str, out: Rendered) -> str:
    """The area hierarchy as nested lists."""
    page = AREAS_INDEX
    parts = [
        "# Areas",
        "",
        "Figures are published for the whole place and for smaller areas at several levels. "
        "Area codes are ONS GSS codes where the area has one, otherwise local codes.",
        "",
    ]

    def walk(code: str, depth: int) -> None:
        area = ctx.p.areas[code]
        note = " (abolished)" if area.valid_to else ""
        parts.append(
            "    " * depth
            + f"- {md_link(page, area_page(area.code), area.name)}: "
            + f"{LEVEL_TITLES[area.level]}{note}"
        )
        for child in ctx.p.children(code):
            walk(child.code, depth + 1)

    roots = sorted((a for a in ctx.p.areas.values() if a.parent is None), key=lambda a: a.name)
    for root in roots:
        walk(root.code, 0)
    parts.append("")
    return "\n".join(parts)
