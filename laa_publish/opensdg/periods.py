"""Open SDG's ``Year`` cells read as laa-publish periods, or reported when none fits.

``2015`` and ``2021.0`` are calendar years, ``2015-16`` a financial year, ``2015/16`` an
academic or a financial year as the config says, ``2013 Q1`` a quarter and ``1993 01`` or
``2014-11`` a month; a footnote such as ``[Note 5]`` becomes the row's note. Ranges of years
(``2003-05``, ``2013/16``, ``2000 - 02``), dates and forms such as ``1974a`` are not guessed.
``2011-12`` could be a financial year or December 2011: the file's other periods decide.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# the order periods of different types are listed in, and split into indicators
TYPE_ORDER = ("calendar_year", "financial_year", "academic_year", "quarter", "month")
TYPE_WORDS = {
    "calendar_year": "calendar years",
    "financial_year": "financial years",
    "academic_year": "academic years",
    "quarter": "quarters",
    "month": "months",
}
FREQUENCY = {
    "calendar_year": "annual",
    "financial_year": "annual",
    "academic_year": "annual",
    "quarter": "quarterly",
    "month": "monthly",
}
_NOTE = re.compile(r"\s*[\[(]([^\])]*)[\])]\s*$")
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$|^Q([1-4])\s*-?\s*(\d{4})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})(?:\s+|M)(\d{2})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$|^(\d{1,2})/(\d{1,2})/(\d{4})$")
_PAIR = re.compile(r"^(\d{4})\s*([-/–]|\bto\b)\s*(\d{2}|\d{4})$")
_NAMED_MONTH = re.compile(r"^([A-Za-z]{3,9})\.?\s*[- ]?\s*(\d{4})$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LETTERED = re.compile(r"^(\d{4})\s*[A-Za-z]$")


@dataclass(frozen=True, slots=True)
class Period:
    """A Year cell read: its type and laa-publish label, or why it cannot be one."""

    type: str | None
    label: str = ""
    note: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Pair:
    """A `YYYY-NN` or `YYYY/NN` cell, with every reading it allows."""

    start: int
    end: int
    slash: bool
    month: int | None


def _end_year(start: int, text: str) -> int:
    """The four-digit year a two-digit ending stands for: 1999-00 ends in 2000."""
    if len(text) == 4:
        return int(text)
    end = start - start % 100 + int(text)
    return end + 100 if end < start else end


def _readings(pair: _Pair) -> list[str]:
    """What a pair may be: a year on, a month, a range of years."""
    out = []
    if pair.end == pair.start + 1:
        out.append("year")
    if pair.month is not None:
        out.append("month")
    if 2 <= pair.end - pair.start <= 10:
        out.append("range")
    return out


def _one_year_label(start: int, slash: bool, slash_years: str) -> Period:
    """A year to the next written our way: 2015-16 financial, 2015/16 academic."""
    kind = slash_years if slash else "financial_year"
    mark = "/" if kind == "academic_year" else "-"
    return Period(kind, f"{start}{mark}{(start + 1) % 100:02d}")


def read_periods(texts: Iterable[str], slash_years: str = "academic_year") -> dict[str, Period]:
    """Every distinct Year cell of one file read as a period; the file decides ambiguous ones."""
    out: dict[str, Period] = {}
    pairs: dict[str, tuple[_Pair, str]] = {}
    for raw in texts:
        if raw in out or raw in pairs:
            continue
        text, note = raw.strip(), ""
        found = _NOTE.search(text)
        if found and text[: found.start()].strip():
            note, text = found.group(1).strip(), text[: found.start()].strip()
        text = " ".join(text.split())
        period = _simple(raw, text)
        if period is not None:
            out[raw] = Period(period.type, period.label, note, period.reason)
            continue
        found_pair = _PAIR.match(text)
        if found_pair:
            first, mark, last = found_pair.group(1), found_pair.group(2), found_pair.group(3)
            start, end = int(first), _end_year(int(first), last)
            slash = mark in ("/", "to")  # "2015 to 2016" is as ambiguous as 2015/16
            spaced = found_pair.group(0) != f"{first}{mark}{last}"
            written_as_month = len(last) == 2 and not slash and not spaced
            month = int(last) if written_as_month else None
            month = month if month is not None and 1 <= month <= 12 else None
            pairs[raw] = (_Pair(start, end, slash, month), note)
            continue
        out[raw] = Period(None, note=note, reason=_unreadable(raw, text))
    support = Counter(
        (pair.slash, r[0]) for pair, _ in pairs.values() if len(r := _readings(pair)) == 1
    )
    for raw, (pair, note) in pairs.items():
        readings = _readings(pair)
        if not readings:
            out[raw] = Period(None, note=note, reason=f'"{raw}" is not a period of any type')
            continue
        # an ambiguous cell takes the reading most of the file's unambiguous cells have
        order = ("year", "range", "month")  # with no other clue a range is reported
        best = max(readings, key=lambda r: (support[(pair.slash, r)], -order.index(r)))
        if best == "year":
            period = _one_year_label(pair.start, pair.slash, slash_years)
            out[raw] = Period(period.type, period.label, note)
        elif best == "month":
            out[raw] = Period("month", f"{pair.start}-{pair.month:02d}", note)
        else:
            out[raw] = Period(
                None,
                note=note,
                reason=(
                    f'"{raw}" is a range of years ({pair.start} to {pair.end}), '
                    "which no period type holds"
                    + (
                        " (it could also be a month, but the file's other periods do not say so)"
                        if pair.month is not None
                        else ""
                    )
                ),
            )
    return out


def _simple(raw: str, text: str) -> Period | None:
    """Years, quarters, months and dates: the forms that need no context."""
    found = _YEAR.match(text)
    if found:
        return Period("calendar_year", found.group(1))
    found = _QUARTER.match(text)
    if found:
        year = found.group(1) or found.group(4)
        return Period("quarter", f"{year}-Q{found.group(2) or found.group(3)}")
    found = _MONTH.match(text)
    if found and 1 <= int(found.group(2)) <= 12:
        return Period("month", f"{found.group(1)}-{found.group(2)}")
    found = _NAMED_MONTH.match(text)
    if found and found.group(1)[:3].lower() in _MONTHS:
        month = _MONTHS.index(found.group(1)[:3].lower()) + 1
        return Period("month", f"{found.group(2)}-{month:02d}")
    if _DATE.match(text):
        return Period(None, reason=f'"{raw}" is a date, and a single day is not a period type')
    return None


def _unreadable(raw: str, text: str) -> str:
    """Why a cell is no period, in words a publisher recognises."""
    if _LETTERED.match(text):
        return f'"{raw}" is a year with a letter added, which no period type holds'
    if not text:
        return "the Year cell is empty"
    return f'"{raw}" is not a period of any type'
