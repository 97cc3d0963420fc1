"""Which figures the site will suppress, so that a narrative never quotes one.

This follows ``laa_publish.compute.disclosure`` for the all-people rows a narrative
quotes: a count from 1 to the threshold - 1 in a neighbourhood or school cluster is
suppressed (primary), and where a published total would then give away the only hidden
member of a group of areas, the smallest other member is hidden too (secondary).
``tests/test_example_generator.py`` checks every quoted figure against the site's own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import cast

from laa_publish.compute.disclosure import MAX_ROUNDS
from laa_publish.model.entities import Settings
from tools.example.cells import Cell
from tools.example.model import Area, IndicatorSpec
from tools.example.tables import read_yaml

# The example's partnership sets the threshold and keeps laa-publish's levels.
THRESHOLD: int = read_yaml("partnership.yaml")["disclosure_threshold"]
LEVELS = cast(
    "tuple[str, ...]", next(f.default for f in fields(Settings) if f.name == "disclosure_levels")
)


def count_of(spec: IndicatorSpec, cell: Cell) -> int | None:
    """The count that could identify people: the value of a count, else the numerator."""
    if spec.unit == "count" and spec.aggregation == "sum":
        return None if cell.value is None else int(cell.value)
    return cell.numerator


def hidden_areas(
    spec: IndicatorSpec, row: Mapping[str, Cell], areas: Sequence[Area]
) -> dict[str, str]:
    """The areas whose figure for one period the site hides, each with the reason why."""
    hidden: dict[str, str] = {}
    for area in areas:
        cell = row.get(area.code)
        if cell is None:
            continue
        count = count_of(spec, cell)
        if cell.status == "suppressed":
            hidden[area.code] = "it is submitted as suppressed"
        elif area.level in LEVELS and count is not None and 0 < count < THRESHOLD:
            hidden[area.code] = (
                f"a count of {count} is below the disclosure threshold of {THRESHOLD}"
            )
    if not hidden:
        return hidden
    groups: dict[tuple[str, str], list[str]] = {}
    for child in sorted(areas, key=lambda a: a.code):
        if child.parent and child.code in row:
            groups.setdefault((child.parent, child.level), []).append(child.code)
    for _ in range(MAX_ROUNDS):
        changed = False
        for (parent, _level), members in sorted(groups.items()):
            if parent not in row or parent in hidden or len(members) < 2:
                continue
            visible = [m for m in members if m not in hidden]
            if len(members) - len(visible) != 1 or not visible:
                continue

            def order(code: str) -> tuple[float, str]:
                count = count_of(spec, row[code])
                return (math.inf if count is None else count, code)

            pick = min(visible, key=order)
            hidden[pick] = "it is hidden so that a suppressed figure cannot be worked out"
            changed = True
        if not changed:
            break
    return hidden
