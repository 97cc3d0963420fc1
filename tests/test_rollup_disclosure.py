"""Roll-ups up the area tree, the consistency check, and disclosure control.

The disclosure property test proves, on generated data, that no suppressed value can be
recovered from the published totals and the visible values by any linear combination.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from conftest import csv_table, make_indicator
from hypothesis import given, settings
from hypothesis import strategies as st

from laa_publish.compute.disclosure import groups, suppress
from laa_publish.compute.rollup import roll_up
from laa_publish.model.entities import Area, Dimension, DimensionValue, Partnership, Settings, Theme
from laa_publish.validate.consistency import consistency_issues
from laa_publish.validate.observations import check_observations

CITY = Area("C", "City", "city", None, (), "2000-01-01", None)
SETTINGS = Settings(
    name="P",
    place="City",
    place_area="C",
    agreement_title="A",
    agreement_start="2023-04-01",
    agreement_end="2027-03-31",
    core_team="@t/c",
    contact_name="c",
    contact_email="c@x.example",
    themes=(Theme("t", "T", ""),),
    dimensions=(
        Dimension("sex", "Sex", (DimensionValue("F", "Female"), DimensionValue("M", "Male"))),
    ),
)


def _areas(shape: list[int]) -> dict[str, Area]:
    areas = {"C": CITY}
    for d, kids in enumerate(shape):
        areas[f"D{d}"] = Area(f"D{d}", f"District {d}", "district", "C", (), "2000-01-01", None)
        for n in range(kids):
            code = f"N{d}{n}"
            areas[code] = Area(code, code, "neighbourhood", f"D{d}", (), "2000-01-01", None)
    return areas


def _frame(text: str, indicator, areas) -> pd.DataFrame:
    frame, issues = check_observations(indicator, csv_table(text), areas, SETTINGS)
    assert frame is not None and not [i for i in issues if i.severity == "error"], issues
    return frame


COUNT = make_indicator(unit="count", aggregation="sum", decimals=0, polarity="lower_is_better")
RATE = make_indicator(unit="percentage", aggregation="rate", decimals=1)


def test_counts_are_summed_up_every_level_of_the_tree() -> None:
    areas = _areas([2, 2])
    frame = _frame(
        "period,area,value\n2024-25,N00,10\n2024-25,N01,20\n2024-25,N10,5\n2024-25,N11,7\n",
        COUNT,
        areas,
    )
    rolled = roll_up(COUNT, frame, areas).set_index("area")
    assert rolled.loc["D0", "value"] == 30 and rolled.loc["D1", "value"] == 12
    assert rolled.loc["C", "value"] == 42
    assert bool(rolled.loc["C", "derived"]) and not bool(rolled.loc["N00", "derived"])
    assert "Computed from 2" in rolled.loc["C", "note"]


def test_rates_are_recomputed_from_numerators_never_averaged() -> None:
    areas = _areas([2])
    frame = _frame(
        "period,area,value,numerator,denominator\n"
        "2024-25,N00,50.0,50,100\n2024-25,N01,10.0,90,900\n",
        RATE,
        areas,
    )
    rolled = roll_up(RATE, frame, areas).set_index("area")
    assert rolled.loc["D0", "value"] == pytest.approx(14.0)  # 140 / 1000, not mean(50, 10)
    assert (rolled.loc["D0", "numerator"], rolled.loc["D0", "denominator"]) == (140, 1000)


def test_submitted_parents_win_and_incomplete_children_are_not_rolled_up() -> None:
    areas = _areas([2, 2])
    frame = _frame(
        "period,area,value\n2024-25,D0,31\n2024-25,N00,10\n2024-25,N01,20\n2024-25,N10,5\n",
        COUNT,
        areas,
    )
    rolled = roll_up(COUNT, frame, areas).set_index("area")
    assert rolled.loc["D0", "value"] == 31 and not bool(rolled.loc["D0", "derived"])
    assert "D1" not in rolled.index, "one neighbourhood of D1 is missing"
    assert "C" not in rolled.index, "the city needs both districts"


def test_indicators_that_cannot_combine_are_left_alone() -> None:
    survey = dataclasses.replace(COUNT, aggregation="none")
    areas = _areas([2])
    frame = _frame("period,area,value\n2024-25,N00,1\n2024-25,N01,2\n", survey, areas)
    assert len(roll_up(survey, frame, areas)) == 2


def _partnership(areas: dict[str, Area]) -> Partnership:
    return Partnership(settings=SETTINGS, partners={}, areas=areas, outcomes={}, indicators={})


def test_consistency_warns_only_beyond_tolerance_and_rounding() -> None:
    areas = _areas([2])
    good = _frame(
        "period,area,value,numerator,denominator\n2024-25,D0,14.0,140,1000\n"
        "2024-25,N00,50.0,50,100\n2024-25,N01,10.0,90,900\n",
        RATE,
        areas,
    )
    assert list(consistency_issues(_partnership(areas), RATE, good, "x.csv", 3)) == []
    bad = _frame(
        "period,area,value,numerator,denominator\n2024-25,D0,15.0,150,1000\n"
        "2024-25,N00,50.0,50,100\n2024-25,N01,10.0,90,900\n",
        RATE,
        areas,
    )
    [issue] = consistency_issues(_partnership(areas), RATE, bad, "x.csv", 3)
    assert (issue.code, issue.line, issue.column) == ("rollup-mismatch", 2, 3)
    assert "14.0" in issue.message


def test_primary_and_secondary_suppression_in_a_district() -> None:
    areas = _areas([3])
    frame = _frame(
        "period,area,value\n2024-25,D0,60\n2024-25,N00,3\n2024-25,N01,40\n2024-25,N02,17\n",
        COUNT,
        areas,
    )
    out = suppress(COUNT, frame, areas, SETTINGS).set_index("area")
    assert out.loc["N00", "suppression"] == "primary" and math.isnan(out.loc["N00", "value"])
    assert out.loc["N02", "suppression"] == "secondary", "the next smallest hides N00"
    assert out.loc["N01", "value"] == 40 and out.loc["D0", "value"] == 60
    assert out.loc["N00", "status"] == "suppressed"


def test_rates_hide_value_numerator_and_denominator_together() -> None:
    areas = _areas([2])
    frame = _frame(
        "period,area,value,numerator,denominator\n2024-25,D0,5.0,50,1000\n"
        "2024-25,N00,0.8,4,500\n2024-25,N01,9.2,46,500\n",
        RATE,
        areas,
    )
    out = suppress(RATE, frame, areas, SETTINGS).set_index("area")
    for code in ("N00", "N01"):
        assert out.loc[code, ["value", "numerator", "denominator"]].isna().all()


def _determined(
    hidden: list[int],
    equations: list[tuple[int, list[int]]],
    values: np.ndarray,
    hidden_set: set[int],
) -> list[int]:
    """Hidden cells whose value follows from the published totals by linear algebra."""
    column = {cell: i for i, cell in enumerate(hidden)}
    rows = []
    for total, members in equations:
        row = np.zeros(len(hidden))
        for m in members:
            if m in hidden_set:
                row[column[m]] += 1
        if total in hidden_set:
            row[column[total]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.array(rows)
    rank = np.linalg.matrix_rank(a)
    found = []
    for cell, i in column.items():
        unit = np.zeros(len(hidden))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            found.append(cell)
    return found


@settings(max_examples=80, deadline=None)
@given(
    shape=st.lists(st.integers(2, 4), min_size=2, max_size=4),
    seed=st.integers(0, 2**32 - 1),
    sexes=st.booleans(),
)
def test_no_suppressed_value_can_be_recovered(shape: list[int], seed: int, sexes: bool) -> None:
    areas = _areas(shape)
    rng = np.random.default_rng(seed)
    rows = []
    district_totals = []
    for d, kids in enumerate(shape):
        counts = rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40], size=kids)
        rows += [f"2024-25,N{d}{n},,{c}" for n, c in enumerate(counts)]
        district_totals.append(int(counts.sum()))
        rows.append(f"2024-25,D{d},,{int(counts.sum())}")
    total = sum(district_totals)
    rows.append(f"2024-25,C,,{total}")
    if sexes:
        female = int(rng.integers(0, total + 1))
        rows += [f"2024-25,C,F,{female}", f"2024-25,C,M,{total - female}"]
    indicator = dataclasses.replace(COUNT, breakdowns=("sex",))
    text = "period,area,sex,value\n" + "\n".join(rows) + "\n"
    frame = _frame(text, indicator, areas)
    out = suppress(indicator, frame, areas, SETTINGS)
    hidden_mask = out["status"].eq("suppressed").to_numpy()
    levels = out["area"].map(lambda c: areas[c].level)
    small = (levels == "neighbourhood") | (out["breakdown"] != "")
    counts = frame["value"].to_numpy()
    assert (hidden_mask[(small & (counts > 0) & (counts < 5)).to_numpy()]).all()
    equations = list(groups(out, areas))
    hidden = [int(i) for i in np.flatnonzero(hidden_mask)]
    assert _determined(hidden, equations, counts, set(hidden)) == []
    for total_row, members in equations:
        if not hidden_mask[total_row]:
            assert sum(hidden_mask[m] for m in members) != 1
