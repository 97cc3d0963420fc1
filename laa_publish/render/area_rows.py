"""Each indicator's row on every area page, worked out once per indicator and kept.

An area page lists every indicator published for its area: the latest figure, its trend,
how it compares with the whole place and the parent, and its rank among its siblings. A
row reads only its own indicator's definition, figures, progress and revised flags, and
the area register, so each indicator's rows for all areas are made together and kept by
the indicator's key (`kept_pages.indicator_key`): after one indicator's edit, only its
rows are made again, and every area page is put together from the rows as they were.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import quote

from laa_publish.compute.progress import Progress
from laa_publish.model.entities import Area, Indicator
from laa_publish.model.periods import period_words
from laa_publish.parallel import map_ordered
from laa_publish.render.area_row import AreaRow
from laa_publish.render.area_series import area_series
from laa_publish.render.compare import NOT_COMPARED, Comparison, comparable, compare
from laa_publish.render.context import Context, area_page, built_link, indicator_page
from laa_publish.render.sparkline import POINTS, sparkline
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import direction_badge, html_text, status_badge

if TYPE_CHECKING:
    from laa_publish.render.kept_pages import KeptFiles

AREA_ROWS = "area-rows"
"""What the kept rows are called among an indicator's kept results."""

# every area page is in one folder, so a row's links are the same on any of them
FOLDER = posixpath.dirname(area_page("E00000000"))


@dataclass(frozen=True, slots=True)
class Rank:
    """An area's place among the areas of its level in the same parent (1 = best)."""

    rank: int
    of: int


@dataclass(frozen=True, slots=True)
class Where:
    """What an area's rows are compared with: the larger areas, then the siblings."""

    area: Area
    others: tuple[Area, ...]  # the whole place, then the parent, each once
    siblings: tuple[str, ...]


def siblings_of(ctx: Context, area: Area) -> list[str]:
    """The codes of the areas at the same level in the same parent, this one included."""
    if area.parent is None:
        return []
    return [a.code for a in ctx.p.children(area.parent) if a.level == area.level]


def where(ctx: Context, area: Area) -> Where:
    """The whole place and the parent (each once, never the area itself), and the siblings."""
    place = ctx.p.areas.get(ctx.place)
    parent = ctx.p.areas.get(area.parent) if area.parent else None
    others = [a for a in (place, parent) if a is not None and a.code != area.code]
    others = [a for i, a in enumerate(others) if a.code not in {o.code for o in others[:i]}]
    return Where(area, tuple(others), tuple(siblings_of(ctx, area)))


# sibling values by indicator, parent, level and period, shared by all the siblings' rows,
# for the one build (Computed) they came from: a new build empties it
_SIBLING_VALUES: dict[tuple[str, str, str, str], list[float]] = {}
_SIBLINGS_OF: list[object] = [None]


def _sibling_values(
    ctx: Context,
    indicator: Indicator,
    area: Area,
    period: str,
    siblings: list[str] | tuple[str, ...],
) -> list[float]:
    """The siblings' latest values for one period, at the published precision."""
    if _SIBLINGS_OF[0] is not ctx.computed:
        _SIBLING_VALUES.clear()
        _SIBLINGS_OF[0] = ctx.computed
    key = (indicator.id, area.parent or "", area.level, period)
    cached = _SIBLING_VALUES.get(key)
    if cached is not None:
        return cached
    values: list[float] = []
    for code in siblings:
        other = ctx.headline(indicator.id, code)
        if other is not None and other.latest_period == period and other.latest_value is not None:
            values.append(round(other.latest_value, indicator.decimals))
    _SIBLING_VALUES[key] = values
    return values


def rank_among_siblings(
    ctx: Context,
    indicator: Indicator,
    area: Area,
    siblings: list[str] | tuple[str, ...] | None = None,
) -> Rank | None:
    """Rank a rate or percentage among sibling areas' values for the same period; never a count."""
    head = ctx.headline(indicator.id, area.code)
    if not comparable(indicator) or not indicator.judged or area.parent is None or head is None:
        return None
    if head.latest_value is None or head.latest_period is None:
        return None
    found = siblings_of(ctx, area) if siblings is None else siblings
    values = _sibling_values(ctx, indicator, area, head.latest_period, found)
    if len(values) < 2:
        return None
    mine = round(head.latest_value, indicator.decimals)
    higher = indicator.higher_is_better
    better = sum(1 for v in values if (v > mine if higher else v < mine))
    return Rank(better + 1, len(values))


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _comparison_cell(result: Comparison | None) -> str:
    """The difference in words; a class repeats better or worse for the colour."""
    if result is None:
        return NOT_COMPARED
    if result.better is None:
        return result.short
    side = "better" if result.better else "worse"
    return f'<span class="laa-compare laa-compare--{side}">{result.short}</span>'


def area_row(ctx: Context, ind: Indicator, at: Where, head: Progress) -> AreaRow:
    """An indicator's cells on an area's page, its comparison with the first larger area,
    and whether it ranks."""
    area, key = at.area, SymbolKey()
    value = key.cell(
        head.latest_value,
        "provisional" if head.latest_provisional else "final",
        ind,
        ctx.revised(ind.id, head.latest_period, area.code),
    )
    series = area_series(ctx.computed.published.get(ind.id), area.code, POINTS)
    target = f"{built_link(FOLDER, indicator_page(ind.id))}#trend-{quote(area.code, safe='')}"
    badge = direction_badge(head.direction)
    trend = sparkline(series)
    trend = f"{trend} {badge}" if trend else badge
    cells = [
        f'<a href="{target}">{html_text(f"{ind.id}: {ind.title}")}</a>',
        html_text(period_words(head.latest_period, ind.period_type) if head.latest_period else ""),
        html_text(value),
        trend,
    ]
    first: Comparison | None = None
    for i, other in enumerate(at.others):
        result = compare(ind, head, ctx.headline(ind.id, other.code), other.name)
        if i == 0:
            first = result
        cells.append(_comparison_cell(result))
    rank = rank_among_siblings(ctx, ind, area, at.siblings)
    if area.parent is not None:
        cells.append(f"{ordinal(rank.rank)} of {rank.of}" if rank else NOT_COMPARED)
    return AreaRow(
        tuple(cells), status_badge(head.status), first, rank is not None, frozenset(key.used)
    )


# each area's Where, for the one rendering context they came from
_WHERE: dict[str, Where] = {}
_WHERE_OF: list[object] = [None]


def _wheres(ctx: Context) -> dict[str, Where]:
    """Every area's Where, worked out once for all the indicators' rows."""
    if _WHERE_OF[0] is not ctx:
        _WHERE.clear()
        _WHERE.update((code, where(ctx, area)) for code, area in ctx.p.areas.items())
        _WHERE_OF[0] = ctx
    return _WHERE


def indicator_rows(ctx: Context, ident: str) -> dict[str, AreaRow]:
    """An indicator's row on the page of every area it is published for."""
    ind = ctx.p.indicators[ident]
    rows: dict[str, AreaRow] = {}
    for code, at in _wheres(ctx).items():
        head = ctx.headline(ident, code)
        if head is not None:
            rows[code] = area_row(ctx, ind, at, head)
    return rows


def all_area_rows(ctx: Context, kept: KeptFiles | None) -> dict[str, dict[str, AreaRow]]:
    """Every indicator's rows, by indicator then area; kept ones taken from `kept`."""
    idents = sorted(ctx.p.indicators)
    make = partial(indicator_rows, ctx)
    rows = map_ordered(make, idents) if kept is None else kept.each(AREA_ROWS, make, dict, idents)
    return dict(zip(idents, rows, strict=True))


def row_of(ctx: Context, ind: Indicator, at: Where) -> AreaRow | None:
    """An indicator's row on an area's page: from the rows made for all areas, if they were."""
    made = ctx.area_rows.get(ind.id) if ctx.area_rows is not None else None
    if made is not None:
        return made.get(at.area.code)
    head = ctx.headline(ind.id, at.area.code)
    return area_row(ctx, ind, at, head) if head is not None else None
