"""Which figures the site will suppress, so that a narrative never quotes one.

The rule is laa-publish's own (``laa_publish.compute.disclosure.suppress``), applied to the
all-people rows of one period: a small count in a neighbourhood or school cluster is hidden
(primary), and where a published total would then give away the only hidden member of a
group of areas, another member is hidden too (secondary).
``tests/test_example_generator.py`` checks every quoted figure against the site's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from laa_publish.compute.disclosure import PRIMARY, SECONDARY, count_column, suppress
from laa_publish.model.levels import build_levels
from tools.example.brackenford import LEVELS
from tools.example.cells import Cell
from tools.example.model import Area, IndicatorSpec
from tools.example.tables import read_yaml

COLUMNS = ("value", "numerator", "denominator", "lower_ci", "upper_ci")
REASONS = {
    "": "it is submitted as suppressed",
    SECONDARY: "it is hidden so that a suppressed figure cannot be worked out",
}


@dataclass(frozen=True, slots=True)
class DisclosureRules:
    """The example partnership's threshold and its small-area levels."""

    disclosure_threshold: int
    disclosure_levels: tuple[str, ...]


RULES = DisclosureRules(
    read_yaml("partnership.yaml")["disclosure_threshold"],
    build_levels(LEVELS).small_areas,
)


def _frame(row: Mapping[str, Cell], areas: Sequence[Area]) -> pd.DataFrame:
    """One period's all-people cells as the frame laa-publish suppresses."""
    cells = [(area.code, row[area.code]) for area in areas if area.code in row]
    data: dict[str, list[object]] = {
        "area": [code for code, _ in cells],
        "ordinal": [0] * len(cells),
        "breakdown": [""] * len(cells),
        "status": [cell.status for _, cell in cells],
    }
    for column in COLUMNS:
        values = (getattr(cell, column) for _, cell in cells)
        data[column] = [float("nan") if v is None else float(v) for v in values]
    return pd.DataFrame(data)


def hidden_areas(
    spec: IndicatorSpec, row: Mapping[str, Cell], areas: Sequence[Area]
) -> dict[str, str]:
    """The areas whose figure for one period the site hides, each with the reason why."""
    frame = _frame(row, areas)
    if frame.empty:
        return {}
    column = count_column(spec, frame)
    counts = frame[column].tolist() if column else [0.0] * len(frame)
    result = suppress(spec, frame, {area.code: area for area in areas}, RULES)
    found: dict[str, str] = {}
    rows = zip(result["area"], result["status"], result["suppression"], counts, strict=True)
    for code, status, reason, count in rows:
        if status != "suppressed":
            continue
        if reason == PRIMARY:
            found[code] = (
                f"a count of {int(count)} is below the disclosure threshold of "
                f"{RULES.disclosure_threshold}"
            )
        else:
            found[code] = REASONS[reason]
    return found
