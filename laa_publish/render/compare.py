"""Compare an area's figure with a larger area's, like with like, in words that respect polarity.

Only rates and percentages are compared or ranked: a count depends on how many people live in
an area, so setting a neighbourhood's count beside its district's total, or ranking counts,
says nothing about how the area is doing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from laa_publish.compute.progress import Progress
from laa_publish.model.entities import Indicator
from laa_publish.render.text import escape, number

COMPARABLE_UNITS = ("percentage", "rate")
_escaped = lru_cache(maxsize=4096)(escape)  # the same few area names on every row
NOT_COMPARED = "–"


def comparable(indicator: Indicator) -> bool:
    """Whether areas of different sizes can be compared on this indicator (a rate or a share)."""
    return indicator.unit in COMPARABLE_UNITS


def _known(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def gap_unit(indicator: Indicator) -> str:
    """What a difference is counted in: 'points' for percentages, 'per 1,000' for rates."""
    if indicator.unit == "percentage":
        return " points"
    if indicator.unit == "rate" and indicator.rate_per:
        return f" per {indicator.rate_per:,}"
    return ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """One area's latest value against another area's, for the same period."""

    indicator: str
    gap: float  # this area minus the other, at the published precision
    better: bool | None  # None when the two are the same at the published precision
    standardised: float | None  # the gap in the good direction as a share of the other value
    words: str  # e.g. 'better than Brackenford by 3.1 points'
    short: str  # the same without the other area's name, for a column headed by it

    def against(self, name: str) -> str:
        """The gap in words against another area whose name is already escaped for the page."""
        return said_against(self.short, name)


def said_against(short: str, name: str) -> str:
    """'better by 3.1 points' against Brackenford: 'better than Brackenford by 3.1 points'."""
    if short == "the same":
        return f"the same as {name}"
    side, size = short.split(" by ", 1)
    return f"{side} than {name} by {size}"


def compare(
    indicator: Indicator, mine: Progress | None, other: Progress | None, other_name: str
) -> Comparison | None:
    """How this area's latest value stands against another's; None when not like with like.

    Counts, missing or withheld values, and values for different periods are never compared.
    """
    if not comparable(indicator) or mine is None or other is None:
        return None
    if mine.latest_period is None or mine.latest_period != other.latest_period:
        return None
    if not (_known(mine.latest_value) and _known(other.latest_value)):
        return None
    assert mine.latest_value is not None and other.latest_value is not None
    return compare_values(indicator, mine.latest_value, other.latest_value, other_name)


def compare_values(indicator: Indicator, mine: float, other: float, other_name: str) -> Comparison:
    """Two figures for the same period, the gap in words that respect polarity."""
    decimals = indicator.decimals
    gap = round(round(mine, decimals) - round(other, decimals), decimals)
    name = _escaped(other_name)
    if gap == 0:
        return Comparison(indicator.id, 0.0, None, 0.0, said_against("the same", name), "the same")
    if not indicator.judged:  # neither direction is better: higher or lower, not counted
        size = number(abs(gap), decimals) + gap_unit(indicator)
        side = "higher" if gap > 0 else "lower"
        short = f"{side} by {size}"
        return Comparison(indicator.id, gap, None, None, said_against(short, name), short)
    good = gap > 0 if indicator.higher_is_better else gap < 0
    base = abs(other)
    standardised = abs(gap) / base * (1 if good else -1) if base else None
    size = number(abs(gap), decimals) + gap_unit(indicator)
    short = f"{'better' if good else 'worse'} by {size}"
    return Comparison(indicator.id, gap, good, standardised, said_against(short, name), short)


@dataclass(frozen=True, slots=True)
class Standing:
    """How an area compares with the whole place: counts, and where it stands out."""

    better: int
    worse: int
    same: int
    behind: tuple[Comparison, ...]  # furthest behind first
    ahead: tuple[Comparison, ...]  # furthest ahead first
    higher: int  # measures with no better direction: higher or lower, never counted above
    lower: int

    @property
    def compared(self) -> int:
        """How many measures could be compared."""
        return self.better + self.worse + self.same


def standing(comparisons: Sequence[Comparison], top: int = 3) -> Standing:
    """Count better and worse, and pick the largest standardised gaps each way (the method's rule).

    Ties are broken by indicator id, so the choice never depends on the order given.
    """
    better = [c for c in comparisons if c.better is True]
    worse = [c for c in comparisons if c.better is False]
    ranked = [c for c in comparisons if c.standardised is not None]
    behind = sorted(
        (c for c in ranked if c.better is False),
        key=lambda c: (c.standardised or 0.0, c.indicator),
    )
    ahead = sorted(
        (c for c in ranked if c.better is True),
        key=lambda c: (-(c.standardised or 0.0), c.indicator),
    )
    return Standing(
        better=len(better),
        worse=len(worse),
        same=sum(1 for c in comparisons if c.better is None and c.gap == 0),
        behind=tuple(behind[:top]),
        ahead=tuple(ahead[:top]),
        higher=sum(1 for c in comparisons if c.better is None and c.gap > 0),
        lower=sum(1 for c in comparisons if c.better is None and c.gap < 0),
    )


def worst_first(comparison: Comparison | None) -> tuple[int, float]:
    """A sort key putting the furthest behind the place first and uncompared rows last."""
    if comparison is None or comparison.standardised is None:
        return (1, 0.0)
    return (0, comparison.standardised)
