"""Cells of an indicator's table, and the rounding-safe arithmetic on them.

Districts and the city are the exact sums of their parts, and no published value may sit
exactly on a rounding boundary (x.xx5), where half-up and half-even rules disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tools.example.model import IndicatorSpec


@dataclass
class Cell:
    """One row of an indicator's CSV before formatting."""

    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    lower_ci: Decimal | None = None
    upper_ci: Decimal | None = None
    status: str = "final"
    note: str = ""


Table = dict[str, dict[str, Cell]]  # period -> area code -> cell


def quantize(value: float | Decimal, decimals: int) -> Decimal:
    """Round half up to a fixed number of decimals, without binary noise."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def ratio_value(numerator: int, denominator: int, scale: float, decimals: int) -> Decimal:
    """numerator / denominator x scale, rounded half up."""
    exact = Decimal(numerator) * Decimal(int(scale)) / Decimal(denominator)
    return quantize(exact, decimals)


def is_tie(numerator: int, denominator: int, scale: float, decimals: int) -> bool:
    """True when the exact rate sits on a rounding boundary (x.xx5 exactly).

    Such values round differently under half-up and half-even rules, so the
    generator nudges a numerator to keep every published value unambiguous.
    """
    twice = 2 * numerator * int(scale) * int(10**decimals)
    return twice % denominator == 0 and (twice // denominator) % 2 == 1


def sum_cells(cells: Iterable[Cell]) -> Cell:
    """One cell holding the sums of the numerators (and denominators) of several."""
    items = list(cells)
    num = sum(c.numerator or 0 for c in items)
    if items and items[0].denominator is None:
        return Cell(numerator=num)
    return Cell(numerator=num, denominator=sum(c.denominator or 0 for c in items))


def set_values(spec: IndicatorSpec, cells: Iterable[Cell]) -> bool:
    """Set each cell's value; False when one would sit exactly on a rounding boundary."""
    for cell in cells:
        num = cell.numerator or 0
        if cell.denominator is None:
            cell.value = Decimal(num)
        elif cell.denominator > 0:
            if is_tie(num, cell.denominator, spec.scale, spec.decimals):
                return False
            cell.value = ratio_value(num, cell.denominator, spec.scale, spec.decimals)
    return True
