"""Period formats: parse, order and describe the five kinds of reporting period."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True, slots=True)
class PeriodType:
    """One way of writing periods, with how to order and date them."""

    name: str
    pattern: str
    example: str
    per_year: int
    frequencies: tuple[str, ...]
    description: str


PERIOD_TYPES: dict[str, PeriodType] = {
    "financial_year": PeriodType(
        "financial_year",
        r"^(\d{4})-(\d{2})$",
        "2024-25",
        1,
        ("annual", "biennial"),
        "financial year, April to March",
    ),
    "calendar_year": PeriodType(
        "calendar_year", r"^(\d{4})$", "2024", 1, ("annual", "biennial"), "calendar year"
    ),
    "academic_year": PeriodType(
        "academic_year",
        r"^(\d{4})/(\d{2})$",
        "2024/25",
        1,
        ("annual", "biennial"),
        "academic year, September to August",
    ),
    "quarter": PeriodType(
        "quarter", r"^(\d{4})-Q([1-4])$", "2024-Q3", 4, ("quarterly",), "calendar quarter"
    ),
    "month": PeriodType(
        "month", r"^(\d{4})-(0[1-9]|1[0-2])$", "2024-07", 12, ("monthly",), "calendar month"
    ),
}

_COMPILED = {name: re.compile(pt.pattern) for name, pt in PERIOD_TYPES.items()}


def period_ordinal(period: str, period_type: str) -> int | None:
    """An integer that orders periods of one type; None when the text is not such a period."""
    match = _COMPILED[period_type].match(str(period).strip())
    if not match:
        return None
    year = int(match.group(1))
    if period_type in ("financial_year", "academic_year"):
        if (year + 1) % 100 != int(match.group(2)):
            return None
        return year
    if period_type == "calendar_year":
        return year
    if period_type == "quarter":
        return year * 4 + int(match.group(2)) - 1
    return year * 12 + int(match.group(2)) - 1


def ordinals(periods: pd.Series, period_type: str) -> pd.Series:
    """Vectorised period_ordinal: a nullable integer Series, <NA> where the text is invalid.

    A table holds few distinct periods, so each is parsed once and the codes mapped back.
    """
    codes, distinct = pd.factorize(periods.astype("string").fillna(""), sort=False)
    parsed = [period_ordinal(text, period_type) for text in distinct]
    table = pd.array([*parsed, None], dtype="Int64")  # code -1 (missing) takes the last
    return pd.Series(table[codes], index=periods.index)


def period_label(ordinal: int, period_type: str) -> str:
    """Write an ordinal back in the period type's own format."""
    if period_type == "financial_year":
        return f"{ordinal}-{(ordinal + 1) % 100:02d}"
    if period_type == "academic_year":
        return f"{ordinal}/{(ordinal + 1) % 100:02d}"
    if period_type == "calendar_year":
        return str(ordinal)
    if period_type == "quarter":
        return f"{ordinal // 4}-Q{ordinal % 4 + 1}"
    return f"{ordinal // 12}-{ordinal % 12 + 1:02d}"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def period_words(period: str, period_type: str) -> str:
    """A period as residents say it: 'September 2026', 'April to June 2026'.

    Years keep their own form ('2025-26', '2024/25', '2024'), which readers know; text that
    is not a period of the type is returned as it is. Downloads keep the machine format.
    """
    ordinal = period_ordinal(period, period_type)
    if ordinal is None:
        return str(period)
    if period_type == "month":
        return f"{MONTHS[ordinal % 12]} {ordinal // 12}"
    if period_type == "quarter":
        first = (ordinal % 4) * 3
        return f"{MONTHS[first]} to {MONTHS[first + 2]} {ordinal // 4}"
    return str(period).strip()


def date_words(day: str) -> str:
    """An ISO date as residents read it: '2026-03-31' becomes '31 March 2026'."""
    try:
        parsed = dt.date.fromisoformat(str(day).strip())
    except ValueError:
        return str(day)
    return f"{parsed.day} {MONTHS[parsed.month - 1]} {parsed.year}"


def period_start(ordinal: int, period_type: str) -> dt.date:
    """First day of a period, for checking it against an area's validity dates."""
    if period_type == "financial_year":
        return dt.date(ordinal, 4, 1)
    if period_type == "academic_year":
        return dt.date(ordinal, 9, 1)
    if period_type == "calendar_year":
        return dt.date(ordinal, 1, 1)
    if period_type == "quarter":
        return dt.date(ordinal // 4, (ordinal % 4) * 3 + 1, 1)
    return dt.date(ordinal // 12, ordinal % 12 + 1, 1)


def period_end(ordinal: int, period_type: str) -> dt.date:
    """Last day of a period."""
    following = period_start(ordinal + 1, period_type)
    return following - dt.timedelta(days=1)


def normalise_period(value: object) -> str:
    """Periods may be typed as numbers in YAML (2024); compare them as text."""
    return str(value).strip()


def step(frequency: str) -> int:
    """How many ordinals apart two consecutive published periods are."""
    return 2 if frequency == "biennial" else 1
