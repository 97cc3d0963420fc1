"""Money and other amounts written as readers expect them: £1,234, 12 hours, 7.5%."""

from __future__ import annotations

from laa_publish.render.text import compact_number

UNITS = {
    "pounds": "£",
    "hours": "hours",
    "people": "people",
    "count": "",
    "percentage": "%",
    "score": "points",
}


def money(value: float) -> str:
    """Pounds, rounded to the pound, with thousands separators."""
    return f"£{round(value):,}"


def amount(value: float | None, unit: str) -> str:
    """An amount in its own unit, such as a benefit's value."""
    if value is None:
        return ""
    if unit == "pounds":
        return money(value)
    if unit == "percentage":
        return f"{compact_number(value)}%"
    suffix = UNITS.get(unit, unit)
    return (
        f"{round(value):,} {suffix}".strip()
        if value == round(value)
        else (f"{compact_number(value)} {suffix}".strip())
    )
