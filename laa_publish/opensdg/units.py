"""Units and unit multipliers: Open SDG's free-text labels as laa-publish's few units."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import numpy as np

MULTIPLIERS = {
    "": 1,
    "unit": 1,
    "units": 1,
    "ones": 1,
    "one": 1,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "millions": 1_000_000,
    "tens of millions": 10_000_000,
    "hundreds of millions": 100_000_000,
    "billions": 1_000_000_000,
    "trillions": 1_000_000_000_000,
}
_RATE = re.compile(r"\bper\s+(\d[\d,]*)")
_COUNT = re.compile(
    r"\b(number|numbers|count|counts|persons|people|trips|passengers|journeys|deaths|cases|"
    r"households|visitors|tons|tonnes|kilograms|kg|litres|hectares|km|total)\b"
)


def multiplier(text: str) -> tuple[int, bool]:
    """The factor a Unit multiplier cell stands for, and whether the text was one at all."""
    key = " ".join(text.lower().split())
    if key in MULTIPLIERS:
        return MULTIPLIERS[key], True
    return 1, False


def unit_kind(text: str) -> tuple[str | None, int | None]:
    """The unit a label names, and the rate's base; None when the label does not say."""
    label = " ".join(text.lower().split())
    if not label:
        return None, None
    rate = _RATE.search(label)
    if rate:
        base = int(rate.group(1).replace(",", "") or 0)
        if base in (100, 1000, 10_000, 100_000):
            return "rate", base
        return "ratio", None
    if "%" in label or "percent" in label or "proportion" in label:
        return "percentage", None
    if "ratio" in label or "rate" in label or "index" in label or " per " in f" {label} ":
        return "ratio", None
    if "£" in label or "pound" in label or "gbp" in label or "$" in label or "usd" in label:
        return "currency", None
    if "score" in label:
        return "score", None
    if re.search(r"\bdays?\b", label):
        return "days", None
    if _COUNT.search(label):
        return "count", None
    return None, None


def allowed(unit: str, low: float, high: float) -> bool:
    """Whether values from low to high fit the unit as the validator checks it."""
    if unit == "percentage":
        return low >= 0 and high <= 100
    if unit in ("count", "rate", "currency", "days"):
        return low >= 0
    return True


def scaled(text: str, factor: int) -> str:
    """A plain decimal multiplied exactly, written without exponent or trailing zeros."""
    value = Decimal(text) * factor
    out = format(value, "f")
    if "." in out:
        out = out.rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


SIGNIFICANT = 3  # digits a typical figure is shown to: 85.7%, 2.43, 0.0042, 1,234
MOST_DECIMALS = 4


def decimals_of(texts: list[str]) -> int:
    """Decimal places to show: enough for three significant digits, never more than given."""
    most = 0
    for text in texts:
        if "." in text and "e" not in text.lower():
            most = max(most, len(text.split(".", 1)[1]))
    return shown_decimals(most, np.array([_number(t) for t in texts], dtype=float))


def shown_decimals(given: int, values: np.ndarray) -> int:
    """Places for the median figure's three significant digits, within what the source gives.

    Spreadsheets export 88.7412621682 for 88.7%: showing every place claims a precision the
    survey never had, while a rate such as 0.0042 still keeps its four places.
    """
    figures = np.abs(values[np.isfinite(values) & (values != 0)])
    if not len(figures):
        return min(given, MOST_DECIMALS)
    digits = math.floor(math.log10(float(np.median(figures)))) + 1
    return max(0, min(given, MOST_DECIMALS, SIGNIFICANT - digits))


def _number(text: str) -> float:
    """The figure a cell holds, or NaN, which shown_decimals leaves out."""
    try:
        return float(text)
    except ValueError:
        return math.nan
