"""Each area on an indicator's page: its latest figure, how it compares, and how it has moved.

City-wide charts cannot say whether crime is falling in one neighbourhood, and a county has
hundreds of areas per indicator, so nothing here goes through the chart converter: each
area's series is gathered once per indicator from the published frame, grouped by area, and
drawn as a small inline SVG beside the same figures in words. The tables are raw HTML,
which an engine passes through several times faster than Markdown tables, and they are kept
out of the search index, which should find an area's own page rather than every table that
names it.
"""

from __future__ import annotations

import html
import math
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from laa_publish.compute.progress import NOT_COMPARABLE, Progress
from laa_publish.model.entities import Area, Indicator, all_people
from laa_publish.model.periods import PERIOD_TYPES, period_words
from laa_publish.model.site_paths import METHOD_PAGE
from laa_publish.render.compare import NOT_COMPARED, comparable, compare
from laa_publish.render.context import Context, Rendered, area_page, built_link
from laa_publish.render.inline import note
from laa_publish.render.maps.draw import MapValue
from laa_publish.render.maps.pages import indicator_map, standing_of
from laa_publish.render.sparkline import POINTS, sparkline
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import (
    change_text,
    direction_badge,
    escape,
    html_text,
    number,
    status_badge,
    with_unit,
)

# More periods than this and the every-period table folds into <details>, closed.
OPEN_PERIODS = 8
# A level's every-period table holds at most this many figures; past it, the latest periods
# that fit, and never fewer than MIN_PERIODS. A county's 200 wards × 40 quarters would
# otherwise put 8,000 figures on one page for each of 300 indicators; the download has them.
MAX_FIGURES = 1000
MIN_PERIODS = 4
RIGHT = ' align="right"'  # as the engine aligns numbers in its own tables


def shown_periods(areas: int, periods: int) -> int:
    """How many of the latest periods a level's tables show (the method page's rule)."""
    if areas * periods <= MAX_FIGURES:
        return periods
    return min(periods, max(MIN_PERIODS, MAX_FIGURES // max(areas, 1)))


@dataclass(frozen=True, slots=True)
class Series:
    """One area's published all-people figures, one entry per period of the indicator."""

    area: str
    values: list[float | None]
    statuses: list[str]
    revised: list[bool]

    def last(self, count: int) -> Series:
        """The same area's latest `count` periods."""
        start = len(self.values) - count
        return Series(self.area, self.values[start:], self.statuses[start:], self.revised[start:])


def area_series(frame: pd.DataFrame) -> tuple[list[str], list[Series]]:
    """The indicator's periods in order, and each area's series over them, in area-code order.

    The first row given for an area and period counts. Built in arrays: a county indicator
    has a few hundred areas and dozens of periods.
    """
    everyone = all_people(frame)
    if everyone.empty:
        return [], []
    ordinals = everyone["ordinal"].to_numpy()
    ords, first_of_ord, ord_at = np.unique(ordinals, return_index=True, return_inverse=True)
    period_texts = everyone["period"].astype(str).to_numpy()
    periods = [str(period_texts[i]) for i in first_of_ord]
    codes, area_at = np.unique(everyone["area"].astype(str).to_numpy(), return_inverse=True)
    cell = area_at * len(ords) + ord_at
    _, first = np.unique(cell, return_index=True)  # each area and period's first row
    shape = (len(codes), len(ords))
    values = np.full(shape, math.nan)
    values.flat[cell[first]] = everyone["value"].to_numpy(dtype=float, na_value=math.nan)[first]
    statuses = np.full(shape, "", dtype=object)
    statuses.flat[cell[first]] = everyone["status"].astype(str).to_numpy()[first]
    flags = np.zeros(shape, dtype=bool)
    if "revised" in everyone.columns:
        flags.flat[cell[first]] = everyone["revised"].to_numpy(dtype=bool)[first]
    return periods, [
        Series(
            area=str(code),
            values=[None if math.isnan(v) else v for v in values[i].tolist()],
            statuses=statuses[i].tolist(),
            revised=flags[i].tolist(),
        )
        for i, code in enumerate(codes.tolist())
    ]


def _cell(value: float | None, status: str, revised: bool, decimals: int) -> str:
    """A figure without its unit (the caption gives it), with its symbols; [x] with no row."""
    if value is None:
        return "[c]" if status == "suppressed" else "[x]"
    text = number(value, decimals)
    if status == "provisional":
        text += " [p]"
    return f"{text} [r]" if revised else text


def _ends(series: Series) -> tuple[int, int] | None:
    known = [i for i, v in enumerate(series.values) if v is not None]
    return (known[0], known[-1]) if known else None


@dataclass(frozen=True, slots=True)
class _Level:
    """What every row of one level's table shares, worked out once per level."""

    ctx: Context
    ind: Indicator
    folder: str
    periods: list[str]  # the periods the trend covers (the latest POINTS at most), oldest first
    place: Progress | None  # the whole place's latest, to compare with
    compared: bool  # whether the level's areas are compared with the whole place
    status: bool  # whether any area of the level has a target of its own
    key: SymbolKey


@dataclass(frozen=True, slots=True)
class _Cells:
    """One area's row before its table decides which columns its level needs."""

    head: str  # the row header: the area's name, linked to its page
    period: str  # its latest figure's period, in words
    latest: str
    compared: str
    status: str
    trend: str
    change: str
    since: str  # the period the change is counted from, in words
    direction: str
    mapped: MapValue  # the same figure and comparison, as the level's map shows them


def _change(lv: _Level, series: Series) -> tuple[str, str]:
    """The change over the line, from its first figure to its latest, and that first period."""
    ends = _ends(series)
    if ends is None or ends[0] == ends[1]:
        return "", ""
    first, latest = ends
    change = (series.values[latest] or 0.0) - (series.values[first] or 0.0)
    return change_text(change, lv.ind), period_words(lv.periods[first], lv.ind.period_type)


def _cells(lv: _Level, area: Area, series: Series) -> _Cells:
    """One area: name, latest period and figure, comparison, status, trend, change, direction."""
    ctx, ind = lv.ctx, lv.ind
    head = ctx.headline(ind.id, area.code)
    link = built_link(lv.folder, area_page(area.code))
    if head is not None and head.latest_period:
        latest = lv.key.cell(
            head.latest_value,
            "provisional" if head.latest_provisional else "final",
            ind,
            ctx.revised(ind.id, head.latest_period, area.code),
        )
        period = period_words(head.latest_period, ind.period_type)
    else:
        last = max((i for i, s in enumerate(series.statuses) if s), default=None)
        latest = lv.key.cell(None, series.statuses[last], ind) if last is not None else "[x]"
        period = "" if last is None else period_words(lv.periods[last], ind.period_type)
    compared = NOT_COMPARED
    result = None
    if lv.compared and area.code != ctx.place:
        result = compare(ind, head, lv.place, ctx.area_name(ctx.place))
        compared = result.short if result else NOT_COMPARED
    change, since = _change(lv, series)
    value = head.latest_value if head is not None and head.latest_period else None
    suppressed = value is None and latest == "[c]"
    mapped = MapValue(
        area.code,
        area.name,
        value,
        with_unit(value, ind) if value is not None else ("[c]" if suppressed else ""),
        suppressed,
        standing_of(result),
    )
    return _Cells(
        head=f'<a href="{link}">{html_text(area.name)}</a>',
        period=period,
        latest=html.escape(latest),
        compared=compared,
        status=status_badge(head.status) if head and lv.status else "",
        trend=sparkline(series.values),
        change=change,
        since=since,
        # the direction of travel is the method's (the headline's), as on the area page
        direction=direction_badge(head.direction if head else NOT_COMPARABLE),
        mapped=mapped,
    )


def _one(values: list[str]) -> str | None:
    """The value every row shares, if they all share one."""
    found = set(values)
    return found.pop() if len(found) == 1 else None


def _summary_table(lv: _Level, level: str, cells: list[tuple[Area, _Cells]]) -> str:
    """The level's areas, one row each, as raw HTML kept out of the search index.

    A period every row shares goes once in the heading, not in every row, which keeps the
    table narrow enough for a phone.
    """
    period = _one([c.period for _, c in cells])
    since = _one([c.since for _, c in cells if c.change])
    latest = f"Latest figure ({html_text(period)})" if period else "Latest figure"
    change = f"Change since {html_text(since)}" if since else "Change over the line"
    columns: list[tuple[str, str, Callable[[_Cells], str]]] = []
    if not period:
        columns.append(("Latest period", "", lambda c: html_text(c.period)))
    columns.append((latest, RIGHT, lambda c: c.latest))  # each figure carries its unit
    if lv.compared:
        place = html_text(lv.ctx.area_name(lv.ctx.place))
        columns.append((f"Compared with {place}", "", lambda c: c.compared))
    if lv.status:
        columns.append(("Status", "", lambda c: c.status))
    columns.append(("Trend", "", lambda c: c.trend))
    if since:
        columns.append((change, RIGHT, lambda c: c.change))
    else:
        columns.append(
            (change, RIGHT, lambda c: f"{c.change} since {html_text(c.since)}" if c.change else "")
        )
    columns.append(("Direction of travel", "", lambda c: c.direction))
    head = '<th scope="col">Area</th>' + "".join(
        f'<th scope="col"{a}>{h}</th>' for h, a, _ in columns
    )
    body = [
        f'<tr id="trend-{html.escape(area.code, quote=True)}"><th scope="row">{c.head}</th>'
        + "".join(f"<td{a}>{cell(c)}</td>" for _, a, cell in columns)
        + "</tr>"
        for area, c in cells
    ]
    caption = f"{html_text(lv.ind.title)}: {html_text(lv.ctx.level(level).nouns)}"
    return "\n".join(
        [
            '<div class="laa-areas" data-search-exclude>',
            f"<table><caption>{caption}</caption>",
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *body,
            "</tbody>",
            "</table>",
            "</div>",
        ]
    )


def _full_table(
    lv: _Level, level: str, rows: list[tuple[Area, Series]], periods: list[str], of: int
) -> str:
    """Every shown period for each area, folded away when the periods are many."""
    ind, key = lv.ind, lv.key
    unit = f" ({html_text(ind.unit_label)})" if ind.unit_label else ""
    head = "".join(
        f'<th scope="col">{html_text(period_words(p, ind.period_type))}</th>' for p in periods
    )
    # a row a line: Markdown's HTML block parser slows down on very long lines
    body = "\n".join(
        f'<tr><th scope="row">{html_text(area.name)}</th>'
        + "".join(
            f"<td>{_cell(v, st, r, ind.decimals)}</td>"
            for v, st, r in zip(s.values, s.statuses, s.revised, strict=True)
        )
        + "</tr>"
        for area, s in rows
    )
    for symbol in ("[p]", "[r]", "[c]", "[x]"):
        if f"{symbol}<" in body:
            key.mark(symbol)
    shown = len(periods)
    which = "every period" if shown == of else f"the latest {shown} of {of} periods"
    caption = f"{html_text(ind.title)}, {html_text(lv.ctx.level(level).nouns)}: {which}{unit}"
    if shown < of:
        caption += " (the download below has every period)"
    markup = (
        f"<table><caption>{caption}</caption><thead><tr>"
        f'<th scope="col">Area</th>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'
    )
    if shown > OPEN_PERIODS or PERIOD_TYPES[ind.period_type].per_year > 1:
        summary = f"<summary>{which.capitalize()} for each area</summary>"
        return f'<details class="laa-series" data-search-exclude>{summary}\n{markup}\n</details>'
    return f'<div class="laa-series" data-search-exclude>\n{markup}\n</div>'


def area_trends(
    ctx: Context, ind: Indicator, page: str, frame: pd.DataFrame, key: SymbolKey, out: Rendered
) -> list[str]:
    """The section: per area level, each area's latest figure, trend and published series."""
    periods, series = area_series(frame)
    known = [s for s in series if s.area in ctx.p.areas and any(s.statuses)]
    if not known:
        return []
    w = note(page)  # the same words on every indicator page: a note, left out of search
    like = (
        f"Rates and percentages are compared with {w.text(ctx.area_name(ctx.place))}; counts "
        "are not, because they depend on how many people live in each area."
        if comparable(ind)
        else "Counts are not compared between areas, because they depend on how many "
        "people live in each."
    )
    method = w.link(f"{METHOD_PAGE}#direction-of-travel", "method")
    parts = [
        "## Each area: latest figure and trend",
        "",
        w.paragraph(
            "Each area's own published figures. The line shows their shape, oldest to latest, "
            "and the change beside it says how far the figure moved over the line. The "
            f"direction of travel compares the latest figure with an earlier one, as the "
            f"{method} explains. {like}"
        ),
        "",
    ]
    for level in ctx.p.settings.levels.ids:
        rows = sorted(
            ((ctx.p.areas[s.area], s) for s in known if ctx.p.areas[s.area].level == level),
            key=lambda pair: (pair[0].name, pair[0].code),
        )
        if not rows:
            continue
        count = shown_periods(len(rows), len(periods))
        trend = min(len(periods), POINTS)
        codes = {area.code for area, _ in rows}
        lv = _Level(
            ctx=ctx,
            ind=ind,
            folder=posixpath.dirname(page),
            periods=periods[len(periods) - trend :],
            place=ctx.headline(ind.id),
            compared=comparable(ind) and codes != {ctx.place},
            status=any(t.area in codes for t in ind.targets),
            key=key,
        )
        table_rows = [(area, s.last(count)) for area, s in rows]
        cells = [(area, _cells(lv, area, s.last(trend))) for area, s in rows]
        parts += [f"### {escape(ctx.level(level).plural)}", ""]
        figures = {c.mapped.code: c.mapped for _, c in cells}
        drawn = indicator_map(ctx, ind, level, figures, out, page)
        if drawn:
            parts += [drawn, ""]
        parts += [
            _summary_table(lv, level, cells),
            "",
            _full_table(lv, level, table_rows, periods[len(periods) - count :], len(periods)),
            "",
        ]
    return parts
