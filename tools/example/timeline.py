"""Periods as the model sees them: months covered, midpoints and seasons.

Parsing and writing periods is ``laa_publish.model.periods``'s job; this module only adds
what a simulation needs on top.
"""

from __future__ import annotations

from laa_publish.model.periods import PERIOD_TYPES, period_label, period_start
from laa_publish.model.periods import period_ordinal as parse_ordinal


def period_ordinal(period: str, period_type: str) -> int:
    """The package's ordinal of a period, which here must be valid."""
    ordinal = parse_ordinal(period, period_type)
    if ordinal is None:
        raise ValueError(f"{period!r} is not a {period_type} period")
    return ordinal


def period_range(period_type: str, first: str, last: str) -> list[str]:
    """Every period from first to last inclusive, in order."""
    start, end = period_ordinal(first, period_type), period_ordinal(last, period_type)
    return [period_label(o, period_type) for o in range(start, end + 1)]


def period_months(period: str, period_type: str) -> list[tuple[int, int]]:
    """The (year, month) pairs a period covers."""
    first = period_start(period_ordinal(period, period_type), period_type)
    index = first.year * 12 + first.month - 1
    months = 12 // PERIOD_TYPES[period_type].per_year
    return [((index + i) // 12, (index + i) % 12 + 1) for i in range(months)]


def decimal_year(year: int, month: int) -> float:
    """The middle of a month as a decimal year."""
    return year + (month - 0.5) / 12


def period_midpoint(period: str, period_type: str) -> float:
    """The middle of a period as a decimal year."""
    months = period_months(period, period_type)
    return sum(decimal_year(y, m) for y, m in months) / len(months)


def season_index(period: str, period_type: str) -> int | None:
    """Quarter (0-3) or month (0-11) within the year, for seasonal effects."""
    per_year = PERIOD_TYPES[period_type].per_year
    return period_ordinal(period, period_type) % per_year if per_year > 1 else None


def period_years(period_type: str) -> float:
    """The length of one period in years."""
    return 1.0 / PERIOD_TYPES[period_type].per_year


def frequency(period_type: str) -> str:
    """How often a period type is published: its first (usual) frequency."""
    return PERIOD_TYPES[period_type].frequencies[0]
