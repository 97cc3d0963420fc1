"""Comparators on an indicator page: places outside the partnership, for context only.

Their figures are drawn and tabled beside the place's, always labelled as outside the
partnership; they never reach a status, a rank, a roll-up or an area's comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from laa_publish.model.entities import COMPARATOR_KINDS, Comparator, Indicator
from laa_publish.model.periods import date_words, period_words
from laa_publish.render.compare import comparable, compare_values
from laa_publish.render.text import escape, html_text, md_url, plain_number, table, with_unit

HEADING = "Compared with places outside the partnership"


@dataclass(frozen=True, slots=True)
class Series:
    """One comparator and its figures, oldest first."""

    comparator: Comparator
    periods: tuple[str, ...]
    ordinals: tuple[int, ...]
    values: tuple[float, ...]

    def value_in(self, period: str) -> float | None:
        """The comparator's figure for one period, if it has one."""
        return self.values[self.periods.index(period)] if period in self.periods else None


def comparator_series(ind: Indicator, figures: pd.DataFrame | None) -> list[Series]:
    """Each declared comparator with figures, in the order the indicator declares them."""
    if figures is None or figures.empty:
        return []
    found = []
    for comp in ind.comparators:
        mine = figures[figures["comparator"] == comp.id].sort_values("ordinal", kind="stable")
        if not mine.empty:
            found.append(
                Series(
                    comp,
                    tuple(mine["period"].astype(str)),
                    tuple(int(o) for o in mine["ordinal"]),
                    tuple(float(v) for v in mine["value"]),
                )
            )
    return found


def chart_rows(ind: Indicator, series: list[Series]) -> list[dict[str, Any]]:
    """The comparators' points for the indicator chart, each series named as outside."""
    return [
        {
            "period": period,
            "order": order,
            "value": float(plain_number(value, ind.decimals)),
            "series": s.comparator.label,
        }
        for s in series
        for period, order, value in zip(s.periods, s.ordinals, s.values, strict=True)
    ]


def with_comparators(
    rows: list[dict[str, Any]], ind: Indicator, series: list[Series]
) -> list[dict[str, Any]]:
    """The chart's rows with the comparators' after the place's, ordered by period."""
    if not series:
        return rows
    names = {s.comparator.label: n for n, s in enumerate(series)}
    extra = chart_rows(ind, series)
    return sorted(
        [*rows, *extra],
        key=lambda r: (int(r["order"]), r["series"] in names, names.get(r["series"], 0)),
    )


def latest_words(ind: Indicator, series: list[Series]) -> str:
    """The comparators' latest figures in words, for the chart's text alternative."""
    if not series:
        return ""
    kind = ind.period_type
    parts = [
        f"{s.comparator.name} {with_unit(s.values[-1], ind)} in {period_words(s.periods[-1], kind)}"
        for s in series
    ]
    return "; places outside the partnership, for comparison: " + ", ".join(parts)


def column_header(comp: Comparator) -> str:
    """A values-table column for one comparator, marked as outside the partnership (HTML)."""
    return f"{html_text(comp.name)} (comparator)"


def key_fact(
    ind: Indicator, series: list[Series], place: str, place_values: dict[str, float]
) -> list[str]:
    """The key facts' line that answers "is that high?": the first comparator with a figure
    for a period the place has, in words that follow polarity; none for counts."""
    if not comparable(ind):
        return []
    for s in series:
        period, value = s.periods[-1], s.values[-1]
        mine = place_values.get(period)
        if mine is None:
            continue
        name = escape(s.comparator.name)
        words = compare_values(ind, mine, value, s.comparator.name).words
        anchor = HEADING.lower().replace(" ", "-")
        others = "every comparison" if len(series) > 1 else "its source"
        return [
            f"- **Compared with {name} "
            f"({escape(period_words(period, ind.period_type))}):** {escape(place)}'s "
            f"{with_unit(mine, ind)} against {name}'s {with_unit(value, ind)}: {words} "
            f"([{others}](#{anchor}))."
        ]
    return []


def comparison_section(
    ind: Indicator, series: list[Series], place: str, place_values: dict[str, float]
) -> list[str]:
    """Each comparator's latest figure beside the place's for the same period, with sources.

    Counts are listed but never compared: a place's count says nothing against a larger
    place's total.
    """
    if not series:
        return []
    kind = ind.period_type
    name = escape(place)
    rows, sources = [], []
    for s in series:
        comp = s.comparator
        period, value = s.periods[-1], s.values[-1]
        mine = place_values.get(period)
        if mine is None:
            difference = f"No figure for {name} for this period."
        elif not comparable(ind):
            difference = "Not compared: a count depends on the size of the place."
        else:
            words = compare_values(ind, mine, value, comp.name).words
            difference = words[:1].upper() + words[1:]
        title = f"{escape(comp.name)} ({escape(COMPARATOR_KINDS[comp.kind].lower())})"
        rows.append(
            [
                title,
                escape(period_words(period, kind)),
                difference,
                with_unit(mine, ind) if mine is not None else "–",
                with_unit(value, ind),
            ]
        )
        source = escape(comp.source)
        if comp.source_url:
            source = f"[{source}]({md_url(comp.source_url)})"
        sources.append(f"- {title}: {source}, retrieved {escape(date_words(comp.retrieved))}.")
    return [
        f"## {HEADING}",
        "",
        f"These places are not part of the partnership. Their figures give {name}'s context "
        "and do not count towards any status, rank or total on this site.",
        "",
        table(
            ["Place", "Period", f"How {name} compares", name, "Its value"],
            rows,
            ["l", "l", "l", "r", "r"],
        ),
        "",
        "Where the comparators' figures come from:",
        "",
        *sources,
        "",
    ]
