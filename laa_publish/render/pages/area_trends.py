"""How each area's figure has moved: a sparkline, first and latest values and every period.

City-wide charts cannot say whether crime is falling in one neighbourhood, and a county has
hundreds of areas per indicator, so nothing here goes through the chart converter: each
area's series is gathered once per indicator from the published frame, grouped by area, and
drawn as a few hundred bytes of inline SVG beside the same figures in words.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd

from laa_publish.compute.progress import direction_of
from laa_publish.model.entities import AREA_LEVELS, LEVEL_TITLES, Indicator, all_people
from laa_publish.model.periods import PERIOD_TYPES, period_words
from laa_publish.render.context import Context, area_page, md_link
from laa_publish.render.sparkline import sparkline
from laa_publish.render.symbols import SymbolKey
from laa_publish.render.text import DIRECTION_TEXT, change_text, escape, number, table

# More periods than this and the full series folds into <details>, closed.
OPEN_PERIODS = 8


def level_heading(level: str) -> str:
    """A level's title as a heading over its areas: 'Neighbourhoods', 'City-wide'."""
    title = LEVEL_TITLES[level]
    return title if title.endswith("-wide") else f"{title}s"


@dataclass(frozen=True, slots=True)
class Series:
    """One area's published all-people figures, one entry per period of the indicator."""

    area: str
    values: list[float | None]
    statuses: list[str]
    revised: list[bool]


def area_series(frame: pd.DataFrame) -> tuple[list[str], list[Series]]:
    """The indicator's periods in order, and each area's series over them, in area-code order."""
    everyone = all_people(frame)
    if everyone.empty:
        return [], []
    periods_by_ord = everyone.drop_duplicates("ordinal").sort_values("ordinal")
    periods = periods_by_ord["period"].astype(str).tolist()
    ords = periods_by_ord["ordinal"].tolist()
    revised = everyone.get("revised", False)
    table_ = (
        everyone.assign(_revised=revised)
        .drop_duplicates(["area", "ordinal"])
        .set_index(["area", "ordinal"])[["value", "status", "_revised"]]
        .unstack("ordinal")
    )
    area_codes = [str(a) for a in table_.index]

    def part(name: str) -> pd.DataFrame:
        return pd.DataFrame(table_[name]).reindex(columns=ords)

    values = part("value").to_numpy(dtype=float, na_value=math.nan)
    statuses = part("status").fillna("").to_numpy()
    flags = part("_revised").fillna(False).to_numpy(dtype=bool)
    out = []
    for i, code in enumerate(area_codes):
        row = values[i].tolist()
        out.append(
            Series(
                area=code,
                values=[None if math.isnan(v) else v for v in row],
                statuses=[str(s) for s in statuses[i].tolist()],
                revised=flags[i].tolist(),
            )
        )
    return periods, out


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


def _summary_row(
    ind: Indicator, page: str, name: str, series: Series, periods: list[str], key: SymbolKey
) -> list[str]:
    """Area, sparkline, first, latest, change and direction, with the area's trend anchor."""
    ends = _ends(series)
    anchor = f'<span id="trend-{html.escape(series.area, quote=True)}"></span>'
    area = anchor + md_link(page, area_page(series.area), name)
    if ends is None:
        last = max(i for i, s in enumerate(series.statuses) if s)
        withheld = key.cell(None, series.statuses[last], ind)
        return [area, "", withheld, withheld, "", DIRECTION_TEXT[direction_of(None, ind)]]
    first, latest = ends

    def shown(i: int) -> str:
        value = key.cell(series.values[i], series.statuses[i], ind, series.revised[i])
        return f"{value} ({escape(period_words(periods[i], ind.period_type))})"

    change = (series.values[latest] or 0) - (series.values[first] or 0) if latest > first else None
    return [
        area,
        sparkline(series.values),
        shown(first) if latest > first else "",
        shown(latest),
        change_text(change, ind),
        DIRECTION_TEXT[direction_of(change, ind)],
    ]


def _full_table(
    ind: Indicator,
    level: str,
    names: dict[str, str],
    rows: list[Series],
    periods: list[str],
    key: SymbolKey,
) -> str:
    """Every period for each area as an HTML table, folded away when the periods are many.

    Search skips it: thousands of bare figures make the index slower to build, not better.
    """
    unit = f" ({html.escape(ind.unit_label)})" if ind.unit_label else ""
    head = "".join(
        f'<th scope="col">{html.escape(period_words(p, ind.period_type))}</th>' for p in periods
    )
    body = "".join(
        f'<tr><th scope="row">{html.escape(names[s.area])}</th>'
        + "".join(
            f"<td>{_cell(v, st, r, ind.decimals)}</td>"
            for v, st, r in zip(s.values, s.statuses, s.revised, strict=True)
        )
        + "</tr>"
        for s in rows
    )
    for symbol in ("[p]", "[r]", "[c]", "[x]"):
        if f"{symbol}<" in body:
            key.mark(symbol)
    caption = f"{html.escape(ind.title)}, {level_heading(level).lower()}: every period{unit}"
    markup = (
        f"<table><caption>{caption}</caption><thead><tr>"
        f'<th scope="col">Area</th>{head}</tr></thead><tbody>{body}</tbody></table>'
    )
    if len(periods) > OPEN_PERIODS or PERIOD_TYPES[ind.period_type].per_year > 1:
        summary = "<summary>Every period for each area</summary>"
        return f'<details class="laa-series" data-search-exclude>{summary}\n{markup}\n</details>'
    return f'<div class="laa-series" data-search-exclude>\n{markup}\n</div>'


def area_trends(
    ctx: Context, ind: Indicator, page: str, frame: pd.DataFrame, key: SymbolKey
) -> list[str]:
    """The section: per area level, each area's movement and its full published series."""
    periods, series = area_series(frame)
    known = [s for s in series if s.area in ctx.p.areas and any(s.statuses)]
    if not known:
        return []
    parts = [
        "## How each area has changed",
        "",
        "Each area's own published figures, first to latest. The line shows their shape; "
        "the words beside it say how far and which way the figure moved.",
        "",
    ]
    names = {s.area: ctx.p.areas[s.area].name for s in known}
    for level in AREA_LEVELS:
        rows = sorted(
            (s for s in known if ctx.p.areas[s.area].level == level),
            key=lambda s: (names[s.area], s.area),
        )
        if not rows:
            continue
        parts += [f"### {level_heading(level)}", ""]
        summary = [_summary_row(ind, page, names[s.area], s, periods, key) for s in rows]
        parts += [
            table(
                ["Area", "Trend", "First figure", "Latest figure", "Change", "Direction"],
                summary,
                ["l", "l", "r", "r", "r", "l"],
            ),
            "",
            _full_table(ind, level, names, rows, periods, key),
            "",
        ]
    return parts
