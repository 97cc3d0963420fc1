"""Area pages: how an area is doing, compared like with like with the whole place and its parent."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field

from laa_publish.model.entities import Area, Indicator, Outcome
from laa_publish.model.periods import date_words
from laa_publish.model.site_paths import AREAS_INDEX, METHOD_PAGE
from laa_publish.render.area_rows import Where, row_of, where
from laa_publish.render.compare import (
    Comparison,
    Standing,
    comparable,
    standing,
    worst_first,
)
from laa_publish.render.context import (
    Context,
    Rendered,
    area_page,
    built_link,
    indicator_page,
    md_link,
    outcome_page,
)
from laa_publish.render.inline import note
from laa_publish.render.maps.pages import area_locator, index_maps
from laa_publish.render.renderers import renders
from laa_publish.render.sparkline import POINTS
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import counted, escape, html_text


def _rank_header(parent: Area) -> str:
    """Short, so the table fits beside the navigation; the notes say what is ranked."""
    return f"Rank in {html_text(parent.name)}"


def _validity(area: Area) -> str:
    """The area's dates as residents read them: 'In use since 1 April 2009.'"""
    end = date_words(str(area.valid_to)) if area.valid_to else None
    if area.valid_from is None:
        return f"In use until {end} (boundary change)." if end else ""
    start = date_words(str(area.valid_from))
    if end:
        return f"Existed from {start} to {end} (boundary change)."
    return f"In use since {start}."


def _overlap_text(ctx: Context, page: str, area: Area) -> str:
    """Where a school cluster draws its pupils from: one area, or several."""
    links = [md_link(page, area_page(code), ctx.area_name(code)) for code in area.overlaps]
    me = escape(ctx.level(area.level).noun)
    if len(links) == 1:
        return f"This {me} covers part of {links[0]}."
    listed = ", ".join(links[:-1]) + f" and {links[-1]}"
    levels = {ctx.p.areas[c].level for c in area.overlaps if c in ctx.p.areas}
    noun = escape(ctx.level(levels.pop()).noun) if len(levels) == 1 else "area"
    return f"This {me} covers parts of more than one {noun}: {listed}."


def _groups(ctx: Context) -> list[tuple[str, list[tuple[Outcome | None, list[Indicator]]]]]:
    """Indicators by theme and outcome in the home page's order; any others last."""
    by_outcome: dict[str, list[Indicator]] = {}
    for ident in sorted(ctx.p.indicators):  # one pass, not a scan of every indicator per outcome
        by_outcome.setdefault(ctx.p.indicators[ident].outcome, []).append(ctx.p.indicators[ident])
    seen: set[str] = set()
    groups: list[tuple[str, list[tuple[Outcome | None, list[Indicator]]]]] = []
    for theme, outcomes in ctx.p.outcomes_by_theme():
        blocks: list[tuple[Outcome | None, list[Indicator]]] = []
        for outcome in outcomes:
            members = by_outcome.get(outcome.id, [])
            seen.update(i.id for i in members)
            if members:
                blocks.append((outcome, members))
        if blocks:
            groups.append((theme.title, blocks))
    rest = [ctx.p.indicators[i] for i in sorted(ctx.p.indicators) if i not in seen]
    if rest:
        groups.append(("Other indicators", [(None, rest)]))
    return groups


def has_area_targets(indicators: list[Indicator], code: str) -> bool:
    """Whether any of these indicators has a target for this very area: else no status column."""
    return any(t.area == code for i in indicators for t in i.targets)


def _summary(
    ctx: Context, page: str, area: Area, place: Area | None, result: Standing
) -> list[str]:
    """The opening paragraph: better and worse than the place, and where the area stands out."""
    name = escape(area.name)
    if place is None or place.code == area.code:
        return [
            f"{name} is the whole place: every other area's page compares its rates and "
            "percentages with the figures below.",
            "",
        ]
    where = escape(place.name)
    unjudged = _unjudged(name, where, result)
    if not result.compared:
        if unjudged:
            return [unjudged, ""]
        return [
            f"No rate or percentage is published for both {name} and {where} for the same "
            "period, so none can be compared.",
            "",
        ]
    counts = f"{name} does better than {where} on {result.better} of {result.compared} "
    counts += f"comparable measures and worse on {result.worse}"
    counts += f" (the same on {result.same})." if result.same else "."
    parts = [f"{counts} {unjudged}".strip(), ""]
    # the measures named differ by area, but an indicator's words are found on its own page,
    # and these lists on every area page were a sixth of a county's search index
    w = note(page)
    there = w.text(place.name)

    def listed(title: str, items: tuple[Comparison, ...]) -> None:
        if not items:
            return
        parts.extend([w.paragraph(w.strong(f"{title} {there}:")), ""])
        entries = []
        for item in items:
            ind = ctx.p.indicators[item.indicator]
            named = w.link(indicator_page(ind.id), w.text(ind.title))
            entries.append(f"{named}: {item.against(there)}")
        parts.extend([*w.items(entries), ""])

    listed("Furthest behind", result.behind)
    listed("Furthest ahead of", result.ahead)
    parts += [
        w.paragraph(
            f"Measures are chosen by the size of the gap relative to {there}'s figure, as "
            f"{w.link(f'{METHOD_PAGE}#comparing-areas', 'the method')} explains. Counts are "
            "not compared."
        ),
        "",
    ]
    return parts


def _unjudged(name: str, where: str, result: Standing) -> str:
    """The measures with no better direction, higher or lower than the place and never scored."""
    n = result.higher + result.lower
    if not n:
        return ""
    measures = counted(n, "measure", "measures")
    return (
        f"On {measures} where neither direction is better, {name} is higher than {where} "
        f"on {result.higher} and lower on {result.lower}."
    )


@dataclass(slots=True)
class _Tally:
    """What the tables of one area page hold, for the summary and the notes above them."""

    first: list[Comparison] = field(default_factory=list)  # against the first larger area
    counts: bool = False
    ranks: bool = False
    status: bool = False


def _sections(pg: _Page, tally: _Tally) -> list[str]:
    """A table per outcome under its theme; in each, the rows furthest behind come first."""
    ctx, page, area = pg.ctx, pg.page, pg.at.area
    sections: list[str] = []
    for theme_title, blocks in _groups(ctx):
        theme_parts: list[str] = []
        for outcome, indicators in blocks:
            rows: list[tuple[tuple[int, float], str, list[str]]] = []
            status = has_area_targets(indicators, area.code)
            for ind in indicators:
                row = row_of(ctx, ind, pg.at)
                if row is None:
                    continue
                if row.first is not None:
                    tally.first.append(row.first)
                tally.counts = tally.counts or not comparable(ind)
                tally.ranks = tally.ranks or row.ranked
                pg.key.used.update(row.symbols)
                cells = [*row.cells, row.status] if status else list(row.cells)
                rows.append((worst_first(row.first), ind.id, cells))
            if not rows:
                continue
            tally.status = tally.status or status
            rows.sort(key=lambda r: (r[0], r[1]))
            caption = ""
            if outcome is not None:  # a caption, not a heading: 60 outcomes would swamp the toc
                href = built_link(posixpath.dirname(page), outcome_page(outcome.id))
                caption = f'<a href="{href}">{html_text(outcome.title)}</a>'
            body = [r[2] for r in rows]
            theme_parts += [_table(area, pg.at.others, status, caption, body), ""]
        if theme_parts:
            sections += [f"## {escape(theme_title)}", "", *theme_parts]
    return sections


@renders("area")
def area_markdown(ctx: Context, code: str, out: Rendered) -> str:
    """The page for one area."""
    area = ctx.p.areas[code]
    page = area_page(area.code)
    parts = [f"# {escape(area.name)}", ""]
    facts = [f"**Code:** `{escape(area.code)}`", f"**Level:** {escape(ctx.level(area.level).name)}"]
    parent = ctx.p.areas.get(area.parent) if area.parent else None
    if parent:
        facts.append(f"**Part of:** {md_link(page, area_page(parent.code), parent.name)}")
    validity = _validity(area)
    parts += [" · ".join(facts), "", *([validity, ""] if validity else [])]
    locator = area_locator(ctx, area, out, page)
    if locator:
        parts += [locator, ""]
    if area.overlaps:
        parts += [_overlap_text(ctx, page, area), ""]
    children = ctx.p.children(area.code)
    if children:
        parts += ["## Areas within " + escape(area.name), ""]
        for level in ctx.p.settings.levels.ids:
            members = [c for c in children if c.level == level]
            if members:
                names = ", ".join(md_link(page, area_page(c.code), c.name) for c in members)
                parts += [f"- **{escape(ctx.level(level).plural)}:** {names}"]
        parts.append("")
    place = ctx.p.areas.get(ctx.place)
    at = where(ctx, area)
    others = at.others
    key = SymbolKey()
    tally = _Tally()
    pg = _Page(ctx, page, at, key)
    sections = _sections(pg, tally)
    if sections:
        against_place = tally.first if others and others[0] is place else []
        parts += ["## How " + escape(area.name) + " compares", ""]
        parts += _summary(ctx, page, area, place, standing(against_place))
        parts += _notes(ctx, area, others, tally.counts, tally.ranks, tally.status)
        parts += sections
    else:
        parts += ["No indicator is published for this area.", ""]
    legend = key.legend()
    if legend:
        parts += [legend, ""]
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class _Page:
    """One area page's fixed parts, worked out once rather than for each of its rows."""

    ctx: Context
    page: str
    at: Where
    key: SymbolKey


def _notes(
    ctx: Context, area: Area, others: Sequence[Area], counts: bool, ranks: bool, status: bool
) -> list[str]:
    """How to read the tables below, in the order their columns appear: a note, not searched."""
    w = note(area_page(area.code))
    words = [
        "Rows are grouped by theme and outcome. Each indicator's name links to this area's "
        "full series, as a chart and a table, on the indicator's page. The trend shows this "
        f"area's latest {POINTS} figures at most, and its direction of travel."
    ]
    if others:
        names = " and ".join(w.text(o.name) for o in others)
        words.append(
            f"Rates and percentages are compared with {names} for the same period, at the "
            f"published precision; {w.em('better')} or {w.em('worse')} follows whichever "
            "direction is good for the indicator. Within each outcome the rows furthest behind "
            f"{w.text(others[0].name)} come first."
        )
    if ranks:
        words.append(
            f"The rank places this area among the other {w.text(ctx.level(area.level).nouns)} "
            "in the same parent area for the same period: 1st is the best."
        )
    if counts and (others or area.parent is not None):
        words.append(
            "Counts are neither compared nor ranked (shown as –), because areas differ in size."
        )
    if status:
        words.append(
            "Where this area has targets of its own, a status column compares the latest "
            "value with the target."
        )
    return [w.paragraph(" ".join(words)), ""]


def _table(
    area: Area, others: Sequence[Area], status: bool, caption: str, rows: list[list[str]]
) -> str:
    """A raw HTML table: an engine builds it several times faster than a Markdown table.

    A county's area pages hold ~67,000 rows; as Markdown tables they made the whole build
    a fifth slower. Cells must already be HTML; no line inside may be blank.
    """
    headers = ["Indicator", "Period", "Value", "Trend"]
    headers += [f"Compared with {html_text(o.name)}" for o in others]
    right, left = ' align="right"', ""  # as the engine's own tables align numbers
    align = [left, left, right, left, *([left] * len(others))]
    if area.parent is not None:
        headers.append(_rank_header(others[-1]) if others else "Rank")
        align.append(right)
    if status:
        headers.append("Status")
        align.append(left)
    head = "".join(f'<th scope="col"{a}>{h}</th>' for h, a in zip(headers, align, strict=True))
    body = [
        "<tr>" + "".join(f"<td{a}>{c}</td>" for c, a in zip(row, align, strict=True)) + "</tr>"
        for row in rows
    ]
    top = [f'<caption class="laa-outcome">{caption}</caption>'] if caption else []
    thead = f"<thead><tr>{head}</tr></thead>"
    # kept out of the search index, which should find each indicator's own page instead
    return "\n".join(
        [
            '<div class="laa-areas" data-search-exclude>',
            "<table>",
            *top,
            thead,
            "<tbody>",
            *body,
            "</tbody>",
            "</table>",
            "</div>",
        ]
    )


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
    maps = index_maps(ctx, page)
    if maps:
        parts += [
            "## Maps",
            "",
            "Each area is numbered on the map in alphabetical order; select it, or its name "
            "in the list after the map, to open its page.",
            "",
            *maps,
            "## Every area",
            "",
        ]

    def walk(code: str, depth: int) -> None:
        area = ctx.p.areas[code]
        note = " (abolished)" if area.valid_to else ""
        parts.append(
            "    " * depth
            + f"- {md_link(page, area_page(area.code), area.name)}: "
            + f"{escape(ctx.level(area.level).name)}{note}"
        )
        for child in ctx.p.children(code):
            walk(child.code, depth + 1)

    roots = sorted((a for a in ctx.p.areas.values() if a.parent is None), key=lambda a: a.name)
    for root in roots:
        walk(root.code, 0)
    parts.append("")
    return "\n".join(parts)
